-- pg_migrate_ontime.sql: migrate_ontime.sql in PostgreSQL's dialect (version 13).
--
-- The due day of a report's cycle is zg_cycle_due (SQLite's date() modifiers spelt with date
-- arithmetic); the views keep SQLite's names and columns; the triggers match SQLite's one for
-- one, each running zg_measure_ontime_rebuild or its insert half. No covering index: PostgreSQL
-- reads the stored light columns from the row (pg_migrate_counts.sql says why).

ALTER TABLE measure ADD COLUMN ontime_n bigint NOT NULL DEFAULT 0;
ALTER TABLE measure ADD COLUMN ontime_first text;
ALTER TABLE measure ADD COLUMN ontime_prev text;
ALTER TABLE measure ADD COLUMN ontime_last text;
ALTER TABLE measure ADD COLUMN closed_cycles bigint;

CREATE TABLE measure_ontime (
  measure_id bigint NOT NULL REFERENCES measure(id) ON DELETE CASCADE DEFERRABLE,
  due        text NOT NULL,
  PRIMARY KEY (measure_id, due)
);

-- The due day of the cycle (ledger_cycle) of day d under cycle cyc with effective due day dd;
-- NULL for a malformed day.
CREATE FUNCTION zg_cycle_due(d text, cyc text, dd bigint) RETURNS text LANGUAGE sql IMMUTABLE
  STRICT AS $$
  SELECT CASE WHEN d ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN to_char(CASE cyc
    WHEN 'weekly' THEN d::date - (extract(isodow FROM d::date)::integer - 1) + (dd::integer - 1)
    WHEN 'semimonthly' THEN CASE
      WHEN extract(day FROM d::date) <= 15
      THEN date_trunc('month', d::date)::date + (dd::integer - 1)
      ELSE least(date_trunc('month', d::date)::date + (dd::integer + 14),
                 (date_trunc('month', d::date) + interval '1 month - 1 day')::date) END
    ELSE least(date_trunc('month', d::date)::date + (dd::integer - 1),
               (date_trunc('month', d::date) + interval '1 month - 1 day')::date)
  END, 'YYYY-MM-DD') END $$;

-- The number of cycles due before day d (ledger_cycles_before, ledger/light.c), from the same
-- epoch: weeks since 0001-01-01 (a Monday), half-months and months since year 0; a day past
-- its cycle's due day counts that cycle too. NULL for a malformed day.
CREATE FUNCTION zg_cycles_before(d text, cyc text, dd bigint) RETURNS bigint LANGUAGE sql
  IMMUTABLE STRICT AS $$
  SELECT CASE WHEN d ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN CASE cyc
    WHEN 'weekly' THEN (d::date - DATE '0001-01-01') / 7
      + CASE WHEN extract(isodow FROM d::date) > dd THEN 1 ELSE 0 END
    WHEN 'semimonthly' THEN (extract(year FROM d::date)::bigint * 12
      + extract(month FROM d::date)::bigint) * 2
      + CASE WHEN extract(day FROM d::date) > 15 THEN 1 ELSE 0 END
      + CASE WHEN extract(day FROM d::date)
                  - CASE WHEN extract(day FROM d::date) > 15 THEN 15 ELSE 0 END > dd
             THEN 1 ELSE 0 END
    ELSE extract(year FROM d::date)::bigint * 12 + extract(month FROM d::date)::bigint
      + CASE WHEN extract(day FROM d::date) > dd THEN 1 ELSE 0 END
  END END $$;

CREATE VIEW progress_ontime AS
SELECT p.id AS progress_id, p.measure_id, p.reported_on,
  zg_cycle_due(p.reported_on, m.cycle, m.due_day) AS due
FROM progress p JOIN measure m ON m.id = p.measure_id
WHERE p.state IN ('submitted','accepted');

CREATE VIEW measure_ontime_sum AS
SELECT m.id AS measure_id,
  (SELECT count(*) FROM measure_ontime o WHERE o.measure_id = m.id) AS n,
  (SELECT min(o.due) FROM measure_ontime o WHERE o.measure_id = m.id) AS first,
  (SELECT o.due FROM measure_ontime o WHERE o.measure_id = m.id
   ORDER BY o.due DESC LIMIT 1 OFFSET 1) AS prev,
  (SELECT max(o.due) FROM measure_ontime o WHERE o.measure_id = m.id) AS last
FROM measure m;

-- The summary columns of measure mid from its rows.
CREATE FUNCTION zg_measure_ontime_sum(mid bigint) RETURNS void LANGUAGE sql AS $$
  UPDATE measure SET (ontime_n, ontime_first, ontime_prev, ontime_last) =
    (SELECT n, first, prev, last FROM measure_ontime_sum s WHERE s.measure_id = measure.id)
  WHERE id = mid $$;

-- Measure mid's on-time cycles from its reports, anew.
CREATE FUNCTION zg_measure_ontime_rebuild(mid bigint) RETURNS void LANGUAGE sql AS $$
  DELETE FROM measure_ontime WHERE measure_id = mid;
  INSERT INTO measure_ontime(measure_id, due)
    SELECT measure_id, due FROM progress_ontime WHERE measure_id = mid AND reported_on <= due
    ON CONFLICT DO NOTHING;
  SELECT zg_measure_ontime_sum(mid) $$;

CREATE FUNCTION zg_progress_ontime() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO measure_ontime(measure_id, due)
      SELECT measure_id, due FROM progress_ontime WHERE progress_id = NEW.id AND reported_on <= due
      ON CONFLICT DO NOTHING;
    PERFORM zg_measure_ontime_sum(NEW.measure_id);
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM zg_measure_ontime_rebuild(OLD.measure_id);
    IF NEW.measure_id IS DISTINCT FROM OLD.measure_id THEN
      PERFORM zg_measure_ontime_rebuild(NEW.measure_id);
    END IF;
  ELSE
    PERFORM zg_measure_ontime_rebuild(OLD.measure_id);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER progress_ontime_insert AFTER INSERT ON progress FOR EACH ROW
  WHEN (NEW.state IN ('submitted','accepted')) EXECUTE FUNCTION zg_progress_ontime();
CREATE TRIGGER progress_ontime_update AFTER UPDATE OF state, reported_on, measure_id ON progress
  FOR EACH ROW WHEN ((OLD.state IN ('submitted','accepted'))
                       IS DISTINCT FROM (NEW.state IN ('submitted','accepted'))
    OR OLD.reported_on IS DISTINCT FROM NEW.reported_on
    OR OLD.measure_id IS DISTINCT FROM NEW.measure_id)
  EXECUTE FUNCTION zg_progress_ontime();
CREATE TRIGGER progress_ontime_delete AFTER DELETE ON progress FOR EACH ROW
  WHEN (OLD.state IN ('submitted','accepted')) EXECUTE FUNCTION zg_progress_ontime();

CREATE FUNCTION zg_measure_ontime_cycle() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM zg_measure_ontime_rebuild(NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER measure_ontime_cycle AFTER UPDATE OF cycle, due_day ON measure FOR EACH ROW
  WHEN (OLD.cycle IS DISTINCT FROM NEW.cycle OR OLD.due_day IS DISTINCT FROM NEW.due_day)
  EXECUTE FUNCTION zg_measure_ontime_cycle();

CREATE VIEW measure_closed_cycles AS
SELECT m.id AS measure_id, zg_cycles_before(m.closed_at, m.cycle, m.due_day) AS n FROM measure m;
-- SQLite sets it after the write; here the row itself, before (after measure_light_insert,
-- which sets the cycle: triggers of one kind fire in the order of their names).
CREATE FUNCTION zg_measure_closed_cycles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.closed_cycles := zg_cycles_before(NEW.closed_at, NEW.cycle, NEW.due_day);
  RETURN NEW;
END $$;
CREATE TRIGGER measure_ontime_closed BEFORE UPDATE OF closed_at, cycle, due_day ON measure
  FOR EACH ROW EXECUTE FUNCTION zg_measure_closed_cycles();
CREATE TRIGGER measure_ontime_closed_insert BEFORE INSERT ON measure FOR EACH ROW
  WHEN (NEW.closed_at IS NOT NULL) EXECUTE FUNCTION zg_measure_closed_cycles();
UPDATE measure SET closed_cycles = zg_cycles_before(closed_at, cycle, due_day)
  WHERE closed_at IS NOT NULL;

INSERT INTO measure_ontime(measure_id, due)
  SELECT measure_id, due FROM progress_ontime WHERE reported_on <= due ON CONFLICT DO NOTHING;
UPDATE measure SET (ontime_n, ontime_first, ontime_prev, ontime_last) =
  (SELECT n, first, prev, last FROM measure_ontime_sum s WHERE s.measure_id = measure.id)
WHERE id IN (SELECT measure_id FROM measure_ontime);
