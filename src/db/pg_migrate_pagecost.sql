-- pg_migrate_pagecost.sql: migrate_pagecost.sql in PostgreSQL's dialect (version 8).
--
-- PostgreSQL 15 has STORED generated columns only, and a generated column may not read another
-- one: open_deadline's expression is repeated inside warn_from, light_due_day's inside
-- light_report_from. SQLite's date(d, '-N days') is zg_day_add (pg_schema.sql); comparisons
-- that SQLite stores as 0/1 integers are CASE … THEN 1 ELSE 0, so the stores read them alike.
-- The copies from the inspection are set by a BEFORE INSERT trigger on the row itself (SQLite
-- updates it after the insert); the other triggers match SQLite's one for one.

ALTER TABLE measure ADD COLUMN due_key text
  GENERATED ALWAYS AS (coalesce(deadline, '9999-12-31')) STORED;
ALTER TABLE measure ADD COLUMN state_rank bigint
  GENERATED ALWAYS AS (CASE state WHEN 'not_started' THEN 0 WHEN 'in_progress' THEN 1
    WHEN 'submitted' THEN 2 WHEN 'lead_approved' THEN 3 WHEN 'signed_off' THEN 4
    WHEN 'closed' THEN 5 WHEN 'phase_complete' THEN 6 WHEN 'returned' THEN 7
    WHEN 'relapsed' THEN 8 END) STORED;
ALTER TABLE measure ADD COLUMN unit_key bigint
  GENERATED ALWAYS AS (coalesce(lead_unit_id, 9223372036854775807)) STORED;

ALTER TABLE measure ADD COLUMN org_unit_id bigint;
ALTER TABLE measure ADD COLUMN warn_days bigint NOT NULL DEFAULT 7;
ALTER TABLE measure ADD COLUMN cycle text NOT NULL DEFAULT 'monthly';
ALTER TABLE measure ADD COLUMN due_day bigint NOT NULL DEFAULT 25;
ALTER TABLE measure ADD COLUMN report_from text;
ALTER TABLE measure ADD COLUMN last_report_on text;

ALTER TABLE measure ADD COLUMN is_closed bigint
  GENERATED ALWAYS AS (CASE WHEN state = 'closed' THEN 1 ELSE 0 END) STORED;
ALTER TABLE measure ADD COLUMN open_deadline text
  GENERATED ALWAYS AS (CASE WHEN state IN ('closed','phase_complete') THEN NULL
                       ELSE deadline END) STORED;
ALTER TABLE measure ADD COLUMN warn_from text
  GENERATED ALWAYS AS (zg_day_add(CASE WHEN state IN ('closed','phase_complete') THEN NULL
                                  ELSE deadline END, -warn_days)) STORED;
ALTER TABLE measure ADD COLUMN red_always bigint
  GENERATED ALWAYS AS (CASE WHEN state <> 'closed' AND (return_count >= 2 OR state = 'relapsed')
                       THEN 1 ELSE 0 END) STORED;
ALTER TABLE measure ADD COLUMN owes_reports bigint
  GENERATED ALWAYS AS (CASE WHEN state IN ('not_started','in_progress','returned','relapsed',
                                           'phase_complete') THEN 1 ELSE 0 END) STORED;

ALTER TABLE inspection ADD COLUMN light_warn_days bigint
  GENERATED ALWAYS AS (CASE WHEN warn_days > 0 THEN warn_days ELSE 7 END) STORED;
ALTER TABLE inspection ADD COLUMN light_due_day bigint
  GENERATED ALWAYS AS (CASE report_cycle
    WHEN 'weekly' THEN CASE WHEN report_due_day BETWEEN 1 AND 7 THEN report_due_day ELSE 5 END
    WHEN 'semimonthly' THEN CASE WHEN report_due_day BETWEEN 1 AND 15 THEN report_due_day
                            ELSE 10 END
    ELSE CASE WHEN report_due_day BETWEEN 1 AND 31 THEN report_due_day ELSE 25 END END) STORED;
ALTER TABLE inspection ADD COLUMN light_report_from text
  GENERATED ALWAYS AS (zg_day_add(feedback_on, 1 - CASE report_cycle
    WHEN 'weekly' THEN CASE WHEN report_due_day BETWEEN 1 AND 7 THEN report_due_day ELSE 5 END
    WHEN 'semimonthly' THEN CASE WHEN report_due_day BETWEEN 1 AND 15 THEN report_due_day
                            ELSE 10 END
    ELSE CASE WHEN report_due_day BETWEEN 1 AND 31 THEN report_due_day ELSE 25 END END)) STORED;

-- The latest counted report day of a measure.
CREATE FUNCTION zg_last_report_on(m bigint) RETURNS text LANGUAGE sql STABLE
  AS $$ SELECT max(p.reported_on) FROM progress p
        WHERE p.measure_id = m AND p.state IN ('submitted','accepted') $$;

CREATE FUNCTION zg_measure_light_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT i.org_unit_id, i.light_warn_days, i.report_cycle, i.light_due_day, i.light_report_from
    INTO NEW.org_unit_id, NEW.warn_days, NEW.cycle, NEW.due_day, NEW.report_from
    FROM inspection i WHERE i.id = NEW.inspection_id;
  NEW.last_report_on := zg_last_report_on(NEW.id);
  RETURN NEW;
END $$;
CREATE TRIGGER measure_light_insert BEFORE INSERT ON measure FOR EACH ROW
  EXECUTE FUNCTION zg_measure_light_insert();

CREATE FUNCTION zg_measure_light_inspection() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE measure SET org_unit_id = NEW.org_unit_id, warn_days = NEW.light_warn_days,
    cycle = NEW.report_cycle, due_day = NEW.light_due_day, report_from = NEW.light_report_from
  WHERE inspection_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER measure_light_inspection AFTER UPDATE OF org_unit_id, warn_days, report_cycle,
  report_due_day, feedback_on ON inspection FOR EACH ROW
  EXECUTE FUNCTION zg_measure_light_inspection();

CREATE FUNCTION zg_progress_light() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE measure SET last_report_on = NEW.reported_on
    WHERE id = NEW.measure_id AND (last_report_on IS NULL OR last_report_on < NEW.reported_on);
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE measure SET last_report_on = zg_last_report_on(measure.id)
    WHERE id IN (OLD.measure_id, NEW.measure_id);
  ELSE
    UPDATE measure SET last_report_on = zg_last_report_on(measure.id) WHERE id = OLD.measure_id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER progress_light_insert AFTER INSERT ON progress FOR EACH ROW
  WHEN (NEW.state IN ('submitted','accepted')) EXECUTE FUNCTION zg_progress_light();
CREATE TRIGGER progress_light_update AFTER UPDATE OF state, reported_on, measure_id ON progress
  FOR EACH ROW EXECUTE FUNCTION zg_progress_light();
CREATE TRIGGER progress_light_delete AFTER DELETE ON progress FOR EACH ROW
  EXECUTE FUNCTION zg_progress_light();

UPDATE inspection SET feedback_on = feedback_on;
UPDATE measure SET last_report_on = zg_last_report_on(measure.id);

-- SQLite ends each index with the rowid, the keyset's tie-breaker; here it is spelt out.
CREATE INDEX measure_k_due ON measure(due_key, id);
CREATE INDEX measure_k_state ON measure(state_rank, due_key, id);
CREATE INDEX measure_k_unit ON measure(unit_key, due_key, id);
CREATE INDEX measure_k_ledger ON measure(inspection_id, finding_id, ordinal, id);
CREATE INDEX measure_k_insp_due ON measure(inspection_id, due_key, id);
CREATE INDEX measure_k_insp_state ON measure(inspection_id, state_rank, due_key, id);
CREATE INDEX measure_k_insp_unit ON measure(inspection_id, unit_key, due_key, id);
CREATE INDEX measure_k_org_due ON measure(org_unit_id, due_key, id);
CREATE INDEX measure_k_org_state ON measure(org_unit_id, state_rank, due_key, id);
CREATE INDEX measure_k_org_unit ON measure(org_unit_id, unit_key, due_key, id);
CREATE INDEX measure_k_org_ledger ON measure(org_unit_id, inspection_id, finding_id, ordinal, id);
CREATE INDEX measure_org_state ON measure(org_unit_id, state, deadline);

CREATE TABLE measure_tally (
  inspection_id bigint NOT NULL REFERENCES inspection(id) ON DELETE CASCADE DEFERRABLE,
  state         text NOT NULL,
  n             bigint NOT NULL,
  PRIMARY KEY (inspection_id, state)
);
INSERT INTO measure_tally SELECT inspection_id, state, count(*) FROM measure
  WHERE withdrawn_at IS NULL GROUP BY 1, 2;

CREATE FUNCTION zg_measure_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.withdrawn_at IS NULL THEN
    UPDATE measure_tally SET n = n - 1
    WHERE inspection_id = OLD.inspection_id AND state = OLD.state;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.withdrawn_at IS NULL THEN
    INSERT INTO measure_tally VALUES (NEW.inspection_id, NEW.state, 1)
    ON CONFLICT (inspection_id, state) DO UPDATE SET n = measure_tally.n + 1;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER measure_tally_insert AFTER INSERT ON measure FOR EACH ROW
  WHEN (NEW.withdrawn_at IS NULL) EXECUTE FUNCTION zg_measure_tally();
CREATE TRIGGER measure_tally_delete AFTER DELETE ON measure FOR EACH ROW
  WHEN (OLD.withdrawn_at IS NULL) EXECUTE FUNCTION zg_measure_tally();
CREATE TRIGGER measure_tally_update AFTER UPDATE OF state, inspection_id, withdrawn_at ON measure
  FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state
    OR OLD.inspection_id IS DISTINCT FROM NEW.inspection_id
    OR OLD.withdrawn_at IS DISTINCT FROM NEW.withdrawn_at)
  EXECUTE FUNCTION zg_measure_tally();
