/*
** test_dash_touch.c: the dashboard's kept figures (db/dash_store.c, DashMeasures) brought up to
** date from the log of touched measures (migrate_touch.sql) equal the figures read whole, after
** each kind of write that changes what a measure's figures read: a progress report submitted,
** returned and deleted, and a second one on a day, which must not write its measure again; a
** supervision opened past its respond-by and closed; a leader added and removed; a co-unit added
** and removed (the measure enters and leaves a unit's scope); the lead unit changed; a measure
** withdrawn and restored, closed, given another deadline, deleted, and a new one added; and a
** write elsewhere. Each is compared for the whole inspection and for a unit's scope, on the demos'
** today and on a day when reports are owed, and the update must not have read the scope whole.
** Then the cases that must read it whole: more than an eighth of the scope changed, rows missing
** from the log, a log behind what was seen (a database put back from a copy), another day. Each
** time the kept measures' counts by state and light (整改台账's, dash_counts) equal the list's SQL
** counts (measure_store_counts), and their rows in ledger order a tree's (measure_store_tree).
** Last, the log keeps itself short: 5,000 rows added at once leave at most 4,096 (PostgreSQL:
** 4,096 + 256, and a floor that makes a reader behind it read whole).
** Also on PostgreSQL (pg_migrate_touch_log.sql), where a reader's place is a snapshot: "rows
** missing" is a floor above it, "behind" a log whose seq started again.
*/
#include "testutil.h"

#include "db/inspection_store.h"
#include "demo/demo.h"
#include "web/dash.h"

#include <string.h>

typedef struct Kept {
    DashScope scope;
    MeasureLightDay day;
    DashMeasures *m;
} Kept;

static int64_t inspection, unit, other_unit, person;

static void kept_init(Db *db, Kept *k, int64_t scope_unit, const char *day)
{
    Err err = ERR_INIT;
    Arena a = ARENA_INIT;
    Inspection in;
    if (inspection_store_get(db, &a, inspection, &in, &err) < 0)
        fail_msg("inspection: %s", err.msg);
    ledger_light_day(test_day(day), &k->day);
    dash_scope(&in, scope_unit, &k->day, &k->scope);
    k->m = dash_measures_new();
    bool whole;
    if (dash_measures_update(db, k->m, &k->scope, &whole, &err) < 0)
        fail_msg("update: %s", err.msg);
    assert_true(whole);
    arena_free(&a);
}

static void expect_same(const DashGroup *x, int nx, const DashGroup *y, int ny, const char *what)
{
    if (nx != ny)
        fail_msg("%s: %d groups kept, %d read whole", what, nx, ny);
    for (int i = 0; i < nx; i++) {
        const DashGroup *a = &x[i], *b = &y[i];
        bool names = (!a->name && !b->name) || (a->name && b->name && !strcmp(a->name, b->name));
        if (a->part != b->part || a->party != b->party || a->day != b->day ||
            a->state != b->state || a->n != b->n || a->overdue != b->overdue ||
            a->expected != b->expected || a->on_time != b->on_time || a->status != b->status ||
            memcmp(a->by_light, b->by_light, sizeof a->by_light) || !names)
            fail_msg("%s: group %d (part %d, party %lld, state %d): n %lld/%lld, red %lld/%lld,"
                     " overdue %lld/%lld, expected %lld/%lld, on time %lld/%lld (kept/whole)",
                     what, i, a->part, (long long)a->party, a->state, (long long)a->n,
                     (long long)b->n, (long long)a->by_light[2], (long long)b->by_light[2],
                     (long long)a->overdue, (long long)b->overdue, (long long)a->expected,
                     (long long)b->expected, (long long)a->on_time, (long long)b->on_time);
    }
}

/* Bring k up to date and compare it with a whole read; whether it read whole. */
static bool check(Db *db, Kept *k, const char *what)
{
    Err err = ERR_INIT;
    Arena a = ARENA_INIT;
    bool whole;
    DashGroup *x = NULL, *y = NULL;
    int nx = 0, ny = 0;
    if (dash_measures_update(db, k->m, &k->scope, &whole, &err) < 0 ||
        dash_measures_groups(db, k->m, &a, &x, &nx, &err) < 0 ||
        dash_store_read(db, &a, &k->scope, &y, &ny, &err) < 0)
        fail_msg("%s: %s", what, err.msg);
    expect_same(x, nx, y, ny, what);
    /* The counts of 整改台账 (dash_counts) as the list's SQL counts the same measures. */
    MeasureFilter f = MEASURE_FILTER_ALL;
    f.inspection_id = k->scope.inspection_id;
    f.unit_id = k->scope.unit_id;
    f.issued_only = f.unit_id != 0;
    MeasureCounts got, want;
    if (dash_measures_counts(k->m, &got, &err) < 0 ||
        measure_store_counts(db, &f, &k->day, &want, &err) < 0)
        fail_msg("%s: counts: %s", what, err.msg);
    if (memcmp(&got, &want, sizeof got))
        fail_msg("%s: counts: %lld/%lld measures, %lld/%lld led, red %lld/%lld, closed %lld/%lld"
                 " (kept/SQL)",
                 what, (long long)got.total, (long long)want.total, (long long)got.lead,
                 (long long)want.lead, (long long)got.by_light[2], (long long)want.by_light[2],
                 (long long)got.by_light[3], (long long)want.by_light[3]);
    /* A tree's rows in ledger order (dash_measures_tree) as measure_store_tree reads them. */
    MeasureTreeRow *tg, *tw;
    int ng, nw;
    dash_measures_tree(k->m, &a, &tg, &ng);
    if (measure_store_tree(db, &a, &f, -1, &k->day, MEASURE_ORDER_LEDGER, &tw, &nw, &err) < 0)
        fail_msg("%s: tree: %s", what, err.msg);
    if (ng != nw)
        fail_msg("%s: tree: %d rows kept, %d read", what, ng, nw);
    for (int i = 0; i < ng; i++)
        if (tg[i].id != tw[i].id || tg[i].finding_id != tw[i].finding_id ||
            tg[i].status != tw[i].status)
            fail_msg("%s: tree row %d: measure %lld/%lld, status %d/%d (kept/read)", what, i,
                     (long long)tg[i].id, (long long)tw[i].id, tg[i].status, tw[i].status);
    arena_free(&a);
    return whole;
}

/* sql with {I} the inspection, {U} the unit, {O} the other unit and {P} the person, into
   text[0..size). */
static void expand(const char *sql, char *text, size_t size)
{
    size_t k = 0;
    for (const char *p = sql; *p && k + 24 < size; p++) {
        int64_t v = !strncmp(p, "{I}", 3)   ? inspection
                    : !strncmp(p, "{U}", 3) ? unit
                    : !strncmp(p, "{O}", 3) ? other_unit
                    : !strncmp(p, "{P}", 3) ? person
                                            : -1;
        if (v < 0) {
            text[k++] = *p;
            continue;
        }
        k += (size_t)snprintf(text + k, size - k, "%lld", (long long)v);
        p += 2;
    }
    text[k] = '\0';
}

/* Run sql (expand), then bring every kept scope of ks[0..n) up to date from the log. */
static void write_then_check(Db *db, Kept *ks, int n, const char *sql)
{
    char text[1200];
    expand(sql, text, sizeof text);
    test_sql_exec(db, text);
    for (int i = 0; i < n; i++)
        if (check(db, &ks[i], text))
            fail_msg("read whole after: %s", text);
}

/* The unit's k-th measure in force and not closed; the other unit's first that the unit
   co-leads (co: IN) or not (NOT IN). */
#define OF_UNIT(k)                                                                                 \
    "(SELECT id FROM measure WHERE inspection_id = {I} AND lead_unit_id = {U}"               \
    " AND withdrawn_at IS NULL AND state <> 'closed' ORDER BY id LIMIT 1 OFFSET " #k ")"
#define OF_OTHER(co)                                                                               \
    "(SELECT id FROM measure WHERE inspection_id = {I} AND lead_unit_id = {O} AND id " co          \
    " (SELECT measure_id FROM measure_co_unit WHERE unit_id = {U}) ORDER BY id LIMIT 1)"

/* One of its measures that no rule of the red light holds yet. */
#define GREEN                                                                                      \
    "(SELECT id FROM measure WHERE inspection_id = {I} AND lead_unit_id = {U}"                     \
    " AND withdrawn_at IS NULL AND state IN ('not_started','in_progress') AND return_count < 2"    \
    " AND deadline > '2027-01-31' ORDER BY id LIMIT 1)"

static const char *const writes[] = {
    "INSERT INTO progress (measure_id, unit_id, body, state, reported_on, created_at)"
    " SELECT id, lead_unit_id, '本周进展', 'submitted', '2026-11-20', '2026-11-20T08:00:00Z'"
    " FROM measure WHERE id = " OF_UNIT(0),
    "UPDATE progress SET state = 'returned' WHERE id = (SELECT max(id) FROM progress)",
    "DELETE FROM progress WHERE id = (SELECT max(id) FROM progress)",
    "INSERT INTO supervision (inspection_id, measure_id, kind, state, issued_on, respond_by)"
    " SELECT {I}, " GREEN ", 'written', 'open', '2026-10-01', '2026-10-15'",
    "UPDATE supervision SET state = 'lifted' WHERE id = (SELECT max(id) FROM supervision)",
    "INSERT INTO measure_leader (measure_id, person_id) SELECT " OF_UNIT(2) ", {P}"
    " ON CONFLICT DO NOTHING",
    "DELETE FROM measure_leader WHERE measure_id = " OF_UNIT(3),
    "INSERT INTO measure_co_unit (measure_id, unit_id) SELECT " OF_OTHER("NOT IN") ", {U}",
    "DELETE FROM measure_co_unit WHERE measure_id = " OF_OTHER("IN") " AND unit_id = {U}",
    "UPDATE measure SET lead_unit_id = {O} WHERE id = " OF_UNIT(4),
    "UPDATE measure SET withdrawn_at = '2026-11-01T00:00:00Z' WHERE id = " OF_UNIT(5),
    "UPDATE measure SET withdrawn_at = NULL WHERE withdrawn_at = '2026-11-01T00:00:00Z'",
    "UPDATE measure SET state = 'closed', closed_at = '2026-11-02' WHERE id = " OF_UNIT(6),
    "UPDATE measure SET deadline = '2026-11-10' WHERE id = " OF_UNIT(7),
    "UPDATE measure SET deadline = '2026-11-25' WHERE id = " OF_UNIT(8),
    "DELETE FROM measure WHERE id = " OF_UNIT(9),
    "INSERT INTO unit (name) VALUES ('测试单位')",
};

static void test_touched(void **state)
{
    (void)state;
    Db db;
    test_demo_open(&db, DEMO_COUNTY, 1);
    inspection = test_sql_int(&db, "SELECT min(id) FROM inspection");
    char sql[400];
    snprintf(sql, sizeof sql,
             "SELECT lead_unit_id FROM measure WHERE inspection_id = %lld AND lead_unit_id IS NOT"
             " NULL GROUP BY lead_unit_id ORDER BY count(*) DESC, lead_unit_id LIMIT 2",
             (long long)inspection);
    unit = test_sql_int(&db, sql);
    snprintf(sql, sizeof sql,
             "SELECT lead_unit_id FROM measure WHERE inspection_id = %lld AND lead_unit_id <> %lld"
             " GROUP BY lead_unit_id ORDER BY count(*) DESC, lead_unit_id LIMIT 1",
             (long long)inspection, (long long)unit);
    other_unit = test_sql_int(&db, sql);
    person = test_sql_int(&db, "SELECT min(id) FROM person");
    assert_true(test_sql_int(&db, "SELECT count(*) FROM inspection WHERE plan_state = 'issued'"));
    /* The whole inspection and the unit's scope, on the demos' today and on a Monday when the
       week's report is owed. */
    Kept ks[4];
    kept_init(&db, &ks[0], 0, TEST_DEMO_TODAY);
    kept_init(&db, &ks[1], unit, TEST_DEMO_TODAY);
    kept_init(&db, &ks[2], 0, "2026-12-14");
    kept_init(&db, &ks[3], unit, "2026-12-14");
    for (size_t i = 0; i < sizeof writes / sizeof writes[0]; i++)
        write_then_check(&db, ks, 4, writes[i]);
    /* A second report on one day counts nothing new for its measure: the figures stay right and
       the measure is not written again (migrate_quiet_report.sql). */
    write_then_check(&db, ks, 4, writes[0]);
    int64_t seq = test_sql_int(&db, "SELECT max(seq) FROM measure_touch");
    write_then_check(&db, ks, 4, writes[0]);
    assert_int_equal(test_sql_int(&db, "SELECT max(seq) FROM measure_touch"), seq);
    /* A new measure in the unit's scope: a copy of one of its measures. */
    write_then_check(&db, ks, 4,
                     "INSERT INTO measure (finding_id, inspection_id, ordinal, title, body, kind,"
                     " lead_unit_id, deadline, state, created_at, updated_at) SELECT finding_id,"
                     " inspection_id, ordinal + 1000, title || '（补充）', body, kind,"
                     " lead_unit_id, '2026-11-22', 'in_progress', created_at, updated_at"
                     " FROM measure WHERE id = " OF_UNIT(0));
    /* More than an eighth of the scope: read whole, and right. */
    snprintf(sql, sizeof sql,
             test_on_pg() ? "UPDATE measure SET deadline = to_char(CAST(deadline AS date) + 1,"
                            " 'YYYY-MM-DD') WHERE inspection_id = %lld AND deadline IS NOT NULL"
                          : "UPDATE measure SET deadline = date(deadline, '+1 day') WHERE"
                            " inspection_id = %lld AND deadline IS NOT NULL",
             (long long)inspection);
    test_sql_exec(&db, sql);
    assert_true(check(&db, &ks[0], "many changed"));
    /* Rows missing from the log between what was seen and its end. */
    expand("UPDATE measure SET deadline = '2026-11-23' WHERE id = " OF_UNIT(0), sql, sizeof sql);
    test_sql_exec(&db, sql);
    test_sql_exec(&db, sql);
    if (test_on_pg()) {
        /* Pruned past the snapshot: the floor above its xmin (then put back, so that other
           transactions on the cluster holding the xmin back cannot make later reads whole). */
        test_sql_exec(&db, "UPDATE measure_touch_floor SET xid ="
                           " CAST(CAST(pg_current_xact_id() AS text) AS bigint)");
        assert_true(check(&db, &ks[0], "log cut"));
        test_sql_exec(&db, "UPDATE measure_touch_floor SET xid = 0");
    } else {
        test_sql_exec(&db, "DELETE FROM measure_touch WHERE seq = (SELECT max(seq) - 1 FROM"
                           " measure_touch)");
        assert_true(check(&db, &ks[0], "log cut"));
    }
    /* A log behind what was seen (a copy put back, its sequence with it): read whole. */
    test_sql_exec(&db, "DELETE FROM measure_touch");
    if (test_on_pg())
        test_sql_exec(&db, "SELECT setval(pg_get_serial_sequence('measure_touch', 'seq'), 1,"
                           " false)");
    test_sql_exec(&db, sql);
    assert_true(check(&db, &ks[0], "log behind"));
    /* Nothing written: kept as it is; another day: read whole. */
    assert_false(check(&db, &ks[0], "nothing written"));
    ks[0].day.day++;
    assert_true(check(&db, &ks[0], "another day"));
    /* The log bounded: 5,000 rows at once, each insert's trigger pruning (on PostgreSQL
       raising the floor); a reader behind them reads whole. */
    test_sql_exec(&db, sql);
    test_sql_exec(&db, test_on_pg() ? "SELECT zg_touch(0) FROM generate_series(1, 5000)"
                                    : "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1"
                                      " FROM n WHERE i < 5000) INSERT INTO measure_touch(measure_id)"
                                      " SELECT 0 FROM n");
    int64_t rows = test_sql_int(&db, "SELECT count(*) FROM measure_touch");
    if (rows > (test_on_pg() ? 4096 + 256 : 4096))
        fail_msg("the touch log holds %lld rows", (long long)rows);
    if (test_on_pg())
        assert_true(test_sql_int(&db, "SELECT xid FROM measure_touch_floor") > 0);
    assert_true(check(&db, &ks[1], "log pruned"));
    for (int i = 0; i < 4; i++)
        dash_measures_free(ks[i].m);
    db_close(&db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_touched),
    };
    return test_result(cmocka_run_group_tests(tests, NULL, NULL));
}
