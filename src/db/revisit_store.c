/*
** revisit_store.c: SQL for revisits and spot checks (revisit_store.h).
*/
#include "revisit_store.h"

int revisit_store_insert(Db *db, const Revisit *v, int64_t user_id, Err *err)
{
    return db_run(
        db,
        DB_SQL("INSERT INTO revisit(measure_id, due_on, done_on, result, comment, recorded_by)"
               " VALUES(?1,?2,?3,?4,?5,?6)"),
        DB_ARGS(DB_INT(v->measure_id), DB_DAY(v->due_on != DAY_NONE ? v->due_on : v->done_on),
                DB_DAY(v->done_on), DB_TEXT(vocab_name(VOCAB_REVISIT_RESULT, v->result)),
                DB_STR(v->comment), DB_ID(user_id)),
        err);
}

static const DbCol revisit_cols[] = {
    DB_COL_INT(Revisit, id),
    DB_COL_INT(Revisit, measure_id),
    DB_COL_DAY(Revisit, due_on),
    DB_COL_DAY(Revisit, done_on),
    DB_COL_VOCAB(Revisit, result, VOCAB_REVISIT_RESULT, REVISIT_HELD),
    DB_COL_STR(Revisit, comment),
    DB_COL_TEXT(Revisit, recorder),
};

static const DbRowMap revisit_map = DB_MAP(Revisit, revisit_cols, NULL);

int revisit_store_of_measure(Db *db, Arena *arena, int64_t measure_id, int limit, Revisit **out,
                             int *n, Err *err)
{
    return db_list(db,
                   DB_SQL("SELECT v.id, v.measure_id, v.due_on, v.done_on, v.result, v.comment,"
                          " u.display_name FROM revisit v LEFT JOIN users u ON u.id = v.recorded_by"
                          " WHERE v.measure_id = ?1 ORDER BY v.id DESC LIMIT ?2"),
                   DB_ARGS(DB_INT(measure_id), DB_INT(limit)), &revisit_map, arena, out, n, err);
}

int revisit_store_set_due(Db *db, int64_t measure_id, Day due, Err *err)
{
    return db_run(db, DB_SQL("UPDATE measure SET revisit_due = ?2 WHERE id = ?1"),
                  DB_ARGS(DB_INT(measure_id), DB_DAY(due)), err);
}

int revisit_store_months(Db *db, int64_t inspection_id, int *months, Err *err)
{
    int64_t v;
    if (db_scalar(db, DB_SQL("SELECT revisit_months FROM inspection WHERE id = ?1"),
                  DB_ARGS(DB_INT(inspection_id)), &v, err) < 0)
        return -1;
    *months = v >= 1 && v <= 60 ? (int)v : 6;
    return 0;
}

int spot_store_population(Db *db, Arena *arena, int64_t inspection_id, int64_t **ids,
                          int64_t **units, int *n, Err *err)
{
    DbStmt *st =
        db_query(db,
                 DB_SQL("SELECT id, coalesce(lead_unit_id, 0) FROM measure WHERE inspection_id = ?1"
                        " AND state IN ('closed','phase_complete') ORDER BY id"),
                 DB_ARGS(DB_INT(inspection_id)));
    size_t cap = 64, count = 0;
    int64_t *a = xmalloc(cap * sizeof *a), *b = xmalloc(cap * sizeof *b);
    int rc;
    while ((rc = db_step(db, st, err)) == 1) {
        if (count == cap) {
            cap *= 2;
            a = xrealloc(a, cap * sizeof *a);
            b = xrealloc(b, cap * sizeof *b);
        }
        a[count] = db_col_int(st, 0);
        b[count] = db_col_int(st, 1);
        count++;
    }
    db_reset(st);
    if (rc == 0) {
        *ids = ARENA_ARRAY(arena, int64_t, count + 1);
        *units = ARENA_ARRAY(arena, int64_t, count + 1);
        memcpy(*ids, a, count * sizeof *a);
        memcpy(*units, b, count * sizeof *b);
        *n = (int)count;
    }
    free(a);
    free(b);
    return rc < 0 ? -1 : 0;
}

int spot_store_insert(Db *db, SpotCheck *c, int64_t user_id, const int64_t *ids, int n, Err *err)
{
    /* A sample drawn by count has no percent, and the other way round: 0 binds NULL (DB_ID). */
    if (db_insert(db,
                  DB_SQL("INSERT INTO spot_check(inspection_id, drawn_on, drawn_by, seed, percent,"
                         " sample_count, per_unit, population) VALUES(?1,?2,?3,?4,?5,?6,?7,?8)"),
                  DB_ARGS(DB_INT(c->inspection_id), DB_DAY(c->drawn_on), DB_ID(user_id),
                          DB_INT(c->seed), DB_ID(c->percent), DB_ID(c->count), DB_INT(c->per_unit),
                          DB_INT(c->population)),
                  &c->id, err) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        if (db_run(db, DB_SQL("INSERT INTO spot_check_item(check_id, measure_id) VALUES(?1,?2)"),
                   DB_ARGS(DB_INT(c->id), DB_INT(ids[i])), err) < 0)
            return -1;
    }
    return 0;
}

#define Q_SPOT(where)                                                                              \
    "SELECT c.id, c.inspection_id, c.drawn_on, c.seed, coalesce(c.percent, 0),"                   \
    " coalesce(c.sample_count, 0), c.per_unit, c.population,"                                      \
    " (SELECT count(*) FROM spot_check_item i WHERE i.check_id = c.id),"                           \
    " (SELECT count(*) FROM spot_check_item i WHERE i.check_id = c.id AND i.result IS NOT NULL),"  \
    " (SELECT count(*) FROM spot_check_item i WHERE i.check_id = c.id AND i.result = 'failed')"    \
    " FROM spot_check c " where

static const DbCol spot_cols[] = {
    DB_COL_INT(SpotCheck, id),       DB_COL_INT(SpotCheck, inspection_id),
    DB_COL_DAY(SpotCheck, drawn_on), DB_COL_INT(SpotCheck, seed),
    DB_COL_INT(SpotCheck, percent),  DB_COL_INT(SpotCheck, count),
    DB_COL_INT(SpotCheck, per_unit), DB_COL_INT(SpotCheck, population),
    DB_COL_INT(SpotCheck, n_items),  DB_COL_INT(SpotCheck, n_checked),
    DB_COL_INT(SpotCheck, n_failed),
};

static const DbRowMap spot_map = DB_MAP(SpotCheck, spot_cols, NULL);

int spot_store_list(Db *db, Arena *arena, int64_t inspection_id, int limit, SpotCheck **out, int *n,
                    Err *err)
{
    return db_list(db, DB_SQL(Q_SPOT("WHERE c.inspection_id = ?1 ORDER BY c.id DESC LIMIT ?2")),
                   DB_ARGS(DB_INT(inspection_id), DB_INT(limit)), &spot_map, arena, out, n, err);
}

int spot_store_get(Db *db, Arena *arena, int64_t id, SpotCheck *out, Err *err)
{
    return db_get_id(db, DB_SQL(Q_SPOT("WHERE c.id = ?1")), id, &spot_map, arena, out, "spot check",
                     err);
}

static const DbCol item_cols[] = {
    DB_COL_INT(SpotItem, check_id),   DB_COL_INT(SpotItem, measure_id),
    DB_COL_STR(SpotItem, title),      DB_COL_VOCAB(SpotItem, result, VOCAB_SPOT_CHECK_RESULT, -1),
    DB_COL_DAY(SpotItem, checked_on), DB_COL_STR(SpotItem, comment),
};

static const DbRowMap item_map = DB_MAP(SpotItem, item_cols, NULL);

int spot_store_items(Db *db, Arena *arena, int64_t check_id, SpotItem **out, int *n, Err *err)
{
    return db_list(
        db,
        DB_SQL("SELECT i.check_id, i.measure_id, m.title, i.result, i.checked_on, i.comment"
               " FROM spot_check_item i JOIN measure m ON m.id = i.measure_id"
               " WHERE i.check_id = ?1 ORDER BY i.measure_id"),
        DB_ARGS(DB_INT(check_id)), &item_map, arena, out, n, err);
}

int spot_store_record(Db *db, int64_t check_id, int64_t measure_id, SpotCheckResult result,
                      const char *comment, int64_t user_id, Day on, Err *err)
{
    if (db_run(
            db,
            DB_SQL("UPDATE spot_check_item SET result = ?3, comment = ?4, checked_by = ?5,"
                   " checked_on = ?6 WHERE check_id = ?1 AND measure_id = ?2 AND result IS NULL"),
            DB_ARGS(DB_INT(check_id), DB_INT(measure_id),
                    DB_TEXT(vocab_name(VOCAB_SPOT_CHECK_RESULT, result)), DB_STR(comment),
                    DB_ID(user_id), DB_DAY(on)),
            err) < 0)
        return -1;
    if (db_changes(db) != 1)
        return err_fail(err, ERR_CONFLICT,
                        "measure %lld of spot check %lld is checked or not drawn",
                        (long long)measure_id, (long long)check_id);
    return 0;
}
