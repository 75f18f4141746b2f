-- migrate_inspection_seq.sql: a count of the changes to the inspection table, kept by triggers
-- in the transaction of each change, so that a worker's cached list of every inspection
-- (web/view.c, view_inspection_cache) is read again when an inspection changes rather than after
-- every write: a progress report moved the data version, and each worker then read a nation's
-- 3,000 inspections again.
CREATE TABLE change_seq (
  name TEXT PRIMARY KEY,
  seq  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO change_seq VALUES ('inspection', 0);

CREATE TRIGGER inspection_seq_insert AFTER INSERT ON inspection BEGIN
  UPDATE change_seq SET seq = seq + 1 WHERE name = 'inspection';
END;
CREATE TRIGGER inspection_seq_update AFTER UPDATE ON inspection BEGIN
  UPDATE change_seq SET seq = seq + 1 WHERE name = 'inspection';
END;
CREATE TRIGGER inspection_seq_delete AFTER DELETE ON inspection BEGIN
  UPDATE change_seq SET seq = seq + 1 WHERE name = 'inspection';
END;
