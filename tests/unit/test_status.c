/*
** test_status.c: problem status from measures, aggregation up the finding tree, overrides.
*/
#include "testutil.h"

#include "base/arena.h"
#include "ledger/status.h"

static Measure measure(int64_t finding, MeasureState s, bool long_term)
{
    Measure m;
    memset(&m, 0, sizeof m);
    m.finding_id = finding;
    m.state = s;
    m.long_term = long_term;
    m.kind = long_term ? KIND_LONG_TERM : KIND_DATED;
    return m;
}

static ProblemStatus of(const Measure *ms, int n)
{
    const Measure *ptrs[8];
    for (int i = 0; i < n; i++)
        ptrs[i] = &ms[i];
    return ledger_measures_status(ptrs, n);
}

static void test_measures_status(void **state)
{
    (void)state;
    Measure all_closed[] = {measure(1, STATE_CLOSED, false), measure(1, STATE_CLOSED, false)};
    assert_int_equal(of(all_closed, 2), STATUS_COMPLETED);
    Measure long_going[] = {measure(1, STATE_CLOSED, false), measure(1, STATE_PHASE_COMPLETE, true)};
    assert_int_equal(of(long_going, 2), STATUS_BASICALLY_COMPLETED);
    Measure long_open[] = {measure(1, STATE_CLOSED, false), measure(1, STATE_IN_PROGRESS, true)};
    assert_int_equal(of(long_open, 2), STATUS_UNCOMPLETED);
    Measure one_open[] = {measure(1, STATE_CLOSED, false), measure(1, STATE_LEAD_APPROVED, false)};
    assert_int_equal(of(one_open, 2), STATUS_UNCOMPLETED);
    Measure relapsed[] = {measure(1, STATE_RELAPSED, false)};
    assert_int_equal(of(relapsed, 1), STATUS_UNCOMPLETED);
    Measure only_long[] = {measure(1, STATE_PHASE_COMPLETE, true)};
    assert_int_equal(of(only_long, 1), STATUS_BASICALLY_COMPLETED);
    assert_int_equal(of(NULL, 0), STATUS_UNCOMPLETED);
}

static Finding finding(int64_t id, int64_t parent, FindingLevel level)
{
    Finding f;
    memset(&f, 0, sizeof f);
    f.id = id;
    f.parent_id = parent;
    f.level = level;
    f.override = STATUS_NONE;
    return f;
}

static void test_tree(void **state)
{
    (void)state;
    /* aspect 1 → item 2 → problems 3, 4; aspect 5 → problem 6 (no measures) */
    Finding fs[] = {finding(1, 0, LEVEL_ASPECT), finding(2, 1, LEVEL_ITEM),
                    finding(3, 2, LEVEL_PROBLEM), finding(4, 2, LEVEL_PROBLEM),
                    finding(5, 0, LEVEL_ASPECT), finding(6, 5, LEVEL_PROBLEM)};
    Measure ms[] = {measure(3, STATE_CLOSED, false), measure(3, STATE_CLOSED, false),
                    measure(4, STATE_CLOSED, false), measure(4, STATE_PHASE_COMPLETE, true)};
    ProblemStatus out[6];
    Arena a = ARENA_INIT;
    ledger_tree_status(fs, 6, ms, 4, &a, out);
    assert_int_equal(out[2], STATUS_COMPLETED);
    assert_int_equal(out[3], STATUS_BASICALLY_COMPLETED);
    assert_int_equal(out[1], STATUS_BASICALLY_COMPLETED);
    assert_int_equal(out[0], STATUS_BASICALLY_COMPLETED);
    assert_int_equal(out[5], STATUS_UNCOMPLETED);
    assert_int_equal(out[4], STATUS_UNCOMPLETED);

    /* The office says problem 4 is completed, with a reason: the aspect follows. */
    fs[3].override = STATUS_COMPLETED;
    fs[3].override_reason = "长期坚持事项已纳入常态化管理";
    ledger_tree_status(fs, 6, ms, 4, &a, out);
    assert_int_equal(out[3], STATUS_COMPLETED);
    assert_int_equal(out[0], STATUS_COMPLETED);
    /* An override on the aspect wins over its problems. */
    fs[4].override = STATUS_BASICALLY_COMPLETED;
    ledger_tree_status(fs, 6, ms, 4, &a, out);
    assert_int_equal(out[4], STATUS_BASICALLY_COMPLETED);
    assert_int_equal(out[5], STATUS_UNCOMPLETED);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_measures_status),
        cmocka_unit_test(test_tree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
