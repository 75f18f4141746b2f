/*
** test_report_roundtrip.c: the published report imports back to the ledger it came from, run
** through the real binary as a person would: `report --kind tongbao` as md and docx, then
** `import doc FILE --dry-run --json`. For the county demo the problems and measures (levels,
** titles, counts, order), the problem statuses and the figures (measures, problems by status,
** mechanisms, money, clue outcomes) must equal the ledger's. For each corpus document the
** document is imported, its report generated and read back: the tree (levels, titles, measure
** titles and texts) must equal the document's own dry run, without warnings. The corpus lives
** in ../shared/corpus beside the source tree; without it those cases are skipped. On SQLite,
** and on PostgreSQL when tests/pg runs it again with ZG_UNIT_PG=1 (each ledger a fresh database
** on the cluster; its SQL here is portable).
*/
#include "testutil.h"

#include "base/buf.h"
#include "db/report_store.h"
#include "ledger/ledger.h"
#include "ledger/stats.h"

#include <jansson.h>
#include <sys/stat.h>
#include <unistd.h>

#define TODAY "2026-11-21"

static const char *binary;
static char dir[64];

/* Run a command line built from fmt; fail the test unless it exits 0. */
static void run(const char *fmt, ...) FORMAT(1, 2);
static void run(const char *fmt, ...)
{
    Buf cmd = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&cmd, fmt, ap);
    va_end(ap);
    buf_puts(&cmd, " >/dev/null 2>&1");
    int rc = system(cmd.data);
    if (rc != 0)
        fail_msg("'%s' exited with %d", cmd.data, rc);
    buf_free(&cmd);
}

/* `import doc path --dry-run --json` parsed. */
static json_t *dry_run(const char *path)
{
    Buf cmd = BUF_INIT;
    buf_printf(&cmd, "%s import doc '%s' --dry-run --json", binary, path);
    FILE *p = popen(cmd.data, "r");
    assert_non_null(p);
    json_error_t jerr;
    json_t *root = json_loadf(p, 0, &jerr);
    int rc = pclose(p);
    if (!root || rc != 0)
        fail_msg("'%s' gave no JSON (exit %d): %s", cmd.data, rc, root ? "" : jerr.text);
    buf_free(&cmd);
    return root;
}

static const char *jstr(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : "";
}

/* The tree of a dry run as lines: "F level title", then its measures "M title | text", then
   its children. with_text adds the measures' texts. */
static void flatten_json(json_t *nodes, Buf *out, bool with_text)
{
    size_t i;
    json_t *n;
    json_array_foreach(nodes, i, n)
    {
        buf_printf(out, "F %s %s\n", jstr(n, "level"), jstr(n, "title"));
        size_t k;
        json_t *m;
        json_array_foreach(json_object_get(n, "measures"), k, m)
        {
            buf_printf(out, "M %s", jstr(m, "title"));
            if (with_text)
                buf_printf(out, " | %s", jstr(m, "text"));
            buf_putc(out, '\n');
        }
        flatten_json(json_object_get(n, "children"), out, with_text);
    }
}

/* The same lines from a ledger, in the order of the report (siblings by ordinal). */
static void flatten_ledger(const Ledger *l, int64_t parent, Buf *out)
{
    for (int ord = 1;; ord++) {
        int fi = -1;
        for (int i = 0; i < l->n_findings; i++)
            if (l->findings[i].parent_id == parent && l->findings[i].ordinal == ord)
                fi = i;
        if (fi < 0)
            return;
        const Finding *f = &l->findings[fi];
        buf_printf(out, "F %s %s\n", model_level_name(f->level), f->title);
        for (int k = 0; k < l->n_measures; k++)
            if (l->measures[k].finding_id == f->id)
                buf_printf(out, "M %s\n", l->measures[k].title);
        flatten_ledger(l, f->id, out);
    }
}

/* Fail with the first line where a and b differ. */
static void same_lines(const char *what, const Buf *a, const Buf *b)
{
    if (a->len == b->len && memcmp(a->data, b->data, a->len) == 0)
        return;
    const char *p = a->data, *q = b->data;
    int line = 1;
    while (*p && *p == *q) {
        if (*p == '\n')
            line++;
        p++, q++;
    }
    while (p > a->data && p[-1] != '\n')
        p--, q--;
    fail_msg("%s: line %d differs:\n  want %.200s\n  got  %.200s", what, line, p, q);
}

static void no_warnings(json_t *doc, const char *what)
{
    json_t *w = json_object_get(doc, "warnings");
    if (json_array_size(w))
        fail_msg("%s: %zu warnings, the first: line %lld: %s", what, json_array_size(w),
                 (long long)json_integer_value(json_object_get(json_array_get(w, 0), "line")),
                 jstr(json_array_get(w, 0), "message"));
}

static double jfigure(json_t *doc, const char *key)
{
    json_t *v = json_object_get(json_object_get(doc, "figures"), key);
    if (!json_is_number(v))
        fail_msg("no figure '%s' read back", key);
    return json_number_value(v);
}

static int64_t sql_int(Db *db, const char *sql)
{
    return test_sql_int(db, sql);
}

/* The demo's figures and statuses against the ledger and independent SQL. */
static void check_demo_figures(json_t *doc, Db *db, const Ledger *l, const Stats *st)
{
    assert_true(jfigure(doc, "measures_planned") == l->n_measures);
    assert_true(jfigure(doc, "problems_total") == st->n_problems);
    assert_true(jfigure(doc, "problems_completed") == st->problems[STATUS_COMPLETED]);
    assert_true(jfigure(doc, "problems_basically_completed") ==
                st->problems[STATUS_BASICALLY_COMPLETED]);
    assert_true(jfigure(doc, "problems_uncompleted") == st->problems[STATUS_UNCOMPLETED]);
    assert_true(jfigure(doc, "mechanisms") == sql_int(db, "SELECT count(*) FROM mechanism"));
    /* Money in 万元 to two decimals, as the report states it. */
    /* (PostgreSQL's sum of bigint is numeric: cast back, so that / divides integers.) */
    int64_t refund = sql_int(db, "SELECT (CAST(sum(amount_fen) AS bigint) + 5000) / 10000"
                                 " FROM recovery WHERE kind = 'refund'");
    int64_t loss = sql_int(db, "SELECT (CAST(sum(amount_fen) AS bigint) + 5000) / 10000"
                               " FROM recovery WHERE kind = 'loss_recovered'");
    assert_true((int64_t)(jfigure(doc, "refunds_wan") * 100 + 0.5) == refund);
    assert_true((int64_t)(jfigure(doc, "losses_recovered_wan") * 100 + 0.5) == loss);
    /* Each clue outcome type's persons. */
    json_t *outcomes = json_object_get(json_object_get(doc, "clues"), "outcomes");
    assert_true(json_array_size(outcomes) > 0);
    assert_int_equal((int64_t)json_array_size(outcomes),
                     sql_int(db, "SELECT count(DISTINCT type) FROM clue_outcome"));
    size_t i;
    json_t *o;
    json_array_foreach(outcomes, i, o)
    {
        Err err = ERR_INIT;
        DbStmt *q = db_prepare(db, "SELECT sum(persons) FROM clue_outcome WHERE type = ?1");
        db_bind_text(q, 1, jstr(o, "type"));
        assert_int_equal(db_step(db, q, &err), 1);
        assert_int_equal(json_integer_value(json_object_get(o, "count")), db_col_int(q, 0));
        db_reset(q);
    }
}

/* Problems whose title is unique in the ledger come back with the ledger's status (none for a
   completed one: the open matters list only what is still open). */
static void check_demo_statuses(json_t *nodes, const Ledger *l, const Stats *st, int *checked)
{
    size_t i;
    json_t *n;
    json_array_foreach(nodes, i, n)
    {
        if (strcmp(jstr(n, "level"), "problem") == 0) {
            int same = 0, fi = -1;
            for (int k = 0; k < l->n_findings; k++)
                if (strcmp(l->findings[k].title, jstr(n, "title")) == 0)
                    same++, fi = k;
            if (same == 1) {
                const char *want =
                    st->status[fi] == STATUS_COMPLETED ? "" : model_status_name(st->status[fi]);
                if (strcmp(jstr(n, "status"), want) != 0)
                    fail_msg("problem '%s': status '%s', ledger says '%s'", jstr(n, "title"),
                             jstr(n, "status"), want);
                (*checked)++;
            }
        }
        check_demo_statuses(json_object_get(n, "children"), l, st, checked);
    }
}

static void test_demo(void **state)
{
    (void)state;
    char db_path[1024];
    snprintf(db_path, sizeof db_path, "%s", test_db_fresh(dir, "demo"));
    run("%s --db '%s' demo --scale county --today %s", binary, db_path, TODAY);

    Db db;
    Err err = ERR_INIT;
    Arena a = ARENA_INIT;
    Ledger l;
    Stats st;
    if (db_open(&db, db_path, 0, &err) < 0 || ledger_load(&db, &a, 1, &l, &err) < 0)
        fail_msg("%s", err.msg);
    ledger_stats(&l.in, l.findings, l.n_findings, l.measures, l.n_measures, test_day(TODAY), &a,
                 &st);
    Buf want = BUF_INIT, got = BUF_INIT;
    flatten_ledger(&l, 0, &want);

    const char *formats[] = {"md", "docx"};
    for (size_t i = 0; i < ARRAY_SIZE(formats); i++) {
        char path[128];
        snprintf(path, sizeof path, "%s/tongbao.%s", dir, formats[i]);
        run("%s --db '%s' report --inspection 1 --kind tongbao --format %s --as-of %s -o %s", binary,
            db_path, formats[i], TODAY, path);
        json_t *doc = dry_run(path);
        no_warnings(doc, path);
        buf_reset(&got);
        flatten_json(json_object_get(doc, "findings"), &got, false);
        same_lines(path, &want, &got);
        check_demo_figures(doc, &db, &l, &st);
        int checked = 0;
        check_demo_statuses(json_object_get(doc, "findings"), &l, &st, &checked);
        assert_true(checked >= 10);
        json_decref(doc);
    }
    /* Every generated report is on record, and audited. */
    assert_int_equal(sql_int(&db, "SELECT count(*) FROM report WHERE kind = 'tongbao'"), 2);
    assert_int_equal(sql_int(&db, "SELECT count(*) FROM audit WHERE action = 'report.generate'"),
                     2);
    buf_free(&want);
    buf_free(&got);
    arena_free(&a);
    db_close(&db);
}

/* The corpus document's path, or false when ../shared/corpus is absent. */
static bool corpus_path(const char *name, char *out, size_t n)
{
    const char *top = getenv("ZG_SOURCE_DIR");
    snprintf(out, n, "%s/../shared/corpus/%s", top ? top : ".", name);
    return access(out, R_OK) == 0;
}

static void corpus_case(const char *name)
{
    char src[1024], db_path[1024];
    if (!corpus_path(name, src, sizeof src)) {
        test_skip("corpus document %s not found (../shared/corpus absent): skipped\n", name);
    }
    snprintf(db_path, sizeof db_path, "%s", test_db_fresh(dir, name));
    run("%s --db '%s' import doc '%s'", binary, db_path, src);
    json_t *orig = dry_run(src);
    Buf want = BUF_INIT, got = BUF_INIT;
    flatten_json(json_object_get(orig, "findings"), &want, true);
    assert_true(want.len > 0);
    const char *formats[] = {"md", "docx"};
    for (size_t i = 0; i < ARRAY_SIZE(formats); i++) {
        char path[160];
        snprintf(path, sizeof path, "%s/%s.%s", dir, name, formats[i]);
        run("%s --db '%s' report --inspection 1 --kind tongbao --format %s -o %s", binary, db_path,
            formats[i], path);
        json_t *doc = dry_run(path);
        no_warnings(doc, path);
        buf_reset(&got);
        flatten_json(json_object_get(doc, "findings"), &got, true);
        same_lines(path, &want, &got);
        /* The document's identity comes back too (where it states it: a partial document may
           have no signature, and the report then signs with the inspected organisation). */
        json_t *a = json_object_get(orig, "inspection"), *b = json_object_get(doc, "inspection");
        const char *keys[] = {"group",      "target",      "onsite_start",
                              "onsite_end", "feedback_on", "signer"};
        for (size_t k = 0; k < ARRAY_SIZE(keys); k++)
            if (*jstr(a, keys[k]) && strcmp(jstr(a, keys[k]), jstr(b, keys[k])) != 0)
                fail_msg("%s: inspection.%s '%s', the document says '%s'", path, keys[k],
                         jstr(b, keys[k]), jstr(a, keys[k]));
        json_decref(doc);
    }
    json_decref(orig);
    buf_free(&want);
    buf_free(&got);
}

static void test_corpus_huli_2025(void **state)
{
    (void)state;
    corpus_case("huli-2025.txt");
}

static void test_corpus_luojiang_2025(void **state)
{
    (void)state;
    corpus_case("luojiang-2025.txt");
}

static void test_corpus_huli_2021(void **state)
{
    (void)state;
    corpus_case("huli-2021-partial.txt");
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/zg-roundtrip-%d", (int)getpid());
    mkdir(dir, 0700);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    Buf cmd = BUF_INIT;
    buf_printf(&cmd, "rm -rf '%s'", dir);
    int rc = system(cmd.data);
    buf_free(&cmd);
    return rc == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_report_roundtrip PATH_TO_ZHENGGAI\n");
        return 1;
    }
    binary = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_demo),
        cmocka_unit_test(test_corpus_huli_2025),
        cmocka_unit_test(test_corpus_luojiang_2025),
        cmocka_unit_test(test_corpus_huli_2021),
    };
    return test_result(cmocka_run_group_tests(tests, setup, teardown));
}
