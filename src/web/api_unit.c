/*
** api_unit.c: units through the JSON API: the units a user may see (access_unit: observers all,
** the office, leaders and discipline staff their organisation's, a unit user its own) and one
** unit with the figures of the measures it leads or shares, over the inspections the user may
** see, on the request's date: counts by state and light from one grouped SQL count, and the
** on-time reporting (which reads every measure's reports) only with reporting=1.
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

/* Every unit, by id, with the root of its tree (its organisation). */
typedef struct UnitTree {
    Unit *units;
    int n;
    int64_t *org; /* per unit: the id of its root */
} UnitTree;

/* The index of unit id in t (units sorted by id), or -1. */
static int unit_index(const UnitTree *t, int64_t id)
{
    const Unit *u = view_by_id(t->units, t->n, sizeof *t->units, id);
    return u ? (int)(u - t->units) : -1;
}

static bool tree_or_reply(Request *r, UnitTree *t)
{
    if (unit_store_list(r->db, &r->arena, &t->units, &t->n, &r->err) < 0) {
        route_fail_err(r, &r->err);
        return false;
    }
    t->org = ARENA_ARRAY(&r->arena, int64_t, t->n + 1);
    for (int i = 0; i < t->n; i++) {
        int k = i, steps = 0;
        /* The parent chain is a foreign key; the bound only guards against a crafted cycle. */
        while (t->units[k].parent_id && steps++ < 64) {
            int p = unit_index(t, t->units[k].parent_id);
            if (p < 0)
                break;
            k = p;
        }
        t->org[i] = t->units[k].id;
    }
    return true;
}

static void unit_members(JsonW *j, const UnitTree *t, int i)
{
    const Unit *u = &t->units[i];
    json_kint(j, "id", u->id);
    json_kstr(j, "name", u->name);
    json_kstr(j, "short_name", u->short_name);
    json_kstr(j, "kind", model_unit_kind_name(u->kind));
    if (u->parent_id)
        json_kint(j, "parent_id", u->parent_id);
    json_kint(j, "org_unit_id", t->org[i]);
}

void api_unit_list(Request *r)
{
    if (request_query(r, "q") &&
        !access_unit_only(&r->user)) { /* the pickers' search (api_edit.c) */
        api_unit_search(r);
        return;
    }
    UnitTree t;
    if (!tree_or_reply(r, &t))
        return;
    JsonW j;
    api_items_begin(r, &j);
    for (int i = 0; i < t.n; i++) {
        if (!access_unit(&r->user, t.units[i].id, t.org[i]))
            continue;
        json_obj(&j);
        unit_members(&j, &t, i);
        json_end(&j);
    }
    json_end(&j);
    json_end(&j);
    api_end(r);
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
    UnitTree t;
    if (!tree_or_reply(r, &t))
        return;
    int i = unit_index(&t, r->path_id);
    if (i < 0) {
        route_fail(r, 404, "not_found", "no such unit");
        return;
    }
    if (!route_allowed_or_reply(r, access_unit(&r->user, t.units[i].id, t.org[i]),
                                "you may not see this unit"))
        return;
    const char *rep = request_query(r, "reporting");
    bool with_reporting = rep && strcmp(rep, "1") == 0;
    if (rep && !with_reporting && *rep && strcmp(rep, "0") != 0) {
        route_fail(r, 400, "bad_request", "reporting must be 0 or 1");
        return;
    }
    /* The counts by state and light: one grouped count over the unit's index range. */
    MeasureFilter f = MEASURE_FILTER_ALL;
    f.unit_id = t.units[i].id;
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
    unit_members(&j, &t, i);
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
