-- pg_migrate_harden.sql: migrate_harden.sql in PostgreSQL's dialect (version 6). The five
-- token triggers share two functions: one for changes of the account (its argument is the
-- reason, or none for the account's new state), one for changes of its roles.
ALTER TABLE api_token ADD COLUMN expires_at text;
ALTER TABLE api_token ADD COLUMN revoked_why text;

CREATE FUNCTION zg_token_die_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE api_token SET revoked_at = zg_now(),
         revoked_why = CASE WHEN TG_NARGS > 0 THEN TG_ARGV[0] ELSE NEW.state END
   WHERE user_id = NEW.id AND revoked_at IS NULL;
  RETURN NULL;
END $$;
CREATE FUNCTION zg_token_die_role() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE api_token SET revoked_at = zg_now(), revoked_why = 'roles'
   WHERE user_id = CASE WHEN TG_OP = 'DELETE' THEN OLD.user_id ELSE NEW.user_id END
     AND revoked_at IS NULL;
  RETURN NULL;
END $$;

CREATE TRIGGER api_token_die_password AFTER UPDATE OF password_hash ON users FOR EACH ROW
  WHEN (NEW.password_hash IS DISTINCT FROM OLD.password_hash)
  EXECUTE FUNCTION zg_token_die_user('password');
CREATE TRIGGER api_token_die_state AFTER UPDATE OF state ON users FOR EACH ROW
  WHEN (NEW.state IS DISTINCT FROM OLD.state AND NEW.state <> 'active')
  EXECUTE FUNCTION zg_token_die_user();
CREATE TRIGGER api_token_die_lock AFTER UPDATE OF locked_until ON users FOR EACH ROW
  WHEN (NEW.locked_until IS NOT NULL AND NEW.locked_until IS DISTINCT FROM OLD.locked_until)
  EXECUTE FUNCTION zg_token_die_user('locked');
CREATE TRIGGER api_token_die_role_add AFTER INSERT ON user_role FOR EACH ROW
  EXECUTE FUNCTION zg_token_die_role();
CREATE TRIGGER api_token_die_role_remove AFTER DELETE ON user_role FOR EACH ROW
  EXECUTE FUNCTION zg_token_die_role();

ALTER TABLE audit ADD COLUMN digest text;
ALTER TABLE audit ADD COLUMN keyed bigint NOT NULL DEFAULT 0;
