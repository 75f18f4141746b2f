/*
** api_inspection.c: inspections through the JSON API (SPEC §6): the visible ones with their
** measure counts, one with its statistics, its finding tree with statuses and measures, and the
** statistics alone (/api/v1/stats?inspection=ID). What a user sees is decided by access.c: the
** inspections of their organisation (observers all), and for a unit user only the measures its
** unit leads or shares, so their counts, statuses and statistics cover those measures only.
** The statistics are the dashboard's figures (web/dash.h: grouped SQL, cached per thread) with
** the overdue measures read as a keyset page, so a reply costs the groups and rows it carries.
*/
#include "db/count_store.h"
#include "report/stats_json.h"
#include "web/access.h"
#include "web/api.h"
#include "web/dash.h"
#include "web/handlers.h"
#include "web/routes.h"
#include "web/view.h"

/* The names of a scoped ledger for the finding tree (ctx is the ViewLedger). */
static const char *ledger_unit_name(void *ctx, int64_t id)
{
    const ViewLedger *v = ctx;
    return view_name(v->units, v->n_units, id);
}

static const char *ledger_person_name(void *ctx, int64_t id)
{
    const ViewLedger *v = ctx;
    return view_name(v->persons, v->n_persons, id);
}

/*
** Inspection id's ledger as r's user may see it, for the finding tree (view.h: measures narrowed
** to a unit user's own, cached per thread); NULL after replying (404 unknown, 403 not visible).
*/
static const ViewLedger *scoped_or_reply(Request *r, int64_t id, NameLookup *names)
{
    Inspection in;
    if (!access_inspection_or_reply(r, id, &in))
        return NULL;
    const ViewLedger *v = view_ledger(r, &in);
    names->unit = ledger_unit_name;
    names->person = ledger_person_name;
    names->ctx = (void *)v;
    return v;
}

void api_inspection_members(JsonW *j, const Inspection *in)
{
    json_kint(j, "id", in->id);
    json_kstr(j, "kind", model_inspection_kind_name(in->kind));
    json_kstr(j, "title", in->title);
    json_kstr(j, "superior", in->superior);
    json_kstr(j, "group", in->group_name);
    json_kstr(j, "target", in->target);
    json_kstr(j, "state", vocab_name(VOCAB_INSPECTION_STATE, (int)in->state));
    api_day(j, "onsite_start", in->onsite_start);
    api_day(j, "onsite_end", in->onsite_end);
    api_day(j, "feedback_on", in->feedback_on);
    api_day(j, "concentrated_end", in->concentrated_end);
    json_kstr(j, "report_cycle", model_cycle_name(in->report_cycle));
    json_kint(j, "warn_days", in->warn_days);
    json_kint(j, "revisit_months", in->revisit_months);
    json_kbool(j, "require_signoff", in->require_signoff);
    if (in->org_unit_id)
        json_kint(j, "org_unit_id", in->org_unit_id);
    json_kstr(j, "plan_state", vocab_name(VOCAB_PLAN_STATE, in->plan_state));
    json_kint(j, "report_due_day", in->report_due_day);
    json_kbool(j, "require_onsite", in->require_onsite);
    if (in->contact_phone)
        json_kstr(j, "contact_phone", in->contact_phone);
    if (in->contact_email)
        json_kstr(j, "contact_email", in->contact_email);
    if (in->contact_address)
        json_kstr(j, "contact_address", in->contact_address);
    if (in->version)
        json_kint(j, "version", in->version);
}

#define INSPECTIONS_PAGE_SIZE 100 /* inspections per reply unless limit says otherwise */
#define INSPECTIONS_PAGE_MAX 500

void api_inspection_list(Request *r)
{
    int64_t after = 0, limit = 0;
    static const char *const bad[] = {"after", "limit"};
    if (request_query_id(r, "after", &after) < 0 || request_query_id(r, "limit", &limit) < 0 ||
        limit > INSPECTIONS_PAGE_MAX) {
        route_fail_fields(r, 400, "bad_request", "after an id; limit 1..500", bad, 2);
        return;
    }
    const Inspection *ins;
    int n;
    if (view_inspections(r, &ins, &n) < 0)
        return;
    /* A keyset page by id, each with its counts: a reply costs its inspections. */
    int start;
    bool more;
    n = view_inspections_after(ins, n, after, limit ? (int)limit : INSPECTIONS_PAGE_SIZE, &start,
                               &more);
    ins += start;
    int64_t unit = access_unit_only(&r->user) ? r->user.unit_id : 0;
    JsonW j;
    api_items_begin(r, &j);
    for (int i = 0; i < n; i++) {
        const Inspection *in = &ins[i];
        int by_state[STATE__COUNT];
        if (!route_ok_or_reply(r, count_store_states(r->db, in->id, unit, by_state, &r->err),
                               &r->err))
            return;
        int total = 0;
        for (int s = 0; s < STATE__COUNT; s++)
            total += by_state[s];
        json_obj(&j);
        api_inspection_members(&j, in);
        json_kint(&j, "measures", total);
        json_kint(&j, "closed", by_state[STATE_CLOSED] + by_state[STATE_PHASE_COMPLETE]);
        json_kobj(&j, "by_state");
        for (int s = 0; s < STATE__COUNT; s++)
            json_kint(&j, model_state_name((MeasureState)s), by_state[s]);
        json_end(&j);
        json_end(&j);
    }
    json_end(&j);
    if (more)
        json_kint(&j, "next", ins[n - 1].id);
    api_object_end(r, &j);
}

/* The names of the statistics' units and leaders (ctx: their DashFigures). */
static const char *stats_unit_name(void *ctx, int64_t id)
{
    const DashFigures *f = ctx;
    const DashRate *u = view_by_id(f->unit_rates, f->n_units, sizeof *u, id);
    return u ? u->name : "—";
}

static const char *stats_person_name(void *ctx, int64_t id)
{
    const DashFigures *f = ctx;
    const DashRate *p = view_by_id(f->leader_rates, f->n_leaders, sizeof *p, id);
    return p ? p->name : "—";
}

/* The Rate array of rates[0..n) in arena. */
static Rate *rates_copy(Arena *a, const DashRate *rates, int n)
{
    Rate *out = ARENA_ARRAY(a, Rate, n + 1);
    for (int i = 0; i < n; i++)
        out[i] = rates[i].rate;
    return out;
}

/*
** The statistics of inspection id as r's user may see them: its figures (dash_figures_of: the
** measures narrowed to a unit user's own, on r->today, cached per thread) into *st, with its
** units and leaders, the overdue measures left for the caller; *names, their names. NULL after
** replying (404 unknown, 403 not visible, 500).
*/
static const DashFigures *stats_or_reply(Request *r, int64_t id, Inspection *in, Stats *st,
                                         NameLookup *names)
{
    if (!access_inspection_or_reply(r, id, in))
        return NULL;
    const DashFigures *f = dash_figures_of(r, in);
    if (!f)
        return NULL;
    memset(st, 0, sizeof *st);
    st->as_of = r->today;
    st->n_measures = f->n_measures;
    memcpy(st->by_state, f->by_state, sizeof st->by_state);
    memcpy(st->by_light, f->by_light, sizeof st->by_light);
    st->n_problems = f->n_problems;
    memcpy(st->problems, f->problems, sizeof st->problems);
    st->expected_reports = f->expected_reports;
    st->on_time_reports = f->on_time_reports;
    st->units = rates_copy(&r->arena, f->unit_rates, f->n_units);
    st->n_units = f->n_units;
    st->leaders = rates_copy(&r->arena, f->leader_rates, f->n_leaders);
    st->n_leaders = f->n_leaders;
    *names = (NameLookup){stats_unit_name, stats_person_name, (void *)f};
    return f;
}

/* St's overdue measures: those of f's scope after id `after`, at most limit (*more when others
   follow). Returns 0, or -1 after replying 500. */
static int overdue_page(Request *r, const Inspection *in, const DashFigures *f, int64_t after,
                        int limit, Stats *st, bool *more)
{
    Measure *rows;
    int n;
    if (dash_overdue(r->db, in, f->scope_unit, r->today, after, limit + 1, &r->arena, &rows, &n,
                     &r->err) < 0) {
        route_fail_err(r, &r->err);
        return -1;
    }
    *more = n > limit;
    st->n_overdue = *more ? limit : n;
    st->overdue = ARENA_ARRAY(&r->arena, const Measure *, st->n_overdue + 1);
    for (int i = 0; i < st->n_overdue; i++)
        st->overdue[i] = &rows[i];
    return 0;
}

void api_inspection_get(Request *r)
{
    Inspection in;
    Stats st;
    NameLookup names;
    if (!stats_or_reply(r, r->path_id, &in, &st, &names))
        return;
    r->etag_version = in.version;
    JsonW j;
    api_object_begin(r, 0, &j);
    json_kobj(&j, "inspection");
    api_inspection_members(&j, &in);
    json_kstr(&j, "signer", in.signer);
    json_kobj(&j, "contact");
    json_kstr(&j, "phone", in.contact_phone);
    json_kstr(&j, "email", in.contact_email);
    json_kstr(&j, "address", in.contact_address);
    json_end(&j);
    json_end(&j);
    /* The counts, as GET /api/v1/stats gives them: its lists come from there, paged (a city's
       inspection has 1,600 overdue measures: 270 KB). */
    json_key(&j, "stats");
    report_stats_page_json(&j, &in, &st, &names, STATS_LIST_NONE, 0, false);
    api_object_end(r, &j);
}

#define STATS_PAGE_SIZE 50 /* list items per statistics reply unless limit says otherwise */
#define STATS_PAGE_MAX 500

/* The page of rates[0..*n) after id `after` (an unknown id: past the end), at most limit:
   *rates and *n narrowed to it; true when more follow. */
static bool rates_page(Rate **rates, int *n, int64_t after, int limit)
{
    int from = 0;
    if (after) {
        const Rate *hit = view_by_id(*rates, *n, sizeof **rates, after);
        from = hit ? (int)(hit - *rates) + 1 : *n;
    }
    int left = *n - from;
    *rates += from;
    *n = left < limit ? left : limit;
    return left > limit;
}

void api_stats(Request *r)
{
    int64_t id;
    if (!api_query_id_or_reply(r, "inspection", &id))
        return;
    /* One list at a time, on request and paged (include=units|leaders|overdue_measures, after,
       limit): the counts alone by default, not every unit, leader and overdue measure. */
    static const char *const lists[] = {"", "units", "leaders", "overdue_measures"};
    StatsList list = STATS_LIST_NONE;
    const char *inc = request_query(r, "include");
    int64_t after = 0, limit = 0;
    if (inc && *inc) {
        list = (StatsList)ARRAY_SIZE(lists);
        for (size_t i = 1; i < ARRAY_SIZE(lists); i++)
            if (strcmp(inc, lists[i]) == 0)
                list = (StatsList)i;
    }
    static const char *const bad[] = {"include", "after", "limit"};
    if (list == (StatsList)ARRAY_SIZE(lists) || request_query_id(r, "after", &after) < 0 ||
        request_query_id(r, "limit", &limit) < 0 || limit > STATS_PAGE_MAX) {
        route_fail_fields(r, 400, "bad_request",
                          "include must be units, leaders or overdue_measures; after an id;"
                          " limit 1..500",
                          bad, 3);
        return;
    }
    if (limit == 0)
        limit = STATS_PAGE_SIZE; /* absent */
    Inspection in;
    Stats st;
    NameLookup names;
    const DashFigures *f = stats_or_reply(r, id, &in, &st, &names);
    if (!f)
        return;
    int total = 0;
    bool more = false;
    if (list == STATS_LIST_UNITS) {
        total = st.n_units;
        more = rates_page(&st.units, &st.n_units, after, (int)limit);
    } else if (list == STATS_LIST_LEADERS) {
        total = st.n_leaders;
        more = rates_page(&st.leaders, &st.n_leaders, after, (int)limit);
    } else if (list == STATS_LIST_OVERDUE) {
        total = f->n_overdue;
        if (overdue_page(r, &in, f, after, (int)limit, &st, &more) < 0)
            return;
    }
    JsonW j;
    api_begin(r, &j);
    report_stats_page_json(&j, &in, &st, &names, list, total, more);
    api_end(r);
}

/* The finding tree: children and measures of each finding, by index. */
typedef struct Tree {
    const ViewLedger *v;
    NameLookup names;                /* of the ledger's units and persons */
    int *first_child, *next_sibling; /* per finding index, -1 for none */
    int *first_measure, *next_measure; /* first measure of finding i; next of measure k */
    bool *shown;                     /* per finding: part of the user's view */
} Tree;

/* The index of finding id in l (findings sorted by id), or -1. */
static int finding_index(const Ledger *l, int64_t id)
{
    const Finding *f = view_by_id(l->findings, l->n_findings, sizeof *l->findings, id);
    return f ? (int)(f - l->findings) : -1;
}

static void tree_build(Request *r, const ViewLedger *v, Tree *t)
{
    const Ledger *l = &v->ledger;
    int nf = l->n_findings, nm = l->n_measures;
    t->v = v;
    t->first_child = ARENA_ARRAY(&r->arena, int, nf + 1);
    t->next_sibling = ARENA_ARRAY(&r->arena, int, nf + 1);
    t->first_measure = ARENA_ARRAY(&r->arena, int, nf + 1);
    t->next_measure = ARENA_ARRAY(&r->arena, int, nm + 1);
    t->shown = ARENA_ARRAY(&r->arena, bool, nf + 1);
    for (int i = 0; i < nf; i++)
        t->first_child[i] = t->next_sibling[i] = t->first_measure[i] = -1;
    /* Backwards, so that prepending keeps ordinal and ledger order. */
    for (int i = nf - 1; i >= 0; i--) {
        int p = l->findings[i].parent_id ? finding_index(l, l->findings[i].parent_id) : -1;
        if (p >= 0) {
            t->next_sibling[i] = t->first_child[p];
            t->first_child[p] = i;
        }
    }
    bool narrowed = access_unit_only(&r->user);
    for (int k = nm - 1; k >= 0; k--) {
        int f = finding_index(l, l->measures[k].finding_id);
        t->next_measure[k] = -1;
        if (f < 0)
            continue;
        t->next_measure[k] = t->first_measure[f];
        t->first_measure[f] = k;
        /* A unit user sees the findings above its measures, no others. */
        for (int up = f; up >= 0 && !t->shown[up];
             up = l->findings[up].parent_id ? finding_index(l, l->findings[up].parent_id) : -1)
            t->shown[up] = true;
    }
    if (!narrowed)
        for (int i = 0; i < nf; i++)
            t->shown[i] = true;
}

static void tree_finding(JsonW *j, const Tree *t, int i, int depth)
{
    const Finding *f = &t->v->ledger.findings[i];
    json_obj(j);
    json_kint(j, "id", f->id);
    json_kstr(j, "level", model_level_name(f->level));
    json_kstr(j, "label", f->label);
    json_kstr(j, "title", f->title);
    json_kstr(j, "status", model_status_name(t->v->stats.status[i]));
    if (f->override != STATUS_NONE)
        json_kstr(j, "override_reason", f->override_reason);
    json_karr(j, "measures");
    for (int k = t->first_measure[i]; k >= 0; k = t->next_measure[k]) {
        json_obj(j);
        report_measure_json(j, &t->names, &t->v->ledger.measures[k], t->v->stats.lights[k],
                            t->v->stats.why[k]);
        json_end(j);
    }
    json_end(j);
    json_karr(j, "children");
    /* The JSON writer nests 64 deep; the levels of SPEC §2 are four. */
    for (int c = t->first_child[i]; c >= 0 && depth < 16; c = t->next_sibling[c])
        if (t->shown[c])
            tree_finding(j, t, c, depth + 1);
    json_end(j);
    json_end(j);
}

void api_inspection_tree(Request *r)
{
    NameLookup names;
    const ViewLedger *v = scoped_or_reply(r, r->path_id, &names);
    if (!v)
        return;
    Tree t;
    tree_build(r, v, &t);
    t.names = names;
    JsonW j;
    api_object_begin(r, 0, &j);
    json_kint(&j, "inspection_id", v->ledger.in.id);
    char iso[DATE_ISO_SIZE];
    json_kstr(&j, "as_of", date_format(r->today, iso));
    json_karr(&j, "findings");
    for (int i = 0; i < v->ledger.n_findings; i++)
        if (!v->ledger.findings[i].parent_id && t.shown[i])
            tree_finding(&j, &t, i, 0);
    json_end(&j);
    api_object_end(r, &j);
}
