/*
** user_store.h: user accounts and their roles, and the login state SPEC §9 keeps on them
** (failure count, lock, password change). The rules (how many failures lock, for how long,
** which roles may go together) live in the callers; this file only reads and writes.
*/
#ifndef ZG_USER_STORE_H
#define ZG_USER_STORE_H

#include "base/arena.h"
#include "db/db.h"
#include "db/model.h"

/* Insert u (id ignored) with its roles (u->roles), set u->id. A taken login: ERR_CONFLICT. */
int user_store_insert(Db *db, User *u, Err *err);
/* Load the user with this login and its roles; ERR_NOTFOUND naming the login when absent. */
int user_store_find(Db *db, Arena *arena, const char *login, User *out, Err *err);
/* Load the user with this id and its roles; ERR_NOTFOUND when absent. */
int user_store_get(Db *db, Arena *arena, int64_t id, User *out, Err *err);
/* Every user with roles, ordered by login, into an arena array (password hashes left NULL). */
int user_store_list(Db *db, Arena *arena, User **out, int *n, Err *err);
/* Record a failed login: the new failure count, and the lock end (0: not locked). */
int user_store_login_failed(Db *db, int64_t id, int failed_logins, int64_t locked_until,
                            Err *err);
/* Record a successful login at now: failures and lock cleared, last_login_at set. */
int user_store_login_ok(Db *db, int64_t id, int64_t now, Err *err);
/* Set the password hash; must_change forces a change at the next login. */
int user_store_set_password(Db *db, int64_t id, const char *hash, bool must_change, Err *err);
/* Set state; USER_ACTIVE also clears failures and the failure lock. */
int user_store_set_state(Db *db, int64_t id, UserState state, Err *err);
/* Replace the user's roles by the ROLE_BIT set roles. */
int user_store_set_roles(Db *db, int64_t id, unsigned roles, Err *err);
/* Set display name and unit (0: none). */
int user_store_update(Db *db, int64_t id, const char *display_name, int64_t unit_id, Err *err);

#endif
