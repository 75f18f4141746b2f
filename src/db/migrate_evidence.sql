-- Evidence, supervision and revisits (the daily loop of units and office): files withdrawn
-- rather than deleted, progress reports reviewed, supervision with a target and a response,
-- instructions acknowledged, revisits recorded, spot checks drawn from a recorded seed, the
-- reminder deliveries and the once-a-day claim of the reminder run.

ALTER TABLE evidence ADD COLUMN withdrawn_at TEXT;
ALTER TABLE evidence ADD COLUMN withdrawn_by INTEGER REFERENCES users(id);
ALTER TABLE evidence ADD COLUMN withdraw_reason TEXT;
CREATE INDEX evidence_progress ON evidence(progress_id);
CREATE INDEX evidence_sha256 ON evidence(sha256);

ALTER TABLE progress ADD COLUMN reviewer_id INTEGER REFERENCES users(id);
ALTER TABLE progress ADD COLUMN reviewed_at TEXT;
ALTER TABLE progress ADD COLUMN review_comment TEXT NOT NULL DEFAULT '';
CREATE INDEX progress_unit_state ON progress(unit_id, state);
-- A lead unit's own report is accepted when submitted; only co-units' reports wait for it.
UPDATE progress SET state = 'accepted' WHERE state = 'submitted'
  AND unit_id IS (SELECT m.lead_unit_id FROM measure m WHERE m.id = progress.measure_id);

-- Months after close-out at which a revisit (回头看) falls due.
ALTER TABLE inspection ADD COLUMN revisit_months INTEGER NOT NULL DEFAULT 6
  CHECK (revisit_months BETWEEN 1 AND 60);

-- Version 1's supervision table had a measure only and no response; nothing wrote it.
DROP TABLE supervision;
CREATE TABLE supervision (
  id            INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  measure_id    INTEGER REFERENCES measure(id) ON DELETE CASCADE,   -- target: a measure,
  finding_id    INTEGER REFERENCES finding(id) ON DELETE CASCADE,   -- or a problem,
  unit_id       INTEGER REFERENCES unit(id),                        -- the unit that responds
  kind          TEXT NOT NULL CHECK (kind IN ('remind','written','talk','listed','onsite')),
  state         TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','responded','lifted')),
  issued_on     TEXT NOT NULL,
  issued_by     INTEGER REFERENCES users(id),
  body          TEXT NOT NULL DEFAULT '',
  respond_by    TEXT,                      -- 督办: the response deadline
  talk_on       TEXT,                      -- 约谈: the day of the talk
  talk_record   TEXT,                      -- 约谈: what was said, recorded by the office
  response      TEXT,
  responded_on  TEXT,
  responded_by  INTEGER REFERENCES users(id),
  lifted_on     TEXT,
  lifted_by     INTEGER REFERENCES users(id),
  lift_reason   TEXT
) STRICT;
CREATE INDEX supervision_measure ON supervision(measure_id, state, respond_by);
CREATE INDEX supervision_unit ON supervision(unit_id, state);
CREATE INDEX supervision_inspection ON supervision(inspection_id, state, kind);

ALTER TABLE instruction ADD COLUMN given_by INTEGER REFERENCES users(id);
ALTER TABLE instruction ADD COLUMN acknowledged_on TEXT;
ALTER TABLE instruction ADD COLUMN acknowledged_by INTEGER REFERENCES users(id);
CREATE INDEX instruction_measure ON instruction(measure_id, acknowledged_on);

ALTER TABLE revisit ADD COLUMN recorded_by INTEGER REFERENCES users(id);
CREATE INDEX revisit_measure ON revisit(measure_id, id);
CREATE INDEX measure_revisit_due ON measure(revisit_due) WHERE revisit_due IS NOT NULL;

CREATE TABLE spot_check (
  id            INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  drawn_on      TEXT NOT NULL,
  drawn_by      INTEGER REFERENCES users(id),
  seed          INTEGER NOT NULL,
  percent       INTEGER CHECK (percent BETWEEN 1 AND 100),  -- a percentage, or
  sample_count  INTEGER CHECK (sample_count >= 1),          -- a count,
  per_unit      INTEGER NOT NULL DEFAULT 0,                 -- of each lead unit's closed measures
  population    INTEGER NOT NULL                            -- closed measures drawn from
) STRICT;
CREATE INDEX spot_check_inspection ON spot_check(inspection_id, id);

CREATE TABLE spot_check_item (
  check_id      INTEGER NOT NULL REFERENCES spot_check(id) ON DELETE CASCADE,
  measure_id    INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
  result        TEXT CHECK (result IN ('passed','failed')),
  checked_on    TEXT,
  checked_by    INTEGER REFERENCES users(id),
  comment       TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (check_id, measure_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX spot_check_item_measure ON spot_check_item(measure_id);

-- One webhook delivery attempt per row: the office's page lists them.
CREATE TABLE delivery (
  id            INTEGER PRIMARY KEY,
  day           TEXT NOT NULL,             -- the reminder day
  recipient     TEXT NOT NULL,             -- 'user:12' or 'unit:3'
  attempt       INTEGER NOT NULL,
  at            TEXT NOT NULL,
  status        INTEGER NOT NULL,          -- HTTP status, 0 when no reply
  ok            INTEGER NOT NULL,
  error         TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX delivery_day ON delivery(day, recipient);

-- The daily reminder run, claimed by one server per day.
CREATE TABLE remind_run (
  day           TEXT PRIMARY KEY,
  claimed_at    TEXT NOT NULL,
  claimed_by    TEXT NOT NULL,
  finished_at   TEXT
) STRICT;
