/*
** test_plan.c: the plan rules of ledger/plan.c against a real database: printed labels for each
** depth, the coverage check (and its SQL form, coverage_store_gaps, against plan_coverage on
** the county demo given gaps of every kind), and the finding tree under reorders and moves —
** after every one of many random moves, finding ids follow the tree's pre-order (parents
** first), labels match the depth and place, and every measure still hangs under the problem it
** was written for; and the inspection table's count of changes that the workers' inspection
** caches are keyed by.
*/
#include "testutil.h"

#include "base/arena.h"
#include "db/coverage_store.h"
#include "db/finding_store.h"
#include "db/inspection_store.h"
#include "db/measure_store.h"
#include "db/view_store.h"
#include "demo/demo.h"
#include "ledger/plan.h"

/* No users row: events record the system (0) as the actor. */
static const Actor office = {0, "office", ROLE_BIT(ROLE_OFFICE), 0, 0};

static void test_labels(void **state)
{
    (void)state;
    Arena a = ARENA_INIT;
    static const struct {
        int depth, ordinal;
        const char *label;
    } rows[] = {
        {0, 1, "一、"},      {0, 10, "十、"},  {0, 11, "十一、"},   {0, 20, "二十、"},
        {0, 99, "九十九、"}, {1, 3, "（三）"}, {1, 12, "（十二）"}, {2, 7, "7."},
        {3, 2, "（2）"},     {4, 1, "①"},      {4, 20, "⑳"},        {4, 21, "（21）"},
        {0, 1000, "1000、"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        assert_string_equal(plan_finding_label(&a, rows[i].depth, rows[i].ordinal), rows[i].label);
    assert_string_equal(plan_measure_label(&a, 3), "三是");
    assert_string_equal(plan_measure_label(&a, 12), "十二是");
    arena_free(&a);
}

static void test_coverage(void **state)
{
    (void)state;
    Arena a = ARENA_INIT;
    Finding fs[3] = {
        {.id = 1, .level = LEVEL_ASPECT, .label = "一、", .title = "方面"},
        {.id = 2, .parent_id = 1, .level = LEVEL_PROBLEM, .label = "（一）", .title = "有措施"},
        {.id = 3, .parent_id = 1, .level = LEVEL_PROBLEM, .label = "（二）", .title = "无措施"},
    };
    int64_t leader = 9;
    Measure ms[3] = {
        {.id = 10,
         .finding_id = 2,
         .title = "完整",
         .lead_unit_id = 5,
         .leader_ids = &leader,
         .n_leaders = 1,
         .deadline = 20000,
         .kind = KIND_DATED},
        {.id = 11,
         .finding_id = 2,
         .title = "长期",
         .lead_unit_id = 5,
         .leader_ids = &leader,
         .n_leaders = 1,
         .deadline = DAY_NONE,
         .kind = KIND_LONG_TERM},
        {.id = 12, .finding_id = 2, .title = "缺项", .deadline = DAY_NONE, .kind = KIND_DATED},
    };
    Ledger l = {.findings = fs, .n_findings = 3, .measures = ms, .n_measures = 3};
    PlanGap *gaps;
    int n;
    plan_coverage(&l, &a, &gaps, &n);
    assert_int_equal(n, 4);
    assert_int_equal(gaps[0].kind, GAP_NO_MEASURE);
    assert_int_equal(gaps[0].finding_id, 3);
    for (int i = 1; i < 4; i++)
        assert_int_equal(gaps[i].measure_id, 12);
    assert_int_equal(gaps[1].kind, GAP_NO_LEAD_UNIT);
    assert_int_equal(gaps[2].kind, GAP_NO_LEADER);
    assert_int_equal(gaps[3].kind, GAP_NO_DEADLINE);
    arena_free(&a);
}

/* Two gap lists are the same gaps in the same order. */
static void assert_gaps_equal(const PlanGap *a, int na, const PlanGap *b, int nb)
{
    assert_int_equal(na, nb);
    for (int i = 0; i < na; i++) {
        assert_int_equal(a[i].kind, b[i].kind);
        assert_int_equal(a[i].finding_id, b[i].finding_id);
        assert_int_equal(a[i].measure_id, b[i].measure_id);
        assert_string_equal(a[i].label, b[i].label);
        assert_string_equal(a[i].title, b[i].title);
    }
}

/*
** The county demo with gaps of every kind (no lead unit, no leader, no deadline on dated
** measures but not on long-term ones, findings whose measures are all withdrawn or which have
** none; some findings' measures in reverse order of their ids): coverage_store_gaps gives
** plan_coverage's gaps over the loaded ledger, in its order, and a limited read is their prefix
** with the same total.
*/
static void test_coverage_sql(void **state)
{
    (void)state;
    Db db;
    test_demo_open(&db, DEMO_COUNTY, 3);
    /* Ledger order apart from id order: some findings' measures reversed. */
    test_sql_exec(&db, "UPDATE measure SET ordinal = 100 - ordinal WHERE finding_id % 3 = 0");
    test_sql_exec(&db, "UPDATE measure SET lead_unit_id = NULL WHERE id % 11 = 0");
    test_sql_exec(&db, "DELETE FROM measure_leader WHERE measure_id % 13 = 0");
    test_sql_exec(&db, "UPDATE measure SET deadline = NULL WHERE id % 5 = 0");
    test_sql_exec(&db, "UPDATE measure SET kind = 'long_term' WHERE id % 10 = 0");
    test_sql_exec(&db, "UPDATE measure SET long_term = 1 WHERE id % 15 = 0");
    test_sql_exec(&db, "UPDATE measure SET withdrawn_at = '2026-10-01T00:00:00Z', withdrawn_reason"
                       " = 'test' WHERE id % 17 = 0 OR finding_id = (SELECT max(finding_id)"
                       " FROM measure)");
    test_sql_exec(&db, "INSERT INTO finding(inspection_id, parent_id, level, ordinal, label, title)"
                       " SELECT inspection_id, id, 'subproblem', 99, '①', '新增下级问题' FROM"
                       " finding WHERE level = 'problem' AND id % 4 = 0");
    Arena a = ARENA_INIT;
    Err err = ERR_INIT;
    int64_t *ids;
    int n_ids;
    if (inspection_store_ids(&db, &a, &ids, &n_ids, &err) < 0)
        fail_msg("ids: %s", err.msg);
    int kinds[GAP__COUNT] = {0};
    for (int i = 0; i < n_ids; i++) {
        Ledger l;
        if (ledger_load(&db, &a, ids[i], &l, &err) < 0)
            fail_msg("ledger: %s", err.msg);
        PlanGap *want, *got;
        int n_want, n_got, total;
        plan_coverage(&l, &a, &want, &n_want);
        for (int k = 0; k < n_want; k++)
            kinds[want[k].kind]++;
        if (coverage_store_gaps(&db, &a, ids[i], 100000, &got, &n_got, &total, &err) < 0)
            fail_msg("gaps: %s", err.msg);
        assert_int_equal(total, n_want);
        assert_gaps_equal(want, n_want, got, n_got);
        int limit = n_want / 3 + 1;
        if (coverage_store_gaps(&db, &a, ids[i], limit, &got, &n_got, &total, &err) < 0)
            fail_msg("gaps: %s", err.msg);
        assert_int_equal(total, n_want);
        assert_gaps_equal(want, n_want < limit ? n_want : limit, got, n_got);
    }
    /* The comparison means something only if every kind of gap occurred. */
    for (int k = 0; k < GAP__COUNT; k++)
        assert_true(kinds[k] > 0);
    arena_free(&a);
    db_close(&db);
}

/* Check the tree of inspection id: pre-order = id order, labels by depth and place. */
static void check_tree(Db *db, int64_t inspection_id)
{
    Arena a = ARENA_INIT;
    Err err = ERR_INIT;
    Finding *fs;
    int n;
    assert_int_equal(finding_store_list(db, &a, inspection_id, &fs, &n, &err), 0);
    /* Pre-order by (parent, ordinal) must be the id order. */
    int64_t *seq = calloc((size_t)n + 1, sizeof *seq);
    int64_t *stack = calloc((size_t)n + 1, sizeof *stack);
    int k = 0, top = 0;
    /* Roots in ordinal order, pushed in reverse. */
    for (int ord = 1000; ord >= 1; ord--)
        for (int i = 0; i < n; i++)
            if (!fs[i].parent_id && fs[i].ordinal == ord)
                stack[top++] = i;
    while (top) {
        int i = (int)stack[--top];
        seq[k++] = fs[i].id;
        int depth = 0;
        for (int64_t p = fs[i].parent_id; p; depth++) {
            int j = 0;
            while (j < n && fs[j].id != p)
                j++;
            assert_true(j < n);
            assert_true(fs[j].id < fs[i].id); /* parents first */
            p = fs[j].parent_id;
        }
        assert_string_equal(fs[i].label, plan_finding_label(&a, depth, fs[i].ordinal));
        for (int ord = 1000; ord >= 1; ord--)
            for (int c = 0; c < n; c++)
                if (fs[c].parent_id == fs[i].id && fs[c].ordinal == ord)
                    stack[top++] = c;
    }
    assert_int_equal(k, n);
    for (int i = 0; i < n; i++)
        assert_int_equal(seq[i], fs[i].id);
    /* Each measure's title names its problem's title. */
    MeasureFilter f = MEASURE_FILTER_ALL;
    f.inspection_id = inspection_id;
    Measure *ms;
    int nm;
    assert_int_equal(measure_store_load(db, &a, &f, 0, &ms, &nm, &err), 0);
    for (int i = 0; i < nm; i++) {
        const Finding *owner = NULL;
        for (int j = 0; j < n; j++)
            if (fs[j].id == ms[i].finding_id)
                owner = &fs[j];
        assert_non_null(owner);
        assert_true(strncmp(ms[i].title, owner->title, strlen(owner->title)) == 0);
    }
    free(seq);
    free(stack);
    arena_free(&a);
}

/* A new monthly inspection titled title in *in. */
static void inspection_new(Db *db, const char *title, Inspection *in)
{
    Err err = ERR_INIT;
    *in = (Inspection){.title = title,
                       .kind = INSPECTION_XUNCHA,
                       .report_cycle = CYCLE_MONTHLY,
                       .warn_days = 7,
                       .onsite_start = DAY_NONE,
                       .onsite_end = DAY_NONE,
                       .feedback_on = DAY_NONE,
                       .concentrated_end = DAY_NONE,
                       .published_on = DAY_NONE};
    assert_int_equal(plan_inspection_create(db, &office, in, &err), 0);
}

static void test_tree_moves(void **state)
{
    (void)state;
    Db db;
    test_db_open(&db);
    Err err = ERR_INIT;
    Inspection in;
    inspection_new(&db, "测试", &in);
    /* Three aspects, each with two items, each with two problems carrying one measure. */
    char title[64];
    for (int a = 0; a < 3; a++) {
        snprintf(title, sizeof title, "方面%d", a);
        Finding fa = {.inspection_id = in.id, .level = LEVEL_ASPECT, .title = title};
        assert_int_equal(plan_finding_add(&db, &office, &fa, &err), 0);
        for (int i = 0; i < 2; i++) {
            char t2[64];
            snprintf(t2, sizeof t2, "项%d-%d", a, i);
            Finding fi = {
                .inspection_id = in.id, .parent_id = fa.id, .level = LEVEL_ITEM, .title = t2};
            assert_int_equal(plan_finding_add(&db, &office, &fi, &err), 0);
            for (int p = 0; p < 2; p++) {
                char t3[64], t4[80];
                snprintf(t3, sizeof t3, "问题%d-%d-%d", a, i, p);
                Finding fp = {.inspection_id = in.id,
                              .parent_id = fi.id,
                              .level = LEVEL_PROBLEM,
                              .title = t3};
                assert_int_equal(plan_finding_add(&db, &office, &fp, &err), 0);
                snprintf(t4, sizeof t4, "%s的措施", t3);
                Measure m = {.inspection_id = in.id,
                             .finding_id = fp.id,
                             .title = t4,
                             .kind = KIND_DATED,
                             .deadline = DAY_NONE,
                             .closed_on = DAY_NONE,
                             .revisit_due = DAY_NONE};
                assert_int_equal(plan_measure_add(&db, &office, &m, &err), 0);
            }
        }
    }
    /* Added in pre-order: ids already follow the tree. */
    check_tree(&db, in.id);
    /* Many random moves: up, down, and under another parent of a higher level. */
    unsigned seed = 12345;
    Arena a = ARENA_INIT;
    for (int step = 0; step < 120; step++) {
        Finding *fs;
        int n;
        assert_int_equal(finding_store_list(&db, &a, in.id, &fs, &n, &err), 0);
        seed = seed * 1103515245u + 12345u;
        const Finding *f = &fs[(seed >> 8) % (unsigned)n];
        int64_t new_id;
        int kind = (int)((seed >> 20) % 3);
        if (kind < 2) {
            assert_int_equal(
                plan_finding_move(&db, &office, f->id, 0, kind ? 1 : -1, &new_id, &err), 0);
        } else {
            /* A random finding of a higher level, or the top for an aspect. */
            int64_t parent = -1;
            for (int tries = 0; tries < n && f->level != LEVEL_ASPECT; tries++) {
                const Finding *p = &fs[(seed + (unsigned)tries * 7u) % (unsigned)n];
                if (p->level < f->level) {
                    parent = p->id;
                    break;
                }
            }
            if (parent < 0 && f->level != LEVEL_ASPECT)
                continue;
            assert_int_equal(plan_finding_move(&db, &office, f->id, parent, 0, &new_id, &err), 0);
        }
        check_tree(&db, in.id);
    }
    /* A finding cannot move below itself or under a lower level. */
    Finding *fs;
    int n;
    assert_int_equal(finding_store_list(&db, &a, in.id, &fs, &n, &err), 0);
    int64_t aspect = 0, problem = 0, new_id;
    for (int i = 0; i < n; i++) {
        if (fs[i].level == LEVEL_ASPECT && !aspect)
            aspect = fs[i].id;
        if (fs[i].level == LEVEL_PROBLEM && !problem)
            problem = fs[i].id;
    }
    assert_int_equal(plan_finding_move(&db, &office, aspect, problem, 0, &new_id, &err), -1);
    assert_int_equal(err.code, ERR_INPUT);
    /* Deleting a finding with measures is refused. */
    assert_int_equal(plan_finding_delete(&db, &office, problem, &err), -1);
    assert_int_equal(err.code, ERR_CONFLICT);
    arena_free(&a);
    db_close(&db);
}

/* The inspection table's count of changes (view_store_inspection_seq) moves with each insert,
   update and delete of an inspection, and with nothing else. */
static void test_inspection_seq(void **state)
{
    (void)state;
    Db db;
    test_db_open(&db);
    Err err = ERR_INIT;
    int64_t seq[5];
    assert_int_equal(view_store_inspection_seq(&db, &seq[0], &err), 0);
    Inspection in;
    inspection_new(&db, "计数", &in);
    assert_int_equal(view_store_inspection_seq(&db, &seq[1], &err), 0);
    Finding f = {.inspection_id = in.id, .level = LEVEL_PROBLEM, .title = "问题"};
    assert_int_equal(plan_finding_add(&db, &office, &f, &err), 0);
    test_sql_exec(&db, "UPDATE unit SET name = name");
    assert_int_equal(view_store_inspection_seq(&db, &seq[2], &err), 0);
    char sql[120];
    snprintf(sql, sizeof sql, "UPDATE inspection SET plan_state = 'issued' WHERE id = %lld",
             (long long)in.id);
    test_sql_exec(&db, sql);
    assert_int_equal(view_store_inspection_seq(&db, &seq[3], &err), 0);
    snprintf(sql, sizeof sql, "DELETE FROM finding WHERE inspection_id = %lld", (long long)in.id);
    test_sql_exec(&db, sql);
    snprintf(sql, sizeof sql, "DELETE FROM inspection WHERE id = %lld", (long long)in.id);
    test_sql_exec(&db, sql);
    assert_int_equal(view_store_inspection_seq(&db, &seq[4], &err), 0);
    assert_true(seq[1] > seq[0]);
    assert_int_equal(seq[2], seq[1]); /* a finding or a unit is not an inspection */
    assert_true(seq[3] > seq[2]);
    assert_true(seq[4] > seq[3]);
    db_close(&db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_labels),         cmocka_unit_test(test_coverage),
        cmocka_unit_test(test_coverage_sql),   cmocka_unit_test(test_tree_moves),
        cmocka_unit_test(test_inspection_seq),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
