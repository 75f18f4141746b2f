/*
** test_group_sync.c: group commit (db/group_sync.h, db.c). With a stand-in sync that takes a
** while, eight writer threads commit at once: each returns only after a sync that began once its
** ticket was taken has finished (the acknowledged commit is on disk), fewer syncs run than
** commits (waiters share one), and a failed sync is reported to its caller while the next waiter
** syncs again. Waiters handed to the sync thread (group_sync_defer) are each told once, after a
** sync that covers them, or of the sync that failed. (That the server's connections use it:
** test_checkpoint.c.)
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

/* A deferred waiter, as a server's held reply (web/server.c hold_reply). */
typedef struct Held {
    GroupSyncWaiter w;
    atomic_int told; /* times done was called */
    int rc;
    bool durable;    /* its commit was synced when it was told */
} Held;

static void held_done(void *arg, int rc)
{
    Held *h = arg;
    h->rc = rc;
    h->durable = atomic_load(&durable) >= h->w.ticket;
    atomic_fetch_add(&h->told, 1);
}

/* Commit and hand the waiter over; 1 when its commit was synced already. */
static int commit_deferred(Held *h)
{
    pthread_mutex_lock(&writers);
    int64_t ticket = group_sync_ticket();
    atomic_store(&taken, ticket);
    pthread_mutex_unlock(&writers);
    h->w = (GroupSyncWaiter){.ticket = ticket, .done = held_done, .arg = h};
    return group_sync_defer(&h->w);
}

static void *defer_many(void *arg)
{
    Held *held = arg;
    for (int i = 0; i < COMMITS; i++) {
        int rc = commit_deferred(&held[i]);
        if (rc == 1) /* not told, and must be durable already */
            held[i].durable = atomic_load(&durable) >= held[i].w.ticket;
        else if (rc != 0)
            held[i].rc = -100;
        struct timespec ts = {0, 200000}; /* so that commits also come while a sync runs */
        nanosleep(&ts, NULL);
    }
    return NULL;
}

static void test_deferred_waiters_are_told_once_their_commit_is_synced(void **state)
{
    (void)state;
    int64_t syncs0 = group_sync_count();
    assert_int_equal(group_sync_start(slow_sync, NULL), 0);
    static Held held[THREADS][COMMITS];
    memset(held, 0, sizeof held);
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, defer_many, held[i]), 0);
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    group_sync_stop(); /* returns once every waiter was told */
    int told = 0;
    for (int i = 0; i < THREADS; i++)
        for (int j = 0; j < COMMITS; j++) {
            Held *h = &held[i][j];
            assert_int_equal(h->rc, 0);
            assert_true(h->durable);
            assert_true(atomic_load(&h->told) <= 1);
            told += atomic_load(&h->told);
        }
    int64_t syncs = group_sync_count() - syncs0;
    print_message("%d commits deferred, %d told by the sync thread, %lld syncs\n",
                  THREADS * COMMITS, told, (long long)syncs);
    assert_true(told > 0);
    assert_true(syncs >= 1 && syncs < THREADS * COMMITS);
    /* Stopped: a commit not yet synced cannot be handed over, its caller waits itself. */
    Held late = {0};
    assert_int_equal(commit_deferred(&late), -1);
    assert_int_equal(group_sync_wait(late.w.ticket, slow_sync, NULL), 0);
}

static void test_failed_deferred_sync_is_told(void **state)
{
    (void)state;
    assert_int_equal(group_sync_start(slow_sync, NULL), 0);
    atomic_store(&fail_next, 1);
    Held h = {0};
    assert_int_equal(commit_deferred(&h), 0);
    for (int i = 0; i < 5000 && !atomic_load(&h.told); i++) {
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
    assert_int_equal(atomic_load(&h.told), 1);
    assert_int_equal(h.rc, 5);
    assert_false(h.durable);
    group_sync_stop();
    /* Nothing covered it: a wait for it syncs again. */
    assert_int_equal(group_sync_wait(h.w.ticket, slow_sync, NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_sync_covers_the_commits_before_it),
        cmocka_unit_test(test_failed_sync_is_reported_and_retried),
        cmocka_unit_test(test_deferred_waiters_are_told_once_their_commit_is_synced),
        cmocka_unit_test(test_failed_deferred_sync_is_told),
    };
    return test_result(cmocka_run_group_tests(tests, NULL, NULL));
}
