/*
** feedback_store.c: SQL for the public's feedback (feedback_store.h).
*/
#include "feedback_store.h"

#include "db/register_model.h"

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

int feedback_store_create(Db *db, Feedback *f, Err *err)
{
    char now[TIME_ISO_SIZE];
    DbStmt *st = db_prepare(
        db, DB_SQL("INSERT INTO public_feedback(inspection_id, received_at, name, contact, body,"
                   " state) VALUES(?1,?2,?3,?4,?5,?6)"));
    db_bind_id(st, 1, f->inspection_id);
    db_bind_text(st, 2, date_now_iso(now));
    db_bind_text(st, 3, or_empty(f->name));
    db_bind_text(st, 4, or_empty(f->contact));
    db_bind_text(st, 5, f->body);
    db_bind_text(st, 6, vocab_name(VOCAB_FEEDBACK_STATE, FEEDBACK_PENDING));
    if (db_step_done(db, st, err) < 0)
        return -1;
    f->id = db_last_id(db);
    return 0;
}

static void feedback_row(DbStmt *st, Arena *arena, void *out)
{
    Feedback *f = out;
    f->id = db_col_int(st, 0);
    f->inspection_id = db_col_int(st, 1);
    f->received_at = arena_strdup(arena, or_empty(db_col_text(st, 2)));
    f->name = arena_strdup(arena, or_empty(db_col_text(st, 3)));
    f->contact = arena_strdup(arena, or_empty(db_col_text(st, 4)));
    f->body = arena_strdup(arena, or_empty(db_col_text(st, 5)));
    f->state = arena_strdup(arena, or_empty(db_col_text(st, 6)));
    f->reply = arena_strdup(arena, or_empty(db_col_text(st, 7)));
    f->clue_id = db_col_int(st, 8);
}

int feedback_store_get(Db *db, Arena *arena, int64_t id, Feedback *out, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("SELECT id, inspection_id, received_at, name, contact, body, state, reply,"
                   " clue_id FROM public_feedback WHERE id = ?1"));
    db_bind_int(st, 1, id);
    Feedback *v;
    int n;
    if (db_collect(db, st, arena, sizeof(Feedback), feedback_row, (void **)&v, &n, err) < 0)
        return -1;
    if (n == 0)
        return err_fail(err, ERR_NOTFOUND, "no feedback with id %lld", (long long)id);
    *out = v[0];
    return 0;
}

int feedback_store_list(Db *db, Arena *arena, const char *state, int64_t before, int limit,
                        Feedback **out, int *n, Err *err)
{
    DbStmt *st;
    /* One statement per driving filter, so that each uses its index. */
    if (state) {
        st = db_prepare(db, DB_SQL("SELECT id, inspection_id, received_at, name, contact, body,"
                                   " state, reply, clue_id FROM public_feedback"
                                   " WHERE state = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3"));
        db_bind_text(st, 1, state);
    } else {
        st = db_prepare(db, DB_SQL("SELECT id, inspection_id, received_at, name, contact, body,"
                                   " state, reply, clue_id FROM public_feedback"
                                   " WHERE ?1 IS NULL AND id < ?2 ORDER BY id DESC LIMIT ?3"));
        db_bind_text(st, 1, NULL);
    }
    db_bind_int(st, 2, before > 0 ? before : INT64_MAX);
    db_bind_int(st, 3, limit);
    return db_collect(db, st, arena, sizeof(Feedback), feedback_row, (void **)out, n, err);
}

int feedback_store_answer(Db *db, int64_t id, const char *state, const char *reply, int64_t user_id,
                          Err *err)
{
    char now[TIME_ISO_SIZE];
    DbStmt *st =
        db_prepare(db, DB_SQL("UPDATE public_feedback SET state = ?2, reply = coalesce(?3, reply),"
                              " replied_at = ?4, replied_by = ?5 WHERE id = ?1"));
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, state);
    db_bind_text(st, 3, reply);
    db_bind_text(st, 4, date_now_iso(now));
    db_bind_id(st, 5, user_id);
    if (db_step_done(db, st, err) < 0)
        return -1;
    if (db_changes(db) == 0)
        return err_fail(err, ERR_NOTFOUND, "no feedback with id %lld", (long long)id);
    return 0;
}

int feedback_store_forward(Db *db, int64_t id, int64_t clue_id, Err *err)
{
    DbStmt *st =
        db_prepare(db, DB_SQL("UPDATE public_feedback SET state = ?2, clue_id = ?3 WHERE id = ?1"));
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, vocab_name(VOCAB_FEEDBACK_STATE, FEEDBACK_FORWARDED));
    db_bind_int(st, 3, clue_id);
    if (db_step_done(db, st, err) < 0)
        return -1;
    if (db_changes(db) == 0)
        return err_fail(err, ERR_NOTFOUND, "no feedback with id %lld", (long long)id);
    return 0;
}
