/*
** group_sync.h: group commit for the server's writers (db.c). A writer commits its transaction
** into the WAL without syncing it (synchronous=NORMAL), takes a ticket while it still holds the
** writers' lock, gives the lock back, and waits until a sync that started after its commit has
** ended before it answers. One sync covers every commit written before it began, so writers that
** queued behind a slow fdatasync share the next one instead of each waiting for its own while
** holding the lock: no report is acknowledged before its WAL frames are on disk.
*/
#ifndef ZG_DB_GROUP_SYNC_H
#define ZG_DB_GROUP_SYNC_H

#include <stdint.h>

/* The ticket of the commit that just wrote the WAL; call under the writers' lock, in WAL order. */
int64_t group_sync_ticket(void);

/*
** Return once the commit of ticket is synced: either a sync by another thread that began after
** it, or sync(arg), run here (outside any lock) when no sync is under way. Returns 0, or the
** failed sync's nonzero result (the commits it was to cover stay unsynced; the next waiter tries
** again).
*/
int group_sync_wait(int64_t ticket, int (*sync)(void *arg), void *arg);

/*
** Deferred waiters: a server's request that committed does not wait in its worker thread (which
** would leave the worker idle for the sync, and the other requests of its connections behind
** it); it hands a waiter to the sync thread, which runs the syncs such waiters need and calls
** done(arg, rc) once a sync that began after the ticket's commit ended (rc 0) or failed (its
** nonzero result), from the sync thread, without any lock of this module held.
*/
typedef struct GroupSyncWaiter GroupSyncWaiter;
struct GroupSyncWaiter {
    int64_t ticket;
    void (*done)(void *arg, int rc);
    void *arg;
    GroupSyncWaiter *next; /* the module's */
};

/* Start the sync thread, which runs sync(arg) for the deferred waiters. 0, or -1. */
int group_sync_start(int (*sync)(void *arg), void *arg);
/*
** Take no more deferred waiters, and return once the sync thread told every waiter it holds and
** ended. Safe when it never started.
*/
void group_sync_stop(void);
/*
** Hand w to the sync thread: 0, done will be called; 1, w's commit is synced already (done is
** not called); -1, there is no sync thread (never started, or stopping): wait with
** group_sync_wait instead. w must live until done is called.
*/
int group_sync_defer(GroupSyncWaiter *w);

/* Syncs run so far (tests, bench). */
int64_t group_sync_count(void);

#endif
