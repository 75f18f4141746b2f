/*
** stats.c: statistics of an inspection and who owes what (stats.h).
*/
#include "stats.h"

#include "ledger/status.h"

const char *ledger_owe_name(OweKind k)
{
    return vocab_name(VOCAB_OWE, (int)k);
}

const char *ledger_owe_label(OweKind k)
{
    return vocab_label(VOCAB_OWE, (int)k);
}

double ledger_rate(int a, int b)
{
    if (b <= 0)
        return 0;
    return (double)(int64_t)(1000.0 * a / b + 0.5) / 10.0;
}

static bool is_done(const Measure *m)
{
    return m->state == STATE_CLOSED || m->state == STATE_PHASE_COMPLETE;
}

static int cmp_rate(const void *a, const void *b)
{
    int64_t x = ((const Rate *)a)->id, y = ((const Rate *)b)->id;
    return (x > y) - (x < y);
}

static int cmp_deadline(const void *a, const void *b)
{
    const Measure *x = *(const Measure *const *)a, *y = *(const Measure *const *)b;
    if (x->deadline != y->deadline)
        return x->deadline < y->deadline ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

/* The Rate of id in rates[0..*n), added when missing; rates has room for every id. */
static Rate *rate_of(Rate *rates, int *n, int64_t id)
{
    for (int i = *n - 1; i >= 0; i--)
        if (rates[i].id == id)
            return &rates[i];
    Rate *r = &rates[(*n)++];
    memset(r, 0, sizeof *r);
    r->id = id;
    return r;
}

static void add_to_rate(Rate *r, const Measure *m, Light light, unsigned why, int expected,
                        int on_time)
{
    r->total++;
    r->closed += is_done(m);
    r->overdue += (why & WHY_OVERDUE) != 0;
    r->red += light == LIGHT_RED;
    r->yellow += light == LIGHT_YELLOW;
    r->expected_reports += expected;
    r->on_time_reports += on_time;
}

void ledger_stats(const Inspection *in, const Finding *fs, int nf, const Measure *ms, int nm,
                  Day as_of, Arena *arena, Stats *st)
{
    memset(st, 0, sizeof *st);
    st->as_of = as_of;
    st->n_measures = nm;
    LightRules rules = ledger_rules(in);
    st->lights = ARENA_ARRAY(arena, Light, nm + 1);
    st->why = ARENA_ARRAY(arena, unsigned, nm + 1);
    st->overdue = ARENA_ARRAY(arena, const Measure *, nm + 1);
    int n_leader_links = 0;
    for (int i = 0; i < nm; i++)
        n_leader_links += ms[i].n_leaders;
    st->units = ARENA_ARRAY(arena, Rate, nm + 1);
    st->leaders = ARENA_ARRAY(arena, Rate, n_leader_links + 1);

    /* Per-unit and per-leader lookups scan backwards from the newest entry: measures of one
       unit tend to come together, and both lists stay small (units and leaders of one
       inspection). */
    for (int i = 0; i < nm; i++) {
        const Measure *m = &ms[i];
        unsigned why;
        Light light = ledger_light(m, &rules, as_of, &why);
        int expected, on_time;
        ledger_on_time(m, &rules, as_of, &expected, &on_time);
        st->lights[i] = light;
        st->why[i] = why;
        st->by_state[m->state]++;
        st->by_light[light]++;
        st->expected_reports += expected;
        st->on_time_reports += on_time;
        if (why & WHY_OVERDUE)
            st->overdue[st->n_overdue++] = m;
        if (m->lead_unit_id)
            add_to_rate(rate_of(st->units, &st->n_units, m->lead_unit_id), m, light, why, expected,
                        on_time);
        for (int k = 0; k < m->n_leaders; k++)
            add_to_rate(rate_of(st->leaders, &st->n_leaders, m->leader_ids[k]), m, light, why,
                        expected, on_time);
    }
    qsort(st->units, (size_t)st->n_units, sizeof(Rate), cmp_rate);
    qsort(st->leaders, (size_t)st->n_leaders, sizeof(Rate), cmp_rate);
    qsort(st->overdue, (size_t)st->n_overdue, sizeof(const Measure *), cmp_deadline);

    st->status = ARENA_ARRAY(arena, ProblemStatus, nf + 1);
    ledger_tree_status(fs, nf, ms, nm, arena, st->status);
    for (int i = 0; i < nf; i++) {
        if (fs[i].level != LEVEL_PROBLEM)
            continue;
        st->n_problems++;
        st->problems[st->status[i]]++;
    }
}

int ledger_owes(const Measure *m, const LightRules *r, bool require_signoff, Day as_of, Owe *out)
{
    int n = 0;
    unsigned why;
    ledger_light(m, r, as_of, &why);
    if (why & WHY_NO_REPORT)
        out[n++] = (Owe){OWE_REPORT, m, ledger_cycle(r->cycle, r->due_day, as_of).due};
    if (why & WHY_OVERDUE)
        out[n++] = (Owe){OWE_COMPLETION, m, m->deadline};
    switch (m->state) {
    case STATE_SUBMITTED:
        out[n++] = (Owe){OWE_LEAD_REVIEW, m, as_of};
        break;
    case STATE_LEAD_APPROVED:
        out[n++] = (Owe){require_signoff ? OWE_SIGNOFF : OWE_VERIFY, m, as_of};
        break;
    case STATE_SIGNED_OFF:
        out[n++] = (Owe){OWE_VERIFY, m, as_of};
        break;
    case STATE_CLOSED:
    case STATE_PHASE_COMPLETE:
        if (m->revisit_due != DAY_NONE && m->revisit_due <= as_of)
            out[n++] = (Owe){OWE_REVISIT, m, m->revisit_due};
        break;
    default:
        break;
    }
    return n;
}
