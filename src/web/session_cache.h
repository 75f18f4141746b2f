/*
** session_cache.h: the sessions a worker thread resolved lately, with their users, so that a
** request of a known session costs one data-version read instead of the session's and the
** user's rows (auth_resolve).
**
** An entry is found by the cookie's value (compared in constant time) and holds while the data
** version (view_store_data_version: the newest audit sequence and a counter of every commit of
** other connections, or of every writing transaction on PostgreSQL) is the one it was read at.
** The changes a session's validity depends on are audited (logout, a password change or reset,
** an account locked, disabled or given other roles, sessions revoked), and any other write,
** such as an administrator's UPDATE in a database shell, moves the second part. What this
** connection writes unaudited, the last-seen time, the caller handles: it uses an entry only
** while no touch is due and the timeouts pass on the entry's own times (never later than the
** stored ones), else it reads the rows again. An API token's entry is used only within the
** second it was read in (its expiry is compared in whole seconds), so it answers as the
** token's row would.
*/
#ifndef ZG_WEB_SESSION_CACHE_H
#define ZG_WEB_SESSION_CACHE_H

#include "web/request.h"

/*
** What an entry's key is: a session cookie's value, or an API token (Authorization: Bearer),
** whose entries keep its user only (the Session part is the caller's). A key of one kind never
** finds an entry of the other.
*/
typedef enum SessionCacheKind { SESSION_CACHE_COOKIE, SESSION_CACHE_TOKEN } SessionCacheKind;

/*
** The entry of kind for key sid (64 hex digits) read at version: copies into *s and *u, their
** strings in r's arena. false when there is none.
*/
bool session_cache_find(Request *r, SessionCacheKind kind, const char *sid,
                        const int64_t version[2], Session *s, User *u);
/*
** Keep s and u (as just read from the database, u before any change for the request) for key
** sid of kind at version, replacing this thread's least recently used entry. An entry whose
** strings do not fit the entry's fixed room is not kept.
*/
void session_cache_put(SessionCacheKind kind, const char *sid, const int64_t version[2],
                       const Session *s, const User *u);

#endif
