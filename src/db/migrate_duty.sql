-- migrate_duty.sql: indexes for who owes what as SQL (duty_store.c, issue 11), so that the
-- count beside 待办 and a page of the inbox read the scope's duties, not its measures. Each is
-- led by the party that owes (a lead unit, an organisation's office) or is partial on what is
-- still open, and holds the columns its predicates read, so that a count is an index range.

-- A lead unit's reports, overdue completions and reviews: by state, then the deadline, and the
-- light columns that "no report this cycle" reads (light_sql.h).
CREATE INDEX measure_duty_unit ON measure(lead_unit_id, state, deadline, withdrawn_at,
  last_report_on, cycle, due_day, report_from, inspection_id);
-- An office's verifications and revisits, of one organisation or of every one.
CREATE INDEX measure_duty_org ON measure(org_unit_id, state, revisit_due, withdrawn_at,
  inspection_id);
CREATE INDEX measure_duty_state ON measure(state, revisit_due, withdrawn_at, inspection_id);
-- The daily loop's open items: co-units' reports waiting, instructions not acknowledged, spot
-- checks not made. Few at any time, whatever the ledger's size.
CREATE INDEX progress_submitted ON progress(measure_id) WHERE state = 'submitted';
CREATE INDEX instruction_open ON instruction(measure_id) WHERE acknowledged_on IS NULL;
CREATE INDEX spot_check_item_open ON spot_check_item(check_id) WHERE result IS NULL;

-- The office's revisits due, per organisation (0: none) and day, kept by triggers in the
-- transaction of each change, so that "revisits due by the day" is a sum over days, not a read
-- of every closed measure. A measure counts while closed or phase complete, in force, with a
-- revisit day. Each change adds or takes one as an upsert, so the order in which the triggers
-- of one statement fire (this table's and measure_light_insert's copy of the organisation)
-- cannot matter; a key's n may pass through -1 within a statement.
CREATE TABLE revisit_tally (
  org_unit_id INTEGER NOT NULL,
  revisit_due TEXT NOT NULL,
  n           INTEGER NOT NULL,
  PRIMARY KEY (org_unit_id, revisit_due)
) STRICT, WITHOUT ROWID;
INSERT INTO revisit_tally SELECT coalesce(org_unit_id, 0), revisit_due, count(*) FROM measure
  WHERE state IN ('closed','phase_complete') AND revisit_due IS NOT NULL
  AND withdrawn_at IS NULL GROUP BY 1, 2;
CREATE TRIGGER revisit_tally_insert AFTER INSERT ON measure
  WHEN new.state IN ('closed','phase_complete') AND new.revisit_due IS NOT NULL
    AND new.withdrawn_at IS NULL BEGIN
  INSERT INTO revisit_tally VALUES (coalesce(new.org_unit_id, 0), new.revisit_due, 1)
  ON CONFLICT (org_unit_id, revisit_due) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER revisit_tally_delete AFTER DELETE ON measure
  WHEN old.state IN ('closed','phase_complete') AND old.revisit_due IS NOT NULL
    AND old.withdrawn_at IS NULL BEGIN
  INSERT INTO revisit_tally VALUES (coalesce(old.org_unit_id, 0), old.revisit_due, -1)
  ON CONFLICT (org_unit_id, revisit_due) DO UPDATE SET n = n - 1;
END;
CREATE TRIGGER revisit_tally_update AFTER UPDATE OF state, revisit_due, withdrawn_at, org_unit_id
  ON measure WHEN old.state IS NOT new.state OR old.revisit_due IS NOT new.revisit_due
    OR old.withdrawn_at IS NOT new.withdrawn_at OR old.org_unit_id IS NOT new.org_unit_id BEGIN
  INSERT INTO revisit_tally SELECT coalesce(old.org_unit_id, 0), old.revisit_due, -1
  WHERE old.state IN ('closed','phase_complete') AND old.revisit_due IS NOT NULL
    AND old.withdrawn_at IS NULL
  ON CONFLICT (org_unit_id, revisit_due) DO UPDATE SET n = n - 1;
  INSERT INTO revisit_tally SELECT coalesce(new.org_unit_id, 0), new.revisit_due, 1
  WHERE new.state IN ('closed','phase_complete') AND new.revisit_due IS NOT NULL
    AND new.withdrawn_at IS NULL
  ON CONFLICT (org_unit_id, revisit_due) DO UPDATE SET n = n + 1;
END;

-- The office's revisits due in their order (the day, then the measure), so that a page of the
-- inbox reads its rows only: of one organisation, or of every one.
CREATE INDEX measure_revisit_org ON measure(org_unit_id, revisit_due)
  WHERE state IN ('closed','phase_complete') AND withdrawn_at IS NULL;
CREATE INDEX measure_revisit_all ON measure(revisit_due)
  WHERE state IN ('closed','phase_complete') AND withdrawn_at IS NULL;
