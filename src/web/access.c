/*
** access.c: object-level authorisation (access.h).
*/
#include "web/access.h"

#include "db/evidence_store.h"
#include "db/inspection_store.h"
#include "ledger/workflow.h"
#include "web/routes.h"

bool access_has(const User *u, unsigned roles)
{
    return (u->roles & roles) != 0;
}

bool access_unit_only(const User *u)
{
    return !access_has(u, ROLES_WIDE) && access_has(u, ROLE_BIT(ROLE_UNIT));
}

bool access_clue_names(const User *u)
{
    return access_has(u, ROLE_BIT(ROLE_DISCIPLINE));
}

/* Office, leaders and discipline see their organisation's inspections; observers all. */
static bool org_member(const User *u, const Inspection *in)
{
    if (access_has(u, ROLE_BIT(ROLE_OBSERVER)))
        return true;
    if (!access_has(u, ROLES_ORG))
        return false;
    return in->org_unit_id == 0 || in->org_unit_id == u->org_unit_id;
}

bool access_inspection(const User *u, const Inspection *in)
{
    if (org_member(u, in))
        return true;
    /* A unit sees the issued inspections of its organisation, narrowed to its own measures: a
       draft plan is the office's until it is issued (下发). */
    return access_has(u, ROLE_BIT(ROLE_UNIT)) && u->unit_id && in->plan_state == PLAN_ISSUED &&
           (in->org_unit_id == 0 || in->org_unit_id == u->org_unit_id);
}

bool access_measure(const User *u, const Inspection *in, const Measure *m)
{
    Actor a = workflow_actor(u);
    return org_member(u, in) || (in->plan_state == PLAN_ISSUED &&
                                 (workflow_is_lead_unit(m, &a) || workflow_is_co_unit(m, &a)));
}

bool access_edit(const User *u, const Inspection *in)
{
    if (!access_has(u, ROLE_BIT(ROLE_OFFICE)))
        return false;
    return !in || in->org_unit_id == 0 || in->org_unit_id == u->org_unit_id;
}

AccessUnits access_units(const User *u, int64_t *id)
{
    *id = 0;
    if (access_has(u, ROLE_BIT(ROLE_OBSERVER)) || (access_has(u, ROLES_ORG) && u->org_unit_id == 0))
        return ACCESS_UNITS_ALL;
    if (access_has(u, ROLES_ORG)) {
        *id = u->org_unit_id;
        return ACCESS_UNITS_ORG;
    }
    if (access_has(u, ROLE_BIT(ROLE_UNIT)) && u->unit_id) {
        *id = u->unit_id;
        return ACCESS_UNITS_ONE;
    }
    return ACCESS_UNITS_NONE;
}

bool access_unit(const User *u, int64_t unit_id, int64_t unit_org_id)
{
    int64_t id;
    switch (access_units(u, &id)) {
    case ACCESS_UNITS_ALL:
        return true;
    case ACCESS_UNITS_ORG:
        return unit_org_id == id;
    case ACCESS_UNITS_ONE:
        return unit_id == id;
    case ACCESS_UNITS_NONE:
        break;
    }
    return false;
}

bool access_scope(const User *u, MeasureFilter *f)
{
    if (access_has(u, ROLE_BIT(ROLE_OBSERVER)))
        return true;
    if (access_has(u, ROLES_ORG)) {
        /* Inspections without an organisation are everyone's (a one-organisation install). */
        if (u->org_unit_id)
            f->org_unit_id = u->org_unit_id;
        return true;
    }
    if (access_has(u, ROLE_BIT(ROLE_UNIT)) && u->unit_id) {
        if (f->unit_id && f->unit_id != u->unit_id)
            return false;
        f->unit_id = u->unit_id;
        f->issued_only = true;
        return true;
    }
    return false;
}

bool access_inspection_or_reply(Request *r, int64_t id, Inspection *out)
{
    Err err = ERR_INIT;
    return route_ok_or_reply(r, inspection_store_get(r->db, &r->arena, id, out, &err), &err) &&
           route_allowed_or_reply(r, access_inspection(&r->user, out),
                                  "you may not see this inspection");
}

bool access_edit_or_reply(Request *r, int64_t id, Inspection *out)
{
    return access_inspection_or_reply(r, id, out) &&
           route_allowed_or_reply(r, access_edit(&r->user, out),
                                  "you may not edit this inspection");
}

/* access_measure_or_reply with the measure's parts in what (MEASURE_LOAD_*). */
static bool measure_parts_or_reply(Request *r, int64_t id, unsigned what, Measure *m,
                                   Inspection *in)
{
    Err err = ERR_INIT;
    int rc = measure_store_get_parts(r->db, &r->arena, id, what, m, &err);
    if (rc == 0)
        rc = inspection_store_get(r->db, &r->arena, m->inspection_id, in, &err);
    return route_ok_or_reply(r, rc, &err) &&
           route_allowed_or_reply(r, access_measure(&r->user, in, m),
                                  "you may not see this measure");
}

bool access_measure_or_reply(Request *r, int64_t id, Measure *m, Inspection *in)
{
    return measure_parts_or_reply(r, id, MEASURE_LOAD_OWNERS | MEASURE_LOAD_REPORTS, m, in);
}

bool access_measure_owners_or_reply(Request *r, int64_t id, Measure *m, Inspection *in)
{
    /*
    ** A write handler runs outside the reads' snapshot (routes.c): its five reads here share
    ** one, so that SQLite looks at the WAL and takes its read lock once, not five times.
    */
    Err err = ERR_INIT;
    if (!route_ok_or_reply(r, db_begin_read(r->db, &err), &err))
        return false;
    bool ok = measure_parts_or_reply(r, id, MEASURE_LOAD_OWNERS, m, in);
    db_commit(r->db, &err);
    return ok;
}

bool access_evidence_or_reply(Request *r, int64_t id, Evidence *e, Measure *m, Inspection *in)
{
    Err err = ERR_INIT;
    return route_ok_or_reply(r, evidence_store_get(r->db, &r->arena, id, e, &err), &err) &&
           access_measure_or_reply(r, e->measure_id, m, in);
}
