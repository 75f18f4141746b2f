/*
** pgtest.c: the PostgreSQL tests' fresh databases (pgtest.h).
*/
#include "pgtest.h"

#include "db/pg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *pgtest_db(const char *name)
{
    static char uri[1024];
    const char *base = getenv("ZG_PG_URI");
    if (access(PGTEST_BIN, X_OK) != 0) {
        fprintf(stderr, "SKIP: no PostgreSQL server at %s\n", PGTEST_BIN);
        exit(77);
    }
    if (!base || !*base) {
        fprintf(stderr, "FAIL: PostgreSQL is installed but ZG_PG_URI is not set (run from ctest)\n");
        exit(1);
    }
    Err err = ERR_INIT;
    PgConn *admin = pg_connect(base, &err);
    if (!admin) {
        fprintf(stderr, "FAIL: %s\n", err.msg);
        exit(1);
    }
    /* Names are the tests' own identifiers: no quoting needed, and DDL takes no binds. */
    char sql[256];
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
    if (pg_exec(admin, sql, &err) < 0) {
        fprintf(stderr, "FAIL: %s\n", err.msg);
        exit(1);
    }
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
    if (pg_exec(admin, sql, &err) < 0) {
        fprintf(stderr, "FAIL: %s\n", err.msg);
        exit(1);
    }
    pg_close(admin);
    /* The cluster's URI is postgresql://USER@/DB?PARAMS: put name in place of DB. */
    const char *q = strchr(base, '?');
    size_t head = q ? (size_t)(q - base) : strlen(base);
    while (head > 0 && base[head - 1] != '/')
        head--;
    snprintf(uri, sizeof uri, "%.*s%s%s", (int)head, base, name, q ? q : "");
    return uri;
}
