/*
** replycache.h: the last replies of the ledger's reads, per worker thread, while the data version
** and the day are the ones they were made at.
**
** Between two writes an office reads the same list, page or dashboard again and again, and each
** read built the same bytes again (a list of 25: ~370,000 instructions, of which ~260,000 in its
** handler). A reply is kept only when everything it depends on is in its key or its epoch: the
** method, the path and query, the user and the credential that authenticated it (the session
** cookie or the API token: a page carries the session's CSRF token), the data version (any
** commit moves it: a write, a login, a session touched) and the day (lights; html_time's
** "今天"). Authentication and authorisation run before the cache is asked, on every request, so a
** logged-out, expired, locked or disabled user never reaches a kept reply. Only routes marked
** ROUTE_CACHE (reads whose reply gets an ETag: a function of what they read) and not
** ROUTE_AUDITED are kept, and only their 200 replies that stayed cacheable.
*/
#ifndef ZG_WEB_REPLYCACHE_H
#define ZG_WEB_REPLYCACHE_H

#include "web/request.h"

/*
** r's reply from this thread's cache, when a reply to the same request was kept at r's data
** version and day: status, type, headers and body set as the handler set them. false when
** none was (r untouched; the cache may have been emptied for a new version or day), or when
** the data version cannot be read.
*/
bool replycache_answer(Request *r);
/*
** Keep r's reply (after its handler) when it may be answered again: a 200 still cacheable, in
** memory, with no cookie among the handler's headers (r->headers from first_header on: those
** before it are the dispatcher's, which every request sets again).
*/
void replycache_keep(Request *r, int first_header);

#endif
