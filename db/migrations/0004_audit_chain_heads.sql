CREATE TABLE "audit_chain_heads" (
	"tenant_id" uuid,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_chain_heads_chain_uq" UNIQUE NULLS NOT DISTINCT("tenant_id")
);
--> statement-breakpoint
-- Hand-written below (drizzle-kit cannot say triggers). Existing chains get their head: the last
-- entry of each, as it stands when this runs.
INSERT INTO "audit_chain_heads" ("tenant_id", "seq", "hash")
  SELECT DISTINCT ON ("tenant_id") "tenant_id", "seq", "hash"
  FROM "audit_entries"
  ORDER BY "tenant_id", "seq" DESC;
--> statement-breakpoint
-- One refusal for every guarded table, naming the table (it was worded for audit_entries alone).
CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- TRUNCATE fires no row trigger: it needs a statement-level one of its own.
CREATE TRIGGER audit_entries_no_truncate
  BEFORE TRUNCATE ON audit_entries
  FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
--> statement-breakpoint
-- A head only moves forward along its own chain: setting it back would hide a removed tail again.
CREATE OR REPLACE FUNCTION audit_chain_heads_forward_only() RETURNS trigger AS $$
BEGIN
  IF NEW.tenant_id IS DISTINCT FROM OLD.tenant_id OR NEW.seq <= OLD.seq THEN
    RAISE EXCEPTION 'audit_chain_heads only moves forward: seq % to % refused', OLD.seq, NEW.seq
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_chain_heads_forward_only
  BEFORE UPDATE ON audit_chain_heads
  FOR EACH ROW EXECUTE FUNCTION audit_chain_heads_forward_only();
--> statement-breakpoint
CREATE TRIGGER audit_chain_heads_no_delete
  BEFORE DELETE ON audit_chain_heads
  FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_chain_heads_no_truncate
  BEFORE TRUNCATE ON audit_chain_heads
  FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
