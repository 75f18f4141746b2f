/*
** test_writers.c: concurrent writers of one process (db.c's writer lock before BEGIN
** IMMEDIATE). Eight threads, each with its own connection as the web server's workers have,
** run transactions at once: every one commits (none fails with SQLITE_BUSY), none is lost,
** a rollback and a failed BEGIN give the lock back (the next writer is not stuck), and nested
** db_begin on one connection takes it once.
*/
#include "testutil.h"

#include <pthread.h>

#define THREADS 8
#define TX_PER_THREAD 40

static char db_path[512]; /* a file or a PostgreSQL URI */

typedef struct Worker {
    int index;  /* thread number */
    int failed; /* transactions that did not commit */
} Worker;

static void *work(void *arg)
{
    Worker *w = arg;
    Db db;
    Err err = ERR_INIT;
    if (db_open(&db, db_path, 0, &err) < 0) {
        w->failed = TX_PER_THREAD;
        return NULL;
    }
    for (int i = 0; i < TX_PER_THREAD; i++) {
        if (db_begin(&db, &err) < 0) {
            w->failed++;
            continue;
        }
        /* Nested: taken once, released by the outermost end. */
        if (db_begin(&db, &err) < 0) {
            w->failed++;
            db_rollback(&db);
            continue;
        }
        char key[32];
        snprintf(key, sizeof key, "w%d-%d", w->index, i);
        int rc = db_run(&db, DB_SQL("INSERT INTO setting(key, value) VALUES(?1, ?2)"),
                        DB_ARGS(DB_TEXT(key), DB_TEXT("x")), &err);
        if (rc < 0) {
            w->failed++;
            db_rollback(&db);
            db_rollback(&db);
            continue;
        }
        if (db_commit(&db, &err) < 0 || db_commit(&db, &err) < 0)
            w->failed++;
        /* Every fifth: a rolled-back transaction, whose lock must come back too. */
        if (i % 5 == 0) {
            if (db_begin(&db, &err) == 0)
                db_rollback(&db);
            else
                w->failed++;
        }
    }
    db_close(&db);
    return NULL;
}

static void test_concurrent_writers_all_commit(void **state)
{
    (void)state;
    Db db;
    test_db_open(&db);
    snprintf(db_path, sizeof db_path, "%s", test_db_path());
    pthread_t t[THREADS];
    Worker w[THREADS];
    for (int i = 0; i < THREADS; i++) {
        w[i] = (Worker){i, 0};
        assert_int_equal(pthread_create(&t[i], NULL, work, &w[i]), 0);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(w[i].failed, 0);
    }
    Err err = ERR_INIT;
    int64_t count;
    assert_int_equal(db_scalar(&db, DB_SQL("SELECT count(*) FROM setting WHERE key LIKE 'w%'"),
                               DB_NOARGS, &count, &err),
                     0);
    assert_int_equal(count, THREADS * TX_PER_THREAD);
    /* This connection can still write: no thread kept the lock. */
    assert_int_equal(db_begin(&db, &err), 0);
    assert_int_equal(db_commit(&db, &err), 0);
    db_close(&db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_concurrent_writers_all_commit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
