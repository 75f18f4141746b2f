/*
** register_store.c: SQL for mechanisms, meetings and recoveries (register_store.h).
*/
#include "register_store.h"

int mechanism_store_create(Db *db, Mechanism *m, Err *err)
{
    return db_insert(
        db,
        DB_SQL("INSERT INTO mechanism(inspection_id, title, number, issuer, issued_on, is_new,"
               " created_at) VALUES(?1,?2,?3,?4,?5,?6,?7)"),
        DB_ARGS(DB_INT(m->inspection_id), DB_TEXT(m->title), DB_STR(m->number), DB_STR(m->issuer),
                DB_DAY(m->issued_on), DB_INT(m->is_new), DB_NOW),
        &m->id, err);
}

int mechanism_store_link(Db *db, int64_t mechanism_id, int64_t finding_id, int64_t measure_id,
                         Err *err)
{
    return db_run(db,
                  DB_SQL("INSERT INTO mechanism_link(mechanism_id, finding_id, measure_id)"
                         " VALUES(?1,?2,?3)"),
                  DB_ARGS(DB_INT(mechanism_id), DB_ID(finding_id), DB_ID(measure_id)), err);
}

static const DbCol mechanism_cols[] = {
    DB_COL_INT(Mechanism, id),     DB_COL_INT(Mechanism, inspection_id),
    DB_COL_STR(Mechanism, title),  DB_COL_STR(Mechanism, number),
    DB_COL_STR(Mechanism, issuer), DB_COL_DAY(Mechanism, issued_on),
    DB_COL_INT(Mechanism, is_new),
};

static const DbRowMap mechanism_map = DB_MAP(Mechanism, mechanism_cols, NULL);

#define MECHANISM_COLUMNS                                                                          \
    "SELECT id, inspection_id, title, number, issuer, issued_on, is_new FROM mechanism"

int mechanism_store_list(Db *db, Arena *arena, int64_t inspection_id, int64_t after, int limit,
                         Mechanism **out, int *n, Err *err)
{
    return db_list(
        db, DB_SQL(MECHANISM_COLUMNS " WHERE inspection_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3"),
        DB_ARGS(DB_INT(inspection_id), DB_INT(after), DB_INT(limit)), &mechanism_map, arena, out, n,
        err);
}

static const DbCol link_cols[] = {
    DB_COL_INT(MechanismLink, mechanism_id),
    DB_COL_INT(MechanismLink, finding_id),
    DB_COL_INT(MechanismLink, measure_id),
    DB_COL_STR(MechanismLink, title),
};

static const DbRowMap link_map = DB_MAP(MechanismLink, link_cols, NULL);

int mechanism_store_links(Db *db, Arena *arena, int64_t first, int64_t last, MechanismLink **out,
                          int *n, Err *err)
{
    return db_list(
        db,
        /* The links in the order they were made: SQLite's rowid; PostgreSQL's row position
           (the table has no key and its rows are never updated, so ctid keeps that order). */
        DB_PICK(db,
                "SELECT l.mechanism_id, l.finding_id, l.measure_id,"
                " coalesce(f.title, m.title) FROM mechanism_link l"
                " LEFT JOIN finding f ON f.id = l.finding_id"
                " LEFT JOIN measure m ON m.id = l.measure_id"
                " WHERE l.mechanism_id BETWEEN ?1 AND ?2 ORDER BY l.mechanism_id, l.rowid",
                "SELECT l.mechanism_id, l.finding_id, l.measure_id,"
                " coalesce(f.title, m.title) FROM mechanism_link l"
                " LEFT JOIN finding f ON f.id = l.finding_id"
                " LEFT JOIN measure m ON m.id = l.measure_id"
                " WHERE l.mechanism_id BETWEEN ?1 AND ?2 ORDER BY l.mechanism_id, l.ctid"),
        DB_ARGS(DB_INT(first), DB_INT(last)), &link_map, arena, out, n, err);
}

int mechanism_store_linked(Db *db, Arena *arena, int64_t finding_id, int64_t measure_id,
                           Mechanism **out, int *n, Err *err)
{
    const char *sql =
        finding_id > 0
            ? DB_SQL(MECHANISM_COLUMNS " WHERE id IN (SELECT mechanism_id FROM mechanism_link"
                                       " WHERE finding_id = ?1) ORDER BY id")
            : DB_SQL(MECHANISM_COLUMNS " WHERE id IN (SELECT mechanism_id FROM mechanism_link"
                                       " WHERE measure_id = ?1) ORDER BY id");
    return db_list(db, sql, DB_ARGS(DB_INT(finding_id > 0 ? finding_id : measure_id)),
                   &mechanism_map, arena, out, n, err);
}

int meeting_store_create(Db *db, Meeting *m, Err *err)
{
    return db_insert(db,
                     DB_SQL("INSERT INTO meeting(inspection_id, kind, held_on, title, created_at)"
                            " VALUES(?1,?2,?3,?4,?5)"),
                     DB_ARGS(DB_INT(m->inspection_id), DB_TEXT(m->kind), DB_DAY(m->held_on),
                             DB_STR(m->topic), DB_NOW),
                     &m->id, err);
}

static const DbCol meeting_cols[] = {
    DB_COL_INT(Meeting, id),      DB_COL_INT(Meeting, inspection_id), DB_COL_STR(Meeting, kind),
    DB_COL_DAY(Meeting, held_on), DB_COL_STR(Meeting, topic),
};

static const DbRowMap meeting_map = DB_MAP(Meeting, meeting_cols, NULL);

int meeting_store_list(Db *db, Arena *arena, int64_t inspection_id, int64_t after, int limit,
                       Meeting **out, int *n, Err *err)
{
    return db_list(db,
                   DB_SQL("SELECT id, inspection_id, kind, held_on, title FROM meeting"
                          " WHERE inspection_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3"),
                   DB_ARGS(DB_INT(inspection_id), DB_INT(after), DB_INT(limit)), &meeting_map,
                   arena, out, n, err);
}

int recovery_store_create(Db *db, Recovery *r, Err *err)
{
    return db_insert(
        db,
        DB_SQL("INSERT INTO recovery(inspection_id, kind, amount_fen, recorded_on, finding_id,"
               " note, created_at) VALUES(?1,?2,?3,?4,?5,?6,?7)"),
        DB_ARGS(DB_INT(r->inspection_id), DB_TEXT(r->kind), DB_INT(r->amount_fen),
                DB_DAY(r->recorded_on), DB_ID(r->finding_id), DB_STR(r->note), DB_NOW),
        &r->id, err);
}

static const DbCol recovery_cols[] = {
    DB_COL_INT(Recovery, id),          DB_COL_INT(Recovery, inspection_id),
    DB_COL_STR(Recovery, kind),        DB_COL_INT(Recovery, amount_fen),
    DB_COL_DAY(Recovery, recorded_on), DB_COL_INT(Recovery, finding_id),
    DB_COL_STR(Recovery, note),
};

static const DbRowMap recovery_map = DB_MAP(Recovery, recovery_cols, NULL);

int recovery_store_list(Db *db, Arena *arena, int64_t inspection_id, int64_t after, int limit,
                        Recovery **out, int *n, Err *err)
{
    return db_list(
        db,
        DB_SQL("SELECT id, inspection_id, kind, amount_fen, recorded_on, finding_id, note"
               " FROM recovery WHERE inspection_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3"),
        DB_ARGS(DB_INT(inspection_id), DB_INT(after), DB_INT(limit)), &recovery_map, arena, out, n,
        err);
}

int recovery_store_linked(Db *db, Arena *arena, int64_t finding_id, Recovery **out, int *n,
                          Err *err)
{
    return db_list(
        db,
        DB_SQL("SELECT id, inspection_id, kind, amount_fen, recorded_on, finding_id, note"
               " FROM recovery WHERE finding_id = ?1 ORDER BY id"),
        DB_ARGS(DB_INT(finding_id)), &recovery_map, arena, out, n, err);
}

int register_store_owner(Db *db, int64_t finding_id, int64_t measure_id, int64_t *out, Err *err)
{
    const char *sql = finding_id > 0 ? DB_SQL("SELECT inspection_id FROM finding WHERE id = ?1")
                                     : DB_SQL("SELECT inspection_id FROM measure WHERE id = ?1");
    return db_scalar(db, sql, DB_ARGS(DB_INT(finding_id > 0 ? finding_id : measure_id)), out, err);
}
