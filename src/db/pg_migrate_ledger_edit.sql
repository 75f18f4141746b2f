-- pg_migrate_ledger_edit.sql: migrate_ledger_edit.sql in PostgreSQL's dialect (version 4).

ALTER TABLE inspection ADD COLUMN plan_state text NOT NULL DEFAULT 'issued'
  CHECK (plan_state IN ('draft','issued'));
ALTER TABLE inspection ADD COLUMN issued_at text;
ALTER TABLE inspection ADD COLUMN require_onsite bigint NOT NULL DEFAULT 0;
ALTER TABLE inspection ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE finding ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE measure ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE measure ADD COLUMN withdrawn_at text;
ALTER TABLE measure ADD COLUMN withdrawn_reason text;

CREATE INDEX person_name ON person(name);

CREATE TABLE import_upload (
  sha256        text PRIMARY KEY,
  file_name     text NOT NULL,
  size          bigint NOT NULL CHECK (size >= 0),
  uploaded_by   bigint REFERENCES users(id) DEFERRABLE,
  uploaded_at   text NOT NULL,
  inspection_id bigint REFERENCES inspection(id) ON DELETE SET NULL DEFERRABLE,
  confirmed_at  text
);
CREATE INDEX import_upload_pending ON import_upload(uploaded_at) WHERE confirmed_at IS NULL;
