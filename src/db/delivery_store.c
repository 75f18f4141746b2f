/*
** delivery_store.c: SQL for reminder settings, deliveries and the daily claim
** (delivery_store.h).
*/
#include "delivery_store.h"

int setting_store_get(Db *db, Arena *arena, const char *key, const char **value, Err *err)
{
    return db_scalar_text(db, DB_SQL("SELECT value FROM setting WHERE key = ?1"),
                          DB_ARGS(DB_TEXT(key)), arena, value, err);
}

int setting_store_set(Db *db, const char *key, const char *value, Err *err)
{
    if (!value)
        return db_run(db, DB_SQL("DELETE FROM setting WHERE key = ?1"), DB_ARGS(DB_TEXT(key)), err);
    return db_run(db,
                  DB_SQL("INSERT INTO setting(key, value) VALUES(?1, ?2)"
                         " ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
                  DB_ARGS(DB_TEXT(key), DB_TEXT(value)), err);
}

int delivery_store_log(Db *db, const Delivery *d, Err *err)
{
    return db_run(db,
                  DB_SQL("INSERT INTO delivery(day, recipient, attempt, at, status, ok, error)"
                         " VALUES(?1,?2,?3,?4,?5,?6,?7)"),
                  DB_ARGS(DB_DAY(d->day), DB_TEXT(d->recipient), DB_INT(d->attempt), DB_NOW,
                          DB_INT(d->status), DB_INT(d->ok), DB_STR(d->error)),
                  err);
}

int delivery_store_done(Db *db, Day day, const char *recipient, bool *done, Err *err)
{
    int64_t v;
    if (db_scalar(
            db,
            DB_SQL("SELECT 1 FROM delivery WHERE day = ?1 AND recipient = ?2 AND ok = 1 LIMIT 1"),
            DB_ARGS(DB_DAY(day), DB_TEXT(recipient)), &v, err) < 0)
        return -1;
    *done = v != 0;
    return 0;
}

static const DbCol delivery_cols[] = {
    DB_COL_INT(Delivery, id),      DB_COL_DAY(Delivery, day),   DB_COL_STR(Delivery, recipient),
    DB_COL_INT(Delivery, attempt), DB_COL_TEXT(Delivery, at),   DB_COL_INT(Delivery, status),
    DB_COL_INT(Delivery, ok),      DB_COL_STR(Delivery, error),
};

static const DbRowMap delivery_map = DB_MAP(Delivery, delivery_cols, NULL);

int delivery_store_list(Db *db, Arena *arena, int64_t before, int limit, Delivery **out, int *n,
                        Err *err)
{
    return db_list(db,
                   DB_SQL("SELECT id, day, recipient, attempt, at, status, ok, error FROM delivery"
                          " WHERE ?1 = 0 OR id < ?1 ORDER BY id DESC LIMIT ?2"),
                   DB_ARGS(DB_INT(before), DB_INT(limit)), &delivery_map, arena, out, n, err);
}

int delivery_store_claim(Db *db, Day day, const char *who, bool *claimed, Err *err)
{
    if (db_run(db,
               DB_SQL("INSERT INTO remind_run(day, claimed_at, claimed_by) VALUES(?1,?2,?3)"
                      " ON CONFLICT(day) DO NOTHING"),
               DB_ARGS(DB_DAY(day), DB_NOW, DB_TEXT(who)), err) < 0)
        return -1;
    *claimed = db_changes(db) == 1;
    return 0;
}

int delivery_store_finish(Db *db, Day day, Err *err)
{
    return db_run(db, DB_SQL("UPDATE remind_run SET finished_at = ?2 WHERE day = ?1"),
                  DB_ARGS(DB_DAY(day), DB_NOW), err);
}
