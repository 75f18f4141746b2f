/*
** test_tz.c: the office's time zone and the Chinese form of times (base/tz.c).
*/
#include "testutil.h"

#include "base/tz.h"

static int64_t utc(const char *iso)
{
    int64_t t = date_time_parse(iso);
    assert_true(t >= 0);
    return t;
}

static void test_tz_find(void **state)
{
    (void)state;
    assert_non_null(tz_find("Asia/Shanghai"));
    assert_non_null(tz_find("UTC"));
    assert_null(tz_find("Mars/Olympus"));
    assert_null(tz_find(NULL));
    assert_null(tz_find(""));
}

static void test_tz_format(void **state)
{
    (void)state;
    const Tz *sh = tz_find(TZ_DEFAULT);
    char out[TZ_TEXT_SIZE];
    int64_t now = utc("2026-11-29T12:00:00Z");
    /* 08:50 UTC is 16:50 in Beijing; within the current year the year is left out. */
    assert_string_equal(tz_format(sh, utc("2026-11-20T08:50:00Z"), now, out), "11月20日 16:50");
    assert_string_equal(tz_format(sh, utc("2026-11-20T08:50:00Z"), 0, out),
                        "2026年11月20日 16:50");
    assert_string_equal(tz_format(sh, utc("2025-03-04T01:05:00Z"), now, out),
                        "2025年3月4日 09:05");
    /* 23:30 UTC is 07:30 the next day in Beijing. */
    assert_string_equal(tz_format(sh, utc("2026-11-20T23:30:00Z"), now, out), "11月21日 07:30");
    /* ... and on 31 December it is the next year, which then shows. */
    assert_string_equal(tz_format(sh, utc("2026-12-31T23:30:00Z"), now, out),
                        "2027年1月1日 07:30");
    /* now in the first Beijing hours of a new year: the local year decides. */
    assert_string_equal(tz_format(sh, utc("2027-01-01T00:10:00Z"), utc("2026-12-31T17:00:00Z"), out),
                        "1月1日 08:10");
    assert_int_equal(tz_day(sh, utc("2026-11-20T23:30:00Z")), date_from_ymd(2026, 11, 21));
    assert_int_equal(tz_day(sh, utc("2026-11-20T15:59:59Z")), date_from_ymd(2026, 11, 20));
    assert_int_equal(tz_day(sh, utc("2026-11-20T16:00:00Z")), date_from_ymd(2026, 11, 21));
    assert_int_equal(tz_day_start(sh, date_from_ymd(2026, 11, 21)), utc("2026-11-20T16:00:00Z"));
    const Tz *u = tz_find("UTC");
    assert_string_equal(tz_format(u, utc("2026-11-20T23:30:00Z"), now, out), "11月20日 23:30");
    assert_string_equal(tz_format(tz_find("Asia/Urumqi"), utc("2026-11-20T23:30:00Z"), now, out),
                        "11月21日 05:30");
}

static void test_tz_summer_time(void **state)
{
    (void)state;
    const Tz *sh = tz_find(TZ_DEFAULT);
    char out[TZ_TEXT_SIZE];
    /* China kept summer time from 1986 to 1991 (UTC+9 from mid-April to mid-September). */
    assert_int_equal(tz_offset(sh, utc("1988-07-01T00:00:00Z")), 9 * 3600);
    assert_int_equal(tz_offset(sh, utc("1988-12-01T00:00:00Z")), 8 * 3600);
    assert_int_equal(tz_offset(sh, utc("1992-07-01T00:00:00Z")), 8 * 3600);
    assert_int_equal(tz_offset(sh, utc("1986-05-03T17:59:59Z")), 8 * 3600);
    assert_int_equal(tz_offset(sh, utc("1986-05-03T18:00:00Z")), 9 * 3600);
    assert_string_equal(tz_format(sh, utc("1988-07-01T00:00:00Z"), 0, out), "1988年7月1日 09:00");
    assert_string_equal(tz_format(tz_find("Asia/Hong_Kong"), utc("1988-07-01T00:00:00Z"), 0, out),
                        "1988年7月1日 08:00");
}

static void test_tz_iso(void **state)
{
    (void)state;
    const Tz *sh = tz_find(TZ_DEFAULT);
    char out[TZ_TEXT_SIZE];
    int64_t now = utc("2026-11-29T12:00:00Z");
    assert_string_equal(tz_format_iso(sh, "2026-11-20T23:30:00Z", now, out), "11月21日 07:30");
    assert_string_equal(tz_format_iso(sh, "2026-11-20 23:30:00", now, out), "11月21日 07:30");
    assert_null(tz_format_iso(sh, "yesterday", now, out));
    assert_null(tz_format_iso(sh, NULL, now, out));
    assert_null(tz_format_iso(sh, "2026-13-20T23:30:00Z", now, out));
    assert_string_equal(tz_format_day(date_from_ymd(2026, 6, 30), date_from_ymd(2026, 1, 1), out),
                        "6月30日");
    assert_string_equal(tz_format_day(date_from_ymd(2025, 6, 30), date_from_ymd(2026, 1, 1), out),
                        "2025年6月30日");
    assert_string_equal(tz_format_day(DAY_NONE, DAY_NONE, out), "");
}

/* Dates (html_day on every page): the year is left out only within the reader's year. */
static void test_format_day_year_boundary(void **state)
{
    (void)state;
    char out[TZ_TEXT_SIZE];
    Day dec31 = date_from_ymd(2026, 12, 31), jan1 = date_from_ymd(2027, 1, 1);
    assert_string_equal(tz_format_day(dec31, dec31, out), "12月31日");
    assert_string_equal(tz_format_day(jan1, dec31, out), "2027年1月1日");
    assert_string_equal(tz_format_day(dec31, jan1, out), "2026年12月31日");
    assert_string_equal(tz_format_day(jan1, jan1, out), "1月1日");
    /* Without a today (DAY_NONE): always the year, as documents and exports show it. */
    assert_string_equal(tz_format_day(jan1, DAY_NONE, out), "2027年1月1日");
    /* Leap day, single-digit month and day: no zero padding. */
    assert_string_equal(tz_format_day(date_from_ymd(2028, 2, 29), date_from_ymd(2028, 1, 1), out),
                        "2月29日");
    assert_string_equal(tz_format_day(date_from_ymd(2025, 3, 5), date_from_ymd(2026, 3, 5), out),
                        "2025年3月5日");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tz_find),
        cmocka_unit_test(test_tz_format),
        cmocka_unit_test(test_format_day_year_boundary),
        cmocka_unit_test(test_tz_summer_time),
        cmocka_unit_test(test_tz_iso),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
