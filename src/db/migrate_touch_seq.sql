-- migrate_touch_seq.sql: nothing on SQLite, whose touch log's seq is its rowid already. Its
-- PostgreSQL twin, pg_migrate_touch_seq.sql, takes that log's seq from an identity.
SELECT 1;
