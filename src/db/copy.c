/*
** copy.c: a whole ledger from one database to another, SQLite or PostgreSQL on either side
** (copy.h). The target must be empty; everything is written in one transaction of the target,
** read from one snapshot of the source, a page at a time (keyset on each table's key), so that
** memory stays that of a page whatever the ledger's size.
*/
#include "db/copy.h"

#include "db/audit_store.h"

/* One value of a key column, kept from the last row of a page to start the next. */
typedef struct KeyVal {
    bool is_int;  /* which of i and s */
    int64_t i;    /* an integer key */
    char *s;      /* a text key (owned) */
} KeyVal;

/* Copy the current row of rd into wr's binds and run wr; keep the key columns. */
static int copy_row(Db *dst, const CopyTable *t, DbStmt *rd, DbStmt *wr, KeyVal *key, Err *err)
{
    for (int c = 0; t->kinds[c]; c++) {
        int i = c + 1;
        if (db_col_is_null(rd, c)) {
            db_bind_text(wr, i, NULL);
        } else if (t->kinds[c] == 'i') {
            db_bind_int(wr, i, db_col_int(rd, c));
        } else if (t->kinds[c] == 'b') {
            size_t n;
            const void *p = db_col_blob(rd, c, &n);
            db_bind_blob(wr, i, p ? p : "", n);
        } else {
            db_bind_text(wr, i, db_col_text(rd, c));
        }
    }
    for (int k = 0; k < t->n_key; k++) {
        int c = t->key[k];
        free(key[k].s);
        key[k].s = NULL;
        key[k].is_int = t->kinds[c] == 'i';
        if (key[k].is_int)
            key[k].i = db_col_int(rd, c);
        else
            key[k].s = xstrdup(db_col_text(rd, c) ? db_col_text(rd, c) : "");
    }
    return db_step_done(dst, wr, err);
}

/* Copy table t, page by page; *rows gets the rows copied. */
static int copy_table(Db *src, Db *dst, const CopyTable *t, int64_t *rows, Err *err)
{
    KeyVal key[3] = {{0}};
    int rc = 0;
    bool first = true;
    *rows = 0;
    for (;;) {
        DbStmt *rd = db_prepare(src, first || !t->after ? t->first : t->after);
        if (!first)
            for (int k = 0; k < t->n_key; k++) {
                if (key[k].is_int)
                    db_bind_int(rd, k + 1, key[k].i);
                else
                    db_bind_text(rd, k + 1, key[k].s);
            }
        int n = 0, step;
        while ((step = db_step(src, rd, err)) == 1) {
            Err why = ERR_INIT;
            if (copy_row(dst, t, rd, db_prepare(dst, t->insert), key, &why) < 0) {
                err_fail(err, why.code, "table '%s': %s", t->name, why.msg);
                step = -1;
                break;
            }
            n++;
        }
        db_reset(rd);
        *rows += n;
        if (step < 0) {
            rc = -1;
            break;
        }
        /* A short page is the last; a table without a key is read in one. */
        if (!t->after || n == 0)
            break;
        first = false;
    }
    for (int k = 0; k < 3; k++)
        free(key[k].s);
    return rc;
}

/* The rows of table t in db. */
static int count_rows(Db *db, const CopyTable *t, int64_t *n, Err *err)
{
    DbStmt *st = db_prepare(db, t->count);
    int rc = db_step(db, st, err);
    *n = rc == 1 ? db_col_int(st, 0) : 0;
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

/*
** PostgreSQL's identity columns were given their values: move each sequence past the largest,
** as SQLite's rowids follow the largest by themselves.
*/
static int reset_sequences(Db *db, Err *err)
{
    if (!db_is_pg(db))
        return 0;
    return db_exec(db,
                   "DO $$ DECLARE r record; BEGIN FOR r IN SELECT table_name, column_name"
                   " FROM information_schema.columns WHERE table_schema = current_schema()"
                   " AND is_identity = 'YES' LOOP EXECUTE format('SELECT setval("
                   "pg_get_serial_sequence(%L, %L), coalesce((SELECT max(%I) FROM %I), 0) + 1,"
                   " false)', r.table_name, r.column_name, r.column_name, r.table_name);"
                   " END LOOP; END $$",
                   err);
}

int copy_ledger(Db *src, Db *dst, int64_t *counts, Err *err)
{
    for (int i = 0; i < n_copy_tables; i++) {
        int64_t n;
        if (count_rows(dst, &copy_tables[i], &n, err) < 0)
            return -1;
        if (n > 0)
            return err_fail(err, ERR_CONFLICT,
                            "the target is not empty (table '%s' has %lld rows): copy needs a "
                            "database that has nothing but its schema",
                            copy_tables[i].name, (long long)n);
    }
    if (db_begin_read(src, err) < 0)
        return -1;
    if (db_begin(dst, err) < 0) {
        db_rollback(src);
        return -1;
    }
    /* Rows that reference a later row of their own table (a unit's parent) wait for the commit. */
    int rc = db_exec(dst, "PRAGMA defer_foreign_keys = ON", err);
    for (int i = 0; rc == 0 && i < n_copy_tables; i++)
        rc = copy_table(src, dst, &copy_tables[i], &counts[i], err);
    if (rc == 0)
        rc = reset_sequences(dst, err);
    db_rollback(src);
    if (db_finish(dst, rc, err) < 0)
        return -1;
    return audit_store_key_copy(src, dst, err);
}

int copy_compare(Db *src, Db *dst, const int64_t *counts, Err *err)
{
    for (int i = 0; i < n_copy_tables; i++) {
        int64_t a, b;
        if (count_rows(src, &copy_tables[i], &a, err) < 0 ||
            count_rows(dst, &copy_tables[i], &b, err) < 0)
            return -1;
        if (a != b || b != counts[i])
            return err_fail(err, ERR_DB, "table '%s': %lld rows in the source, %lld copied, %lld "
                            "in the target", copy_tables[i].name, (long long)a,
                            (long long)counts[i], (long long)b);
    }
    int64_t na, nb;
    Err why = ERR_INIT;
    if (audit_store_verify(src, &na, &why) < 0)
        return err_fail(err, ERR_DB, "the source's audit chain: %s", why.msg);
    if (audit_store_verify(dst, &nb, &why) < 0)
        return err_fail(err, ERR_DB, "the target's audit chain: %s", why.msg);
    if (na != nb)
        return err_fail(err, ERR_DB, "audit chains of %lld and %lld entries", (long long)na,
                        (long long)nb);
    return 0;
}
