/*
** test_group_sync.c: group commit (db/group_sync.h, db.c). With a stand-in sync that takes a
** while, eight writer threads commit at once: each returns only after a sync that began once its
** ticket was taken has finished (the acknowledged commit is on disk), fewer syncs run than
** commits (waiters share one), and a failed sync is reported to its caller while the next waiter
** syncs again. (That the server's connections use it: test_checkpoint.c.)
*/
#include "testutil.h"

#include "db/group_sync.h"

#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#define THREADS 8
#define COMMITS 50

static pthread_mutex_t writers = PTHREAD_MUTEX_INITIALIZER; /* stands for db.c's writers' lock */
static atomic_llong taken;   /* tickets taken so far */
static atomic_llong durable; /* the highest ticket taken before a finished sync began */
static atomic_int fail_next; /* the next sync fails */

static int slow_sync(void *arg)
{
    (void)arg;
    /* What a real sync covers: every commit whose ticket was taken before it began. */
    pthread_mutex_lock(&writers);
    long long upto = atomic_load(&taken);
    pthread_mutex_unlock(&writers);
    struct timespec ts = {0, 2000000};
    nanosleep(&ts, NULL);
    if (atomic_exchange(&fail_next, 0))
        return 5;
    long long d = atomic_load(&durable);
    while (d < upto && !atomic_compare_exchange_weak(&durable, &d, upto))
        ;
    return 0;
}

static void *commit_many(void *arg)
{
    int *late = arg;
    for (int i = 0; i < COMMITS; i++) {
        pthread_mutex_lock(&writers);
        int64_t ticket = group_sync_ticket();
        atomic_store(&taken, ticket);
        pthread_mutex_unlock(&writers);
        if (group_sync_wait(ticket, slow_sync, NULL) != 0 || atomic_load(&durable) < ticket)
            (*late)++;
    }
    return NULL;
}

static void test_one_sync_covers_the_commits_before_it(void **state)
{
    (void)state;
    int64_t syncs0 = group_sync_count();
    pthread_t t[THREADS];
    int late[THREADS] = {0};
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, commit_many, &late[i]), 0);
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(late[i], 0);
    }
    int64_t syncs = group_sync_count() - syncs0;
    print_message("%d commits, %lld syncs\n", THREADS * COMMITS, (long long)syncs);
    assert_true(syncs >= 1 && syncs < THREADS * COMMITS);
}

static void test_failed_sync_is_reported_and_retried(void **state)
{
    (void)state;
    int64_t ticket = group_sync_ticket();
    atomic_store(&taken, ticket);
    atomic_store(&fail_next, 1);
    assert_int_equal(group_sync_wait(ticket, slow_sync, NULL), 5);
    assert_true(atomic_load(&durable) < ticket);
    /* Nothing covered it: the next wait for it syncs again. */
    assert_int_equal(group_sync_wait(ticket, slow_sync, NULL), 0);
    assert_true(atomic_load(&durable) >= ticket);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_sync_covers_the_commits_before_it),
        cmocka_unit_test(test_failed_sync_is_reported_and_retried),
    };
    return test_result(cmocka_run_group_tests(tests, NULL, NULL));
}
