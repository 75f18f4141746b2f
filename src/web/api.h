/*
** api.h: helpers of the JSON API handlers (api_*.c): the reply writer and the request body
** reader. Errors use route_fail, which writes SPEC §6's {"error":{…}} on API routes.
*/
#ifndef ZG_WEB_API_H
#define ZG_WEB_API_H

#include "base/json.h"
#include "ledger/light.h"
#include "ledger/workflow.h"
#include "report/stats_json.h"
#include "web/fields.h"
#include "web/request.h"

#include <jansson.h>

/* Start a JSON reply in r->out with writer j. */
void api_begin(Request *r, JsonW *j);
/* Finish the reply started by api_begin (a newline after the value). */
void api_end(Request *r);
/*
** The request body as a JSON object (jansson; the caller json_decref()s it), or NULL after
** replying 415 (not application/json) or 400 (malformed, not an object).
*/
json_t *api_body_or_reply(Request *r);
/* Start an object reply {…} with status (0 keeps r's): api_begin and the opening brace. */
void api_object_begin(Request *r, int status, JsonW *j);
/* Close the object of api_object_begin and finish the reply. */
void api_object_end(Request *r, JsonW *j);

/*
** Reply to a refused change: 422 naming field (none when NULL) for ERR_INPUT, else by err's
** code (route_fail_err).
*/
void api_refused(Request *r, const char *field, const Err *err);

/*
** A change made through the API: the body's fields, r's user as the ledger's actor, and what
** a refused save says. Every create and update of a register entry reads alike:
**     ApiChange c;
**     if (!api_change_begin_or_reply(r, &c))
**         return;
**     if (read(&c.f, &x))
**         api_change_reply(&c, save(r->db, &c.actor, &x, &c.field, &c.err), 201, &x.id);
**     api_change_end(&c);
*/
typedef struct ApiChange {
    Fields f;          /* the request and its JSON body (freed by api_change_end) */
    Actor actor;       /* who makes the change */
    const char *field; /* the field a refused save names, or NULL */
    Err err;           /* why a save was refused */
} ApiChange;

/* Read r's JSON body into c; false after replying (415, 400, an overlong string). */
bool api_change_begin_or_reply(Request *r, ApiChange *c);
/* Reply to a save's result rc: status with {"id": *id}, or api_refused with c's field and err. */
void api_change_reply(ApiChange *c, int rc, int status, const int64_t *id);
/* Free the body of c. */
void api_change_end(ApiChange *c);

/* The id of the required query parameter name (?name=ID); false after replying 400 naming it. */
bool api_query_id_or_reply(Request *r, const char *name, int64_t *id);
/* A positive integer member of obj, or 0 when absent or anything else. */
int64_t api_id(json_t *obj, const char *key);

/* A string member of obj, or NULL when absent or not a string. */
const char *api_str(json_t *obj, const char *key);

/* Start a list reply: {"items":[ — the caller closes the array, may add members, closes the object. */
void api_items_begin(Request *r, JsonW *j);
/* A list read with result rc (0, or -1 with r->err): its start as api_items_begin, else false after
** replying with r->err. */
bool api_items_or_reply(Request *r, int rc, JsonW *j);
/* The member key: "YYYY-MM-DD" when d is a day; nothing for DAY_NONE. */
void api_day(JsonW *j, const char *key, Day d);
/* An inspection's own fields (id, kind, title … plan_state, version) as members of an open object.
 */
void api_inspection_members(JsonW *j, const Inspection *in);
/* The full name of unit id (as the pages show it), "" for 0 or unknown; ctx is the Request. */
const char *api_unit_name(void *ctx, int64_t id);
/*
** A NameLookup for the units and leaders of measures ms[0..n), read in one query (names in r's
** arena; "" for an id it was not made for). 0, or -1 after replying with the failure.
*/
int api_names(Request *r, const Measure *const *ms, int n, NameLookup *out);

#endif
