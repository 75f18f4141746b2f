/*
** routes.h: the one table of the web front door and its dispatcher. Each route declares its
** preconditions as flags and the roles it admits; route_head and route_run check login, password
** change, role and CSRF before a handler runs, so handlers never repeat it. What a user may see
** of a single object is decided in access.c, which every handler asks.
*/
#ifndef ZG_WEB_ROUTES_H
#define ZG_WEB_ROUTES_H

#include "base/err.h"
#include "base/json.h"
#include "web/request.h"

typedef void (*Handler)(Request *r);

enum {
    ROUTE_LOGIN = 1,    /* needs a logged-in user */
    ROUTE_CSRF = 2,     /* a state change: needs the session's CSRF token and a same Origin */
    ROUTE_JSON = 4,     /* an API route: errors as JSON, API tokens accepted */
    ROUTE_FRESH = 8,    /* allowed while the user must still change the first password */
    ROUTE_CACHE = 16,   /* a read whose reply gets an ETag */
    ROUTE_UPLOAD = 32,  /* takes a multipart/form-data body, streamed to disk (request.h Upload) */
    ROUTE_AUTHN = 64,   /* a login: rate-limited per address and per account named in the body */
    ROUTE_AUDITED = 128,/* a read that leaves an audit row (the auditor's reads, exports,
                           evidence and clue reads) */
};

/* The largest body of a route without ROUTE_UPLOAD (forms, JSON): decided from the headers. */
#define ROUTE_MAX_BODY (1u << 20)

typedef struct Route {
    Method method;       /* HTTP_GET … (GET routes answer HEAD too) */
    const char *pattern; /* "/measures/:id"; ":id" takes a positive integer, ":name" one segment */
    Handler fn;          /* the handler */
    unsigned flags;      /* ROUTE_* */
    unsigned roles;      /* ROLE_BIT set admitted; ROLES_ANY for any logged-in user */
} Route;

extern const Route web_routes[];
extern const size_t web_n_routes;

/*
** A request in two steps, so that everything the headers decide is decided before the body is
** read. route_head, with the headers only (r->form and the body not yet there): finds the route
** (404, 405), authenticates (session cookie or API token), checks login (401, or a redirect to
** /login for a page), the first-password change, the roles (403) and a same Origin on writes; it
** returns the route, or NULL with the refusal already written into r. route_run, once the body is
** in: checks the CSRF token and runs the handler (reads inside one read transaction).
*/
const Route *route_head(Request *r);
void route_run(Request *r, const Route *route);
/*
** True when target is a place to send a browser after login: a path of plain characters
** ([A-Za-z0-9/._-]) that matches a GET page of the route table behind login (not the API, not
** /login), optionally with a query of [A-Za-z0-9=&_.,%-]. Everything else - "//host", "/\\host",
** tabs and other escapes that browsers strip or decode, schemes - is refused.
*/
bool route_local_page(const char *target);
/* The largest body route accepts: upload_limit on an upload route, else ROUTE_MAX_BODY. */
size_t route_body_limit(const Route *route, size_t upload_limit);
/*
** Take a token from the bucket of (kind, key) that holds burst tokens and refills at per_second
** (web/ratelimit.h). true when taken; false after a 429 reply with Retry-After.
*/
bool route_rate_ok_or_reply(Request *r, const char *kind, double burst, double per_second,
                            const char *key);
/*
** Reply with an error: JSON {"error":{"code","message","fields":[]}} on JSON routes, else a page in Chinese.
** message is English for the API; pages show the Chinese text of the status.
*/
void route_fail(Request *r, int status, const char *code, const char *message);
/*
** As route_fail, naming the request fields at fault: {"error":{…,"fields":["percent"]}} on JSON
** routes (route_fail writes an empty list); pages show the status text as route_fail does.
*/
void route_fail_fields(Request *r, int status, const char *code, const char *message,
                       const char *const *fields, int n_fields);
/*
** SPEC §6's error member in the open object j: "error": {"code", "message", "fields": [...]
** with the error object left open for members of its own (gaps, hits); the caller closes it.
*/
void route_error_members(JsonW *j, const char *code, const char *message, const char *const *fields,
                         int n_fields);
/*
** Check a text field against its limit (ledger/fields.h). true when it fits; else false after a
** 422 reply naming the field (code "too_long"; pages say the limit in Chinese).
*/
bool route_fields_ok_or_reply(Request *r, const char *name, const char *value, size_t len);
/* Reply with status and its standard code and message (refusals decided by the server). */
void route_refuse(Request *r, int status);
/* Reply with the HTTP status matching err's code (one mapping for the whole server). */
void route_fail_err(Request *r, const Err *err);
/*
** Before a page that explains a refusal: set r's status from err's code and keep the reply out of
** caches, true. A server's fault (500, a full disk) is answered as route_fail_err does: false.
*/
bool route_refusal_or_reply(Request *r, const Err *err);

/* rc, a result with err (0 or -1): true when 0; else false after route_fail_err(r, err). */
bool route_ok_or_reply(Request *r, int rc, const Err *err);
/* ok: true; else false after a 403 "forbidden" saying why. */
bool route_allowed_or_reply(Request *r, bool ok, const char *why);
/* The HTTP status of an error code. */
int route_status_of(ErrCode code);

#endif
