/*
** ledger_table.c: the ledger (台账) as one table in the layout of SPEC §7.2: one row per
** measure, the problem's number, category (its aspect and item, one line each with their
** printed labels) and labelled text in the leading columns (merged over the problem's rows in
** xlsx), owners, deadline (a date cell in xlsx), kind, target, latest accepted progress, its
** percentage (a number in xlsx), state and light. `import ledger` reads this layout back into the same tree (ledger_sheet.c).
*/
#include "report.h"

#include "report/doc.h"

static const char *const head[] = {"序号",     "问题类别", "反馈问题", "整改措施", "责任领导",
                                   "牵头单位", "责任单位", "整改时限", "整改类型", "目标要求",
                                   "进展情况", "完成进度", "完成状态", "亮灯",     "备注"};
static const double widths[] = {6, 22, 26, 42, 12, 14, 18, 14, 9, 20, 36, 9, 11, 8, 16};
_Static_assert(ARRAY_SIZE(widths) == ARRAY_SIZE(head), "ledger column widths");
enum { COL_DEADLINE = 7, COL_PERCENT = 11, COL_LIGHT = 13 };
static const unsigned char kinds[ARRAY_SIZE(head)] = {[COL_DEADLINE] = DOC_CELL_DEADLINE,
                                                      [COL_PERCENT] = DOC_CELL_PERCENT};

/* A finding as printed: its label, then its title. */
static void labelled(Buf *b, const Finding *f)
{
    if (f->label && *f->label)
        buf_puts(b, f->label);
    report_oneline(b, f->title);
}

/* The problem's aspect and item (its ancestors), one line each, from the top. */
static void category(Buf *b, const ReportData *d, int fi)
{
    const Finding *chain[8];
    int n = 0;
    int64_t parent = d->l.findings[fi].parent_id;
    while (parent && n < 8) {
        /* findings are sorted by id */
        int lo = 0, hi = d->l.n_findings - 1, k = -1;
        while (lo <= hi && k < 0) {
            int mid = lo + (hi - lo) / 2;
            if (d->l.findings[mid].id == parent)
                k = mid;
            else if (d->l.findings[mid].id < parent)
                lo = mid + 1;
            else
                hi = mid - 1;
        }
        if (k < 0)
            break;
        chain[n++] = &d->l.findings[k];
        parent = d->l.findings[k].parent_id;
    }
    for (int i = n - 1; i >= 0; i--) {
        labelled(b, chain[i]);
        if (i)
            buf_putc(b, '\n');
    }
}

/* The names of ids joined by 、. */
static void join_names(Buf *b, const ReportData *d, const int64_t *ids, int n, bool persons)
{
    for (int i = 0; i < n; i++)
        buf_printf(b, "%s%s", i ? "、" : "",
                   persons ? report_person_name(d, ids[i]) : report_unit_name(d, ids[i]));
}

void report_ledger(const ReportData *d, ReportDoc *doc)
{
    Buf title = BUF_INIT;
    report_doc_name(&title, &d->l.in, "整改台账");
    doc->title = arena_strndup(doc->arena, title.data, title.len);
    doc->author = arena_strdup(doc->arena, d->l.in.signer ? d->l.in.signer : "");
    doc->a3 = true;
    buf_free(&title);
    DocTable *t = doc_table(doc, "整改台账", (int)ARRAY_SIZE(head), head);
    t->light_col = COL_LIGHT;
    t->merge_cols = 3;
    t->widths = widths;
    t->col_kinds = kinds;

    enum { N = ARRAY_SIZE(head) };
    Buf col[N];
    for (int c = 0; c < N; c++)
        buf_init(&col[c]);
    int problem_no = 0, last_finding = -2;
    for (int k = 0; k < d->l.n_measures; k++) {
        const Measure *m = &d->l.measures[k];
        int fi = d->finding_of[k];
        for (int c = 0; c < N; c++)
            buf_reset(&col[c]);
        if (fi != last_finding) {
            problem_no++;
            last_finding = fi;
        }
        buf_printf(&col[0], "%d", problem_no);
        if (fi >= 0) {
            category(&col[1], d, fi);
            labelled(&col[2], &d->l.findings[fi]);
        }
        report_measure_text(&col[3], m, "", NULL);
        join_names(&col[4], d, m->leader_ids, m->n_leaders, true);
        buf_puts(&col[5], report_unit_name(d, m->lead_unit_id));
        join_names(&col[6], d, m->co_unit_ids, m->n_co_units, false);
        report_deadline_text(&col[COL_DEADLINE], m);
        buf_puts(&col[8], model_kind_label(m->kind));
        buf_puts(&col[9], m->target ? m->target : "");
        if (d->progress[k])
            buf_puts(&col[10], d->progress[k]);
        buf_printf(&col[COL_PERCENT], "%d%%", m->percent);
        buf_puts(&col[12], model_state_label(m->state));
        buf_puts(&col[COL_LIGHT], ledger_light_label(d->st.lights[k]));
        report_why_text(&col[14], d, k);
        const char *cells[N];
        for (int c = 0; c < N; c++)
            cells[c] = col[c].data;
        doc_row(doc, t, cells, d->st.lights[k], fi);
    }
    for (int c = 0; c < N; c++)
        buf_free(&col[c]);
}
