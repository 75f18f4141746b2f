/*
** page_tree.c: one inspection's tree (/inspections/N): aspects → items → problems (with their
** status) → measures (light, state, owners, deadline), narrowed by the filters of the measure
** list (unit, leader, state, light, full-text q) and sorted within each problem. Filters and a
** unit user's scope hide the branches left without measures. The measures that pass come from
** SQL as (id, finding, status) rows (measure_store_tree), the rows shown by id through the
** list's row cache, and the markup from the form down is kept per thread.
*/
#include "db/finding_store.h"
#include "db/measure_store.h"
#include "ledger/status.h"
#include "web/access.h"
#include "web/dash.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/listcache.h"
#include "web/listing.h"
#include "web/routes.h"
#include "web/view.h"

/* What the tree shows of one inspection. */
typedef struct Tree {
    Request *r;
    const Inspection *in;
    const ListingQuery *q;
    Finding *fs; /* every finding of the inspection, by id */
    int nf;
    ProblemStatus *status; /* per finding, over the reader's scope */
    int *n_rows;           /* per finding: its own measures that pass the filters */
    bool *shown;           /* per finding: has a kept measure below it, or nothing is filtered */
    MeasureTreeRow *sel;   /* the measures that pass the filters, in the sort's order */
    int n_sel;
    Measure *rows; /* the rows on the page, by measure id */
    Light *lights; /* parallel to rows */
    int n_page;
    IdNames names;   /* the lead units and leaders (by name and post) of those rows */
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

/* The index of finding id in fs (sorted by id), or -1. */
static int finding_index(const Finding *fs, int nf, int64_t id)
{
    const Finding *f = view_by_id(fs, nf, sizeof *fs, id);
    return f ? (int)(f - fs) : -1;
}

static int cmp_measure_id(const void *a, const void *b)
{
    int64_t x = ((const Measure *)a)->id, y = ((const Measure *)b)->id;
    return (x > y) - (x < y);
}

static int cmp_tree_id(const void *a, const void *b)
{
    int64_t x = ((const MeasureTreeRow *)a)->id, y = ((const MeasureTreeRow *)b)->id;
    return (x > y) - (x < y);
}

/* The page's row of measure id, with its light in *light; NULL when it has none. */
static const Measure *row_of(const Tree *t, int64_t id, Light *light)
{
    const Measure *m = view_by_id(t->rows, t->n_page, sizeof *t->rows, id);
    if (m)
        *light = t->lights[m - t->rows];
    return m;
}

static void measure_row(Tree *t, const Measure *m, Light light)
{
    Buf *h = &t->r->out;
    const IdNames *nm = &t->names;
    HTML(h, "<tr>");
    view_measure_cells(h, light, m);
    view_td(h, "状态");
    view_state(h, m->state);
    HTML(h, "</td>");
    view_cell_text(h, "牵头单位",
                   m->lead_unit_id ? view_name(nm->units, nm->n_units, m->lead_unit_id) : "—");
    view_td(h, "责任领导");
    view_names(h, nm->persons, nm->n_persons, m->leader_ids, m->n_leaders);
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
    html_int(h, t->in->id);
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

/* True when finding f starts open: problems start collapsed unless the list is filtered, the
   reader asked for everything open or for this problem; aspects and items stay open. */
static bool finding_open(const Tree *t, const Finding *f)
{
    return t->all_open || f->level == LEVEL_ASPECT || f->level == LEVEL_ITEM || f->id == t->problem;
}

/* How many of finding f's rows the page shows (lazy: a few of an open problem, none of a
   collapsed one, TREE_ROWS_PROBLEM of the one asked for). */
static int rows_shown(const Tree *t, const Finding *f, int n_rows)
{
    int max = !t->lazy              ? n_rows
              : f->id == t->problem ? TREE_ROWS_PROBLEM
              : finding_open(t, f)  ? TREE_ROWS_EACH
                                    : 0;
    return max < n_rows ? max : n_rows;
}

/* Finding fi, its measures (in the sort's order) and its children, recursively. */
static void render_finding(Tree *t, int fi, int depth)
{
    Buf *h = &t->r->out;
    const Finding *f = &t->fs[fi];
    if (finding_open(t, f))
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
    ProblemStatus st = t->status[fi];
    HTML(h, " <span class=\"status status-");
    buf_puts(h, model_status_name(st));
    HTML(h, "\">");
    buf_puts(h, model_status_label(st));
    HTML(h, "</span>");
    int n_rows = t->n_rows[fi];
    if (n_rows) {
        HTML(h, " <span class=\"count-note\">");
        html_int(h, n_rows);
        HTML(h, " 项措施</span>");
    }
    HTML(h, "</summary>");
    int rows = 0, max_rows = rows_shown(t, f, n_rows);
    for (int k = 0; k < t->n_sel && rows < max_rows; k++) {
        Light light;
        const Measure *m;
        if (t->sel[k].finding_id != f->id || !(m = row_of(t, t->sel[k].id, &light)))
            continue;
        if (!rows++)
            HTML(h, "<table class=\"responsive measures\"><thead><tr><th>亮灯</th>"
                    "<th>整改措施</th><th>状态</th><th>牵头单位</th><th>责任领导</th>"
                    "<th>整改时限</th></tr></thead><tbody>");
        measure_row(t, m, light);
    }
    if (rows)
        HTML(h, "</tbody></table>");
    if (rows < n_rows)
        problem_link(t, f->id, rows, n_rows);
    if (depth < 8)
        for (int c = fi + 1; c < t->nf; c++)
            if (t->fs[c].parent_id == f->id && t->shown[c])
                render_finding(t, c, depth + 1);
    HTML(h, "</details>");
}

/* The lights in the order of the light sort: red, yellow, green, closed (listing.c's). */
static const Light rank_light[] = {LIGHT_RED, LIGHT_YELLOW, LIGHT_GREEN, LIGHT_CLOSED};

/*
** The measures f selects in ledger order: those the dashboard's figures keep when f selects
** their scope (brought up to date after a write, dash.h), else one read of the ledger's index.
*/
static int tree_rows_of(Request *r, const Inspection *in, const MeasureFilter *f,
                        const MeasureLightDay *day, MeasureTreeRow **out, int *n)
{
    if (dash_scope_is(r, in, f)) {
        const DashMeasures *m = dash_measures_of(r, in);
        if (!m)
            return -1;
        dash_measures_tree(m, &r->arena, out, n);
        return 0;
    }
    return measure_store_tree(r->db, &r->arena, f, -1, day, MEASURE_ORDER_LEDGER, out, n, &r->err);
}

/*
** The measures of filter f that pass q's light, in q's order, into t->sel: one read of the
** order's index (sorted by light: one per light, by deadline).
*/
static int tree_scan(Tree *t, const MeasureFilter *f, const MeasureLightDay *day)
{
    Request *r = t->r;
    const ListingQuery *q = t->q;
    if (q->sort == LISTING_SORT_LEDGER && q->light < 0)
        return tree_rows_of(r, t->in, f, day, &t->sel, &t->n_sel);
    if (q->sort != LISTING_SORT_LIGHT) {
        static const MeasureOrder order[LISTING_SORT__COUNT] = {
            [LISTING_SORT_DEADLINE] = MEASURE_ORDER_DEADLINE,
            [LISTING_SORT_LEDGER] = MEASURE_ORDER_LEDGER,
            [LISTING_SORT_STATE] = MEASURE_ORDER_STATE,
            [LISTING_SORT_UNIT] = MEASURE_ORDER_UNIT};
        return measure_store_tree(r->db, &r->arena, f, q->light, day, order[q->sort], &t->sel,
                                  &t->n_sel, &r->err);
    }
    MeasureTreeRow *parts[ARRAY_SIZE(rank_light)];
    int n_parts[ARRAY_SIZE(rank_light)] = {0}, total = 0;
    for (size_t k = 0; k < ARRAY_SIZE(rank_light); k++) {
        if (q->light >= 0 && q->light != (int)rank_light[k])
            continue;
        if (measure_store_tree(r->db, &r->arena, f, (int)rank_light[k], day, MEASURE_ORDER_DEADLINE,
                               &parts[k], &n_parts[k], &r->err) < 0)
            return -1;
        total += n_parts[k];
    }
    t->sel = ARENA_ARRAY(&r->arena, MeasureTreeRow, total + 1);
    for (size_t k = 0; k < ARRAY_SIZE(rank_light); k++) {
        memcpy(t->sel + t->n_sel, parts[k], sizeof *t->sel * (size_t)n_parts[k]);
        t->n_sel += n_parts[k];
    }
    return 0;
}

/*
** The statuses of t's findings from all[0..n), the reader's measures (unfiltered): each
** problem's own from its measures' states, combined up the tree by ledger/status.c.
*/
static void tree_status(Tree *t, const MeasureTreeRow *all, int n)
{
    Request *r = t->r;
    int *own = ARENA_ARRAY(&r->arena, int, t->nf + 1);
    for (int i = 0; i < t->nf; i++)
        own[i] = -1;
    for (int k = 0; k < n; k++) {
        int fi = finding_index(t->fs, t->nf, all[k].finding_id);
        if (fi >= 0 && all[k].status > own[fi])
            own[fi] = all[k].status; /* the weakest: ProblemStatus grows weaker */
    }
    t->status = ARENA_ARRAY(&r->arena, ProblemStatus, t->nf + 1);
    ledger_tree_status_of(t->fs, t->nf, own, &r->arena, t->status);
}

/*
** Each finding's count of selected measures, the findings shown above them (all of them when
** nothing is filtered), and the rows the page shows, read by id with their owners, names and
** lights.
*/
static int tree_rows(Tree *t, bool filtered)
{
    Request *r = t->r;
    t->n_rows = ARENA_ARRAY(&r->arena, int, t->nf + 1);
    t->shown = ARENA_ARRAY(&r->arena, bool, t->nf + 1);
    int *fi_of = ARENA_ARRAY(&r->arena, int, t->n_sel + 1);
    for (int k = 0; k < t->n_sel; k++) {
        int fi = fi_of[k] = finding_index(t->fs, t->nf, t->sel[k].finding_id);
        if (fi < 0)
            continue;
        t->n_rows[fi]++;
        for (int guard = 0; fi >= 0 && !t->shown[fi] && guard < 8; guard++) {
            t->shown[fi] = true;
            fi = finding_index(t->fs, t->nf, t->fs[fi].parent_id);
        }
    }
    if (!filtered)
        for (int fi = 0; fi < t->nf; fi++)
            t->shown[fi] = true;
    t->lazy = t->n_sel > TREE_INLINE_MAX;

    /* The rows on the page: the first rows_shown of each finding, in the sort's order. */
    int *taken = ARENA_ARRAY(&r->arena, int, t->nf + 1);
    int64_t *ids = ARENA_ARRAY(&r->arena, int64_t, t->n_sel + 1);
    int n_ids = 0;
    for (int k = 0; k < t->n_sel; k++) {
        int fi = fi_of[k];
        if (fi >= 0 && taken[fi] < rows_shown(t, &t->fs[fi], t->n_rows[fi])) {
            taken[fi]++;
            ids[n_ids++] = t->sel[k].id;
        }
    }
    Measure *ms;
    if (listcache_rows(r, ids, n_ids, &ms, &t->n_page) < 0)
        return -1;
    qsort(ms, (size_t)t->n_page, sizeof *ms, cmp_measure_id);
    Measure **page = ARENA_ARRAY(&r->arena, Measure *, t->n_page + 1);
    int64_t *units = ARENA_ARRAY(&r->arena, int64_t, t->n_page + 1);
    for (int i = 0; i < t->n_page; i++) {
        page[i] = &ms[i];
        units[i] = ms[i].lead_unit_id;
    }
    /* A row carries its latest report day, which answers the light of the request's day
       unless it comes after it (a light for a past day): then the recent days are read. */
    bool later = false;
    for (int i = 0; i < t->n_page; i++)
        later |= ms[i].n_reports > 0 && ms[i].report_days[0] > r->today;
    if ((later ? view_store_parts(r->db, &r->arena, page, t->n_page, r->today - LISTING_REPORT_DAYS,
                                  &r->err)
               : listcache_owners(r, page, t->n_page)) < 0)
        return -1;
    int n_leaders = 0;
    for (int i = 0; i < t->n_page; i++)
        n_leaders += ms[i].n_leaders;
    int64_t *leaders = ARENA_ARRAY(&r->arena, int64_t, n_leaders + 1);
    n_leaders = 0;
    for (int i = 0; i < t->n_page; i++)
        for (int j = 0; j < ms[i].n_leaders; j++)
            leaders[n_leaders++] = ms[i].leader_ids[j];
    if (view_store_names(r->db, &r->arena, VIEW_UNITS, units, t->n_page, &t->names.units,
                         &t->names.n_units, &r->err) < 0 ||
        view_store_names(r->db, &r->arena, VIEW_PERSON_POSTS, leaders, n_leaders, &t->names.persons,
                         &t->names.n_persons, &r->err) < 0)
        return -1;
    LightRules rules = ledger_rules(t->in);
    t->lights = ARENA_ARRAY(&r->arena, Light, t->n_page + 1);
    for (int i = 0; i < t->n_page; i++)
        t->lights[i] = ledger_light(&ms[i], &rules, r->today, NULL);
    t->rows = ms;
    return 0;
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
    HTML_INT(h, " href=\"/inspections/", t->in->id, "");
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

/* The parties of rates v[0..n) as choices (same ids, by id; their names). */
static IdName *choices_of(Arena *a, const DashRate *v, int n)
{
    IdName *c = ARENA_ARRAY(a, IdName, n + 1);
    for (int i = 0; i < n; i++)
        c[i] = (IdName){.id = v[i].rate.id, .name = v[i].name};
    return c;
}

/*
** The units and leaders of scope's measures, by name (leaders with their posts), for the form:
** the lead units and leaders of the dashboard's figures when they are of the same measures (kept
** per worker and brought up to date after a write, dash.h), else two distinct reads.
*/
static int tree_choices(Request *r, const Inspection *in, const MeasureFilter *scope,
                        ViewChoices *c)
{
    if (dash_scope_is(r, in, scope)) {
        const DashFigures *f = dash_figures_of(r, in);
        if (!f)
            return -1;
        c->units = choices_of(&r->arena, f->unit_rates, f->n_units);
        c->n_units = f->n_units;
        c->leaders = choices_of(&r->arena, f->leader_rates, f->n_leaders);
        c->n_leaders = f->n_leaders;
        return 0;
    }
    int64_t *units, *leaders;
    int nu, nl;
    IdName *un, *ln;
    if (measure_store_parties(r->db, &r->arena, scope, false, &units, &nu, &r->err) < 0 ||
        measure_store_parties(r->db, &r->arena, scope, true, &leaders, &nl, &r->err) < 0 ||
        view_store_names(r->db, &r->arena, VIEW_UNITS, units, nu, &un, &c->n_units, &r->err) < 0 ||
        view_store_names(r->db, &r->arena, VIEW_PERSON_POSTS, leaders, nl, &ln, &c->n_leaders,
                         &r->err) < 0)
        return -1;
    c->units = un;
    c->leaders = ln;
    return 0;
}

/*
** Read what the tree of t->in shows for q: its findings, their statuses over the reader's scope,
** the measures that pass q's filters (ids and findings, in q's order) and the rows the page
** shows; the form's choices into c and the reader's count of measures into *total. Every read
** is an index range of the inspection or a read by id: no measure's text but the page's rows.
*/
static int tree_read(Tree *t, ViewChoices *c, int64_t *total)
{
    Request *r = t->r;
    const ListingQuery *q = t->q;
    MeasureFilter scope = MEASURE_FILTER_ALL, f;
    scope.inspection_id = t->in->id;
    MeasureLightDay day;
    ledger_light_day(r->today, &day);
    *total = 0;
    if (finding_store_list(r->db, &r->arena, t->in->id, &t->fs, &t->nf, &r->err) < 0)
        return -1;
    if (!access_scope(&r->user, &scope)) { /* nothing of it is the reader's: an empty tree */
        memset(c, 0, sizeof *c);
        t->status = ARENA_ARRAY(&r->arena, ProblemStatus, t->nf + 1);
        return tree_rows(t, true);
    }
    /* A unit's reader narrowing to another unit, which the list refuses: the tree shows the
       measures the two share, its own that the other leads or helps with. */
    bool shared = listing_filter(r, q, &f) < 0;
    if (shared) {
        f = scope;
        f.unit_id = q->unit_id;
        f.leader_id = q->leader_id;
        f.state = q->state;
        f.text = q->text;
        f.open = q->open;
    }
    bool narrowed =
        q->unit_id || q->leader_id || q->state >= 0 || q->open || q->light >= 0 || q->text;
    bool filtered = narrowed || scope.unit_id;
    const char *open = request_query(r, "open");
    t->all_open = filtered || (open && strcmp(open, "1") == 0);
    if (listcache_count(r, &scope, -1, &day, total) < 0 || tree_choices(r, t->in, &scope, c) < 0 ||
        tree_scan(t, &f, &day) < 0)
        return -1;
    /* The statuses are the reader's measures': those selected, unless the filters narrow them. */
    MeasureTreeRow *scoped = t->sel;
    int n_scoped = t->n_sel;
    if (narrowed && tree_rows_of(r, t->in, &scope, &day, &scoped, &n_scoped) < 0)
        return -1;
    tree_status(t, scoped, n_scoped);
    if (shared) {
        qsort(scoped, (size_t)n_scoped, sizeof *scoped, cmp_tree_id);
        int kept = 0;
        for (int k = 0; k < t->n_sel; k++)
            if (bsearch(&t->sel[k], scoped, (size_t)n_scoped, sizeof *scoped, cmp_tree_id))
                t->sel[kept++] = t->sel[k];
        t->n_sel = kept;
    }
    return tree_rows(t, filtered);
}

#define TREE_CACHE_SLOTS 4

/* One tree as written, from its filter form to the end of its section. */
typedef struct TreeSlot {
    ViewSlot slot; /* key (with the filters as its variant) and use */
    Buf html;      /* the markup */
} TreeSlot;

typedef struct TreeCache {
    TreeSlot slots[TREE_CACHE_SLOTS]; /* a few inspections and filters at once */
    uint64_t tick;                    /* use counter */
} TreeCache;

static void tree_cache_free(void *p)
{
    TreeCache *c = p;
    for (int i = 0; i < TREE_CACHE_SLOTS; i++)
        buf_free(&c->slots[i].html);
    free(c);
}

static ViewThreadKey tree_key = {.destroy = tree_cache_free, .size = sizeof(TreeCache)};

/* What a tree shows besides its inspection, day, scope and data version: q and the request's
   open and problem. */
static const char *tree_variant(Request *r, const ListingQuery *q, int64_t problem)
{
    const char *open = request_query(r, "open");
    return arena_printf(&r->arena, "%lld|%lld|%d|%d|%d|%d|%d|%lld|%s", (long long)q->unit_id,
                        (long long)q->leader_id, q->state, q->open, q->light, (int)q->sort,
                        open && strcmp(open, "1") == 0, (long long)problem, q->text ? q->text : "");
}

/* Write the tree of in for q (its form, summary, tools and findings) into r->out. */
static int tree_write(Request *r, const Inspection *in, const ListingQuery *q, int64_t problem)
{
    Tree t = {.r = r, .in = in, .q = q, .problem = problem};
    ViewChoices choices;
    int64_t total;
    if (tree_read(&t, &choices, &total) < 0)
        return -1;
    Buf *h = &r->out;
    view_filter_form(r, q, &choices, NULL, 0);
    HTML(h, "<p class=\"summary\">显示 <strong>");
    html_int(h, t.n_sel);
    HTML(h, "</strong> 项整改措施（共 ");
    html_int(h, total);
    HTML(h, " 项）</p>");
    tree_tools(&t);
    HTML(h, "<section class=\"tree\">");
    int roots = 0;
    for (int fi = 0; fi < t.nf; fi++)
        if (!t.fs[fi].parent_id && t.shown[fi]) {
            render_finding(&t, fi, 0);
            roots++;
        }
    if (!roots)
        HTML(h, "<p class=\"empty\">没有符合条件的整改措施。</p>");
    HTML(h, "</section>");
    return 0;
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
    int64_t problem;
    if (request_query_id(r, "problem", &problem) < 0) {
        route_fail(r, 400, "bad_request", "problem must be a positive id");
        return;
    }
    TreeCache *c = view_thread_value(&tree_key);
    bool hit;
    TreeSlot *s =
        (TreeSlot *)view_slot_variant(r, &in, tree_variant(r, &q, problem), c->slots,
                                      sizeof c->slots[0], TREE_CACHE_SLOTS, &c->tick, &hit);
    if (!s)
        return;
    Buf *h = &r->out;
    page_begin(r, in.title, NAV_INSPECTIONS);
    HTML(h, "<h1>");
    html_text(h, in.title);
    HTML(h, "</h1><p class=\"subtitle\">");
    html_text(h, in.group_name);
    HTML(h, " · 反馈日期 ");
    html_day(r, h, in.feedback_on);
    HTML(h, " · <a href=\"/dashboard?inspection=");
    html_int(h, in.id);
    HTML(h, "\">工作台</a>");
    if (access_edit(&r->user, &in)) { /* the office keeps the plan (page_edit_inspection.c) */
        HTML(h, " · <span class=\"tag plan-");
        buf_puts(h, vocab_name(VOCAB_PLAN_STATE, in.plan_state));
        HTML(h, "\">");
        html_text(h, vocab_label(VOCAB_PLAN_STATE, in.plan_state));
        HTML(h, "</span> <a href=\"/inspections/");
        html_int(h, in.id);
        HTML(h, "/edit\">编辑整改方案</a>");
    }
    HTML(h, "</p>");
    if (hit) {
        buf_append(h, s->html.data, s->html.len);
    } else {
        size_t from = h->len;
        if (tree_write(r, &in, &q, problem) < 0) {
            route_fail_err(r, &r->err);
            return;
        }
        buf_reset(&s->html);
        buf_append(&s->html, h->data + from, h->len - from);
        s->slot.valid = true;
    }
    page_end(r);
}
