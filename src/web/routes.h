/*
** routes.h: the one table of the web front door and its dispatcher. Each route declares its
** preconditions as flags and the roles it admits; route_dispatch checks login, password change,
** role and CSRF before a handler runs, so handlers never repeat it. What a user may see of a
** single object is decided in access.c, which every handler asks.
*/
#ifndef ZG_WEB_ROUTES_H
#define ZG_WEB_ROUTES_H

#include "base/err.h"
#include "web/request.h"

typedef void (*Handler)(Request *r);

enum {
    ROUTE_LOGIN = 1,    /* needs a logged-in user */
    ROUTE_CSRF = 2,     /* a state change: needs the session's CSRF token and a same Origin */
    ROUTE_JSON = 4,     /* an API route: errors as JSON, API tokens accepted */
    ROUTE_FRESH = 8,    /* allowed while the user must still change the first password */
    ROUTE_CACHE = 16,   /* a read whose reply gets an ETag */
};

typedef struct Route {
    Method method;       /* HTTP_GET … (GET routes answer HEAD too) */
    const char *pattern; /* "/measures/:id"; ":id" takes a positive integer, ":name" one segment */
    Handler fn;          /* the handler */
    unsigned flags;      /* ROUTE_* */
    unsigned roles;      /* ROLE_BIT set admitted; ROLES_ANY for any logged-in user */
} Route;

extern const Route web_routes[];
extern const size_t web_n_routes;

/* Find the route, authenticate, check the route's preconditions and run the handler. */
void route_dispatch(Request *r);
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
/* Reply with the HTTP status matching err's code (one mapping for the whole server). */
void route_fail_err(Request *r, const Err *err);
/* The HTTP status of an error code. */
int route_status_of(ErrCode code);

#endif
