/*
** session_store.c: SQL for sessions and API tokens (session_store.h).
*/
#include "session_store.h"

int session_store_insert(Db *db, const Session *s, Err *err)
{
    char created[TIME_ISO_SIZE];
    DbStmt *st = db_prepare(db, DB_SQL("INSERT INTO session(id, user_id, csrf, created_at,"
                                             " seen_at) VALUES(?1,?2,?3,?4,?4)"));
    db_bind_text(st, 1, s->id_hash);
    db_bind_int(st, 2, s->user_id);
    db_bind_text(st, 3, s->csrf);
    db_bind_text(st, 4, date_time_iso(s->created, created));
    return db_step_done(db, st, err);
}

int session_store_get(Db *db, Arena *arena, const char *id_hash, Session *out, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("SELECT user_id, csrf, created_at, seen_at FROM session WHERE id = ?1"));
    db_bind_text(st, 1, id_hash);
    int rc = db_step(db, st, err);
    if (rc == 1) {
        out->id_hash = arena_strdup(arena, id_hash);
        out->user_id = db_col_int(st, 0);
        out->csrf = arena_strdup(arena, db_col_text(st, 1));
        out->created = date_time_parse(db_col_text(st, 2));
        out->seen = date_time_parse(db_col_text(st, 3));
    }
    db_reset(st);
    if (rc == 0)
        return err_fail(err, ERR_NOTFOUND, "no such session");
    return rc < 0 ? -1 : 0;
}

int session_store_touch(Db *db, const char *id_hash, int64_t now, Err *err)
{
    char seen[TIME_ISO_SIZE];
    DbStmt *st = db_prepare(db, DB_SQL("UPDATE session SET seen_at = ?2 WHERE id = ?1"));
    db_bind_text(st, 1, id_hash);
    db_bind_text(st, 2, date_time_iso(now, seen));
    return db_step_done(db, st, err);
}

int session_store_delete(Db *db, const char *id_hash, Err *err)
{
    DbStmt *st = db_prepare(db, DB_SQL("DELETE FROM session WHERE id = ?1"));
    db_bind_text(st, 1, id_hash);
    return db_step_done(db, st, err);
}

int session_store_delete_user(Db *db, int64_t user_id, Err *err)
{
    DbStmt *st = db_prepare(db, DB_SQL("DELETE FROM session WHERE user_id = ?1"));
    db_bind_int(st, 1, user_id);
    return db_step_done(db, st, err);
}

int token_store_insert(Db *db, int64_t user_id, const char *name, const char *token_hash,
                       int64_t expires, int64_t *id, Err *err)
{
    char now[TIME_ISO_SIZE], until[TIME_ISO_SIZE];
    DbStmt *st = db_prepare(db, DB_SQL("INSERT INTO api_token(user_id, name, token_hash,"
                                             " created_at, expires_at) VALUES(?1,?2,?3,?4,?5)"));
    db_bind_int(st, 1, user_id);
    db_bind_text(st, 2, name);
    db_bind_text(st, 3, token_hash);
    db_bind_text(st, 4, date_now_iso(now));
    db_bind_text(st, 5, date_time_iso(expires, until));
    if (db_step_done(db, st, err) < 0)
        return -1;
    *id = db_last_id(db);
    return 0;
}

int token_store_find(Db *db, const char *token_hash, int64_t now, int64_t *user_id, Err *err)
{
    char at[TIME_ISO_SIZE];
    DbStmt *st = db_prepare(
        db, DB_SQL("SELECT user_id FROM api_token WHERE token_hash = ?1 AND revoked_at IS NULL"
                   " AND coalesce(expires_at,"
                   "   strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+90 days')) > ?2"));
    db_bind_text(st, 1, token_hash);
    db_bind_text(st, 2, date_time_iso(now, at));
    return db_find_id(db, st, user_id, err);
}

static void token_row(DbStmt *st, Arena *arena, void *out)
{
    ApiToken *t = out;
    t->id = db_col_int(st, 0);
    t->user_id = db_col_int(st, 1);
    t->name = arena_strdup(arena, db_col_text(st, 2));
    t->created_at = arena_strdup(arena, db_col_text(st, 3));
    t->revoked_at = arena_strdup(arena, db_col_text(st, 4));
    t->expires_at = arena_strdup(arena, db_col_text(st, 5));
    t->revoked_why = arena_strdup(arena, db_col_text(st, 6));
}

int token_store_list(Db *db, Arena *arena, int64_t user_id, ApiToken **out, int *n, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("SELECT id, user_id, name, created_at, revoked_at,"
                   " coalesce(expires_at, strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+90 days')),"
                   " revoked_why FROM api_token WHERE user_id = ?1 ORDER BY id DESC LIMIT 200"));
    db_bind_int(st, 1, user_id);
    return db_collect(db, st, arena, sizeof(ApiToken), token_row, (void **)out, n, err);
}

int token_store_revoke(Db *db, int64_t user_id, int64_t id, Err *err)
{
    char now[TIME_ISO_SIZE];
    DbStmt *st = db_prepare(db, DB_SQL("UPDATE api_token SET revoked_at = ?3,"
                                             " revoked_why = 'revoked' WHERE id = ?1"
                                             " AND user_id = ?2 AND revoked_at IS NULL"));
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, user_id);
    db_bind_text(st, 3, date_now_iso(now));
    if (db_step_done(db, st, err) < 0)
        return -1;
    if (db_changes(db) == 0)
        return err_fail(err, ERR_NOTFOUND, "no live token %lld", (long long)id);
    return 0;
}

int token_store_revoke_any(Db *db, int64_t id, int64_t *user_id, Err *err)
{
    char now[TIME_ISO_SIZE];
    DbStmt *st = db_prepare(db, DB_SQL("UPDATE api_token SET revoked_at = ?2,"
                                             " revoked_why = 'revoked' WHERE id = ?1"
                                             " AND revoked_at IS NULL RETURNING user_id"));
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, date_now_iso(now));
    int rc = db_step(db, st, err);
    if (rc < 0)
        return -1;
    if (rc == 0) {
        db_reset(st);
        return err_fail(err, ERR_NOTFOUND, "no live token %lld", (long long)id);
    }
    *user_id = db_col_int(st, 0);
    return db_step_done(db, st, err);
}
