/*
** write_trace.c: the opt-in timing lines of write transactions and checkpoints (write_trace.h).
** A diagnostic for benchmarks, not a log: one write(2) per line so that lines of two threads do
** not interleave, and nothing at all unless ZG_WRITE_TRACE is set.
*/
#include "db/write_trace.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static pthread_once_t trace_once = PTHREAD_ONCE_INIT;
static int64_t slow_ns = -1; /* -1: off */

static void read_env(void)
{
    const char *v = getenv("ZG_WRITE_TRACE");
    if (!v || !*v)
        return;
    char *end;
    double ms = strtod(v, &end);
    if (*end == '\0' && ms >= 0 && ms < 1e6)
        slow_ns = (int64_t)(ms * 1e6);
}

bool write_trace_on(void)
{
    pthread_once(&trace_once, read_env);
    return slow_ns >= 0;
}

int64_t write_trace_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static double ms(int64_t ns)
{
    return (double)ns / 1e6;
}

static void put_line(const char *line, int n)
{
    if (n > 0)
        (void)!write(2, line, (size_t)n);
}

void write_trace_tx(const WriteTrace *t, int64_t end, int64_t synced, bool committed)
{
    if (!write_trace_on() || !t->asked || synced - t->asked < slow_ns)
        return;
    int64_t begun = t->begun ? t->begun : end, body_end = t->committing ? t->committing : end;
    char line[256];
    int n = snprintf(line, sizeof line,
                     "write-trace tx %s wait %.3f begin %.3f body %.3f commit %.3f sync %.3f "
                     "total %.3f ms at %.4f s\n",
                     committed ? "commit" : "rollback", ms(t->locked - t->asked),
                     ms(begun - t->locked), ms(body_end - begun), ms(end - body_end),
                     ms(synced - end), ms(synced - t->asked), ms(synced) / 1e3);
    put_line(line, n < (int)sizeof line ? n : (int)sizeof line - 1);
}

void write_trace_checkpoint(const char *kind, int frames, int copied, int64_t started,
                            int64_t lock_wait, int64_t lock_held)
{
    if (!write_trace_on())
        return;
    char line[256];
    int64_t end = write_trace_now();
    int n = snprintf(line, sizeof line,
                     "write-trace checkpoint %s frames %d copied %d total %.3f lock-wait %.3f "
                     "lock-held %.3f ms at %.4f s\n",
                     kind, frames, copied, ms(end - started), ms(lock_wait), ms(lock_held),
                     ms(end) / 1e3);
    put_line(line, n < (int)sizeof line ? n : (int)sizeof line - 1);
}
