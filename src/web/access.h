/*
** access.h: what a user may see and do, decided in this one place (SPEC §5) for pages, API
** calls, lists, counts and searches alike. Route flags (routes.c) admit roles to routes; these
** functions decide each object: an inspection belongs to an organisation (its root unit) and only
** that organisation's office, leaders and discipline staff see it (observers see all); a unit
** sees the measures it leads or shares; the three administrators see no ledger content.
*/
#ifndef ZG_WEB_ACCESS_H
#define ZG_WEB_ACCESS_H

#include "db/measure_store.h"
#include "web/request.h"

/* True when u may read inspection in (its tree, its statistics within u's scope). */
bool access_inspection(const User *u, const Inspection *in);
/*
** True when u may edit inspection in's ledger (its fields, tree, measures, plan state): the
** office of the inspection's organisation. in NULL: whether u may create an inspection at all.
*/
bool access_edit(const User *u, const Inspection *in);
/* True when u may read measure m of inspection in. */
bool access_measure(const User *u, const Inspection *in, const Measure *m);
/*
** Narrow a list filter to what u may see: units to their own unit, others to their organisation.
** Returns false when nothing at all is visible (a user without ledger roles).
*/
bool access_scope(const User *u, MeasureFilter *f);
/*
** True when u may see unit unit_id, whose organisation (the root of its tree) is unit_org_id:
** observers every unit, office, leaders and discipline their organisation's, a unit user its own.
*/
bool access_unit(const User *u, int64_t unit_id, int64_t unit_org_id);

/* The units access_unit lets a user see, as a query asks for them. */
typedef enum AccessUnits {
    ACCESS_UNITS_NONE,
    ACCESS_UNITS_ALL, /* every unit */
    ACCESS_UNITS_ORG, /* the units of organisation *id's tree */
    ACCESS_UNITS_ONE, /* unit *id alone */
} AccessUnits;
/* Which units u may see (access_unit is defined by it), with the organisation or unit in *id. */
AccessUnits access_units(const User *u, int64_t *id);
/* True when u's view of an inspection is limited to its own unit's measures. */
bool access_unit_only(const User *u);
/* True when u may see the names of clue subjects: the discipline role only (SPEC §5). */
bool access_clue_names(const User *u);
/* True when u has any of the roles in the ROLE_BIT set. */
bool access_has(const User *u, unsigned roles);

/*
** Load inspection id into *out when r's user may read it; otherwise reply 404 or 403 and return
** false ("…_or_reply": the handler just returns).
*/
bool access_inspection_or_reply(Request *r, int64_t id, Inspection *out);
/* As access_inspection_or_reply, and r's user must be allowed to edit it (403 otherwise). */
bool access_edit_or_reply(Request *r, int64_t id, Inspection *out);
/* Load measure id and its inspection when r's user may read them; otherwise reply and false. */
bool access_measure_or_reply(Request *r, int64_t id, Measure *m, Inspection *in);
/*
** As access_measure_or_reply without the measure's report days (m->n_reports 0): for the write
** handlers, whose ledger_apply reads the measure again inside its transaction.
*/
bool access_measure_owners_or_reply(Request *r, int64_t id, Measure *m, Inspection *in);

/*
** Load evidence id with its measure and inspection when r's user may read that measure (a unit
** only its own measures' evidence, whatever the route); otherwise reply 404 or 403 and false.
*/
struct Evidence;
bool access_evidence_or_reply(Request *r, int64_t id, struct Evidence *e, Measure *m,
                              Inspection *in);

#endif
