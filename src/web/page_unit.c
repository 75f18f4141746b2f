/*
** page_unit.c: 责任单位, the lead units of an inspection with their rates (the dashboard's
** figures, web/dash.h; a unit user sees only their own), and one unit's page within an
** inspection, costing what it shows: the counts of the unit's measures by light and state (one
** grouped count over the unit's index range), the most urgent of what it owes now (a few
** bounded reads of its red, yellow and submitted measures), its supervisions (bounded by their
** store) and its measures one keyset page at a time (listing.h), unfinished ones by default.
*/
#include "db/measure_store.h"
#include "db/org_store.h"
#include "db/view_store.h"
#include "web/access.h"
#include "web/dash.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/listing.h"
#include "web/routes.h"
#include "web/view.h"

/* What the unit page shows of the duties it owes, at most. */
#define UNIT_OWES 20

/* The rates of f's lead units (only != 0: that one alone, as a section); the names link to the
   unit pages the reader may open. */
static void units_table(Buf *h, const DashFigures *f, int64_t only, int64_t inspection_id)
{
    if (only)
        HTML(h, "<section><h2>各牵头单位整改情况</h2>");
    else
        HTML(h, "<details class=\"more\"><summary>各牵头单位整改情况（展开）</summary>");
    view_rates_head(h, true);
    for (int i = 0; i < f->n_units; i++) {
        const DashRate *u = &f->unit_rates[i];
        if (only && u->rate.id != only)
            continue;
        view_rate_row(h, &u->rate, u->name, true, !f->scope_unit || u->rate.id == f->scope_unit,
                      inspection_id);
    }
    if (only)
        HTML(h, "</tbody></table></section>");
    else
        HTML(h, "</tbody></table></details>");
}

void page_units(Request *r)
{
    const Inspection *list;
    Inspection in;
    int n_list;
    if (view_pick_inspection(r, &list, &n_list, &in) < 0)
        return;
    const DashFigures *f = NULL;
    if (in.id && !(f = dash_figures_of(r, &in)))
        return;
    page_begin_h1(r, "责任单位", NAV_UNITS);
    Buf *h = &r->out;
    if (!f) {
        HTML(h, "<p class=\"empty\">目前没有您可以查看的整改事项。</p>");
        page_end(r);
        return;
    }
    HTML(h, "<p class=\"subtitle\">");
    html_text(h, in.title);
    HTML(h, "</p>");
    view_inspection_selector(r, list, n_list, in.id);
    units_table(h, f, f->scope_unit, in.id);
    page_end(r);
}

/* The unit page's own address with the inspection, "/units/U?inspection=I" (ends before "&"). */
static void unit_href(Buf *h, int64_t unit_id, int64_t inspection_id)
{
    HTML(h, "/units/");
    html_int(h, unit_id);
    HTML(h, "?inspection=");
    html_int(h, inspection_id);
}

/* A figure linking to the unit's measures filtered by name=value (value "" for all states). */
static void count_link(Buf *h, int64_t unit_id, int64_t inspection_id, const char *name,
                       const char *value, const char *label, int64_t n)
{
    HTML(h, "<li><a href=\"");
    unit_href(h, unit_id, inspection_id);
    HTML(h, "&amp;");
    html_text(h, name);
    HTML(h, "=");
    html_url(h, value);
    HTML(h, "#measures\">");
    html_text(h, label);
    HTML(h, " <strong>");
    html_int(h, n);
    HTML(h, "</strong></a></li>");
}

/* 整改概况: totals, lights and states of the unit's measures in the inspection. */
static void counts_section(Request *r, const MeasureCounts *c, int64_t unit_id,
                           int64_t inspection_id)
{
    Buf *h = &r->out;
    int64_t done = c->by_state[STATE_CLOSED] + c->by_state[STATE_PHASE_COMPLETE];
    HTML(h, "<section id=\"counts\"><h2>整改概况</h2><p class=\"summary\">承担整改措施 <strong>");
    html_int(h, c->total);
    HTML(h, "</strong> 项（牵头 ");
    html_int(h, c->lead);
    HTML(h, " 项，配合 ");
    html_int(h, c->total - c->lead);
    HTML(h, " 项），已完成 ");
    html_int(h, done);
    HTML(h, " 项，完成率 ");
    html_percent(h, ledger_rate((int)done, (int)c->total));
    HTML(h, "</p><ul class=\"state-counts\"><li>按亮灯：</li>");
    static const Light lights[] = {LIGHT_RED, LIGHT_YELLOW, LIGHT_GREEN, LIGHT_CLOSED};
    static const int sql[] = {MEASURE_LIGHT_RED, MEASURE_LIGHT_YELLOW, MEASURE_LIGHT_GREEN,
                              MEASURE_LIGHT_CLOSED};
    for (size_t i = 0; i < ARRAY_SIZE(lights); i++)
        count_link(h, unit_id, inspection_id, "light", ledger_light_name(lights[i]),
                   ledger_light_label(lights[i]), c->by_light[sql[i]]);
    HTML(h, "</ul><ul class=\"state-counts\"><li>按状态：</li>");
    for (int s = 0; s < STATE__COUNT; s++)
        if (c->by_state[s])
            count_link(h, unit_id, inspection_id, "state", model_state_name((MeasureState)s),
                       model_state_label((MeasureState)s), c->by_state[s]);
    HTML(h, "</ul></section>");
}

/*
** Up to limit of the measures unit_id leads in `in` with light (or, light < 0, in state),
** deadline first, with the parts the duties need; *more when there are others.
*/
static int owing_rows(Request *r, const Inspection *in, int64_t unit_id, int light, int state,
                      const MeasureLightDay *day, int limit, Measure **ms, int *n, bool *more)
{
    MeasureFilter f = MEASURE_FILTER_ALL;
    f.inspection_id = in->id;
    f.unit_id = unit_id;
    f.lead_only = true;
    f.state = state;
    f.open = true;
    *n = 0;
    *more = false;
    if (!access_scope(&r->user, &f))
        return 0;
    MeasurePageQuery q = {f, light, day, MEASURE_ORDER_DEADLINE, false, {{0, 0, 0}, 0},
                          limit + 1, false};
    if (measure_store_page(r->db, &r->arena, &q, ms, n, &r->err) < 0)
        return -1;
    *more = *n > limit;
    if (*more)
        *n = limit;
    Measure **page = ARENA_ARRAY(&r->arena, Measure *, *n + 1);
    for (int i = 0; i < *n; i++)
        page[i] = &(*ms)[i];
    /* The duties look at the current report cycle only: two months of report days suffice. */
    return *n ? view_store_parts(r->db, &r->arena, page, *n, r->today - 62, &r->err) : 0;
}

/* One duty as a list item. */
static void owe_item(Request *r, const Owe *o)
{
    Buf *h = &r->out;
    HTML(h, "<li><strong>");
    buf_puts(h, ledger_owe_label(o->kind));
    HTML(h, "</strong> <a href=\"/measures/");
    html_int(h, o->measure->id);
    HTML(h, "\">");
    html_text(h, o->measure->title);
    HTML(h, "</a> · 截止 ");
    html_day(r, h, o->due);
    HTML(h, "</li>");
}

/* The duties shown on the unit page: up to UNIT_OWES, and whether there are others. */
typedef struct UnitOwes {
    Owe owes[UNIT_OWES];
    int n;
    bool more;
} UnitOwes;

/*
** 当前应办事项: the reports, completions and lead reviews the unit owes on the measures it leads,
** from its red, yellow and submitted ones (deadline first, UNIT_OWES of each read at most).
*/
static int owes_collect(Request *r, const Inspection *in, int64_t unit_id,
                        const MeasureLightDay *day, UnitOwes *out)
{
    LightRules rules = ledger_rules(in);
    static const struct {
        int light, state;
    } reads[] = {{MEASURE_LIGHT_RED, -1}, {MEASURE_LIGHT_YELLOW, -1}, {-1, STATE_SUBMITTED}};
    int64_t seen[3 * UNIT_OWES];
    int n_seen = 0;
    out->n = 0;
    out->more = false;
    for (size_t k = 0; k < ARRAY_SIZE(reads) && out->n < UNIT_OWES; k++) {
        Measure *ms;
        int n;
        bool more;
        if (owing_rows(r, in, unit_id, reads[k].light, reads[k].state, day, UNIT_OWES, &ms, &n,
                       &more) < 0)
            return -1;
        out->more |= more;
        for (int i = 0; i < n; i++) {
            bool dup = false;
            for (int j = 0; j < n_seen; j++)
                dup |= seen[j] == ms[i].id;
            if (dup)
                continue;
            seen[n_seen++] = ms[i].id;
            Owe owes[OWE__COUNT];
            int no = ledger_owes(&ms[i], &rules, in->require_signoff, r->today, owes);
            for (int o = 0; o < no; o++) {
                if (owes[o].kind != OWE_REPORT && owes[o].kind != OWE_COMPLETION &&
                    owes[o].kind != OWE_LEAD_REVIEW)
                    continue;
                if (out->n == UNIT_OWES) {
                    out->more = true;
                    break;
                }
                out->owes[out->n++] = owes[o];
            }
        }
    }
    return 0;
}

static void owes_section(Request *r, const UnitOwes *u, int64_t unit_id, int64_t inspection_id)
{
    Buf *h = &r->out;
    HTML(h, "<section id=\"owes\"><h2>当前应办事项</h2>");
    if (u->n) {
        HTML(h, "<ul class=\"owes\">");
        for (int i = 0; i < u->n; i++)
            owe_item(r, &u->owes[i]);
        HTML(h, "</ul>");
    } else {
        HTML(h, "<p class=\"empty\">当前没有应办事项。</p>");
    }
    if (u->more) {
        HTML(h, "<p class=\"hint\">只列出最紧急的 ");
        html_int(h, UNIT_OWES);
        HTML(h, " 项；其余见下方<a href=\"");
        unit_href(h, unit_id, inspection_id);
        HTML(h, "&amp;light=red#measures\">红灯</a>、<a href=\"");
        unit_href(h, unit_id, inspection_id);
        HTML(h, "&amp;light=yellow#measures\">黄灯</a>措施");
        if (access_has(&r->user, ROLE_BIT(ROLE_UNIT)))
            HTML(h, "和<a href=\"/inbox\">我的待办</a>");
        HTML(h, "。</p>");
    }
    HTML(h, "</section>");
}

/* The filters of the unit's list: state (unfinished by default), light and sort. */
static void filter_form(Request *r, const ListingQuery *q, int64_t unit_id, int64_t inspection_id)
{
    Buf *h = &r->out;
    HTML(h, "<form class=\"filters\" method=\"get\" action=\"/units/");
    html_int(h, unit_id);
    HTML(h, "#measures\"><input type=\"hidden\" name=\"inspection\" value=\"");
    html_int(h, inspection_id);
    HTML(h, "\"><label>状态 <select name=\"state\">");
    html_option(h, LISTING_STATE_OPEN, "未销号", q->open);
    html_option(h, "", "全部", !q->open && q->state < 0);
    for (int s = 0; s < STATE__COUNT; s++)
        html_option(h, model_state_name((MeasureState)s), model_state_label((MeasureState)s),
                    q->state == s);
    HTML(h, "</select></label><label>亮灯 <select name=\"light\">");
    html_option(h, "", "全部", q->light < 0);
    static const Light lights[] = {LIGHT_RED, LIGHT_YELLOW, LIGHT_GREEN, LIGHT_CLOSED};
    for (size_t i = 0; i < ARRAY_SIZE(lights); i++)
        html_option(h, ledger_light_name(lights[i]), ledger_light_label(lights[i]),
                    q->light == (int)lights[i]);
    HTML(h, "</select></label><label>排序 <select name=\"sort\">");
    for (int s = 0; s < LISTING_SORT__COUNT; s++)
        html_option(h, listing_sort_name((ListingSort)s), listing_sort_label((ListingSort)s),
                    q->sort == (ListingSort)s);
    HTML(h, "</select></label><button type=\"submit\">筛选</button></form>");
}

/* The address of the unit's list under q's filters, ready for "&amp;after=…". */
static void list_href(Buf *h, const ListingQuery *q, int64_t unit_id)
{
    HTML(h, "/units/");
    html_int(h, unit_id);
    HTML(h, "?");
    view_filter_query(h, q); /* inspection, unit, state, light, sort, limit */
    if (!q->open && q->state < 0)
        HTML(h, "&amp;state="); /* all states: present, so the default does not apply */
}

/* 承担的整改措施: one keyset page of the unit's measures with the pager of 措施清单. */
static void measures_section(Request *r, const ListingQuery *q, const ListingPage *p,
                             int64_t unit_id)
{
    Buf *h = &r->out;
    HTML(h, "<section id=\"measures\"><h2>承担的整改措施</h2>");
    filter_form(r, q, unit_id, q->inspection_id);
    if (p->n_rows == 0) {
        HTML(h, "<p class=\"empty\">没有符合条件的整改措施。</p></section>");
        return;
    }
    HTML(h, "<table class=\"responsive measures\"><thead><tr><th>亮灯</th><th>整改措施</th>"
            "<th>职责</th><th>整改时限</th><th>状态</th><th>原因</th></tr></thead><tbody>");
    for (int i = 0; i < p->n_rows; i++) {
        const ListingRow *row = &p->rows[i];
        const Measure *m = row->measure;
        HTML(h, "<tr>");
        view_measure_cells(h, row->light, m);
        view_td(h, "职责");
        if (m->lead_unit_id == unit_id)
            HTML(h, "牵头");
        else
            HTML(h, "配合");
        HTML(h, "</td>");
        view_td(h, "整改时限");
        html_day(r, h, m->deadline);
        HTML(h, "</td>");
        view_td(h, "状态");
        view_state(h, m->state);
        HTML(h, "</td>");
        view_td(h, "原因");
        view_why(h, row->why);
        HTML(h, "</td></tr>");
    }
    HTML(h, "</tbody></table>");
    Buf href;
    buf_init(&href);
    list_href(&href, q, unit_id);
    view_list_pager(h, p, &href, "#measures");
    buf_free(&href);
    HTML(h, "</section>");
}

void page_unit(Request *r)
{
    Unit unit;
    Err err = ERR_INIT;
    if (!route_ok_or_reply(r, unit_store_get(r->db, &r->arena, r->path_id, &unit, &err), &err) ||
        !route_allowed_or_reply(r, !access_unit_only(&r->user) || r->user.unit_id == unit.id,
                                "you may see only your own unit"))
        return;
    ListingQuery q;
    if (listing_parse(r, &q) < 0)
        return;
    const Inspection *list;
    Inspection in;
    int n_list;
    if (view_pick_inspection(r, &list, &n_list, &in) < 0)
        return;
    /* Unfinished measures unless the reader chose a state (state= with nothing: all). */
    q.open = q.open || (!request_query(r, "state") && q.state < 0);
    q.unit_id = unit.id;
    q.inspection_id = in.id;
    q.leader_id = 0;
    q.text = NULL;

    MeasureCounts counts = {0};
    ListingPage p = {0};
    MeasureLightDay day;
    ledger_light_day(r->today, &day);
    MeasureFilter f = MEASURE_FILTER_ALL;
    f.inspection_id = in.id;
    f.unit_id = unit.id;
    if (in.id && access_scope(&r->user, &f) &&
        measure_store_counts(r->db, &f, &day, &counts, &r->err) < 0) {
        route_fail_err(r, &r->err);
        return;
    }
    if (in.id && listing_measures(r, &q, &p) < 0)
        return;
    UnitOwes owes = {0};
    if (in.id && owes_collect(r, &in, unit.id, &day, &owes) < 0) {
        route_fail_err(r, &r->err);
        return;
    }

    Buf *h = &r->out;
    page_begin(r, unit.name, NAV_UNITS);
    HTML(h, "<h1>");
    html_text(h, unit.name);
    HTML(h, "</h1>");
    if (!in.id) {
        HTML(h, "<p class=\"empty\">目前没有您可以查看的整改事项。</p>");
        page_end(r);
        return;
    }
    HTML(h, "<p class=\"subtitle\">");
    html_text(h, in.title);
    HTML(h, " · <a href=\"/measures?inspection=");
    html_int(h, in.id);
    HTML(h, "&amp;unit=");
    html_int(h, unit.id);
    HTML(h, "\">在措施清单中查看</a> · <a href=\"/units?inspection=");
    html_int(h, in.id);
    HTML(h, "\">各单位按时报送率</a></p>");
    view_inspection_selector(r, list, n_list, in.id);
    counts_section(r, &counts, unit.id, in.id);
    owes_section(r, &owes, unit.id, in.id);
    page_unit_supervisions(r, unit.id, in.id);
    measures_section(r, &q, &p, unit.id);
    page_unit_supervise_form(r, unit.id, in.id);
    page_end(r);
}
