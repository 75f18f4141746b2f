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

/*
** PostgreSQL: every foreign key of the schema, counted per constraint by one query that builds
** each check from the catalog (query_to_xml runs it; names quoted by format's %I), so that a
** key switched off for a while (DISABLE TRIGGER ALL, session_replication_role = replica) and
** the rows written meanwhile are found as SQLite's foreign_key_check finds them.
*/
#define PG_ORPHANS                                                                                 \
    "SELECT c.conrelid::regclass::text, c.confrelid::regclass::text, c.conname,"                  \
    " (xpath('/row/n/text()', query_to_xml(format("                                              \
    "   'SELECT count(*) AS n FROM %s t WHERE %s AND NOT EXISTS (SELECT 1 FROM %s p WHERE %s)',"  \
    "   c.conrelid::regclass,"                                                                    \
    "   (SELECT string_agg(format('t.%I IS NOT NULL', a.attname), ' AND ')"                       \
    "      FROM unnest(c.conkey) k(n)"                                                            \
    "      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n),"                   \
    "   c.confrelid::regclass,"                                                                   \
    "   (SELECT string_agg(format('p.%I = t.%I', pa.attname, ca.attname), ' AND ')"               \
    "      FROM unnest(c.conkey, c.confkey) k(cn, pn)"                                            \
    "      JOIN pg_attribute ca ON ca.attrelid = c.conrelid AND ca.attnum = k.cn"                 \
    "      JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = k.pn)),"             \
    "   false, true, '')))[1]::text::bigint"                                                      \
    " FROM pg_constraint c JOIN pg_namespace s ON s.oid = c.connamespace"                         \
    " WHERE c.contype = 'f' AND s.nspname = current_schema() ORDER BY 1, 3"

/* What would let a bad row in unseen: a constraint not validated, a trigger switched off. */
#define PG_SWITCHED_OFF                                                                            \
    "SELECT c.conrelid::regclass::text, 'constraint ' || c.conname || ' is not validated'"        \
    " FROM pg_constraint c JOIN pg_namespace s ON s.oid = c.connamespace"                         \
    " WHERE s.nspname = current_schema() AND NOT c.convalidated"                                  \
    " UNION ALL"                                                                                  \
    " SELECT t.tgrelid::regclass::text, 'trigger ' || t.tgname || ' is disabled'"                 \
    " FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid"                                     \
    " JOIN pg_namespace s ON s.oid = r.relnamespace"                                              \
    " WHERE s.nspname = current_schema() AND t.tgenabled = 'D' ORDER BY 1, 2"

static void orphans_row(DbStmt *st, Found *f)
{
    long long orphans = (long long)db_col_int(st, 3);
    if (orphans > 0)
        found(f, "foreign key: table %s, %lld row%s refer%s to a missing %s row (%s)",
              db_col_text(st, 0), orphans, orphans == 1 ? "" : "s", orphans == 1 ? "s" : "",
              db_col_text(st, 1), db_col_text(st, 2));
}

static void switched_off_row(DbStmt *st, Found *f)
{
    found(f, "integrity: table %s: %s", db_col_text(st, 0), db_col_text(st, 1));
}

int check_store_engine(Db *db, Buf *out, int *n, Err *err)
{
    Found f = {out, n};
    /* The file-level check of PostgreSQL's storage is the server operator's (pg_amcheck). */
    if (db_is_pg(db)) {
        if (each_row(db, DB_SQL(PG_ORPHANS), orphans_row, &f, err) < 0)
            return -1;
        return each_row(db, DB_SQL(PG_SWITCHED_OFF), switched_off_row, &f, err);
    }
    if (each_row(db, DB_SQL_SQLITE("PRAGMA integrity_check"), integrity_row, &f, err) < 0)
        return -1;
    return each_row(db, DB_SQL_SQLITE("PRAGMA foreign_key_check"), foreign_key_row, &f, err);
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
