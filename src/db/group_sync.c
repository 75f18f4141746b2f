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
    pthread_cond_t done; /* a sync ended */
    int64_t written;     /* tickets taken: commits in the WAL */
    int64_t synced;      /* tickets covered by a finished sync */
    bool syncing;        /* a thread runs a sync now */
    int64_t syncs;       /* syncs run */
} gs = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, false, 0};

int64_t group_sync_ticket(void)
{
    pthread_mutex_lock(&gs.lock);
    int64_t ticket = ++gs.written;
    pthread_mutex_unlock(&gs.lock);
    return ticket;
}

int group_sync_wait(int64_t ticket, int (*sync)(void *arg), void *arg)
{
    int rc = 0;
    pthread_mutex_lock(&gs.lock);
    while (gs.synced < ticket) {
        if (gs.syncing) {
            /* The running sync may have begun before this commit: wait, then look again. */
            pthread_cond_wait(&gs.done, &gs.lock);
            continue;
        }
        gs.syncing = true;
        int64_t upto = gs.written; /* each of these wrote its frames before the sync starts */
        pthread_mutex_unlock(&gs.lock);
        rc = sync(arg);
        pthread_mutex_lock(&gs.lock);
        gs.syncing = false;
        gs.syncs++;
        if (rc == 0 && upto > gs.synced)
            gs.synced = upto;
        pthread_cond_broadcast(&gs.done);
        if (rc != 0)
            break;
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
