/*
** test_pg_schema.c: the two dialects' schemas are one schema. A fresh SQLite file and a fresh
** PostgreSQL database, each migrated to DB_SCHEMA_VERSION by its own migrations, must hold the
** same tables and views, the same columns (names; types by class: integer, text, blob) and the
** same indexes and triggers by name, but for the differences listed below with their reason.
** Then the same rows written to both must give the same derived columns (generated columns and
** the columns and tallies that triggers keep), and the audit log must refuse change on both.
*/
#include "testutil.h"

#include "db/pg.h"
#include "db/pg_migrate.h"
#include "pgtest.h"

#include <sqlite3.h>
#include <unistd.h>

/* What only one side has, and why. */
static const char *const sqlite_only[] = {
    /* FTS5 keeps its index by triggers; pg_trgm's GIN index keeps itself. */
    "trigger measure_fts_insert",
    "trigger measure_fts_delete",
    "trigger measure_fts_update",
    /* The counts' covering index (migrate_counts.sql): PostgreSQL reads its stored light
       columns from the row, and the index would stop HOT updates. */
    "index measure_light_cover",
    /* The dashboard's covering index (migrate_ontime.sql), for the same reason. */
    "index measure_dash_cover",
    /* A view's column computed by an expression has no declared type in SQLite (the views of
       migrate_ontime.sql); PostgreSQL names the expression's type (below). */
    "column measure_closed_cycles.n none",
    "column measure_ontime_sum.first none",
    "column measure_ontime_sum.last none",
    "column measure_ontime_sum.n none",
    "column progress_ontime.due none",
};
static const char *const pg_only[] = {
    /* PRAGMA user_version's stand-in. */
    "table schema_version",
    "column schema_version.version integer",
    /* FTS5's measure_fts, a virtual table (skipped with its shadow tables). */
    "index measure_fts_trgm",
    /* TRUNCATE fires no row trigger. */
    "trigger audit_no_truncate",
    /* The types of migrate_ontime.sql's view columns that SQLite leaves untyped (above). */
    "column measure_closed_cycles.n integer",
    "column measure_ontime_sum.first text",
    "column measure_ontime_sum.last text",
    "column measure_ontime_sum.n integer",
    "column progress_ontime.due text",
    /* The log of touched measures: a reader's place is a snapshot there, not a seq
       (pg_migrate_touch_log.sql), so each row names its transaction, the pruned end is kept
       as a floor, and seq (an identity there, a rowid here) is indexed apart. */
    "column measure_touch.xid integer",
    "index measure_touch_seq",
    "index measure_touch_xid",
    "table measure_touch_floor",
    "column measure_touch_floor.xid integer",
};

typedef struct Names {
    char **items; /* "kind name …" lines */
    int n;        /* lines used */
    int cap;      /* lines allocated */
} Names;

static void names_add(Names *ns, const char *fmt, ...) FORMAT(2, 3);
static void names_add(Names *ns, const char *fmt, ...)
{
    if (ns->n == ns->cap) {
        ns->cap = ns->cap ? 2 * ns->cap : 256;
        ns->items = realloc(ns->items, (size_t)ns->cap * sizeof *ns->items);
    }
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    ns->items[ns->n++] = strdup(line);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool listed(const char *const *list, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], s) == 0)
            return true;
    return false;
}

/* A declared type's class, by SQLite's affinity rules; PostgreSQL's names map the same way. */
static const char *type_class(const char *t)
{
    if (!t || !*t)
        return "none";
    char low[64];
    size_t n = 0;
    for (; t[n] && n + 1 < sizeof low; n++)
        low[n] = (char)(t[n] >= 'A' && t[n] <= 'Z' ? t[n] + 32 : t[n]);
    low[n] = 0;
    if (strstr(low, "int"))
        return "integer";
    if (strstr(low, "char") || strstr(low, "text") || strstr(low, "clob"))
        return "text";
    if (strstr(low, "blob") || strstr(low, "bytea"))
        return "blob";
    return t; /* anything else must match by name, and fails */
}

static const char *sqlite_path(void)
{
    static char path[256];
    const char *tmp = getenv("ZG_TMP");
    snprintf(path, sizeof path, "%s/pg_schema_%d.db", tmp && *tmp ? tmp : "/tmp", (int)getpid());
    return path;
}

static sqlite3 *sqlite_fresh(void)
{
    const char *path = sqlite_path();
    unlink(path);
    Db db;
    Err err = ERR_INIT;
    if (db_open(&db, path, DB_CREATE, &err) < 0 || db_migrate(&db, &err) < 0)
        fail_msg("sqlite: %s", err.msg);
    db_close(&db);
    sqlite3 *s = NULL;
    if (sqlite3_open_v2(path, &s, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        fail_msg("sqlite: cannot reopen %s", path);
    sqlite3_exec(s, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
    return s;
}

static void sqlite_names(sqlite3 *s, Names *ns)
{
    sqlite3_stmt *t, *c;
    sqlite3_prepare_v2(s, "SELECT name, type FROM pragma_table_list WHERE schema = 'main' AND "
                          "type IN ('table','view') AND name NOT LIKE 'sqlite_%' ORDER BY name",
                       -1, &t, NULL);
    while (sqlite3_step(t) == SQLITE_ROW) {
        const char *table = (const char *)sqlite3_column_text(t, 0);
        names_add(ns, "%s %s", (const char *)sqlite3_column_text(t, 1), table);
        sqlite3_prepare_v2(s, "SELECT name, type FROM pragma_table_xinfo(?1)", -1, &c, NULL);
        sqlite3_bind_text(c, 1, table, -1, SQLITE_TRANSIENT);
        while (sqlite3_step(c) == SQLITE_ROW)
            names_add(ns, "column %s.%s %s", table, (const char *)sqlite3_column_text(c, 0),
                      type_class((const char *)sqlite3_column_text(c, 1)));
        sqlite3_finalize(c);
    }
    sqlite3_finalize(t);
    sqlite3_prepare_v2(s, "SELECT type, name FROM sqlite_master WHERE (type = 'index' AND sql IS "
                          "NOT NULL) OR type = 'trigger'",
                       -1, &t, NULL);
    while (sqlite3_step(t) == SQLITE_ROW)
        names_add(ns, "%s %s", (const char *)sqlite3_column_text(t, 0),
                  (const char *)sqlite3_column_text(t, 1));
    sqlite3_finalize(t);
}

static void pg_names(PgConn *c, Names *ns)
{
    Err err = ERR_INIT;
    PgStmt *st = pg_prepare(c, DB_SQL("SELECT CASE table_type WHEN 'VIEW' THEN 'view' ELSE "
                                      "'table' END, table_name FROM information_schema.tables "
                                      "WHERE table_schema = 'public'"));
    int rc;
    while ((rc = pg_step(c, st, &err)) == 1)
        names_add(ns, "%s %s", pg_col_text(st, 0), pg_col_text(st, 1));
    assert_int_equal(rc, 0);
    st = pg_prepare(c, DB_SQL("SELECT table_name, column_name, data_type FROM "
                              "information_schema.columns WHERE table_schema = 'public'"));
    while ((rc = pg_step(c, st, &err)) == 1)
        names_add(ns, "column %s.%s %s", pg_col_text(st, 0), pg_col_text(st, 1),
                  type_class(pg_col_text(st, 2)));
    assert_int_equal(rc, 0);
    /* Indexes that back a primary key or UNIQUE constraint are SQLite's autoindexes. */
    st = pg_prepare(c, DB_SQL("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' "
                              "AND indexname NOT IN (SELECT conname FROM pg_constraint)"));
    while ((rc = pg_step(c, st, &err)) == 1)
        names_add(ns, "index %s", pg_col_text(st, 0));
    assert_int_equal(rc, 0);
    st = pg_prepare(c, DB_SQL("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"));
    while ((rc = pg_step(c, st, &err)) == 1)
        names_add(ns, "trigger %s", pg_col_text(st, 0));
    assert_int_equal(rc, 0);
}

static PgConn *pg_fresh(void)
{
    Err err = ERR_INIT;
    PgConn *c = pg_connect(pgtest_db("zg_test_schema"), &err);
    if (!c)
        fail_msg("%s", err.msg);
    assert_int_equal(pg_schema_version(c, &err), 0);
    if (pg_migrate(c, &err) < 0)
        fail_msg("pg_migrate: %s", err.msg);
    assert_int_equal(pg_schema_version(c, &err), DB_SCHEMA_VERSION);
    /* A second run finds the schema current and changes nothing. */
    if (pg_migrate(c, &err) < 0)
        fail_msg("pg_migrate again: %s", err.msg);
    return c;
}

static void test_same_schema(void **state)
{
    (void)state;
    sqlite3 *s = sqlite_fresh();
    PgConn *c = pg_fresh();
    Names a = {0}, b = {0};
    sqlite_names(s, &a);
    pg_names(c, &b);
    qsort(a.items, (size_t)a.n, sizeof *a.items, cmp_str);
    qsort(b.items, (size_t)b.n, sizeof *b.items, cmp_str);
    int diffs = 0, i = 0, j = 0;
    while (i < a.n || j < b.n) {
        int d = i == a.n ? 1 : j == b.n ? -1 : strcmp(a.items[i], b.items[j]);
        if (d == 0) {
            i++, j++;
        } else if (d < 0) {
            if (!listed(sqlite_only, sizeof sqlite_only / sizeof *sqlite_only, a.items[i])) {
                print_error("only in SQLite: %s\n", a.items[i]);
                diffs++;
            }
            i++;
        } else {
            if (!listed(pg_only, sizeof pg_only / sizeof *pg_only, b.items[j])) {
                print_error("only in PostgreSQL: %s\n", b.items[j]);
                diffs++;
            }
            j++;
        }
    }
    print_message("compared %d SQLite and %d PostgreSQL names\n", a.n, b.n);
    assert_true(a.n > 300);
    assert_int_equal(diffs, 0);
    for (int k = 0; k < a.n; k++)
        free(a.items[k]);
    for (int k = 0; k < b.n; k++)
        free(b.items[k]);
    free(a.items);
    free(b.items);
    pg_close(c);
    sqlite3_close(s);
    unlink(sqlite_path());
}

/* Rows in the dialect both accept: every derived column of measure depends on them. */
static const char rows_sql[] =
    "INSERT INTO unit (id, name) VALUES (1, '区财政局'), (2, '区教育局');"
    "INSERT INTO inspection (id, title, feedback_on, report_cycle, report_due_day, warn_days, "
    "  org_unit_id, created_at) VALUES "
    "  (1, '巡察一', '2025-06-30', 'monthly', 0, 0, 1, '2025-06-30T00:00:00Z'),"
    "  (2, '巡察二', '2025-03-03', 'weekly', 3, 10, NULL, '2025-03-01T00:00:00Z');"
    "INSERT INTO finding (id, inspection_id, level, ordinal, title) VALUES "
    "  (1, 1, 'problem', 1, '问题一'), (2, 2, 'problem', 1, '问题二');"
    "INSERT INTO measure (id, inspection_id, finding_id, ordinal, title, deadline, lead_unit_id,"
    "  state, return_count, created_at, updated_at) VALUES "
    "  (1, 1, 1, 1, '建立台账', '2025-09-30', 1, 'in_progress', 0, 'x', 'x'),"
    "  (2, 1, 1, 2, '整改落实', NULL, NULL, 'not_started', 0, 'x', 'x'),"
    "  (3, 1, 1, 3, '完善制度', '2025-08-01', 2, 'closed', 2, 'x', 'x'),"
    "  (4, 2, 2, 1, '约谈', '2025-05-01', 1, 'returned', 2, 'x', 'x'),"
    "  (5, 2, 2, 2, '回头看', '2025-05-09', 2, 'phase_complete', 0, 'x', 'x'),"
    "  (6, 2, 2, 3, '复发', '2025-04-01', 2, 'relapsed', 0, 'x', 'x');"
    "INSERT INTO progress (measure_id, body, state, reported_on, created_at) VALUES "
    "  (1, 'a', 'submitted', '2025-07-20', 'x'), (1, 'b', 'accepted', '2025-08-20', 'x'),"
    "  (1, 'c', 'draft', '2025-09-20', 'x'), (4, 'd', 'returned', '2025-04-01', 'x'),"
    "  (6, 'e', 'submitted', '2025-04-10', 'x');"
    "UPDATE progress SET state = 'returned' WHERE body = 'b';"
    "UPDATE measure SET state = 'submitted' WHERE id = 2;"
    "UPDATE measure SET withdrawn_at = 'x' WHERE id = 5;"
    "UPDATE inspection SET report_cycle = 'semimonthly', report_due_day = 40, feedback_on = "
    "  '2025-03-05' WHERE id = 2;"
    "DELETE FROM progress WHERE body = 'd';";

/* The derived columns, one line per row. */
static const char derived_sql[] =
    "SELECT 'm', id, due_key, state_rank, unit_key, org_unit_id, warn_days, cycle, due_day, "
    "  report_from, last_report_on, is_closed, open_deadline, warn_from, red_always, owes_reports "
    "  FROM measure "
    "UNION ALL SELECT 'i', id, light_report_from, light_warn_days, light_due_day, NULL, NULL, "
    "  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM inspection "
    "UNION ALL SELECT 't', inspection_id, state, n, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
    "  NULL, NULL, NULL, NULL, NULL FROM measure_tally WHERE n > 0 "
    "ORDER BY 1, 2, 3";

static void test_same_derived_columns(void **state)
{
    (void)state;
    sqlite3 *s = sqlite_fresh();
    PgConn *c = pg_fresh();
    Err err = ERR_INIT;
    char *msg = NULL;
    if (sqlite3_exec(s, rows_sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("sqlite rows: %s", msg);
    if (pg_exec(c, rows_sql, &err) < 0)
        fail_msg("pg rows: %s", err.msg);

    sqlite3_stmt *a;
    sqlite3_prepare_v2(s, derived_sql, -1, &a, NULL);
    PgStmt *b = pg_prepare(c, derived_sql);
    int rows = 0;
    for (;;) {
        int ra = sqlite3_step(a) == SQLITE_ROW;
        int rb = pg_step(c, b, &err);
        assert_int_equal(ra, rb);
        if (!ra)
            break;
        rows++;
        for (int k = 0; k < 16; k++) {
            const char *va = (const char *)sqlite3_column_text(a, k);
            const char *vb = pg_col_text(b, k);
            if ((va == NULL) != (vb == NULL) || (va && strcmp(va, vb) != 0))
                fail_msg("row %d column %d: SQLite '%s', PostgreSQL '%s'", rows, k,
                         va ? va : "NULL", vb ? vb : "NULL");
        }
    }
    assert_int_equal(rows, 6 + 2 + 5);
    sqlite3_finalize(a);
    pg_close(c);
    sqlite3_close(s);
    unlink(sqlite_path());
}

static void test_audit_append_only(void **state)
{
    (void)state;
    PgConn *c = pg_fresh();
    Err err = ERR_INIT;
    if (pg_exec(c, "INSERT INTO audit (seq, at, actor, action, prev_hash, hash) VALUES "
                   "(1, 'x', 'a', 'b', '', 'h')",
                &err) < 0)
        fail_msg("%s", err.msg);
    static const char *const changes[] = {"UPDATE audit SET actor = 'z'", "DELETE FROM audit",
                                          "TRUNCATE audit"};
    for (size_t i = 0; i < sizeof changes / sizeof *changes; i++) {
        err = (Err)ERR_INIT;
        assert_int_equal(pg_exec(c, changes[i], &err), -1);
        assert_non_null(strstr(err.msg, "append-only"));
    }
    PgStmt *st = pg_prepare(c, DB_SQL("SELECT count(*), min(actor) FROM audit"));
    assert_int_equal(pg_step(c, st, &err), 1);
    assert_int_equal(pg_col_int(st, 0), 1);
    assert_string_equal(pg_col_text(st, 1), "a");
    pg_close(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_schema),
        cmocka_unit_test(test_same_derived_columns),
        cmocka_unit_test(test_audit_append_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
