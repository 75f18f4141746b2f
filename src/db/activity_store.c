/*
** activity_store.c: SQL for progress, evidence, reviews and events (activity_store.h).
*/
#include "activity_store.h"

int progress_store_insert(Db *db, Progress *p, Err *err)
{
    return db_insert(
        db,
        DB_SQL("INSERT INTO progress(measure_id, unit_id, author_id, period, body, percent,"
               " state, reported_on, created_at) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)"),
        DB_ARGS(DB_INT(p->measure_id), DB_ID(p->unit_id), DB_ID(p->author_id), DB_STR(p->period),
                DB_TEXT(p->body), DB_INT(p->percent),
                DB_TEXT(vocab_name(VOCAB_PROGRESS_STATE, (int)p->state)), DB_DAY(p->reported_on),
                DB_NOW),
        &p->id, err);
}

#define Q_PROGRESS(where)                                                                          \
    "SELECT p.id, p.measure_id, p.unit_id, p.author_id, p.period, p.body, p.percent, p.state,"    \
    " p.reported_on FROM progress p " where

static const DbCol progress_cols[] = {
    DB_COL_INT(Progress, id),
    DB_COL_INT(Progress, measure_id),
    DB_COL_INT(Progress, unit_id),
    DB_COL_INT(Progress, author_id),
    DB_COL_TEXT(Progress, period),
    DB_COL_STR(Progress, body),
    DB_COL_INT(Progress, percent),
    /* A bad row reads as a draft, which counts for nothing. */
    DB_COL_VOCAB(Progress, state, VOCAB_PROGRESS_STATE, PROGRESS_DRAFT),
    DB_COL_DAY(Progress, reported_on),
};

static const DbRowMap progress_map = DB_MAP(Progress, progress_cols, NULL);

int progress_store_list(Db *db, Arena *arena, int64_t measure_id, int limit, Progress **out, int *n,
                        Err *err)
{
    return db_list(
        db,
        DB_SQL(Q_PROGRESS("WHERE p.measure_id = ?1 ORDER BY p.reported_on DESC, p.id DESC"
                          " LIMIT ?2")),
        DB_ARGS(DB_INT(measure_id), DB_INT(limit)), &progress_map, arena, out, n, err);
}

int progress_store_get(Db *db, Arena *arena, int64_t id, Progress *out, Err *err)
{
    return db_get_id(db, DB_SQL(Q_PROGRESS("WHERE p.id = ?1")), id, &progress_map, arena, out,
                     "progress report", err);
}

int progress_store_move(Db *db, int64_t id, ProgressState from, ProgressState to,
                        int64_t reviewer_id, const char *comment, Day on, Err *err)
{
    if (db_run(db,
               DB_SQL("UPDATE progress SET state = ?3,"
                      " reported_on = CASE WHEN ?4 IS NULL THEN reported_on ELSE ?4 END,"
                      " reviewer_id = coalesce(?5, reviewer_id),"
                      " reviewed_at = CASE WHEN ?5 IS NULL THEN reviewed_at ELSE ?6 END,"
                      " review_comment = coalesce(?7, review_comment)"
                      " WHERE id = ?1 AND state = ?2"),
               DB_ARGS(DB_INT(id), DB_TEXT(vocab_name(VOCAB_PROGRESS_STATE, from)),
                       DB_TEXT(vocab_name(VOCAB_PROGRESS_STATE, to)),
                       DB_DAY(to == PROGRESS_SUBMITTED || from == PROGRESS_DRAFT ? on : DAY_NONE),
                       DB_ID(reviewer_id), DB_NOW, DB_TEXT(comment)),
               err) < 0)
        return -1;
    if (db_changes(db) != 1)
        return err_fail(err, ERR_CONFLICT, "progress report %lld is no longer %s", (long long)id,
                        vocab_name(VOCAB_PROGRESS_STATE, from));
    return 0;
}

int progress_store_edit_draft(Db *db, int64_t id, const char *body, int percent, Err *err)
{
    if (db_run(db,
               DB_SQL("UPDATE progress SET body = ?2, percent = ?3 WHERE id = ?1 AND state = ?4"),
               DB_ARGS(DB_INT(id), DB_TEXT(body), DB_INT(percent),
                       DB_TEXT(vocab_name(VOCAB_PROGRESS_STATE, PROGRESS_DRAFT))),
               err) < 0)
        return -1;
    if (db_changes(db) != 1)
        return err_fail(err, ERR_CONFLICT, "progress report %lld is no longer a draft",
                        (long long)id);
    return 0;
}

int progress_store_set_measure_percent(Db *db, int64_t measure_id, int percent, Err *err)
{
    return db_run(db, DB_SQL("UPDATE measure SET percent = ?2 WHERE id = ?1"),
                  DB_ARGS(DB_INT(measure_id), DB_INT(percent)), err);
}

int progress_store_waiting_for(Db *db, Arena *arena, int64_t unit_id, int limit, Progress **out,
                               int *n, Err *err)
{
    return db_list(db,
                   DB_SQL(Q_PROGRESS("JOIN measure m ON m.id = p.measure_id"
                                     " WHERE m.lead_unit_id = ?1 AND p.state = ?2"
                                     " AND p.unit_id IS DISTINCT FROM ?1 ORDER BY p.id DESC LIMIT ?3")),
                   DB_ARGS(DB_INT(unit_id),
                           DB_TEXT(vocab_name(VOCAB_PROGRESS_STATE, PROGRESS_SUBMITTED)),
                           DB_INT(limit)),
                   &progress_map, arena, out, n, err);
}

int evidence_store_insert(Db *db, int64_t measure_id, int64_t progress_id, const char *file_name,
                          const char *media_type, int64_t size, const char *sha256,
                          int64_t uploaded_by, Err *err)
{
    return db_run(
        db,
        DB_SQL("INSERT INTO evidence(measure_id, progress_id, file_name, media_type, size,"
               " sha256, uploaded_by, uploaded_at) VALUES(?1,?2,?3,?4,?5,?6,?7,?8)"),
        DB_ARGS(DB_INT(measure_id), DB_ID(progress_id), DB_TEXT(file_name), DB_TEXT(media_type),
                DB_INT(size), DB_TEXT(sha256), DB_ID(uploaded_by), DB_NOW),
        err);
}

int review_store_insert(Db *db, int64_t measure_id, ReviewStage stage, ReviewDecision decision,
                        const char *comment, int64_t reviewer_id, Err *err)
{
    return db_run(db,
                  DB_SQL("INSERT INTO review(measure_id, stage, decision, comment, reviewer_id,"
                         " reviewed_at) VALUES(?1,?2,?3,?4,?5,?6)"),
                  DB_ARGS(DB_INT(measure_id), DB_TEXT(vocab_name(VOCAB_REVIEW_STAGE, (int)stage)),
                          DB_TEXT(vocab_name(VOCAB_REVIEW_DECISION, (int)decision)),
                          DB_STR(comment), DB_ID(reviewer_id), DB_NOW),
                  err);
}

int event_store_insert(Db *db, Event *e, Err *err)
{
    return db_insert(
        db,
        DB_SQL("INSERT INTO event(measure_id, inspection_id, actor_id, at, action, from_state,"
               " to_state, comment) VALUES(?1,?2,?3,?4,?5,?6,?7,?8)"),
        DB_ARGS(DB_ID(e->measure_id), DB_ID(e->inspection_id), DB_ID(e->actor_id), DB_AT(e->at),
                DB_TEXT(e->action), DB_TEXT(e->from_state), DB_TEXT(e->to_state),
                DB_STR(e->comment)),
        &e->id, err);
}

static const DbCol event_cols[] = {
    DB_COL_INT(Event, id),       DB_COL_INT(Event, measure_id),  DB_COL_INT(Event, inspection_id),
    DB_COL_INT(Event, actor_id), DB_COL_TEXT(Event, actor),      DB_COL_TEXT(Event, at),
    DB_COL_TEXT(Event, action),  DB_COL_TEXT(Event, from_state), DB_COL_TEXT(Event, to_state),
    DB_COL_TEXT(Event, comment), DB_COL_TEXT(Event, actor_name), DB_COL_TEXT(Event, actor_post),
};

static const DbRowMap event_map = DB_MAP(Event, event_cols, NULL);

int event_store_closeout_actors(Db *db, Arena *arena, int64_t measure_id, int64_t **out, int *n,
                                Err *err)
{
    /* event_measure (measure_id, id) serves both the latest request and the scan after it. */
    return db_list(
        db,
        DB_SQL("SELECT coalesce(actor_id, 0) FROM event WHERE measure_id = ?1 AND id >="
               " (SELECT max(id) FROM event WHERE measure_id = ?1 AND action = 'request_close')"
               " AND action IN ('request_close', 'lead_approve', 'sign_off') ORDER BY id"),
        DB_ARGS(DB_INT(measure_id)), &db_map_ids, arena, out, n, err);
}

int event_store_list(Db *db, Arena *arena, int64_t measure_id, Event **out, int *n, Err *err)
{
    return db_list(
        db,
        DB_SQL("SELECT e.id, e.measure_id, e.inspection_id, e.actor_id, u.login, e.at,"
               " e.action, e.from_state, e.to_state, e.comment, u.display_name, p.post FROM event e"
               " LEFT JOIN users u ON u.id = e.actor_id LEFT JOIN person p ON p.id = u.person_id"
               " WHERE e.measure_id = ?1 ORDER BY e.id"),
        DB_ARGS(DB_INT(measure_id)), &event_map, arena, out, n, err);
}
