/*
** test_roles.c: the rule of role sets (三员分立) for every pair of roles, the parsing of role
** lists, and the administrative changes against a real database: each is audited, refused ones
** change nothing, locking and role changes end the user's sessions; the reads of the audit log
** (newest first, a cursor, filters that treat '%' and '_' literally) and the per-state counts of
** the API's inspection list, checked with independent SQL.
*/
#include "testutil.h"

#include "base/password.h"

#include "base/arena.h"
#include "db/admin_store.h"
#include "db/audit_store.h"
#include "db/count_store.h"
#include "db/org_store.h"
#include "db/session_store.h"
#include "db/user_store.h"
#include "demo/demo.h"
#include "ledger/admin.h"
#include "web/texts.h"

static int64_t count(Db *db, const char *sql_text)
{
    /* Tests may hold SQL; the product's SQL lives in src/db/. */
    return test_sql_int(db, sql_text);
}

static bool is_admin(int r)
{
    return r == ROLE_SYSADMIN || r == ROLE_SECADMIN || r == ROLE_AUDITOR;
}

static void test_roles_pairs(void **state)
{
    (void)state;
    RolesProblem why;
    assert_true(roles_valid(0, &why));
    for (int a = 0; a < ROLE__COUNT; a++) {
        assert_true(roles_valid(ROLE_BIT(a), &why));
        for (int b = a + 1; b < ROLE__COUNT; b++) {
            bool ok = roles_valid(ROLE_BIT(a) | ROLE_BIT(b), &why);
            if (is_admin(a) && is_admin(b)) {
                assert_false(ok);
                assert_int_equal(why, ROLES_TWO_ADMINS);
            } else if (is_admin(a) || is_admin(b)) {
                assert_false(ok);
                assert_int_equal(why, ROLES_ADMIN_AND_BUSINESS);
            } else {
                assert_true(ok);
                assert_int_equal(why, ROLES_OK);
            }
        }
    }
    unsigned all_business = ROLE_BIT(ROLE_OFFICE) | ROLE_BIT(ROLE_LEADER) | ROLE_BIT(ROLE_UNIT) |
                            ROLE_BIT(ROLE_DISCIPLINE) | ROLE_BIT(ROLE_OBSERVER);
    assert_true(roles_valid(all_business, NULL));
    assert_false(roles_valid(all_business | ROLE_BIT(ROLE_AUDITOR), NULL));
    assert_non_null(strstr(texts_message(MSG_ROLES_TWO_ADMINS), "三员分立"));
    /* Every message id has its Chinese, and refusals without an id fall back. */
    for (int id = MSG_NONE + 1; id < MSG__COUNT; id++)
        if (!texts_message((MsgId)id) || !*texts_message((MsgId)id))
            fail_msg("message id %d has no Chinese text", id);
    Err none = ERR_INIT;
    assert_string_equal(texts_error(&none, "兜底"), "兜底");
}

static void test_roles_parse(void **state)
{
    (void)state;
    Err err = ERR_INIT;
    unsigned roles;
    Arena a = ARENA_INIT;
    assert_int_equal(roles_parse("office,leader", &roles, &err), 0);
    assert_int_equal(roles, ROLE_BIT(ROLE_OFFICE) | ROLE_BIT(ROLE_LEADER));
    assert_string_equal(roles_format(&a, roles), "office,leader");
    assert_int_equal(roles_parse("", &roles, &err), 0);
    assert_int_equal(roles, 0);
    assert_string_equal(roles_format(&a, 0), "");
    assert_int_equal(roles_parse("office,boss", &roles, &err), -1);
    assert_int_equal(err.code, ERR_INPUT);
    assert_non_null(strstr(err.msg, "unknown role 'boss'"));
    assert_int_equal(roles_parse("office,,leader", &roles, &err), -1);
    arena_free(&a);
}

static const Actor cli_actor = {0, "cli", 0, 0, 0};

static void test_admin_changes(void **state)
{
    (void)state;
    Db db;
    Err err = ERR_INIT;
    Arena a = ARENA_INIT;
    test_db_open(&db);
    Unit unit = {0, "区财政局", "财政局", UNIT_GOVERNMENT, 0};
    assert_int_equal(admin_unit_create(&db, &cli_actor, &unit, &err), 0);
    Unit again = {0, "区财政局", NULL, UNIT_GOVERNMENT, 0};
    assert_int_equal(admin_unit_create(&db, &cli_actor, &again, &err), -1);
    assert_int_equal(err.code, ERR_CONFLICT);
    Unit orphan = {0, "孤儿单位", NULL, UNIT_OTHER, 999};
    assert_int_equal(admin_unit_create(&db, &cli_actor, &orphan, &err), -1);
    assert_int_equal(err.code, ERR_INPUT);

    char otp[PASSWORD_OTP_SIZE];
    User sec = {0};
    sec.login = "secadmin";
    sec.display_name = "安全管理员";
    sec.roles = ROLE_BIT(ROLE_SECADMIN);
    assert_int_equal(admin_user_create(&db, &cli_actor, &sec, "Tongyi#Kaishi7", otp, &err), 0);
    User u = {0};
    u.login = "li.si";
    u.display_name = "李四";
    u.unit_id = unit.id;
    u.roles = ROLE_BIT(ROLE_UNIT);
    assert_int_equal(admin_user_create(&db, &cli_actor, &u, "short", otp, &err), -1);
    assert_int_equal(err.code, ERR_INPUT);
    u.roles = ROLE_BIT(ROLE_UNIT) | ROLE_BIT(ROLE_AUDITOR);
    assert_int_equal(admin_user_create(&db, &cli_actor, &u, "Tongyi#Kaishi7", otp, &err), -1);
    assert_int_equal(err.code, ERR_INPUT);
    u.roles = ROLE_BIT(ROLE_UNIT);
    u.login = "li si";
    assert_int_equal(admin_user_create(&db, &cli_actor, &u, "Tongyi#Kaishi7", otp, &err), -1);
    u.login = "li.si";
    assert_int_equal(admin_user_create(&db, &cli_actor, &u, "Tongyi#Kaishi7", otp, &err), 0);
    assert_int_equal(admin_user_create(&db, &cli_actor, &u, "Tongyi#Kaishi7", otp, &err), -1);
    assert_int_equal(err.code, ERR_CONFLICT);
    assert_int_equal(count(&db, "SELECT count(*) FROM users"), 2);

    User got;
    assert_int_equal(user_store_get(&db, &a, u.id, &got, &err), 0);
    assert_true(got.must_change_password);
    assert_int_equal(got.unit_id, unit.id);

    /* A session to be ended by the role change, another by the lock. */
    Session s = {"aaaa", u.id, "csrf", 100, 100};
    assert_int_equal(session_store_insert(&db, &s, &err), 0);
    Actor secadmin = {sec.id, "secadmin", ROLE_BIT(ROLE_SECADMIN), 0, 0};
    int64_t audits = count(&db, "SELECT count(*) FROM audit");
    assert_int_equal(admin_user_set_roles(&db, &secadmin, sec.id, ROLE_BIT(ROLE_OFFICE), &err), -1);
    assert_non_null(strstr(err.msg, "own roles"));
    assert_int_equal(admin_user_set_roles(&db, &secadmin, u.id,
                                          ROLE_BIT(ROLE_UNIT) | ROLE_BIT(ROLE_SYSADMIN), &err),
                     -1);
    assert_int_equal(count(&db, "SELECT count(*) FROM audit"), audits);
    assert_int_equal(admin_user_set_roles(&db, &secadmin, u.id,
                                          ROLE_BIT(ROLE_UNIT) | ROLE_BIT(ROLE_LEADER), &err),
                     0);
    assert_int_equal(count(&db, "SELECT count(*) FROM session"), 0);
    assert_int_equal(count(&db, "SELECT count(*) FROM audit WHERE action = 'user.roles' AND"
                                " actor = 'secadmin' AND detail LIKE '%''unit'' -> ''leader,unit''%'"),
                     1);

    assert_int_equal(session_store_insert(&db, &s, &err), 0);
    assert_int_equal(admin_user_lock(&db, &secadmin, sec.id, true, &err), -1);
    assert_int_equal(admin_user_lock(&db, &secadmin, u.id, true, &err), 0);
    assert_int_equal(count(&db, "SELECT count(*) FROM session"), 0);
    assert_int_equal(count(&db, "SELECT count(*) FROM users WHERE state = 'locked'"), 1);
    assert_int_equal(admin_user_lock(&db, &secadmin, u.id, false, &err), 0);
    assert_int_equal(count(&db, "SELECT count(*) FROM users WHERE state = 'locked'"), 0);

    /* 三员分立: a web administrator never chooses the password; a one-time one is made. */
    assert_int_equal(admin_user_reset_password(&db, &cli_actor, u.id, "weak", otp, &err), -1);
    assert_int_equal(admin_user_reset_password(&db, &secadmin, u.id, "Neues#Pass9", otp, &err), -1);
    assert_int_equal(err.code, ERR_FORBIDDEN);
    assert_int_equal(admin_user_reset_password(&db, &secadmin, u.id, NULL, otp, &err), 0);
    assert_int_equal(strlen(otp), 14);
    assert_int_equal(user_store_get(&db, &a, u.id, &got, &err), 0);
    assert_true(password_verify(got.password_hash, otp));
    assert_true(got.must_change_password);
    assert_int_equal(admin_user_reset_password(&db, &secadmin, 999, NULL, otp, &err), -1);
    assert_int_equal(err.code, ERR_NOTFOUND);
    /* Nor an administrator account's password, nor its roles, nor the last holder's. */
    assert_int_equal(admin_user_reset_password(&db, &secadmin, sec.id, NULL, otp, &err), -1);
    assert_int_equal(err.code, ERR_FORBIDDEN);
    assert_int_equal(admin_user_set_roles(&db, &cli_actor, sec.id, ROLE_BIT(ROLE_AUDITOR), &err), -1);
    assert_non_null(strstr(err.msg, "last active secadmin"));
    assert_int_equal(admin_user_lock(&db, &cli_actor, sec.id, true, &err), -1);
    assert_int_equal(err.code, ERR_FORBIDDEN);
    assert_int_equal(admin_user_update(&db, &cli_actor, u.id, "李四（新）", 0, &err), 0);
    assert_int_equal(admin_user_update(&db, &cli_actor, u.id, "李四", 999, &err), -1);

    assert_int_equal(count(&db, "SELECT count(*) FROM audit WHERE action IN ('user.create',"
                                " 'unit.create', 'user.roles', 'user.lock', 'user.unlock',"
                                " 'user.password_reset', 'user.update')"),
                     8);
    assert_int_equal(count(&db, "SELECT count(*) FROM audit WHERE detail LIKE '%Neues%'"), 0);
    int64_t rows;
    assert_int_equal(audit_store_verify(&db, &rows, &err), 0);
    arena_free(&a);
    db_close(&db);
}

static void test_audit_pages(void **state)
{
    (void)state;
    Db db;
    Err err = ERR_INIT;
    Arena a = ARENA_INIT;
    test_db_open(&db);
    /* Entries 4 and 6 carry LIKE's wildcards, which no action of the vocabulary has: written
    ** directly, as a tampered or future log might hold them. */
    AuditAction actions[] = {AUDIT_USER_CREATE, AUDIT_USER_ROLES, AUDIT_LOGIN, 0,
                             AUDIT_LOGIN_FAILED, 0};
    const char *raw[] = {NULL, NULL, NULL, "user%x", NULL, "user_x"};
    for (int i = 0; i < 6; i++) {
        if (!raw[i]) {
            assert_int_equal(audit_store_append(&db, i % 2 ? "sec" : "sys", actions[i], "user:1",
                                                "", &err),
                             0);
            continue;
        }
        char sql[160]; /* raw[i] holds no quote */
        snprintf(sql, sizeof sql,
                 "INSERT INTO audit(seq, at, actor, action, prev_hash, hash)"
                 " VALUES(%d, '2026-01-01T00:00:00Z', 'sec', '%s', '', '')",
                 i + 1, raw[i]);
        test_sql_exec(&db, sql);
    }
    AuditEntry *es;
    int n;
    AuditQuery q = {.action = NULL, .limit = 4};
    assert_int_equal(admin_store_audit(&db, &a, &q, &es, &n, &err), 0);
    assert_int_equal(n, 4);
    assert_int_equal(es[0].seq, 6);
    assert_int_equal(es[3].seq, 3);
    q.before = es[3].seq;
    assert_int_equal(admin_store_audit(&db, &a, &q, &es, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_int_equal(es[0].seq, 2);
    AuditQuery by_prefix = {.action = "user.", .limit = 10};
    assert_int_equal(admin_store_audit(&db, &a, &by_prefix, &es, &n, &err), 0);
    assert_int_equal(n, 2);
    AuditQuery literal = {.action = "user%", .limit = 10};
    assert_int_equal(admin_store_audit(&db, &a, &literal, &es, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(es[0].action, "user%x");
    AuditQuery underscore = {.action = "user_", .limit = 10};
    assert_int_equal(admin_store_audit(&db, &a, &underscore, &es, &n, &err), 0);
    assert_int_equal(n, 1);
    AuditQuery by_actor = {.actor = "sec", .action = "login", .limit = 10};
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
        cmocka_unit_test(test_roles_pairs),
        cmocka_unit_test(test_roles_parse),
        cmocka_unit_test(test_admin_changes),
        cmocka_unit_test(test_audit_pages),
        cmocka_unit_test(test_state_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
