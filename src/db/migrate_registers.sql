-- Registers (issue 14): the clue register's entry times and outcome dates, mechanisms linked to
-- several problems and measures, recoveries linked to a problem, the public feedback register
-- with its four states, and published reports frozen as bytes. Entry times (created_at, UTC)
-- let a report as of a past day count only what had been entered by the end of that day.

ALTER TABLE clue ADD COLUMN created_at TEXT;
ALTER TABLE clue ADD COLUMN updated_at TEXT;
ALTER TABLE clue_outcome ADD COLUMN decided_on TEXT;
ALTER TABLE clue_outcome ADD COLUMN created_at TEXT;
CREATE INDEX clue_outcome_clue ON clue_outcome(clue_id);
CREATE INDEX clue_inspection_id ON clue(inspection_id, id);

ALTER TABLE mechanism ADD COLUMN created_at TEXT;
CREATE TABLE mechanism_link (
  mechanism_id INTEGER NOT NULL REFERENCES mechanism(id) ON DELETE CASCADE,
  finding_id   INTEGER REFERENCES finding(id) ON DELETE CASCADE,
  measure_id   INTEGER REFERENCES measure(id) ON DELETE CASCADE,
  CHECK ((finding_id IS NULL) <> (measure_id IS NULL))
) STRICT;
CREATE INDEX mechanism_link_mechanism ON mechanism_link(mechanism_id);
CREATE INDEX mechanism_link_finding ON mechanism_link(finding_id);
CREATE INDEX mechanism_link_measure ON mechanism_link(measure_id);
INSERT INTO mechanism_link(mechanism_id, measure_id)
  SELECT id, measure_id FROM mechanism WHERE measure_id IS NOT NULL;
INSERT INTO mechanism_link(mechanism_id, finding_id)
  SELECT id, finding_id FROM mechanism WHERE finding_id IS NOT NULL;

ALTER TABLE meeting ADD COLUMN created_at TEXT;

ALTER TABLE recovery ADD COLUMN finding_id INTEGER REFERENCES finding(id);
ALTER TABLE recovery ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE recovery ADD COLUMN created_at TEXT;
CREATE INDEX recovery_inspection ON recovery(inspection_id, id);
CREATE INDEX recovery_finding ON recovery(finding_id);

CREATE TABLE public_feedback_v3 (
  id          INTEGER PRIMARY KEY,
  inspection_id INTEGER REFERENCES inspection(id),
  received_at TEXT NOT NULL,
  name        TEXT,
  contact     TEXT,
  body        TEXT NOT NULL,
  state       TEXT NOT NULL DEFAULT 'pending'
              CHECK (state IN ('pending','forwarded','answered','rejected')),
  reply       TEXT,
  replied_at  TEXT,
  replied_by  INTEGER REFERENCES users(id),
  clue_id     INTEGER REFERENCES clue(id)
) STRICT;
INSERT INTO public_feedback_v3(id, inspection_id, received_at, name, contact, body, state, reply)
  SELECT id, inspection_id, received_at, name, contact, body,
         CASE state WHEN 'handled' THEN 'answered' WHEN 'rejected' THEN 'rejected' ELSE 'pending' END,
         reply FROM public_feedback;
DROP TABLE public_feedback;
ALTER TABLE public_feedback_v3 RENAME TO public_feedback;
CREATE INDEX public_feedback_state ON public_feedback(state, id);

-- A published 通报: the day it speaks for, who published it and which names the office
-- confirmed; its files are frozen (no UPDATE, no DELETE).
CREATE TABLE publication (
  id            INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspection(id),
  title         TEXT NOT NULL,
  as_of         TEXT NOT NULL,
  published_at  TEXT NOT NULL,
  published_by  INTEGER REFERENCES users(id),
  confirmed     TEXT NOT NULL DEFAULT ''   -- names the office confirmed, one per line
) STRICT;
CREATE INDEX publication_inspection ON publication(inspection_id, id);

CREATE TABLE publication_file (
  publication_id INTEGER NOT NULL REFERENCES publication(id),
  format        TEXT NOT NULL CHECK (format IN ('md','html','docx')),
  sha256        TEXT NOT NULL,
  bytes         BLOB NOT NULL,
  PRIMARY KEY (publication_id, format)
) STRICT;
CREATE TRIGGER publication_file_no_update BEFORE UPDATE ON publication_file
  BEGIN SELECT RAISE(ABORT, 'a published report is frozen'); END;
CREATE TRIGGER publication_file_no_delete BEFORE DELETE ON publication_file
  BEGIN SELECT RAISE(ABORT, 'a published report is frozen'); END;
CREATE TRIGGER publication_no_update BEFORE UPDATE ON publication
  BEGIN SELECT RAISE(ABORT, 'a published report is frozen'); END;
CREATE TRIGGER publication_no_delete BEFORE DELETE ON publication
  BEGIN SELECT RAISE(ABORT, 'a published report is frozen'); END;

ALTER TABLE report ADD COLUMN as_of TEXT;
