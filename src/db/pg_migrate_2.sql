-- pg_migrate_2.sql: migrate_2.sql in PostgreSQL's dialect (version 2). SQLite's FTS5 trigram
-- table becomes a pg_trgm GIN index on the measure's own columns: the same substring search of
-- three characters and more, kept by the index itself, so no triggers. pg_trgm is a trusted
-- extension: the database's owner may create it.

ALTER TABLE inspection ADD COLUMN org_unit_id bigint REFERENCES unit(id) DEFERRABLE;
CREATE INDEX inspection_org ON inspection(org_unit_id);

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX measure_fts_trgm ON measure USING gin (title gin_trgm_ops, body gin_trgm_ops);

-- session_user is a reserved word in PostgreSQL.
CREATE INDEX "session_user" ON session(user_id);
