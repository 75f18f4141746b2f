/*
** revisit_store.c: SQL for revisits and spot checks (revisit_store.h).
*/
#include "revisit_store.h"

int revisit_store_insert(Db *db, const Revisit *v, int64_t user_id, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("INSERT INTO revisit(measure_id, due_on, done_on, result, comment, recorded_by)"
                   " VALUES(?1,?2,?3,?4,?5,?6)"));
    db_bind_int(st, 1, v->measure_id);
    db_bind_day(st, 2, v->due_on != DAY_NONE ? v->due_on : v->done_on);
    db_bind_day(st, 3, v->done_on);
    db_bind_text(st, 4, vocab_name(VOCAB_REVISIT_RESULT, v->result));
    db_bind_text(st, 5, v->comment ? v->comment : "");
    db_bind_id(st, 6, user_id);
    return db_step_done(db, st, err);
}

static void revisit_row(DbStmt *st, Arena *arena, void *out)
{
    Revisit *v = out;
    v->id = db_col_int(st, 0);
    v->measure_id = db_col_int(st, 1);
    v->due_on = db_col_day(st, 2);
    v->done_on = db_col_day(st, 3);
    int r = vocab_parse(VOCAB_REVISIT_RESULT, db_col_text(st, 4));
    v->result = r < 0 ? REVISIT_HELD : (RevisitResult)r;
    v->comment = arena_strdup(arena, db_col_text(st, 5));
    v->recorder = arena_strdup(arena, db_col_text(st, 6));
    if (!v->comment)
        v->comment = "";
}

int revisit_store_of_measure(Db *db, Arena *arena, int64_t measure_id, int limit, Revisit **out,
                             int *n, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("SELECT v.id, v.measure_id, v.due_on, v.done_on, v.result, v.comment,"
                   " u.display_name FROM revisit v LEFT JOIN users u ON u.id = v.recorded_by"
                   " WHERE v.measure_id = ?1 ORDER BY v.id DESC LIMIT ?2"));
    db_bind_int(st, 1, measure_id);
    db_bind_int(st, 2, limit);
    return db_collect(db, st, arena, sizeof(Revisit), revisit_row, (void **)out, n, err);
}

int revisit_store_set_due(Db *db, int64_t measure_id, Day due, Err *err)
{
    DbStmt *st = db_prepare(db, DB_SQL("UPDATE measure SET revisit_due = ?2 WHERE id = ?1"));
    db_bind_int(st, 1, measure_id);
    db_bind_day(st, 2, due);
    return db_step_done(db, st, err);
}

int revisit_store_months(Db *db, int64_t inspection_id, int *months, Err *err)
{
    DbStmt *st =
        db_prepare(db, DB_SQL("SELECT revisit_months FROM inspection WHERE id = ?1"));
    db_bind_int(st, 1, inspection_id);
    int64_t v;
    if (db_find_id(db, st, &v, err) < 0)
        return -1;
    *months = v >= 1 && v <= 60 ? (int)v : 6;
    return 0;
}

int spot_store_population(Db *db, Arena *arena, int64_t inspection_id, int64_t **ids,
                          int64_t **units, int *n, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("SELECT id, coalesce(lead_unit_id, 0) FROM measure WHERE inspection_id = ?1"
                   " AND state IN ('closed','phase_complete') ORDER BY id"));
    db_bind_int(st, 1, inspection_id);
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
    DbStmt *st = db_prepare(
        db, DB_SQL("INSERT INTO spot_check(inspection_id, drawn_on, drawn_by, seed, percent,"
                   " sample_count, per_unit, population) VALUES(?1,?2,?3,?4,?5,?6,?7,?8)"));
    db_bind_int(st, 1, c->inspection_id);
    db_bind_day(st, 2, c->drawn_on);
    db_bind_id(st, 3, user_id);
    db_bind_int(st, 4, c->seed);
    if (c->percent)
        db_bind_int(st, 5, c->percent);
    if (c->count)
        db_bind_int(st, 6, c->count);
    db_bind_int(st, 7, c->per_unit);
    db_bind_int(st, 8, c->population);
    if (db_step_done(db, st, err) < 0)
        return -1;
    c->id = db_last_id(db);
    DbStmt *it = db_prepare(
        db, DB_SQL("INSERT INTO spot_check_item(check_id, measure_id) VALUES(?1,?2)"));
    for (int i = 0; i < n; i++) {
        db_reset(it);
        db_bind_int(it, 1, c->id);
        db_bind_int(it, 2, ids[i]);
        if (db_step_done(db, it, err) < 0)
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

static void spot_row(DbStmt *st, Arena *arena, void *out)
{
    (void)arena;
    SpotCheck *c = out;
    c->id = db_col_int(st, 0);
    c->inspection_id = db_col_int(st, 1);
    c->drawn_on = db_col_day(st, 2);
    c->seed = db_col_int(st, 3);
    c->percent = (int)db_col_int(st, 4);
    c->count = (int)db_col_int(st, 5);
    c->per_unit = db_col_int(st, 6) != 0;
    c->population = (int)db_col_int(st, 7);
    c->n_items = (int)db_col_int(st, 8);
    c->n_checked = (int)db_col_int(st, 9);
    c->n_failed = (int)db_col_int(st, 10);
}

int spot_store_list(Db *db, Arena *arena, int64_t inspection_id, int limit, SpotCheck **out,
                    int *n, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL(Q_SPOT("WHERE c.inspection_id = ?1 ORDER BY c.id DESC LIMIT ?2")));
    db_bind_int(st, 1, inspection_id);
    db_bind_int(st, 2, limit);
    return db_collect(db, st, arena, sizeof(SpotCheck), spot_row, (void **)out, n, err);
}

int spot_store_get(Db *db, Arena *arena, int64_t id, SpotCheck *out, Err *err)
{
    SpotCheck *cs;
    int n;
    DbStmt *st = db_prepare(db, DB_SQL(Q_SPOT("WHERE c.id = ?1")));
    db_bind_int(st, 1, id);
    if (db_collect(db, st, arena, sizeof(SpotCheck), spot_row, (void **)&cs, &n, err) < 0)
        return -1;
    if (n == 0)
        return err_fail(err, ERR_NOTFOUND, "no spot check with id %lld", (long long)id);
    *out = cs[0];
    return 0;
}

static void item_row(DbStmt *st, Arena *arena, void *out)
{
    SpotItem *i = out;
    i->check_id = db_col_int(st, 0);
    i->measure_id = db_col_int(st, 1);
    i->title = arena_strdup(arena, db_col_text(st, 2));
    i->result = vocab_parse(VOCAB_SPOT_CHECK_RESULT, db_col_text(st, 3));
    i->checked_on = db_col_day(st, 4);
    i->comment = arena_strdup(arena, db_col_text(st, 5));
    if (!i->title)
        i->title = "";
    if (!i->comment)
        i->comment = "";
}

int spot_store_items(Db *db, Arena *arena, int64_t check_id, SpotItem **out, int *n, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("SELECT i.check_id, i.measure_id, m.title, i.result, i.checked_on, i.comment"
                   " FROM spot_check_item i JOIN measure m ON m.id = i.measure_id"
                   " WHERE i.check_id = ?1 ORDER BY i.measure_id"));
    db_bind_int(st, 1, check_id);
    return db_collect(db, st, arena, sizeof(SpotItem), item_row, (void **)out, n, err);
}

int spot_store_record(Db *db, int64_t check_id, int64_t measure_id, SpotCheckResult result,
                      const char *comment, int64_t user_id, Day on, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("UPDATE spot_check_item SET result = ?3, comment = ?4, checked_by = ?5,"
                   " checked_on = ?6 WHERE check_id = ?1 AND measure_id = ?2 AND result IS NULL"));
    db_bind_int(st, 1, check_id);
    db_bind_int(st, 2, measure_id);
    db_bind_text(st, 3, vocab_name(VOCAB_SPOT_CHECK_RESULT, result));
    db_bind_text(st, 4, comment ? comment : "");
    db_bind_id(st, 5, user_id);
    db_bind_day(st, 6, on);
    if (db_step_done(db, st, err) < 0)
        return -1;
    if (db_changes(db) != 1)
        return err_fail(err, ERR_CONFLICT, "measure %lld of spot check %lld is checked or not drawn",
                        (long long)measure_id, (long long)check_id);
    return 0;
}
