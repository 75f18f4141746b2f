/*
** dash.c: the dashboard's figures and their per-thread cache (dash.h).
**
** A city ledger holds 10,000 measures in one inspection, and every write moves the data version
** that the cache is keyed by. Loading the scoped ledger after each write cost a worker about
** 90 ms (the measures with their texts, owners and report days); the page shows a few dozen
** numbers and 25 rows. So each figure is read as what it is: the counts, rates and punctuality
** from one grouped read per party kind (dash_store.h), the chart from one per month, the
** findings' statuses from one per finding, the week's deadlines and the reader's duties as short
** indexed ranges. A slot keeps tens of KB, in proportion to the inspection's units and leaders.
*/
#include "web/dash.h"

#include "db/dash_store.h"
#include "db/duty_store.h"
#include "db/finding_store.h"
#include "ledger/status.h"
#include "web/access.h"
#include "web/routes.h"
#include "web/view.h"

#define DASH_CACHE_SLOTS 4

_Static_assert((int)DUTY_REPORT == (int)OWE_REPORT && (int)DUTY_COMPLETION == (int)OWE_COMPLETION &&
                   (int)DUTY_LEAD_REVIEW == (int)OWE_LEAD_REVIEW &&
                   (int)DUTY_SIGNOFF == (int)OWE_SIGNOFF && (int)DUTY_VERIFY == (int)OWE_VERIFY &&
                   (int)DUTY_REVISIT == (int)OWE_REVISIT,
               "a measure's own duties keep OweKind's values");

typedef struct DashSlot {
    ViewSlot slot;         /* key and use (valid: holds figures) */
    Arena arena;           /* the rows' strings and the rates */
    DashFigures fig;       /* the result */
    bool rendered;         /* fig.html written (by the dashboard's DashRender) */
    DashMeasures *measures; /* the measures summed, brought up to date after writes */
} DashSlot;

/* The duties of one reader: keyed by the parties they answer for. */
typedef struct MineSlot {
    bool valid;
    int64_t inspection_id;
    Day today;
    int64_t version;
    bool office;       /* the office's duties */
    int64_t unit_id;   /* this lead unit's, or 0 */
    int64_t person_id; /* this leader's, or 0 */
    bool issued_only;  /* a unit-only reader: none before the plan is issued */
    uint64_t used;
    Arena arena;       /* the rows' strings */
    DashDuties mine;
} MineSlot;

/* The counts of one inspection's measures in a reader's scope (整改台账), kept with them. */
typedef struct CountSlot {
    ViewSlot slot;          /* key and use (valid: holds counts) */
    DashMeasures *measures; /* brought up to date after writes */
    MeasureCounts counts;
} CountSlot;

/* 整改台账 shows 50 inspections to a page: room for a page's and a few more. */
#define DASH_COUNT_SLOTS 64

typedef struct DashCache {
    DashSlot slots[DASH_CACHE_SLOTS]; /* a few inspections and scopes at once */
    MineSlot mine[DASH_CACHE_SLOTS];  /* a few readers at once */
    CountSlot counts[DASH_COUNT_SLOTS];
    uint64_t tick;                    /* use counter */
} DashCache;

/* Empty slot s: its strings, rates and written parts. */
static void slot_clear(DashSlot *s)
{
    arena_free(&s->arena);
    for (int k = 0; k < DASH_HTML__COUNT; k++)
        buf_free(&s->fig.html[k]);
    memset(&s->fig, 0, sizeof s->fig);
    s->rendered = false;
}

static void cache_free(void *p)
{
    DashCache *c = p;
    for (int i = 0; i < DASH_CACHE_SLOTS; i++) {
        slot_clear(&c->slots[i]);
        dash_measures_free(c->slots[i].measures);
        arena_free(&c->mine[i].arena);
    }
    for (int i = 0; i < DASH_COUNT_SLOTS; i++)
        dash_measures_free(c->counts[i].measures);
    free(c);
}

static ViewThreadKey cache_key = {.destroy = cache_free, .size = sizeof(DashCache)};

/* A short table's row of a measure row read from SQL (its strings in the same arena). */
static DashRow row_of(const DashMeasureRow *m)
{
    return (DashRow){m->id,           m->label,     m->title,   m->unit ? m->unit : "—",
                     m->due,          (Light)m->light, m->kind, m->finding_id,
                     m->ordinal};
}

/* Overdue work first, then what waits on the user's decision, reports, and re-checks last. */
static int owe_rank(int k)
{
    static const int rank[OWE__COUNT] = {[OWE_COMPLETION] = 0, [OWE_VERIFY] = 1,
                                         [OWE_LEAD_REVIEW] = 1, [OWE_SIGNOFF] = 1,
                                         [OWE_REPORT] = 2, [OWE_REVISIT] = 3};
    return rank[k];
}

/* Most urgent first: by rank, then by when it is owed, then in ledger order. */
static int cmp_duty(const void *a, const void *b)
{
    const DashRow *x = a, *y = b;
    if (owe_rank(x->what) != owe_rank(y->what))
        return owe_rank(x->what) - owe_rank(y->what);
    if (x->due != y->due)
        return x->due < y->due ? -1 : 1;
    if (x->finding != y->finding)
        return x->finding < y->finding ? -1 : 1;
    if (x->ordinal != y->ordinal)
        return x->ordinal < y->ordinal ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

void dash_scope(const Inspection *in, int64_t unit_id, const MeasureLightDay *day, DashScope *s)
{
    LightRules rules = ledger_rules(in);
    Cycle c = ledger_cycle(rules.cycle, rules.due_day, day->day);
    *s = (DashScope){in->id,   unit_id, day, false, DAY_NONE, 0, 0, day->day + rules.warn_days,
                     false,    c.start};
    /* ledger_light's WHY_NO_REPORT but the measure's own part (owing reports, none since). */
    s->owes_report = rules.start != DAY_NONE && day->day > c.due && c.due >= rules.start;
    if (rules.start == DAY_NONE || day->day < rules.start)
        return;
    s->reporting = true;
    s->report_start = rules.start;
    s->cycles_start = ledger_cycles_before(rules.cycle, rules.due_day, rules.start);
    s->cycles_day = ledger_cycles_before(rules.cycle, rules.due_day, day->day);
}

int dash_duties(Db *db, const Inspection *in, const User *u, Day today, Arena *a, DashDuties *out,
                Err *err)
{
    memset(out, 0, sizeof *out);
    DutyScope ds = {0, 0, access_has(u, ROLE_BIT(ROLE_OFFICE)), in->org_unit_id};
    if (access_has(u, ROLE_BIT(ROLE_UNIT)))
        ds.unit_id = u->unit_id;
    if (access_has(u, ROLE_BIT(ROLE_LEADER)))
        ds.person_id = u->person_id;
    /* A unit-only reader sees the measures of an issued plan alone (access_measure). */
    if ((!ds.office && !ds.unit_id && !ds.person_id) ||
        (access_unit_only(u) && in->plan_state != PLAN_ISSUED))
        return 0;
    MeasureLightDay day;
    ledger_light_day(today, &day);
    DashMeasureRow *rows;
    int n;
    int64_t counts[DUTY__COUNT];
    if (duty_store_own(db, a, &ds, in->id, &day, DASH_MINE_SHOWN, &rows, &n, counts, err) < 0)
        return -1;
    for (int k = 0; k < DUTY__COUNT; k++)
        out->n += (int)counts[k];
    /* Each kind's first rows came in its order; the first of them all in the page's. */
    DashRow *all = ARENA_ARRAY(a, DashRow, n + 1);
    for (int i = 0; i < n; i++)
        all[i] = row_of(&rows[i]);
    qsort(all, (size_t)n, sizeof *all, cmp_duty);
    out->n_shown = n < DASH_MINE_SHOWN ? n : DASH_MINE_SHOWN;
    memcpy(out->rows, all, sizeof *all * (size_t)out->n_shown);
    return 0;
}

/* Most behind first: overdue, then red, then yellow measures, then the lower id. */
static int cmp_behind(const void *a, const void *b)
{
    const DashRate *x = a, *y = b;
    if (x->rate.overdue != y->rate.overdue)
        return y->rate.overdue - x->rate.overdue;
    if (x->rate.red != y->rate.red)
        return y->rate.red - x->rate.red;
    if (x->rate.yellow != y->rate.yellow)
        return y->rate.yellow - x->rate.yellow;
    return (x->rate.id > y->rate.id) - (x->rate.id < y->rate.id);
}

/* Add the measures of group g to rate r. */
static void rate_add(DashRate *r, const DashGroup *g)
{
    int n = (int)g->n;
    r->rate.id = g->party;
    r->name = g->name ? g->name : "—";
    r->rate.total += n;
    if (g->state == STATE_CLOSED || g->state == STATE_PHASE_COMPLETE)
        r->rate.closed += n;
    r->rate.overdue += (int)g->overdue;
    r->rate.red += (int)g->by_light[LIGHT_RED];
    r->rate.yellow += (int)g->by_light[LIGHT_YELLOW];
    r->rate.expected_reports += (int)g->expected;
    r->rate.on_time_reports += (int)g->on_time;
}

/* The rates of the parties of groups g[0..n) (in party order, party 0 left out): an arena array
   of *n_out. */
static DashRate *rates_of(Arena *a, const DashGroup *g, int n, int *n_out)
{
    DashRate *r = ARENA_ARRAY(a, DashRate, n + 1);
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (!g[i].party)
            continue;
        if (k == 0 || r[k - 1].rate.id != g[i].party)
            k++;
        rate_add(&r[k - 1], &g[i]);
    }
    *n_out = k;
    return r;
}

/* The counts and punctuality, and the unit rates (the DASH_UNITS_SHOWN most behind), from the
   units' groups g[0..n). */
static void fill_counts(Arena *a, const DashGroup *g, int n, DashFigures *f)
{
    for (int i = 0; i < n; i++) {
        f->n_measures += (int)g[i].n;
        f->by_state[g[i].state] += (int)g[i].n;
        for (int l = 0; l < LIGHT__COUNT; l++)
            f->by_light[l] += (int)g[i].by_light[l];
        f->expected_reports += (int)g[i].expected;
        f->on_time_reports += (int)g[i].on_time;
        f->n_overdue += (int)g[i].overdue;
    }
    f->unit_rates = rates_of(a, g, n, &f->n_units);
    f->units_behind = ARENA_ARRAY(a, DashRate, f->n_units + 1);
    if (f->n_units)
        memcpy(f->units_behind, f->unit_rates, sizeof *f->unit_rates * (size_t)f->n_units);
    qsort(f->units_behind, (size_t)f->n_units, sizeof *f->units_behind, cmp_behind);
    f->n_units_shown = f->n_units < DASH_UNITS_SHOWN ? f->n_units : DASH_UNITS_SHOWN;
}

static int cmp_finding(const void *key, const void *elem)
{
    int64_t x = *(const int64_t *)key, y = ((const DashGroup *)elem)->party;
    return (x > y) - (x < y);
}

/* Problems per status: each finding's own status (own[0..n), by finding id), folded up the
   tree of the inspection's findings. */
static int fill_problems(Db *db, Arena *a, int64_t inspection_id, const DashGroup *own, int n,
                         DashFigures *f, Err *err)
{
    Finding *fs;
    int nf;
    if (finding_store_list(db, a, inspection_id, &fs, &nf, err) < 0)
        return -1;
    int *own_status = ARENA_ARRAY(a, int, nf + 1);
    for (int i = 0; i < nf; i++) {
        const DashGroup *hit = bsearch(&fs[i].id, own, (size_t)n, sizeof *own, cmp_finding);
        own_status[i] = hit ? hit->status : -1;
    }
    ProblemStatus *status = ARENA_ARRAY(a, ProblemStatus, nf + 1);
    ledger_tree_status_of(fs, nf, own_status, a, status);
    for (int i = 0; i < nf; i++)
        if (fs[i].level == LEVEL_PROBLEM) {
            f->n_problems++;
            f->problems[status[i]]++;
        }
    return 0;
}

/* The chart's span: from the feedback (or today) to the last deadline or today, at least to the
   end of the concentrated phase; its deadlines per month and light (mo[0..n)). */
static void fill_chart(const Inspection *in, Day today, const DashGroup *mo, int n, DashFigures *f)
{
    Day lo = in->feedback_on != DAY_NONE ? in->feedback_on : today, hi = today;
    if (in->concentrated_end != DAY_NONE && in->concentrated_end > hi)
        hi = in->concentrated_end;
    for (int i = 0; i < n; i++) {
        if (mo[i].day == DAY_NONE)
            continue;
        if (mo[i].day < lo)
            lo = mo[i].day;
        if (mo[i].day > hi)
            hi = mo[i].day;
    }
    chart_months_span(&f->months, lo, hi);
    for (int i = 0; i < n; i++)
        for (int l = 0; l < LIGHT__COUNT; l++)
            if (mo[i].by_light[l])
                chart_months_add(&f->months, mo[i].day, (Light)l, (int)mo[i].by_light[l]);
}

/* The open measures due from Monday to Sunday of the day's week: how many, and the first
   DASH_DUE_SHOWN in ledger order. */
static int fill_due(Db *db, Arena *a, const DashScope *s, DashFigures *f, Err *err)
{
    Day today = s->day->day, monday = today - (date_weekday(today) - 1);
    DashMeasureRow *rows;
    int n;
    int64_t n_all;
    if (dash_store_due(db, a, s, monday, monday + 6, DASH_DUE_SHOWN, &rows, &n, &n_all, err) < 0)
        return -1;
    f->n_due = (int)n_all;
    f->n_due_shown = n < DASH_DUE_SHOWN ? n : DASH_DUE_SHOWN;
    for (int i = 0; i < f->n_due_shown; i++)
        f->due[i] = row_of(&rows[i]);
    return 0;
}

/* The scope of dash_compute's figures (its lights' day in *day). */
static void scope_of(const Inspection *in, int64_t scope_unit, Day today, MeasureLightDay *day,
                     DashScope *s)
{
    ledger_light_day(today, day);
    dash_scope(in, scope_unit, day, s);
    /* A unit's scope holds the measures of an issued plan alone (access_measure). */
    if (scope_unit && in->plan_state != PLAN_ISSUED)
        s->unit_id = -1;
}

int dash_overdue(Db *db, const Inspection *in, int64_t scope_unit, Day today, int64_t after,
                 int limit, Arena *a, Measure **out, int *n, Err *err)
{
    MeasureLightDay day;
    DashScope s;
    scope_of(in, scope_unit, today, &day, &s);
    return dash_store_overdue(db, a, &s, after, limit, out, n, err);
}

int dash_compute(Db *db, const Inspection *in, int64_t scope_unit, Day today, DashMeasures *m,
                 Arena *a, DashFigures *f, Err *err)
{
    memset(f, 0, sizeof *f);
    f->scope_unit = scope_unit;
    if (scope_unit) {
        IdName *name;
        int n;
        if (view_store_names(db, a, VIEW_UNITS, &scope_unit, 1, &name, &n, err) < 0)
            return -1;
        f->scope_name = n ? name[0].name : "—";
    }
    MeasureLightDay day;
    DashScope s;
    scope_of(in, scope_unit, today, &day, &s);
    DashGroup *g;
    int n;
    bool whole;
    if ((m ? dash_measures_update(db, m, &s, &whole, err) < 0 ||
                 dash_measures_groups(db, m, a, &g, &n, err) < 0
           : dash_store_read(db, a, &s, &g, &n, err) < 0))
        return -1;
    /* The rows come by part: the parts' ranges. */
    int from[DASH_PART_FINDING + 2] = {0}, part = 0;
    for (int i = 0; i < n; i++)
        for (; part < g[i].part; part++)
            from[part + 1] = i;
    for (; part <= DASH_PART_FINDING; part++)
        from[part + 1] = n;
    const DashGroup *units = g + from[DASH_PART_UNIT], *leaders = g + from[DASH_PART_LEADER];
    fill_counts(a, units, from[DASH_PART_UNIT + 1] - from[DASH_PART_UNIT], f);
    f->leader_rates =
        rates_of(a, leaders, from[DASH_PART_LEADER + 1] - from[DASH_PART_LEADER], &f->n_leaders);
    fill_chart(in, today, g + from[DASH_PART_MONTH],
               from[DASH_PART_MONTH + 1] - from[DASH_PART_MONTH], f);
    if (fill_problems(db, a, in->id, g + from[DASH_PART_FINDING],
                      from[DASH_PART_FINDING + 1] - from[DASH_PART_FINDING], f, err) < 0)
        return -1;
    return fill_due(db, a, &s, f, err);
}

/* The reader's duties from this thread's cache, or computed into the least recently used slot. */
static const DashDuties *mine_of(Request *r, const Inspection *in, DashCache *c, Err *err)
{
    int64_t version;
    if (request_audit_version(r, &version) < 0) {
        *err = r->err;
        return NULL;
    }
    const User *u = &r->user;
    MineSlot key = {.valid = true,
                    .inspection_id = in->id,
                    .today = r->today,
                    .version = version,
                    .office = access_has(u, ROLE_BIT(ROLE_OFFICE)),
                    .unit_id = access_has(u, ROLE_BIT(ROLE_UNIT)) ? u->unit_id : 0,
                    .person_id = access_has(u, ROLE_BIT(ROLE_LEADER)) ? u->person_id : 0,
                    .issued_only = access_unit_only(u),
                    .arena = ARENA_INIT};
    MineSlot *victim = &c->mine[0];
    for (int i = 0; i < DASH_CACHE_SLOTS; i++) {
        MineSlot *m = &c->mine[i];
        if (m->valid && m->inspection_id == key.inspection_id && m->today == key.today &&
            m->version == key.version && m->office == key.office && m->unit_id == key.unit_id &&
            m->person_id == key.person_id && m->issued_only == key.issued_only) {
            m->used = ++c->tick;
            return &m->mine;
        }
        if (!m->valid || (victim->valid && m->used < victim->used))
            victim = m;
    }
    arena_free(&victim->arena);
    key.used = ++c->tick;
    *victim = key;
    victim->valid = false;
    if (dash_duties(r->db, in, u, r->today, &victim->arena, &victim->mine, err) < 0) {
        arena_free(&victim->arena);
        return NULL;
    }
    victim->valid = true;
    return &victim->mine;
}

/* The figures' slot of in for r's scope, day and data version: from this thread's cache or
   computed; NULL after replying 500. */
static DashSlot *slot_of(Request *r, const Inspection *in, DashCache *c)
{
    Err err = ERR_INIT;
    bool hit;
    DashSlot *s = (DashSlot *)view_slot(r, in, c->slots, sizeof c->slots[0], DASH_CACHE_SLOTS,
                                        &c->tick, &hit);
    if (!s || hit)
        return s;
    slot_clear(s);
    if (!s->measures)
        s->measures = dash_measures_new();
    if (dash_compute(r->db, in, s->slot.scope_unit, r->today, s->measures, &s->arena, &s->fig,
                     &err) < 0) {
        slot_clear(s);
        r->err = err; /* for a caller that replies with it again */
        route_fail_err(r, &err);
        return NULL;
    }
    s->slot.valid = true;
    return s;
}

const DashMeasures *dash_measures_of(Request *r, const Inspection *in)
{
    DashSlot *s = slot_of(r, in, view_thread_value(&cache_key));
    return s ? s->measures : NULL;
}

bool dash_scope_is(const Request *r, const Inspection *in, const MeasureFilter *f)
{
    return f->inspection_id == in->id && f->unit_id == view_scope_unit(r) &&
           f->issued_only == (f->unit_id != 0) && !f->leader_id && f->state < 0 &&
           !f->measure_id && (!f->org_unit_id || f->org_unit_id == in->org_unit_id) && !f->text &&
           !f->open && !f->lead_only && !f->finding_id;
}

int dash_counts(Request *r, const Inspection *in, MeasureCounts *out)
{
    DashCache *c = view_thread_value(&cache_key);
    bool hit;
    CountSlot *s = (CountSlot *)view_slot(r, in, c->counts, sizeof c->counts[0], DASH_COUNT_SLOTS,
                                          &c->tick, &hit);
    if (!s)
        return -1;
    if (!hit) {
        MeasureLightDay day;
        DashScope ds;
        bool whole;
        scope_of(in, s->slot.scope_unit, r->today, &day, &ds);
        if (!s->measures)
            s->measures = dash_measures_new();
        if (dash_measures_update(r->db, s->measures, &ds, &whole, &r->err) < 0 ||
            dash_measures_counts(s->measures, &s->counts, &r->err) < 0)
            return -1;
        s->slot.valid = true;
    }
    *out = s->counts;
    return 0;
}

const DashFigures *dash_figures_of(Request *r, const Inspection *in)
{
    DashSlot *s = slot_of(r, in, view_thread_value(&cache_key));
    return s ? &s->fig : NULL;
}

const DashFigures *dash_figures(Request *r, const Inspection *in, DashRender render,
                                const DashDuties **mine)
{
    Err err = ERR_INIT;
    DashCache *c = view_thread_value(&cache_key);
    DashSlot *s = slot_of(r, in, c);
    if (!s)
        return NULL;
    if (!s->rendered) {
        render(r, &s->fig, in->id, s->fig.html);
        s->rendered = true;
    }
    if (!(*mine = mine_of(r, in, c, &err))) {
        route_fail_err(r, &err);
        return NULL;
    }
    return &s->fig;
}
