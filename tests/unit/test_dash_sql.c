/*
** test_dash_sql.c: the dashboard's figures from SQL (web/dash.c's dash_compute and dash_duties
** over db/dash_store.c and duty_store_own) equal those the dashboard computed before from the
** loaded ledger with ledger_stats, kept here as the reference (`reference`, `reference_duties`:
** the former dash.c, line for line in what it computed): every count, the problems per status,
** the reporting punctuality, the week's deadlines, the chart's months, the unit rates shown and
** every leader's, and the duties of an office, a unit and a leader user, for the whole
** inspection and a unit's scope, on every seventh day over a year around the demos' today; and
** again after writes between the days: reports submitted (some on time, some late, one
** withdrawn), measures closed, an inspection's report cycle and due day changed, measures
** withdrawn, leaders added and removed, measures moved to another unit or without a deadline,
** open supervisions past their respond-by.
**
** The county demo, and the province demo's first inspections given every report cycle (the
** trigger that copies cycle settings to the measures rebuilds their on-time cycles). tests/pg
** runs it again on PostgreSQL (ZG_UNIT_PG=1) with ZG_DASH_SQL_DAYS set to fewer days.
*/
#include "testutil.h"

#include "db/inspection_store.h"
#include "demo/demo.h"
#include "ledger/ledger.h"
#include "ledger/status.h"
#include "web/dash.h"

/* Days compared, every seventh from half a year before the demos' today: 53, or
   ZG_DASH_SQL_DAYS (2..53). */
static int days = 53;

/* The scoped ledger as the dashboard loaded it (view_ledger_fill): a unit's measures of an
   issued plan, led or co-led. */
static void load_scoped(Db *db, Arena *a, int64_t inspection_id, int64_t unit, Ledger *lg)
{
    Err err = ERR_INIT;
    if (ledger_load(db, a, inspection_id, lg, &err) < 0)
        fail_msg("ledger: %s", err.msg);
    if (!unit)
        return;
    int kept = 0;
    for (int i = 0; i < lg->n_measures; i++) {
        const Measure *m = &lg->measures[i];
        bool mine = m->lead_unit_id == unit;
        for (int k = 0; k < m->n_co_units; k++)
            mine = mine || m->co_unit_ids[k] == unit;
        if (mine && lg->in.plan_state == PLAN_ISSUED)
            lg->measures[kept++] = *m;
    }
    lg->n_measures = kept;
}

static int cmp_behind(const void *a, const void *b)
{
    const Rate *x = a, *y = b;
    if (x->overdue != y->overdue)
        return y->overdue - x->overdue;
    if (x->red != y->red)
        return y->red - x->red;
    if (x->yellow != y->yellow)
        return y->yellow - x->yellow;
    return (x->id > y->id) - (x->id < y->id);
}

static void expect_rate(const Rate *want, const DashRate *got, const char *what)
{
    const Rate *g = &got->rate;
    if (want->id != g->id || want->total != g->total || want->closed != g->closed ||
        want->overdue != g->overdue || want->red != g->red || want->yellow != g->yellow ||
        want->expected_reports != g->expected_reports ||
        want->on_time_reports != g->on_time_reports)
        fail_msg("%s %lld: total %d/%d closed %d/%d overdue %d/%d red %d/%d yellow %d/%d"
                 " expected %d/%d on time %d/%d (reference/SQL)",
                 what, (long long)want->id, want->total, got->rate.total, want->closed,
                 got->rate.closed, want->overdue, got->rate.overdue, want->red, got->rate.red,
                 want->yellow, got->rate.yellow, want->expected_reports,
                 got->rate.expected_reports, want->on_time_reports, got->rate.on_time_reports);
}

/* The figures of the reference's ledger lg on today against the SQL's f. */
/*
** The overdue measures of the scope (unit) by dash_overdue, in pages of 7 and in one, against
** the reference's st->overdue; and a cursor that is not one of them gives none.
*/
static void compare_overdue(Db *db, const Ledger *lg, int64_t unit, Day today, const Stats *st,
                            Arena *a)
{
    Err err = ERR_INIT;
    Measure *rows;
    int n, seen = 0;
    int64_t after = 0;
    do {
        if (dash_overdue(db, &lg->in, unit, today, after, 7, a, &rows, &n, &err) < 0)
            fail_msg("dash_overdue: %s", err.msg);
        for (int i = 0; i < n; i++, seen++) {
            assert_true(seen < st->n_overdue);
            const Measure *want = st->overdue[seen];
            if (rows[i].id != want->id)
                fail_msg("overdue %d: measure %lld by SQL, %lld by ledger_stats", seen,
                         (long long)rows[i].id, (long long)want->id);
            assert_int_equal(rows[i].deadline, want->deadline);
            assert_int_equal(rows[i].state, want->state);
            assert_int_equal(rows[i].lead_unit_id, want->lead_unit_id);
            assert_string_equal(rows[i].title, want->title);
        }
        after = n ? rows[n - 1].id : 0;
    } while (n == 7);
    assert_int_equal(seen, st->n_overdue);
    if (dash_overdue(db, &lg->in, unit, today, 0, st->n_overdue + 1, a, &rows, &n, &err) < 0)
        fail_msg("dash_overdue: %s", err.msg);
    assert_int_equal(n, st->n_overdue);
    for (int i = 0; i < lg->n_measures; i++)
        if (!(st->why[i] & WHY_OVERDUE)) {
            if (dash_overdue(db, &lg->in, unit, today, lg->measures[i].id, 5, a, &rows, &n,
                             &err) < 0)
                fail_msg("dash_overdue: %s", err.msg);
            assert_int_equal(n, 0);
            break;
        }
}

static void compare_figures(Db *db, const Ledger *lg, int64_t unit, Day today,
                            const DashFigures *f, Arena *a)
{
    Stats st;
    ledger_stats(&lg->in, lg->findings, lg->n_findings, lg->measures, lg->n_measures, today, a,
                 &st);
    assert_int_equal(f->n_overdue, st.n_overdue);
    compare_overdue(db, lg, unit, today, &st, a);
    char iso[DATE_ISO_SIZE];
    date_format(today, iso);
    assert_int_equal(f->n_measures, st.n_measures);
    for (int s = 0; s < STATE__COUNT; s++)
        assert_int_equal(f->by_state[s], st.by_state[s]);
    for (int l = 0; l < LIGHT__COUNT; l++)
        if (f->by_light[l] != st.by_light[l])
            fail_msg("%s: %d %s by SQL, %d by ledger_light", iso, f->by_light[l],
                     ledger_light_name((Light)l), st.by_light[l]);
    assert_int_equal(f->n_problems, st.n_problems);
    for (int s = 0; s < STATUS__COUNT; s++)
        assert_int_equal(f->problems[s], st.problems[s]);
    if (f->expected_reports != st.expected_reports || f->on_time_reports != st.on_time_reports)
        fail_msg("%s: reports due %d on time %d by SQL, %d and %d by ledger_on_time", iso,
                 f->expected_reports, f->on_time_reports, st.expected_reports,
                 st.on_time_reports);
    /* The week's deadlines, first in ledger order. */
    Day monday = today - (date_weekday(today) - 1);
    int n_due = 0;
    for (int i = 0; i < lg->n_measures; i++) {
        const Measure *m = &lg->measures[i];
        if (m->state == STATE_CLOSED || m->state == STATE_PHASE_COMPLETE ||
            m->deadline == DAY_NONE || m->deadline < monday || m->deadline > monday + 6)
            continue;
        if (n_due < DASH_DUE_SHOWN) {
            assert_true(n_due < f->n_due_shown);
            assert_int_equal(f->due[n_due].id, m->id);
            assert_int_equal(f->due[n_due].due, m->deadline);
            assert_int_equal(f->due[n_due].light, st.lights[i]);
            assert_string_equal(f->due[n_due].title, m->title);
        }
        n_due++;
    }
    assert_int_equal(f->n_due, n_due);
    assert_int_equal(f->n_due_shown, n_due < DASH_DUE_SHOWN ? n_due : DASH_DUE_SHOWN);
    /* The chart's months. */
    const Inspection *in = &lg->in;
    Day lo = in->feedback_on != DAY_NONE ? in->feedback_on : today, hi = today;
    if (in->concentrated_end != DAY_NONE && in->concentrated_end > hi)
        hi = in->concentrated_end;
    for (int i = 0; i < lg->n_measures; i++) {
        Day d = lg->measures[i].deadline;
        if (d != DAY_NONE && d < lo)
            lo = d;
        if (d != DAY_NONE && d > hi)
            hi = d;
    }
    ChartMonths mo;
    chart_months_count(&mo, lg->measures, st.lights, lg->n_measures, lo, hi);
    assert_memory_equal(&mo, &f->months, sizeof mo);
    /* Every lead unit by id, those most behind, and every leader. */
    assert_int_equal(f->n_units, st.n_units);
    for (int i = 0; i < st.n_units; i++)
        expect_rate(&st.units[i], &f->unit_rates[i], "unit");
    qsort(st.units, (size_t)st.n_units, sizeof(Rate), cmp_behind);
    assert_int_equal(f->n_units_shown, st.n_units < DASH_UNITS_SHOWN ? st.n_units
                                                                       : DASH_UNITS_SHOWN);
    for (int i = 0; i < f->n_units_shown; i++)
        expect_rate(&st.units[i], &f->units_behind[i], "unit behind");
    assert_int_equal(f->n_leaders, st.n_leaders);
    for (int i = 0; i < st.n_leaders; i++)
        expect_rate(&st.leaders[i], &f->leader_rates[i], "leader");
}

typedef struct RefDuty {
    int64_t id;
    int what;
    Day due;
    Light light;
    int order;
} RefDuty;

static int owe_rank(int k)
{
    static const int rank[OWE__COUNT] = {[OWE_COMPLETION] = 0, [OWE_VERIFY] = 1,
                                         [OWE_LEAD_REVIEW] = 1, [OWE_SIGNOFF] = 1,
                                         [OWE_REPORT] = 2, [OWE_REVISIT] = 3};
    return rank[k];
}

static int cmp_ref(const void *a, const void *b)
{
    const RefDuty *x = a, *y = b;
    if (owe_rank(x->what) != owe_rank(y->what))
        return owe_rank(x->what) - owe_rank(y->what);
    if (x->due != y->due)
        return x->due < y->due ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

/* True when the party of owe o on m falls to user u (the former dash.c's duty_place). */
static bool owed_by(const User *u, const Owe *o, const Measure *m)
{
    switch (o->kind) {
    case OWE_REPORT:
    case OWE_COMPLETION:
    case OWE_LEAD_REVIEW:
        return (u->roles & ROLE_BIT(ROLE_UNIT)) && u->unit_id && m->lead_unit_id == u->unit_id;
    case OWE_SIGNOFF:
        for (int k = 0; k < m->n_leaders; k++)
            if ((u->roles & ROLE_BIT(ROLE_LEADER)) && u->person_id &&
                m->leader_ids[k] == u->person_id)
                return true;
        return false;
    case OWE_VERIFY:
    case OWE_REVISIT:
        return (u->roles & ROLE_BIT(ROLE_OFFICE)) != 0;
    case OWE__COUNT:
        break;
    }
    return false;
}

/* u's duties in lg (its scope already) on today against the SQL's; returns how many. */
static int compare_duties(Db *db, const Ledger *lg, const User *u, Day today, Arena *a)
{
    Stats st;
    ledger_stats(&lg->in, lg->findings, lg->n_findings, lg->measures, lg->n_measures, today, a,
                 &st);
    LightRules rules = ledger_rules(&lg->in);
    Day report_due = ledger_cycle(rules.cycle, rules.due_day, today).due;
    RefDuty *ref = ARENA_ARRAY(a, RefDuty, (size_t)lg->n_measures * OWE__COUNT + 1);
    int n = 0;
    for (int i = 0; i < lg->n_measures; i++) {
        Owe owes[OWE__COUNT];
        int k = ledger_owes_why(&lg->measures[i], st.why[i], report_due,
                                lg->in.require_signoff, today, owes);
        for (int j = 0; j < k; j++)
            if (owed_by(u, &owes[j], &lg->measures[i]))
                ref[n++] = (RefDuty){lg->measures[i].id, (int)owes[j].kind, owes[j].due,
                                     st.lights[i], i};
    }
    qsort(ref, (size_t)n, sizeof *ref, cmp_ref);
    DashDuties got;
    Err err = ERR_INIT;
    if (dash_duties(db, &lg->in, u, today, a, &got, &err) < 0)
        fail_msg("duties: %s", err.msg);
    char iso[DATE_ISO_SIZE];
    if (got.n != n)
        fail_msg("%s on %s: %d duties by SQL, %d by ledger_owes", u->login,
                 date_format(today, iso), got.n, n);
    assert_int_equal(got.n_shown, n < DASH_MINE_SHOWN ? n : DASH_MINE_SHOWN);
    for (int i = 0; i < got.n_shown; i++) {
        const DashRow *g = &got.rows[i];
        if (g->id != ref[i].id || g->what != ref[i].what || g->due != ref[i].due ||
            g->light != ref[i].light)
            fail_msg("%s on %s, duty %d: measure %lld kind %d by SQL, %lld kind %d", u->login,
                     date_format(today, iso), i, (long long)g->id, g->what,
                     (long long)ref[i].id, ref[i].what);
    }
    return n;
}

/* One row's id of sql. */
static int64_t id_of(Db *db, const char *sql)
{
    int64_t id = 0;
    Err err = ERR_INIT;
    if (db_find_id(db, db_prepare(db, sql), &id, &err) < 0)
        fail_msg("%s: %s", sql, err.msg);
    return id;
}

typedef struct Seen {
    long duties;      /* duties compared */
    long on_time;     /* on-time cycles counted */
    long late;        /* cycles due and not on time */
    long due;         /* deadlines of the week */
} Seen;

/* Compare inspection_id on every seventh of `days` days from first, whole and for its busiest
   lead unit, with the duties of an office, that unit's and a leader user. */
static void compare_inspection(Db *db, int64_t inspection_id, Day first, Seen *seen)
{
    char sql[400];
    snprintf(sql, sizeof sql,
             "SELECT lead_unit_id FROM measure WHERE inspection_id = %lld AND lead_unit_id IS NOT"
             " NULL GROUP BY lead_unit_id ORDER BY count(*) DESC, lead_unit_id LIMIT 1",
             (long long)inspection_id);
    int64_t unit = id_of(db, sql);
    snprintf(sql, sizeof sql,
             "SELECT l.person_id FROM measure_leader l JOIN measure m ON m.id = l.measure_id"
             " WHERE m.inspection_id = %lld GROUP BY l.person_id ORDER BY count(*) DESC,"
             " l.person_id LIMIT 1",
             (long long)inspection_id);
    int64_t person = id_of(db, sql);
    Arena arena = ARENA_INIT;
    Ledger whole, scoped;
    load_scoped(db, &arena, inspection_id, 0, &whole);
    load_scoped(db, &arena, inspection_id, unit, &scoped);
    User office = {.login = "office", .roles = ROLE_BIT(ROLE_OFFICE),
                   .org_unit_id = whole.in.org_unit_id};
    User unit_user = {.login = "unit", .roles = ROLE_BIT(ROLE_UNIT), .unit_id = unit};
    User leader = {.login = "leader", .roles = ROLE_BIT(ROLE_LEADER), .person_id = person};
    for (int k = 0; k < days; k++) {
        Day d = first + 7 * k;
        Arena scratch = ARENA_INIT;
        Err err = ERR_INIT;
        for (int s = 0; s < 2; s++) {
            DashFigures f;
            if (dash_compute(db, &whole.in, s ? unit : 0, d, NULL, &scratch, &f, &err) < 0)
                fail_msg("dash_compute: %s", err.msg);
            compare_figures(db, s ? &scoped : &whole, s ? unit : 0, d, &f, &scratch);
            seen->on_time += f.on_time_reports;
            seen->late += f.expected_reports - f.on_time_reports;
            seen->due += f.n_due;
        }
        seen->duties += compare_duties(db, &whole, &office, d, &scratch);
        seen->duties += compare_duties(db, &scoped, &unit_user, d, &scratch);
        seen->duties += compare_duties(db, &whole, &leader, d, &scratch);
        arena_free(&scratch);
    }
    arena_free(&arena);
}

/* Writes between the rounds: reports on time and late, one withdrawn, measures closed, and
   inspection_id's report cycle and due day changed. */
static void write_between(Db *db, int64_t inspection_id, const char *cycle, int due_day)
{
    char sql[700];
    snprintf(sql, sizeof sql,
             "INSERT INTO progress (measure_id, unit_id, body, state, reported_on, created_at)"
             " SELECT id, lead_unit_id, '测试', CASE WHEN id %% 5 = 0 THEN 'accepted'"
             " ELSE 'submitted' END, CASE WHEN id %% 2 = 0 THEN '2026-10-03' ELSE '2026-10-28'"
             " END, '2026-10-28T00:00:00Z' FROM measure WHERE inspection_id = %lld"
             " AND id %% 3 = 0",
             (long long)inspection_id);
    test_sql_exec(db, sql);
    snprintf(sql, sizeof sql,
             "UPDATE progress SET state = 'returned' WHERE id = (SELECT max(p.id) FROM progress p"
             " JOIN measure m ON m.id = p.measure_id WHERE m.inspection_id = %lld)",
             (long long)inspection_id);
    test_sql_exec(db, sql);
    snprintf(sql, sizeof sql,
             "UPDATE measure SET state = 'closed', closed_at = '2026-09-14' WHERE inspection_id ="
             " %lld AND id %% 11 = 0 AND state <> 'closed'",
             (long long)inspection_id);
    test_sql_exec(db, sql);
    snprintf(sql, sizeof sql,
             "UPDATE inspection SET report_cycle = '%s', report_due_day = %d WHERE id = %lld",
             cycle, due_day, (long long)inspection_id);
    test_sql_exec(db, sql);
    /* What the groups are summed by (dash_store_read): measures withdrawn among the others,
       whose leaders stay in measure_leader, within the range of ids the leaders are read by; a
       leader added to measures and all removed from others; measures moved to another lead
       unit; deadlines removed; open supervisions past their respond-by. */
#define CHANGE(fmt)                                                                                \
    (snprintf(sql, sizeof sql, fmt, (long long)inspection_id), test_sql_exec(db, sql))
    CHANGE("UPDATE measure SET withdrawn_at = '2026-10-01T00:00:00Z' WHERE inspection_id = %lld"
           " AND id %% 13 = 0");
    CHANGE("INSERT INTO measure_leader (measure_id, person_id) SELECT m.id, (SELECT min(p.id)"
           " FROM person p) FROM measure m WHERE m.inspection_id = %lld AND m.id %% 17 = 0"
           " ON CONFLICT DO NOTHING");
    CHANGE("DELETE FROM measure_leader WHERE measure_id IN (SELECT id FROM measure"
           " WHERE inspection_id = %lld AND id %% 19 = 0)");
    CHANGE("UPDATE measure SET lead_unit_id = (SELECT max(u.id) FROM unit u) WHERE inspection_id ="
           " %lld AND id %% 23 = 0");
    CHANGE("UPDATE measure SET deadline = NULL WHERE inspection_id = %lld AND id %% 29 = 0");
    CHANGE("INSERT INTO supervision (inspection_id, measure_id, kind, state, issued_on, respond_by)"
           " SELECT inspection_id, id, 'written', 'open', '2026-06-01', '2026-07-01' FROM measure"
           " WHERE inspection_id = %lld AND id %% 31 = 0");
#undef CHANGE
}

static void run(Db *db, const int64_t *ids, int n, Seen *seen)
{
    Day today = test_day("2026-11-21");
    static const char *const cycles[] = {"weekly", "semimonthly", "monthly"};
    for (int i = 0; i < n; i++)
        compare_inspection(db, ids[i], today - 182, seen);
    for (int i = 0; i < n; i++) {
        write_between(db, ids[i], cycles[i % 3], 3 + i * 5);
        compare_inspection(db, ids[i], today - 182, seen);
    }
    /* The comparison means something only if each part occurred. */
    assert_true(seen->duties > 0 && seen->on_time > 0 && seen->late > 0 && seen->due > 0);
}

static void test_county(void **state)
{
    (void)state;
    Db db;
    test_demo_open(&db, DEMO_COUNTY, 1);
    int64_t id = id_of(&db, "SELECT min(id) FROM inspection");
    Seen seen = {0};
    run(&db, &id, 1, &seen);
    db_close(&db);
}

static void test_province(void **state)
{
    (void)state;
    Db db;
    test_demo_open(&db, DEMO_PROVINCE, 7);
    Err err = ERR_INIT;
    /* Three inspections, one per report cycle with a due day past the cycle's length too. */
    test_sql_exec(&db, "UPDATE inspection SET report_cycle = CASE id % 3 WHEN 0 THEN 'weekly'"
                       " WHEN 1 THEN 'semimonthly' ELSE 'monthly' END,"
                       " report_due_day = (id * 7) % 33, warn_days = id % 4 * 5");
    Arena a = ARENA_INIT;
    int64_t *ids;
    int n;
    if (inspection_store_ids(&db, &a, &ids, &n, &err) < 0)
        fail_msg("ids: %s", err.msg);
    Seen seen = {0};
    run(&db, ids, n < 3 ? n : 3, &seen);
    arena_free(&a);
    db_close(&db);
}

int main(void)
{
    days = test_env_int("ZG_DASH_SQL_DAYS", 2, 53, days);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_county),
        cmocka_unit_test(test_province),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
