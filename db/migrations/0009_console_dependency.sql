-- Every console page's view permission depends on gatehouse.console (issue 13): the seed writes
-- these edges for a new database; this adds them to one seeded before.
INSERT INTO "permission_dependencies" ("permission_id", "depends_on_id")
SELECT p."id", c."id"
FROM "permissions" p, "permissions" c
WHERE p."tenant_id" IS NULL AND c."tenant_id" IS NULL AND c."code" = 'gatehouse.console'
  AND p."code" LIKE 'gatehouse.%.view' AND p."code" NOT LIKE 'gatehouse.%.%.%'
ON CONFLICT DO NOTHING;
