-- pg_migrate_quiet_report.sql: PostgreSQL's twin of migrate_quiet_report.sql. The tallies of a
-- measure are written only when they change: an UPDATE to the same values still writes a new
-- version of the measure's row (and of its index entries when it cannot be a HOT update).
CREATE OR REPLACE FUNCTION zg_measure_ontime_sum(mid bigint) RETURNS void LANGUAGE sql AS $$
  UPDATE measure m SET (ontime_n, ontime_first, ontime_prev, ontime_last) =
    (s.n, s.first, s.prev, s.last)
  FROM measure_ontime_sum s
  WHERE m.id = mid AND s.measure_id = mid
    AND (m.ontime_n, m.ontime_first, m.ontime_prev, m.ontime_last)
        IS DISTINCT FROM (s.n, s.first, s.prev, s.last) $$;
