/*
** fields.h: the named inputs of a register entry, read alike from a page's form and from an
** API call's JSON object, so that the pages and the API share one reader per record
** (page_clue.c and api_clue.c, page_register.c and api_register.c …).
*/
#ifndef ZG_WEB_FIELDS_H
#define ZG_WEB_FIELDS_H

#include <jansson.h>

#include "base/date.h"
#include "db/model.h"
#include "web/request.h"

typedef struct Fields {
    Request *r;   /* the request (form parameters, arena) */
    json_t *json; /* the API call's body object, or NULL for a form */
} Fields;

/* The text of field name: NULL when absent or empty; JSON numbers as decimal text (arena). */
const char *fields_text(const Fields *f, const char *name);
/* The day of field name into *out (DAY_NONE when absent); false when it is not a date. */
bool fields_day(const Fields *f, const char *name, Day *out);
/* A positive id (0 when absent); false when malformed. */
bool fields_id(const Fields *f, const char *name, int64_t *out);
/*
** A list of ids: a JSON array of integers, or a form text of ids separated by blanks, commas
** or 、 (at most max). *out in the request's arena. false when malformed or too many.
*/
bool fields_ids(const Fields *f, const char *name, int max, int64_t **out, int *n);
/* An amount in 元 with at most two decimals ("12.5", 12.5) into fen; false when malformed. */
bool fields_fen(const Fields *f, const char *name, int64_t *out);
/* fields_day, replying 422 with "NAME is not a date like 2025-06-30" when it fails. */
bool fields_day_or_reply(const Fields *f, const char *name, Day *out);
/* fields_id, or false after a 422 naming the field. */
bool fields_id_or_reply(const Fields *f, const char *name, int64_t *out);
/* Reply status with {"key": id} (an API entry made or changed). */
void fields_reply_id(Request *r, int status, const char *key, int64_t id);
/*
** The parameters of a register list: ?inspection=ID (required; 400 naming it when missing),
** which r's user may see, into *in, and the cursor ?cursor_name=ID into *cursor (0 when absent).
** false after replying.
*/
bool fields_list_params(Request *r, const char *cursor_name, Inspection *in, int64_t *cursor);
struct JsonW;
/*
** Close a list reply opened by api_items_begin: the items array, then "next" (the cursor of the
** following page: last) when the page is full (n == page), then the object.
*/
void fields_items_end(Request *r, struct JsonW *j, int n, int page, int64_t last);
/* Reply 422 naming field (JSON: fields [field]; a page: the status page). */
void fields_fail(Request *r, const char *field, const char *message);

#endif
