/*
** pg_migrate.c: PostgreSQL's migrations (pg_migrate.h).
*/
#include "pg_migrate.h"

#include "base/embedded.h"
#include "db/db.h"

/*
** Entry i brings a database from version i to i + 1, as entry i of db.c's migrations[] does on
** SQLite; a branch that appends a migration there appends its PostgreSQL twin here.
*/
static const char *const pg_migrations[] = {
    "pg_schema.sql",
    "pg_migrate_2.sql",
    "pg_migrate_audit_view.sql",
    "pg_migrate_ledger_edit.sql",
    "pg_migrate_registers.sql",
    "pg_migrate_harden.sql",
    "pg_migrate_evidence.sql",
    "pg_migrate_pagecost.sql",
    "pg_migrate_unitpage.sql",
    "pg_migrate_duty.sql",
    "pg_migrate_counts.sql",
    "pg_migrate_listsql.sql",
    "pg_migrate_ontime.sql",
    "pg_migrate_inspection_seq.sql",
    "pg_migrate_touch.sql",
    "pg_migrate_quiet_report.sql",
    "pg_migrate_touch_log.sql",
    "pg_migrate_touch_seq.sql",
    "pg_migrate_party_live.sql",
};
enum { N_PG_MIGRATIONS = (int)(sizeof pg_migrations / sizeof pg_migrations[0]) };

/* The key of the advisory lock that serialises migrations: "zgschema" in ASCII. */
#define PG_MIGRATE_LOCK "7a67736368656d61"

int pg_migration_count(void)
{
    return N_PG_MIGRATIONS;
}

const char *pg_migration_name(int i)
{
    return i >= 0 && i < N_PG_MIGRATIONS ? pg_migrations[i] : NULL;
}

int pg_schema_version(PgConn *c, Err *err)
{
    /* to_regclass: NULL for a database this program never migrated, without an error. */
    PgStmt *st = pg_prepare(c, DB_SQL("SELECT CASE WHEN to_regclass('schema_version') IS NULL "
                                      "THEN 0 ELSE -1 END"));
    if (pg_step(c, st, err) != 1)
        return -1;
    if (pg_col_int(st, 0) == 0)
        return 0;
    st = pg_prepare(c, DB_SQL("SELECT coalesce(max(version), 0) FROM schema_version"));
    if (pg_step(c, st, err) != 1)
        return -1;
    return (int)pg_col_int(st, 0);
}

int pg_migrate(PgConn *c, Err *err)
{
    if (N_PG_MIGRATIONS < DB_SCHEMA_VERSION)
        return err_fail(err, ERR_DB,
                        "schema version %d has no PostgreSQL migration (only %d of them)",
                        DB_SCHEMA_VERSION, N_PG_MIGRATIONS);
    if (pg_begin(c, err) < 0)
        return -1;
    if (pg_exec(c, "SELECT pg_advisory_xact_lock(x'" PG_MIGRATE_LOCK "'::bigint)", err) < 0)
        goto fail;
    int v = pg_schema_version(c, err);
    if (v < 0)
        goto fail;
    if (v > DB_SCHEMA_VERSION) {
        err_fail(err, ERR_DB, "database schema version %d is newer than this program's %d", v,
                 DB_SCHEMA_VERSION);
        goto fail;
    }
    if (v == DB_SCHEMA_VERSION) {
        pg_rollback(c);
        return 0;
    }
    for (int i = v; i < DB_SCHEMA_VERSION; i++) {
        const EmbeddedFile *f = embedded_find(pg_migrations[i]);
        if (!f)
            BUG("%s not embedded", pg_migrations[i]);
        Err why = ERR_INIT;
        if (pg_exec(c, f->data, &why) < 0) {
            err_fail(err, ERR_DB, "%s: %s", pg_migrations[i], why.msg);
            goto fail;
        }
    }
    /* The version is a compile-time constant, as in db_migrate's PRAGMA. */
    if (pg_exec(c, "CREATE TABLE IF NOT EXISTS schema_version (version bigint NOT NULL);"
                   "DELETE FROM schema_version;"
                   "INSERT INTO schema_version VALUES (" ZG_STR(DB_SCHEMA_VERSION) ")",
                err) < 0)
        goto fail;
    return pg_commit(c, err);
fail:
    pg_rollback(c);
    return -1;
}
