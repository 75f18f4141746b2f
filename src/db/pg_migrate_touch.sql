-- pg_migrate_touch.sql: the PostgreSQL twin of migrate_touch.sql, which has none: its log of
-- touched measures relies on rows being added in commit order, which PostgreSQL's sequences do
-- not give, so there the dashboard's figures are read whole after every change.
SELECT 1;
