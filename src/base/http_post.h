/*
** http_post.h: a minimal HTTP/1.1 client for one POST to an http:// URL (webhooks on an intranet;
** no TLS: put a TLS-terminating proxy in front when the platform needs https), with a timeout.
*/
#ifndef ZG_HTTP_POST_H
#define ZG_HTTP_POST_H

#include "base/err.h"

/*
** POST body[0..n) as application/json to url ("http://host[:port]/path"), with the extra header
** lines in headers (each "Name: value\r\n", may be NULL). On a reply, return 0 with *status the
** HTTP status; -1 with err (ERR_INPUT for a bad URL, ERR_IO for a network failure or timeout).
*/
int http_post(const char *url, const char *headers, const char *body, size_t n,
              int timeout_seconds, int *status, Err *err);

#endif
