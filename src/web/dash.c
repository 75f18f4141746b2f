/*
** dash.c: the dashboard's figures and their per-thread cache (dash.h).
**
** A city ledger holds 10,000 measures in one inspection. Keeping its scoped ledger per thread
** (view.c's cache) and walking it on every request cost the dashboard about 100 us of CPU and
** tens of MB of resident memory per worker; the page shows a few dozen numbers and 25 rows. So
** the ledger is loaded into a scratch arena only when the data version, the day or the reader's
** scope moves, reduced to those numbers and rows (the duties of each party, the page's parts)
** and dropped: a slot keeps tens of KB, in proportion to the inspection's units and leaders.
*/
#include "web/dash.h"

#include "web/access.h"
#include "web/routes.h"
#include "web/view.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#define DASH_CACHE_SLOTS 4

typedef struct DashSlot {
    ViewSlot slot;         /* key and use (valid: holds figures) */
    Arena arena;           /* the rows' strings and the rates */
    DashFigures fig;       /* the result */
} DashSlot;

typedef struct DashCache {
    DashSlot slots[DASH_CACHE_SLOTS]; /* a few inspections and readers at once */
    uint64_t tick;                    /* use counter */
} DashCache;

/* Empty slot s: its strings, rates and written parts. */
static void slot_clear(DashSlot *s)
{
    arena_free(&s->arena);
    for (int k = 0; k < DASH_HTML__COUNT; k++)
        buf_free(&s->fig.html[k]);
    memset(&s->fig, 0, sizeof s->fig);
}

static void cache_free(void *p)
{
    DashCache *c = p;
    for (int i = 0; i < DASH_CACHE_SLOTS; i++)
        slot_clear(&c->slots[i]);
    free(c);
}

static ViewThreadKey cache_key = {.destroy = cache_free, .size = sizeof(DashCache)};

/* A row of measure m for the figures, its strings copied into a. */
static DashRow row_of(Arena *a, const ViewLedger *v, const Measure *m, Light light, Day due,
                      int what)
{
    return (DashRow){m->id,
                     arena_strdup(a, m->label),
                     arena_strdup(a, m->title),
                     arena_strdup(a, view_name(v->units, v->n_units, m->lead_unit_id)),
                     due,
                     light,
                     what,
                     (int)(m - v->ledger.measures)};
}

/* The open measures (view_open) due from Monday to Sunday of today's week: how many, and the
   first DASH_DUE_SHOWN in ledger order. */
static void fill_due(DashFigures *f, Arena *a, const ViewLedger *v, Day today)
{
    Day monday = today - (date_weekday(today) - 1), sunday = monday + 6;
    for (int i = 0; i < v->ledger.n_measures; i++) {
        const Measure *m = &v->ledger.measures[i];
        if (!view_open(m) || m->deadline == DAY_NONE || m->deadline < monday || m->deadline > sunday)
            continue;
        if (f->n_due_shown < DASH_DUE_SHOWN)
            f->due[f->n_due_shown++] = row_of(a, v, m, v->stats.lights[i], m->deadline, -1);
        f->n_due++;
    }
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
static int cmp_duty(const DashRow *x, const DashRow *y)
{
    if (owe_rank(x->what) != owe_rank(y->what))
        return owe_rank(x->what) - owe_rank(y->what);
    if (x->due != y->due)
        return x->due < y->due ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

/*
** Count row into d and keep it when among the first DASH_MINE_SHOWN (kept in order as they
** come instead of sorting them all). Its strings are filled later, for the rows kept.
*/
static void duty_add(DashDuties *d, const DashRow *row)
{
    d->n++;
    if (d->n_shown == DASH_MINE_SHOWN && cmp_duty(row, &d->rows[d->n_shown - 1]) >= 0)
        return; /* not among the first */
    int j = d->n_shown < DASH_MINE_SHOWN ? d->n_shown++ : DASH_MINE_SHOWN - 1;
    for (; j > 0 && cmp_duty(row, &d->rows[j - 1]) < 0; j--)
        d->rows[j] = d->rows[j - 1];
    d->rows[j] = *row;
}

/* The duties of id in ds[0..n) (sorted by id, as the rates they follow), NULL when absent. */
static DashDuties *duties_of(DashDuties *ds, int n, int64_t id)
{
    return (DashDuties *)view_by_id(ds, n, sizeof *ds, id);
}

/* The party a duty falls to (SPEC §4: who owes what), counted into its list. */
static void duty_place(DashFigures *f, const Owe *o, const DashRow *row)
{
    const Measure *m = o->measure;
    switch (o->kind) {
    case OWE_REPORT:
    case OWE_COMPLETION:
    case OWE_LEAD_REVIEW: {
        DashDuties *d = duties_of(f->units, f->n_units, m->lead_unit_id);
        if (d)
            duty_add(d, row);
        return;
    }
    case OWE_SIGNOFF:
        for (int k = 0; k < m->n_leaders; k++) {
            DashDuties *d = duties_of(f->leaders, f->n_leaders, m->leader_ids[k]);
            if (d)
                duty_add(d, row);
        }
        return;
    case OWE_VERIFY:
    case OWE_REVISIT:
        duty_add(&f->office, row);
        return;
    case OWE__COUNT:
        break;
    }
}

/* Copy the strings of d's rows from the ledger into a. */
static void duties_strings(DashDuties *d, Arena *a, const ViewLedger *v)
{
    for (int k = 0; k < d->n_shown; k++) {
        DashRow *row = &d->rows[k];
        *row = row_of(a, v, &v->ledger.measures[row->order], row->light, row->due, row->what);
    }
}

/*
** What each party owes now: the office, every lead unit and every leader (their lists follow
** the rates, by id), each counted with its first DASH_MINE_SHOWN rows.
*/
static void fill_duties(DashFigures *f, Arena *a, const ViewLedger *v, Day today)
{
    const Stats *st = &v->stats;
    f->units = ARENA_ARRAY(a, DashDuties, st->n_units + 1);
    for (int i = 0; i < st->n_units; i++)
        f->units[i].id = st->units[i].id;
    f->leaders = ARENA_ARRAY(a, DashDuties, st->n_leaders + 1);
    for (int i = 0; i < st->n_leaders; i++)
        f->leaders[i].id = st->leaders[i].id;
    Day report_due = ledger_cycle(v->rules.cycle, v->rules.due_day, today).due;
    for (int i = 0; i < v->ledger.n_measures; i++) {
        Owe owes[OWE__COUNT];
        int n = ledger_owes_why(&v->ledger.measures[i], st->why[i], report_due,
                                v->ledger.in.require_signoff, today, owes);
        for (int k = 0; k < n; k++) {
            DashRow row = {.due = owes[k].due, .light = st->lights[i], .what = (int)owes[k].kind,
                           .order = i};
            duty_place(f, &owes[k], &row);
        }
    }
    duties_strings(&f->office, a, v);
    for (int i = 0; i < f->n_units; i++)
        duties_strings(&f->units[i], a, v);
    for (int i = 0; i < f->n_leaders; i++)
        duties_strings(&f->leaders[i], a, v);
}

int dash_mine(const Request *r, const DashFigures *f, DashRow *out, int *n_all)
{
    const User *u = &r->user;
    const DashDuties *parts[3];
    int n_parts = 0, n = 0;
    if (access_has(u, ROLE_BIT(ROLE_OFFICE)))
        parts[n_parts++] = &f->office;
    const DashDuties *d;
    if (access_has(u, ROLE_BIT(ROLE_UNIT)) && u->unit_id &&
        (d = view_by_id(f->units, f->n_units, sizeof *d, u->unit_id)))
        parts[n_parts++] = d;
    if (access_has(u, ROLE_BIT(ROLE_LEADER)) && u->person_id &&
        (d = view_by_id(f->leaders, f->n_leaders, sizeof *d, u->person_id)))
        parts[n_parts++] = d;
    *n_all = 0;
    int at[3] = {0, 0, 0};
    for (int p = 0; p < n_parts; p++)
        *n_all += parts[p]->n;
    /* Merge the parties' first rows: each list is in order, and they are disjoint by kind. */
    while (n < DASH_MINE_SHOWN) {
        int best = -1;
        for (int p = 0; p < n_parts; p++)
            if (at[p] < parts[p]->n_shown &&
                (best < 0 || cmp_duty(&parts[p]->rows[at[p]], &parts[best]->rows[at[best]]) < 0))
                best = p;
        if (best < 0)
            break;
        out[n++] = parts[best]->rows[at[best]++];
    }
    return n;
}

/* The chart's span: from the feedback (or today) to the last deadline or today, at least to the
   end of the concentrated phase. */
static void fill_chart(DashFigures *f, const ViewLedger *v, Day today)
{
    const Inspection *in = &v->ledger.in;
    Day lo = in->feedback_on != DAY_NONE ? in->feedback_on : today, hi = today;
    if (in->concentrated_end != DAY_NONE && in->concentrated_end > hi)
        hi = in->concentrated_end;
    for (int i = 0; i < v->ledger.n_measures; i++) {
        Day d = v->ledger.measures[i].deadline;
        if (d == DAY_NONE)
            continue;
        if (d < lo)
            lo = d;
        if (d > hi)
            hi = d;
    }
    chart_months_count(&f->months, v->ledger.measures, v->stats.lights, v->ledger.n_measures, lo,
                       hi);
}

/* Most behind first: overdue, then red, then yellow measures, then the lower id. */
static int cmp_behind(const void *a, const void *b)
{
    const Rate *x = a, *y = b;
    if (x->overdue != y->overdue)
        return y->overdue - x->overdue;
    if (x->red != y->red)
        return y->red - x->red;
    if (x->yellow != y->yellow)
        return y->yellow - x->yellow;
    return (x->id > y->id) - (x->id < y->id);
}

/* rates[0..n) with their names from names[0..n_names), copied into a. */
static DashRate *copy_rates(Arena *a, const Rate *rates, int n, const IdName *names, int n_names)
{
    DashRate *out = ARENA_ARRAY(a, DashRate, n + 1);
    for (int i = 0; i < n; i++)
        out[i] = (DashRate){rates[i], arena_strdup(a, view_name(names, n_names, rates[i].id))};
    return out;
}

/* The DASH_UNITS_SHOWN lead units most behind, and every leader by id. */
static void fill_rates(DashFigures *f, Arena *a, Arena *scratch, const ViewLedger *v)
{
    const Stats *st = &v->stats;
    Rate *units = ARENA_ARRAY(scratch, Rate, st->n_units + 1);
    memcpy(units, st->units, sizeof(Rate) * (size_t)st->n_units);
    qsort(units, (size_t)st->n_units, sizeof(Rate), cmp_behind);
    f->n_units = st->n_units;
    f->n_units_shown = st->n_units < DASH_UNITS_SHOWN ? st->n_units : DASH_UNITS_SHOWN;
    f->unit_rates = copy_rates(a, units, f->n_units_shown, v->units, v->n_units);
    f->n_leaders = st->n_leaders;
    f->leader_rates = copy_rates(a, st->leaders, st->n_leaders, v->persons, v->n_persons);
}

/* Compute the figures of slot s (key set) from the scoped ledger, loaded into a scratch arena. */
static int compute(Request *r, const Inspection *in, DashSlot *s, DashRender render, Err *err)
{
    Arena scratch = ARENA_INIT;
    ViewLedger v;
    if (view_ledger_fill(r, in, s->slot.scope_unit, &scratch, &v, err) < 0) {
        arena_free(&scratch);
        return -1;
    }
    DashFigures *f = &s->fig;
    const Stats *st = &v.stats;
    f->scope_unit = s->slot.scope_unit;
    if (f->scope_unit)
        f->scope_name = arena_strdup(&s->arena, view_name(v.units, v.n_units, f->scope_unit));
    f->n_measures = st->n_measures;
    memcpy(f->by_state, st->by_state, sizeof f->by_state);
    memcpy(f->by_light, st->by_light, sizeof f->by_light);
    f->n_problems = st->n_problems;
    memcpy(f->problems, st->problems, sizeof f->problems);
    f->expected_reports = st->expected_reports;
    f->on_time_reports = st->on_time_reports;
    fill_due(f, &s->arena, &v, r->today);
    fill_chart(f, &v, r->today);
    fill_rates(f, &s->arena, &scratch, &v);
    fill_duties(f, &s->arena, &v, r->today);
    arena_free(&scratch);
    for (int k = 0; k < DASH_HTML__COUNT; k++)
        f->html[k] = (Buf)BUF_INIT;
    render(r, f, in->id, f->html);
#ifdef __GLIBC__
    /* The scratch ledger's megabytes went back to malloc in 16 KB blocks, which it keeps; give
       the free pages back, so a worker's resident size stays that of what it keeps. */
    malloc_trim(0);
#endif
    return 0;
}

const DashFigures *dash_figures(Request *r, const Inspection *in, DashRender render)
{
    Err err = ERR_INIT;
    DashCache *c = view_thread_value(&cache_key);
    bool hit;
    DashSlot *s = (DashSlot *)view_slot(r, in, c->slots, sizeof c->slots[0], DASH_CACHE_SLOTS,
                                        &c->tick, &hit);
    if (!s)
        return NULL;
    if (!hit) {
        slot_clear(s);
        if (compute(r, in, s, render, &err) < 0) {
            slot_clear(s);
            route_fail_err(r, &err);
            return NULL;
        }
        s->slot.valid = true;
    }
    return &s->fig;
}
