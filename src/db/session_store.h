/*
** session_store.h: login sessions and API tokens. Only hashes are stored: a session row's id is
** the SHA-256 of the cookie value and a token row keeps the SHA-256 of the token, so a copy of
** the database does not let anyone in. Times are UTC "YYYY-MM-DDTHH:MM:SSZ" text.
*/
#ifndef ZG_SESSION_STORE_H
#define ZG_SESSION_STORE_H

#include "base/arena.h"
#include "db/db.h"

typedef struct Session {
    const char *id_hash; /* SHA-256 hex of the cookie value */
    int64_t user_id;     /* whose session */
    const char *csrf;    /* the CSRF token of this session */
    int64_t created;     /* seconds since the epoch */
    int64_t seen;        /* last request, seconds since the epoch */
} Session;

/* Store a new session (id_hash, user, csrf) created and seen at now. */
int session_store_insert(Db *db, const Session *s, Err *err);
/* Load the session with this id hash into *out (strings in arena); ERR_NOTFOUND when absent. */
int session_store_get(Db *db, Arena *arena, const char *id_hash, Session *out, Err *err);
/* Set the session's last-seen time. */
int session_store_touch(Db *db, const char *id_hash, int64_t now, Err *err);
/* Remove one session (logout, expiry). */
int session_store_delete(Db *db, const char *id_hash, Err *err);
/* Remove every session of a user (password change, lock, role change). */
int session_store_delete_user(Db *db, int64_t user_id, Err *err);

typedef struct ApiToken {
    int64_t id;          /* row id */
    int64_t user_id;     /* whose token */
    const char *name;    /* what the integration is called */
    const char *created_at; /* UTC timestamp */
    const char *revoked_at; /* UTC timestamp or NULL */
    const char *expires_at; /* UTC timestamp: the token stops working then */
    const char *revoked_why; /* what ended it (migrate_harden.sql), or NULL */
} ApiToken;

/* Store a token for user_id under name by its hash; set *id. */
int token_store_insert(Db *db, int64_t user_id, const char *name, const char *token_hash,
                       int64_t expires, int64_t *id, Err *err);
/*
** The user of a live token with this hash into *user_id, 0 when none: not revoked and not
** expired at now (a token without expires_at, from before they had one, lasts 90 days).
*/
int token_store_find(Db *db, const char *token_hash, int64_t now, int64_t *user_id, Err *err);
/* The tokens of a user, newest first. */
int token_store_list(Db *db, Arena *arena, int64_t user_id, ApiToken **out, int *n, Err *err);
/* Revoke token id of user_id; ERR_NOTFOUND when the user has no such live token. */
int token_store_revoke(Db *db, int64_t user_id, int64_t id, Err *err);
/* Revoke token id whoever owns it (a secadmin); its owner into *user_id. ERR_NOTFOUND when none. */
int token_store_revoke_any(Db *db, int64_t id, int64_t *user_id, Err *err);

#endif
