/*
** testutil.c: helpers shared by the unit tests (testutil.h).
*/
#include "testutil.h"

#include "demo/demo.h"
#include "import/grammar.h"
#include "pgtest.h"

#include <stdlib.h>
#include <string.h>

#include <unistd.h>

static char tmp_path[64];

static void remove_tmp(void)
{
    char p[80];
    unlink(tmp_path);
    snprintf(p, sizeof p, "%s-wal", tmp_path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", tmp_path);
    unlink(p);
}

static const char *last_path; /* what test_db_open opened last */

bool test_on_pg(void)
{
    const char *v = getenv("ZG_UNIT_PG");
    return v && strcmp(v, "1") == 0;
}

/* A fresh database `name` on the cluster (pgtest_db), its files in a folder of this process. */
static const char *fresh_pg_named(const char *name)
{
    static char files[512];
    if (!files[0]) {
        /* Under the build folder's tmp (ZG_TMP, set by ctest), removed with it. */
        const char *tmp = getenv("ZG_TMP");
        snprintf(files, sizeof files, "%s/zg-unit-%d-files", tmp && *tmp ? tmp : "/tmp",
                 (int)getpid());
        setenv("ZHENGGAI_FILES", files, 1);
    }
    return pgtest_db(name);
}

static const char *fresh_pg(void)
{
    static int n;
    char name[64];
    snprintf(name, sizeof name, "zg_unit_%d_%d", (int)getpid(), n++);
    return fresh_pg_named(name);
}

const char *test_db_fresh(const char *dir, const char *tag)
{
    static char path[1024];
    if (test_on_pg()) {
        char name[64];
        snprintf(name, sizeof name, "zg_%.40s_%d", tag, (int)getpid());
        for (char *p = name; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
                *p = '_';
        return fresh_pg_named(name);
    }
    snprintf(path, sizeof path, "%s/%s.db", dir, tag);
    unlink(path);
    return path;
}

void test_db_open(Db *db)
{
    Err err = ERR_INIT;
    if (test_on_pg()) {
        last_path = fresh_pg();
    } else {
        if (!tmp_path[0]) {
            snprintf(tmp_path, sizeof tmp_path, "/tmp/zg-test-%d.db", (int)getpid());
            atexit(remove_tmp);
        }
        remove_tmp();
        last_path = tmp_path;
    }
    if (db_open(db, last_path, DB_CREATE, &err) < 0 || db_migrate(db, &err) < 0)
        fail_msg("cannot open test database: %s", err.msg);
}

const char *test_db_path(void)
{
    return last_path;
}

/*
** The texts given to test_sql_int, each kept once: the statement cache knows a statement by its
** text's address, and a test may build its query in a buffer of its own.
*/
typedef struct Interned {
    struct Interned *next;
    char text[];
} Interned;
static Interned *interned;

static void free_interned(void)
{
    while (interned) {
        Interned *i = interned;
        interned = i->next;
        free(i);
    }
}

static const char *intern(const char *sql)
{
    for (Interned *i = interned; i; i = i->next)
        if (strcmp(i->text, sql) == 0)
            return i->text;
    if (!interned)
        atexit(free_interned);
    size_t len = strlen(sql) + 1;
    Interned *i = malloc(sizeof *i + len);
    if (!i)
        fail_msg("out of memory");
    memcpy(i->text, sql, len);
    i->next = interned;
    interned = i;
    return i->text;
}

int64_t test_sql_int(Db *db, const char *sql)
{
    Err err = ERR_INIT;
    DbStmt *st = db_prepare(db, intern(sql));
    int rc = db_step(db, st, &err);
    int64_t v = rc == 1 ? db_col_int(st, 0) : 0;
    db_reset(st);
    if (rc != 1)
        fail_msg("test SQL gave no row (%s): %s", err.msg, sql);
    return v;
}

void test_sql_exec(Db *db, const char *sql)
{
    Err err = ERR_INIT;
    if (db_exec(db, sql, &err) < 0)
        fail_msg("test SQL: %s: %s", err.msg, sql);
}

bool test_sql_fails(Db *db, const char *sql)
{
    Err err = ERR_INIT;
    return db_exec(db, sql, &err) < 0;
}

Day test_day(const char *iso)
{
    Day d;
    if (date_parse(iso, strlen(iso), &d) < 0)
        fail_msg("bad test date '%s'", iso);
    return d;
}

int test_demo_open(Db *db, int scale, uint64_t seed)
{
    test_db_open(db);
    Err err = ERR_INIT;
    DemoOptions opt = {(DemoScale)scale, seed, test_day(TEST_DEMO_TODAY), NULL};
    DemoSummary s;
    if (demo_generate(db, &opt, &s, &err) < 0)
        fail_msg("demo: %s", err.msg);
    return s.measures;
}

double test_figure(const ImportDoc *doc, const char *key)
{
    int i = vocab_parse(VOCAB_FIGURE, key);
    if (i < 0)
        fail_msg("no figure key %s", key);
    return doc->has_figure[i] ? doc->figures[i] : -1;
}

int test_env_int(const char *name, int lo, int hi, int dflt)
{
    const char *v = getenv(name);
    if (!v || !*v)
        return dflt;
    int n = atoi(v);
    if (n < lo || n > hi) {
        fprintf(stderr, "%s must be %d..%d\n", name, lo, hi);
        exit(1);
    }
    return n;
}

static int skipped; /* test cases skipped in this program */

void test_note_skip(void)
{
    skipped++;
}

int test_result(int failed)
{
    if (failed)
        return failed;
    if (skipped) {
        print_message("%d test case(s) skipped: reporting the program as skipped\n", skipped);
        return TEST_SKIPPED;
    }
    return 0;
}
