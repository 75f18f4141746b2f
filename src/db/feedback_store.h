/*
** feedback_store.h: the public's feedback (意见建议, public_feedback) and the office's register
** of it: state (register_model.h FeedbackState), reply, and the clue it was turned into.
*/
#ifndef ZG_FEEDBACK_STORE_H
#define ZG_FEEDBACK_STORE_H

#include "base/arena.h"
#include "db/db.h"

typedef struct Feedback {
    int64_t id;              /* row id */
    int64_t inspection_id;   /* the inspection it is about, or 0 */
    const char *received_at; /* UTC time */
    const char *name;        /* the writer's name, "" when not given */
    const char *contact;     /* the writer's contact, "" when not given */
    const char *body;        /* the text */
    const char *state;       /* stored feedback state */
    const char *reply;       /* the office's reply, "" when none */
    int64_t clue_id;         /* the clue it became, or 0 */
} Feedback;

/* Store f as received now (state pending); f->id receives the row id. */
int feedback_store_create(Db *db, Feedback *f, Err *err);
/* Feedback id into *out. ERR_NOTFOUND when absent. */
int feedback_store_get(Db *db, Arena *arena, int64_t id, Feedback *out, Err *err);
/*
** Up to limit feedback rows with id < before (0: from the newest), newest first, of state
** (NULL: any), into an arena array.
*/
int feedback_store_list(Db *db, Arena *arena, const char *state, int64_t before, int limit,
                        Feedback **out, int *n, Err *err);
/* Set state and reply (NULL keeps it) of feedback id, replied by user_id now. */
int feedback_store_answer(Db *db, int64_t id, const char *state, const char *reply, int64_t user_id,
                          Err *err);
/* Record that feedback id became clue clue_id (state forwarded). */
int feedback_store_forward(Db *db, int64_t id, int64_t clue_id, Err *err);

#endif
