/*
** dispatch.c: the weekly dispatch sheet (调度表) for a date (SPEC §7.3): the overall counts,
** then per lead unit and per leader their measures, closures, red and yellow lights, overdue
** items, missing progress reports and what falls due next week; then the lists behind those
** counts — red items, yellow items, missing reports, due next week. Laggards come first.
*/
#include "report.h"

#include "report/doc.h"

/* Next week: the Monday to Sunday after as_of's week. */
static void next_week(Day as_of, Day *from, Day *to)
{
    *from = as_of + (8 - date_weekday(as_of));
    *to = *from + 6;
}

static bool is_done(const Measure *m)
{
    return m->state == STATE_CLOSED || m->state == STATE_PHASE_COMPLETE;
}

/* One unit's or leader's line: the Rate of ledger_stats and what this sheet adds. */
typedef struct Line {
    const Rate *rate;  /* measures, closed, red, yellow, overdue, reporting */
    int missing;       /* measures without this cycle's report after its due day */
    int due_next_week; /* open measures due next week */
} Line;

static int cmp_line(const void *a, const void *b)
{
    const Line *x = a, *y = b;
    if (x->rate->red != y->rate->red)
        return y->rate->red - x->rate->red;
    if (x->rate->overdue != y->rate->overdue)
        return y->rate->overdue - x->rate->overdue;
    if (x->rate->yellow != y->rate->yellow)
        return y->rate->yellow - x->rate->yellow;
    return (x->rate->id > y->rate->id) - (x->rate->id < y->rate->id);
}

static Line *line_of(Line *v, int n, int64_t id)
{
    for (int i = 0; i < n; i++)
        if (v[i].rate->id == id)
            return &v[i];
    return NULL;
}

static void rate_table(const ReportData *d, ReportDoc *doc, const char *name, bool leaders,
                       Day from, Day to)
{
    const Rate *rates = leaders ? d->st.leaders : d->st.units;
    int n = leaders ? d->st.n_leaders : d->st.n_units;
    Line *v = ARENA_ARRAY(doc->arena, Line, (size_t)n + 1);
    for (int i = 0; i < n; i++)
        v[i].rate = &rates[i];
    for (int k = 0; k < d->l.n_measures; k++) {
        const Measure *m = &d->l.measures[k];
        bool missing = (d->st.why[k] & WHY_NO_REPORT) != 0;
        bool due =
            !is_done(m) && m->deadline != DAY_NONE && m->deadline >= from && m->deadline <= to;
        if (!missing && !due)
            continue;
        int n_ids = leaders ? m->n_leaders : 1;
        for (int i = 0; i < n_ids; i++) {
            Line *l = line_of(v, n, leaders ? m->leader_ids[i] : m->lead_unit_id);
            if (!l)
                continue;
            l->missing += missing;
            l->due_next_week += due;
        }
    }
    qsort(v, (size_t)n, sizeof *v, cmp_line);
    const char *head[] = {"序号",      leaders ? "责任领导" : "牵头单位",
                          "措施",      "已销号",
                          "红灯",      "黄灯",
                          "逾期",      "未按期报送",
                          "下周到期",  "销号率",
                          "按期报送率"};
    static const double widths[] = {6, 18, 7, 8, 7, 7, 7, 11, 9, 9, 11};
    DocTable *t = doc_table(doc, name, (int)ARRAY_SIZE(head), head);
    t->light_col = 1;
    t->widths = widths;
    for (int i = 0; i < n; i++) {
        const Rate *r = v[i].rate;
        char no[12], total[12], closed[12], red[12], yellow[12], overdue[12], missing[12], due[12],
            done_rate[16], on_time[16];
        snprintf(no, sizeof no, "%d", i + 1);
        snprintf(total, sizeof total, "%d", r->total);
        snprintf(closed, sizeof closed, "%d", r->closed);
        snprintf(red, sizeof red, "%d", r->red);
        snprintf(yellow, sizeof yellow, "%d", r->yellow);
        snprintf(overdue, sizeof overdue, "%d", r->overdue);
        snprintf(missing, sizeof missing, "%d", v[i].missing);
        snprintf(due, sizeof due, "%d", v[i].due_next_week);
        snprintf(done_rate, sizeof done_rate, "%.1f%%", ledger_rate(r->closed, r->total));
        snprintf(on_time, sizeof on_time, "%.1f%%",
                 ledger_rate(r->on_time_reports, r->expected_reports));
        const char *who = leaders ? report_person_name(d, r->id) : report_unit_name(d, r->id);
        const char *cells[] = {no,      who,     total, closed,    red,    yellow,
                               overdue, missing, due,   done_rate, on_time};
        Light worst = r->red ? LIGHT_RED : r->yellow ? LIGHT_YELLOW : LIGHT_GREEN;
        doc_row(doc, t, cells, worst, -1);
    }
}

/* The measures chosen by keep(), one row each, with the columns of a measure list. */
typedef bool (*KeepFn)(const ReportData *d, int k, Day from, Day to);

static void measure_table(const ReportData *d, ReportDoc *doc, const char *name, KeepFn keep,
                          Day from, Day to)
{
    static const char *const head[] = {"序号",     "整改措施", "反馈问题", "牵头单位", "责任领导",
                                       "整改时限", "当前状态", "亮灯",     "情况说明", "最近报送"};
    static const double widths[] = {6, 30, 22, 14, 12, 14, 11, 7, 20, 11};
    DocTable *t = doc_table(doc, name, (int)ARRAY_SIZE(head), head);
    static const unsigned char kinds[ARRAY_SIZE(head)] = {[5] = DOC_CELL_DEADLINE,
                                                          [9] = DOC_CELL_DATE};
    t->light_col = 7;
    t->widths = widths;
    t->col_kinds = kinds;
    Buf leaders = BUF_INIT, deadline = BUF_INIT, why = BUF_INIT, title = BUF_INIT, last = BUF_INIT;
    int n = 0;
    for (int k = 0; k < d->l.n_measures; k++) {
        if (!keep(d, k, from, to))
            continue;
        const Measure *m = &d->l.measures[k];
        buf_reset(&leaders);
        buf_reset(&deadline);
        buf_reset(&why);
        buf_reset(&title);
        buf_reset(&last);
        for (int i = 0; i < m->n_leaders; i++)
            buf_printf(&leaders, "%s%s", i ? "、" : "", report_person_name(d, m->leader_ids[i]));
        report_deadline_text(&deadline, m);
        report_why_text(&why, d, k);
        report_oneline(&title, m->title);
        char no[12];
        snprintf(no, sizeof no, "%d", ++n);
        doc_date_cn(&last, m->n_reports ? m->report_days[m->n_reports - 1] : DAY_NONE);
        int fi = d->finding_of[k];
        const char *cells[] = {no,
                               title.data,
                               fi >= 0 ? d->l.findings[fi].title : "",
                               report_unit_name(d, m->lead_unit_id),
                               leaders.data,
                               deadline.data,
                               model_state_label(m->state),
                               ledger_light_label(d->st.lights[k]),
                               why.data,
                               last.data};
        doc_row(doc, t, cells, d->st.lights[k], -1);
    }
    buf_free(&leaders);
    buf_free(&deadline);
    buf_free(&why);
    buf_free(&title);
    buf_free(&last);
}

static bool keep_red(const ReportData *d, int k, Day from, Day to)
{
    (void)from, (void)to;
    return d->st.lights[k] == LIGHT_RED;
}

static bool keep_yellow(const ReportData *d, int k, Day from, Day to)
{
    (void)from, (void)to;
    return d->st.lights[k] == LIGHT_YELLOW;
}

static bool keep_missing(const ReportData *d, int k, Day from, Day to)
{
    (void)from, (void)to;
    return (d->st.why[k] & WHY_NO_REPORT) != 0;
}

static bool keep_due(const ReportData *d, int k, Day from, Day to)
{
    const Measure *m = &d->l.measures[k];
    return !is_done(m) && m->deadline != DAY_NONE && m->deadline >= from && m->deadline <= to;
}

static int count(const ReportData *d, KeepFn keep, Day from, Day to)
{
    int n = 0;
    for (int k = 0; k < d->l.n_measures; k++)
        n += keep(d, k, from, to);
    return n;
}

void report_dispatch(const ReportData *d, ReportDoc *doc)
{
    const Inspection *in = &d->l.in;
    const Stats *st = &d->st;
    Day from, to;
    next_week(d->as_of, &from, &to);
    Buf b = BUF_INIT;
    report_doc_name(&b, in, "整改工作调度表");
    doc->title = arena_strndup(doc->arena, b.data, b.len);
    doc->author = arena_strdup(doc->arena, in->signer ? in->signer : "");
    doc_add_buf(doc, BLOCK_TITLE, &b);
    buf_reset(&b);
    buf_puts(&b, "（截至");
    doc_date_cn(&b, d->as_of);
    buf_puts(&b, "）");
    doc_add_buf(doc, BLOCK_SUBTITLE, &b);

    int missing = count(d, keep_missing, from, to), due = count(d, keep_due, from, to);
    buf_reset(&b);
    int done = st->by_state[STATE_CLOSED] + st->by_state[STATE_PHASE_COMPLETE];
    buf_printf(&b, "共有整改措施%d项，已销号%d项、长期坚持事项阶段性销号%d项，正在推进%d项。",
               st->n_measures, st->by_state[STATE_CLOSED], st->by_state[STATE_PHASE_COMPLETE],
               st->n_measures - done);
    buf_printf(&b, "按亮灯情况（不含已销号事项），红灯%d项、黄灯%d项、绿灯%d项，",
               st->by_light[LIGHT_RED], st->by_light[LIGHT_YELLOW], st->by_light[LIGHT_GREEN]);
    buf_printf(&b, "其中逾期未完成%d项；本期未按时报送进展%d项；下周（", st->n_overdue, missing);
    doc_period_cn(&b, from, to);
    buf_printf(&b, "）到期%d项。按期报送率%.1f%%。", due,
               ledger_rate(st->on_time_reports, st->expected_reports));
    doc_add_buf(doc, BLOCK_PARA, &b);
    buf_free(&b);

    doc_add(doc, BLOCK_H1, "一、各牵头单位整改情况");
    rate_table(d, doc, "牵头单位", false, from, to);
    doc_add(doc, BLOCK_H1, "二、各责任领导整改情况");
    rate_table(d, doc, "责任领导", true, from, to);
    static const struct {
        const char *heading, *name;
        KeepFn keep;
    } lists[] = {
        {"三、红灯事项", "红灯事项", keep_red},
        {"四、黄灯事项", "黄灯事项", keep_yellow},
        {"五、未按时报送进展事项", "未按时报送", keep_missing},
        {"六、下周到期事项", "下周到期", keep_due},
    };
    for (size_t i = 0; i < ARRAY_SIZE(lists); i++) {
        doc_add(doc, BLOCK_H1, lists[i].heading);
        measure_table(d, doc, lists[i].name, lists[i].keep, from, to);
    }
}
