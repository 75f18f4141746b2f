-- pg_migrate_unitpage.sql: PostgreSQL's twin of migrate_unitpage.sql (lists filtered by a unit
-- or a leader read an index led by the party; the comments there say why).
CREATE TABLE measure_party (
  kind          integer NOT NULL,
  party_id      bigint NOT NULL,
  measure_id    bigint NOT NULL REFERENCES measure(id) ON DELETE CASCADE DEFERRABLE,
  lead          integer NOT NULL DEFAULT 0,
  inspection_id bigint NOT NULL,
  finding_id    bigint NOT NULL,
  ordinal       bigint NOT NULL,
  due_key       text NOT NULL,
  state_rank    integer,
  unit_key      bigint NOT NULL,
  PRIMARY KEY (kind, party_id, measure_id)
);
CREATE INDEX measure_party_measure ON measure_party(measure_id);

INSERT INTO measure_party
  SELECT 0, lead_unit_id, id, 1, inspection_id, finding_id, ordinal, due_key, state_rank, unit_key
  FROM measure WHERE lead_unit_id IS NOT NULL;
INSERT INTO measure_party
  SELECT 0, c.unit_id, m.id, 0, m.inspection_id, m.finding_id, m.ordinal, m.due_key,
    m.state_rank, m.unit_key
  FROM measure_co_unit c JOIN measure m ON m.id = c.measure_id
  ON CONFLICT DO NOTHING;
INSERT INTO measure_party
  SELECT 1, l.person_id, m.id, 0, m.inspection_id, m.finding_id, m.ordinal, m.due_key,
    m.state_rank, m.unit_key
  FROM measure_leader l JOIN measure m ON m.id = l.measure_id
  ON CONFLICT DO NOTHING;

CREATE INDEX measure_party_due ON measure_party(kind, party_id, due_key, measure_id);
CREATE INDEX measure_party_state ON measure_party(kind, party_id, state_rank, due_key, measure_id);
CREATE INDEX measure_party_unit ON measure_party(kind, party_id, unit_key, due_key, measure_id);
CREATE INDEX measure_party_ledger ON measure_party(kind, party_id, inspection_id, finding_id,
  ordinal, measure_id);
CREATE INDEX measure_party_insp_due ON measure_party(kind, party_id, inspection_id, due_key,
  measure_id);
CREATE INDEX measure_party_insp_state ON measure_party(kind, party_id, inspection_id, state_rank,
  due_key, measure_id);
CREATE INDEX measure_party_insp_unit ON measure_party(kind, party_id, inspection_id, unit_key,
  due_key, measure_id);

-- One function behind the measure's triggers, which carry the SQLite twins' names: the keys
-- (copied to every row of the measure), a new lead unit (the old one keeps its row only as a
-- co-unit), a new measure (its lead unit's row).
CREATE FUNCTION zg_measure_party() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_NAME = 'measure_party_keys' THEN
    UPDATE measure_party SET inspection_id = NEW.inspection_id, finding_id = NEW.finding_id,
      ordinal = NEW.ordinal, due_key = NEW.due_key, state_rank = NEW.state_rank,
      unit_key = NEW.unit_key
    WHERE measure_id = NEW.id;
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM measure_party WHERE kind = 0 AND party_id = OLD.lead_unit_id
      AND measure_id = OLD.id AND NOT EXISTS (SELECT 1 FROM measure_co_unit c
        WHERE c.measure_id = OLD.id AND c.unit_id = OLD.lead_unit_id);
    UPDATE measure_party SET lead = 0 WHERE kind = 0 AND party_id = OLD.lead_unit_id
      AND measure_id = OLD.id;
  END IF;
  IF NEW.lead_unit_id IS NOT NULL THEN
    INSERT INTO measure_party VALUES (0, NEW.lead_unit_id, NEW.id, 1, NEW.inspection_id,
      NEW.finding_id, NEW.ordinal, NEW.due_key, NEW.state_rank, NEW.unit_key)
    ON CONFLICT (kind, party_id, measure_id) DO UPDATE SET lead = 1;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER measure_party_insert AFTER INSERT ON measure FOR EACH ROW
  WHEN (NEW.lead_unit_id IS NOT NULL) EXECUTE FUNCTION zg_measure_party();
CREATE TRIGGER measure_party_keys AFTER UPDATE OF deadline, state, finding_id, ordinal,
  inspection_id, lead_unit_id ON measure FOR EACH ROW
  WHEN (OLD.deadline IS DISTINCT FROM NEW.deadline OR OLD.state IS DISTINCT FROM NEW.state
    OR OLD.finding_id IS DISTINCT FROM NEW.finding_id OR OLD.ordinal IS DISTINCT FROM NEW.ordinal
    OR OLD.inspection_id IS DISTINCT FROM NEW.inspection_id
    OR OLD.lead_unit_id IS DISTINCT FROM NEW.lead_unit_id)
  EXECUTE FUNCTION zg_measure_party();
CREATE TRIGGER measure_party_lead AFTER UPDATE OF lead_unit_id ON measure FOR EACH ROW
  WHEN (OLD.lead_unit_id IS DISTINCT FROM NEW.lead_unit_id) EXECUTE FUNCTION zg_measure_party();

-- The co-units' and the leaders' rows, by the table (kind) and the operation.
CREATE FUNCTION zg_measure_party_owner() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  k integer := CASE WHEN TG_TABLE_NAME = 'measure_leader' THEN 1 ELSE 0 END;
  p bigint;
BEGIN
  -- Each branch names the fields of its own table (PL/pgSQL plans a statement when it runs).
  IF TG_OP = 'DELETE' THEN
    IF k = 1 THEN p := OLD.person_id; ELSE p := OLD.unit_id; END IF;
    DELETE FROM measure_party WHERE kind = k AND party_id = p AND measure_id = OLD.measure_id
      AND lead = 0;
    RETURN NULL;
  END IF;
  IF k = 1 THEN p := NEW.person_id; ELSE p := NEW.unit_id; END IF;
  INSERT INTO measure_party SELECT k, p, m.id, 0, m.inspection_id, m.finding_id, m.ordinal,
    m.due_key, m.state_rank, m.unit_key FROM measure m WHERE m.id = NEW.measure_id
  ON CONFLICT (kind, party_id, measure_id) DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER measure_party_co_insert AFTER INSERT ON measure_co_unit FOR EACH ROW
  EXECUTE FUNCTION zg_measure_party_owner();
CREATE TRIGGER measure_party_co_delete AFTER DELETE ON measure_co_unit FOR EACH ROW
  EXECUTE FUNCTION zg_measure_party_owner();
CREATE TRIGGER measure_party_leader_insert AFTER INSERT ON measure_leader FOR EACH ROW
  EXECUTE FUNCTION zg_measure_party_owner();
CREATE TRIGGER measure_party_leader_delete AFTER DELETE ON measure_leader FOR EACH ROW
  EXECUTE FUNCTION zg_measure_party_owner();
