/*
** write_trace.h: where a write transaction's time goes, for the benchmark that looks for the
** tail of progress reports (bench/writes.sh, issue 11). Off unless the environment sets
** ZG_WRITE_TRACE to a number of milliseconds: then every write transaction that took at least
** that long, from asking for the writers' lock to the end of its COMMIT, and every background
** checkpoint, prints one line to stderr with its parts. db.c takes the times.
*/
#ifndef ZG_DB_WRITE_TRACE_H
#define ZG_DB_WRITE_TRACE_H

#include <stdbool.h>
#include <stdint.h>

/* The moments of one write transaction, CLOCK_MONOTONIC nanoseconds. */
typedef struct WriteTrace {
    int64_t asked;     /* db_begin asks for the writers' mutex */
    int64_t locked;    /* it holds the mutex */
    int64_t begun;     /* BEGIN IMMEDIATE returned: SQLite's write lock is ours */
    int64_t committing; /* the outermost COMMIT starts */
} WriteTrace;

/* Whether ZG_WRITE_TRACE is set (read once). */
bool write_trace_on(void);

/* CLOCK_MONOTONIC in nanoseconds. */
int64_t write_trace_now(void);

/*
** A write transaction ended at end (committed or not; the writers' lock given back) and its
** commit was synced at synced (group_sync.h; end when it had no sync to wait for): its line if
** it was slow enough.
*/
void write_trace_tx(const WriteTrace *t, int64_t end, int64_t synced, bool committed);

/*
** A background checkpoint ended now: kind ("passive", "truncate"), the WAL's frames and those
** copied, when it started, and how long it waited for and then held the writers' mutex.
*/
void write_trace_checkpoint(const char *kind, int frames, int copied, int64_t started,
                            int64_t lock_wait, int64_t lock_held);

#endif
