/*
** user_store.h: user accounts and their roles.
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

#endif
