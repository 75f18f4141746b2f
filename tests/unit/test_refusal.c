/*
** test_refusal.c: the per-actor cap on audited refusals (web/refusal.h): REFUSAL_BURST rows a
** window, the rest counted, the count named in the actor's first row of a later window, and
** other actors unaffected.
*/
#include "testutil.h"

#include "web/refusal.h"

static void test_cap_and_coalesce(void **state)
{
    (void)state;
    int64_t coalesced, t = 1000000;
    bool first_quiet;
    for (int i = 0; i < REFUSAL_BURST; i++) {
        assert_true(refusal_admit("user:7", t + i, &coalesced, &first_quiet));
        assert_int_equal(coalesced, 0);
    }
    assert_false(refusal_admit("user:7", t + 100, &coalesced, &first_quiet));
    assert_true(first_quiet);
    for (int i = 0; i < 9; i++) {
        assert_false(refusal_admit("user:7", t + 200 + i, &coalesced, &first_quiet));
        assert_false(first_quiet);
    }
    /* Another actor has its own allowance. */
    assert_true(refusal_admit("addr:10.0.0.9", t + 300, &coalesced, &first_quiet));
    /* Still the same window: counted. */
    assert_false(refusal_admit("user:7", t + REFUSAL_WINDOW_MS - 1, &coalesced, &first_quiet));
    /* The next window: audited again, naming the 11 counted. */
    assert_true(refusal_admit("user:7", t + REFUSAL_WINDOW_MS, &coalesced, &first_quiet));
    assert_int_equal(coalesced, 11);
    assert_true(refusal_admit("user:7", t + REFUSAL_WINDOW_MS + 1, &coalesced, &first_quiet));
    assert_int_equal(coalesced, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cap_and_coalesce),
    };
    return test_result(cmocka_run_group_tests(tests, NULL, NULL));
}
