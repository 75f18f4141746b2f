/*
** pg_migrate.h: the schema of a PostgreSQL database, in step with SQLite's. Version N of the
** program's schema is, on SQLite, schema.sql and migrate_*.sql as listed in db.c's
** migrations[]; on PostgreSQL, their twins pg_schema.sql and pg_migrate_*.sql in the same
** order (pg_migrate.c). The version lives in the one-row table schema_version, PostgreSQL's
** stand-in for PRAGMA user_version.
*/
#ifndef ZG_PG_MIGRATE_H
#define ZG_PG_MIGRATE_H

#include "base/err.h"
#include "db/pg.h"

/* The number of PostgreSQL migrations: DB_SCHEMA_VERSION when both dialects are in step. */
int pg_migration_count(void);
/* The embedded file name of PostgreSQL migration i (0-based), NULL past the last. */
const char *pg_migration_name(int i);
/* The schema version of the database: 0 for an empty one, -1 with err on failure. */
int pg_schema_version(PgConn *c, Err *err);
/*
** Bring the database to DB_SCHEMA_VERSION in one transaction, holding an advisory lock so that
** two servers starting at once migrate it once. Refuses a newer database, and fails when this
** program has fewer PostgreSQL migrations than SQLite ones. 0, or -1 with err.
*/
int pg_migrate(PgConn *c, Err *err);

#endif
