/*
** check_store.c: integrity and invariant checks (check_store.h). Each query reads what it
** checks once; a check costs a pass over its table (a maintenance command, not a request).
*/
#include "db/check_store.h"

#include "db/model.h"

int check_store_sqlite(Db *db, Buf *out, int *n, Err *err)
{
    /*
    ** PostgreSQL checks every foreign key at each commit (none can be off, as SQLite's can be
    ** while a file is written by another program), and the file-level check of its storage is
    ** the server operator's (pg_amcheck): nothing of either is left for this check.
    */
    if (db_is_pg(db))
        return 0;
    DbStmt *st = db_prepare(db, DB_SQL("PRAGMA integrity_check"));
    int rc;
    while ((rc = db_step(db, st, err)) == 1) {
        const char *line = db_col_text(st, 0);
        if (line && strcmp(line, "ok") != 0) {
            buf_printf(out, "integrity: %s\n", line);
            (*n)++;
        }
    }
    db_reset(st);
    if (rc < 0)
        return -1;
    st = db_prepare(db, DB_SQL("PRAGMA foreign_key_check"));
    while ((rc = db_step(db, st, err)) == 1) {
        buf_printf(out, "foreign key: table %s, row %lld refers to a missing %s row\n",
                   db_col_text(st, 0), (long long)db_col_int(st, 1), db_col_text(st, 2));
        (*n)++;
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

int check_store_invariants(Db *db, Buf *out, int *n, Err *err)
{
    DbStmt *st =
        db_prepare(db, DB_SQL("SELECT id, state, percent, closed_at FROM measure ORDER BY id"));
    int rc;
    while ((rc = db_step(db, st, err)) == 1) {
        long long id = (long long)db_col_int(st, 0);
        const char *state = db_col_text(st, 1);
        int s = model_state_parse(state);
        int64_t percent = db_col_int(st, 2);
        if (s < 0) {
            buf_printf(out, "bad row: table measure, id %lld: unknown state '%.40s'\n", id,
                       state ? state : "(null)");
            (*n)++;
        }
        if (percent < 0 || percent > 100) {
            buf_printf(out, "bad row: table measure, id %lld: percent %lld out of 0-100\n", id,
                       (long long)percent);
            (*n)++;
        }
        if (s == STATE_CLOSED && !db_col_text(st, 3)) {
            buf_printf(out, "bad row: table measure, id %lld: closed without a closing day\n", id);
            (*n)++;
        }
    }
    db_reset(st);
    if (rc < 0)
        return -1;
    st = db_prepare(db, DB_SQL("SELECT user_id, role FROM user_role ORDER BY user_id"));
    while ((rc = db_step(db, st, err)) == 1) {
        if (model_role_parse(db_col_text(st, 1)) < 0) {
            buf_printf(out, "bad row: table user_role, user %lld: unknown role '%.40s'\n",
                       (long long)db_col_int(st, 0), db_col_text(st, 1));
            (*n)++;
        }
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}
