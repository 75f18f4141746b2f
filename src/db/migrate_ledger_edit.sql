-- The office edits the ledger in the web (issue 12): the plan's state (a draft is the office's
-- alone; issuing it makes its measures live for units), a version per edited object for the
-- If-Match / form version check, whether new measures need an on-site check, and the reason a
-- measure was withdrawn (撤销) after issue. Existing ledgers count as issued, so nothing that
-- units see today disappears.

ALTER TABLE inspection ADD COLUMN plan_state TEXT NOT NULL DEFAULT 'issued'
  CHECK (plan_state IN ('draft','issued'));
ALTER TABLE inspection ADD COLUMN issued_at TEXT;
ALTER TABLE inspection ADD COLUMN require_onsite INTEGER NOT NULL DEFAULT 0;
ALTER TABLE inspection ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE finding ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE measure ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE measure ADD COLUMN withdrawn_at TEXT;
ALTER TABLE measure ADD COLUMN withdrawn_reason TEXT;

-- The pickers search units and persons by the start of their names.
CREATE INDEX person_name ON person(name);

-- A document uploaded to the import wizard: between preview and confirmation the file lives
-- under the data folder by its SHA-256 (unconfirmed previews expire); once confirmed the row
-- remembers where it went, so that uploading the same file again says so and changes nothing.
CREATE TABLE import_upload (
  sha256        TEXT PRIMARY KEY,
  file_name     TEXT NOT NULL,
  size          INTEGER NOT NULL CHECK (size >= 0),
  uploaded_by   INTEGER REFERENCES users(id),
  uploaded_at   TEXT NOT NULL,
  inspection_id INTEGER REFERENCES inspection(id) ON DELETE SET NULL,
  confirmed_at  TEXT
) STRICT;
CREATE INDEX import_upload_pending ON import_upload(uploaded_at) WHERE confirmed_at IS NULL;
