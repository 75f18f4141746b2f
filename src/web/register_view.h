/*
** register_view.h: reading mechanisms, meetings and recoveries from their fields, shared by
** page_register.c and api_register.c (as clue_view.h is for clues).
*/
#ifndef ZG_WEB_REGISTER_VIEW_H
#define ZG_WEB_REGISTER_VIEW_H

#include "db/register_store.h"
#include "ledger/registers.h"
#include "web/fields.h"

/* A mechanism and its links from f; false after replying 422. */
bool register_view_mechanism(const Fields *f, Mechanism *m, int64_t **findings, int *n_f,
                             int64_t **measures, int *n_m);
bool register_view_meeting(const Fields *f, Meeting *m);
bool register_view_recovery(const Fields *f, Recovery *rc);
/*
** A meeting or a recovery as both front doors enter it: read from the fields into rec (false
** after replying 422), then added through the ledger. One for each kind, in api_register.c.
*/
typedef struct RegisterEntry {
    bool (*read)(const Fields *f, void *rec);
    int (*add)(Db *db, const Actor *actor, void *rec, const char **field, Err *err);
} RegisterEntry;
extern const RegisterEntry register_view_meeting_entry;
extern const RegisterEntry register_view_recovery_entry;
/* The inspection of field "inspection" (which r's user may see) into *in; false after replying. */
bool register_view_inspection(const Fields *f, Inspection *in);
/*
** The section of a measure's page listing the mechanisms linked to the measure or to its
** problem finding_id, and the recoveries recorded against that problem (a database error
** shows as a line in the section: the page itself stands).
*/
void register_view_linked(Request *r, int64_t finding_id, int64_t measure_id);

#endif
