/*
** test_tree_sql.c: the inspection tree's reads (page_inspection.c) agree with the ledger.
** measure_store_tree's status per measure, combined by ledger_tree_status_of, gives every
** finding the status ledger_tree_status gives it from the loaded measures, for the whole
** inspection and for each unit's scope (its own measures, led or shared); its rows are the
** measures in force, each once, in the order of the list's pages (measure_store_page_ids) for
** every order; and measure_store_parties gives the distinct lead units and leaders. The county
** demo is varied first so that every status occurs: long-term measures closed and in phase,
** a withdrawn measure, an override.
*/
#include "testutil.h"

#include "db/finding_store.h"
#include "db/inspection_store.h"
#include "db/measure_store.h"
#include "demo/demo.h"
#include "ledger/ledger.h"
#include "ledger/light.h"
#include "ledger/status.h"

/* True when unit (0: any) leads m or shares it. */
static bool of_unit(const Measure *m, int64_t unit)
{
    if (!unit || m->lead_unit_id == unit)
        return true;
    for (int k = 0; k < m->n_co_units; k++)
        if (m->co_unit_ids[k] == unit)
            return true;
    return false;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The distinct values of v[0..n), sorted, in place; returns how many. */
static int distinct(int64_t *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_i64);
    int k = 0;
    for (int i = 0; i < n; i++)
        if (!k || v[k - 1] != v[i])
            v[k++] = v[i];
    return k;
}

/* The statuses from the store equal the ledger's over the measures of unit (0: all). */
static void check_scope(Db *db, const Ledger *lg, int64_t unit, int *seen)
{
    Arena a = ARENA_INIT;
    Err err = ERR_INIT;
    MeasureFilter f = MEASURE_FILTER_ALL;
    f.inspection_id = lg->in.id;
    f.unit_id = unit;
    MeasureLightDay day;
    ledger_light_day(test_day("2026-11-21"), &day);
    MeasureTreeRow *rows;
    int n;
    if (measure_store_tree(db, &a, &f, -1, &day, MEASURE_ORDER_LEDGER, &rows, &n, &err) < 0)
        fail_msg("tree: %s", err.msg);

    /* The ledger's measures of the scope, and what the tree's reads must give for them. */
    Measure *ms = ARENA_ARRAY(&a, Measure, lg->n_measures + 1);
    int nm = 0;
    int64_t *units = ARENA_ARRAY(&a, int64_t, lg->n_measures + 1);
    int64_t *leaders = ARENA_ARRAY(&a, int64_t, 8 * lg->n_measures + 1);
    int nu = 0, nl = 0;
    for (int i = 0; i < lg->n_measures; i++) {
        const Measure *m = &lg->measures[i];
        if (!of_unit(m, unit))
            continue;
        ms[nm++] = *m;
        if (m->lead_unit_id)
            units[nu++] = m->lead_unit_id;
        for (int k = 0; k < m->n_leaders && nl < 8 * lg->n_measures; k++)
            leaders[nl++] = m->leader_ids[k];
    }
    assert_int_equal(n, nm);
    ProblemStatus *want = ARENA_ARRAY(&a, ProblemStatus, lg->n_findings + 1);
    ledger_tree_status(lg->findings, lg->n_findings, ms, nm, &a, want);

    int *own = ARENA_ARRAY(&a, int, lg->n_findings + 1);
    for (int i = 0; i < lg->n_findings; i++)
        own[i] = -1;
    for (int k = 0; k < n; k++)
        for (int i = 0; i < lg->n_findings; i++)
            if (lg->findings[i].id == rows[k].finding_id && rows[k].status > own[i])
                own[i] = rows[k].status;
    ProblemStatus *got = ARENA_ARRAY(&a, ProblemStatus, lg->n_findings + 1);
    ledger_tree_status_of(lg->findings, lg->n_findings, own, &a, got);
    for (int i = 0; i < lg->n_findings; i++) {
        if (got[i] != want[i])
            fail_msg("inspection %lld, unit %lld, finding %lld: SQL %d, ledger %d",
                     (long long)lg->in.id, (long long)unit, (long long)lg->findings[i].id,
                     (int)got[i], (int)want[i]);
        seen[want[i]]++;
    }

    /* Every order: the rows of the list's pages, in their order. */
    for (int o = 0; o < MEASURE_ORDER__COUNT; o++) {
        MeasureTreeRow *t;
        int nt;
        int64_t *ids;
        int n_ids = 0;
        MeasurePageQuery pq = {f, -1, &day, (MeasureOrder)o, false, {{0, 0, 0}, 0}, 100000, false};
        if (measure_store_tree(db, &a, &f, -1, &day, (MeasureOrder)o, &t, &nt, &err) < 0 ||
            measure_store_page_ids(db, &a, &pq, &ids, &n_ids, &err) < 0)
            fail_msg("order %d: %s", o, err.msg);
        assert_int_equal(nt, n_ids);
        for (int k = 0; k < nt; k++)
            assert_int_equal(t[k].id, ids[k]);
    }

    /* The form's choices. */
    int64_t *pu, *pl;
    int npu = 0, npl = 0;
    if (measure_store_parties(db, &a, &f, false, &pu, &npu, &err) < 0 ||
        measure_store_parties(db, &a, &f, true, &pl, &npl, &err) < 0)
        fail_msg("parties: %s", err.msg);
    nu = distinct(units, nu);
    nl = distinct(leaders, nl);
    assert_int_equal(npu, nu);
    assert_int_equal(npl, nl);
    for (int i = 0; i < nu; i++)
        assert_int_equal(pu[i], units[i]);
    for (int i = 0; i < nl; i++)
        assert_int_equal(pl[i], leaders[i]);
    arena_free(&a);
}

static void test_county(void **state)
{
    (void)state;
    Db db;
    test_demo_open(&db, DEMO_COUNTY, 1);
    Err err = ERR_INIT;
    /* Every status: long-term measures closed (basically completed) and in phase; whole
       problems closed; one measure withdrawn, one finding overridden. */
    test_sql_exec(&db, "UPDATE measure SET kind = 'long_term' WHERE id % 11 = 0");
    test_sql_exec(&db, "UPDATE measure SET state = 'phase_complete' WHERE id % 22 = 0");
    test_sql_exec(&db, "UPDATE measure SET state = 'closed' WHERE finding_id % 4 = 0");
    test_sql_exec(&db, "UPDATE measure SET withdrawn_at = '2026-10-01T00:00:00Z',"
                       " withdrawn_reason = 'test' WHERE id = 5");
    test_sql_exec(&db, "UPDATE finding SET status_override = 'completed',"
                       " override_reason = 'test' WHERE id = 6");

    Arena a = ARENA_INIT;
    int64_t *ids;
    int n_ids;
    if (inspection_store_ids(&db, &a, &ids, &n_ids, &err) < 0)
        fail_msg("ids: %s", err.msg);
    int seen[STATUS__COUNT] = {0};
    for (int i = 0; i < n_ids; i++) {
        Ledger lg;
        if (ledger_load(&db, &a, ids[i], &lg, &err) < 0)
            fail_msg("ledger: %s", err.msg);
        check_scope(&db, &lg, 0, seen);
        int64_t *units = ARENA_ARRAY(&a, int64_t, lg.n_measures + 1);
        for (int k = 0; k < lg.n_measures; k++)
            units[k] = lg.measures[k].lead_unit_id;
        int nu = distinct(units, lg.n_measures);
        for (int k = 0; k < nu; k++)
            if (units[k])
                check_scope(&db, &lg, units[k], seen);
    }
    /* The comparison means something only if every status occurred. */
    for (int st = 0; st < STATUS__COUNT; st++)
        assert_true(seen[st] > 0);
    arena_free(&a);
    db_close(&db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_county),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
