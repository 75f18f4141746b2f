/*
** record_store.c: SQL for meetings, mechanisms, recoveries and clues (record_store.h).
*/
#include "record_store.h"

#include "db/clue_store.h"

int meeting_store_insert(Db *db, int64_t inspection_id, MeetingKind kind, Day held_on,
                         const char *title, Err *err)
{
    return db_run(
        db, DB_SQL("INSERT INTO meeting(inspection_id, kind, held_on, title) VALUES(?1,?2,?3,?4)"),
        DB_ARGS(DB_INT(inspection_id), DB_TEXT(vocab_name(VOCAB_MEETING_KIND, (int)kind)),
                DB_DAY(held_on), DB_STR(title)),
        err);
}

int mechanism_store_insert(Db *db, int64_t inspection_id, const char *title, const char *number,
                           const char *issuer, Day issued_on, bool is_new, int64_t measure_id,
                           Err *err)
{
    return db_run(
        db,
        DB_SQL("INSERT INTO mechanism(inspection_id, title, number, issuer, issued_on, is_new,"
               " measure_id) VALUES(?1,?2,?3,?4,?5,?6,?7)"),
        DB_ARGS(DB_INT(inspection_id), DB_TEXT(title), DB_STR(number), DB_STR(issuer),
                DB_DAY(issued_on), DB_INT(is_new), DB_ID(measure_id)),
        err);
}

int recovery_store_insert(Db *db, int64_t inspection_id, RecoveryKind kind, int64_t amount_fen,
                          Day recorded_on, Err *err)
{
    return db_run(db,
                  DB_SQL("INSERT INTO recovery(inspection_id, kind, amount_fen, recorded_on)"
                         " VALUES(?1,?2,?3,?4)"),
                  DB_ARGS(DB_INT(inspection_id),
                          DB_TEXT(vocab_name(VOCAB_RECOVERY_KIND, (int)kind)), DB_INT(amount_fen),
                          DB_DAY(recorded_on)),
                  err);
}

static int clue_insert(Db *db, Clue *c, const char *name, Err *err);

int clue_store_insert(Db *db, Clue *c, Err *err)
{
    Arena a = ARENA_INIT;
    const char *name = clue_store_subject_seal(db, &a, c->subject_name, err);
    int rc = name ? clue_insert(db, c, name, err) : -1;
    arena_free(&a);
    return rc;
}

/* clue_store_insert with the subject's stored name. */
static int clue_insert(Db *db, Clue *c, const char *name, Err *err)
{
    return db_insert(
        db,
        DB_SQL("INSERT INTO clue(inspection_id, kind, ref_no, received_on, subject_name,"
               " subject_post, subject_rank, unit_id, disposal, state, concluded_on)"
               " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)"),
        DB_ARGS(DB_INT(c->inspection_id), DB_TEXT(vocab_name(VOCAB_CLUE_KIND, (int)c->kind)),
                DB_STR(c->ref_no), DB_DAY(c->received_on), DB_TEXT(name),
                DB_STR(c->subject_post), DB_TEXT(vocab_name(VOCAB_CLUE_RANK, (int)c->subject_rank)),
                DB_ID(c->unit_id),
                DB_TEXT(c->disposal < 0 ? NULL : vocab_name(VOCAB_CLUE_DISPOSAL, c->disposal)),
                DB_TEXT(vocab_name(VOCAB_CLUE_STATE, (int)c->state)), DB_DAY(c->concluded_on)),
        &c->id, err);
}

int clue_store_add_outcome(Db *db, int64_t clue_id, const char *type, const char *subtype,
                           int persons, Err *err)
{
    return db_run(
        db, DB_SQL("INSERT INTO clue_outcome(clue_id, type, subtype, persons) VALUES(?1,?2,?3,?4)"),
        DB_ARGS(DB_INT(clue_id), DB_TEXT(type), DB_STR(subtype), DB_INT(persons)), err);
}
