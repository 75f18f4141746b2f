-- pg_migrate_duty.sql: the PostgreSQL twin of migrate_duty.sql, with the same index and trigger
-- names: indexes for who owes what as SQL (duty_store.c, issue 11), so that the count beside
-- 待办 and a page of the inbox read the scope's duties, not its measures. Each is led by the
-- party that owes (a lead unit, an organisation's office) or is partial on what is still open.

-- A lead unit's reports, overdue completions and reviews: by state, then the deadline. Here
-- without the light columns of SQLite's twin: PostgreSQL cannot update a row in place (HOT)
-- once an index holds a column the update changes, and the bulk load's last step sets
-- last_report_on on every measure (tests/pg/test_pg_bulk.c); "no report" reads them from the row.
CREATE INDEX measure_duty_unit ON measure(lead_unit_id, state, deadline, withdrawn_at,
  inspection_id);
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
-- transaction of each change (migrate_duty.sql says why; upserts, so order cannot matter).
CREATE TABLE revisit_tally (
  org_unit_id bigint NOT NULL,
  revisit_due text NOT NULL,
  n           bigint NOT NULL,
  PRIMARY KEY (org_unit_id, revisit_due)
);
INSERT INTO revisit_tally SELECT coalesce(org_unit_id, 0), revisit_due, count(*) FROM measure
  WHERE state IN ('closed','phase_complete') AND revisit_due IS NOT NULL
  AND withdrawn_at IS NULL GROUP BY 1, 2;

CREATE FUNCTION zg_revisit_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.state IN ('closed','phase_complete')
     AND OLD.revisit_due IS NOT NULL AND OLD.withdrawn_at IS NULL THEN
    INSERT INTO revisit_tally VALUES (coalesce(OLD.org_unit_id, 0), OLD.revisit_due, -1)
    ON CONFLICT (org_unit_id, revisit_due) DO UPDATE SET n = revisit_tally.n - 1;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.state IN ('closed','phase_complete')
     AND NEW.revisit_due IS NOT NULL AND NEW.withdrawn_at IS NULL THEN
    INSERT INTO revisit_tally VALUES (coalesce(NEW.org_unit_id, 0), NEW.revisit_due, 1)
    ON CONFLICT (org_unit_id, revisit_due) DO UPDATE SET n = revisit_tally.n + 1;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER revisit_tally_insert AFTER INSERT ON measure FOR EACH ROW
  EXECUTE FUNCTION zg_revisit_tally();
CREATE TRIGGER revisit_tally_delete AFTER DELETE ON measure FOR EACH ROW
  EXECUTE FUNCTION zg_revisit_tally();
CREATE TRIGGER revisit_tally_update AFTER UPDATE OF state, revisit_due, withdrawn_at, org_unit_id
  ON measure FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state
    OR OLD.revisit_due IS DISTINCT FROM NEW.revisit_due
    OR OLD.withdrawn_at IS DISTINCT FROM NEW.withdrawn_at
    OR OLD.org_unit_id IS DISTINCT FROM NEW.org_unit_id)
  EXECUTE FUNCTION zg_revisit_tally();

-- The office's revisits due in their order (the day, then the measure), so that a page of the
-- inbox reads its rows only: of one organisation, or of every one.
CREATE INDEX measure_revisit_org ON measure(org_unit_id, revisit_due)
  WHERE state IN ('closed','phase_complete') AND withdrawn_at IS NULL;
CREATE INDEX measure_revisit_all ON measure(revisit_due)
  WHERE state IN ('closed','phase_complete') AND withdrawn_at IS NULL;
