/*
** test_chart.c: the 挂图作战 chart (web/chart.c): gridlines at round numbers, and the month ×
** light table that carries the same counts for readers who do not read colours.
*/
#include "testutil.h"

#include "web/chart.h"

static void test_tick_step(void **state)
{
    (void)state;
    static const int cases[][2] = {{1, 1},  {4, 1},  {5, 2},   {8, 2},    {9, 5},     {20, 5},
                                   {21, 10}, {40, 10}, {75, 20}, {199, 50}, {300, 100}, {1234, 500}};
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
        assert_int_equal(chart_tick_step(cases[i][0]), cases[i][1]);
}

static void test_chart_and_table(void **state)
{
    (void)state;
    Measure ms[7];
    Light lights[7] = {LIGHT_RED, LIGHT_RED, LIGHT_YELLOW, LIGHT_GREEN, LIGHT_CLOSED, LIGHT_GREEN,
                       LIGHT_RED};
    memset(ms, 0, sizeof ms);
    for (int i = 0; i < 7; i++)
        ms[i].deadline = date_from_ymd(2026, i < 5 ? 5 : 7, 10 + i);
    ms[6].deadline = DAY_NONE; /* left out */
    Buf h = BUF_INIT;
    ChartMonths mo;
    chart_months_count(&mo, ms, lights, 7, date_from_ymd(2026, 4, 1), date_from_ymd(2026, 8, 31));
    assert_int_equal(mo.n, 5);
    chart_deadlines(&h, &mo, date_from_ymd(2026, 6, 15));
    /* Five in May: gridlines every 2 up to 6, never an odd label such as 2.5 or 3. */
    assert_non_null(strstr(h.data, ">6</text>"));
    assert_non_null(strstr(h.data, ">4</text>"));
    assert_null(strstr(h.data, ">3</text>"));
    assert_non_null(strstr(h.data, "2026年5月到期 5 项：红灯 2，黄灯 1，绿灯 1，已销号 1"));
    assert_non_null(strstr(h.data, "stroke=\"#fff\"")); /* seams between segments */
    buf_reset(&h);
    chart_deadlines_table(&h, &mo);
    assert_non_null(strstr(h.data, "<th scope=\"row\">2026年5月</th><td>2</td><td>1</td><td>1</td>"
                                   "<td>1</td><td>5</td>"));
    assert_non_null(strstr(h.data, "<th scope=\"row\">2026年7月</th><td>0</td><td>0</td><td>1</td>"
                                   "<td>0</td><td>1</td>"));
    assert_null(strstr(h.data, "2026年4月")); /* months without deadlines are left out */
    buf_free(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tick_step),
        cmocka_unit_test(test_chart_and_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
