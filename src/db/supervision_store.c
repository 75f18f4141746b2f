/*
** supervision_store.c: SQL for supervisions and instructions (supervision_store.h).
*/
#include "supervision_store.h"

int supervision_store_insert(Db *db, Supervision *s, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("INSERT INTO supervision(inspection_id, measure_id, finding_id, unit_id, kind,"
                   " state, issued_on, issued_by, body, respond_by, talk_on)"
                   " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)"));
    db_bind_int(st, 1, s->inspection_id);
    db_bind_id(st, 2, s->measure_id);
    db_bind_id(st, 3, s->finding_id);
    db_bind_id(st, 4, s->unit_id);
    db_bind_text(st, 5, vocab_name(VOCAB_SUPERVISION_KIND, s->kind));
    db_bind_text(st, 6, vocab_name(VOCAB_SUPERVISION_STATE, SUPERVISION_OPEN));
    db_bind_day(st, 7, s->issued_on);
    db_bind_id(st, 8, s->issued_by);
    db_bind_text(st, 9, s->body ? s->body : "");
    db_bind_day(st, 10, s->respond_by);
    db_bind_day(st, 11, s->talk_on);
    if (db_step_done(db, st, err) < 0)
        return -1;
    s->id = db_last_id(db);
    s->state = SUPERVISION_OPEN;
    return 0;
}

#define Q_SUPERVISION(where)                                                                       \
    "SELECT s.id, s.inspection_id, s.measure_id, s.finding_id, s.unit_id, s.kind, s.state,"        \
    " s.issued_on, s.issued_by, u.display_name, s.body, s.respond_by, s.talk_on, s.talk_record,"  \
    " s.response, s.responded_on, s.lifted_on,"                                                    \
    " coalesce(m.title, f.title, t.name)"                                                          \
    " FROM supervision s LEFT JOIN users u ON u.id = s.issued_by"                                  \
    " LEFT JOIN measure m ON m.id = s.measure_id LEFT JOIN finding f ON f.id = s.finding_id"       \
    " LEFT JOIN unit t ON t.id = s.unit_id " where

static void supervision_row(DbStmt *st, Arena *arena, void *out)
{
    Supervision *s = out;
    s->id = db_col_int(st, 0);
    s->inspection_id = db_col_int(st, 1);
    s->measure_id = db_col_int(st, 2);
    s->finding_id = db_col_int(st, 3);
    s->unit_id = db_col_int(st, 4);
    int k = vocab_parse(VOCAB_SUPERVISION_KIND, db_col_text(st, 5));
    int state = vocab_parse(VOCAB_SUPERVISION_STATE, db_col_text(st, 6));
    /* A bad row shows as a plain open reminder rather than failing the page. */
    s->kind = k < 0 ? SUPERVISION_REMIND : (SupervisionKind)k;
    s->state = state < 0 ? SUPERVISION_OPEN : (SupervisionState)state;
    s->issued_on = db_col_day(st, 7);
    s->issued_by = db_col_int(st, 8);
    s->issuer = arena_strdup(arena, db_col_text(st, 9));
    s->body = arena_strdup(arena, db_col_text(st, 10));
    s->respond_by = db_col_day(st, 11);
    s->talk_on = db_col_day(st, 12);
    s->talk_record = arena_strdup(arena, db_col_text(st, 13));
    s->response = arena_strdup(arena, db_col_text(st, 14));
    s->responded_on = db_col_day(st, 15);
    s->lifted_on = db_col_day(st, 16);
    s->target = arena_strdup(arena, db_col_text(st, 17));
    if (!s->body)
        s->body = "";
}

int supervision_store_get(Db *db, Arena *arena, int64_t id, Supervision *out, Err *err)
{
    DbStmt *st = db_prepare(db, DB_SQL(Q_SUPERVISION("WHERE s.id = ?1")));
    db_bind_int(st, 1, id);
    int rc = db_step(db, st, err);
    if (rc == 1) {
        memset(out, 0, sizeof *out);
        supervision_row(st, arena, out);
    }
    db_reset(st);
    if (rc < 0)
        return -1;
    if (rc == 0)
        return err_fail(err, ERR_NOTFOUND, "no supervision with id %lld", (long long)id);
    return 0;
}

int supervision_store_of_measure(Db *db, Arena *arena, int64_t measure_id, int limit,
                                 Supervision **out, int *n, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL(Q_SUPERVISION("WHERE s.measure_id = ?1 ORDER BY s.id DESC LIMIT ?2")));
    db_bind_int(st, 1, measure_id);
    db_bind_int(st, 2, limit);
    return db_collect(db, st, arena, sizeof(Supervision), supervision_row, (void **)out, n, err);
}

int supervision_store_listed(Db *db, Arena *arena, int64_t org_unit_id, int limit,
                             Supervision **out, int *n, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL(Q_SUPERVISION("JOIN inspection i ON i.id = s.inspection_id"
                                 " WHERE s.kind = 'listed' AND s.state <> 'lifted'"
                                 " AND (?1 = 0 OR i.org_unit_id = ?1 OR i.org_unit_id IS NULL)"
                                 " ORDER BY s.id DESC LIMIT ?2")));
    db_bind_int(st, 1, org_unit_id);
    db_bind_int(st, 2, limit);
    return db_collect(db, st, arena, sizeof(Supervision), supervision_row, (void **)out, n, err);
}

int supervision_store_open_for_unit(Db *db, Arena *arena, int64_t unit_id, int limit,
                                    Supervision **out, int *n, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL(Q_SUPERVISION("WHERE s.unit_id = ?1 AND s.state = 'open'"
                                 " ORDER BY s.id DESC LIMIT ?2")));
    db_bind_int(st, 1, unit_id);
    db_bind_int(st, 2, limit);
    return db_collect(db, st, arena, sizeof(Supervision), supervision_row, (void **)out, n, err);
}

int supervision_store_of_unit(Db *db, Arena *arena, int64_t unit_id, int64_t inspection_id,
                              int limit, Supervision **out, int *n, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL(Q_SUPERVISION("WHERE s.unit_id = ?1 AND s.inspection_id = ?2"
                                 " AND s.measure_id IS NULL ORDER BY s.id DESC LIMIT ?3")));
    db_bind_int(st, 1, unit_id);
    db_bind_int(st, 2, inspection_id);
    db_bind_int(st, 3, limit);
    return db_collect(db, st, arena, sizeof(Supervision), supervision_row, (void **)out, n, err);
}

static int changed_one(Db *db, int64_t id, const char *what, Err *err)
{
    if (db_changes(db) != 1)
        return err_fail(err, ERR_CONFLICT, "supervision %lld cannot be %s", (long long)id,
                        what);
    return 0;
}

int supervision_store_respond(Db *db, int64_t id, int64_t user_id, const char *response, Day on,
                              Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("UPDATE supervision SET state = 'responded', response = ?2, responded_on = ?3,"
                   " responded_by = ?4 WHERE id = ?1 AND state = 'open'"));
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, response);
    db_bind_day(st, 3, on);
    db_bind_id(st, 4, user_id);
    if (db_step_done(db, st, err) < 0)
        return -1;
    return changed_one(db, id, "given a response", err);
}

int supervision_store_record_talk(Db *db, int64_t id, const char *record, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("UPDATE supervision SET talk_record = ?2 WHERE id = ?1 AND kind = 'talk'"
                   " AND state <> 'lifted'"));
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, record);
    if (db_step_done(db, st, err) < 0)
        return -1;
    return changed_one(db, id, "recorded now", err);
}

int supervision_store_lift(Db *db, int64_t id, int64_t user_id, const char *reason, Day on,
                           Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("UPDATE supervision SET state = 'lifted', lifted_on = ?2, lifted_by = ?3,"
                   " lift_reason = ?4 WHERE id = ?1 AND state <> 'lifted'"));
    db_bind_int(st, 1, id);
    db_bind_day(st, 2, on);
    db_bind_id(st, 3, user_id);
    db_bind_text(st, 4, reason);
    if (db_step_done(db, st, err) < 0)
        return -1;
    return changed_one(db, id, "lifted now", err);
}

int supervision_store_problem(Db *db, int64_t finding_id, int64_t person_id,
                              int64_t *inspection_id, int64_t *lead_unit, bool *leads, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("SELECT f.inspection_id,"
                   " (SELECT m.lead_unit_id FROM measure m WHERE m.finding_id = f.id"
                   "  ORDER BY m.ordinal, m.id LIMIT 1),"
                   " EXISTS (SELECT 1 FROM measure m JOIN measure_leader l ON l.measure_id = m.id"
                   "  WHERE m.finding_id = f.id AND l.person_id = ?2)"
                   " FROM finding f WHERE f.id = ?1"));
    db_bind_int(st, 1, finding_id);
    db_bind_int(st, 2, person_id);
    int rc = db_step(db, st, err);
    if (rc == 1) {
        *inspection_id = db_col_int(st, 0);
        *lead_unit = db_col_int(st, 1);
        *leads = person_id && db_col_int(st, 2) != 0;
    }
    db_reset(st);
    if (rc < 0)
        return -1;
    if (rc == 0)
        return err_fail(err, ERR_NOTFOUND, "no finding with id %lld", (long long)finding_id);
    return 0;
}

int instruction_store_insert(Db *db, Instruction *i, int64_t given_by, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("INSERT INTO instruction(measure_id, finding_id, person_id, given_on, body,"
                   " given_by) VALUES(?1,?2,?3,?4,?5,?6)"));
    db_bind_id(st, 1, i->measure_id);
    db_bind_id(st, 2, i->finding_id);
    db_bind_int(st, 3, i->person_id);
    db_bind_day(st, 4, i->given_on);
    db_bind_text(st, 5, i->body);
    db_bind_id(st, 6, given_by);
    if (db_step_done(db, st, err) < 0)
        return -1;
    i->id = db_last_id(db);
    return 0;
}

#define Q_INSTRUCTION(where)                                                                       \
    "SELECT i.id, i.measure_id, i.finding_id, i.person_id, p.name || ' ' || p.post, i.given_on,"  \
    " i.body, i.acknowledged_on FROM instruction i LEFT JOIN person p ON p.id = i.person_id " where

static void instruction_row(DbStmt *st, Arena *arena, void *out)
{
    Instruction *i = out;
    i->id = db_col_int(st, 0);
    i->measure_id = db_col_int(st, 1);
    i->finding_id = db_col_int(st, 2);
    i->person_id = db_col_int(st, 3);
    i->leader = arena_strdup(arena, db_col_text(st, 4));
    i->given_on = db_col_day(st, 5);
    i->body = arena_strdup(arena, db_col_text(st, 6));
    i->acknowledged_on = db_col_day(st, 7);
    if (!i->body)
        i->body = "";
}

int instruction_store_get(Db *db, Arena *arena, int64_t id, Instruction *out, Err *err)
{
    DbStmt *st = db_prepare(db, DB_SQL(Q_INSTRUCTION("WHERE i.id = ?1")));
    db_bind_int(st, 1, id);
    int rc = db_step(db, st, err);
    if (rc == 1) {
        memset(out, 0, sizeof *out);
        instruction_row(st, arena, out);
    }
    db_reset(st);
    if (rc < 0)
        return -1;
    if (rc == 0)
        return err_fail(err, ERR_NOTFOUND, "no instruction with id %lld", (long long)id);
    return 0;
}

int instruction_store_of_measure(Db *db, Arena *arena, int64_t measure_id, int limit,
                                 Instruction **out, int *n, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL(Q_INSTRUCTION("WHERE i.measure_id = ?1 ORDER BY i.id DESC LIMIT ?2")));
    db_bind_int(st, 1, measure_id);
    db_bind_int(st, 2, limit);
    return db_collect(db, st, arena, sizeof(Instruction), instruction_row, (void **)out, n, err);
}

int instruction_store_ack(Db *db, int64_t id, int64_t user_id, Day on, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("UPDATE instruction SET acknowledged_on = ?2, acknowledged_by = ?3"
                   " WHERE id = ?1 AND acknowledged_on IS NULL"));
    db_bind_int(st, 1, id);
    db_bind_day(st, 2, on);
    db_bind_id(st, 3, user_id);
    if (db_step_done(db, st, err) < 0)
        return -1;
    if (db_changes(db) != 1)
        return err_fail(err, ERR_CONFLICT, "instruction %lld is already acknowledged",
                        (long long)id);
    return 0;
}
