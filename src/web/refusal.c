/*
** refusal.c: the per-actor counts of audited refusals (refusal.h).
*/
#include "web/refusal.h"

#include "base/hash.h"

#include <pthread.h>

#define SLOTS 1024 /* actors tracked at once */
#define PROBE 8    /* slots looked at per actor */

typedef struct Slot {
    uint64_t key;        /* hash of the actor; 0: free */
    int64_t window;      /* the start of the current window, ms */
    int audited;         /* rows written in the window */
    int64_t coalesced;   /* refusals counted and not written since the last row */
} Slot;

static Slot table[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* FNV-1a of s; never 0. */
static uint64_t actor_hash(const char *s)
{
    uint64_t h = hash_fnv(HASH_FNV_INIT, s, strlen(s));
    return h ? h : 1;
}

/* The slot of key: its own, a free one, else the one idle longest among the probed. */
static Slot *slot_of(uint64_t key)
{
    Slot *oldest = NULL;
    for (int i = 0; i < PROBE; i++) {
        Slot *s = &table[(key + (uint64_t)i) % SLOTS];
        if (s->key == key)
            return s;
        if (!s->key) {
            *s = (Slot){key, 0, 0, 0};
            return s;
        }
        if (!oldest || s->window < oldest->window)
            oldest = s;
    }
    *oldest = (Slot){key, 0, 0, 0};
    return oldest;
}

bool refusal_admit(const char *actor, int64_t now_ms, int64_t *coalesced, bool *first_quiet)
{
    pthread_mutex_lock(&lock);
    Slot *s = slot_of(actor_hash(actor));
    if (s->audited == 0 || now_ms - s->window >= REFUSAL_WINDOW_MS) {
        s->window = now_ms;
        s->audited = 0;
    }
    bool admit = s->audited < REFUSAL_BURST;
    *first_quiet = !admit && s->coalesced == 0;
    *coalesced = 0;
    if (admit) {
        s->audited++;
        *coalesced = s->coalesced;
        s->coalesced = 0;
    } else {
        s->coalesced++;
    }
    pthread_mutex_unlock(&lock);
    return admit;
}
