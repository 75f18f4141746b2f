/*
** api_inspection.c: inspections through the JSON API (SPEC §6): the visible ones with their
** measure counts, one with its statistics, its finding tree with statuses and measures, and the
** statistics alone (/api/v1/stats?inspection=ID). What a user sees is decided by access.c: the
** inspections of their organisation (observers all), and for a unit user only the measures its
** unit leads or shares, so their counts, statuses and statistics cover those measures only.
*/
#include "db/count_store.h"
#include "db/finding_store.h"
#include "db/inspection_store.h"
#include "ledger/ledger.h"
#include "ledger/stats.h"
#include "ledger/status.h"
#include "report/stats_json.h"
#include "web/access.h"
#include "web/api.h"
#include "web/handlers.h"
#include "web/routes.h"

/* One inspection's ledger narrowed to what r's user may see, and its statistics on r->today. */
typedef struct Scoped {
    Inspection in; /* checked with access_inspection */
    Ledger l;      /* findings all; measures those the user may see */
    Stats st;      /* of those measures */
} Scoped;

/* Load inspection id for r's user; false after replying (404 unknown, 403 not visible). */
static bool scoped_or_reply(Request *r, int64_t id, Scoped *s)
{
    if (!access_inspection_or_reply(r, id, &s->in))
        return false;
    if (ledger_load(r->db, &r->arena, id, &s->l, &r->err) < 0) {
        route_fail_err(r, &r->err);
        return false;
    }
    int n = 0;
    for (int i = 0; i < s->l.n_measures; i++)
        if (access_measure(&r->user, &s->in, &s->l.measures[i]))
            s->l.measures[n++] = s->l.measures[i];
    s->l.n_measures = n;
    ledger_stats(&s->l.in, s->l.findings, s->l.n_findings, s->l.measures, n, r->today, &r->arena,
                 &s->st);
    return true;
}

static void day_member(JsonW *j, const char *key, Day d)
{
    char iso[DATE_ISO_SIZE];
    if (d != DAY_NONE)
        json_kstr(j, key, date_format(d, iso));
}

/* The inspection's own fields, as members of an open object. */
static void inspection_members(JsonW *j, const Inspection *in)
{
    json_kint(j, "id", in->id);
    json_kstr(j, "kind", model_inspection_kind_name(in->kind));
    json_kstr(j, "title", in->title);
    json_kstr(j, "superior", in->superior);
    json_kstr(j, "group", in->group_name);
    json_kstr(j, "target", in->target);
    json_kstr(j, "state", in->state);
    day_member(j, "onsite_start", in->onsite_start);
    day_member(j, "onsite_end", in->onsite_end);
    day_member(j, "feedback_on", in->feedback_on);
    day_member(j, "concentrated_end", in->concentrated_end);
    json_kstr(j, "report_cycle", model_cycle_name(in->report_cycle));
    json_kint(j, "warn_days", in->warn_days);
    json_key(j, "require_signoff");
    json_bool(j, in->require_signoff);
    if (in->org_unit_id)
        json_kint(j, "org_unit_id", in->org_unit_id);
}

void api_inspection_list(Request *r)
{
    int64_t *ids;
    int n;
    if (inspection_store_ids(r->db, &r->arena, &ids, &n, &r->err) < 0) {
        route_fail_err(r, &r->err);
        return;
    }
    int64_t unit = access_unit_only(&r->user) ? r->user.unit_id : 0;
    JsonW j;
    api_begin(r, &j);
    json_obj(&j);
    json_key(&j, "items");
    json_arr(&j);
    for (int i = 0; i < n; i++) {
        Inspection in;
        int by_state[STATE__COUNT];
        if (inspection_store_get(r->db, &r->arena, ids[i], &in, &r->err) < 0 ||
            (access_inspection(&r->user, &in) &&
             count_store_states(r->db, in.id, unit, by_state, &r->err) < 0)) {
            route_fail_err(r, &r->err);
            return;
        }
        if (!access_inspection(&r->user, &in))
            continue;
        int total = 0;
        for (int s = 0; s < STATE__COUNT; s++)
            total += by_state[s];
        json_obj(&j);
        inspection_members(&j, &in);
        json_kint(&j, "measures", total);
        json_kint(&j, "closed", by_state[STATE_CLOSED] + by_state[STATE_PHASE_COMPLETE]);
        json_key(&j, "by_state");
        json_obj(&j);
        for (int s = 0; s < STATE__COUNT; s++)
            json_kint(&j, model_state_name((MeasureState)s), by_state[s]);
        json_end(&j);
        json_end(&j);
    }
    json_end(&j);
    json_end(&j);
    api_end(r);
}

void api_inspection_get(Request *r)
{
    Scoped s;
    if (!scoped_or_reply(r, r->path_id, &s))
        return;
    NameLookup names = api_names(r);
    JsonW j;
    api_begin(r, &j);
    json_obj(&j);
    json_key(&j, "inspection");
    json_obj(&j);
    inspection_members(&j, &s.in);
    json_kstr(&j, "signer", s.in.signer);
    json_key(&j, "contact");
    json_obj(&j);
    json_kstr(&j, "phone", s.in.contact_phone);
    json_kstr(&j, "email", s.in.contact_email);
    json_kstr(&j, "address", s.in.contact_address);
    json_end(&j);
    json_end(&j);
    json_key(&j, "stats");
    report_stats_json(&j, &s.l, &s.st, &names);
    json_end(&j);
    api_end(r);
}

void api_stats(Request *r)
{
    int64_t id;
    static const char *const field[] = {"inspection"};
    if (request_query_id(r, "inspection", &id) < 0 || !id) {
        route_fail_fields(r, 400, "bad_request", "inspection=ID is required", field, 1);
        return;
    }
    Scoped s;
    if (!scoped_or_reply(r, id, &s))
        return;
    NameLookup names = api_names(r);
    JsonW j;
    api_begin(r, &j);
    report_stats_json(&j, &s.l, &s.st, &names);
    api_end(r);
}

/* The finding tree: children and measures of each finding, by index. */
typedef struct Tree {
    const Scoped *s;
    int *first_child, *next_sibling; /* per finding index, -1 for none */
    int *first_measure, *next_measure; /* first measure of finding i; next of measure k */
    bool *shown;                     /* per finding: part of the user's view */
} Tree;

static int finding_index(const Ledger *l, int64_t id)
{
    int lo = 0, hi = l->n_findings - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (l->findings[mid].id == id)
            return mid;
        if (l->findings[mid].id < id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

static void tree_build(Request *r, const Scoped *s, Tree *t)
{
    const Ledger *l = &s->l;
    int nf = l->n_findings, nm = l->n_measures;
    t->s = s;
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

static void tree_measure(JsonW *j, const Scoped *s, int k)
{
    const Measure *m = &s->l.measures[k];
    char iso[DATE_ISO_SIZE];
    json_obj(j);
    json_kint(j, "id", m->id);
    json_kstr(j, "label", m->label);
    json_kstr(j, "title", m->title);
    json_kstr(j, "kind", model_kind_name(m->kind));
    if (m->deadline != DAY_NONE)
        json_kstr(j, "deadline", date_format(m->deadline, iso));
    json_key(j, "long_term");
    json_bool(j, m->long_term);
    json_kstr(j, "state", model_state_name(m->state));
    json_kstr(j, "light", ledger_light_name(s->st.lights[k]));
    json_kint(j, "percent", m->percent);
    if (m->lead_unit_id)
        json_kint(j, "lead_unit_id", m->lead_unit_id);
    json_end(j);
}

static void tree_finding(JsonW *j, const Tree *t, int i, int depth)
{
    const Finding *f = &t->s->l.findings[i];
    json_obj(j);
    json_kint(j, "id", f->id);
    json_kstr(j, "level", model_level_name(f->level));
    json_kstr(j, "label", f->label);
    json_kstr(j, "title", f->title);
    json_kstr(j, "status", model_status_name(t->s->st.status[i]));
    if (f->override != STATUS_NONE)
        json_kstr(j, "override_reason", f->override_reason);
    json_key(j, "measures");
    json_arr(j);
    for (int k = t->first_measure[i]; k >= 0; k = t->next_measure[k])
        tree_measure(j, t->s, k);
    json_end(j);
    json_key(j, "children");
    json_arr(j);
    /* The JSON writer nests 64 deep; the levels of SPEC §2 are four. */
    for (int c = t->first_child[i]; c >= 0 && depth < 16; c = t->next_sibling[c])
        if (t->shown[c])
            tree_finding(j, t, c, depth + 1);
    json_end(j);
    json_end(j);
}

void api_inspection_tree(Request *r)
{
    Scoped s;
    if (!scoped_or_reply(r, r->path_id, &s))
        return;
    Tree t;
    tree_build(r, &s, &t);
    JsonW j;
    api_begin(r, &j);
    json_obj(&j);
    json_kint(&j, "inspection_id", s.in.id);
    char iso[DATE_ISO_SIZE];
    json_kstr(&j, "as_of", date_format(r->today, iso));
    json_key(&j, "findings");
    json_arr(&j);
    for (int i = 0; i < s.l.n_findings; i++)
        if (!s.l.findings[i].parent_id && t.shown[i])
            tree_finding(&j, &t, i, 0);
    json_end(&j);
    json_end(&j);
    api_end(r);
}
