/*
** feedback_store.c: SQL for the public's feedback (feedback_store.h).
*/
#include "feedback_store.h"

#include "db/register_model.h"

int feedback_store_create(Db *db, Feedback *f, Err *err)
{
    return db_insert(
        db,
        DB_SQL("INSERT INTO public_feedback(inspection_id, received_at, name, contact, body,"
               " state) VALUES(?1,?2,?3,?4,?5,?6)"),
        DB_ARGS(DB_ID(f->inspection_id), DB_NOW, DB_STR(f->name), DB_STR(f->contact),
                DB_TEXT(f->body), DB_TEXT(vocab_name(VOCAB_FEEDBACK_STATE, FEEDBACK_PENDING))),
        &f->id, err);
}

static const DbCol feedback_cols[] = {
    DB_COL_INT(Feedback, id),          DB_COL_INT(Feedback, inspection_id),
    DB_COL_STR(Feedback, received_at), DB_COL_STR(Feedback, name),
    DB_COL_STR(Feedback, contact),     DB_COL_STR(Feedback, body),
    DB_COL_STR(Feedback, state),       DB_COL_STR(Feedback, reply),
    DB_COL_INT(Feedback, clue_id),
};

static const DbRowMap feedback_map = DB_MAP(Feedback, feedback_cols, NULL);

#define FEEDBACK_COLUMNS                                                                           \
    "SELECT id, inspection_id, received_at, name, contact, body, state, reply, clue_id"            \
    " FROM public_feedback"

int feedback_store_get(Db *db, Arena *arena, int64_t id, Feedback *out, Err *err)
{
    return db_get_id(db, DB_SQL(FEEDBACK_COLUMNS " WHERE id = ?1"), id, &feedback_map, arena, out,
                     "feedback", err);
}

int feedback_store_list(Db *db, Arena *arena, const char *state, int64_t before, int limit,
                        Feedback **out, int *n, Err *err)
{
    /* One statement per driving filter, so that each uses its index. */
    const char *sql = state ? DB_SQL(FEEDBACK_COLUMNS " WHERE state = ?1 AND id < ?2"
                                                      " ORDER BY id DESC LIMIT ?3")
                            : DB_SQL(FEEDBACK_COLUMNS " WHERE ?1 IS NULL AND id < ?2"
                                                      " ORDER BY id DESC LIMIT ?3");
    return db_list(db, sql,
                   DB_ARGS(DB_TEXT(state), DB_INT(before > 0 ? before : INT64_MAX), DB_INT(limit)),
                   &feedback_map, arena, out, n, err);
}

int feedback_store_answer(Db *db, int64_t id, const char *state, const char *reply, int64_t user_id,
                          Err *err)
{
    return db_change(db,
                     DB_SQL("UPDATE public_feedback SET state = ?2, reply = coalesce(?3, reply),"
                            " replied_at = ?4, replied_by = ?5 WHERE id = ?1"),
                     DB_ARGS(DB_INT(id), DB_TEXT(state), DB_TEXT(reply), DB_NOW, DB_ID(user_id)),
                     "feedback", id, err);
}

int feedback_store_forward(Db *db, int64_t id, int64_t clue_id, Err *err)
{
    return db_change(
        db, DB_SQL("UPDATE public_feedback SET state = ?2, clue_id = ?3 WHERE id = ?1"),
        DB_ARGS(DB_INT(id), DB_TEXT(vocab_name(VOCAB_FEEDBACK_STATE, FEEDBACK_FORWARDED)),
                DB_INT(clue_id)),
        "feedback", id, err);
}
