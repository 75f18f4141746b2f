-- migrate_party_live.sql: measure_party holds the measures in force only (issue 11). A count
-- of a unit's or a leader's measures (a unit user's list total) read every one of them in the
-- measure table to leave the withdrawn out: a unit of 2,461 measures in a city's inspection of
-- 10,000 answered 97 lists a second, its rows spread over more pages than a reader's cache. A
-- withdrawn measure (撤销, final: no path gives it back) now leaves measure_party, and no trigger
-- adds it again, so such a count is one range of measure_party's index.
DELETE FROM measure_party
  WHERE measure_id IN (SELECT id FROM measure WHERE withdrawn_at IS NOT NULL);
CREATE TRIGGER measure_party_withdraw AFTER UPDATE OF withdrawn_at ON measure
  WHEN new.withdrawn_at IS NOT NULL
BEGIN
  DELETE FROM measure_party WHERE measure_id = new.id;
END;

DROP TRIGGER measure_party_insert;
CREATE TRIGGER measure_party_insert AFTER INSERT ON measure
  WHEN new.lead_unit_id IS NOT NULL AND new.withdrawn_at IS NULL
BEGIN
  INSERT INTO measure_party VALUES (0, new.lead_unit_id, new.id, 1, new.inspection_id,
    new.finding_id, new.ordinal, new.due_key, new.state_rank, new.unit_key)
  ON CONFLICT DO UPDATE SET lead = 1;
END;
DROP TRIGGER measure_party_lead;
CREATE TRIGGER measure_party_lead AFTER UPDATE OF lead_unit_id ON measure
  WHEN old.lead_unit_id IS NOT new.lead_unit_id
BEGIN
  DELETE FROM measure_party WHERE kind = 0 AND party_id = old.lead_unit_id
    AND measure_id = old.id AND NOT EXISTS (SELECT 1 FROM measure_co_unit c
      WHERE c.measure_id = old.id AND c.unit_id = old.lead_unit_id);
  UPDATE measure_party SET lead = 0 WHERE kind = 0 AND party_id = old.lead_unit_id
    AND measure_id = old.id;
  INSERT INTO measure_party SELECT 0, new.lead_unit_id, new.id, 1, new.inspection_id,
    new.finding_id, new.ordinal, new.due_key, new.state_rank, new.unit_key
    WHERE new.lead_unit_id IS NOT NULL AND new.withdrawn_at IS NULL
  ON CONFLICT DO UPDATE SET lead = 1;
END;
DROP TRIGGER measure_party_co_insert;
CREATE TRIGGER measure_party_co_insert AFTER INSERT ON measure_co_unit BEGIN
  INSERT INTO measure_party SELECT 0, new.unit_id, m.id, 0, m.inspection_id, m.finding_id,
    m.ordinal, m.due_key, m.state_rank, m.unit_key FROM measure m
    WHERE m.id = new.measure_id AND m.withdrawn_at IS NULL
  ON CONFLICT DO NOTHING;
END;
DROP TRIGGER measure_party_leader_insert;
CREATE TRIGGER measure_party_leader_insert AFTER INSERT ON measure_leader BEGIN
  INSERT INTO measure_party SELECT 1, new.person_id, m.id, 0, m.inspection_id, m.finding_id,
    m.ordinal, m.due_key, m.state_rank, m.unit_key FROM measure m
    WHERE m.id = new.measure_id AND m.withdrawn_at IS NULL
  ON CONFLICT DO NOTHING;
END;
