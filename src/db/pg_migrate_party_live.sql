-- pg_migrate_party_live.sql: the PostgreSQL twin of migrate_party_live.sql: measure_party
-- holds the measures in force only, so that a count of a unit's or a leader's measures is one
-- range of its index. A withdrawn measure leaves it; the functions add no row for one.
DELETE FROM measure_party
  WHERE measure_id IN (SELECT id FROM measure WHERE withdrawn_at IS NOT NULL);

CREATE OR REPLACE FUNCTION zg_measure_party() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_NAME = 'measure_party_withdraw' THEN
    DELETE FROM measure_party WHERE measure_id = NEW.id;
    RETURN NULL;
  END IF;
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
  IF NEW.lead_unit_id IS NOT NULL AND NEW.withdrawn_at IS NULL THEN
    INSERT INTO measure_party VALUES (0, NEW.lead_unit_id, NEW.id, 1, NEW.inspection_id,
      NEW.finding_id, NEW.ordinal, NEW.due_key, NEW.state_rank, NEW.unit_key)
    ON CONFLICT (kind, party_id, measure_id) DO UPDATE SET lead = 1;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER measure_party_withdraw AFTER UPDATE OF withdrawn_at ON measure FOR EACH ROW
  WHEN (NEW.withdrawn_at IS NOT NULL) EXECUTE FUNCTION zg_measure_party();

CREATE OR REPLACE FUNCTION zg_measure_party_owner() RETURNS trigger LANGUAGE plpgsql AS $$
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
    m.due_key, m.state_rank, m.unit_key FROM measure m
    WHERE m.id = NEW.measure_id AND m.withdrawn_at IS NULL
  ON CONFLICT (kind, party_id, measure_id) DO NOTHING;
  RETURN NULL;
END $$;
