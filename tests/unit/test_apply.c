/*
** test_apply.c: workflow actions against a real database: an allowed action changes the state
** and writes its progress, review, event and audit entry in one transaction; a refused one
** changes nothing; the audit chain verifies and detects tampering.
*/
#include "testutil.h"

#include "base/arena.h"
#include "db/audit_store.h"
#include "db/finding_store.h"
#include "db/inspection_store.h"
#include "db/measure_store.h"
#include "db/org_store.h"
#include "db/user_store.h"
#include "ledger/apply.h"

typedef struct Fixture {
    Db db;
    int64_t measure;
    Actor office, lead, head, other; /* head: a second user of the lead unit */
} Fixture;

static int64_t count(Db *db, const char *table)
{
    /* Tests may hold SQL; the product's SQL lives in src/db/. */
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    return test_sql_int(db, sql);
}

static MeasureState state_of(Fixture *f)
{
    Arena a = ARENA_INIT;
    Measure m;
    Err err = ERR_INIT;
    assert_int_equal(measure_store_get(&f->db, &a, f->measure, &m, &err), 0);
    MeasureState s = m.state;
    arena_free(&a);
    return s;
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    Err err = ERR_INIT;
    test_db_open(&f->db);
    Unit lead = {0, "区财政局", NULL, UNIT_GOVERNMENT, 0}, other = {0, "区教育局", NULL, UNIT_GOVERNMENT, 0};
    assert_int_equal(unit_store_insert(&f->db, &lead, &err), 0);
    assert_int_equal(unit_store_insert(&f->db, &other, &err), 0);
    User office = {.login = "office", .display_name = "巡改办", .roles = ROLE_BIT(ROLE_OFFICE)};
    User lu = {.login = "caizheng", .display_name = "区财政局", .unit_id = lead.id,
               .roles = ROLE_BIT(ROLE_UNIT)};
    User ou = {.login = "jiaoyu", .display_name = "区教育局", .unit_id = other.id,
               .roles = ROLE_BIT(ROLE_UNIT)};
    assert_int_equal(user_store_insert(&f->db, &office, &err), 0);
    assert_int_equal(user_store_insert(&f->db, &lu, &err), 0);
    assert_int_equal(user_store_insert(&f->db, &ou, &err), 0);
    User hu = {.login = "caizheng-head", .display_name = "区财政局负责人", .unit_id = lead.id,
               .roles = ROLE_BIT(ROLE_UNIT)};
    assert_int_equal(user_store_insert(&f->db, &hu, &err), 0);
    f->head = (Actor){hu.id, "caizheng-head", hu.roles, lead.id, 0};
    f->office = (Actor){office.id, "office", office.roles, 0, 0};
    f->lead = (Actor){lu.id, "caizheng", lu.roles, lead.id, 0};
    f->other = (Actor){ou.id, "jiaoyu", ou.roles, other.id, 0};

    Inspection in;
    memset(&in, 0, sizeof in);
    in.title = "测试巡察整改";
    in.kind = INSPECTION_XUNCHA;
    in.report_cycle = CYCLE_MONTHLY;
    in.warn_days = 7;
    in.state = INSPECTION_ACTIVE;
    in.onsite_start = in.onsite_end = in.concentrated_end = in.published_on = DAY_NONE;
    in.feedback_on = test_day("2026-01-10");
    assert_int_equal(inspection_store_insert(&f->db, &in, &err), 0);
    Finding p;
    memset(&p, 0, sizeof p);
    p.inspection_id = in.id;
    p.level = LEVEL_PROBLEM;
    p.ordinal = 1;
    p.title = "国有企业资金管理不规范";
    assert_int_equal(finding_store_insert(&f->db, &p, &err), 0);
    Measure m;
    memset(&m, 0, sizeof m);
    m.inspection_id = in.id;
    m.finding_id = p.id;
    m.ordinal = 1;
    m.title = "加强国有企业资金管理";
    m.kind = KIND_DATED;
    m.deadline = test_day("2026-06-30");
    m.lead_unit_id = lead.id;
    m.closed_on = m.revisit_due = DAY_NONE;
    assert_int_equal(measure_store_insert(&f->db, &m, &err), 0);
    f->measure = m.id;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    db_close(&f->db);
    free(f);
    return 0;
}

static void test_refused_changes_nothing(void **state)
{
    Fixture *f = *state;
    Err err = ERR_INIT;
    ApplyResult res;
    int64_t events = count(&f->db, "event"), audits = count(&f->db, "audit");
    /* Another unit may not report; closing needs a report first; verify needs lead approval. */
    assert_int_equal(ledger_apply(&f->db, &f->other, f->measure, ACTION_REPORT, "进展", 1, &res, &err), -1);
    assert_int_equal(err.code, ERR_FORBIDDEN);
    assert_int_equal(ledger_apply(&f->db, &f->lead, f->measure, ACTION_REQUEST_CLOSE, NULL, 1, &res, &err), -1);
    assert_int_equal(err.code, ERR_CONFLICT);
    assert_int_equal(ledger_apply(&f->db, &f->office, f->measure, ACTION_VERIFY, NULL, 1, &res, &err), -1);
    assert_int_equal(state_of(f), STATE_NOT_STARTED);
    assert_int_equal(count(&f->db, "event"), events);
    assert_int_equal(count(&f->db, "audit"), audits);
    assert_int_equal(count(&f->db, "progress"), 0);
    assert_int_equal(f->db.tx_depth, 0);
}

static void test_close_out_path(void **state)
{
    Fixture *f = *state;
    Err err = ERR_INIT;
    ApplyResult res;
    Day today = test_day("2026-05-20");
    assert_int_equal(ledger_apply(&f->db, &f->lead, f->measure, ACTION_REPORT, "已开展专项审计", today, &res, &err), 0);
    assert_int_equal(res.from, STATE_NOT_STARTED);
    assert_int_equal(res.to, STATE_IN_PROGRESS);
    assert_int_equal(count(&f->db, "progress"), 1);
    /* No evidence yet: refused, and nothing written. */
    int64_t events = count(&f->db, "event");
    assert_int_equal(ledger_apply(&f->db, &f->lead, f->measure, ACTION_REQUEST_CLOSE, NULL, today, &res, &err), -1);
    assert_int_equal(err.code, ERR_INPUT);
    assert_int_equal(count(&f->db, "event"), events);
    /* The office waives evidence with a reason; then the request goes through. */
    assert_int_equal(ledger_apply(&f->db, &f->office, f->measure, ACTION_WAIVE_EVIDENCE, "涉密", today, &res, &err), 0);
    assert_int_equal(res.to, STATE_IN_PROGRESS);
    assert_int_equal(ledger_apply(&f->db, &f->lead, f->measure, ACTION_REQUEST_CLOSE, NULL, today, &res, &err), 0);
    /* Four eyes: the submitter may not approve; a colleague of the same unit may. */
    events = count(&f->db, "event");
    assert_int_equal(ledger_apply(&f->db, &f->lead, f->measure, ACTION_LEAD_APPROVE, NULL, today, &res, &err), -1);
    assert_int_equal(err.code, ERR_FORBIDDEN);
    assert_non_null(strstr(err.msg, "four eyes"));
    assert_int_equal(count(&f->db, "event"), events);
    assert_int_equal(ledger_apply(&f->db, &f->head, f->measure, ACTION_LEAD_APPROVE, NULL, today, &res, &err), 0);
    /* The office returns it; the return count grows. */
    assert_int_equal(ledger_apply(&f->db, &f->office, f->measure, ACTION_RETURN, "目标未达到", today, &res, &err), 0);
    Arena a = ARENA_INIT;
    Measure m;
    assert_int_equal(measure_store_get(&f->db, &a, f->measure, &m, &err), 0);
    assert_int_equal(m.state, STATE_RETURNED);
    assert_int_equal(m.return_count, 1);
    assert_int_equal(ledger_apply(&f->db, &f->lead, f->measure, ACTION_REPORT, "已补充整改", today, &res, &err), 0);
    assert_int_equal(ledger_apply(&f->db, &f->head, f->measure, ACTION_REQUEST_CLOSE, NULL, today, &res, &err), 0);
    /* This time the head submitted: now the liaison may approve, the head may not. */
    assert_int_equal(ledger_apply(&f->db, &f->head, f->measure, ACTION_LEAD_APPROVE, NULL, today, &res, &err), -1);
    assert_int_equal(ledger_apply(&f->db, &f->lead, f->measure, ACTION_LEAD_APPROVE, NULL, today, &res, &err), 0);
    assert_int_equal(ledger_apply(&f->db, &f->office, f->measure, ACTION_VERIFY, NULL, today, &res, &err), 0);
    assert_int_equal(measure_store_get(&f->db, &a, f->measure, &m, &err), 0);
    assert_int_equal(m.state, STATE_CLOSED);
    assert_int_equal(m.closed_on, today);
    assert_int_equal(m.revisit_due, ledger_add_months(today, 6)); /* the default: six months */
    assert_int_equal(m.percent, 100);
    arena_free(&a);
    /* Each action left one event and one audit entry. */
    assert_int_equal(count(&f->db, "event"), 9);
    assert_int_equal(count(&f->db, "audit"), 9);
    assert_int_equal(count(&f->db, "review"), 4);
    int64_t rows;
    if (audit_store_verify(&f->db, &rows, &err) < 0)
        fail_msg("%s", err.msg);
    assert_int_equal(rows, 9);
}

static void test_audit_tamper(void **state)
{
    Fixture *f = *state;
    Err err = ERR_INIT;
    for (int i = 0; i < 3; i++)
        assert_int_equal(audit_store_append(&f->db, "office", AUDIT_MEASURE_EDIT, "measure:1", "详情", &err), 0);
    /* Append-only: the triggers refuse changes. */
    assert_true(test_sql_fails(&f->db, "UPDATE audit SET detail = 'x' WHERE seq = 2"));
    assert_true(test_sql_fails(&f->db, "DELETE FROM audit WHERE seq = 2"));
    /* Someone with the file drops the trigger and edits a row: verify names the entry. */
    test_sql_exec(&f->db, test_on_pg() ? "DROP TRIGGER audit_no_update ON audit" : "DROP TRIGGER audit_no_update");
    test_sql_exec(&f->db, "UPDATE audit SET detail = '篡改' WHERE seq = 2");
    int64_t rows;
    assert_int_equal(audit_store_verify(&f->db, &rows, &err), -1);
    assert_non_null(strstr(err.msg, "audit log broken at entry 2"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_refused_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_close_out_path, setup, teardown),
        cmocka_unit_test_setup_teardown(test_audit_tamper, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
