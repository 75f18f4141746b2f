-- migrate_unitpage.sql: lists filtered by a unit or a leader cost their page (issue 11). A
-- unit's measures are those it leads (measure.lead_unit_id) and those it shares
-- (measure_co_unit); a leader's are in measure_leader. Neither can be read in a list's order
-- along one index, so every (measure, unit) and (measure, leader) pair is kept here with copies
-- of the measure's sort keys, and each list order gets an index led by the party: a page of a
-- unit's or a leader's measures, with or without an inspection, is then one index range read
-- after its cursor (measure_store.c, the DRIVE_PARTY* drivers). Triggers keep the copies in the
-- transaction of each change; withdrawn measures stay here and are left out by the measure's
-- own row.
CREATE TABLE measure_party (
  kind          INTEGER NOT NULL,           -- 0: a unit (lead or co-unit), 1: a leader (person)
  party_id      INTEGER NOT NULL,           -- the unit's or the person's id
  measure_id    INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
  lead          INTEGER NOT NULL DEFAULT 0, -- 1: the unit leads the measure
  inspection_id INTEGER NOT NULL,
  finding_id    INTEGER NOT NULL,
  ordinal       INTEGER NOT NULL,
  due_key       TEXT NOT NULL,              -- the measure's sort keys (migrate_pagecost.sql)
  state_rank    INTEGER,
  unit_key      INTEGER NOT NULL,
  PRIMARY KEY (kind, party_id, measure_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX measure_party_measure ON measure_party(measure_id);

INSERT INTO measure_party
  SELECT 0, lead_unit_id, id, 1, inspection_id, finding_id, ordinal, due_key, state_rank, unit_key
  FROM measure WHERE lead_unit_id IS NOT NULL;
INSERT INTO measure_party
  SELECT 0, c.unit_id, m.id, 0, m.inspection_id, m.finding_id, m.ordinal, m.due_key,
    m.state_rank, m.unit_key
  FROM measure_co_unit c JOIN measure m ON m.id = c.measure_id WHERE true
  ON CONFLICT DO NOTHING;
INSERT INTO measure_party
  SELECT 1, l.person_id, m.id, 0, m.inspection_id, m.finding_id, m.ordinal, m.due_key,
    m.state_rank, m.unit_key
  FROM measure_leader l JOIN measure m ON m.id = l.measure_id WHERE true
  ON CONFLICT DO NOTHING;

-- One index per list order, with and without an inspection; SQLite ends each with the
-- primary key's measure_id, the keyset's tie-breaker.
CREATE INDEX measure_party_due ON measure_party(kind, party_id, due_key);
CREATE INDEX measure_party_state ON measure_party(kind, party_id, state_rank, due_key);
CREATE INDEX measure_party_unit ON measure_party(kind, party_id, unit_key, due_key);
CREATE INDEX measure_party_ledger ON measure_party(kind, party_id, inspection_id, finding_id,
  ordinal);
CREATE INDEX measure_party_insp_due ON measure_party(kind, party_id, inspection_id, due_key);
CREATE INDEX measure_party_insp_state ON measure_party(kind, party_id, inspection_id, state_rank,
  due_key);
CREATE INDEX measure_party_insp_unit ON measure_party(kind, party_id, inspection_id, unit_key,
  due_key);

CREATE TRIGGER measure_party_insert AFTER INSERT ON measure WHEN new.lead_unit_id IS NOT NULL
BEGIN
  INSERT INTO measure_party VALUES (0, new.lead_unit_id, new.id, 1, new.inspection_id,
    new.finding_id, new.ordinal, new.due_key, new.state_rank, new.unit_key)
  ON CONFLICT DO UPDATE SET lead = 1;
END;
-- The sort keys move with the measure.
CREATE TRIGGER measure_party_keys AFTER UPDATE OF deadline, state, finding_id, ordinal,
  inspection_id, lead_unit_id ON measure
  WHEN old.deadline IS NOT new.deadline OR old.state IS NOT new.state
    OR old.finding_id IS NOT new.finding_id OR old.ordinal IS NOT new.ordinal
    OR old.inspection_id IS NOT new.inspection_id OR old.lead_unit_id IS NOT new.lead_unit_id
BEGIN
  UPDATE measure_party SET inspection_id = new.inspection_id, finding_id = new.finding_id,
    ordinal = new.ordinal, due_key = new.due_key, state_rank = new.state_rank,
    unit_key = new.unit_key
  WHERE measure_id = new.id;
END;
-- A new lead unit: the old one keeps its row only as a co-unit.
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
    WHERE new.lead_unit_id IS NOT NULL
  ON CONFLICT DO UPDATE SET lead = 1;
END;
CREATE TRIGGER measure_party_co_insert AFTER INSERT ON measure_co_unit BEGIN
  INSERT INTO measure_party SELECT 0, new.unit_id, m.id, 0, m.inspection_id, m.finding_id,
    m.ordinal, m.due_key, m.state_rank, m.unit_key FROM measure m WHERE m.id = new.measure_id
  ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER measure_party_co_delete AFTER DELETE ON measure_co_unit BEGIN
  DELETE FROM measure_party WHERE kind = 0 AND party_id = old.unit_id
    AND measure_id = old.measure_id AND lead = 0;
END;
CREATE TRIGGER measure_party_leader_insert AFTER INSERT ON measure_leader BEGIN
  INSERT INTO measure_party SELECT 1, new.person_id, m.id, 0, m.inspection_id, m.finding_id,
    m.ordinal, m.due_key, m.state_rank, m.unit_key FROM measure m WHERE m.id = new.measure_id
  ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER measure_party_leader_delete AFTER DELETE ON measure_leader BEGIN
  DELETE FROM measure_party WHERE kind = 1 AND party_id = old.person_id
    AND measure_id = old.measure_id;
END;
