/*
** register_store.c: SQL for mechanisms, meetings and recoveries (register_store.h).
*/
#include "register_store.h"

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

int mechanism_store_create(Db *db, Mechanism *m, Err *err)
{
    char now[TIME_ISO_SIZE];
    DbStmt *st = db_prepare(
        db, DB_SQL("INSERT INTO mechanism(inspection_id, title, number, issuer, issued_on, is_new,"
                   " created_at) VALUES(?1,?2,?3,?4,?5,?6,?7)"));
    db_bind_int(st, 1, m->inspection_id);
    db_bind_text(st, 2, m->title);
    db_bind_text(st, 3, or_empty(m->number));
    db_bind_text(st, 4, or_empty(m->issuer));
    db_bind_day(st, 5, m->issued_on);
    db_bind_int(st, 6, m->is_new);
    db_bind_text(st, 7, date_now_iso(now));
    if (db_step_done(db, st, err) < 0)
        return -1;
    m->id = db_last_id(db);
    return 0;
}

int mechanism_store_link(Db *db, int64_t mechanism_id, int64_t finding_id, int64_t measure_id,
                         Err *err)
{
    DbStmt *st =
        db_prepare(db, DB_SQL("INSERT INTO mechanism_link(mechanism_id, finding_id, measure_id)"
                              " VALUES(?1,?2,?3)"));
    db_bind_int(st, 1, mechanism_id);
    db_bind_id(st, 2, finding_id);
    db_bind_id(st, 3, measure_id);
    return db_step_done(db, st, err);
}

static void mechanism_row(DbStmt *st, Arena *arena, void *out)
{
    Mechanism *m = out;
    m->id = db_col_int(st, 0);
    m->inspection_id = db_col_int(st, 1);
    m->title = arena_strdup(arena, or_empty(db_col_text(st, 2)));
    m->number = arena_strdup(arena, or_empty(db_col_text(st, 3)));
    m->issuer = arena_strdup(arena, or_empty(db_col_text(st, 4)));
    m->issued_on = db_col_day(st, 5);
    m->is_new = db_col_int(st, 6) != 0;
}

int mechanism_store_list(Db *db, Arena *arena, int64_t inspection_id, int64_t after, int limit,
                         Mechanism **out, int *n, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("SELECT id, inspection_id, title, number, issuer, issued_on, is_new"
                   " FROM mechanism WHERE inspection_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3"));
    db_bind_int(st, 1, inspection_id);
    db_bind_int(st, 2, after);
    db_bind_int(st, 3, limit);
    return db_collect(db, st, arena, sizeof(Mechanism), mechanism_row, (void **)out, n, err);
}

static void link_row(DbStmt *st, Arena *arena, void *out)
{
    MechanismLink *l = out;
    l->mechanism_id = db_col_int(st, 0);
    l->finding_id = db_col_int(st, 1);
    l->measure_id = db_col_int(st, 2);
    l->title = arena_strdup(arena, or_empty(db_col_text(st, 3)));
}

int mechanism_store_links(Db *db, Arena *arena, int64_t first, int64_t last, MechanismLink **out,
                          int *n, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("SELECT l.mechanism_id, l.finding_id, l.measure_id,"
                   " coalesce(f.title, m.title) FROM mechanism_link l"
                   " LEFT JOIN finding f ON f.id = l.finding_id"
                   " LEFT JOIN measure m ON m.id = l.measure_id"
                   " WHERE l.mechanism_id BETWEEN ?1 AND ?2 ORDER BY l.mechanism_id, l.rowid"));
    db_bind_int(st, 1, first);
    db_bind_int(st, 2, last);
    return db_collect(db, st, arena, sizeof(MechanismLink), link_row, (void **)out, n, err);
}

int mechanism_store_linked(Db *db, Arena *arena, int64_t finding_id, int64_t measure_id,
                           Mechanism **out, int *n, Err *err)
{
    DbStmt *st;
    if (finding_id > 0) {
        st =
            db_prepare(db, DB_SQL("SELECT m.id, m.inspection_id, m.title, m.number, m.issuer,"
                                  " m.issued_on, m.is_new FROM mechanism m WHERE m.id IN"
                                  " (SELECT mechanism_id FROM mechanism_link WHERE finding_id = ?1)"
                                  " ORDER BY m.id"));
        db_bind_int(st, 1, finding_id);
    } else {
        st =
            db_prepare(db, DB_SQL("SELECT m.id, m.inspection_id, m.title, m.number, m.issuer,"
                                  " m.issued_on, m.is_new FROM mechanism m WHERE m.id IN"
                                  " (SELECT mechanism_id FROM mechanism_link WHERE measure_id = ?1)"
                                  " ORDER BY m.id"));
        db_bind_int(st, 1, measure_id);
    }
    return db_collect(db, st, arena, sizeof(Mechanism), mechanism_row, (void **)out, n, err);
}

int meeting_store_create(Db *db, Meeting *m, Err *err)
{
    char now[TIME_ISO_SIZE];
    DbStmt *st =
        db_prepare(db, DB_SQL("INSERT INTO meeting(inspection_id, kind, held_on, title, created_at)"
                              " VALUES(?1,?2,?3,?4,?5)"));
    db_bind_int(st, 1, m->inspection_id);
    db_bind_text(st, 2, m->kind);
    db_bind_day(st, 3, m->held_on);
    db_bind_text(st, 4, or_empty(m->topic));
    db_bind_text(st, 5, date_now_iso(now));
    if (db_step_done(db, st, err) < 0)
        return -1;
    m->id = db_last_id(db);
    return 0;
}

static void meeting_row(DbStmt *st, Arena *arena, void *out)
{
    Meeting *m = out;
    m->id = db_col_int(st, 0);
    m->inspection_id = db_col_int(st, 1);
    m->kind = arena_strdup(arena, or_empty(db_col_text(st, 2)));
    m->held_on = db_col_day(st, 3);
    m->topic = arena_strdup(arena, or_empty(db_col_text(st, 4)));
}

int meeting_store_list(Db *db, Arena *arena, int64_t inspection_id, int64_t after, int limit,
                       Meeting **out, int *n, Err *err)
{
    DbStmt *st =
        db_prepare(db, DB_SQL("SELECT id, inspection_id, kind, held_on, title FROM meeting"
                              " WHERE inspection_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3"));
    db_bind_int(st, 1, inspection_id);
    db_bind_int(st, 2, after);
    db_bind_int(st, 3, limit);
    return db_collect(db, st, arena, sizeof(Meeting), meeting_row, (void **)out, n, err);
}

int recovery_store_create(Db *db, Recovery *r, Err *err)
{
    char now[TIME_ISO_SIZE];
    DbStmt *st = db_prepare(
        db, DB_SQL("INSERT INTO recovery(inspection_id, kind, amount_fen, recorded_on, finding_id,"
                   " note, created_at) VALUES(?1,?2,?3,?4,?5,?6,?7)"));
    db_bind_int(st, 1, r->inspection_id);
    db_bind_text(st, 2, r->kind);
    db_bind_int(st, 3, r->amount_fen);
    db_bind_day(st, 4, r->recorded_on);
    db_bind_id(st, 5, r->finding_id);
    db_bind_text(st, 6, or_empty(r->note));
    db_bind_text(st, 7, date_now_iso(now));
    if (db_step_done(db, st, err) < 0)
        return -1;
    r->id = db_last_id(db);
    return 0;
}

static void recovery_row(DbStmt *st, Arena *arena, void *out)
{
    Recovery *r = out;
    r->id = db_col_int(st, 0);
    r->inspection_id = db_col_int(st, 1);
    r->kind = arena_strdup(arena, or_empty(db_col_text(st, 2)));
    r->amount_fen = db_col_int(st, 3);
    r->recorded_on = db_col_day(st, 4);
    r->finding_id = db_col_int(st, 5);
    r->note = arena_strdup(arena, or_empty(db_col_text(st, 6)));
}

int recovery_store_list(Db *db, Arena *arena, int64_t inspection_id, int64_t after, int limit,
                        Recovery **out, int *n, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("SELECT id, inspection_id, kind, amount_fen, recorded_on, finding_id, note"
                   " FROM recovery WHERE inspection_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3"));
    db_bind_int(st, 1, inspection_id);
    db_bind_int(st, 2, after);
    db_bind_int(st, 3, limit);
    return db_collect(db, st, arena, sizeof(Recovery), recovery_row, (void **)out, n, err);
}

int recovery_store_linked(Db *db, Arena *arena, int64_t finding_id, Recovery **out, int *n,
                          Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("SELECT id, inspection_id, kind, amount_fen, recorded_on, finding_id, note"
                   " FROM recovery WHERE finding_id = ?1 ORDER BY id"));
    db_bind_int(st, 1, finding_id);
    return db_collect(db, st, arena, sizeof(Recovery), recovery_row, (void **)out, n, err);
}

int register_store_owner(Db *db, int64_t finding_id, int64_t measure_id, int64_t *out, Err *err)
{
    DbStmt *st;
    if (finding_id > 0) {
        st = db_prepare(db, DB_SQL("SELECT inspection_id FROM finding WHERE id = ?1"));
        db_bind_int(st, 1, finding_id);
    } else {
        st = db_prepare(db, DB_SQL("SELECT inspection_id FROM measure WHERE id = ?1"));
        db_bind_int(st, 1, measure_id);
    }
    return db_find_id(db, st, out, err);
}
