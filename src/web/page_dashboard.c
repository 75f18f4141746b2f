/*
** page_dashboard.c: 工作台, the start page of the ledger roles: for one inspection (the
** selector picks it), the counts by light and by state, what falls due this week, what the user
** owes now, the 挂图作战 chart of deadlines per month and the per-unit and per-leader rates.
** Everything comes from the scoped, cached ledger of view.h, so a unit user's figures count only
** the measures of their unit.
*/
#include "web/access.h"
#include "web/chart.h"
#include "web/handlers.h"
#include "web/page_loop.h"
#include "web/html.h"
#include "web/routes.h"
#include "web/view.h"

/* The light tiles, each a link to the measure list of that light. */
static void light_counts(Buf *h, const ViewLedger *v)
{
    static const Light order[] = {LIGHT_RED, LIGHT_YELLOW, LIGHT_GREEN, LIGHT_CLOSED};
    HTML(h, "<section id=\"light-counts\" class=\"counts\">");
    for (size_t i = 0; i < ARRAY_SIZE(order); i++) {
        Light l = order[i];
        HTML(h, "<a class=\"count ");
        buf_puts(h, ledger_light_name(l));
        HTML(h, "\" href=\"/measures?inspection=");
        html_int(h, v->ledger.in.id);
        HTML(h, "&amp;light=");
        buf_puts(h, ledger_light_name(l));
        HTML(h, "\"><b>");
        html_int(h, v->stats.by_light[l]);
        HTML(h, "</b>");
        buf_puts(h, ledger_light_label(l));
        HTML(h, "</a>");
    }
    HTML(h, "</section>");
}

static void state_counts(Buf *h, const ViewLedger *v)
{
    const Stats *st = &v->stats;
    HTML(h, "<section><h2>办理状态</h2><ul class=\"state-counts\">");
    for (int s = 0; s < STATE__COUNT; s++) {
        HTML(h, "<li><a href=\"/measures?inspection=");
        html_int(h, v->ledger.in.id);
        HTML(h, "&amp;state=");
        buf_puts(h, model_state_name((MeasureState)s));
        HTML(h, "\">");
        buf_puts(h, model_state_label((MeasureState)s));
        HTML(h, " <strong>");
        html_int(h, st->by_state[s]);
        HTML(h, "</strong></a></li>");
    }
    HTML(h, "</ul><p>共 ");
    html_int(h, st->n_measures);
    HTML(h, " 项措施，完成率 ");
    html_percent(h, ledger_rate(st->by_state[STATE_CLOSED] + st->by_state[STATE_PHASE_COMPLETE],
                                st->n_measures));
    HTML(h, "，按时报送率 ");
    html_percent(h, ledger_rate(st->on_time_reports, st->expected_reports));
    if (!v->scope_unit && st->n_problems) {
        HTML(h, "。问题 ");
        html_int(h, st->n_problems);
        HTML(h, " 个：");
        for (int s = 0; s < STATUS__COUNT; s++) {
            if (s)
                HTML(h, "，");
            buf_puts(h, model_status_label((ProblemStatus)s));
            HTML(h, " ");
            html_int(h, st->problems[s]);
        }
    }
    HTML(h, "。</p></section>");
}

/* A short table of measures: light, title, lead unit, deadline, and one more column. */
static void short_row(const Request *r, Buf *h, const ViewLedger *v, const Measure *m, Light light, Day due,
                      const char *what)
{
    HTML(h, "<tr>");
    view_measure_cells(h, light, m);
    view_cell_text(h, "牵头单位", view_name(v->units, v->n_units, m->lead_unit_id));
    view_td(h, "时限");
    html_day(r, h, due);
    HTML(h, "</td>");
    if (what) {
        view_cell_text(h, "事项", what);
    }
    HTML(h, "</tr>");
}

/* Rows shown before the rest of a short table is collapsed. */
#define SHORT_SHOWN 3

/* Open the table of a short list at row k of n: the first table, or after SHORT_SHOWN rows a
   <details> with the rest. */
static void short_head(Buf *h, int k, int n, bool what)
{
    if (k) {
        HTML(h, "</tbody></table><details class=\"rest\"><summary>其余 ");
        html_int(h, n - k);
        HTML(h, " 项（展开）</summary>");
    }
    if (what)
        HTML(h, "<table class=\"responsive short\"><thead><tr><th>亮灯</th><th>整改措施</th>"
                "<th>牵头单位</th><th>时限</th><th>事项</th></tr></thead><tbody>");
    else
        HTML(h, "<table class=\"responsive short\"><thead><tr><th>亮灯</th><th>整改措施</th>"
                "<th>牵头单位</th><th>时限</th></tr></thead><tbody>");
}

/* Close a short table of n rows (opened by short_head when n > 0). */
static void short_end(Buf *h, int n)
{
    if (n)
        HTML(h, "</tbody></table>");
    if (n > SHORT_SHOWN)
        HTML(h, "</details>");
}

/* Rows of the week's deadlines the dashboard shows; the rest are a link to the measure list. */
#define DUE_WEEK_SHOWN 10

/*
** The open measures due this week (view_open: neither closed nor phase-complete): the first
** DUE_WEEK_SHOWN in ledger order, the count of all, and a link to the measure list of every
** state but closed by deadline from Monday on (a deadline cursor just before Monday's first
** row, so the list's first page begins with this week).
*/
static void due_this_week(const Request *r, Buf *h, const ViewLedger *v)
{
    Day today = r->today;
    Day monday = today - (date_weekday(today) - 1), sunday = monday + 6;
    HTML(h, "<section id=\"due-week\"><h2>本周到期</h2>");
    int n = 0;
    for (int i = 0; i < v->ledger.n_measures; i++) {
        const Measure *m = &v->ledger.measures[i];
        n += view_open(m) && m->deadline != DAY_NONE && m->deadline >= monday && m->deadline <= sunday;
    }
    int shown = n < DUE_WEEK_SHOWN ? n : DUE_WEEK_SHOWN;
    for (int i = 0, k = 0; i < v->ledger.n_measures && k < shown; i++) {
        const Measure *m = &v->ledger.measures[i];
        if (!view_open(m) || m->deadline == DAY_NONE || m->deadline < monday || m->deadline > sunday)
            continue;
        if (k == 0 || k == SHORT_SHOWN)
            short_head(h, k, shown, false);
        short_row(r, h, v, m, v->stats.lights[i], m->deadline, NULL);
        k++;
    }
    short_end(h, shown);
    if (!n) {
        HTML(h, "<p class=\"empty\">本周没有到期的整改措施。</p></section>");
        return;
    }
    HTML(h, "<p class=\"hint\">本周到期共 ");
    html_int(h, n);
    HTML(h, " 项。<a href=\"/measures?inspection=");
    html_int(h, v->ledger.in.id);
    HTML(h, "&amp;state=open&amp;sort=deadline&amp;after=d");
    /* The key of a row due the day before Monday with an id above any real one. */
    html_int(h, monday - 1);
    HTML(h, ".0.0.999999999999999999\">查看本周起到期的全部未销号措施</a></p></section>");
}

/* True when what o says is owed falls to user u (SPEC §4: who owes what). */
static bool owed_by(const User *u, const Owe *o)
{
    const Measure *m = o->measure;
    switch (o->kind) {
    case OWE_REPORT:
    case OWE_COMPLETION:
    case OWE_LEAD_REVIEW:
        return access_has(u, ROLE_BIT(ROLE_UNIT)) && u->unit_id && u->unit_id == m->lead_unit_id;
    case OWE_SIGNOFF:
        if (!access_has(u, ROLE_BIT(ROLE_LEADER)) || !u->person_id)
            return false;
        for (int k = 0; k < m->n_leaders; k++)
            if (m->leader_ids[k] == u->person_id)
                return true;
        return false;
    case OWE_VERIFY:
    case OWE_REVISIT:
        return access_has(u, ROLE_BIT(ROLE_OFFICE));
    case OWE__COUNT:
        break;
    }
    return false;
}

#define MY_ITEMS_MAX 15

typedef struct MyItem {
    Owe owe;   /* what is owed */
    int index; /* the measure's index in the ledger */
} MyItem;

/* Overdue work first, then what waits on the user's decision, reports, and re-checks last. */
static int owe_rank(OweKind k)
{
    static const int rank[OWE__COUNT] = {[OWE_COMPLETION] = 0, [OWE_VERIFY] = 1,
                                         [OWE_LEAD_REVIEW] = 1, [OWE_SIGNOFF] = 1,
                                         [OWE_REPORT] = 2, [OWE_REVISIT] = 3};
    return rank[k];
}

static int cmp_my_item(const void *a, const void *b)
{
    const MyItem *x = a, *y = b;
    if (owe_rank(x->owe.kind) != owe_rank(y->owe.kind))
        return owe_rank(x->owe.kind) - owe_rank(y->owe.kind);
    if (x->owe.due != y->owe.due)
        return x->owe.due < y->owe.due ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

/*
** What r's user owes now in this inspection, most urgent first (cmp_my_item). Only the first
** MY_ITEMS_MAX are shown, so they are kept in order as they come (the lights' reasons are the
** cached statistics'; the report cycle is computed once) instead of sorting them all.
*/
static void my_items(Request *r, const ViewLedger *v)
{
    Buf *h = &r->out;
    int nm = v->ledger.n_measures, n_items = 0, kept = 0;
    MyItem items[MY_ITEMS_MAX + 1];
    Day report_due = ledger_cycle(v->rules.cycle, v->rules.due_day, r->today).due;
    for (int i = 0; i < nm; i++) {
        Owe owes[OWE__COUNT];
        int n = ledger_owes_why(&v->ledger.measures[i], v->stats.why[i], report_due,
                                v->ledger.in.require_signoff, r->today, owes);
        for (int k = 0; k < n; k++) {
            if (!owed_by(&r->user, &owes[k]))
                continue;
            n_items++;
            MyItem it = {owes[k], i};
            int j = kept < MY_ITEMS_MAX ? kept++ : MY_ITEMS_MAX;
            if (j == MY_ITEMS_MAX && cmp_my_item(&it, &items[MY_ITEMS_MAX - 1]) >= 0)
                continue; /* not among the first */
            if (j == MY_ITEMS_MAX)
                j = MY_ITEMS_MAX - 1;
            for (; j > 0 && cmp_my_item(&it, &items[j - 1]) < 0; j--)
                items[j] = items[j - 1];
            items[j] = it;
        }
    }
    HTML(h, "<section id=\"my-items\"><h2>我的待办</h2>");
    if (n_items == 0) {
        HTML(h, "<p class=\"empty\">当前没有需要您办理的事项。</p></section>");
        return;
    }
    for (int k = 0; k < kept; k++) {
        /* The first few in view, the rest collapsed: a phone shows the summary first. */
        if (k == 0 || k == SHORT_SHOWN)
            short_head(h, k, kept, true);
        short_row(r, h, v, items[k].owe.measure, v->stats.lights[items[k].index], items[k].owe.due,
                  ledger_owe_label(items[k].owe.kind));
    }
    short_end(h, n_items < MY_ITEMS_MAX ? n_items : MY_ITEMS_MAX);
    if (n_items > MY_ITEMS_MAX) {
        HTML(h, "<p class=\"hint\">另有 ");
        html_int(h, n_items - MY_ITEMS_MAX);
        HTML(h, " 项待办未列出。</p>");
    }
    HTML(h, "</section>");
}

/* The chart's span: from the feedback (or the first deadline) to the last deadline or today. */
static void chart_span(const ViewLedger *v, Day today, Day *from, Day *to)
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
    *from = lo;
    *to = hi;
}

void page_dashboard(Request *r)
{
    Inspection *list;
    int n_list;
    const ViewLedger *v = view_inspection_page(r, "工作台", NAV_DASHBOARD, &list, &n_list);
    if (!v)
        return;
    Buf *h = &r->out;
    HTML(h, "<p class=\"subtitle\"><a href=\"/inspections/");
    html_int(h, v->ledger.in.id);
    HTML(h, "\">");
    html_text(h, v->ledger.in.title);
    HTML(h, "</a> · 统计日期 ");
    html_day(r, h, r->today);
    if (v->scope_unit) {
        HTML(h, " · 仅含本单位（");
        html_text(h, view_name(v->units, v->n_units, v->scope_unit));
        HTML(h, "）的整改措施");
    }
    HTML(h, "</p>");
    view_inspection_selector(r, list, n_list, v->ledger.in.id);
    light_counts(h, v);
    page_loop_listed(r, v->ledger.in.id);
    HTML(h, "<div class=\"columns\">");
    my_items(r, v);
    due_this_week(r, h, v);
    HTML(h, "</div>");
    state_counts(h, v);
    HTML(h, "<section class=\"chart-box\"><h2>挂图作战：各月到期措施</h2><p class=\"legend\">"
            "自下而上：");
    static const Light order[] = {LIGHT_CLOSED, LIGHT_GREEN, LIGHT_YELLOW, LIGHT_RED};
    for (size_t i = 0; i < ARRAY_SIZE(order); i++)
        view_light(h, order[i]);
    HTML(h, "<span class=\"today-key\">虚线：今天</span></p>");
    Day from, to;
    chart_span(v, r->today, &from, &to);
    /* On a phone the chart keeps its size and scrolls sideways, so its text stays readable. */
    HTML(h, "<div class=\"chart-scroll\" tabindex=\"0\" role=\"region\" "
            "aria-label=\"挂图作战图（可左右滑动）\">\n");
    chart_deadlines(h, v->ledger.measures, v->stats.lights, v->ledger.n_measures, from, to,
                    r->today);
    HTML(h, "</div><details class=\"more\"><summary>按月统计表（展开）</summary>");
    chart_deadlines_table(h, v->ledger.measures, v->stats.lights, v->ledger.n_measures, from, to);
    HTML(h, "</details></section>");
    view_rates_table(h, v, true, 0);
    view_rates_table(h, v, false, 0);
    page_end(r);
}
