/*
** session_store.c: SQL for sessions and API tokens (session_store.h).
*/
#include "session_store.h"

int session_store_insert(Db *db, const Session *s, Err *err)
{
    return db_run(
        db,
        DB_SQL("INSERT INTO session(id, user_id, csrf, created_at,"
               " seen_at) VALUES(?1,?2,?3,?4,?4)"),
        DB_ARGS(DB_TEXT(s->id_hash), DB_INT(s->user_id), DB_TEXT(s->csrf), DB_TIME(s->created)),
        err);
}

static const DbCol session_cols[] = {
    DB_COL_TEXT(Session, id_hash), DB_COL_INT(Session, user_id), DB_COL_TEXT(Session, csrf),
    DB_COL_TIME(Session, created), DB_COL_TIME(Session, seen),
};

static const DbRowMap session_map = DB_MAP(Session, session_cols, NULL);

int session_store_get(Db *db, Arena *arena, const char *id_hash, Session *out, Err *err)
{
    return db_get_one(db,
                      DB_SQL("SELECT id, user_id, csrf, created_at, seen_at FROM session"
                             " WHERE id = ?1"),
                      DB_ARGS(DB_TEXT(id_hash)), &session_map, arena, out, "no such session", err);
}

int session_store_touch(Db *db, const char *id_hash, int64_t now, Err *err)
{
    return db_run(db, DB_SQL("UPDATE session SET seen_at = ?2 WHERE id = ?1"),
                  DB_ARGS(DB_TEXT(id_hash), DB_TIME(now)), err);
}

int session_store_delete(Db *db, const char *id_hash, Err *err)
{
    return db_run(db, DB_SQL("DELETE FROM session WHERE id = ?1"), DB_ARGS(DB_TEXT(id_hash)), err);
}

int session_store_delete_user(Db *db, int64_t user_id, Err *err)
{
    return db_run(db, DB_SQL("DELETE FROM session WHERE user_id = ?1"), DB_ARGS(DB_INT(user_id)),
                  err);
}

int token_store_insert(Db *db, int64_t user_id, const char *name, const char *token_hash,
                       int64_t expires, int64_t *id, Err *err)
{
    return db_insert(
        db,
        DB_SQL("INSERT INTO api_token(user_id, name, token_hash,"
               " created_at, expires_at) VALUES(?1,?2,?3,?4,?5)"),
        DB_ARGS(DB_INT(user_id), DB_TEXT(name), DB_TEXT(token_hash), DB_NOW, DB_TIME(expires)), id,
        err);
}

int token_store_find(Db *db, const char *token_hash, int64_t now, int64_t *user_id, Err *err)
{
    return db_scalar(
        db,
        DB_PICK(db,
                "SELECT user_id FROM api_token WHERE token_hash = ?1 AND revoked_at IS NULL"
                " AND coalesce(expires_at,"
                "   strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+90 days')) > ?2",
                "SELECT user_id FROM api_token WHERE token_hash = ?1 AND revoked_at IS NULL"
                " AND coalesce(expires_at, to_char(created_at::timestamp + interval '90 days',"
                "   'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')) > ?2"),
        DB_ARGS(DB_TEXT(token_hash), DB_TIME(now)), user_id, err);
}

static const DbCol token_cols[] = {
    DB_COL_INT(ApiToken, id),           DB_COL_INT(ApiToken, user_id),
    DB_COL_TEXT(ApiToken, name),        DB_COL_TEXT(ApiToken, created_at),
    DB_COL_TEXT(ApiToken, revoked_at),  DB_COL_TEXT(ApiToken, expires_at),
    DB_COL_TEXT(ApiToken, revoked_why),
};

static const DbRowMap token_map = DB_MAP(ApiToken, token_cols, NULL);

int token_store_list(Db *db, Arena *arena, int64_t user_id, ApiToken **out, int *n, Err *err)
{
    return db_list(
        db,
        DB_PICK(db,
                "SELECT id, user_id, name, created_at, revoked_at,"
                " coalesce(expires_at, strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+90 days')),"
                " revoked_why FROM api_token WHERE user_id = ?1 ORDER BY id DESC LIMIT 200",
                "SELECT id, user_id, name, created_at, revoked_at,"
                " coalesce(expires_at, to_char(created_at::timestamp + interval '90 days',"
                "   'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')),"
                " revoked_why FROM api_token WHERE user_id = ?1 ORDER BY id DESC LIMIT 200"),
        DB_ARGS(DB_INT(user_id)), &token_map, arena, out, n, err);
}

int token_store_revoke(Db *db, int64_t user_id, int64_t id, Err *err)
{
    return db_change(db,
                     DB_SQL("UPDATE api_token SET revoked_at = ?3, revoked_why = 'revoked'"
                            " WHERE id = ?1 AND user_id = ?2 AND revoked_at IS NULL"),
                     DB_ARGS(DB_INT(id), DB_INT(user_id), DB_NOW), "live token", id, err);
}

int token_store_revoke_any(Db *db, int64_t id, int64_t *user_id, Err *err)
{
    return db_change_int(db,
                         DB_SQL("UPDATE api_token SET revoked_at = ?2, revoked_why = 'revoked'"
                                " WHERE id = ?1 AND revoked_at IS NULL RETURNING user_id"),
                         DB_ARGS(DB_INT(id), DB_NOW), "live token", id, user_id, err);
}
