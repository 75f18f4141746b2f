/*
** group_sync.c: one WAL sync for every commit written before it (group_sync.h). Tickets count
** commits in the order they wrote the WAL; a sync that starts when tickets 1..n were taken makes
** them all durable, since fdatasync writes every dirty page of the file, whichever handle asks.
*/
#include "db/group_sync.h"

#include <pthread.h>
#include <stdbool.h>

static struct {
    pthread_mutex_t lock;
    pthread_cond_t done;      /* a sync ended, or a deferred waiter came */
    int64_t written;          /* tickets taken: commits in the WAL */
    int64_t synced;           /* tickets covered by a finished sync */
    bool syncing;             /* a thread runs a sync now */
    int64_t syncs;            /* syncs run */
    GroupSyncWaiter *waiters; /* deferred, not yet told */
    bool running;             /* the sync thread takes deferred waiters */
    bool closing;             /* group_sync_stop: no more deferred waiters */
    pthread_t thread;
    int (*sync)(void *arg); /* the sync thread's */
    void *arg;
} gs = {.lock = PTHREAD_MUTEX_INITIALIZER, .done = PTHREAD_COND_INITIALIZER};

int64_t group_sync_ticket(void)
{
    pthread_mutex_lock(&gs.lock);
    int64_t ticket = ++gs.written;
    pthread_mutex_unlock(&gs.lock);
    return ticket;
}

/* Run sync(arg) for every ticket taken so far; called with gs.lock held and no sync running. */
static int run_sync(int (*sync)(void *arg), void *arg, int64_t *upto)
{
    gs.syncing = true;
    *upto = gs.written; /* each of these wrote its frames before the sync starts */
    pthread_mutex_unlock(&gs.lock);
    int rc = sync(arg);
    pthread_mutex_lock(&gs.lock);
    gs.syncing = false;
    gs.syncs++;
    if (rc == 0 && *upto > gs.synced)
        gs.synced = *upto;
    pthread_cond_broadcast(&gs.done);
    return rc;
}

int group_sync_wait(int64_t ticket, int (*sync)(void *arg), void *arg)
{
    int rc = 0;
    int64_t upto;
    pthread_mutex_lock(&gs.lock);
    while (gs.synced < ticket) {
        if (gs.syncing) {
            /* The running sync may have begun before this commit: wait, then look again. */
            pthread_cond_wait(&gs.done, &gs.lock);
            continue;
        }
        if ((rc = run_sync(sync, arg, &upto)) != 0)
            break;
    }
    pthread_mutex_unlock(&gs.lock);
    return rc;
}

/*
** Take off the list the waiters that a sync covered (rc 0: tickets up to gs.synced) or that a
** failed one was to cover (rc nonzero: up to upto); they are told outside the lock.
*/
static GroupSyncWaiter *take_told(int rc, int64_t upto)
{
    int64_t covered = rc == 0 ? gs.synced : upto;
    GroupSyncWaiter *told = NULL, **p = &gs.waiters;
    while (*p) {
        GroupSyncWaiter *w = *p;
        if (w->ticket <= covered) {
            *p = w->next;
            w->next = told;
            told = w;
        } else {
            p = &w->next;
        }
    }
    return told;
}

/* The sync thread: a sync whenever a deferred waiter's commit is not yet on disk. */
static void *syncer(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&gs.lock);
    for (;;) {
        int rc = 0;
        int64_t upto = 0;
        GroupSyncWaiter *told = take_told(0, 0);
        if (!told && gs.waiters && !gs.syncing) {
            rc = run_sync(gs.sync, gs.arg, &upto);
            told = take_told(rc, upto);
        }
        if (told) {
            pthread_mutex_unlock(&gs.lock);
            while (told) {
                GroupSyncWaiter *next = told->next; /* told may end the waiter's owner */
                told->done(told->arg, rc);
                told = next;
            }
            pthread_mutex_lock(&gs.lock);
            continue;
        }
        if (gs.closing && !gs.waiters)
            break;
        pthread_cond_wait(&gs.done, &gs.lock);
    }
    pthread_mutex_unlock(&gs.lock);
    return NULL;
}

int group_sync_start(int (*sync)(void *arg), void *arg)
{
    pthread_mutex_lock(&gs.lock);
    int rc = 0;
    if (!gs.running) {
        gs.sync = sync;
        gs.arg = arg;
        gs.closing = false;
        rc = pthread_create(&gs.thread, NULL, syncer, NULL) == 0 ? 0 : -1;
        gs.running = rc == 0;
    }
    pthread_mutex_unlock(&gs.lock);
    return rc;
}

void group_sync_stop(void)
{
    pthread_mutex_lock(&gs.lock);
    bool running = gs.running;
    gs.closing = true;
    pthread_cond_broadcast(&gs.done);
    pthread_mutex_unlock(&gs.lock);
    if (!running)
        return;
    pthread_join(gs.thread, NULL); /* it ends once every deferred waiter was told */
    pthread_mutex_lock(&gs.lock);
    gs.running = false;
    pthread_mutex_unlock(&gs.lock);
}

int group_sync_defer(GroupSyncWaiter *w)
{
    pthread_mutex_lock(&gs.lock);
    int rc = 0;
    if (gs.synced >= w->ticket) {
        rc = 1;
    } else if (!gs.running || gs.closing) {
        rc = -1;
    } else {
        w->next = gs.waiters;
        gs.waiters = w;
        pthread_cond_broadcast(&gs.done);
    }
    pthread_mutex_unlock(&gs.lock);
    return rc;
}

int64_t group_sync_count(void)
{
    pthread_mutex_lock(&gs.lock);
    int64_t n = gs.syncs;
    pthread_mutex_unlock(&gs.lock);
    return n;
}
