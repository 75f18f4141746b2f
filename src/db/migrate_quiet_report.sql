-- migrate_quiet_report.sql: a progress report rewrites its measure only when the measure's
-- on-time tallies change. The report's trigger set the four tallies on every report, to the same
-- values most of the time (a second report within one cycle counts nothing new): SQLite then
-- wrote the measure's row, its entry in measure_dash_cover (which holds the tallies) and a
-- measure_touch row, 3 of the 7 pages of a report's insert into progress, every time. The
-- dashboard's figures read the report only through last_report_on and the tallies
-- (migrate_touch.sql), so a report that changes neither leaves nothing for them to read again.
DROP TRIGGER progress_ontime_insert;
CREATE TRIGGER progress_ontime_insert AFTER INSERT ON progress
  WHEN new.state IN ('submitted','accepted') BEGIN
  INSERT OR IGNORE INTO measure_ontime(measure_id, due)
    SELECT measure_id, due FROM progress_ontime
    WHERE progress_id = new.id AND reported_on <= due;
  UPDATE measure SET (ontime_n, ontime_first, ontime_prev, ontime_last) =
    (SELECT n, first, prev, last FROM measure_ontime_sum s WHERE s.measure_id = measure.id)
  WHERE id = new.measure_id AND (ontime_n, ontime_first, ontime_prev, ontime_last) IS NOT
    (SELECT n, first, prev, last FROM measure_ontime_sum s WHERE s.measure_id = measure.id);
END;
