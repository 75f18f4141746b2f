/*
** ratelimit.h: token buckets in memory, per client address and per account, for logins and the
** API (issue 10, item 13). A bucket holds up to `burst` tokens and refills at `per_second`; a
** request takes one, and without one it is refused with 429 and Retry-After. The buckets live in
** one fixed table (no allocation per client): a key is its 64-bit hash, a slot past its refill is
** free again, and when a neighbourhood is full the fullest (most idle) bucket gives way. One
** process, one table under one mutex. Several servers on one PostgreSQL database keep their own
** tables on purpose: the buckets guard each server's capacity, while what must be counted across
** servers (failed logins per account, the lockout) is a row of the database
** (docs/ARCHITECTURE.md, "Several servers on one database").
*/
#ifndef ZG_WEB_RATELIMIT_H
#define ZG_WEB_RATELIMIT_H

#include "base/base.h"

typedef struct RateRule {
    const char *kind; /* what is limited: "login-ip", "login-account", "api-ip", "api-account" */
    double burst;     /* tokens a full bucket holds */
    double per_second;/* refill */
} RateRule;

/*
** Take one token from the bucket of (rule, key) at now_ms (a monotonic clock). 0 when taken;
** else the whole seconds until one is back (≥ 1), for Retry-After. A rule with burst 0 never
** refuses.
*/
int ratelimit_take(const RateRule *rule, const char *key, int64_t now_ms);

#endif
