/*
** page_inspection.c: 整改台账, the list of the inspections a user may read with their lights and
** completion, and one inspection's tree: aspects → items → problems (with their status) →
** measures (light, state, owners, deadline), narrowed by the filters of the measure list (unit,
** leader, state, light, full-text q) and sorted within each problem. Filters and a unit user's
** scope hide the branches left without measures.
*/
#include "db/measure_store.h"
#include "web/access.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/listing.h"
#include "web/routes.h"
#include "web/view.h"

/* The office starts ledgers here (page_edit_inspection.c, page_import.c). */
static void office_tools(Request *r)
{
    if (access_edit(&r->user, NULL))
        HTML(&r->out, "<p class=\"toolbar\"><a class=\"button\" href=\"/inspections/new\">新建整改事项</a> "
                      "<a class=\"button\" href=\"/import\">导入文件</a></p>");
}

/*
** The figures of each inspection in list, as r's user may see its measures: one grouped count by
** state and light over each inspection's index range (the SQL light predicates), no measure read.
*/
static MeasureCounts *inspection_counts(Request *r, const Inspection *list, int n)
{
    MeasureCounts *sums = ARENA_ARRAY(&r->arena, MeasureCounts, n + 1);
    MeasureLightDay day;
    ledger_light_day(r->today, &day);
    for (int i = 0; i < n; i++) {
        MeasureFilter f = MEASURE_FILTER_ALL;
        f.inspection_id = list[i].id;
        if (access_scope(&r->user, &f) &&
            measure_store_counts(r->db, &f, &day, &sums[i], &r->err) < 0) {
            route_fail_err(r, &r->err);
            return NULL;
        }
    }
    return sums;
}

void page_inspections(Request *r)
{
    Inspection *list;
    int n;
    if (view_inspections(r, &list, &n) < 0)
        return;
    const MeasureCounts *sums = inspection_counts(r, list, n);
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
    for (int i = 0; i < n; i++) {
        const MeasureCounts *s = &sums[i];
        HTML(h, "<tr>");
        view_cell_link(h, "整改事项", "/inspections/", list[i].id, list[i].title);
        view_cell_text(h, "巡视（察）组", list[i].group_name);
        view_td(h, "反馈日期");
        html_day(r, h, list[i].feedback_on);
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
    office_tools(r);
    page_end(r);
}

/* What the tree shows of one inspection. */
typedef struct Tree {
    Request *r;
    const ViewLedger *v;
    const ListingQuery *q;
    bool *keep;      /* per measure: passes the filters */
    bool *shown;     /* per finding: has a kept measure below it, or nothing is filtered */
    int *order;      /* kept measure indices, sorted by q->sort */
    int n_order;
    bool all_open;   /* every finding starts open (filtered, or ?open=1) */
    bool lazy;       /* too many measures for one page: problems show theirs on demand */
    int64_t problem; /* the problem opened in full (?problem=ID), 0 for none */
} Tree;

/*
** Up to this many measures the tree holds every row, collapsed or not, and 全部展开 opens them in
** place; above it (a city's 10,000), a collapsed problem holds a link instead of its rows, an
** open one its first TREE_ROWS_EACH rows, and the problem opened with ?problem=ID up to
** TREE_ROWS_PROBLEM: the page costs the problems it shows, not the ledger.
*/
#define TREE_INLINE_MAX 400
#define TREE_ROWS_EACH 10
#define TREE_ROWS_PROBLEM 300

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The ids of measures of in matching q->text within the user's scope, sorted; -1 on error. */
static int text_matches(Request *r, int64_t inspection_id, const char *text, int64_t **ids,
                        int *n)
{
    MeasureFilter f = MEASURE_FILTER_ALL;
    f.inspection_id = inspection_id;
    f.text = text;
    *ids = NULL;
    *n = 0;
    if (!access_scope(&r->user, &f))
        return 0;
    Measure *ms;
    int nm;
    if (measure_store_load(r->db, &r->arena, &f, 0, &ms, &nm, &r->err) < 0)
        return -1;
    int64_t *out = ARENA_ARRAY(&r->arena, int64_t, nm + 1);
    for (int i = 0; i < nm; i++)
        out[i] = ms[i].id;
    qsort(out, (size_t)nm, sizeof *out, cmp_id);
    *ids = out;
    *n = nm;
    return 0;
}

static bool has_id(const int64_t *ids, int n, int64_t id)
{
    for (int i = 0; i < n; i++)
        if (ids[i] == id)
            return true;
    return false;
}

/* True when measure m with light passes q's filters (search hits in hits when q->text). */
static bool passes(const ListingQuery *q, const Measure *m, Light light, const int64_t *hits,
                   int n_hits)
{
    if (q->unit_id && m->lead_unit_id != q->unit_id &&
        !has_id(m->co_unit_ids, m->n_co_units, q->unit_id))
        return false;
    if (q->leader_id && !has_id(m->leader_ids, m->n_leaders, q->leader_id))
        return false;
    if (q->state >= 0 && m->state != (MeasureState)q->state)
        return false;
    if (q->light >= 0 && light != (Light)q->light)
        return false;
    return !q->text || bsearch(&m->id, hits, (size_t)n_hits, sizeof *hits, cmp_id) != NULL;
}

/* The index of finding id in fs (sorted by id), or -1. */
static int finding_index(const Finding *fs, int nf, int64_t id)
{
    const Finding *f = view_by_id(fs, nf, sizeof *fs, id);
    return f ? (int)(f - fs) : -1;
}

static void measure_row(Tree *t, int i)
{
    Buf *h = &t->r->out;
    const ViewLedger *v = t->v;
    const Measure *m = &v->ledger.measures[i];
    HTML(h, "<tr>");
    view_measure_cells(h, v->stats.lights[i], m);
    view_td(h, "状态");
    view_state(h, m->state);
    HTML(h, "</td>");
    view_cell_text(h, "牵头单位", m->lead_unit_id ? view_name(v->units, v->n_units, m->lead_unit_id) : "—");
    view_td(h, "责任领导");
    view_names(h, v->persons, v->n_persons, m->leader_ids, m->n_leaders);
    HTML(h, "</td>");
    view_td(h, "整改时限");
    html_day(t->r, h, m->deadline);
    if (m->long_term)
        HTML(h, " 并长期坚持");
    HTML(h, "</td></tr>");
}

/* The link that opens problem id in full (its first `shown` of n rows are on the page). */
static void problem_link(Tree *t, int64_t id, int shown, int n)
{
    Buf *h = &t->r->out;
    HTML(h, "<p class=\"more-rows\"><a href=\"/inspections/");
    html_int(h, t->v->ledger.in.id);
    HTML(h, "?");
    view_filter_query(h, t->q);
    HTML(h, "&amp;problem=");
    html_int(h, id);
    HTML(h, "#finding-");
    html_int(h, id);
    HTML(h, "\">");
    if (shown) {
        HTML(h, "查看本问题全部 ");
        html_int(h, n);
        HTML(h, " 项措施");
    } else {
        HTML(h, "展开本问题的 ");
        html_int(h, n);
        HTML(h, " 项措施");
    }
    HTML(h, "</a>");
    if (n > TREE_ROWS_PROBLEM && id == t->problem) {
        HTML(h, "（仅显示前 ");
        html_int(h, TREE_ROWS_PROBLEM);
        HTML(h, " 项，请用上方筛选缩小范围）");
    }
    HTML(h, "</p>");
}

/* Finding fi, its measures (in t->order's order) and its children, recursively. */
static void render_finding(Tree *t, int fi, int depth)
{
    Buf *h = &t->r->out;
    const ViewLedger *v = t->v;
    const Finding *f = &v->ledger.findings[fi];
    /* Problems start collapsed (300 measures are too many for one page) unless the list is
       filtered or the reader asked for everything open; aspects and items stay open. */
    bool open = t->all_open || f->level == LEVEL_ASPECT || f->level == LEVEL_ITEM ||
                f->id == t->problem;
    if (open)
        HTML(h, "<details open");
    else
        HTML(h, "<details");
    if (t->lazy) { /* the anchor of problem_link's links */
        HTML(h, " id=\"finding-");
        html_int(h, f->id);
        HTML(h, "\"");
    }
    HTML(h, " class=\"finding level-");
    buf_puts(h, model_level_name(f->level));
    HTML(h, "\"><summary>");
    html_text(h, f->label);
    html_text(h, f->title);
    ProblemStatus st = v->stats.status[fi];
    HTML(h, " <span class=\"status status-");
    buf_puts(h, model_status_name(st));
    HTML(h, "\">");
    buf_puts(h, model_status_label(st));
    HTML(h, "</span>");
    int rows = 0, n_rows = 0;
    for (int k = 0; k < t->n_order; k++)
        n_rows += v->ledger.measures[t->order[k]].finding_id == f->id;
    if (n_rows) {
        HTML(h, " <span class=\"count-note\">");
        html_int(h, n_rows);
        HTML(h, " 项措施</span>");
    }
    HTML(h, "</summary>");
    /* Lazy: a collapsed problem links to its rows, an open one shows the first few of them. */
    int max_rows = !t->lazy            ? n_rows
                   : f->id == t->problem ? TREE_ROWS_PROBLEM
                   : open              ? TREE_ROWS_EACH
                                       : 0;
    for (int k = 0; k < t->n_order && rows < max_rows; k++) {
        int i = t->order[k];
        if (v->ledger.measures[i].finding_id != f->id)
            continue;
        if (!rows++)
            HTML(h, "<table class=\"responsive measures\"><thead><tr><th>亮灯</th>"
                    "<th>整改措施</th><th>状态</th><th>牵头单位</th><th>责任领导</th>"
                    "<th>整改时限</th></tr></thead><tbody>");
        measure_row(t, i);
    }
    if (rows)
        HTML(h, "</tbody></table>");
    if (rows < n_rows)
        problem_link(t, f->id, rows, n_rows);
    if (depth < 8)
        for (int c = fi + 1; c < v->ledger.n_findings; c++)
            if (v->ledger.findings[c].parent_id == f->id && t->shown[c])
                render_finding(t, c, depth + 1);
    HTML(h, "</details>");
}

typedef struct SortItem {
    ListingKey key; /* the measure's key */
    int index;      /* into the ledger's measures */
} SortItem;

static int cmp_item(const void *a, const void *b)
{
    return listing_key_cmp(&((const SortItem *)a)->key, &((const SortItem *)b)->key);
}

/*
** The measures of t that pass its filters (and the text search's hits), sorted into t->order,
** and the findings shown above them (all of them when nothing is filtered).
*/
static void tree_select(Tree *t, const int64_t *hits, int n_hits)
{
    const ViewLedger *v = t->v;
    const Ledger *l = &v->ledger;
    const ListingQuery *q = t->q;
    t->keep = ARENA_ARRAY(&t->r->arena, bool, l->n_measures + 1);
    t->shown = ARENA_ARRAY(&t->r->arena, bool, l->n_findings + 1);
    SortItem *items = ARENA_ARRAY(&t->r->arena, SortItem, l->n_measures + 1);
    bool filtered =
        q->unit_id || q->leader_id || q->state >= 0 || q->light >= 0 || q->text || v->scope_unit;
    for (int i = 0; i < l->n_measures; i++) {
        const Measure *m = &l->measures[i];
        if (!passes(q, m, v->stats.lights[i], hits, n_hits))
            continue;
        items[t->n_order++] = (SortItem){listing_key(q->sort, m, v->stats.lights[i]), i};
        for (int fi = finding_index(l->findings, l->n_findings, m->finding_id), guard = 0;
             fi >= 0 && !t->shown[fi] && guard < 8; guard++) {
            t->shown[fi] = true;
            fi = finding_index(l->findings, l->n_findings, l->findings[fi].parent_id);
        }
    }
    if (!filtered)
        for (int fi = 0; fi < l->n_findings; fi++)
            t->shown[fi] = true;
    const char *open = request_query(t->r, "open");
    t->all_open = filtered || (open && strcmp(open, "1") == 0);
    qsort(items, (size_t)t->n_order, sizeof *items, cmp_item);
    t->order = ARENA_ARRAY(&t->r->arena, int, t->n_order + 1);
    for (int k = 0; k < t->n_order; k++)
        t->order[k] = items[k].index;
}

/*
** One tree tool, a button labelled label: it opens or closes every problem in place (details:
** "open", "close") when every row is on the page, else reloads the page with query.
*/
static void tree_tool(const Tree *t, const char *details, const char *query, const char *label)
{
    Buf *h = &t->r->out;
    HTML(h, "<a class=\"button\"");
    if (!t->lazy)
        HTML_TEXT(h, " data-details=\"", details, "\"");
    HTML_INT(h, " href=\"/inspections/", t->v->ledger.in.id, "");
    HTML_TEXT(h, "", query, "\">");
    HTML_TEXT(h, "", label, "</a>");
}

/* 全部展开 and 全部收起: in place when every row is on the page, else a reload. */
static void tree_tools(const Tree *t)
{
    Buf *h = &t->r->out;
    if (t->lazy) {
        HTML(h, "<p class=\"hint\">措施较多：问题默认收起，展开全部时每个问题先显示 ");
        html_int(h, TREE_ROWS_EACH);
        HTML(h, " 项措施。</p>");
    }
    /* The reload that opens shows (a few rows of) each problem. */
    HTML(h, "<p class=\"tree-tools\">");
    tree_tool(t, "open", "?open=1", "全部展开");
    tree_tool(t, "close", "", "全部收起");
    HTML(h, "</p>");
}

void page_inspection(Request *r)
{
    Inspection in;
    if (!access_inspection_or_reply(r, r->path_id, &in))
        return;
    ListingQuery q;
    if (listing_parse(r, &q) < 0)
        return;
    const char *sort = request_query(r, "sort");
    if (!sort || !*sort)
        q.sort = LISTING_SORT_LEDGER;
    q.inspection_id = in.id;
    const ViewLedger *v = view_ledger(r, &in);
    if (!v)
        return;
    int64_t *hits = NULL;
    int n_hits = 0;
    if (q.text && text_matches(r, in.id, q.text, &hits, &n_hits) < 0) {
        route_fail_err(r, &r->err);
        return;
    }

    const Ledger *l = &v->ledger;
    Tree t = {r, v, &q, NULL, NULL, NULL, 0, false, false, 0};
    if (request_query_id(r, "problem", &t.problem) < 0) {
        route_fail(r, 400, "bad_request", "problem must be a positive id");
        return;
    }
    tree_select(&t, hits, n_hits);
    t.lazy = t.n_order > TREE_INLINE_MAX;

    Buf *h = &r->out;
    page_begin(r, l->in.title, NAV_INSPECTIONS);
    HTML(h, "<h1>");
    html_text(h, l->in.title);
    HTML(h, "</h1><p class=\"subtitle\">");
    html_text(h, l->in.group_name);
    HTML(h, " · 反馈日期 ");
    html_day(r, h, l->in.feedback_on);
    HTML(h, " · <a href=\"/dashboard?inspection=");
    html_int(h, l->in.id);
    HTML(h, "\">工作台</a>");
    if (access_edit(&r->user, &l->in)) { /* the office keeps the plan (page_edit_inspection.c) */
        HTML(h, " · <span class=\"tag plan-");
        buf_puts(h, vocab_name(VOCAB_PLAN_STATE, l->in.plan_state));
        HTML(h, "\">");
        html_text(h, vocab_label(VOCAB_PLAN_STATE, l->in.plan_state));
        HTML(h, "</span> <a href=\"/inspections/");
        html_int(h, l->in.id);
        HTML(h, "/edit\">编辑整改方案</a>");
    }
    HTML(h, "</p>");
    view_filter_form(r, &q, v, NULL, 0);
    HTML(h, "<p class=\"summary\">显示 <strong>");
    html_int(h, t.n_order);
    HTML(h, "</strong> 项整改措施（共 ");
    html_int(h, l->n_measures);
    HTML(h, " 项）</p>");
    tree_tools(&t);
    HTML(h, "<section class=\"tree\">");
    int roots = 0;
    for (int fi = 0; fi < l->n_findings; fi++)
        if (!l->findings[fi].parent_id && t.shown[fi]) {
            render_finding(&t, fi, 0);
            roots++;
        }
    if (!roots)
        HTML(h, "<p class=\"empty\">没有符合条件的整改措施。</p>");
    HTML(h, "</section>");
    page_end(r);
}
