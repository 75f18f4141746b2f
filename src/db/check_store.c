/*
** check_store.c: integrity and invariant checks (check_store.h). Each query reads what it
** checks once; a check costs a pass over its table (a maintenance command, not a request).
*/
#include "db/check_store.h"

#include "db/model.h"

/* What a check has found so far: the report and the number of findings in it. */
typedef struct Found {
    Buf *out;
    int *n;
} Found;

/* One finding: a line of the report. */
static void found(Found *f, const char *fmt, ...) FORMAT(2, 3);
static void found(Found *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(f->out, fmt, ap);
    va_end(ap);
    buf_putc(f->out, '\n');
    (*f->n)++;
}

/* Run sql (no parameters) and hand each row to check. 0, or -1 with err. */
static int each_row(Db *db, const char *sql, void (*check)(DbStmt *st, Found *f), Found *f,
                    Err *err)
{
    DbStmt *st = db_prepare(db, sql);
    int rc;
    while ((rc = db_step(db, st, err)) == 1)
        check(st, f);
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

static void integrity_row(DbStmt *st, Found *f)
{
    const char *line = db_col_text(st, 0);
    if (line && strcmp(line, "ok") != 0)
        found(f, "integrity: %s", line);
}

static void foreign_key_row(DbStmt *st, Found *f)
{
    found(f, "foreign key: table %s, row %lld refers to a missing %s row", db_col_text(st, 0),
          (long long)db_col_int(st, 1), db_col_text(st, 2));
}

int check_store_sqlite(Db *db, Buf *out, int *n, Err *err)
{
    /*
    ** PostgreSQL checks every foreign key at each commit (none can be off, as SQLite's can be
    ** while a file is written by another program), and the file-level check of its storage is
    ** the server operator's (pg_amcheck): nothing of either is left for this check.
    */
    if (db_is_pg(db))
        return 0;
    Found f = {out, n};
    if (each_row(db, DB_SQL("PRAGMA integrity_check"), integrity_row, &f, err) < 0)
        return -1;
    return each_row(db, DB_SQL("PRAGMA foreign_key_check"), foreign_key_row, &f, err);
}

static void measure_row(DbStmt *st, Found *f)
{
    long long id = (long long)db_col_int(st, 0);
    const char *state = db_col_text(st, 1);
    int s = model_state_parse(state);
    int64_t percent = db_col_int(st, 2);
    if (s < 0)
        found(f, "bad row: table measure, id %lld: unknown state '%.40s'", id,
              state ? state : "(null)");
    if (percent < 0 || percent > 100)
        found(f, "bad row: table measure, id %lld: percent %lld out of 0-100", id,
              (long long)percent);
    if (s == STATE_CLOSED && !db_col_text(st, 3))
        found(f, "bad row: table measure, id %lld: closed without a closing day", id);
}

static void role_row(DbStmt *st, Found *f)
{
    if (model_role_parse(db_col_text(st, 1)) < 0)
        found(f, "bad row: table user_role, user %lld: unknown role '%.40s'",
              (long long)db_col_int(st, 0), db_col_text(st, 1));
}

int check_store_invariants(Db *db, Buf *out, int *n, Err *err)
{
    Found f = {out, n};
    if (each_row(db, DB_SQL("SELECT id, state, percent, closed_at FROM measure ORDER BY id"),
                 measure_row, &f, err) < 0)
        return -1;
    return each_row(db, DB_SQL("SELECT user_id, role FROM user_role ORDER BY user_id"), role_row,
                    &f, err);
}
