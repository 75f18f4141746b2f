/*
** api.h: helpers of the JSON API handlers (api_*.c): the reply writer and the request body
** reader. Errors use route_fail, which writes SPEC §6's {"error":{…}} on API routes.
*/
#ifndef ZG_WEB_API_H
#define ZG_WEB_API_H

#include "base/json.h"
#include "ledger/light.h"
#include "report/stats_json.h"
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
