/*
** check_store.h: the database's own health, for `zhenggai check`: the engine's integrity and
** foreign keys, and the rows that break the application's invariants (a state no code knows, a
** percent out of range, a closed measure without its day). Each problem is one line naming the
** table and the row, appended to a Buf.
*/
#ifndef ZG_CHECK_STORE_H
#define ZG_CHECK_STORE_H

#include "base/buf.h"
#include "db/db.h"

/*
** The engine's own checks, one line per problem into out, count into *n: on SQLite PRAGMA
** integrity_check and foreign_key_check; on PostgreSQL the rows each foreign key misses (a key
** can be switched off there too), constraints not validated and triggers disabled.
*/
int check_store_engine(Db *db, Buf *out, int *n, Err *err);
/* The application's invariants over measures, progress and users: lines into out, *n problems. */
int check_store_invariants(Db *db, Buf *out, int *n, Err *err);

#endif
