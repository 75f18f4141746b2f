/*
** count_store.c: SQL of the measure counts (count_store.h).
*/
#include "count_store.h"

#include "db/measure_store.h"

int count_store_states(Db *db, int64_t inspection_id, int64_t unit_id, int by_state[STATE__COUNT],
                       Err *err)
{
    if (!unit_id) { /* all of them: the tally the triggers keep, not one row per measure */
        int64_t tally[STATE__COUNT + 1];
        if (measure_store_tally(db, inspection_id, tally, err) < 0)
            return -1;
        for (int s = 0; s < STATE__COUNT; s++)
            by_state[s] = (int)tally[s];
        return 0;
    }
    DbStmt *st = db_query(
        db,
        DB_SQL("SELECT m.state, count(*) FROM measure m WHERE m.inspection_id = ?1"
               " AND m.withdrawn_at IS NULL"
               " AND (m.lead_unit_id = ?2 OR EXISTS (SELECT 1 FROM measure_co_unit c"
               "      WHERE c.measure_id = m.id AND c.unit_id = ?2))"
               " GROUP BY m.state"),
        DB_ARGS(DB_INT(inspection_id), DB_INT(unit_id)));
    memset(by_state, 0, sizeof(int) * STATE__COUNT);
    int rc;
    while ((rc = db_step(db, st, err)) == 1) {
        int s = model_state_parse(db_col_text(st, 0));
        if (s >= 0)
            by_state[s] = (int)db_col_int(st, 1);
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}
