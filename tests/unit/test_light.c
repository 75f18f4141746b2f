/*
** test_light.c: report cycles and lights at their boundaries: the deadline day, warn_days, each
** cycle's due day, month ends and leap years; reporting punctuality.
*/
#include "testutil.h"

#include "ledger/light.h"

typedef struct CycleCase {
    ReportCycle cycle;
    int due_day;
    const char *day, *start, *end, *due;
} CycleCase;

static const CycleCase cycle_cases[] = {
    {CYCLE_WEEKLY, 0, "2026-11-21", "2026-11-16", "2026-11-22", "2026-11-20"},   /* Sat */
    {CYCLE_WEEKLY, 0, "2026-11-16", "2026-11-16", "2026-11-22", "2026-11-20"},   /* Mon */
    {CYCLE_WEEKLY, 0, "2026-11-22", "2026-11-16", "2026-11-22", "2026-11-20"},   /* Sun */
    {CYCLE_WEEKLY, 1, "2026-11-18", "2026-11-16", "2026-11-22", "2026-11-16"},
    {CYCLE_WEEKLY, 0, "2024-12-31", "2024-12-30", "2025-01-05", "2025-01-03"},   /* across years */
    {CYCLE_SEMIMONTHLY, 0, "2026-11-15", "2026-11-01", "2026-11-15", "2026-11-10"},
    {CYCLE_SEMIMONTHLY, 0, "2026-11-16", "2026-11-16", "2026-11-30", "2026-11-25"},
    {CYCLE_SEMIMONTHLY, 15, "2024-02-20", "2024-02-16", "2024-02-29", "2024-02-29"}, /* leap */
    {CYCLE_SEMIMONTHLY, 15, "2023-02-20", "2023-02-16", "2023-02-28", "2023-02-28"},
    {CYCLE_MONTHLY, 0, "2026-11-01", "2026-11-01", "2026-11-30", "2026-11-25"},
    {CYCLE_MONTHLY, 31, "2024-02-10", "2024-02-01", "2024-02-29", "2024-02-29"},     /* leap */
    {CYCLE_MONTHLY, 30, "2100-02-10", "2100-02-01", "2100-02-28", "2100-02-28"},     /* not leap */
    {CYCLE_MONTHLY, 31, "2000-02-10", "2000-02-01", "2000-02-29", "2000-02-29"},     /* leap */
    {CYCLE_MONTHLY, 0, "2025-12-31", "2025-12-01", "2025-12-31", "2025-12-25"},
};

static void test_cycles(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(cycle_cases); i++) {
        const CycleCase *c = &cycle_cases[i];
        Cycle got = ledger_cycle(c->cycle, c->due_day, test_day(c->day));
        char a[DATE_ISO_SIZE], b[DATE_ISO_SIZE], d[DATE_ISO_SIZE];
        if (got.start != test_day(c->start) || got.end != test_day(c->end) ||
            got.due != test_day(c->due))
            fail_msg("cycle case %zu (%s): got %s..%s due %s", i, c->day, date_format(got.start, a),
                     date_format(got.end, b), date_format(got.due, d));
    }
}

typedef struct LightCase {
    const char *as_of;
    MeasureState state;
    const char *deadline;   /* NULL: none */
    int return_count;
    const char *report;     /* a report day or NULL */
    ReportCycle cycle;
    const char *start;      /* reporting start or NULL */
    Light expect;
    unsigned why;
} LightCase;

#define IP STATE_IN_PROGRESS
static const LightCase light_cases[] = {
    /* deadline rule: warn_days 7; within → yellow, past → red; deadline day itself is yellow */
    {"2026-06-30", IP, "2026-06-30", 0, NULL, CYCLE_MONTHLY, NULL, LIGHT_YELLOW, WHY_DUE_SOON},
    {"2026-07-01", IP, "2026-06-30", 0, NULL, CYCLE_MONTHLY, NULL, LIGHT_RED, WHY_OVERDUE},
    {"2026-06-23", IP, "2026-06-30", 0, NULL, CYCLE_MONTHLY, NULL, LIGHT_YELLOW, WHY_DUE_SOON},
    {"2026-06-22", IP, "2026-06-30", 0, NULL, CYCLE_MONTHLY, NULL, LIGHT_GREEN, 0},
    {"2024-02-22", IP, "2024-02-29", 0, NULL, CYCLE_MONTHLY, NULL, LIGHT_YELLOW, WHY_DUE_SOON},
    {"2024-02-21", IP, "2024-02-29", 0, NULL, CYCLE_MONTHLY, NULL, LIGHT_GREEN, 0},
    {"2024-03-01", IP, "2024-02-29", 0, NULL, CYCLE_MONTHLY, NULL, LIGHT_RED, WHY_OVERDUE},
    {"2026-07-01", IP, NULL, 0, NULL, CYCLE_MONTHLY, NULL, LIGHT_GREEN, 0},
    /* closed shows as closed, whatever else; phase complete is past its deadline rule */
    {"2026-07-01", STATE_CLOSED, "2026-06-30", 3, NULL, CYCLE_MONTHLY, NULL, LIGHT_CLOSED, 0},
    {"2026-07-01", STATE_PHASE_COMPLETE, "2026-06-30", 0, NULL, CYCLE_MONTHLY, NULL, LIGHT_GREEN, 0},
    /* returned twice or more, relapsed: red */
    {"2026-06-01", STATE_RETURNED, "2026-12-31", 1, NULL, CYCLE_MONTHLY, NULL, LIGHT_GREEN, 0},
    {"2026-06-01", STATE_RETURNED, "2026-12-31", 2, NULL, CYCLE_MONTHLY, NULL, LIGHT_RED, WHY_RETURNED},
    {"2026-06-01", STATE_RELAPSED, "2026-12-31", 0, NULL, CYCLE_MONTHLY, NULL, LIGHT_RED, WHY_RELAPSED},
    {"2026-07-02", STATE_RELAPSED, "2026-06-30", 2, NULL, CYCLE_MONTHLY, NULL, LIGHT_RED,
     WHY_OVERDUE | WHY_RETURNED | WHY_RELAPSED},
    /* monthly cycle due the 25th: on the 25th not yet missing, on the 26th missing */
    {"2026-05-25", IP, "2026-12-31", 0, NULL, CYCLE_MONTHLY, "2026-01-01", LIGHT_GREEN, 0},
    {"2026-05-26", IP, "2026-12-31", 0, NULL, CYCLE_MONTHLY, "2026-01-01", LIGHT_YELLOW, WHY_NO_REPORT},
    {"2026-05-26", IP, "2026-12-31", 0, "2026-05-01", CYCLE_MONTHLY, "2026-01-01", LIGHT_GREEN, 0},
    {"2026-05-26", IP, "2026-12-31", 0, "2026-04-30", CYCLE_MONTHLY, "2026-01-01", LIGHT_YELLOW,
     WHY_NO_REPORT},
    /* a report made late, after the due day but within the cycle, clears the light */
    {"2026-05-28", IP, "2026-12-31", 0, "2026-05-27", CYCLE_MONTHLY, "2026-01-01", LIGHT_GREEN, 0},
    /* weekly due Friday: Friday fine, Saturday missing */
    {"2026-11-20", IP, "2026-12-31", 0, NULL, CYCLE_WEEKLY, "2026-01-01", LIGHT_GREEN, 0},
    {"2026-11-21", IP, "2026-12-31", 0, NULL, CYCLE_WEEKLY, "2026-01-01", LIGHT_YELLOW, WHY_NO_REPORT},
    /* semi-monthly due the 10th and the 25th */
    {"2026-11-11", IP, "2026-12-31", 0, NULL, CYCLE_SEMIMONTHLY, "2026-01-01", LIGHT_YELLOW,
     WHY_NO_REPORT},
    {"2026-11-16", IP, "2026-12-31", 0, NULL, CYCLE_SEMIMONTHLY, "2026-01-01", LIGHT_GREEN, 0},
    {"2026-11-26", IP, "2026-12-31", 0, "2026-11-16", CYCLE_SEMIMONTHLY, "2026-01-01", LIGHT_GREEN, 0},
    /* leap-year month end: February 2024 monthly due day 25 */
    {"2024-02-26", IP, "2024-12-31", 0, NULL, CYCLE_MONTHLY, "2024-01-01", LIGHT_YELLOW, WHY_NO_REPORT},
    /* reporting not yet started, or the cycle's due day before the start: no obligation */
    {"2026-05-26", IP, "2026-12-31", 0, NULL, CYCLE_MONTHLY, "2026-05-26", LIGHT_GREEN, 0},
    /* waiting on a reviewer: the unit owes no report */
    {"2026-05-26", STATE_SUBMITTED, "2026-12-31", 0, NULL, CYCLE_MONTHLY, "2026-01-01", LIGHT_GREEN, 0},
    /* both: overdue and no report → red, with both reasons */
    {"2026-05-26", IP, "2026-05-01", 0, NULL, CYCLE_MONTHLY, "2026-01-01", LIGHT_RED,
     WHY_OVERDUE | WHY_NO_REPORT},
};

static void test_lights(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(light_cases); i++) {
        const LightCase *c = &light_cases[i];
        Measure m;
        memset(&m, 0, sizeof m);
        m.state = c->state;
        m.deadline = c->deadline ? test_day(c->deadline) : DAY_NONE;
        m.return_count = c->return_count;
        Day report = c->report ? test_day(c->report) : DAY_NONE;
        m.report_days = &report;
        m.n_reports = c->report ? 1 : 0;
        LightRules r = {7, c->cycle, 0, c->start ? test_day(c->start) : DAY_NONE};
        unsigned why = 99;
        Light got = ledger_light(&m, &r, test_day(c->as_of), &why);
        if (got != c->expect || why != c->why)
            fail_msg("light case %zu (as of %s): expected %s/%u, got %s/%u", i, c->as_of,
                     ledger_light_name(c->expect), c->why, ledger_light_name(got), why);
    }
}

static void test_warn_days(void **state)
{
    (void)state;
    Measure m;
    memset(&m, 0, sizeof m);
    m.state = STATE_NOT_STARTED;
    m.deadline = test_day("2026-03-01");
    LightRules r = {3, CYCLE_MONTHLY, 0, DAY_NONE};
    assert_int_equal(ledger_light(&m, &r, test_day("2026-02-26"), NULL), LIGHT_YELLOW);
    assert_int_equal(ledger_light(&m, &r, test_day("2026-02-25"), NULL), LIGHT_GREEN);
}

static void test_on_time(void **state)
{
    (void)state;
    /* Monthly from 2026-01-01, as of 2026-05-26: January to May are due (25th) → 5 cycles. */
    Day days[] = {test_day("2026-01-20"), test_day("2026-02-26"), test_day("2026-03-25"),
                  test_day("2026-05-02")};
    Measure m;
    memset(&m, 0, sizeof m);
    m.state = STATE_IN_PROGRESS;
    m.report_days = days;
    m.n_reports = 4;
    LightRules r = {7, CYCLE_MONTHLY, 0, test_day("2026-01-01")};
    int expected, on_time;
    ledger_on_time(&m, &r, test_day("2026-05-26"), &expected, &on_time);
    assert_int_equal(expected, 5);
    assert_int_equal(on_time, 3); /* Jan, Mar, May; Feb was late, Apr missing */
    ledger_on_time(&m, &r, test_day("2026-05-25"), &expected, &on_time);
    assert_int_equal(expected, 4); /* May's due day has not passed */
    /* Closed on 2026-03-10: only January and February count. */
    m.state = STATE_CLOSED;
    m.closed_on = test_day("2026-03-10");
    ledger_on_time(&m, &r, test_day("2026-05-26"), &expected, &on_time);
    assert_int_equal(expected, 2);
    assert_int_equal(on_time, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cycles),
        cmocka_unit_test(test_lights),
        cmocka_unit_test(test_warn_days),
        cmocka_unit_test(test_on_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
