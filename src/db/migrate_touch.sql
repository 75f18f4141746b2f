-- migrate_touch.sql: a log of the measures whose dashboard figures may have changed, kept by
-- triggers in the transaction of each change, so that a worker's cached figures of a
-- 10,000-measure inspection (db/dash_store.c, DashMeasures) are brought up to date by reading the
-- few measures a write touched again rather than all of them: after every progress report, each
-- worker read the whole inspection again (~123 M instructions on the city, bench/README.md).
--
-- seq is the rowid: one writer at a time, so rows are added in commit order, and a reader that
-- has seen seq N sees every change after it as the rows above N. The log keeps its last 4,096
-- rows (each insert drops the one 4,096 below it, and never the newest, so the rowid keeps
-- growing); a reader further behind than that reads everything again. What a measure's figures
-- read (dash_store.c's Q_EACH and the leaders): its own row, its leaders and co-units, and the
-- open supervisions of it. Its progress reports need no trigger here: every change of one that
-- counts rewrites the measure's last_report_on or its on-time tallies (migrate_pagecost.sql,
-- migrate_ontime.sql), and that update of the measure's row logs it.
-- PostgreSQL's sequences are not in commit order: its log (pg_migrate_touch_log.sql) is read by
-- transaction instead.
CREATE TABLE measure_touch (
  seq        INTEGER PRIMARY KEY,
  measure_id INTEGER NOT NULL
);
CREATE TRIGGER measure_touch_bound AFTER INSERT ON measure_touch BEGIN
  DELETE FROM measure_touch WHERE seq <= new.seq - 4096;
END;

CREATE TRIGGER measure_touch_insert AFTER INSERT ON measure BEGIN
  INSERT INTO measure_touch(measure_id) VALUES (new.id);
END;
CREATE TRIGGER measure_touch_update AFTER UPDATE ON measure BEGIN
  INSERT INTO measure_touch(measure_id) VALUES (new.id);
END;
CREATE TRIGGER measure_touch_delete AFTER DELETE ON measure BEGIN
  INSERT INTO measure_touch(measure_id) VALUES (old.id);
END;

CREATE TRIGGER measure_touch_leader_insert AFTER INSERT ON measure_leader BEGIN
  INSERT INTO measure_touch(measure_id) VALUES (new.measure_id);
END;
CREATE TRIGGER measure_touch_leader_update AFTER UPDATE ON measure_leader BEGIN
  INSERT INTO measure_touch(measure_id) VALUES (old.measure_id), (new.measure_id);
END;
CREATE TRIGGER measure_touch_leader_delete AFTER DELETE ON measure_leader BEGIN
  INSERT INTO measure_touch(measure_id) VALUES (old.measure_id);
END;

CREATE TRIGGER measure_touch_co_insert AFTER INSERT ON measure_co_unit BEGIN
  INSERT INTO measure_touch(measure_id) VALUES (new.measure_id);
END;
CREATE TRIGGER measure_touch_co_update AFTER UPDATE ON measure_co_unit BEGIN
  INSERT INTO measure_touch(measure_id) VALUES (old.measure_id), (new.measure_id);
END;
CREATE TRIGGER measure_touch_co_delete AFTER DELETE ON measure_co_unit BEGIN
  INSERT INTO measure_touch(measure_id) VALUES (old.measure_id);
END;

CREATE TRIGGER measure_touch_supervision_insert AFTER INSERT ON supervision
  WHEN new.measure_id IS NOT NULL BEGIN
  INSERT INTO measure_touch(measure_id) VALUES (new.measure_id);
END;
CREATE TRIGGER measure_touch_supervision_update AFTER UPDATE ON supervision BEGIN
  INSERT INTO measure_touch(measure_id) SELECT old.measure_id WHERE old.measure_id IS NOT NULL
    UNION ALL SELECT new.measure_id WHERE new.measure_id IS NOT NULL;
END;
CREATE TRIGGER measure_touch_supervision_delete AFTER DELETE ON supervision
  WHEN old.measure_id IS NOT NULL BEGIN
  INSERT INTO measure_touch(measure_id) VALUES (old.measure_id);
END;

-- The kept measures also give a tree its rows in ledger order (finding, ordinal, id): the
-- dashboard's covering index holds the ordinal too, so a whole read still touches no row.
DROP INDEX measure_dash_cover;
CREATE INDEX measure_dash_cover ON measure(inspection_id, withdrawn_at, lead_unit_id, state,
  deadline, warn_days, return_count, cycle, due_day, report_from, last_report_on, closed_at,
  closed_cycles, ontime_n, ontime_first, ontime_prev, ontime_last, finding_id, kind, long_term,
  ordinal);
