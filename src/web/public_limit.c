/*
** public_limit.c: the feedback form's per-address limiter (public_limit.h). An address hashes
** to one slot of a fixed table; a slot counts the posts of its window. A new address takes over
** a slot whose window has ended, or the slot outright when the table is crowded (a flood of
** addresses then limits less, never more: the limiter never refuses an address it forgot).
*/
#include "web/public_limit.h"

#include <pthread.h>

enum { SLOTS = 1024 };

typedef struct Slot {
    char addr[48]; /* the client address, "" when free */
    int64_t start; /* the start of its window */
    int count;     /* posts in the window */
} Slot;

/* Shared by every worker thread; guarded by lock. */
static Slot slots[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static unsigned slot_of(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h % SLOTS;
}

bool public_limit_take(const char *client, int64_t now, int *retry_after)
{
    const char *addr = client ? client : "-";
    Slot *s = &slots[slot_of(addr)];
    bool ok = true;
    pthread_mutex_lock(&lock);
    if (strncmp(s->addr, addr, sizeof s->addr - 1) != 0 || now - s->start >= PUBLIC_LIMIT_WINDOW) {
        snprintf(s->addr, sizeof s->addr, "%s", addr);
        s->start = now;
        s->count = 0;
    }
    if (s->count >= PUBLIC_LIMIT_POSTS) {
        ok = false;
        *retry_after = (int)(s->start + PUBLIC_LIMIT_WINDOW - now);
        if (*retry_after < 1)
            *retry_after = 1;
    } else {
        s->count++;
    }
    pthread_mutex_unlock(&lock);
    return ok;
}
