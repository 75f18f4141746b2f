/*
** public_limit.h: a small per-address limiter for the public feedback form (SPEC §9: 429 with
** Retry-After). It stands in until the server's general rate limiting is on main; it keeps a
** fixed table of recent senders, shared by the worker threads and guarded by a mutex.
*/
#ifndef ZG_WEB_PUBLIC_LIMIT_H
#define ZG_WEB_PUBLIC_LIMIT_H

#include "base/base.h"

/* Posts an address may make per window. */
#define PUBLIC_LIMIT_POSTS 5
/* The window, in seconds. */
#define PUBLIC_LIMIT_WINDOW 600

/*
** Take one post for client at time now (seconds). true when allowed; false with *retry_after
** the seconds until the address's window ends.
*/
bool public_limit_take(const char *client, int64_t now, int *retry_after);

#endif
