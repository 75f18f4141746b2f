-- migrate_listsql.sql: the index of an office's list of one inspection by deadline (issue 11):
-- the measures in force only, so that a page's ids come from the index alone and the row of a
-- measure is read only when a filter asks for one of its columns (measure_store.c,
-- BY_INSPECTION_PLAIN); measure_k_insp_due, which holds the withdrawn ones too, makes a page
-- seek every row for withdrawn_at.
CREATE INDEX measure_k_insp_due_live ON measure(inspection_id, due_key) WHERE withdrawn_at IS NULL;
