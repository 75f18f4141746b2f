/*
** record_store.c: SQL for meetings, mechanisms, recoveries and clues (record_store.h).
*/
#include "record_store.h"

#include "db/clue_store.h"

int meeting_store_insert(Db *db, int64_t inspection_id, MeetingKind kind, Day held_on,
                         const char *title, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("INSERT INTO meeting(inspection_id, kind, held_on, title) VALUES(?1,?2,?3,?4)"));
    db_bind_int(st, 1, inspection_id);
    db_bind_text(st, 2, vocab_name(VOCAB_MEETING_KIND, (int)kind));
    db_bind_day(st, 3, held_on);
    db_bind_text(st, 4, title ? title : "");
    return db_step_done(db, st, err);
}

int mechanism_store_insert(Db *db, int64_t inspection_id, const char *title, const char *number,
                           const char *issuer, Day issued_on, bool is_new, int64_t measure_id,
                           Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("INSERT INTO mechanism(inspection_id, title, number, issuer, issued_on, is_new,"
                   " measure_id) VALUES(?1,?2,?3,?4,?5,?6,?7)"));
    db_bind_int(st, 1, inspection_id);
    db_bind_text(st, 2, title);
    db_bind_text(st, 3, number ? number : "");
    db_bind_text(st, 4, issuer ? issuer : "");
    db_bind_day(st, 5, issued_on);
    db_bind_int(st, 6, is_new);
    db_bind_id(st, 7, measure_id);
    return db_step_done(db, st, err);
}

int recovery_store_insert(Db *db, int64_t inspection_id, RecoveryKind kind, int64_t amount_fen,
                          Day recorded_on, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("INSERT INTO recovery(inspection_id, kind, amount_fen, recorded_on)"
                   " VALUES(?1,?2,?3,?4)"));
    db_bind_int(st, 1, inspection_id);
    db_bind_text(st, 2, vocab_name(VOCAB_RECOVERY_KIND, (int)kind));
    db_bind_int(st, 3, amount_fen);
    db_bind_day(st, 4, recorded_on);
    return db_step_done(db, st, err);
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
    DbStmt *st = db_prepare(
        db, DB_SQL("INSERT INTO clue(inspection_id, kind, ref_no, received_on, subject_name,"
                   " subject_post, subject_rank, unit_id, disposal, state, concluded_on)"
                   " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)"));
    db_bind_int(st, 1, c->inspection_id);
    db_bind_text(st, 2, vocab_name(VOCAB_CLUE_KIND, (int)c->kind));
    db_bind_text(st, 3, c->ref_no ? c->ref_no : "");
    db_bind_day(st, 4, c->received_on);
    db_bind_text(st, 5, name);
    db_bind_text(st, 6, c->subject_post ? c->subject_post : "");
    db_bind_text(st, 7, vocab_name(VOCAB_CLUE_RANK, (int)c->subject_rank));
    db_bind_id(st, 8, c->unit_id);
    db_bind_text(st, 9, c->disposal < 0 ? NULL : vocab_name(VOCAB_CLUE_DISPOSAL, c->disposal));
    db_bind_text(st, 10, vocab_name(VOCAB_CLUE_STATE, (int)c->state));
    db_bind_day(st, 11, c->concluded_on);
    if (db_step_done(db, st, err) < 0)
        return -1;
    c->id = db_last_id(db);
    return 0;
}

int clue_store_add_outcome(Db *db, int64_t clue_id, const char *type, const char *subtype,
                           int persons, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("INSERT INTO clue_outcome(clue_id, type, subtype, persons) VALUES(?1,?2,?3,?4)"));
    db_bind_int(st, 1, clue_id);
    db_bind_text(st, 2, type);
    db_bind_text(st, 3, subtype ? subtype : "");
    db_bind_int(st, 4, persons);
    return db_step_done(db, st, err);
}
