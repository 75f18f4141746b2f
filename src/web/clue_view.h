/*
** clue_view.h: what the clue register's page (page_clue.c) and API (api_clue.c) share:
** reading a clue and an outcome from their fields, loading a clue the user may see, and the
** audit entry every read of a clue's detail writes. Subjects' names reach only users for whom
** access_clue_names holds; the routes admit only them to the detail.
*/
#ifndef ZG_WEB_CLUE_VIEW_H
#define ZG_WEB_CLUE_VIEW_H

#include "db/clue_store.h"
#include "web/fields.h"

/* Fill c's fields (not id or inspection) from f; false after replying 422. */
bool clue_view_read(const Fields *f, Clue *c);
/* Fill o's fields (not clue_id) from f; false after replying 422. */
bool clue_view_read_outcome(const Fields *f, ClueOutcome *o);
/* Load clue id whose inspection r's user may see into *c; false after replying. */
bool clue_view_load(Request *r, int64_t id, Clue *c);
/*
** Write the audit entry of a read of clue id's detail (clue.read) in its own transaction,
** between the request's read transaction's end and a new one. false after replying 500: the
** detail is not shown when its read cannot be recorded.
*/
bool clue_view_audit_read(Request *r, int64_t id);

#endif
