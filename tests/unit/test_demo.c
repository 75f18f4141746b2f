/*
** test_demo.c: the county demo is deterministic, has every state and light, reads like a
** ledger (coherent tree, actors in its history, four eyes on every close-out), and `status --json` run by the real binary
** agrees with counts computed here by independent SQL. On SQLite, and on PostgreSQL when
** tests/pg runs it again with ZG_UNIT_PG=1 (the demo generated into the cluster, the binary
** given its URI): the SQL here is portable.
*/
#include "testutil.h"

#include <jansson.h>
#include <unistd.h>

#include "demo/demo.h"

static const char *binary;
static char db_path[1024];

#define TODAY "2026-11-21"
/* A day after the semi-monthly cycle's due day (the 25th), so the report rule is in play. */
#define AS_OF "2026-11-27"
#define CYCLE_START "2026-11-16"

/* AS_OF plus the seven days of the yellow light's window. */
#define AS_OF_PLUS_7 "2026-12-04"

static int64_t sql_int(Db *db, const char *sql)
{
    return test_sql_int(db, sql);
}

static void generate(const char *path, uint64_t seed)
{
    Db db;
    Err err = ERR_INIT;
    assert_int_equal(db_open(&db, path, DB_CREATE, &err), 0);
    assert_int_equal(db_migrate(&db, &err), 0);
    DemoOptions opt = {DEMO_COUNTY, seed, 0, NULL};
    assert_int_equal(date_parse(TODAY, 10, &opt.today), 0);
    DemoSummary s;
    if (demo_generate(&db, &opt, &s, &err) < 0)
        fail_msg("demo: %s", err.msg);
    assert_int_equal(s.measures, 300);
    assert_int_equal(s.inspections, 1);
    /* A second run into the same database is refused and adds nothing. */
    assert_int_equal(demo_generate(&db, &opt, &s, &err), -1);
    assert_int_equal(err.code, ERR_CONFLICT);
    db_close(&db);
}

static json_t *run_status(void)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "%s --db '%s' status --inspection 1 --as-of %s --json", binary, db_path,
             AS_OF);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    json_error_t jerr;
    json_t *root = json_loadf(p, 0, &jerr);
    assert_int_equal(pclose(p), 0);
    if (!root)
        fail_msg("status --json is not JSON: %s", jerr.text);
    return root;
}

static int64_t jint(json_t *root, const char *obj, const char *key)
{
    json_t *o = json_object_get(root, obj);
    json_t *v = o ? json_object_get(o, key) : NULL;
    if (!json_is_integer(v))
        fail_msg("no integer %s.%s in status output", obj, key);
    return json_integer_value(v);
}

static void test_status_matches_sql(void **state)
{
    (void)state;
    Db db;
    Err err = ERR_INIT;
    assert_int_equal(db_open(&db, db_path, 0, &err), 0);
    json_t *root = run_status();

    static const char *const states[] = {"not_started", "in_progress", "submitted", "lead_approved",
                                         "signed_off",  "closed",      "phase_complete", "returned",
                                         "relapsed"};
    for (size_t i = 0; i < ARRAY_SIZE(states); i++) {
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM measure WHERE state = '%s'", states[i]);
        int64_t want = sql_int(&db, sql);
        assert_int_equal(jint(root, "by_state", states[i]), want);
        assert_true(want > 0); /* every state is present in the demo */
    }
    /* Days are ISO text on both engines: compared as strings, the window's end precomputed. */
#define RED_SQL                                                                                    \
    "state <> 'closed' AND ((deadline < '" AS_OF "' AND state <> 'phase_complete')"                \
    " OR return_count >= 2 OR state = 'relapsed')"
#define YELLOW_SQL                                                                                 \
    "state <> 'closed' AND NOT (" RED_SQL ") AND ((state <> 'phase_complete' AND deadline >= '"    \
    AS_OF "' AND deadline <= '" AS_OF_PLUS_7 "') OR (state IN ('not_started','in_progress',"        \
    "'returned','relapsed','phase_complete') AND NOT EXISTS (SELECT 1 FROM progress p WHERE"        \
    " p.measure_id = measure.id AND p.state IN ('submitted','accepted') AND p.reported_on BETWEEN"  \
    " '" CYCLE_START "' AND '" AS_OF "')))"
    int64_t red = sql_int(&db, "SELECT count(*) FROM measure WHERE " RED_SQL);
    int64_t yellow = sql_int(&db, "SELECT count(*) FROM measure WHERE " YELLOW_SQL);
    int64_t closed = sql_int(&db, "SELECT count(*) FROM measure WHERE state = 'closed'");
    assert_int_equal(jint(root, "by_light", "red"), red);
    assert_int_equal(jint(root, "by_light", "yellow"), yellow);
    assert_int_equal(jint(root, "by_light", "closed"), closed);
    assert_int_equal(jint(root, "by_light", "green"), 300 - red - yellow - closed);
    assert_true(red > 0 && yellow > 0 && closed > 0 && 300 - red - yellow - closed > 0);

    int64_t overdue = sql_int(&db, "SELECT count(*) FROM measure WHERE state NOT IN "
                                   "('closed','phase_complete') AND deadline < '" AS_OF "'");
    assert_int_equal((int64_t)json_array_size(json_object_get(root, "overdue")), overdue);

#define PROBLEMS_SQL                                                                               \
    "SELECT count(*) FROM (SELECT f.id, count(m.id) n,"                                            \
    " sum(CASE WHEN m.long_term = 0 AND m.state = 'closed' THEN 1 ELSE 0 END) short_done,"         \
    " sum(CASE WHEN m.long_term = 1 THEN 1 ELSE 0 END) long_n,"                                    \
    " sum(CASE WHEN m.long_term = 1 AND m.state IN ('closed','phase_complete') THEN 1 ELSE 0 END)" \
    " long_done FROM finding f LEFT JOIN measure m ON m.finding_id = f.id"                         \
    " WHERE f.level = 'problem' GROUP BY f.id) AS p WHERE "
    int64_t completed = sql_int(&db, PROBLEMS_SQL "n > 0 AND short_done = n");
    int64_t basic = sql_int(&db, PROBLEMS_SQL "n > 0 AND long_n > 0 AND short_done + long_done = n");
    int64_t problems = sql_int(&db, "SELECT count(*) FROM finding WHERE level = 'problem'");
    assert_int_equal(jint(root, "problems", "total"), problems);
    assert_int_equal(jint(root, "problems", "completed"), completed);
    assert_int_equal(jint(root, "problems", "basically_completed"), basic);
    assert_int_equal(jint(root, "problems", "uncompleted"), problems - completed - basic);
    assert_true(completed > 0 && basic > 0);

    /* Per-unit figures add up to the whole. */
    json_t *units = json_object_get(root, "units");
    int64_t sum = 0;
    for (size_t i = 0; i < json_array_size(units); i++)
        sum += json_integer_value(json_object_get(json_array_get(units, i), "measures"));
    assert_int_equal(sum, 300);
    json_decref(root);
    db_close(&db);
}

/* Both databases give the same rows for sql, column by column (as text), in the same order. */
static void assert_same_rows(Db *a, Db *b, const char *sql, int n_cols)
{
    Err err = ERR_INIT;
    DbStmt *sa = db_prepare(a, sql), *sb = db_prepare(b, sql);
    int rows = 0, ra, rb;
    while ((ra = db_step(a, sa, &err)) == 1) {
        rb = db_step(b, sb, &err);
        assert_int_equal(rb, 1);
        for (int c = 0; c < n_cols; c++) {
            const char *ta = db_col_text(sa, c), *tb = db_col_text(sb, c);
            assert_string_equal(ta ? ta : "(null)", tb ? tb : "(null)");
        }
        rows++;
    }
    assert_int_equal(ra, 0);
    assert_int_equal(db_step(b, sb, &err), 0); /* no more rows in b either */
    assert_true(rows > 0);
    db_reset(sa);
    db_reset(sb);
}

static void test_deterministic(void **state)
{
    (void)state;
    char other[1024];
    char tag[32];
    snprintf(tag, sizeof tag, "zg-demo-again-%d", (int)getpid());
    snprintf(other, sizeof other, "%s", test_db_fresh("/tmp", tag));
    generate(other, 1);
    Db a, b;
    Err err = ERR_INIT;
    assert_int_equal(db_open(&a, db_path, 0, &err), 0);
    assert_int_equal(db_open(&b, other, 0, &err), 0);
    assert_same_rows(&a, &b, "SELECT title, deadline, state, lead_unit_id, percent FROM measure"
                             " ORDER BY id", 5);
    assert_same_rows(&a, &b, "SELECT measure_id, reported_on, body FROM progress ORDER BY id", 3);
    assert_same_rows(&a, &b, "SELECT name FROM unit ORDER BY id", 1);
    db_close(&a);
    db_close(&b);
    if (!test_on_pg())
        unlink(other);
}

/*
** The tree reads like a ledger: no two problems of an inspection share a title, a problem's
** measures differ, each problem sits under the aspect whose words it uses (its measures name
** objects of the same table row, checked through a known row), and every timeline event,
** review and progress report of the history has a real user as its actor.
*/
static void test_coherent(void **state)
{
    (void)state;
    Db db;
    Err err = ERR_INIT;
    assert_int_equal(db_open(&db, db_path, 0, &err), 0);
    assert_int_equal(sql_int(&db, "SELECT count(*) FROM (SELECT title FROM finding"
                                  " WHERE level = 'problem' GROUP BY inspection_id, title"
                                  " HAVING count(*) > 1) AS d"),
                     0);
    assert_int_equal(sql_int(&db, "SELECT count(*) FROM (SELECT title FROM measure"
                                  " GROUP BY finding_id, title HAVING count(*) > 1) AS d"),
                     0);
    /* A known row: 招投标监管存在漏洞 under 落实全面从严治党战略部署方面, its measures on bidding.
     */
    assert_int_equal(sql_int(&db,
                             "SELECT count(*) FROM finding p JOIN finding i ON i.id = p.parent_id"
                             " JOIN finding a ON a.id = i.parent_id"
                             " WHERE p.title = '招投标监管存在漏洞'"
                             " AND a.title = '落实全面从严治党战略部署方面'"),
                     1);
    assert_int_equal(sql_int(&db,
                             "SELECT count(*) FROM measure m JOIN finding p ON p.id = m.finding_id"
                             " WHERE p.title = '招投标监管存在漏洞' AND m.title NOT LIKE '%招投标%'"
                             " AND m.title NOT LIKE '%评标%' AND m.title NOT LIKE '%围标%'"),
                     0);
    assert_true(sql_int(&db, "SELECT count(*) FROM event") > 300);
    assert_int_equal(sql_int(&db,
                             "SELECT count(*) FROM event e LEFT JOIN users u ON u.id = e.actor_id"
                             " WHERE u.id IS NULL"),
                     0);
    assert_int_equal(sql_int(&db, "SELECT count(*) FROM review r LEFT JOIN users u"
                                  " ON u.id = r.reviewer_id WHERE u.id IS NULL"),
                     0);
    assert_int_equal(sql_int(&db, "SELECT count(*) FROM progress p LEFT JOIN users u"
                                  " ON u.id = p.author_id WHERE u.id IS NULL"),
                     0);
    /* Who acts fits the step: the office verifies, a leader signs off. */
    assert_int_equal(
        sql_int(&db, "SELECT count(*) FROM event e JOIN user_role r ON r.user_id = e.actor_id"
                     " WHERE e.action = 'verify' AND r.role <> 'office'"),
        0);
    assert_int_equal(
        sql_int(&db, "SELECT count(*) FROM event e JOIN user_role r ON r.user_id = e.actor_id"
                     " WHERE e.action = 'sign_off' AND r.role <> 'leader'"),
        0);
    db_close(&db);
}

/*
** Four eyes (workflow.c): no measure's history has the same user request its close-out and
** approve it at any stage, or approve it at two stages; the lead unit's review is its head's.
*/
static void test_four_eyes(void **state)
{
    (void)state;
    Db db;
    Err err = ERR_INIT;
    assert_int_equal(db_open(&db, db_path, 0, &err), 0);
    /* The histories this checks exist: requests, approvals by the lead unit and the office. */
    assert_true(sql_int(&db, "SELECT count(*) FROM event WHERE action = 'request_close'") > 50);
    assert_true(sql_int(&db, "SELECT count(*) FROM event WHERE action = 'lead_approve'") > 50);
    assert_true(sql_int(&db, "SELECT count(*) FROM event WHERE action = 'verify'") > 50);
    assert_int_equal(sql_int(&db, "SELECT count(*) FROM event s JOIN event a"
                                  " ON a.measure_id = s.measure_id AND a.id > s.id"
                                  " WHERE s.action = 'request_close'"
                                  " AND a.action IN ('lead_approve', 'sign_off', 'verify')"
                                  " AND a.actor_id = s.actor_id"),
                     0);
    assert_int_equal(sql_int(&db, "SELECT count(*) FROM event a JOIN event b"
                                  " ON b.measure_id = a.measure_id AND b.id > a.id"
                                  " WHERE a.action IN ('lead_approve', 'sign_off', 'verify')"
                                  " AND b.action IN ('lead_approve', 'sign_off', 'verify')"
                                  " AND b.actor_id = a.actor_id"),
                     0);
    /* The requester is the unit's liaison and the reviewer its head, both of the lead unit. */
    assert_int_equal(sql_int(&db, "SELECT count(*) FROM event e JOIN measure m ON m.id = e.measure_id"
                                  " JOIN users u ON u.id = e.actor_id"
                                  " WHERE e.action = 'request_close' AND (u.unit_id <> m.lead_unit_id"
                                  " OR u.display_name NOT LIKE '%联络员')"),
                     0);
    assert_int_equal(sql_int(&db, "SELECT count(*) FROM event e JOIN measure m ON m.id = e.measure_id"
                                  " JOIN users u ON u.id = e.actor_id"
                                  " WHERE e.action IN ('lead_approve', 'return')"
                                  " AND e.from_state = 'submitted' AND (u.unit_id <> m.lead_unit_id"
                                  " OR u.display_name NOT LIKE '%负责人')"),
                     0);
    db_close(&db);
}

static int setup(void **state)
{
    (void)state;
    char tag[32];
    snprintf(tag, sizeof tag, "zg-demo-test-%d", (int)getpid());
    snprintf(db_path, sizeof db_path, "%s", test_db_fresh("/tmp", tag));
    generate(db_path, 1);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    if (!test_on_pg())
        unlink(db_path);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_demo PATH_TO_ZHENGGAI\n");
        return 1;
    }
    binary = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status_matches_sql),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_coherent),
        cmocka_unit_test(test_four_eyes),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
