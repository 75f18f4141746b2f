/*
** activity_store.c: SQL for progress, evidence, reviews and events (activity_store.h).
*/
#include "activity_store.h"

int progress_store_insert(Db *db, Progress *p, Err *err)
{
    char now[TIME_ISO_SIZE];
    DbStmt *st = db_prepare(
        db, DB_SQL("INSERT INTO progress(measure_id, unit_id, author_id, period, body, percent,"
                   " state, reported_on, created_at) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)"));
    db_bind_int(st, 1, p->measure_id);
    db_bind_id(st, 2, p->unit_id);
    db_bind_id(st, 3, p->author_id);
    db_bind_text(st, 4, p->period ? p->period : "");
    db_bind_text(st, 5, p->body);
    db_bind_int(st, 6, p->percent);
    db_bind_text(st, 7, vocab_name(VOCAB_PROGRESS_STATE, (int)p->state));
    db_bind_day(st, 8, p->reported_on);
    db_bind_text(st, 9, date_now_iso(now));
    if (db_step_done(db, st, err) < 0)
        return -1;
    p->id = db_last_id(db);
    return 0;
}

#define Q_PROGRESS(where)                                                                          \
    "SELECT p.id, p.measure_id, p.unit_id, p.author_id, p.period, p.body, p.percent, p.state,"    \
    " p.reported_on FROM progress p " where

static void progress_row(DbStmt *st, Arena *arena, void *out)
{
    Progress *p = out;
    p->id = db_col_int(st, 0);
    p->measure_id = db_col_int(st, 1);
    p->unit_id = db_col_int(st, 2);
    p->author_id = db_col_int(st, 3);
    p->period = arena_strdup(arena, db_col_text(st, 4));
    p->body = arena_strdup(arena, db_col_text(st, 5));
    p->percent = (int)db_col_int(st, 6);
    /* A bad row reads as a draft, which counts for nothing. */
    p->state = vocab_parse_or(VOCAB_PROGRESS_STATE, db_col_text(st, 7), PROGRESS_DRAFT);
    p->reported_on = db_col_day(st, 8);
    if (!p->body)
        p->body = "";
}

int progress_store_list(Db *db, Arena *arena, int64_t measure_id, int limit, Progress **out,
                        int *n, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL(Q_PROGRESS("WHERE p.measure_id = ?1 ORDER BY p.reported_on DESC, p.id DESC"
                              " LIMIT ?2")));
    db_bind_int(st, 1, measure_id);
    db_bind_int(st, 2, limit);
    return db_collect(db, st, arena, sizeof(Progress), progress_row, (void **)out, n, err);
}

int progress_store_get(Db *db, Arena *arena, int64_t id, Progress *out, Err *err)
{
    Progress *ps;
    int n;
    DbStmt *st = db_prepare(db, DB_SQL(Q_PROGRESS("WHERE p.id = ?1")));
    db_bind_int(st, 1, id);
    if (db_collect(db, st, arena, sizeof(Progress), progress_row, (void **)&ps, &n, err) < 0)
        return -1;
    if (n == 0)
        return err_fail(err, ERR_NOTFOUND, "no progress report with id %lld", (long long)id);
    *out = ps[0];
    return 0;
}

int progress_store_move(Db *db, int64_t id, ProgressState from, ProgressState to,
                        int64_t reviewer_id, const char *comment, Day on, Err *err)
{
    char now[TIME_ISO_SIZE];
    DbStmt *st = db_prepare(
        db, DB_SQL("UPDATE progress SET state = ?3,"
                   " reported_on = CASE WHEN ?4 IS NULL THEN reported_on ELSE ?4 END,"
                   " reviewer_id = coalesce(?5, reviewer_id),"
                   " reviewed_at = CASE WHEN ?5 IS NULL THEN reviewed_at ELSE ?6 END,"
                   " review_comment = coalesce(?7, review_comment)"
                   " WHERE id = ?1 AND state = ?2"));
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, vocab_name(VOCAB_PROGRESS_STATE, from));
    db_bind_text(st, 3, vocab_name(VOCAB_PROGRESS_STATE, to));
    db_bind_day(st, 4, to == PROGRESS_SUBMITTED || from == PROGRESS_DRAFT ? on : DAY_NONE);
    db_bind_id(st, 5, reviewer_id);
    db_bind_text(st, 6, date_now_iso(now));
    db_bind_text(st, 7, comment);
    if (db_step_done(db, st, err) < 0)
        return -1;
    if (db_changes(db) != 1)
        return err_fail(err, ERR_CONFLICT, "progress report %lld is no longer %s", (long long)id,
                        vocab_name(VOCAB_PROGRESS_STATE, from));
    return 0;
}

int progress_store_edit_draft(Db *db, int64_t id, const char *body, int percent, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("UPDATE progress SET body = ?2, percent = ?3 WHERE id = ?1 AND state = ?4"));
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, body);
    db_bind_int(st, 3, percent);
    db_bind_text(st, 4, vocab_name(VOCAB_PROGRESS_STATE, PROGRESS_DRAFT));
    if (db_step_done(db, st, err) < 0)
        return -1;
    if (db_changes(db) != 1)
        return err_fail(err, ERR_CONFLICT, "progress report %lld is no longer a draft",
                        (long long)id);
    return 0;
}

int progress_store_set_measure_percent(Db *db, int64_t measure_id, int percent, Err *err)
{
    DbStmt *st = db_prepare(db, DB_SQL("UPDATE measure SET percent = ?2 WHERE id = ?1"));
    db_bind_int(st, 1, measure_id);
    db_bind_int(st, 2, percent);
    return db_step_done(db, st, err);
}

int progress_store_waiting_for(Db *db, Arena *arena, int64_t unit_id, int limit, Progress **out,
                               int *n, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL(Q_PROGRESS("JOIN measure m ON m.id = p.measure_id"
                              " WHERE m.lead_unit_id = ?1 AND p.state = ?2"
                              " AND p.unit_id IS NOT ?1 ORDER BY p.id DESC LIMIT ?3")));
    db_bind_int(st, 1, unit_id);
    db_bind_text(st, 2, vocab_name(VOCAB_PROGRESS_STATE, PROGRESS_SUBMITTED));
    db_bind_int(st, 3, limit);
    return db_collect(db, st, arena, sizeof(Progress), progress_row, (void **)out, n, err);
}

int evidence_store_insert(Db *db, int64_t measure_id, int64_t progress_id, const char *file_name,
                          const char *media_type, int64_t size, const char *sha256,
                          int64_t uploaded_by, Err *err)
{
    char now[TIME_ISO_SIZE];
    DbStmt *st = db_prepare(
        db, DB_SQL("INSERT INTO evidence(measure_id, progress_id, file_name, media_type, size,"
                   " sha256, uploaded_by, uploaded_at) VALUES(?1,?2,?3,?4,?5,?6,?7,?8)"));
    db_bind_int(st, 1, measure_id);
    db_bind_id(st, 2, progress_id);
    db_bind_text(st, 3, file_name);
    db_bind_text(st, 4, media_type);
    db_bind_int(st, 5, size);
    db_bind_text(st, 6, sha256);
    db_bind_id(st, 7, uploaded_by);
    db_bind_text(st, 8, date_now_iso(now));
    return db_step_done(db, st, err);
}

int review_store_insert(Db *db, int64_t measure_id, ReviewStage stage, ReviewDecision decision,
                        const char *comment, int64_t reviewer_id, Err *err)
{
    char now[TIME_ISO_SIZE];
    DbStmt *st = db_prepare(
        db, DB_SQL("INSERT INTO review(measure_id, stage, decision, comment, reviewer_id,"
                   " reviewed_at) VALUES(?1,?2,?3,?4,?5,?6)"));
    db_bind_int(st, 1, measure_id);
    db_bind_text(st, 2, vocab_name(VOCAB_REVIEW_STAGE, (int)stage));
    db_bind_text(st, 3, vocab_name(VOCAB_REVIEW_DECISION, (int)decision));
    db_bind_text(st, 4, comment ? comment : "");
    db_bind_id(st, 5, reviewer_id);
    db_bind_text(st, 6, date_now_iso(now));
    return db_step_done(db, st, err);
}

int event_store_insert(Db *db, Event *e, Err *err)
{
    char now[TIME_ISO_SIZE];
    DbStmt *st = db_prepare(
        db, DB_SQL("INSERT INTO event(measure_id, inspection_id, actor_id, at, action, from_state,"
                   " to_state, comment) VALUES(?1,?2,?3,?4,?5,?6,?7,?8)"));
    db_bind_id(st, 1, e->measure_id);
    db_bind_id(st, 2, e->inspection_id);
    db_bind_id(st, 3, e->actor_id);
    db_bind_text(st, 4, e->at ? e->at : date_now_iso(now));
    db_bind_text(st, 5, e->action);
    db_bind_text(st, 6, e->from_state);
    db_bind_text(st, 7, e->to_state);
    db_bind_text(st, 8, e->comment ? e->comment : "");
    if (db_step_done(db, st, err) < 0)
        return -1;
    e->id = db_last_id(db);
    return 0;
}

static void event_row(DbStmt *st, Arena *arena, void *out)
{
    Event *e = out;
    e->id = db_col_int(st, 0);
    e->measure_id = db_col_int(st, 1);
    e->inspection_id = db_col_int(st, 2);
    e->actor_id = db_col_int(st, 3);
    e->actor = arena_strdup(arena, db_col_text(st, 4));
    e->at = arena_strdup(arena, db_col_text(st, 5));
    e->action = arena_strdup(arena, db_col_text(st, 6));
    e->from_state = arena_strdup(arena, db_col_text(st, 7));
    e->to_state = arena_strdup(arena, db_col_text(st, 8));
    e->comment = arena_strdup(arena, db_col_text(st, 9));
    e->actor_name = arena_strdup(arena, db_col_text(st, 10));
    e->actor_post = arena_strdup(arena, db_col_text(st, 11));
}

static void id_row(DbStmt *st, Arena *arena, void *out)
{
    (void)arena;
    *(int64_t *)out = db_col_int(st, 0);
}

int event_store_closeout_actors(Db *db, Arena *arena, int64_t measure_id, int64_t **out, int *n,
                                Err *err)
{
    /* event_measure (measure_id, id) serves both the latest request and the scan after it. */
    DbStmt *st = db_prepare(
        db, DB_SQL("SELECT coalesce(actor_id, 0) FROM event WHERE measure_id = ?1 AND id >="
                   " (SELECT max(id) FROM event WHERE measure_id = ?1 AND action = 'request_close')"
                   " AND action IN ('request_close', 'lead_approve', 'sign_off') ORDER BY id"));
    db_bind_int(st, 1, measure_id);
    return db_collect(db, st, arena, sizeof(int64_t), id_row, (void **)out, n, err);
}

int event_store_list(Db *db, Arena *arena, int64_t measure_id, Event **out, int *n, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("SELECT e.id, e.measure_id, e.inspection_id, e.actor_id, u.login, e.at,"
                   " e.action, e.from_state, e.to_state, e.comment, u.display_name, p.post FROM event e"
                   " LEFT JOIN users u ON u.id = e.actor_id LEFT JOIN person p ON p.id = u.person_id"
                   " WHERE e.measure_id = ?1 ORDER BY e.id"));
    db_bind_int(st, 1, measure_id);
    return db_collect(db, st, arena, sizeof(Event), event_row, (void **)out, n, err);
}
