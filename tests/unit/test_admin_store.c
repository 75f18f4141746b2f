/*
** test_admin_store.c: the audit log pages (newest first, cursor, actor and action-prefix filters
** that treat '%' and '_' literally) and the per-state measure counts of the API's inspection
** list, checked against the county demo with independent SQL.
*/
#include "testutil.h"

#include "base/arena.h"
#include "db/admin_store.h"
#include "db/audit_store.h"
#include "db/count_store.h"
#include "demo/demo.h"

static int64_t count(Db *db, const char *sql_text)
{
    /* Tests may hold SQL; the product's SQL lives in src/db/. */
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db->sql, sql_text, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void test_audit_pages(void **state)
{
    (void)state;
    Db db;
    Err err = ERR_INIT;
    Arena a = ARENA_INIT;
    test_db_open(&db);
    const char *actions[] = {"user.create", "user.roles", "login", "user%x", "login.failed",
                             "user_x"};
    for (int i = 0; i < 6; i++)
        assert_int_equal(audit_store_append(&db, i % 2 ? "sec" : "sys", actions[i], "user:1", "",
                                            &err),
                         0);
    AuditEntry *es;
    int n;
    AuditQuery q = {NULL, NULL, 0, 4};
    assert_int_equal(admin_store_audit(&db, &a, &q, &es, &n, &err), 0);
    assert_int_equal(n, 4);
    assert_int_equal(es[0].seq, 6);
    assert_int_equal(es[3].seq, 3);
    q.before = es[3].seq;
    assert_int_equal(admin_store_audit(&db, &a, &q, &es, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_int_equal(es[0].seq, 2);
    AuditQuery by_prefix = {NULL, "user.", 0, 10};
    assert_int_equal(admin_store_audit(&db, &a, &by_prefix, &es, &n, &err), 0);
    assert_int_equal(n, 2);
    AuditQuery literal = {NULL, "user%", 0, 10};
    assert_int_equal(admin_store_audit(&db, &a, &literal, &es, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(es[0].action, "user%x");
    AuditQuery underscore = {NULL, "user_", 0, 10};
    assert_int_equal(admin_store_audit(&db, &a, &underscore, &es, &n, &err), 0);
    assert_int_equal(n, 1);
    AuditQuery by_actor = {"sec", "login", 0, 10};
    assert_int_equal(admin_store_audit(&db, &a, &by_actor, &es, &n, &err), 0);
    assert_int_equal(n, 0);
    by_actor.actor = "sys";
    assert_int_equal(admin_store_audit(&db, &a, &by_actor, &es, &n, &err), 0);
    assert_int_equal(n, 2);
    arena_free(&a);
    db_close(&db);
}

static void test_state_counts(void **state)
{
    (void)state;
    Db db;
    Err err = ERR_INIT;
    test_db_open(&db);
    DemoOptions opt = {0};
    opt.scale = DEMO_COUNTY;
    opt.seed = 1;
    opt.today = test_day("2026-11-21");
    DemoSummary sum;
    assert_int_equal(demo_generate(&db, &opt, &sum, &err), 0);
    int by_state[STATE__COUNT];
    assert_int_equal(count_store_states(&db, 1, 0, by_state, &err), 0);
    int total = 0;
    for (int s = 0; s < STATE__COUNT; s++)
        total += by_state[s];
    assert_int_equal(total, count(&db, "SELECT count(*) FROM measure WHERE inspection_id = 1"));
    assert_int_equal(by_state[STATE_CLOSED],
                     count(&db, "SELECT count(*) FROM measure WHERE state = 'closed'"));
    assert_int_equal(count_store_states(&db, 1, 11, by_state, &err), 0);
    total = 0;
    for (int s = 0; s < STATE__COUNT; s++)
        total += by_state[s];
    assert_int_equal(total, count(&db, "SELECT count(*) FROM measure m WHERE lead_unit_id = 11 OR"
                                       " EXISTS (SELECT 1 FROM measure_co_unit c WHERE"
                                       " c.measure_id = m.id AND c.unit_id = 11)"));
    assert_int_equal(count_store_states(&db, 99, 0, by_state, &err), 0);
    assert_int_equal(by_state[STATE_NOT_STARTED], 0);
    db_close(&db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_audit_pages),
        cmocka_unit_test(test_state_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
