-- migrate_touch_log.sql: nothing on SQLite. Its PostgreSQL twin, pg_migrate_touch_log.sql, gives
-- PostgreSQL the log of touched measures that migrate_touch.sql gave SQLite.
SELECT 1;
