/*
** check_store.h: the database's own health, for `zhenggai check`: SQLite's integrity and foreign
** keys, and the rows that break the application's invariants (a state no code knows, a percent
** out of range, a closed measure without its day). Each problem is one line naming the table
** and the row, appended to a Buf.
*/
#ifndef ZG_CHECK_STORE_H
#define ZG_CHECK_STORE_H

#include "base/buf.h"
#include "db/db.h"

/* PRAGMA integrity_check and foreign_key_check: one line per problem into out, count into *n. */
int check_store_sqlite(Db *db, Buf *out, int *n, Err *err);
/* The application's invariants over measures, progress and users: lines into out, *n problems. */
int check_store_invariants(Db *db, Buf *out, int *n, Err *err);

#endif
