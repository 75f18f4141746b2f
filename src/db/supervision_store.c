/*
** supervision_store.c: SQL for supervisions and instructions (supervision_store.h).
*/
#include "supervision_store.h"

int supervision_store_insert(Db *db, Supervision *s, Err *err)
{
    if (db_run(
            db,
            DB_SQL("INSERT INTO supervision(inspection_id, measure_id, finding_id, unit_id, kind,"
                   " state, issued_on, issued_by, body, respond_by, talk_on)"
                   " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)"),
            DB_ARGS(DB_INT(s->inspection_id), DB_ID(s->measure_id), DB_ID(s->finding_id),
                    DB_ID(s->unit_id), DB_TEXT(vocab_name(VOCAB_SUPERVISION_KIND, s->kind)),
                    DB_TEXT(vocab_name(VOCAB_SUPERVISION_STATE, SUPERVISION_OPEN)),
                    DB_DAY(s->issued_on), DB_ID(s->issued_by), DB_STR(s->body),
                    DB_DAY(s->respond_by), DB_DAY(s->talk_on)),
            err) < 0)
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

static const DbCol supervision_cols[] = {
    DB_COL_INT(Supervision, id),
    DB_COL_INT(Supervision, inspection_id),
    DB_COL_INT(Supervision, measure_id),
    DB_COL_INT(Supervision, finding_id),
    DB_COL_INT(Supervision, unit_id),
    /* A bad row shows as a plain open reminder rather than failing the page. */
    DB_COL_VOCAB(Supervision, kind, VOCAB_SUPERVISION_KIND, SUPERVISION_REMIND),
    DB_COL_VOCAB(Supervision, state, VOCAB_SUPERVISION_STATE, SUPERVISION_OPEN),
    DB_COL_DAY(Supervision, issued_on),
    DB_COL_INT(Supervision, issued_by),
    DB_COL_TEXT(Supervision, issuer),
    DB_COL_STR(Supervision, body),
    DB_COL_DAY(Supervision, respond_by),
    DB_COL_DAY(Supervision, talk_on),
    DB_COL_TEXT(Supervision, talk_record),
    DB_COL_TEXT(Supervision, response),
    DB_COL_DAY(Supervision, responded_on),
    DB_COL_DAY(Supervision, lifted_on),
    DB_COL_TEXT(Supervision, target),
};

static const DbRowMap supervision_map = DB_MAP(Supervision, supervision_cols, NULL);

int supervision_store_get(Db *db, Arena *arena, int64_t id, Supervision *out, Err *err)
{
    return db_get_id(db, DB_SQL(Q_SUPERVISION("WHERE s.id = ?1")), id, &supervision_map, arena, out,
                     "supervision", err);
}

int supervision_store_of_measure(Db *db, Arena *arena, int64_t measure_id, int limit,
                                 Supervision **out, int *n, Err *err)
{
    return db_list(db, DB_SQL(Q_SUPERVISION("WHERE s.measure_id = ?1 ORDER BY s.id DESC LIMIT ?2")),
                   DB_ARGS(DB_INT(measure_id), DB_INT(limit)), &supervision_map, arena, out, n,
                   err);
}

int supervision_store_listed(Db *db, Arena *arena, int64_t org_unit_id, int limit,
                             Supervision **out, int *n, Err *err)
{
    return db_list(
        db,
        DB_SQL(Q_SUPERVISION("JOIN inspection i ON i.id = s.inspection_id"
                             " WHERE s.kind = 'listed' AND s.state <> 'lifted'"
                             " AND (?1 = 0 OR i.org_unit_id = ?1 OR i.org_unit_id IS NULL)"
                             " ORDER BY s.id DESC LIMIT ?2")),
        DB_ARGS(DB_INT(org_unit_id), DB_INT(limit)), &supervision_map, arena, out, n, err);
}

int supervision_store_open_for_unit(Db *db, Arena *arena, int64_t unit_id, int limit,
                                    Supervision **out, int *n, Err *err)
{
    return db_list(db,
                   DB_SQL(Q_SUPERVISION("WHERE s.unit_id = ?1 AND s.state = 'open'"
                                        " ORDER BY s.id DESC LIMIT ?2")),
                   DB_ARGS(DB_INT(unit_id), DB_INT(limit)), &supervision_map, arena, out, n, err);
}

int supervision_store_of_unit(Db *db, Arena *arena, int64_t unit_id, int64_t inspection_id,
                              int limit, Supervision **out, int *n, Err *err)
{
    return db_list(db,
                   DB_SQL(Q_SUPERVISION("WHERE s.unit_id = ?1 AND s.inspection_id = ?2"
                                        " AND s.measure_id IS NULL ORDER BY s.id DESC LIMIT ?3")),
                   DB_ARGS(DB_INT(unit_id), DB_INT(inspection_id), DB_INT(limit)),
                   &supervision_map, arena, out, n, err);
}

static int changed_one(Db *db, int64_t id, const char *what, Err *err)
{
    if (db_changes(db) != 1)
        return err_fail(err, ERR_CONFLICT, "supervision %lld cannot be %s", (long long)id, what);
    return 0;
}

int supervision_store_respond(Db *db, int64_t id, int64_t user_id, const char *response, Day on,
                              Err *err)
{
    if (db_run(
            db,
            DB_SQL("UPDATE supervision SET state = 'responded', response = ?2, responded_on = ?3,"
                   " responded_by = ?4 WHERE id = ?1 AND state = 'open'"),
            DB_ARGS(DB_INT(id), DB_TEXT(response), DB_DAY(on), DB_ID(user_id)), err) < 0)
        return -1;
    return changed_one(db, id, "given a response", err);
}

int supervision_store_record_talk(Db *db, int64_t id, const char *record, Err *err)
{
    if (db_run(db,
               DB_SQL("UPDATE supervision SET talk_record = ?2 WHERE id = ?1 AND kind = 'talk'"
                      " AND state <> 'lifted'"),
               DB_ARGS(DB_INT(id), DB_TEXT(record)), err) < 0)
        return -1;
    return changed_one(db, id, "recorded now", err);
}

int supervision_store_lift(Db *db, int64_t id, int64_t user_id, const char *reason, Day on,
                           Err *err)
{
    if (db_run(db,
               DB_SQL("UPDATE supervision SET state = 'lifted', lifted_on = ?2, lifted_by = ?3,"
                      " lift_reason = ?4 WHERE id = ?1 AND state <> 'lifted'"),
               DB_ARGS(DB_INT(id), DB_DAY(on), DB_ID(user_id), DB_TEXT(reason)), err) < 0)
        return -1;
    return changed_one(db, id, "lifted now", err);
}

int supervision_store_problem(Db *db, int64_t finding_id, int64_t person_id, int64_t *inspection_id,
                              int64_t *lead_unit, bool *leads, Err *err)
{
    DbStmt *st = db_query(
        db,
        DB_SQL("SELECT f.inspection_id,"
               " (SELECT m.lead_unit_id FROM measure m WHERE m.finding_id = f.id"
               "  ORDER BY m.ordinal, m.id LIMIT 1),"
               " EXISTS (SELECT 1 FROM measure m JOIN measure_leader l ON l.measure_id = m.id"
               "  WHERE m.finding_id = f.id AND l.person_id = ?2)"
               " FROM finding f WHERE f.id = ?1"),
        DB_ARGS(DB_INT(finding_id), DB_INT(person_id)));
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
    return db_insert(
        db,
        DB_SQL("INSERT INTO instruction(measure_id, finding_id, person_id, given_on, body,"
               " given_by) VALUES(?1,?2,?3,?4,?5,?6)"),
        DB_ARGS(DB_ID(i->measure_id), DB_ID(i->finding_id), DB_INT(i->person_id),
                DB_DAY(i->given_on), DB_TEXT(i->body), DB_ID(given_by)),
        &i->id, err);
}

#define Q_INSTRUCTION(where)                                                                       \
    "SELECT i.id, i.measure_id, i.finding_id, i.person_id, p.name || ' ' || p.post, i.given_on,"   \
    " i.body, i.acknowledged_on FROM instruction i LEFT JOIN person p ON p.id = "                  \
    "i.person_id " where

static const DbCol instruction_cols[] = {
    DB_COL_INT(Instruction, id),         DB_COL_INT(Instruction, measure_id),
    DB_COL_INT(Instruction, finding_id), DB_COL_INT(Instruction, person_id),
    DB_COL_TEXT(Instruction, leader),    DB_COL_DAY(Instruction, given_on),
    DB_COL_STR(Instruction, body),       DB_COL_DAY(Instruction, acknowledged_on),
};

static const DbRowMap instruction_map = DB_MAP(Instruction, instruction_cols, NULL);

int instruction_store_get(Db *db, Arena *arena, int64_t id, Instruction *out, Err *err)
{
    return db_get_id(db, DB_SQL(Q_INSTRUCTION("WHERE i.id = ?1")), id, &instruction_map, arena, out,
                     "instruction", err);
}

int instruction_store_of_measure(Db *db, Arena *arena, int64_t measure_id, int limit,
                                 Instruction **out, int *n, Err *err)
{
    return db_list(db, DB_SQL(Q_INSTRUCTION("WHERE i.measure_id = ?1 ORDER BY i.id DESC LIMIT ?2")),
                   DB_ARGS(DB_INT(measure_id), DB_INT(limit)), &instruction_map, arena, out, n,
                   err);
}

int instruction_store_ack(Db *db, int64_t id, int64_t user_id, Day on, Err *err)
{
    if (db_run(db,
               DB_SQL("UPDATE instruction SET acknowledged_on = ?2, acknowledged_by = ?3"
                      " WHERE id = ?1 AND acknowledged_on IS NULL"),
               DB_ARGS(DB_INT(id), DB_DAY(on), DB_ID(user_id)), err) < 0)
        return -1;
    if (db_changes(db) != 1)
        return err_fail(err, ERR_CONFLICT, "instruction %lld is already acknowledged",
                        (long long)id);
    return 0;
}
