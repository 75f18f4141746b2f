-- pg_migrate_touch_log.sql: migrate_touch.sql's log of touched measures on PostgreSQL, so that a
-- worker's kept dashboard figures are brought up to date there too by reading again only the
-- measures written since (db/dash_store.c), instead of the whole inspection after every change.
--
-- PostgreSQL's sequences are not in commit order: a transaction may take seq 9, another seq 10
-- and commit first. So a reader's place in the log is not a seq but the snapshot its figures
-- are as of: every change that snapshot did not see was made by a transaction whose id is at
-- least its xmin (running then, or begun later) and not visible in it. Each row carries its
-- transaction's id; the reader asks for those rows (from the xmin on, on the index), and takes
-- its next snapshot in the same statement.
--
-- seq is not taken from a sequence here: lastval() would then name the log's row instead of
-- the measure an INSERT added (db_last_id on PostgreSQL, then). Each row takes the largest seq
-- plus one. Migration 18 (pg_migrate_touch_seq.sql) makes seq an identity, once the driver no
-- longer asked lastval().
--
-- The log keeps about its last 4,096 rows: every 256th insert deletes the rows 4,096 below it,
-- and records in measure_touch_floor one more than the largest transaction id it deleted. A
-- reader whose xmin is below the floor may have lost rows and reads everything again. Only one
-- transaction at a time prunes (a try of an advisory lock, never a wait), so that two pruners
-- never wait on each other's deleted rows.
CREATE TABLE measure_touch (
  seq        bigint NOT NULL,
  measure_id bigint NOT NULL,
  xid        bigint NOT NULL DEFAULT pg_current_xact_id()::text::bigint
);
CREATE INDEX measure_touch_seq ON measure_touch(seq);
CREATE INDEX measure_touch_xid ON measure_touch(xid);
CREATE TABLE measure_touch_floor (
  xid bigint NOT NULL
);
INSERT INTO measure_touch_floor VALUES (0);

CREATE FUNCTION zg_touch_bound() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF new.seq % 256 = 0 AND pg_try_advisory_xact_lock(7926434117650196838) THEN
    WITH gone AS (DELETE FROM measure_touch WHERE seq <= new.seq - 4096 RETURNING xid)
    UPDATE measure_touch_floor SET xid = greatest(xid, (SELECT max(xid) + 1 FROM gone))
      WHERE EXISTS (SELECT 1 FROM gone);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER measure_touch_bound AFTER INSERT ON measure_touch
  FOR EACH ROW EXECUTE FUNCTION zg_touch_bound();

-- A row for measure mid (NULL: none).
CREATE FUNCTION zg_touch(mid bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF mid IS NOT NULL THEN
    INSERT INTO measure_touch(seq, measure_id)
      SELECT coalesce(max(seq), 0) + 1, mid FROM measure_touch;
  END IF;
END $$;

-- The measure's own row.
CREATE FUNCTION zg_touch_measure() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM zg_touch(old.id);
  ELSE
    PERFORM zg_touch(new.id);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER measure_touch_insert AFTER INSERT ON measure
  FOR EACH ROW EXECUTE FUNCTION zg_touch_measure();
CREATE TRIGGER measure_touch_update AFTER UPDATE ON measure
  FOR EACH ROW EXECUTE FUNCTION zg_touch_measure();
CREATE TRIGGER measure_touch_delete AFTER DELETE ON measure
  FOR EACH ROW EXECUTE FUNCTION zg_touch_measure();

-- A row that names a measure (its leaders, co-units, supervisions): the old one's and the new
-- one's, when they name one.
CREATE FUNCTION zg_touch_part() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM zg_touch(old.measure_id);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM zg_touch(new.measure_id);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER measure_touch_leader_insert AFTER INSERT ON measure_leader
  FOR EACH ROW EXECUTE FUNCTION zg_touch_part();
CREATE TRIGGER measure_touch_leader_update AFTER UPDATE ON measure_leader
  FOR EACH ROW EXECUTE FUNCTION zg_touch_part();
CREATE TRIGGER measure_touch_leader_delete AFTER DELETE ON measure_leader
  FOR EACH ROW EXECUTE FUNCTION zg_touch_part();
CREATE TRIGGER measure_touch_co_insert AFTER INSERT ON measure_co_unit
  FOR EACH ROW EXECUTE FUNCTION zg_touch_part();
CREATE TRIGGER measure_touch_co_update AFTER UPDATE ON measure_co_unit
  FOR EACH ROW EXECUTE FUNCTION zg_touch_part();
CREATE TRIGGER measure_touch_co_delete AFTER DELETE ON measure_co_unit
  FOR EACH ROW EXECUTE FUNCTION zg_touch_part();
CREATE TRIGGER measure_touch_supervision_insert AFTER INSERT ON supervision
  FOR EACH ROW EXECUTE FUNCTION zg_touch_part();
CREATE TRIGGER measure_touch_supervision_update AFTER UPDATE ON supervision
  FOR EACH ROW EXECUTE FUNCTION zg_touch_part();
CREATE TRIGGER measure_touch_supervision_delete AFTER DELETE ON supervision
  FOR EACH ROW EXECUTE FUNCTION zg_touch_part();
