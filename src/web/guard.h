/*
** guard.h: a deadline per connection for receiving a request. libmicrohttpd's own timeout only
** measures silence, so a client that trickles one byte at a time keeps a connection for ever;
** here each connection has an absolute deadline that bytes do not push back. A reaper thread
** wakes four times a second and shuts down (shutdown(2)) the socket of every connection past its
** deadline; libmicrohttpd then sees the end of the stream and closes it. The registry is the one
** mutable structure shared by the server's threads and is guarded by one mutex.
*/
#ifndef ZG_WEB_GUARD_H
#define ZG_WEB_GUARD_H

#include "base/base.h"

typedef struct Guard Guard;

/* Start the reaper thread. -1 when it cannot be started. */
int guard_start(void);
/* Stop the reaper (after the server stopped) and free what is left. */
void guard_stop(void);
/* Watch socket fd: it must have sent its request head within seconds. Never NULL. */
Guard *guard_open(int fd, int seconds);
/* A new deadline, seconds from now (0: none, while the server itself works on the request). */
void guard_set(Guard *g, int seconds);
/* The connection closes: forget it. */
void guard_close(Guard *g);
/* Connections cut so far (for the log and the tests). */
long guard_cut_count(void);

#endif
