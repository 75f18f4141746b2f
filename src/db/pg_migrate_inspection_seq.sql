-- pg_migrate_inspection_seq.sql: the PostgreSQL twin of migrate_inspection_seq.sql (a count of
-- the changes to the inspection table), one bump per statement.
CREATE TABLE change_seq (
  name text PRIMARY KEY,
  seq  bigint NOT NULL
);
INSERT INTO change_seq VALUES ('inspection', 0);

CREATE FUNCTION zg_inspection_seq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE change_seq SET seq = seq + 1 WHERE name = 'inspection';
  RETURN NULL;
END $$;
CREATE TRIGGER inspection_seq_insert AFTER INSERT ON inspection
  FOR EACH STATEMENT EXECUTE FUNCTION zg_inspection_seq();
CREATE TRIGGER inspection_seq_update AFTER UPDATE ON inspection
  FOR EACH STATEMENT EXECUTE FUNCTION zg_inspection_seq();
CREATE TRIGGER inspection_seq_delete AFTER DELETE ON inspection
  FOR EACH STATEMENT EXECUTE FUNCTION zg_inspection_seq();
