/*
** refusal.h: how many refusals of one actor become audit rows (issue 10, item 12). Every refusal
** the server decides (403 from the roles, an Origin, a CSRF token or a handler's access check;
** 404 of a handler to a logged-in user, whatever or whoever the object) is audited by the
** dispatcher (routes.c audit_refusal), but one actor cannot flood the log: in each minute an
** actor (an account, or an address while logged out) gets REFUSAL_BURST rows of its own; beyond
** that its refusals are only counted, and the first refusal audited after the minute names how
** many were not audited singly (and when the coalescing began, a log line says so at once).
** The counts live in one fixed table of this process (like web/ratelimit.c): a restart, or a
** busy table evicting an idle actor, loses a count not yet written.
*/
#ifndef ZG_WEB_REFUSAL_H
#define ZG_WEB_REFUSAL_H

#include "base/base.h"

#define REFUSAL_BURST 20        /* audit rows of one actor's refusals in one window */
#define REFUSAL_WINDOW_MS 60000 /* the window */

/*
** Count one refusal of actor (its key: "user:ID" or "addr:A.B.C.D") at now_ms (monotonic). true
** when it is to be audited, with *coalesced the refusals of this actor counted but not audited
** since its last row (to be named in this one); false when it is only counted (*first_quiet
** true when it is the first of its window counted so: log that the actor is being coalesced).
*/
bool refusal_admit(const char *actor, int64_t now_ms, int64_t *coalesced, bool *first_quiet);

#endif
