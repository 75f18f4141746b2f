/*
** ratelimit.c: the token-bucket table (ratelimit.h).
*/
#include "web/ratelimit.h"

#include "base/hash.h"

#include <math.h>
#include <pthread.h>

#define SLOTS 8192 /* buckets in the table */
#define PROBE 8    /* slots looked at per key */

typedef struct Bucket {
    uint64_t key;    /* hash of kind and key; 0: free */
    double tokens;   /* at `at` */
    int64_t at;      /* milliseconds */
} Bucket;

static Bucket table[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* FNV-1a over kind, a separator and key; never 0. */
static uint64_t key_hash(const char *kind, const char *key)
{
    uint64_t h = hash_fnv(HASH_FNV_INIT, kind, strlen(kind));
    h = hash_fnv(h, "\xff", 1);
    h = hash_fnv(h, key, strlen(key));
    return h ? h : 1;
}

static double level(const Bucket *b, const RateRule *rule, int64_t now_ms)
{
    double t = b->tokens + (double)(now_ms - b->at) / 1000.0 * rule->per_second;
    return t > rule->burst ? rule->burst : t;
}

int ratelimit_take(const RateRule *rule, const char *key, int64_t now_ms)
{
    if (rule->burst <= 0)
        return 0;
    uint64_t h = key_hash(rule->kind, key);
    pthread_mutex_lock(&lock);
    Bucket *hit = NULL, *spare = NULL;
    double spare_level = -1;
    for (int i = 0; i < PROBE; i++) {
        Bucket *b = &table[(h + (uint64_t)i) % SLOTS];
        if (b->key == h) {
            hit = b;
            break;
        }
        /* A free slot, or the most idle bucket (its own rule unknown here: by elapsed time). */
        double idle = b->key ? (double)(now_ms - b->at) : 1e300;
        if (idle > spare_level) {
            spare_level = idle;
            spare = b;
        }
    }
    if (!hit) {
        hit = spare;
        hit->key = h;
        hit->tokens = rule->burst;
        hit->at = now_ms;
    }
    double t = level(hit, rule, now_ms);
    int wait = 0;
    if (t >= 1) {
        t -= 1;
    } else {
        wait = (int)ceil((1 - t) / rule->per_second);
        if (wait < 1)
            wait = 1;
    }
    hit->tokens = t;
    hit->at = now_ms;
    pthread_mutex_unlock(&lock);
    return wait;
}
