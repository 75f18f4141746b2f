-- migrate_ontime.sql: what reporting punctuality (ledger_on_time, ledger/light.c) needs, kept
-- per measure in the transaction of each report change (issue 11), so that the dashboard counts
-- on-time reports from the measures' rows instead of reading every report.
--
-- A report cycle is on time when a counted report (submitted or accepted) lies between the
-- cycle's start and its due day. measure_ontime holds one row per on-time cycle of a measure,
-- keyed by that due day under the measure's copy of its inspection's cycle settings
-- (migrate_pagecost.sql); the measure keeps how many there are and the first, the second latest
-- and the latest due day, so that "on-time cycles with a due day in [start, until)" is the
-- count less the rows outside, read from measure_ontime only for a measure with some there
-- (dash_store.c). Triggers rebuild a measure's rows when a report changes, and all of them when
-- the cycle settings change (the inspection trigger copies those to every measure).

ALTER TABLE measure ADD COLUMN ontime_n INTEGER NOT NULL DEFAULT 0;
ALTER TABLE measure ADD COLUMN ontime_first TEXT;
ALTER TABLE measure ADD COLUMN ontime_prev TEXT;
ALTER TABLE measure ADD COLUMN ontime_last TEXT;
-- The report cycles due before the closing day (ledger_cycles_before of closed_at under the
-- measure's cycle settings, NULL when not closed), so that the cycles a closed measure owed cost
-- no date arithmetic when counted.
ALTER TABLE measure ADD COLUMN closed_cycles INTEGER;

CREATE TABLE measure_ontime (
  measure_id INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
  due        TEXT NOT NULL,
  PRIMARY KEY (measure_id, due)
) STRICT, WITHOUT ROWID;

-- Each counted report with the due day of its cycle (ledger_cycle): weekly from Monday, due on
-- weekday due_day; semi-monthly the 1st-15th and the 16th-end, due on their due_day-th day
-- (clamped to the end); monthly due on day due_day, clamped to the month's last day. The
-- measure's due_day is already the effective one (light_due_day).
CREATE VIEW progress_ontime AS
SELECT p.id AS progress_id, p.measure_id, p.reported_on,
  CASE m.cycle
    WHEN 'weekly' THEN date(p.reported_on,
      '-' || ((CAST(strftime('%w', p.reported_on) AS INTEGER) + 6) % 7) || ' days',
      '+' || (m.due_day - 1) || ' days')
    WHEN 'semimonthly' THEN CASE
      WHEN CAST(strftime('%d', p.reported_on) AS INTEGER) <= 15
      THEN date(p.reported_on, 'start of month', '+' || (m.due_day - 1) || ' days')
      ELSE min(date(p.reported_on, 'start of month', '+' || (m.due_day + 14) || ' days'),
               date(p.reported_on, 'start of month', '+1 month', '-1 day')) END
    ELSE min(date(p.reported_on, 'start of month', '+' || (m.due_day - 1) || ' days'),
             date(p.reported_on, 'start of month', '+1 month', '-1 day'))
  END AS due
FROM progress p JOIN measure m ON m.id = p.measure_id
WHERE p.state IN ('submitted','accepted');

-- The measure's summary of its rows, after every change to them.
CREATE VIEW measure_ontime_sum AS
SELECT m.id AS measure_id,
  (SELECT count(*) FROM measure_ontime o WHERE o.measure_id = m.id) AS n,
  (SELECT min(o.due) FROM measure_ontime o WHERE o.measure_id = m.id) AS first,
  (SELECT o.due FROM measure_ontime o WHERE o.measure_id = m.id
   ORDER BY o.due DESC LIMIT 1 OFFSET 1) AS prev,
  (SELECT max(o.due) FROM measure_ontime o WHERE o.measure_id = m.id) AS last
FROM measure m;

CREATE TRIGGER progress_ontime_insert AFTER INSERT ON progress
  WHEN new.state IN ('submitted','accepted') BEGIN
  INSERT OR IGNORE INTO measure_ontime(measure_id, due)
    SELECT measure_id, due FROM progress_ontime
    WHERE progress_id = new.id AND reported_on <= due;
  UPDATE measure SET (ontime_n, ontime_first, ontime_prev, ontime_last) =
    (SELECT n, first, prev, last FROM measure_ontime_sum s WHERE s.measure_id = measure.id)
  WHERE id = new.measure_id;
END;

-- A report that changes its state, day or measure, or goes: rebuild the measures it touches.
CREATE TRIGGER progress_ontime_update AFTER UPDATE OF state, reported_on, measure_id ON progress
  WHEN (old.state IN ('submitted','accepted')) IS NOT (new.state IN ('submitted','accepted'))
    OR old.reported_on IS NOT new.reported_on OR old.measure_id IS NOT new.measure_id BEGIN
  DELETE FROM measure_ontime WHERE measure_id IN (old.measure_id, new.measure_id);
  INSERT OR IGNORE INTO measure_ontime(measure_id, due)
    SELECT measure_id, due FROM progress_ontime
    WHERE measure_id IN (old.measure_id, new.measure_id) AND reported_on <= due;
  UPDATE measure SET (ontime_n, ontime_first, ontime_prev, ontime_last) =
    (SELECT n, first, prev, last FROM measure_ontime_sum s WHERE s.measure_id = measure.id)
  WHERE id IN (old.measure_id, new.measure_id);
END;
CREATE TRIGGER progress_ontime_delete AFTER DELETE ON progress
  WHEN old.state IN ('submitted','accepted') BEGIN
  DELETE FROM measure_ontime WHERE measure_id = old.measure_id;
  INSERT OR IGNORE INTO measure_ontime(measure_id, due)
    SELECT measure_id, due FROM progress_ontime
    WHERE measure_id = old.measure_id AND reported_on <= due;
  UPDATE measure SET (ontime_n, ontime_first, ontime_prev, ontime_last) =
    (SELECT n, first, prev, last FROM measure_ontime_sum s WHERE s.measure_id = measure.id)
  WHERE id = old.measure_id;
END;

-- New cycle settings (copied from the inspection by measure_light_inspection): new due days.
CREATE TRIGGER measure_ontime_cycle AFTER UPDATE OF cycle, due_day ON measure
  WHEN old.cycle IS NOT new.cycle OR old.due_day IS NOT new.due_day BEGIN
  DELETE FROM measure_ontime WHERE measure_id = new.id;
  INSERT OR IGNORE INTO measure_ontime(measure_id, due)
    SELECT measure_id, due FROM progress_ontime WHERE measure_id = new.id AND reported_on <= due;
  UPDATE measure SET (ontime_n, ontime_first, ontime_prev, ontime_last) =
    (SELECT n, first, prev, last FROM measure_ontime_sum s WHERE s.measure_id = measure.id)
  WHERE id = new.id;
END;

-- The cycles due before the closing day: weeks since 0001-01-01 (a Monday), half-months and
-- months since year 0, and the closing day's own cycle when it is past its due day.
CREATE VIEW measure_closed_cycles AS
SELECT m.id AS measure_id, CASE m.cycle
  WHEN 'weekly' THEN CAST(julianday(m.closed_at) - julianday('0001-01-01') AS INTEGER) / 7
    + ((CAST(strftime('%w', m.closed_at) AS INTEGER) + 6) % 7 + 1 > m.due_day)
  WHEN 'semimonthly' THEN (CAST(strftime('%Y', m.closed_at) AS INTEGER) * 12
    + CAST(strftime('%m', m.closed_at) AS INTEGER)) * 2
    + (CAST(strftime('%d', m.closed_at) AS INTEGER) > 15)
    + (CAST(strftime('%d', m.closed_at) AS INTEGER)
       - 15 * (CAST(strftime('%d', m.closed_at) AS INTEGER) > 15) > m.due_day)
  ELSE CAST(strftime('%Y', m.closed_at) AS INTEGER) * 12
    + CAST(strftime('%m', m.closed_at) AS INTEGER)
    + (CAST(strftime('%d', m.closed_at) AS INTEGER) > m.due_day)
  END AS n
FROM measure m;
CREATE TRIGGER measure_ontime_closed AFTER UPDATE OF closed_at, cycle, due_day ON measure
  WHEN old.closed_at IS NOT new.closed_at OR old.cycle IS NOT new.cycle
    OR old.due_day IS NOT new.due_day BEGIN
  UPDATE measure SET closed_cycles = (SELECT n FROM measure_closed_cycles c
    WHERE c.measure_id = measure.id) WHERE id = new.id;
END;
CREATE TRIGGER measure_ontime_closed_insert AFTER INSERT ON measure
  WHEN new.closed_at IS NOT NULL BEGIN
  UPDATE measure SET closed_cycles = (SELECT n FROM measure_closed_cycles c
    WHERE c.measure_id = measure.id) WHERE id = new.id;
END;
UPDATE measure SET closed_cycles = (SELECT n FROM measure_closed_cycles c
  WHERE c.measure_id = measure.id) WHERE closed_at IS NOT NULL;

-- Existing reports.
INSERT OR IGNORE INTO measure_ontime(measure_id, due)
  SELECT measure_id, due FROM progress_ontime WHERE reported_on <= due;
UPDATE measure SET (ontime_n, ontime_first, ontime_prev, ontime_last) =
  (SELECT n, first, prev, last FROM measure_ontime_sum s WHERE s.measure_id = measure.id)
WHERE id IN (SELECT measure_id FROM measure_ontime);

-- Every column the dashboard's grouped counts read (dash_store.c), so that they read this index
-- alone: measure_light_cover's, the closing day and its cycles, the on-time summary and what a
-- finding's status reads (the kind of the measure).
-- Led by the lead unit and the state, the groups of the units' counts, so that they come in the
-- index's order.
CREATE INDEX measure_dash_cover ON measure(inspection_id, withdrawn_at, lead_unit_id, state,
  deadline, warn_days, return_count, cycle, due_day, report_from, last_report_on, closed_at,
  closed_cycles, ontime_n, ontime_first, ontime_prev, ontime_last, finding_id, kind, long_term);
