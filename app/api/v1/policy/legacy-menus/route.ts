import { route } from "@/lib/api/route";
import { DEFAULT_LEGACY_MAPPING, migrateLegacyMenus } from "@/lib/services/legacy-menus";
import { legacyMenusRequest, policyApplyQuery } from "@/lib/validation/policy";
import { LegacyMenusMigrated, ok } from "@/lib/validation/responses";

// `gatehouse migrate-legacy-menus --url` (docs/operations.md): the same service as on the
// database — one transaction, one `policy.legacy_menus_migrated` entry; `?dry_run=true` writes nothing.
export const POST = route(
  {
    responses: [ok(LegacyMenusMigrated, "Migrated (or, with dry_run=true, what would be), role by role")],
    scope: "write",
    permission: "gatehouse.roles.manage",
    query: policyApplyQuery,
    body: legacyMenusRequest,
  },
  ({ ctx, query, body }) => migrateLegacyMenus(ctx, body.mapping ?? DEFAULT_LEGACY_MAPPING, { dryRun: query.dry_run }),
);
