-- Every change to a key that can change how it authenticates (revocation, deletion — a tenant's
-- cascade too —, its creator removed, a new key for a prefix) is announced on the channel
-- gatehouse_api_keys with the key's prefix: each instance's key cache (lib/auth/api-keys.ts)
-- drops that key. Sent by the changing transaction, so it is delivered at its commit and a
-- rolled-back change announces nothing. last_used_at alone (the batched usage stamp) is not news.
CREATE OR REPLACE FUNCTION api_keys_notify() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM pg_notify('gatehouse_api_keys', OLD.prefix);
  END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.prefix IS DISTINCT FROM OLD.prefix) THEN
    PERFORM pg_notify('gatehouse_api_keys', NEW.prefix);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER api_keys_notify_insert_delete
  AFTER INSERT OR DELETE ON api_keys
  FOR EACH ROW EXECUTE FUNCTION api_keys_notify();
--> statement-breakpoint
CREATE TRIGGER api_keys_notify_update
  AFTER UPDATE ON api_keys
  FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'last_used_at') IS DISTINCT FROM (to_jsonb(NEW) - 'last_used_at'))
  EXECUTE FUNCTION api_keys_notify();
