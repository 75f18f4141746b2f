/*
** test_pg_bulk.c: the demo's bulk load (db/bulk_store.c) on PostgreSQL against SQLite's row by
** row: the county demo writes the same rows into both (counts of every table the load touches,
** the tallies, each measure's last report day); the trigger suspended for the load works again
** after it; text with COPY's special bytes (tab, newline, backslash, "\N") comes back unchanged.
*/
#include "testutil.h"

#include "db/activity_store.h"
#include "db/bulk_store.h"
#include "demo/demo.h"
#include "pgtest.h"

#include <stdio.h>
#include <stdlib.h>

/* Measures whose last report day is not the one their counted reports give. */
#define STALE_LAST_REPORT                                                                          \
    "SELECT count(*) FROM measure m WHERE coalesce(m.last_report_on, '') <> coalesce((SELECT"    \
    " max(p.reported_on) FROM progress p WHERE p.measure_id = m.id"                               \
    " AND p.state IN ('submitted', 'accepted')), '')"

static const char *uri;
static char sqlite_path[512];

static void open_ok(Db *db, const char *path)
{
    Err err = ERR_INIT;
    if (db_open(db, path, DB_CREATE, &err) < 0 || db_migrate(db, &err) < 0)
        fail_msg("open %s: %s", path, err.msg);
}

static int64_t scalar(Db *db, const char *sql)
{
    Err err = ERR_INIT;
    int64_t v = -1;
    if (db_scalar(db, sql, DB_NOARGS, &v, &err) < 0)
        fail_msg("%s: %s", sql, err.msg);
    return v;
}

static void demo_ok(Db *db)
{
    DemoOptions opt = {DEMO_COUNTY, 1, date_from_ymd(2026, 11, 21), NULL};
    DemoSummary sum;
    Err err = ERR_INIT;
    if (demo_generate(db, &opt, &sum, &err) < 0)
        fail_msg("demo: %s", err.msg);
    assert_int_equal(sum.measures, 300);
}

/* The same county demo through COPY (PostgreSQL) and through INSERTs (SQLite): the same rows. */
static void test_same_rows(void **state)
{
    (void)state;
    Db pg, sq;
    open_ok(&pg, uri);
    open_ok(&sq, sqlite_path);
    demo_ok(&pg);
    demo_ok(&sq);
    static const char *const checks[] = {
        DB_SQL("SELECT count(*) FROM measure"),
        DB_SQL("SELECT count(*) FROM measure_leader"),
        DB_SQL("SELECT count(*) FROM measure_co_unit"),
        DB_SQL("SELECT count(*) FROM progress"),
        DB_SQL("SELECT count(*) FROM event"),
        DB_SQL("SELECT count(*) FROM review"),
        DB_SQL("SELECT count(*) FROM evidence"),
        DB_SQL("SELECT sum(percent) FROM progress"),
        DB_SQL("SELECT sum(percent + return_count * 1000) FROM measure"),
        DB_SQL("SELECT sum(n * length(state)) FROM measure_tally"),
        DB_SQL("SELECT count(*) FROM measure WHERE last_report_on IS NOT NULL"),
        /* Each measure's last report day is the one its reports give (the suspended trigger's). */
        DB_SQL(STALE_LAST_REPORT),
        DB_SQL("SELECT count(*) FROM event WHERE comment LIKE '%整改到位%'"),
        DB_SQL("SELECT max(id) FROM measure"),
    };
    for (size_t i = 0; i < ARRAY_SIZE(checks); i++) {
        int64_t a = scalar(&pg, checks[i]), b = scalar(&sq, checks[i]);
        if (a != b)
            fail_msg("%s: PostgreSQL %lld, SQLite %lld", checks[i], (long long)a, (long long)b);
    }
    assert_int_equal(scalar(&pg, DB_SQL(STALE_LAST_REPORT)), 0);
    /*
    ** bulk_end's update of last_report_on left the indexes alone (HOT updates only). This
    ** backend made the updates: its counts reach pg_stat_user_tables when it flushes them, which
    ** pg_stat_force_next_flush asks for at the next transaction's end; read before that, the counts
    ** could be none yet (a check that passes without checking) or half flushed.
    */
    int64_t upd = 0, not_hot = -1;
    Err e2 = ERR_INIT;
    if (db_exec(&pg, "SELECT pg_stat_force_next_flush()", &e2) < 0)
        fail_msg("flush: %s", e2.msg);
    db_scalar(&pg, DB_SQL("SELECT n_tup_upd FROM pg_stat_user_tables WHERE relname = 'measure'"),
              DB_NOARGS, &upd, &e2);
    db_scalar(&pg,
              DB_SQL("SELECT n_tup_upd - n_tup_hot_upd FROM pg_stat_user_tables"
                     " WHERE relname = 'measure'"),
              DB_NOARGS, &not_hot, &e2);
    if (upd <= 0)
        fail_msg("no measure update counted (%s)", e2.msg);
    if (not_hot != 0)
        fail_msg("%lld of %lld measure updates were not HOT", (long long)not_hot, (long long)upd);
    /* The trigger is back: a later report moves its measure's last report day. */
    Err err = ERR_INIT;
    Progress p = {0};
    p.measure_id = 1;
    p.body = "后续报送";
    p.state = PROGRESS_ACCEPTED;
    p.reported_on = date_from_ymd(2026, 12, 31);
    assert_int_equal(progress_store_insert(&pg, &p, &err), 0);
    assert_int_equal(scalar(&pg, DB_SQL("SELECT count(*) FROM measure WHERE id = 1"
                                        " AND last_report_on = '2026-12-31'")),
                     1);
    db_close(&pg);
    db_close(&sq);
}

/* COPY's special bytes in text, on both engines. */
static void test_special_text(void **state)
{
    (void)state;
    static const char text[] = "第一行\t制表\n第二行 \\ 反斜杠 \\N 与 \r 回车";
    const char *paths[] = {uri, sqlite_path};
    for (int k = 0; k < 2; k++) {
        Db db;
        Err err = ERR_INIT;
        open_ok(&db, paths[k]);
        DbBulk b;
        assert_int_equal(db_begin(&db, &err), 0);
        assert_int_equal(bulk_begin(&db, &b, &err), 0);
        Progress p = {0};
        p.measure_id = 2;
        p.body = text;
        p.period = "2026-11-01";
        p.percent = 42;
        p.state = PROGRESS_ACCEPTED;
        p.reported_on = date_from_ymd(2026, 11, 20);
        Event e = {0};
        e.measure_id = 2;
        e.action = "report";
        e.comment = text;
        int rc = bulk_progress(&b, &p, &err);
        if (rc == 0)
            rc = bulk_event(&b, &e, &err);
        if (rc == 0)
            rc = bulk_review(&b, 2, STAGE_LEAD_REVIEW, DECISION_RETURNED, text, 0, &err);
        if (db_finish(&db, bulk_end(&b, rc, &err), &err) < 0)
            fail_msg("bulk on %s: %s", paths[k], err.msg);
        DbStmt *st = db_query(&db, DB_SQL("SELECT (SELECT count(*) FROM progress WHERE body = ?1"
                                          " AND percent = 42), (SELECT count(*) FROM event"
                                          " WHERE comment = ?1), (SELECT count(*) FROM review"
                                          " WHERE comment = ?1 AND reviewer_id IS NULL)"),
                              DB_ARGS(DB_TEXT(text)));
        assert_int_equal(db_step(&db, st, &err), 1);
        for (int c = 0; c < 3; c++)
            if (db_col_int(st, c) != 1)
                fail_msg("column %d on %s: %lld rows", c, paths[k], (long long)db_col_int(st, c));
        db_reset(st);
        db_close(&db);
    }
}

int main(void)
{
    uri = pgtest_db("zg_test_bulk");
    const char *tmp = getenv("ZG_TMP");
    char files[512];
    snprintf(files, sizeof files, "%s/pg_bulk_files", tmp ? tmp : "/tmp");
    setenv("ZHENGGAI_FILES", files, 1);
    snprintf(sqlite_path, sizeof sqlite_path, "%s/pg_bulk.db", tmp ? tmp : "/tmp");
    static const char *const leftovers[] = {"", "-wal", "-shm", ".audit-key"};
    for (size_t i = 0; i < ARRAY_SIZE(leftovers); i++) {
        char path[600];
        snprintf(path, sizeof path, "%s%s", sqlite_path, leftovers[i]);
        remove(path);
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_rows),
        cmocka_unit_test(test_special_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
