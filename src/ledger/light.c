/*
** light.c: report cycles, lights and reporting punctuality (light.h).
*/
#include "light.h"

_Static_assert(MEASURE_LIGHT_GREEN == (int)LIGHT_GREEN && MEASURE_LIGHT_YELLOW == (int)LIGHT_YELLOW &&
                   MEASURE_LIGHT_RED == (int)LIGHT_RED && MEASURE_LIGHT_CLOSED == (int)LIGHT_CLOSED,
               "the SQL light values are Light's");

const char *ledger_light_name(Light l)
{
    return vocab_name(VOCAB_LIGHT, (int)l);
}

const char *ledger_light_label(Light l)
{
    return vocab_label(VOCAB_LIGHT, (int)l);
}

int ledger_light_parse(const char *s)
{
    return vocab_parse(VOCAB_LIGHT, s);
}

Cycle ledger_cycle(ReportCycle cycle, int due_day, Day day)
{
    Cycle c;
    int y, m, d;
    switch (cycle) {
    case CYCLE_WEEKLY: {
        int wd = due_day >= 1 && due_day <= 7 ? due_day : 5;
        c.start = day - (date_weekday(day) - 1);
        c.end = c.start + 6;
        c.due = c.start + wd - 1;
        return c;
    }
    case CYCLE_SEMIMONTHLY: {
        int off = due_day >= 1 && due_day <= 15 ? due_day : 10;
        date_to_ymd(day, &y, &m, &d);
        if (d <= 15) {
            c.start = date_from_ymd(y, m, 1);
            c.end = date_from_ymd(y, m, 15);
        } else {
            c.start = date_from_ymd(y, m, 16);
            c.end = date_from_ymd(y, m, date_days_in_month(y, m));
        }
        c.due = c.start + off - 1;
        if (c.due > c.end)
            c.due = c.end;
        return c;
    }
    case CYCLE_MONTHLY:
    default: {
        int dd = due_day >= 1 && due_day <= 31 ? due_day : 25;
        date_to_ymd(day, &y, &m, &d);
        int last = date_days_in_month(y, m);
        c.start = date_from_ymd(y, m, 1);
        c.end = date_from_ymd(y, m, last);
        c.due = date_from_ymd(y, m, dd < last ? dd : last);
        return c;
    }
    }
}

int64_t ledger_cycles_before(ReportCycle cycle, int due_day, Day day)
{
    /* The cycle containing day is due before it when day is past its due day's place; every
       cycle of an earlier week, half-month or month is. 0001-01-01 is a Monday. */
    Cycle c = ledger_cycle(cycle, due_day, day);
    int past = day > c.due;
    int y, m, d;
    date_to_ymd(day, &y, &m, &d);
    switch (cycle) {
    case CYCLE_WEEKLY:
        return (int64_t)(day - date_from_ymd(1, 1, 1)) / 7 + past;
    case CYCLE_SEMIMONTHLY:
        return ((int64_t)y * 12 + m) * 2 + (d > 15) + past;
    case CYCLE_MONTHLY:
    default:
        return (int64_t)y * 12 + m + past;
    }
}

LightRules ledger_rules(const Inspection *in)
{
    LightRules r;
    r.warn_days = in->warn_days > 0 ? in->warn_days : 7;
    r.cycle = in->report_cycle;
    r.due_day = in->report_due_day;
    r.start = in->feedback_on;
    /* Reporting starts when the plan is issued (下发): a draft owes no reports yet, and a plan
       issued after the feedback counts its cycles from the issue. */
    if (in->plan_state == PLAN_DRAFT)
        r.start = DAY_NONE;
    else if (in->issued_on != DAY_NONE && in->issued_on > 0 &&
             (r.start == DAY_NONE || in->issued_on > r.start))
        r.start = in->issued_on;
    return r;
}

bool ledger_owes_reports(const Measure *m)
{
    switch (m->state) {
    case STATE_NOT_STARTED:
    case STATE_IN_PROGRESS:
    case STATE_RETURNED:
    case STATE_RELAPSED:
    case STATE_PHASE_COMPLETE:
        return true;
    default:
        return false;
    }
}

/* True when some report day lies in [from, to]; days are ascending. */
static bool reported_between(const Measure *m, Day from, Day to)
{
    for (int i = m->n_reports - 1; i >= 0; i--) {
        Day d = m->report_days[i];
        if (d < from)
            return false;
        if (d <= to)
            return true;
    }
    return false;
}

Light ledger_light(const Measure *m, const LightRules *r, Day as_of, unsigned *why)
{
    unsigned w = 0;
    if (m->state == STATE_CLOSED) {
        if (why)
            *why = 0;
        return LIGHT_CLOSED;
    }
    bool deadline_met = m->state == STATE_PHASE_COMPLETE;
    if (m->deadline != DAY_NONE && !deadline_met) {
        if (as_of > m->deadline)
            w |= WHY_OVERDUE;
        else if (m->deadline - as_of <= r->warn_days)
            w |= WHY_DUE_SOON;
    }
    if (m->return_count >= 2)
        w |= WHY_RETURNED;
    if (m->state == STATE_RELAPSED)
        w |= WHY_RELAPSED;
    if (m->supervised && as_of > m->supervision_due)
        w |= WHY_SUPERVISION;
    if (r->start != DAY_NONE && ledger_owes_reports(m)) {
        Cycle c = ledger_cycle(r->cycle, r->due_day, as_of);
        if (as_of > c.due && c.due >= r->start && !reported_between(m, c.start, as_of))
            w |= WHY_NO_REPORT;
    }
    if (why)
        *why = w;
    if (w & (WHY_OVERDUE | WHY_RETURNED | WHY_RELAPSED | WHY_SUPERVISION))
        return LIGHT_RED;
    if (w & (WHY_DUE_SOON | WHY_NO_REPORT))
        return LIGHT_YELLOW;
    return LIGHT_GREEN;
}

void ledger_light_day(Day day, MeasureLightDay *out)
{
    out->day = day;
    for (int c = 0; c < CYCLE__COUNT; c++) {
        /* The cycle's start does not depend on the due day. */
        Cycle cy = ledger_cycle((ReportCycle)c, 0, day);
        out->cycle_start[c] = cy.start;
        out->cycle_offset[c] = day - cy.start + 1;
    }
}

void ledger_on_time(const Measure *m, const LightRules *r, Day as_of, int *expected, int *on_time)
{
    *expected = 0;
    *on_time = 0;
    if (r->start == DAY_NONE || as_of < r->start)
        return;
    Day until = as_of;
    if (m->state == STATE_CLOSED && m->closed_on != DAY_NONE && m->closed_on < until)
        until = m->closed_on;
    int k = 0; /* first report day not yet before the current cycle */
    for (Cycle c = ledger_cycle(r->cycle, r->due_day, r->start); c.due < until;
         c = ledger_cycle(r->cycle, r->due_day, c.end + 1)) {
        if (c.due < r->start)
            continue;
        (*expected)++;
        while (k < m->n_reports && m->report_days[k] < c.start)
            k++;
        if (k < m->n_reports && m->report_days[k] <= c.due)
            (*on_time)++;
    }
}
