-- migrate_pagecost.sql: what lists, counts and lights need to cost the page rather than the
-- ledger (issue 11). Every list order gets an index per driving filter (inspection,
-- organisation, none), so that a page is an index range read after its cursor; every input of
-- the light rules of SPEC §4 that is not a bound value of the day is a column of the measure,
-- so that "red", "yellow" and "due within N days" are predicates on columns (measure_store.c
-- writes them; ledger/light.c stays their one definition and a test compares the two).
--
-- Columns that depend on the measure's own row are VIRTUAL generated columns: SQLite keeps
-- them right on every write, whoever writes. Columns copied from elsewhere (the inspection's
-- organisation and light settings, the day of the latest report) are kept by triggers, which
-- run inside the transaction of the change that moves them.

-- Sort keys: no deadline sorts last; the state in MeasureState's order (model.h); no lead unit
-- last.
ALTER TABLE measure ADD COLUMN due_key TEXT
  GENERATED ALWAYS AS (coalesce(deadline, '9999-12-31')) VIRTUAL;
ALTER TABLE measure ADD COLUMN state_rank INTEGER
  GENERATED ALWAYS AS (CASE state WHEN 'not_started' THEN 0 WHEN 'in_progress' THEN 1
    WHEN 'submitted' THEN 2 WHEN 'lead_approved' THEN 3 WHEN 'signed_off' THEN 4
    WHEN 'closed' THEN 5 WHEN 'phase_complete' THEN 6 WHEN 'returned' THEN 7
    WHEN 'relapsed' THEN 8 END) VIRTUAL;
ALTER TABLE measure ADD COLUMN unit_key INTEGER
  GENERATED ALWAYS AS (coalesce(lead_unit_id, 9223372036854775807)) VIRTUAL;

-- Copied from the inspection (triggers below): its organisation, its warning days and its
-- report cycle: the cycle's name, the effective due day and the shifted feedback date (see
-- the inspection's light_* columns).
ALTER TABLE measure ADD COLUMN org_unit_id INTEGER;
ALTER TABLE measure ADD COLUMN warn_days INTEGER NOT NULL DEFAULT 7;
ALTER TABLE measure ADD COLUMN cycle TEXT NOT NULL DEFAULT 'monthly';
ALTER TABLE measure ADD COLUMN due_day INTEGER NOT NULL DEFAULT 25;
ALTER TABLE measure ADD COLUMN report_from TEXT;
-- The day of the latest progress report that counts for the lights (submitted or accepted).
ALTER TABLE measure ADD COLUMN last_report_on TEXT;

-- The light rules' facts of the measure itself.
ALTER TABLE measure ADD COLUMN is_closed INTEGER
  GENERATED ALWAYS AS (state = 'closed') VIRTUAL;
-- The deadline while it can still be missed (not closed, not a verified long-term phase).
ALTER TABLE measure ADD COLUMN open_deadline TEXT
  GENERATED ALWAYS AS (CASE WHEN state IN ('closed','phase_complete') THEN NULL
                       ELSE deadline END) VIRTUAL;
-- The first day of the warning window before that deadline.
ALTER TABLE measure ADD COLUMN warn_from TEXT
  GENERATED ALWAYS AS (date(open_deadline, '-' || warn_days || ' days')) VIRTUAL;
-- Red whatever the day: returned twice or more, or relapsed (and not closed).
ALTER TABLE measure ADD COLUMN red_always INTEGER
  GENERATED ALWAYS AS (state <> 'closed' AND (return_count >= 2 OR state = 'relapsed')) VIRTUAL;
-- The units still owe periodic reports (ledger_owes_reports).
ALTER TABLE measure ADD COLUMN owes_reports INTEGER
  GENERATED ALWAYS AS (state IN ('not_started','in_progress','returned','relapsed',
                                 'phase_complete')) VIRTUAL;

-- The inspection's light settings as the rules read them (ledger_rules, ledger_cycle): warning
-- days (7 for 0), the effective due day (the cycle's default for 0 or out of range) and the
-- feedback date shifted back by due day - 1, so that "the cycle's due day is on or after the
-- feedback date" is `report_from <= cycle start`.
ALTER TABLE inspection ADD COLUMN light_warn_days INTEGER
  GENERATED ALWAYS AS (CASE WHEN warn_days > 0 THEN warn_days ELSE 7 END) VIRTUAL;
ALTER TABLE inspection ADD COLUMN light_due_day INTEGER
  GENERATED ALWAYS AS (CASE report_cycle
    WHEN 'weekly' THEN CASE WHEN report_due_day BETWEEN 1 AND 7 THEN report_due_day ELSE 5 END
    WHEN 'semimonthly' THEN CASE WHEN report_due_day BETWEEN 1 AND 15 THEN report_due_day
                            ELSE 10 END
    ELSE CASE WHEN report_due_day BETWEEN 1 AND 31 THEN report_due_day ELSE 25 END END) VIRTUAL;
ALTER TABLE inspection ADD COLUMN light_report_from TEXT
  GENERATED ALWAYS AS (date(feedback_on, '-' || (light_due_day - 1) || ' days')) VIRTUAL;

-- ... copied to the measure when it is written and whenever they change.
CREATE TRIGGER measure_light_insert AFTER INSERT ON measure BEGIN
  UPDATE measure SET org_unit_id = i.org_unit_id, warn_days = i.light_warn_days,
    cycle = i.report_cycle, due_day = i.light_due_day, report_from = i.light_report_from,
    last_report_on = (SELECT max(p.reported_on) FROM progress p WHERE p.measure_id = new.id
                      AND p.state IN ('submitted','accepted'))
  FROM inspection i WHERE i.id = new.inspection_id AND measure.id = new.id;
END;
CREATE TRIGGER measure_light_inspection AFTER UPDATE OF org_unit_id, warn_days, report_cycle,
  report_due_day, feedback_on ON inspection BEGIN
  UPDATE measure SET org_unit_id = new.org_unit_id, warn_days = new.light_warn_days,
    cycle = new.report_cycle, due_day = new.light_due_day, report_from = new.light_report_from
  WHERE inspection_id = new.id;
END;

-- The latest counted report day, through the covering index progress(measure_id, reported_on,
-- state): a short backward walk of one measure's reports.
CREATE TRIGGER progress_light_insert AFTER INSERT ON progress
  WHEN new.state IN ('submitted','accepted') BEGIN
  UPDATE measure SET last_report_on = new.reported_on
  WHERE id = new.measure_id AND (last_report_on IS NULL OR last_report_on < new.reported_on);
END;
CREATE TRIGGER progress_light_update AFTER UPDATE OF state, reported_on, measure_id ON progress
BEGIN
  UPDATE measure SET last_report_on = (SELECT max(p.reported_on) FROM progress p
    WHERE p.measure_id = measure.id AND p.state IN ('submitted','accepted'))
  WHERE id IN (old.measure_id, new.measure_id);
END;
CREATE TRIGGER progress_light_delete AFTER DELETE ON progress BEGIN
  UPDATE measure SET last_report_on = (SELECT max(p.reported_on) FROM progress p
    WHERE p.measure_id = measure.id AND p.state IN ('submitted','accepted'))
  WHERE id = old.measure_id;
END;

-- Existing rows: the inspection trigger fills the copies (UPDATE OF fires on the column being
-- set, changed or not), then the latest report days.
UPDATE inspection SET feedback_on = feedback_on;
UPDATE measure SET last_report_on = (SELECT max(p.reported_on) FROM progress p
  WHERE p.measure_id = measure.id AND p.state IN ('submitted','accepted'));

-- One index per (driving filter, order); SQLite ends each with the rowid (the measure id), the
-- keyset's tie-breaker. The ledger order within an inspection already has measure_finding's
-- shape only per finding, so it gets its own.
CREATE INDEX measure_k_due ON measure(due_key);
CREATE INDEX measure_k_state ON measure(state_rank, due_key);
CREATE INDEX measure_k_unit ON measure(unit_key, due_key);
CREATE INDEX measure_k_ledger ON measure(inspection_id, finding_id, ordinal);
CREATE INDEX measure_k_insp_due ON measure(inspection_id, due_key);
CREATE INDEX measure_k_insp_state ON measure(inspection_id, state_rank, due_key);
CREATE INDEX measure_k_insp_unit ON measure(inspection_id, unit_key, due_key);
CREATE INDEX measure_k_org_due ON measure(org_unit_id, due_key);
CREATE INDEX measure_k_org_state ON measure(org_unit_id, state_rank, due_key);
CREATE INDEX measure_k_org_unit ON measure(org_unit_id, unit_key, due_key);
CREATE INDEX measure_k_org_ledger ON measure(org_unit_id, inspection_id, finding_id, ordinal);
-- Counts read an index alone only through stored columns (SQLite 3.40 does not cover a
-- generated one), as measure_inspection and measure_lead_unit do for theirs.
CREATE INDEX measure_org_state ON measure(org_unit_id, state, deadline);

-- Measures in force (not withdrawn) per inspection and state, kept by triggers in the
-- transaction of each change, so that the office's counts (an inspection's, an organisation's,
-- by state or open) read a few rows instead of every measure's index entry.
CREATE TABLE measure_tally (
  inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  state         TEXT NOT NULL,
  n             INTEGER NOT NULL,
  PRIMARY KEY (inspection_id, state)
) STRICT, WITHOUT ROWID;
INSERT INTO measure_tally SELECT inspection_id, state, count(*) FROM measure
  WHERE withdrawn_at IS NULL GROUP BY 1, 2;
CREATE TRIGGER measure_tally_insert AFTER INSERT ON measure WHEN new.withdrawn_at IS NULL BEGIN
  INSERT INTO measure_tally VALUES (new.inspection_id, new.state, 1)
  ON CONFLICT (inspection_id, state) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER measure_tally_delete AFTER DELETE ON measure WHEN old.withdrawn_at IS NULL BEGIN
  UPDATE measure_tally SET n = n - 1 WHERE inspection_id = old.inspection_id AND state = old.state;
END;
CREATE TRIGGER measure_tally_update AFTER UPDATE OF state, inspection_id, withdrawn_at ON measure
  WHEN old.state IS NOT new.state OR old.inspection_id IS NOT new.inspection_id
    OR old.withdrawn_at IS NOT new.withdrawn_at BEGIN
  UPDATE measure_tally SET n = n - 1 WHERE inspection_id = old.inspection_id AND state = old.state
    AND old.withdrawn_at IS NULL;
  INSERT INTO measure_tally SELECT new.inspection_id, new.state, 1 WHERE new.withdrawn_at IS NULL
  ON CONFLICT (inspection_id, state) DO UPDATE SET n = n + 1;
END;
