/*
** delivery_store.c: SQL for reminder settings, deliveries and the daily claim
** (delivery_store.h).
*/
#include "delivery_store.h"

int setting_store_get(Db *db, Arena *arena, const char *key, const char **value, Err *err)
{
    DbStmt *st = db_prepare(db, DB_SQL("SELECT value FROM setting WHERE key = ?1"));
    db_bind_text(st, 1, key);
    int rc = db_step(db, st, err);
    *value = rc == 1 ? arena_strdup(arena, db_col_text(st, 0)) : NULL;
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

int setting_store_set(Db *db, const char *key, const char *value, Err *err)
{
    DbStmt *st;
    if (value) {
        st = db_prepare(db, DB_SQL("INSERT INTO setting(key, value) VALUES(?1, ?2)"
                                   " ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
        db_bind_text(st, 2, value);
    } else {
        st = db_prepare(db, DB_SQL("DELETE FROM setting WHERE key = ?1"));
    }
    db_bind_text(st, 1, key);
    return db_step_done(db, st, err);
}

int delivery_store_log(Db *db, const Delivery *d, Err *err)
{
    char now[TIME_ISO_SIZE];
    DbStmt *st = db_prepare(
        db, DB_SQL("INSERT INTO delivery(day, recipient, attempt, at, status, ok, error)"
                   " VALUES(?1,?2,?3,?4,?5,?6,?7)"));
    db_bind_day(st, 1, d->day);
    db_bind_text(st, 2, d->recipient);
    db_bind_int(st, 3, d->attempt);
    db_bind_text(st, 4, date_now_iso(now));
    db_bind_int(st, 5, d->status);
    db_bind_int(st, 6, d->ok);
    db_bind_text(st, 7, d->error ? d->error : "");
    return db_step_done(db, st, err);
}

int delivery_store_done(Db *db, Day day, const char *recipient, bool *done, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("SELECT 1 FROM delivery WHERE day = ?1 AND recipient = ?2 AND ok = 1 LIMIT 1"));
    db_bind_day(st, 1, day);
    db_bind_text(st, 2, recipient);
    int64_t v;
    if (db_find_id(db, st, &v, err) < 0)
        return -1;
    *done = v != 0;
    return 0;
}

static void row(DbStmt *st, Arena *arena, void *out)
{
    Delivery *d = out;
    d->id = db_col_int(st, 0);
    d->day = db_col_day(st, 1);
    d->recipient = arena_strdup(arena, db_col_text(st, 2));
    d->attempt = (int)db_col_int(st, 3);
    d->at = arena_strdup(arena, db_col_text(st, 4));
    d->status = (int)db_col_int(st, 5);
    d->ok = db_col_int(st, 6) != 0;
    d->error = arena_strdup(arena, db_col_text(st, 7));
    if (!d->recipient)
        d->recipient = "";
    if (!d->error)
        d->error = "";
}

int delivery_store_list(Db *db, Arena *arena, int64_t before, int limit, Delivery **out, int *n,
                        Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("SELECT id, day, recipient, attempt, at, status, ok, error FROM delivery"
                   " WHERE ?1 = 0 OR id < ?1 ORDER BY id DESC LIMIT ?2"));
    db_bind_int(st, 1, before);
    db_bind_int(st, 2, limit);
    return db_collect(db, st, arena, sizeof(Delivery), row, (void **)out, n, err);
}

int delivery_store_claim(Db *db, Day day, const char *who, bool *claimed, Err *err)
{
    char now[TIME_ISO_SIZE];
    DbStmt *st = db_prepare(
        db, DB_SQL("INSERT INTO remind_run(day, claimed_at, claimed_by) VALUES(?1,?2,?3)"
                   " ON CONFLICT(day) DO NOTHING"));
    db_bind_day(st, 1, day);
    db_bind_text(st, 2, date_now_iso(now));
    db_bind_text(st, 3, who);
    if (db_step_done(db, st, err) < 0)
        return -1;
    *claimed = db_changes(db) == 1;
    return 0;
}

int delivery_store_finish(Db *db, Day day, Err *err)
{
    char now[TIME_ISO_SIZE];
    DbStmt *st =
        db_prepare(db, DB_SQL("UPDATE remind_run SET finished_at = ?2 WHERE day = ?1"));
    db_bind_day(st, 1, day);
    db_bind_text(st, 2, date_now_iso(now));
    return db_step_done(db, st, err);
}
