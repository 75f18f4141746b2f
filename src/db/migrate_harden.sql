-- Schema (harden, issue 10): API tokens that expire and die with their account's controls, and
-- the audit chain's record of the rows it vouches for.
--
-- api_token.expires_at: a token stops working then (NULL: tokens made before this version, which
-- the server treats as expiring 90 days after created_at). revoked_why says what ended it.
-- The triggers end every live token of a user whose password hash, state, lock or roles change,
-- whatever path made the change (web, CLI, a failed-login lockout).
ALTER TABLE api_token ADD COLUMN expires_at TEXT;
ALTER TABLE api_token ADD COLUMN revoked_why TEXT;

CREATE TRIGGER api_token_die_password AFTER UPDATE OF password_hash ON users
  WHEN new.password_hash IS NOT old.password_hash BEGIN
  UPDATE api_token SET revoked_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), revoked_why = 'password'
   WHERE user_id = new.id AND revoked_at IS NULL;
END;
CREATE TRIGGER api_token_die_state AFTER UPDATE OF state ON users
  WHEN new.state IS NOT old.state AND new.state <> 'active' BEGIN
  UPDATE api_token SET revoked_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), revoked_why = new.state
   WHERE user_id = new.id AND revoked_at IS NULL;
END;
CREATE TRIGGER api_token_die_lock AFTER UPDATE OF locked_until ON users
  WHEN new.locked_until IS NOT NULL AND new.locked_until IS NOT old.locked_until BEGIN
  UPDATE api_token SET revoked_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), revoked_why = 'locked'
   WHERE user_id = new.id AND revoked_at IS NULL;
END;
CREATE TRIGGER api_token_die_role_add AFTER INSERT ON user_role BEGIN
  UPDATE api_token SET revoked_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), revoked_why = 'roles'
   WHERE user_id = new.user_id AND revoked_at IS NULL;
END;
CREATE TRIGGER api_token_die_role_remove AFTER DELETE ON user_role BEGIN
  UPDATE api_token SET revoked_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), revoked_why = 'roles'
   WHERE user_id = old.user_id AND revoked_at IS NULL;
END;

-- audit.digest: SHA-256 of the audited object's guarded content (a measure's state, percent and
-- progress; a user's password hash, state and roles) right after the change the row records;
-- NULL for rows about other things. audit.keyed: 1 when hash is an HMAC with the key kept
-- outside the database (rows written before the key existed stay plain SHA-256 chains).
ALTER TABLE audit ADD COLUMN digest TEXT;
ALTER TABLE audit ADD COLUMN keyed INTEGER NOT NULL DEFAULT 0;
-- (audit verify finds the latest entry about each object through audit_object, made by
-- migrate_audit_view.sql.)
