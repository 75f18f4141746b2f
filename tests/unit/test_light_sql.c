/*
** test_light_sql.c: the SQL light predicates (measure_store.c's LIGHT_EXPR over the columns of
** migrate_pagecost.sql) agree with ledger_light, the one definition, on every measure of the
** county and the province demos for 400 consecutive days around the demos' today (past days
** included, where reports after the day must not count); on every fifth day each inspection's
** counts by light (measure_store_counts: on SQLite the spelling that measure_light_cover covers)
** equal the tally of ledger_light over its measures in force. Both demos get supervisions, open
** and answered, due on either side of today. The province run first gives its inspections every
** report cycle, several due days and warning days through SQL, so that the inspection trigger
** that copies them to the measures is exercised too.
**
** tests/pg runs it again on PostgreSQL (ZG_UNIT_PG=1) with ZG_LIGHT_SQL_DAYS set to fewer days
** (tests/pg/CMakeLists.txt says how many and why): one query per inspection and day, over a
** socket, costs there what 400 days cost nowhere else. The same two demos, the same checks, and
** every light must still occur.
*/
#include "testutil.h"

#include "db/inspection_store.h"
#include "db/measure_store.h"
#include "demo/demo.h"
#include "ledger/ledger.h"
#include "ledger/light.h"

/* Days compared, centred on the demos' today: 400, or ZG_LIGHT_SQL_DAYS (2..400). */
static int days = 400;

static void exec_sql(Db *db, const char *sql)
{
    test_sql_exec(db, sql);
}

/*
** Supervisions on every seventh measure, due 45 days either side of the demos' today: open ones
** turn a measure red once past their respond-by, answered ones and those without a respond-by
** never do (the demos write none).
*/
static void add_supervisions(Db *db)
{
    const char *due =
        db_is_pg(db) ? "to_char(DATE '2026-11-21' + CAST(id % 91 - 45 AS integer), 'YYYY-MM-DD')"
                     : "date('2026-11-21', (id % 91 - 45) || ' days')";
    char sql[600];
    snprintf(sql, sizeof sql,
             "INSERT INTO supervision (inspection_id, measure_id, kind, state, issued_on,"
             " respond_by) SELECT inspection_id, id, CASE WHEN id %% 5 = 0 THEN 'remind'"
             " ELSE 'written' END, CASE WHEN id %% 3 = 0 THEN 'responded' ELSE 'open' END,"
             " '2026-01-05', CASE WHEN id %% 5 = 0 THEN NULL ELSE %s END FROM measure"
             " WHERE id %% 7 = 0",
             due);
    exec_sql(db, sql);
}

/* Compare on every day of [first, first + days); returns the comparisons made. */
static long compare_all(Db *db, Day first)
{
    Arena arena = ARENA_INIT;
    Err err = ERR_INIT;
    int64_t *ids;
    int n_ids;
    if (inspection_store_ids(db, &arena, &ids, &n_ids, &err) < 0)
        fail_msg("ids: %s", err.msg);
    long compared = 0;
    int by_light[LIGHT__COUNT] = {0};
    for (int i = 0; i < n_ids; i++) {
        Ledger lg;
        if (ledger_load(db, &arena, ids[i], &lg, &err) < 0)
            fail_msg("ledger: %s", err.msg);
        LightRules rules = ledger_rules(&lg.in);
        for (Day d = first; d < first + days; d++) {
            Arena scratch = ARENA_INIT;
            MeasureLightDay day;
            ledger_light_day(d, &day);
            int64_t *pairs;
            int n;
            if (measure_store_lights(db, &scratch, ids[i], &day, &pairs, &n, &err) < 0)
                fail_msg("lights: %s", err.msg);
            assert_int_equal(n, lg.n_measures);
            /* The counts by light (measure_light_cover's spelled-out columns on SQLite), on
               every fifth day: a grouped count costs about what the lights do. */
            bool count_day = (d - first) % 5 == 0;
            MeasureFilter f = MEASURE_FILTER_ALL;
            f.inspection_id = ids[i];
            MeasureCounts counts;
            if (count_day && measure_store_counts(db, &f, &day, &counts, &err) < 0)
                fail_msg("counts: %s", err.msg);
            int64_t tally[LIGHT__COUNT] = {0};
            /* The ledger is in ledger order, the pairs in id order: match by id. */
            for (int k = 0; k < lg.n_measures; k++) {
                const Measure *m = &lg.measures[k];
                int lo = 0, hi = n;
                while (lo < hi) {
                    int mid = (lo + hi) / 2;
                    if (pairs[2 * mid] < m->id)
                        lo = mid + 1;
                    else
                        hi = mid;
                }
                assert_true(lo < n && pairs[2 * lo] == m->id);
                Light want = ledger_light(m, &rules, d, NULL);
                if (pairs[2 * lo + 1] != (int64_t)want) {
                    char iso[DATE_ISO_SIZE];
                    fail_msg("measure %lld on %s: SQL light %lld, ledger_light %d",
                             (long long)m->id, date_format(d, iso), (long long)pairs[2 * lo + 1],
                             (int)want);
                }
                by_light[want]++;
                tally[want] += !m->withdrawn; /* the counts are of the measures in force */
                compared++;
            }
            for (int l = 0; count_day && l < LIGHT__COUNT; l++)
                if (counts.by_light[l] != tally[l]) {
                    char iso[DATE_ISO_SIZE];
                    fail_msg("inspection %lld on %s: %lld counted %s, ledger_light %lld",
                             (long long)ids[i], date_format(d, iso), (long long)counts.by_light[l],
                             ledger_light_name((Light)l), (long long)tally[l]);
                }
            arena_free(&scratch);
        }
    }
    /* The comparison means something only if every light occurred. */
    for (int l = 0; l < LIGHT__COUNT; l++)
        assert_true(by_light[l] > 0);
    arena_free(&arena);
    return compared;
}

static void test_county(void **state)
{
    (void)state;
    Db db;
    int n = test_demo_open(&db, DEMO_COUNTY, 1);
    add_supervisions(&db);
    assert_int_equal(compare_all(&db, test_day(TEST_DEMO_TODAY) - days / 2), (long)n * days);
    db_close(&db);
}

static void test_province_every_cycle(void **state)
{
    (void)state;
    Db db;
    int n = test_demo_open(&db, DEMO_PROVINCE, 7);
    /* Every cycle with default and explicit due days (some past the cycle's length), and
       several warning windows; the trigger carries them to the measures. */
    exec_sql(&db, "UPDATE inspection SET"
                  " report_cycle = CASE id % 3 WHEN 0 THEN 'weekly' WHEN 1 THEN 'semimonthly'"
                  " ELSE 'monthly' END,"
                  " report_due_day = (id * 7) % 33, warn_days = id % 4 * 5");
    add_supervisions(&db);
    assert_int_equal(compare_all(&db, test_day(TEST_DEMO_TODAY) - days / 2), (long)n * days);
    db_close(&db);
}

int main(void)
{
    days = test_env_int("ZG_LIGHT_SQL_DAYS", 2, 400, days);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_county),
        cmocka_unit_test(test_province_every_cycle),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
