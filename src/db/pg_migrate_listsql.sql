-- pg_migrate_listsql.sql: the PostgreSQL twin of migrate_listsql.sql, with the same index name:
-- an office's list of one inspection by deadline over the measures in force only (issue 11),
-- ending with the id as the keyset's tie-breaker, as pg_migrate_pagecost.sql's indexes do.
CREATE INDEX measure_k_insp_due_live ON measure(inspection_id, due_key, id)
  WHERE withdrawn_at IS NULL;
