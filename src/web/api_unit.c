/*
** api_unit.c: units through the JSON API: keyset pages of the units a user may see
** (access_units: observers all, the office, leaders and discipline staff their organisation's,
** a unit user its own) and one unit with the figures of the measures it leads or shares, over
** the inspections the user may see, on the request's date: counts by state and light from one
** grouped SQL count, and the on-time reporting (which reads every measure's reports) only with
** reporting=1.
*/
#include "db/inspection_store.h"
#include "db/measure_store.h"
#include "db/org_store.h"
#include "ledger/light.h"
#include "ledger/stats.h"
#include "web/access.h"
#include "web/api.h"
#include "web/handlers.h"
#include "web/routes.h"
#include "web/view.h"

#define UNITS_PAGE_SIZE 100 /* units per reply unless limit says otherwise */
#define UNITS_PAGE_MAX 500

static void unit_members(JsonW *j, const Unit *u, int64_t org)
{
    json_kint(j, "id", u->id);
    json_kstr(j, "name", u->name);
    json_kstr(j, "short_name", u->short_name);
    json_kstr(j, "kind", model_unit_kind_name(u->kind));
    if (u->parent_id)
        json_kint(j, "parent_id", u->parent_id);
    json_kint(j, "org_unit_id", org);
}

/*
** A keyset page by id of the units r's user may see (access_units): a province holds tens of
** thousands, so a reply costs its page, and each unit's organisation is one walk up its tree
** (none within one organisation's).
*/
void api_unit_list(Request *r)
{
    if (request_query(r, "q") &&
        !access_unit_only(&r->user)) { /* the pickers' search (api_edit.c) */
        api_unit_search(r);
        return;
    }
    int64_t after = 0, limit = 0;
    static const char *const bad[] = {"after", "limit"};
    if (request_query_id(r, "after", &after) < 0 || request_query_id(r, "limit", &limit) < 0 ||
        limit > UNITS_PAGE_MAX) {
        route_fail_fields(r, 400, "bad_request", "after an id; limit 1..500", bad, 2);
        return;
    }
    if (!limit)
        limit = UNITS_PAGE_SIZE;
    int64_t id;
    AccessUnits scope = access_units(&r->user, &id);
    Unit *us = NULL;
    int n = 0;
    if (scope == ACCESS_UNITS_ONE) {
        us = ARENA_ARRAY(&r->arena, Unit, 1);
        if (id > after) {
            if (unit_store_get(r->db, &r->arena, id, us, &r->err) == 0)
                n = 1;
            else if (r->err.code == ERR_NOTFOUND)
                err_clear(&r->err);
            else {
                route_fail_err(r, &r->err);
                return;
            }
        }
    } else if (scope != ACCESS_UNITS_NONE &&
               unit_store_page(r->db, &r->arena, scope == ACCESS_UNITS_ORG ? id : 0, after,
                               (int)limit + 1, &us, &n, &r->err) < 0) {
        route_fail_err(r, &r->err);
        return;
    }
    bool more = n > limit;
    if (more)
        n = (int)limit;
    JsonW j;
    api_items_begin(r, &j);
    for (int i = 0; i < n; i++) {
        /* A unit found walking down from an organisation is in it: no walk back up. */
        int64_t org = id;
        if (scope != ACCESS_UNITS_ORG && unit_store_org(r->db, us[i].id, &org, &r->err) < 0) {
            route_fail_err(r, &r->err);
            return;
        }
        if (!access_unit(&r->user, us[i].id, org))
            continue;
        json_obj(&j);
        unit_members(&j, &us[i], org);
        json_end(&j);
    }
    json_end(&j);
    if (more)
        json_kint(&j, "next", us[n - 1].id);
    api_object_end(r, &j);
}

/* The inspection of the measures being counted (they come in ledger order) and its rules. */
typedef struct RulesMemo {
    Inspection in;
    LightRules rules;
} RulesMemo;

/*
** The on-time reporting of f's measures (ledger_on_time), asked for with reporting=1: it needs
** every measure's report history, so it costs the unit's ledger and is left out by default.
*/
static int reporting(Request *r, const MeasureFilter *f, int *expected, int *on_time)
{
    Measure *ms;
    int n = 0;
    if (measure_store_load(r->db, &r->arena, f, MEASURE_LOAD_OWNERS | MEASURE_LOAD_REPORTS, &ms,
                           &n, &r->err) < 0)
        return -1;
    RulesMemo memo;
    memo.in.id = 0;
    for (int k = 0; k < n; k++) {
        const Measure *m = &ms[k];
        if (m->inspection_id != memo.in.id) {
            if (inspection_store_get(r->db, &r->arena, m->inspection_id, &memo.in, &r->err) < 0)
                return -1;
            memo.rules = ledger_rules(&memo.in);
        }
        if (!access_measure(&r->user, &memo.in, m))
            continue;
        int e = 0, o = 0;
        ledger_on_time(m, &memo.rules, r->today, &e, &o);
        *expected += e;
        *on_time += o;
    }
    return 0;
}

void api_unit_get(Request *r)
{
    Unit u;
    int64_t org;
    if (unit_store_get(r->db, &r->arena, r->path_id, &u, &r->err) < 0 ||
        unit_store_org(r->db, u.id, &org, &r->err) < 0) {
        route_fail_err(r, &r->err);
        return;
    }
    if (!route_allowed_or_reply(r, access_unit(&r->user, u.id, org), "you may not see this unit"))
        return;
    const char *rep = request_query(r, "reporting");
    bool with_reporting = rep && strcmp(rep, "1") == 0;
    if (rep && !with_reporting && *rep && strcmp(rep, "0") != 0) {
        route_fail(r, 400, "bad_request", "reporting must be 0 or 1");
        return;
    }
    /* The counts by state and light: one grouped count over the unit's index range. */
    MeasureFilter f = MEASURE_FILTER_ALL;
    f.unit_id = u.id;
    MeasureCounts c = {0};
    MeasureLightDay day;
    ledger_light_day(r->today, &day);
    int expected = 0, on_time = 0;
    if (access_scope(&r->user, &f) &&
        (measure_store_counts(r->db, &f, &day, &c, &r->err) < 0 ||
         (with_reporting && reporting(r, &f, &expected, &on_time) < 0))) {
        route_fail_err(r, &r->err);
        return;
    }
    static const int sql_light[LIGHT__COUNT] = {
        [LIGHT_GREEN] = MEASURE_LIGHT_GREEN, [LIGHT_YELLOW] = MEASURE_LIGHT_YELLOW,
        [LIGHT_RED] = MEASURE_LIGHT_RED, [LIGHT_CLOSED] = MEASURE_LIGHT_CLOSED};
    char iso[DATE_ISO_SIZE];
    JsonW j;
    api_begin(r, &j);
    json_obj(&j);
    unit_members(&j, &u, org);
    json_kstr(&j, "as_of", date_format(r->today, iso));
    json_kint(&j, "measures", c.total);
    json_kint(&j, "lead", c.lead);
    json_kint(&j, "co", c.total - c.lead);
    json_kobj(&j, "by_state");
    for (int s = 0; s < STATE__COUNT; s++)
        json_kint(&j, model_state_name((MeasureState)s), c.by_state[s]);
    json_end(&j);
    json_kobj(&j, "by_light");
    for (int l = 0; l < LIGHT__COUNT; l++)
        json_kint(&j, ledger_light_name((Light)l), c.by_light[sql_light[l]]);
    json_end(&j);
    if (with_reporting) {
        json_kobj(&j, "reporting");
        json_kint(&j, "expected", expected);
        json_kint(&j, "on_time", on_time);
        json_key(&j, "on_time_rate");
        json_double(&j, ledger_rate(on_time, expected));
        json_end(&j);
    }
    json_end(&j);
    api_end(r);
}
