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

/* Syncs run so far (tests, bench). */
int64_t group_sync_count(void);

#endif
