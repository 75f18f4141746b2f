/*
** test_duty_sql.c: the SQL duties (db/duty_store.c through ledger_owed_count and
** ledger_owed_page) agree with ledger_owed, the one definition, for every unit, every leader,
** the office of each organisation and (the county) the office of every organisation, on the
** county and the province demos, on the days of a span around the demos' today (the province's
** many units and leaders each on every fourth day in turn, see every_day): the counts per
** kind, and on every fourth day each page of 25 forward and the page before each. Writes
** between the days (reports of co-units, supervisions, instructions, spot checks, sign-off
** rules, revisits, withdrawals, answers) make every kind occur and move, and the test fails
** unless each kind occurs.
**
** tests/pg runs it again on PostgreSQL (ZG_UNIT_PG=1) with ZG_DUTY_SQL_DAYS set to fewer days.
*/
#include "testutil.h"

#include "demo/demo.h"
#include "ledger/owe.h"

/* Days compared: 64, or ZG_DUTY_SQL_DAYS (4..400). */
static int days = 64;

typedef struct Ids {
    int64_t *v;
    int n;
} Ids;

static Ids ids_of(Db *db, const char *sql)
{
    Ids ids = {NULL, 0};
    Err err = ERR_INIT;
    DbStmt *st = db_prepare(db, sql);
    int rc;
    while ((rc = db_step(db, st, &err)) == 1) {
        ids.v = xrealloc(ids.v, (size_t)(ids.n + 1) * sizeof *ids.v);
        ids.v[ids.n++] = db_col_int(st, 0);
    }
    db_reset(st);
    if (rc < 0)
        fail_msg("ids: %s", err.msg);
    return ids;
}

/* Statements with DAY (and DAY10, ten days later) replaced by the day. */
static void exec_on(Db *db, Day d, const char *sql)
{
    char iso[DATE_ISO_SIZE], later[DATE_ISO_SIZE];
    date_format(d, iso);
    date_format(d + 10, later);
    Buf b = BUF_INIT;
    for (const char *p = sql; *p;) {
        if (!strncmp(p, "DAY10", 5)) {
            buf_append(&b, later, strlen(later));
            p += 5;
        } else if (!strncmp(p, "DAY", 3)) {
            buf_append(&b, iso, strlen(iso));
            p += 3;
        } else {
            buf_append(&b, p++, 1);
        }
    }
    test_sql_exec(db, b.data);
    buf_free(&b);
}

/* The first writes: every loop kind, sign-off rules, revisits, lead approvals. */
static void write_first(Db *db, Day d)
{
    exec_on(db, d, "UPDATE inspection SET require_signoff = 1 WHERE id % 2 = 0");
    exec_on(db, d,
            "UPDATE measure SET state = 'lead_approved' WHERE state = 'in_progress'"
            " AND id % 11 = 0");
    exec_on(db, d, "UPDATE measure SET revisit_due = 'DAY' WHERE state = 'closed' AND id % 5 = 0");
    exec_on(db, d,
            "INSERT INTO progress (measure_id, unit_id, body, state, reported_on,"
            " created_at) SELECT c.measure_id, c.unit_id, 'co', 'submitted', 'DAY',"
            " 'DAYT08:00:00Z' FROM measure_co_unit c WHERE c.measure_id % 7 = 0");
    exec_on(db, d,
            "INSERT INTO supervision (inspection_id, measure_id, unit_id, kind, state,"
            " issued_on, respond_by) SELECT inspection_id, id, lead_unit_id, 'remind',"
            " 'open', 'DAY', 'DAY10' FROM measure WHERE id % 13 = 0"
            " AND lead_unit_id IS NOT NULL");
    exec_on(db, d,
            "INSERT INTO supervision (inspection_id, unit_id, kind, state, issued_on)"
            " SELECT i.id, (SELECT min(lead_unit_id) FROM measure m"
            " WHERE m.inspection_id = i.id), 'written', 'open', 'DAY' FROM inspection i");
    exec_on(db, d,
            "INSERT INTO instruction (measure_id, person_id, given_on, body)"
            " SELECT measure_id, person_id, 'DAY', 'x' FROM measure_leader"
            " WHERE measure_id % 9 = 0");
    exec_on(db, d,
            "INSERT INTO spot_check (inspection_id, drawn_on, seed, sample_count,"
            " population) SELECT id, 'DAY', 1, 3, 10 FROM inspection");
    exec_on(db, d,
            "INSERT INTO spot_check_item (check_id, measure_id) SELECT c.id, m.id"
            " FROM spot_check c JOIN measure m ON m.inspection_id = c.inspection_id"
            " WHERE m.state = 'closed' AND m.id % 3 = 0");
}

/* The second writes: answers, acceptances, new reports, withdrawals, moves. */
static void write_second(Db *db, Day d)
{
    exec_on(db, d,
            "UPDATE progress SET state = 'accepted' WHERE state = 'submitted'"
            " AND id % 2 = 0");
    exec_on(db, d, "UPDATE supervision SET state = 'responded' WHERE id % 2 = 0");
    exec_on(db, d, "UPDATE instruction SET acknowledged_on = 'DAY' WHERE id % 2 = 0");
    exec_on(db, d,
            "UPDATE spot_check_item SET result = 'passed', checked_on = 'DAY'"
            " WHERE measure_id % 2 = 0");
    exec_on(db, d,
            "INSERT INTO progress (measure_id, unit_id, body, state, reported_on,"
            " created_at) SELECT id, lead_unit_id, 'r', 'accepted', 'DAY', 'DAYT09:00:00Z'"
            " FROM measure WHERE id % 4 = 1 AND lead_unit_id IS NOT NULL");
    exec_on(db, d, "UPDATE measure SET withdrawn_at = 'DAYT10:00:00Z' WHERE id % 29 = 0");
    exec_on(db, d,
            "UPDATE measure SET state = 'signed_off' WHERE state = 'lead_approved'"
            " AND id % 3 = 0");
    exec_on(db, d,
            "UPDATE measure SET state = 'submitted' WHERE state = 'returned'"
            " AND id % 2 = 0");
}

static void expect_same(const Owed *a, const Owed *b, const char *what, int i)
{
    if (a->kind != b->kind || a->unit_id != b->unit_id || a->person_id != b->person_id ||
        a->office != b->office || a->inspection_id != b->inspection_id ||
        a->measure_id != b->measure_id || a->object_id != b->object_id || a->due != b->due ||
        a->since != b->since || strcmp(a->title ? a->title : "", b->title ? b->title : ""))
        fail_msg("%s item %d: SQL %s measure %lld object %lld due %d since %d, ledger_owed %s"
                 " measure %lld object %lld due %d since %d",
                 what, i, ledger_owed_name(a->kind), (long long)a->measure_id,
                 (long long)a->object_id, (int)a->due, (int)a->since, ledger_owed_name(b->kind),
                 (long long)b->measure_id, (long long)b->object_id, (int)b->due, (int)b->since);
}

enum { PAGE = 25 };

/* Every page of scope forward and the page before each, against want. */
static void compare_pages(Db *db, const OweScope *s, Day d, const Owed *want, int n)
{
    Arena a = ARENA_INIT;
    Err err = ERR_INIT;
    int at = 0;
    DutyKey after;
    for (;;) {
        Owed *page;
        int np;
        if (ledger_owed_page(db, &a, s, d, at ? &after : NULL, false, PAGE, &page, &np, &err) < 0)
            fail_msg("page: %s", err.msg);
        assert_int_equal(np, n - at < PAGE ? n - at : PAGE);
        for (int i = 0; i < np; i++)
            expect_same(&page[i], &want[at + i], "page", at + i);
        if (np == 0)
            break;
        DutyKey first = ledger_owed_key(&page[0]);
        Owed *back;
        int nb;
        if (ledger_owed_page(db, &a, s, d, &first, true, PAGE, &back, &nb, &err) < 0)
            fail_msg("back: %s", err.msg);
        assert_int_equal(nb, at < PAGE ? at : PAGE);
        for (int i = 0; i < nb; i++)
            expect_same(&back[i], &want[at - nb + i], "previous page", at - nb + i);
        at += np;
        if (np < PAGE)
            break;
        after = ledger_owed_key(&page[np - 1]);
    }
    arena_free(&a);
}

/* One scope on one day: counts always, pages when asked; adds the kinds seen to seen. */
static void compare_scope(Db *db, const OweScope *s, Day d, bool pages, long seen[DUTY__COUNT])
{
    Arena a = ARENA_INIT;
    Err err = ERR_INIT;
    Owed *want;
    int n;
    if (ledger_owed(db, &a, s, d, &want, &n, &err) < 0)
        fail_msg("ledger_owed: %s", err.msg);
    /* ledger_owed stops gathering past OWE_MAX_ITEMS * 3: the demos stay below. */
    assert_true(n < OWE_MAX_ITEMS * 3);
    int by_kind[DUTY__COUNT] = {0};
    for (int i = 0; i < n; i++)
        by_kind[want[i].kind]++;
    int64_t counts[DUTY__COUNT], total;
    if (ledger_owed_count(db, s, d, counts, &total, &err) < 0)
        fail_msg("count: %s", err.msg);
    for (int k = 0; k < DUTY__COUNT; k++) {
        if (counts[k] != by_kind[k]) {
            char iso[DATE_ISO_SIZE];
            fail_msg("unit %lld person %lld office %d org %lld on %s: %s SQL %lld, ledger_owed %d",
                     (long long)s->unit_id, (long long)s->person_id, (int)s->office,
                     (long long)s->org_unit_id, date_format(d, iso), ledger_owed_name((OwedKind)k),
                     (long long)counts[k], by_kind[k]);
        }
        seen[k] += by_kind[k];
    }
    assert_int_equal(total, n);
    if (pages)
        compare_pages(db, s, d, want, n);
    arena_free(&a);
}

/*
** Whether scope k of n is compared on day i: every day for the county's few units and leaders;
** among the province's thousand units and hundreds of leaders each on every fourth day in turn
** (so each is still compared on a quarter of the days, every one on the days of the writes),
** which keeps the test to minutes (ledger_owed, the reference, loads each scope's measures).
*/
static bool every_day(int n, int k, int i)
{
    return n <= 100 || (k + i) % 4 == 0;
}

/* Compare every scope on the days of [first, first + days), with the writes on the way. */
static void compare_all(Db *db, Day first)
{
    Ids units = ids_of(db, DB_SQL("SELECT id FROM unit ORDER BY id"));
    Ids leaders = ids_of(db, DB_SQL("SELECT DISTINCT person_id FROM measure_leader ORDER BY 1"));
    Ids orgs = ids_of(db, DB_SQL("SELECT DISTINCT org_unit_id FROM inspection"
                                 " WHERE org_unit_id IS NOT NULL ORDER BY 1"));
    long seen[DUTY__COUNT] = {0};
    for (int i = 0; i < days; i++) {
        Day d = first + i;
        if (i == days / 4)
            write_first(db, d);
        if (i == days / 2)
            write_second(db, d);
        bool writes = i == days / 4 || i == days / 2;
        bool pages = i % 4 == 0 || writes;
        for (int k = 0; k < units.n; k++)
            if (every_day(units.n, k, i) || writes)
                compare_scope(db, &(OweScope){.unit_id = units.v[k]}, d, pages, seen);
        for (int k = 0; k < leaders.n; k++)
            if (every_day(leaders.n, k, i) || writes)
                compare_scope(db, &(OweScope){.person_id = leaders.v[k]}, d, pages, seen);
        for (int k = 0; k < orgs.n; k++)
            compare_scope(db, &(OweScope){.office = true, .org_unit_id = orgs.v[k]}, d, pages,
                          seen);
        /* Every organisation's office (a user of no organisation): the county's one. */
        if (orgs.n <= 1)
            compare_scope(db, &(OweScope){.office = true}, d, pages, seen);
        /* A user of several roles: a unit's liaison who leads and works in the office. */
        if (units.n && leaders.n)
            compare_scope(db,
                          &(OweScope){.unit_id = units.v[i % units.n],
                                      .person_id = leaders.v[i % leaders.n],
                                      .office = true,
                                      .org_unit_id = orgs.n ? orgs.v[0] : 0},
                          d, pages, seen);
    }
    /* The comparison means something only if every kind occurred. */
    for (int k = 0; k < DUTY__COUNT; k++)
        if (!seen[k])
            fail_msg("no duty of kind %s occurred", ledger_owed_name((OwedKind)k));
    free(units.v);
    free(leaders.v);
    free(orgs.v);
}

static void run_demo(DemoScale scale)
{
    Db db;
    test_demo_open(&db, scale, 7);
    compare_all(&db, test_day(TEST_DEMO_TODAY) - days / 2);
    db_close(&db);
}

static void test_county(void **state)
{
    (void)state;
    run_demo(DEMO_COUNTY);
}

static void test_province(void **state)
{
    (void)state;
    run_demo(DEMO_PROVINCE);
}

int main(void)
{
    days = test_env_int("ZG_DUTY_SQL_DAYS", 4, 400, days);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_county),
        cmocka_unit_test(test_province),
    };
    return test_result(cmocka_run_group_tests(tests, NULL, NULL));
}
