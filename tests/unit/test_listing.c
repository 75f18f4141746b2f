/*
** test_listing.c: the measure listing behind the 措施清单 page and the API (web/listing.h),
** against a county demo database: sorting by deadline, keyset pages that are disjoint and cover
** every row, a unit user's scope checked against independent SQL, light filtering, and bad
** parameters (unknown sort, forged cursor, SQL in a parameter) refused with 400. On SQLite, and
** on PostgreSQL when tests/pg runs it again with ZG_UNIT_PG=1: its own checks are portable SQL.
**
** The same checks on larger ledgers (issue 11): ZG_LISTING_SCALE=city generates the city demo
** (one inspection of 10,000 measures; ctest's unit/test_listing_city), and ZG_LISTING_DB=PATH
** runs them on a database already there, such as bench/pagecost.sh's nation dataset (900,000
** measures, never generated here: bench/listing_nation.sh), as the users ZG_LISTING_OFFICE and
** ZG_LISTING_UNIT (default "office" and "unit"). Every expected figure is the test's own SQL over
** what the user may see; the demo's sizes (300, 10,000) are checked besides where generated.
** The one write (the tally case) stays in the first inspection and is rolled back.
*/
#include "testutil.h"

#include "db/measure_store.h"
#include "db/user_store.h"
#include "demo/demo.h"
#include "web/listing.h"

static Db db;
static const char *office = "office", *unit = "unit";
static int64_t demo_size;   /* the generated demo's measures; 0 for a database given */
static int64_t all_ids;     /* the largest measure id (the walks' bitmap) */
static int64_t n_table;     /* rows of the measure table */
static int64_t first_insp;  /* the first inspection, where the tally case writes */

/* The first column of the test's own query (on either engine), ?1 bound to `bind` if used. */
static int64_t sql_int(const char *sql, int64_t bind)
{
    Err err = ERR_INIT;
    DbStmt *st = db_prepare(&db, sql);
    if (strstr(sql, "?1"))
        db_bind_int(st, 1, bind);
    int rc = db_step(&db, st, &err);
    int64_t v = rc == 1 ? db_col_int(st, 0) : 0;
    db_reset(st);
    if (rc != 1)
        fail_msg("test SQL gave no row (%s): %s", err.msg, sql);
    return v;
}

static const char *env_or(const char *name, const char *dflt)
{
    const char *v = getenv(name);
    return v && *v ? v : dflt;
}

static int setup(void **state)
{
    (void)state;
    office = env_or("ZG_LISTING_OFFICE", office);
    unit = env_or("ZG_LISTING_UNIT", unit);
    const char *given = env_or("ZG_LISTING_DB", NULL);
    if (given) {
        Err err = ERR_INIT;
        if (db_open(&db, given, 0, &err) < 0 || db_bulk_cache(&db, &err) < 0)
            fail_msg("ZG_LISTING_DB: %s", err.msg);
    } else {
        int scale = demo_scale_parse(env_or("ZG_LISTING_SCALE", "county"));
        if (scale != DEMO_COUNTY && scale != DEMO_CITY)
            fail_msg("ZG_LISTING_SCALE must be county or city");
        demo_size = test_demo_open(&db, scale, 1);
        assert_int_equal(demo_size, scale == DEMO_COUNTY ? 300 : 10000);
    }
    all_ids = sql_int("SELECT coalesce(max(id), 0) FROM measure", 0);
    n_table = sql_int("SELECT count(*) FROM measure", 0);
    first_insp = sql_int("SELECT min(id) FROM inspection", 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    db_close(&db);
    return 0;
}

/* A request of user `login` with the query "name=value" pairs of params (NULL-terminated). */
static void request_init(Request *r, const char *login, const char *const *params)
{
    memset(r, 0, sizeof *r);
    r->arena = (Arena)ARENA_INIT;
    buf_init(&r->out);
    r->db = &db;
    r->json = true; /* errors as JSON: no page layout needed */
    r->status = 200;
    r->today = test_day("2026-11-21");
    r->path = "/measures";
    Err err = ERR_INIT;
    if (user_store_find(&db, &r->arena, login, &r->user, &err) < 0)
        fail_msg("no user %s: %s", login, err.msg);
    r->authed = true;
    int n = 0;
    while (params && params[2 * n])
        n++;
    r->query = ARENA_ARRAY(&r->arena, Param, n + 1);
    for (int i = 0; i < n; i++)
        r->query[i] = (Param){params[2 * i], params[2 * i + 1]};
    r->n_query = n;
}

static void request_done(Request *r)
{
    buf_free(&r->out);
    arena_free(&r->arena);
}

/*
** The office's measures in force, by the test's own SQL: those of the inspections of its
** organisation (every inspection when it has none).
*/
#define OFFICE_SCOPE                                                                               \
    " m.withdrawn_at IS NULL AND m.inspection_id IN (SELECT id FROM inspection"                  \
    " WHERE ?1 = 0 OR org_unit_id = ?1)"

static int64_t office_org(void)
{
    Request r;
    request_init(&r, office, NULL);
    int64_t org = r.user.org_unit_id;
    request_done(&r);
    return org;
}

/*
** One page of 25 for login in order sort after cursor `after` (NULL: the first page), with one
** more parameter when extra_name is set: *q and *p filled; done with request_done(r).
*/
static void fetch_page(Request *r, ListingQuery *q, ListingPage *p, const char *login,
                       const char *sort, const char *extra_name, const char *extra_value,
                       const char *after)
{
    const char *params[] = {"sort", sort, "limit", "25", "after", after ? after : "",
                            extra_name, extra_value, NULL};
    if (!extra_name)
        params[6] = NULL;
    request_init(r, login, params);
    assert_int_equal(listing_parse(r, q), 0);
    assert_int_equal(listing_measures(r, q, p), 0);
}

/* The id of the first row of the page that cursor `after` (NULL: the first page) opens. */
static int64_t prev_first(const char *login, const char *sort, const char *extra_name,
                          const char *extra_value, const char *after)
{
    Request r;
    ListingQuery q;
    ListingPage p;
    fetch_page(&r, &q, &p, login, sort, extra_name, extra_value, after);
    assert_true(p.n_rows > 0);
    int64_t id = p.rows[0].measure->id;
    request_done(&r);
    return id;
}

/* Walk every page of the query for login; return how many rows, checking order and overlap. */
static int walk_pages(const char *login, const char *sort, const char *extra_name,
                      const char *extra_value, int *total, int64_t only_unit)
{
    char *after = NULL;
    int seen = 0, pages = 0;
    unsigned char *ids = calloc((size_t)(all_ids / 8 + 1), 1); /* a bit per measure id seen */
    int64_t prev_page_first = 0;
    ListingKey last = {{0, 0, 0}, 0};
    bool have_last = false;
    for (;;) {
        Request r;
        ListingQuery q;
        ListingPage p;
        fetch_page(&r, &q, &p, login, sort, extra_name, extra_value, after);
        assert_true(p.n_rows <= 25);
        *total = p.total;
        /* The pager: the position of the first row, and a previous page that leads back to the
           page before (its first row is the one seen limit rows ago). */
        if (p.n_rows > 0)
            assert_int_equal(p.first, seen + 1);
        assert_int_equal(p.has_prev, pages > 0);
        if (pages > 0)
            assert_int_equal(prev_first(login, sort, extra_name, extra_value, p.prev),
                             prev_page_first);
        if (p.n_rows > 0)
            prev_page_first = p.rows[0].measure->id;
        for (int i = 0; i < p.n_rows; i++) {
            const Measure *m = p.rows[i].measure;
            ListingKey k = listing_key(q.sort, m, p.rows[i].light);
            if (have_last)
                assert_true(listing_key_cmp(&last, &k) < 0); /* strictly ascending, no repeat */
            last = k;
            have_last = true;
            assert_true(m->id > 0 && m->id <= all_ids);
            assert_false(ids[m->id / 8] & (1u << (m->id % 8))); /* disjoint pages */
            ids[m->id / 8] |= (unsigned char)(1u << (m->id % 8));
            seen++;
            if (only_unit) {
                bool mine = m->lead_unit_id == only_unit;
                for (int c = 0; c < m->n_co_units; c++)
                    mine = mine || m->co_unit_ids[c] == only_unit;
                assert_true(mine);
            }
        }
        free(after);
        after = p.next ? strdup(p.next) : NULL;
        pages++;
        request_done(&r);
        if (!after)
            break;
        assert_true(pages <= all_ids / 25 + 1);
    }
    free(ids);
    return seen;
}

static void test_deadline_sort_and_pages_cover_all(void **state)
{
    (void)state;
    int total = 0;
    int64_t org = office_org();
    int64_t expected = sql_int("SELECT count(*) FROM measure m WHERE" OFFICE_SCOPE, org);
    if (demo_size)
        assert_int_equal(expected, demo_size);
    int n = walk_pages(office, "deadline", NULL, NULL, &total, 0);
    assert_int_equal(total, expected);
    assert_int_equal(n, expected);
    /* The first page starts at the earliest deadline. */
    const char *params[] = {NULL};
    Request r;
    request_init(&r, office, params);
    ListingQuery q;
    assert_int_equal(listing_parse(&r, &q), 0);
    assert_int_equal(q.sort, LISTING_SORT_DEADLINE);
    ListingPage p;
    assert_int_equal(listing_measures(&r, &q, &p), 0);
    assert_int_equal(p.n_rows, LISTING_PAGE_SIZE);
    Err err = ERR_INIT;
    DbStmt *st = db_prepare(&db, "SELECT min(deadline) FROM measure m WHERE" OFFICE_SCOPE);
    db_bind_int(st, 1, org);
    assert_int_equal(db_step(&db, st, &err), 1);
    Day first = db_col_day(st, 0);
    db_reset(st);
    assert_true(first != DAY_NONE);
    assert_int_equal(p.rows[0].measure->deadline, first);
    for (int i = 1; i < p.n_rows; i++)
        assert_true(p.rows[i - 1].measure->deadline <= p.rows[i].measure->deadline);
    assert_non_null(p.rows[0].lead_unit);
    request_done(&r);
    /* Every other sort order pages through the same rows. */
    for (int s = 0; s < LISTING_SORT__COUNT; s++)
        assert_int_equal(walk_pages(office, listing_sort_name((ListingSort)s), NULL, NULL,
                                    &total, 0),
                         expected);
}

static void test_unit_scope(void **state)
{
    (void)state;
    Request r;
    request_init(&r, unit, NULL);
    int64_t unit_id = r.user.unit_id;
    request_done(&r);
    assert_true(unit_id > 0);
    /* A unit sees the measures in force that it leads or shares, of issued plans only. */
#define UNIT_SCOPE                                                                                 \
    " m.withdrawn_at IS NULL AND m.inspection_id IN (SELECT id FROM inspection"                  \
    " WHERE plan_state = 'issued') AND (m.lead_unit_id = ?1 OR EXISTS (SELECT 1 FROM"            \
    " measure_co_unit c WHERE c.measure_id = m.id AND c.unit_id = ?1))"
    int64_t expected = sql_int("SELECT count(*) FROM measure m WHERE" UNIT_SCOPE, unit_id);
    assert_true(expected > 0 && expected < n_table);
    int total = 0;
    assert_int_equal(walk_pages(unit, "deadline", NULL, NULL, &total, unit_id), expected);
    assert_int_equal(total, expected);
    /* Asking for another unit shows nothing rather than that unit's measures. */
    char other[24];
    snprintf(other, sizeof other, "%lld", (long long)(unit_id + 1));
    assert_int_equal(walk_pages(unit, "deadline", "unit", other, &total, unit_id), 0);
    assert_int_equal(total, 0);
    /* State filter within the scope agrees with SQL. */
    int64_t in_progress = sql_int(
        "SELECT count(*) FROM measure m WHERE m.state = 'in_progress' AND" UNIT_SCOPE, unit_id);
    assert_int_equal(walk_pages(unit, "deadline", "state", "in_progress", &total, unit_id),
                     in_progress);
}

static void test_light_filter(void **state)
{
    (void)state;
    const char *params[] = {"light", "red", "limit", "100", NULL};
    Request r;
    request_init(&r, office, params);
    ListingQuery q;
    assert_int_equal(listing_parse(&r, &q), 0);
    ListingPage p;
    assert_int_equal(listing_measures(&r, &q, &p), 0);
    assert_true(p.total > 0);
    for (int i = 0; i < p.n_rows; i++) {
        assert_int_equal(p.rows[i].light, LIGHT_RED);
        assert_true(p.rows[i].why & (WHY_OVERDUE | WHY_RETURNED | WHY_RELAPSED));
    }
    request_done(&r);
}

static void expect_400(const char *name, const char *value)
{
    const char *params[] = {name, value, NULL};
    Request r;
    request_init(&r, office, params);
    ListingQuery q;
    assert_int_equal(listing_parse(&r, &q), -1);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.out.data, "\"bad_request\""));
    request_done(&r);
}

static void test_invalid_parameters_rejected(void **state)
{
    (void)state;
    expect_400("sort", "title");
    expect_400("sort", "deadline; DROP TABLE measure");
    expect_400("state", "open' OR '1'='1");
    expect_400("light", "purple");
    expect_400("unit", "1 OR 1=1");
    expect_400("limit", "0");
    expect_400("limit", "101");
    expect_400("after", "x1.2.3.4");     /* not a cursor of the deadline order */
    expect_400("after", "d1.2.3");       /* too short */
    expect_400("after", "d1.2.3.4.5");   /* too long */
    expect_400("after", "d1.2.3.4~");    /* a position without digits */
    expect_400("after", "d1.2.3.4~-1");  /* a negative position */
    expect_400("after", "d1.2.3.4~1~2"); /* two positions */
    /* The table is still there and whole. */
    assert_int_equal(sql_int("SELECT count(*) FROM measure", 0), n_table);
}

/* The first row's position on the page that cursor `after` opens, for the office. */
static int first_at(const char *after)
{
    Request r;
    ListingQuery q;
    ListingPage p;
    fetch_page(&r, &q, &p, office, "deadline", NULL, NULL, after);
    int first = p.first;
    request_done(&r);
    return first;
}

/*
** A page's position comes with its cursor (no count of the rows before it): a cursor without one
** (an older version's link) reads as at least a page and a row in, a forged one is bounded by
** the total, and within the first two pages the page before makes it exact.
*/
static void test_cursor_position(void **state)
{
    (void)state;
    Request r;
    ListingQuery q;
    ListingPage p1, p2;
    fetch_page(&r, &q, &p1, office, "deadline", NULL, NULL, NULL);
    char *second = strdup(p1.next);
    int total = p1.total;
    request_done(&r);
    assert_true(total > 75);
    fetch_page(&r, &q, &p2, office, "deadline", NULL, NULL, second);
    char *third = strdup(p2.next);
    request_done(&r);
    assert_non_null(strstr(second, "~25"));
    assert_non_null(strstr(third, "~50"));
    assert_int_equal(first_at(second), 26);
    assert_int_equal(first_at(third), 51);
    char bare[128], forged[160];
    snprintf(bare, sizeof bare, "%.*s", (int)(strchr(third, '~') - third), third);
    assert_int_equal(first_at(bare), 27); /* unknown: a page and a row before it at least */
    snprintf(forged, sizeof forged, "%s~%d", bare, total + 1000);
    assert_int_equal(first_at(forged), total - 24); /* the last page's place at the most */
    snprintf(bare, sizeof bare, "%.*s", (int)(strchr(second, '~') - second), second);
    assert_int_equal(first_at(bare), 26); /* exact: fewer than a page and a row before */
    free(second);
    free(third);
}

/* The tally of measures per inspection and state equals a count of the table. */
static void assert_tally_exact(void)
{
    assert_int_equal(sql_int("SELECT count(*) FROM (SELECT inspection_id, state, count(*)"
                             " FROM measure WHERE withdrawn_at IS NULL GROUP BY 1, 2"
                             " EXCEPT SELECT inspection_id, state, n FROM measure_tally"
                             " WHERE n > 0) AS d", 0), 0);
    assert_int_equal(sql_int("SELECT count(*) FROM (SELECT inspection_id, state, n"
                             " FROM measure_tally WHERE n > 0 EXCEPT SELECT inspection_id, state,"
                             " count(*) FROM measure WHERE withdrawn_at IS NULL GROUP BY 1, 2) AS d", 0), 0);
}

/*
** measure_party holds every (unit or leader, measure) pair of the measures in force and nothing
** else (migrate_party_live.sql), and a count of one party's measures read from it alone
** (measure_store_count) equals SQL's count of the table under each filter it takes: state, open,
** led only, issued plans, an organisation, one inspection or all.
*/
static void assert_party_exact(int64_t org)
{
#define PARTY_PAIRS                                                                                \
    " SELECT 0, lead_unit_id, id FROM measure WHERE withdrawn_at IS NULL"                          \
    " AND lead_unit_id IS NOT NULL UNION SELECT 0, c.unit_id, m.id FROM measure_co_unit c"         \
    " JOIN measure m ON m.id = c.measure_id WHERE m.withdrawn_at IS NULL UNION SELECT 1,"          \
    " l.person_id, m.id FROM measure_leader l JOIN measure m ON m.id = l.measure_id"               \
    " WHERE m.withdrawn_at IS NULL"
    assert_int_equal(sql_int("SELECT count(*) FROM (" PARTY_PAIRS " EXCEPT SELECT kind, party_id,"
                             " measure_id FROM measure_party) AS d",
                             0),
                     0);
    assert_int_equal(sql_int("SELECT count(*) FROM (SELECT kind, party_id, measure_id FROM"
                             " measure_party EXCEPT SELECT * FROM (" PARTY_PAIRS ") AS e) AS d",
                             0),
                     0);
    assert_int_equal(sql_int("SELECT count(*) FROM measure_party k JOIN measure m ON m.id ="
                             " k.measure_id WHERE k.lead <> (CASE WHEN k.kind = 0 AND"
                             " m.lead_unit_id = k.party_id THEN 1 ELSE 0 END)",
                             0),
                     0);
    int64_t parties[6][2] = {
        {0, sql_int("SELECT min(lead_unit_id) FROM measure", 0)},
        {0, sql_int("SELECT max(lead_unit_id) FROM measure", 0)},
        {0, sql_int("SELECT min(unit_id) FROM measure_co_unit", 0)},
        {1, sql_int("SELECT min(person_id) FROM measure_leader", 0)},
        {1, sql_int("SELECT max(person_id) FROM measure_leader", 0)},
        {0, 999999999},
    };
    long compared = 0, nonzero = 0;
    for (int p = 0; p < 6; p++)
        for (int v = 0; v < 48; v++) {
            MeasureFilter f = MEASURE_FILTER_ALL;
            f.unit_id = parties[p][0] == 0 ? parties[p][1] : 0;
            f.leader_id = parties[p][0] == 1 ? parties[p][1] : 0;
            f.inspection_id = v & 1 ? first_insp : 0;
            f.state = v & 2 ? STATE_IN_PROGRESS : -1;
            f.open = (v & 4) != 0;
            f.lead_only = f.unit_id && (v & 8);
            f.issued_only = (v & 16) != 0;
            f.org_unit_id = v >= 32 ? org : 0;
            char party[200], sql[1200];
            if (f.unit_id)
                snprintf(party, sizeof party,
                         "m.lead_unit_id = %lld OR EXISTS (SELECT 1 FROM"
                         " measure_co_unit c WHERE c.measure_id = m.id AND c.unit_id = %lld)",
                         (long long)f.unit_id, (long long)f.unit_id);
            else
                snprintf(party, sizeof party,
                         "EXISTS (SELECT 1 FROM measure_leader l WHERE"
                         " l.measure_id = m.id AND l.person_id = %lld)",
                         (long long)f.leader_id);
            snprintf(sql, sizeof sql,
                     "SELECT count(*) FROM measure m WHERE m.withdrawn_at IS NULL AND (%s)"
                     " AND (%lld = 0 OR m.inspection_id = %lld) AND (%d < 0 OR m.state ="
                     " 'in_progress') AND (%d = 0 OR m.state <> 'closed') AND (%d = 0 OR"
                     " m.lead_unit_id = %lld) AND (%d = 0 OR m.inspection_id IN (SELECT id FROM"
                     " inspection WHERE plan_state = 'issued')) AND (%lld = 0 OR m.org_unit_id ="
                     " %lld)",
                     party, (long long)f.inspection_id, (long long)f.inspection_id, f.state, f.open,
                     f.lead_only, (long long)f.unit_id, f.issued_only, (long long)f.org_unit_id,
                     (long long)f.org_unit_id);
            Err err = ERR_INIT;
            int64_t n;
            if (measure_store_count(&db, &f, -1, NULL, &n, &err) < 0)
                fail_msg("count: %s", err.msg);
            int64_t want = test_sql_int(&db, sql); /* interned: sql is a reused buffer */
            if (n != want)
                fail_msg("party %lld/%lld, variant %d: counted %lld, SQL %lld (%s)",
                         (long long)parties[p][0], (long long)parties[p][1], v, (long long)n,
                         (long long)want, sql);
            compared++;
            nonzero += want > 0;
        }
    assert_true(nonzero > compared / 4);
}

static void test_tally_follows_changes(void **state)
{
    (void)state;
    assert_tally_exact();
    /* Whoever writes (here plain SQL, in a transaction rolled back below), the triggers keep it. */
    Err err = ERR_INIT;
    char sql[512];
    snprintf(sql, sizeof sql,
             "UPDATE measure SET state = 'closed' WHERE id %% 7 = 0 AND inspection_id = %lld;"
             " DELETE FROM measure WHERE id %% 11 = 0 AND inspection_id = %lld;"
             " UPDATE measure SET withdrawn_at = '2026-11-20' WHERE id %% 13 = 0"
             " AND inspection_id = %lld;",
             (long long)first_insp, (long long)first_insp, (long long)first_insp);
    int64_t org = office_org();
    assert_int_equal(db_begin(&db, &err), 0);
    assert_party_exact(org);
    test_sql_exec(&db, sql);
    assert_tally_exact();
    assert_party_exact(org);
    /* The office's open count (from the tally) agrees with the table. */
    const char *params[] = {"state", "open", NULL};
    Request r;
    request_init(&r, office, params);
    ListingQuery q;
    assert_int_equal(listing_parse(&r, &q), 0);
    int64_t n;
    assert_int_equal(listing_count(&r, &q, &n), 0);
    assert_int_equal(n, sql_int("SELECT count(*) FROM measure m WHERE m.state <> 'closed' AND"
                                OFFICE_SCOPE, org));
    request_done(&r);
    db_rollback(&db);
    assert_tally_exact();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deadline_sort_and_pages_cover_all),
        cmocka_unit_test(test_unit_scope),
        cmocka_unit_test(test_light_filter),
        cmocka_unit_test(test_invalid_parameters_rejected),
        cmocka_unit_test(test_cursor_position),
        cmocka_unit_test(test_tally_follows_changes),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
