/*
** page_inspection.c: 整改台账, the list of the inspections a user may read with their lights and
** completion, 50 to a page (one inspection's tree is page_tree.c).
*/
#include "db/measure_store.h"
#include "web/access.h"
#include "web/dash.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/listing.h"
#include "web/routes.h"
#include "web/view.h"

/* The office starts ledgers here (page_edit_inspection.c, page_import.c). */
static void office_tools(Request *r)
{
    if (access_edit(&r->user, NULL))
        HTML(&r->out,
             "<p class=\"toolbar\"><a class=\"button\" href=\"/inspections/new\">新建整改事项</a> "
             "<a class=\"button\" href=\"/import\">导入文件</a></p>");
}

/*
** The figures of each inspection in list, as r's user may see its measures: kept with the
** measures per worker and brought up to date after a write (dash_counts) when they are the
** dashboard's scope, else one grouped count by state and light over the inspection's index
** range (the SQL light predicates).
*/
static MeasureCounts *inspection_counts(Request *r, const Inspection *list, int n)
{
    MeasureCounts *sums = ARENA_ARRAY(&r->arena, MeasureCounts, n + 1);
    MeasureLightDay day;
    ledger_light_day(r->today, &day);
    for (int i = 0; i < n; i++) {
        MeasureFilter f = MEASURE_FILTER_ALL;
        f.inspection_id = list[i].id;
        if (!access_scope(&r->user, &f))
            continue;
        if (dash_scope_is(r, &list[i], &f) ? dash_counts(r, &list[i], &sums[i]) < 0
                                            : measure_store_counts(r->db, &f, &day, &sums[i],
                                                                   &r->err) < 0) {
            route_fail_err(r, &r->err);
            return NULL;
        }
    }
    return sums;
}

#define INSPECTIONS_PAGE 50 /* inspections per page of 整改台账 */

/* The pager of 整改台账: the page of list[0..n) from index start holding count of them. */
static void inspections_pager(Request *r, const Inspection *list, int n, int start, int count,
                              bool more)
{
    ListingPage pg = {.n_rows = count, .total = n, .first = start + 1, .has_prev = start > 0};
    if (start > INSPECTIONS_PAGE) /* the page before starts after this one's id */
        pg.prev = arena_printf(&r->arena, "%lld",
                               (long long)list[start - INSPECTIONS_PAGE - 1].id);
    if (more)
        pg.next = arena_printf(&r->arena, "%lld", (long long)list[start + count - 1].id);
    Buf href = BUF_INIT;
    HTML(&href, "/inspections?");
    view_list_pager(&r->out, &pg, &href, "");
    buf_free(&href);
}

void page_inspections(Request *r)
{
    const Inspection *list;
    int n;
    int64_t after;
    if (request_query_id(r, "after", &after) < 0) {
        route_fail(r, 400, "bad_request", "after must be a positive id");
        return;
    }
    if (view_inspections(r, &list, &n) < 0)
        return;
    /* A page of them, each with its counts: the page costs its inspections, not all of them. */
    int start;
    bool more;
    int count = view_inspections_after(list, n, after, INSPECTIONS_PAGE, &start, &more);
    const MeasureCounts *sums = inspection_counts(r, list + start, count);
    if (!sums)
        return;

    Buf *h = &r->out;
    page_begin_h1(r, "整改台账", NAV_INSPECTIONS);
    if (n == 0) {
        HTML(h, "<p class=\"empty\">目前没有您可以查看的整改事项。</p>");
        office_tools(r);
        page_end(r);
        return;
    }
    HTML(h, "<table class=\"responsive\"><thead><tr><th>整改事项</th><th>巡视（察）组</th>"
            "<th>反馈日期</th><th>措施</th><th>红灯</th><th>黄灯</th><th>绿灯</th>"
            "<th>已销号</th><th>完成率</th></tr></thead><tbody>");
    for (int k = 0; k < count; k++) {
        const Inspection *in = &list[start + k];
        const MeasureCounts *s = &sums[k];
        HTML(h, "<tr>");
        view_cell_link(h, "整改事项", "/inspections/", in->id, in->title);
        view_cell_text(h, "巡视（察）组", in->group_name);
        view_td(h, "反馈日期");
        html_day(r, h, in->feedback_on);
        HTML(h, "</td>");
        view_cell_int(h, "措施", s->total);
        static const Light order[] = {LIGHT_RED, LIGHT_YELLOW, LIGHT_GREEN, LIGHT_CLOSED};
        for (size_t l = 0; l < ARRAY_SIZE(order); l++) /* MEASURE_LIGHT_* == Light (light.c) */
            view_cell_int(h, ledger_light_label(order[l]), s->by_light[order[l]]);
        view_td(h, "完成率");
        int64_t done = s->by_state[STATE_CLOSED] + s->by_state[STATE_PHASE_COMPLETE];
        html_percent(h, ledger_rate((int)done, (int)s->total));
        HTML(h, "</td></tr>");
    }
    HTML(h, "</tbody></table>");
    if (n > INSPECTIONS_PAGE)
        inspections_pager(r, list, n, start, count, more);
    office_tools(r);
    page_end(r);
}
