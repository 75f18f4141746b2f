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
/*
** A keyset page of users by id: at most limit after id `after`, of those whose login or name
** contains find (every one when find is NULL or empty); password hashes left NULL.
*/
int user_store_page(Db *db, Arena *arena, const char *find, int64_t after, int limit, User **out,
                    int *n, Err *err);
/* How many users' logins or names contain find (every user when find is NULL or empty). */
int user_store_count(Db *db, const char *find, int64_t *n, Err *err);
/*
** Count a login attempt on user id before its password is checked, in one atomic UPDATE … RETURNING,
** so that parallel guesses cannot all read the same count. A lock that has run out (locked_until
** at or before now) starts the count again at 1; the attempt that brings the count to max locks
** the account until lock_until (a later success clears it). *failures gets the new count: the
** attempt may be checked only when it is at most max (the account was not locked before it).
*/
int user_store_login_attempt(Db *db, int64_t id, int64_t now, int max, int64_t lock_until,
                             int *failures, Err *err);
/* Record a successful login at now: failures and lock cleared, last_login_at set. */
int user_store_login_ok(Db *db, int64_t id, int64_t now, Err *err);
/* Set the password hash; must_change forces a change at the next login. */
int user_store_set_password(Db *db, int64_t id, const char *hash, bool must_change, Err *err);
/* Set state; USER_ACTIVE also clears failures and the failure lock. */
int user_store_set_state(Db *db, int64_t id, UserState state, Err *err);
/* Whether the database was made by the demo command (its audit log says so) into *demo. */
int user_store_is_demo(Db *db, bool *demo, Err *err);
/* The number of active (not locked, not disabled) users holding role into *n. */
int user_store_count_role(Db *db, Role role, int *n, Err *err);
/* Replace the user's roles by the ROLE_BIT set roles. */
int user_store_set_roles(Db *db, int64_t id, unsigned roles, Err *err);
/* Set display name and unit (0: none). */
int user_store_update(Db *db, int64_t id, const char *display_name, int64_t unit_id, Err *err);

#endif
