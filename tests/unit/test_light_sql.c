/*
** test_light_sql.c: the SQL light predicates (measure_store.c's LIGHT_EXPR over the columns of
** migrate_pagecost.sql) agree with ledger_light, the one definition, on every measure of the
** county and the province demos for 400 consecutive days around the demos' today (past days
** included, where reports after the day must not count); on every fifth day each inspection's
** counts by light (measure_store_counts: on SQLite the spelling that measure_light_cover covers)
** equal the tally of ledger_light over its measures in force, and so do a lead unit's, a
** co-unit's and a leader's counts within each inspection (and the lead unit's over all of them
** on the first day). Both demos get supervisions, open and answered, due on either side of
** today. The province run first gives its inspections every report cycle, several due days and
** warning days through SQL, so that the inspection trigger that copies them to the measures is
** exercised too.
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

/* True when m is a measure of party (kind 0: lead or co-unit id; 1: leader id). */
static bool of_party(const Measure *m, int kind, int64_t id)
{
    if (kind == 0 && m->lead_unit_id == id)
        return true;
    const int64_t *ids = kind == 0 ? m->co_unit_ids : m->leader_ids;
    int n = kind == 0 ? m->n_co_units : m->n_leaders;
    for (int i = 0; i < n; i++)
        if (ids[i] == id)
            return true;
    return false;
}

/*
** The counts by light of one party's measures (measure_store_counts: on SQLite the inspection's
** range of measure_light_cover with the party's ids from measure_party), within inspection
** (0: all of them) against the tally of want[] (ledger_light of each measure in force).
*/
static void assert_party_counts(Db *db, int kind, int64_t id, int64_t inspection,
                                const MeasureLightDay *day, const int64_t want[LIGHT__COUNT])
{
    Err err = ERR_INIT;
    MeasureFilter f = MEASURE_FILTER_ALL;
    f.inspection_id = inspection;
    f.unit_id = kind == 0 ? id : 0;
    f.leader_id = kind == 1 ? id : 0;
    MeasureCounts counts;
    if (measure_store_counts(db, &f, day, &counts, &err) < 0)
        fail_msg("party counts: %s", err.msg);
    for (int l = 0; l < LIGHT__COUNT; l++)
        if (counts.by_light[l] != want[l])
            fail_msg("party %d/%lld in inspection %lld: %lld counted %s, ledger_light %lld", kind,
                     (long long)id, (long long)inspection, (long long)counts.by_light[l],
                     ledger_light_name((Light)l), (long long)want[l]);
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
    /* Three parties checked on every fifth day: a lead unit, a co-unit and a leader of the
       first inspection; the lead unit also over every inspection on the first day. */
    int64_t party[3] = {0};
    int64_t across[LIGHT__COUNT] = {0};
    MeasureLightDay first_day;
    ledger_light_day(first, &first_day);
    for (int i = 0; i < n_ids; i++) {
        Ledger lg;
        if (ledger_load(db, &arena, ids[i], &lg, &err) < 0)
            fail_msg("ledger: %s", err.msg);
        LightRules rules = ledger_rules(&lg.in);
        for (int k = 0; i == 0 && k < lg.n_measures; k++) {
            const Measure *m = &lg.measures[k];
            if (!party[0] && m->lead_unit_id)
                party[0] = m->lead_unit_id;
            if (!party[1] && m->n_co_units)
                party[1] = m->co_unit_ids[0];
            if (!party[2] && m->n_leaders)
                party[2] = m->leader_ids[0];
        }
        assert_true(party[0] && party[1] && party[2]);
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
            int64_t tally[LIGHT__COUNT] = {0}, of[3][LIGHT__COUNT] = {{0}};
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
                for (int p = 0; p < 3; p++)
                    of[p][want] += !m->withdrawn && of_party(m, p == 2, party[p]);
                if (d == first)
                    across[want] += !m->withdrawn && of_party(m, 0, party[0]);
                compared++;
            }
            for (int l = 0; count_day && l < LIGHT__COUNT; l++)
                if (counts.by_light[l] != tally[l]) {
                    char iso[DATE_ISO_SIZE];
                    fail_msg("inspection %lld on %s: %lld counted %s, ledger_light %lld",
                             (long long)ids[i], date_format(d, iso), (long long)counts.by_light[l],
                             ledger_light_name((Light)l), (long long)tally[l]);
                }
            for (int p = 0; count_day && p < 3; p++)
                assert_party_counts(db, p == 2, party[p], ids[i], &day, of[p]);
            arena_free(&scratch);
        }
    }
    assert_party_counts(db, 0, party[0], 0, &first_day, across);
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
