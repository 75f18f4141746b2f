-- migrate_counts.sql: one index that holds every column an inspection's counts by state and
-- light read (measure_store_counts, issue 11), so that 整改台账, the unit page and the dashboard
-- count an inspection's measures from the index alone: on a 10,000-measure inspection with
-- 200-character texts, reading the rows themselves cost about ten times more. The light columns
-- of migrate_pagecost.sql are virtual, and SQLite reads a row to compute one, so the index holds
-- the columns they are computed from and the counts spell them out (measure_store.c).
CREATE INDEX measure_light_cover ON measure(inspection_id, withdrawn_at, state, deadline,
  warn_days, return_count, cycle, due_day, report_from, last_report_on, lead_unit_id,
  org_unit_id);
