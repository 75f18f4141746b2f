/*
** page_dashboard.c: 工作台, the start page of the ledger roles: for one inspection (the
** selector picks it), the counts by light and by state, what falls due this week, what the user
** owes now, the 挂图作战 chart of deadlines per month, the rates of the units most behind (the
** whole table is the units page) and of every leader. Everything comes from the figures of
** dash.h, computed by SQL once per data version, so a unit user's figures count only the
** measures of their unit and a request writes what it shows.
*/
#include "web/dash.h"
#include "web/handlers.h"
#include "web/page_loop.h"
#include "web/html.h"
#include "web/routes.h"
#include "web/view.h"

/* The light tiles, each a link to the measure list of that light. */
static void light_counts(Buf *h, const DashFigures *f, int64_t inspection_id)
{
    static const Light order[] = {LIGHT_RED, LIGHT_YELLOW, LIGHT_GREEN, LIGHT_CLOSED};
    HTML(h, "<section id=\"light-counts\" class=\"counts\">");
    for (size_t i = 0; i < ARRAY_SIZE(order); i++) {
        Light l = order[i];
        HTML(h, "<a class=\"count ");
        buf_puts(h, ledger_light_name(l));
        HTML(h, "\" href=\"/measures?inspection=");
        html_int(h, inspection_id);
        HTML(h, "&amp;light=");
        buf_puts(h, ledger_light_name(l));
        HTML(h, "\"><b>");
        html_int(h, f->by_light[l]);
        HTML(h, "</b>");
        buf_puts(h, ledger_light_label(l));
        HTML(h, "</a>");
    }
    HTML(h, "</section>");
}

static void state_counts(Buf *h, const DashFigures *st, int64_t inspection_id)
{
    HTML(h, "<section><h2>办理状态</h2><ul class=\"state-counts\">");
    for (int s = 0; s < STATE__COUNT; s++) {
        HTML(h, "<li><a href=\"/measures?inspection=");
        html_int(h, inspection_id);
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
    if (!st->scope_unit && st->n_problems) {
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

/* A row of a short table: light, title, lead unit, deadline, and what is owed for a duty. */
static void short_row(const Request *r, Buf *h, const DashRow *row)
{
    HTML(h, "<tr>");
    view_td(h, "亮灯");
    view_light(h, row->light);
    HTML(h, "</td>");
    view_td(h, "整改措施");
    view_measure_link(h, row->id, NULL, row->label, row->title);
    HTML(h, "</td>");
    view_cell_text(h, "牵头单位", row->unit);
    view_td(h, "时限");
    html_day(r, h, row->due);
    HTML(h, "</td>");
    if (row->what >= 0)
        view_cell_text(h, "事项", ledger_owe_label((OweKind)row->what));
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

/* The rows of a short table, the first SHORT_SHOWN in view and the rest collapsed (a phone
   shows the summary first). */
static void short_table(const Request *r, Buf *h, const DashRow *rows, int n, bool what)
{
    for (int k = 0; k < n; k++) {
        if (k == 0 || k == SHORT_SHOWN)
            short_head(h, k, n, what);
        short_row(r, h, &rows[k]);
    }
    short_end(h, n);
}

/*
** The open measures due this week (neither closed nor phase-complete): the first
** DASH_DUE_SHOWN in ledger order, the count of all, and a link to the measure list of every
** state but closed by deadline from Monday on (a deadline cursor just before Monday's first
** row, so the list's first page begins with this week).
*/
static void due_this_week(const Request *r, Buf *h, const DashFigures *f, int64_t inspection_id)
{
    Day monday = r->today - (date_weekday(r->today) - 1);
    HTML(h, "<section id=\"due-week\"><h2>本周到期</h2>");
    short_table(r, h, f->due, f->n_due_shown, false);
    if (!f->n_due) {
        HTML(h, "<p class=\"empty\">本周没有到期的整改措施。</p></section>");
        return;
    }
    HTML(h, "<p class=\"hint\">本周到期共 ");
    html_int(h, f->n_due);
    HTML(h, " 项。<a href=\"/measures?inspection=");
    html_int(h, inspection_id);
    HTML(h, "&amp;state=open&amp;sort=deadline&amp;after=d");
    /* The key of a row due the day before Monday with an id above any real one. */
    html_int(h, monday - 1);
    HTML(h, ".0.0.999999999999999999\">查看本周起到期的全部未销号措施</a></p></section>");
}

/* What r's user owes now in this inspection, most urgent first: the first DASH_MINE_SHOWN. */
static void my_items(const Request *r, Buf *h, const DashDuties *d)
{
    int n_all = d->n, n = d->n_shown;
    const DashRow *mine = d->rows;
    HTML(h, "<section id=\"my-items\"><h2>我的待办</h2>");
    if (n_all == 0) {
        HTML(h, "<p class=\"empty\">当前没有需要您办理的事项。</p></section>");
        return;
    }
    short_table(r, h, mine, n, true);
    if (n_all > n) {
        HTML(h, "<p class=\"hint\">另有 ");
        html_int(h, n_all - n);
        HTML(h, " 项待办未列出。</p>");
    }
    HTML(h, "</section>");
}

/* The 挂图作战 chart and its table. */
static void chart_section(const Request *r, Buf *h, const DashFigures *f)
{
    HTML(h, "<section class=\"chart-box\"><h2>挂图作战：各月到期措施</h2><p class=\"legend\">"
            "自下而上：");
    static const Light order[] = {LIGHT_CLOSED, LIGHT_GREEN, LIGHT_YELLOW, LIGHT_RED};
    for (size_t i = 0; i < ARRAY_SIZE(order); i++)
        view_light(h, order[i]);
    HTML(h, "<span class=\"today-key\">虚线：今天</span></p>");
    /* On a phone the chart keeps its size and scrolls sideways, so its text stays readable. */
    HTML(h, "<div class=\"chart-scroll\" tabindex=\"0\" role=\"region\" "
            "aria-label=\"挂图作战图（可左右滑动）\">\n");
    chart_deadlines(h, &f->months, r->today);
    HTML(h, "</div><details class=\"more\"><summary>按月统计表（展开）</summary>");
    chart_deadlines_table(h, &f->months);
    HTML(h, "</details></section>");
}

/*
** The rates of the lead units most behind (all of them when few; the units page has the whole
** table) and of every leader, each collapsed. Names link only to unit pages the reader may open.
*/
static void rates_section(Buf *h, const DashFigures *f, int64_t inspection_id)
{
    HTML(h, "<details class=\"more\"><summary>各牵头单位整改情况（展开）</summary>");
    if (f->n_units > f->n_units_shown) {
        HTML(h, "<p class=\"hint\">共 ");
        html_int(h, f->n_units);
        HTML(h, " 个牵头单位，以下按逾期、红灯、黄灯项数从多到少列出前 ");
        html_int(h, f->n_units_shown);
        HTML(h, " 个。");
        if (!f->scope_unit) {
            HTML(h, "<a href=\"/units?inspection=");
            html_int(h, inspection_id);
            HTML(h, "\">查看全部牵头单位</a>");
        }
        HTML(h, "</p>");
    }
    view_rates_head(h, true);
    for (int i = 0; i < f->n_units_shown; i++) {
        const DashRate *u = &f->units_behind[i];
        view_rate_row(h, &u->rate, u->name, true, !f->scope_unit || u->rate.id == f->scope_unit,
                      inspection_id);
    }
    HTML(h, "</tbody></table></details>");
    HTML(h, "<details class=\"more\"><summary>各责任领导整改情况（展开）</summary>");
    view_rates_head(h, false);
    for (int i = 0; i < f->n_leaders; i++)
        view_rate_row(h, &f->leader_rates[i].rate, f->leader_rates[i].name, false, false,
                      inspection_id);
    HTML(h, "</tbody></table></details>");
}

/* The parts of the page that depend on the figures, the inspection and the day alone: written
   once when the figures are computed (dash.h). */
static void render_parts(const Request *r, const DashFigures *f, int64_t inspection_id,
                         Buf html[DASH_HTML__COUNT])
{
    light_counts(&html[DASH_HTML_LIGHTS], f, inspection_id);
    due_this_week(r, &html[DASH_HTML_DUE], f, inspection_id);
    Buf *h = &html[DASH_HTML_REST];
    state_counts(h, f, inspection_id);
    chart_section(r, h, f);
    rates_section(h, f, inspection_id);
}

void page_dashboard(Request *r)
{
    const Inspection *list;
    Inspection in;
    int n_list;
    if (view_pick_inspection(r, &list, &n_list, &in) < 0)
        return;
    const DashFigures *f = NULL;
    const DashDuties *mine = NULL;
    if (in.id && !(f = dash_figures(r, &in, render_parts, &mine)))
        return;
    page_begin_h1(r, "工作台", NAV_DASHBOARD);
    Buf *h = &r->out;
    if (!f) {
        HTML(h, "<p class=\"empty\">目前没有您可以查看的整改事项。</p>");
        page_end(r);
        return;
    }
    HTML(h, "<p class=\"subtitle\"><a href=\"/inspections/");
    html_int(h, in.id);
    HTML(h, "\">");
    html_text(h, in.title);
    HTML(h, "</a> · 统计日期 ");
    html_day(r, h, r->today);
    if (f->scope_unit) {
        HTML(h, " · 仅含本单位（");
        html_text(h, f->scope_name);
        HTML(h, "）的整改措施");
    }
    HTML(h, "</p>");
    view_inspection_selector(r, list, n_list, in.id);
    buf_append(h, f->html[DASH_HTML_LIGHTS].data, f->html[DASH_HTML_LIGHTS].len);
    page_loop_listed(r, in.id);
    HTML(h, "<div class=\"columns\">");
    my_items(r, h, mine);
    buf_append(h, f->html[DASH_HTML_DUE].data, f->html[DASH_HTML_DUE].len);
    HTML(h, "</div>");
    buf_append(h, f->html[DASH_HTML_REST].data, f->html[DASH_HTML_REST].len);
    page_end(r);
}
