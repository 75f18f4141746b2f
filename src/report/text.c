/*
** text.c: the sentences a report says about one measure, shared by the 通报, the ledger and
** the dispatch sheet (report.h): a measure's text, its deadline, why its light is lit.
*/
#include "report.h"

/* Marks that close a sentence. */
static const char *const stops[] = {"。", "；", "！", "？", ";", "!", "?"};

/* Bytes of a sentence-closing mark at s, 0 when none. */
static size_t stop_at(const char *s)
{
    for (size_t i = 0; i < ARRAY_SIZE(stops); i++) {
        size_t k = strlen(stops[i]);
        if (strncmp(s, stops[i], k) == 0)
            return k;
    }
    return 0;
}

static bool blank(char c)
{
    return c == ' ' || c == '\t';
}

void report_oneline(Buf *b, const char *s)
{
    while (blank(*s) || *s == '\n' || *s == '\r')
        s++;
    size_t start = b->len;
    for (; *s; s++) {
        if (*s == '\n' || *s == '\r') {
            while (b->len > start && blank(b->data[b->len - 1]))
                buf_truncate(b, b->len - 1);
            while (blank(s[1]) || s[1] == '\n' || s[1] == '\r')
                s++;
            continue;
        }
        buf_putc(b, *s);
    }
    while (b->len > start && blank(b->data[b->len - 1]))
        buf_truncate(b, b->len - 1);
}

void report_end_sentence(Buf *b)
{
    if (!b->len)
        return;
    for (size_t i = 0; i < ARRAY_SIZE(stops); i++) {
        size_t k = strlen(stops[i]);
        if (b->len >= k && memcmp(b->data + b->len - k, stops[i], k) == 0)
            return;
    }
    buf_puts(b, "。");
}

void report_measure_text(Buf *b, const Measure *m, const char *label, const char *progress)
{
    const char *title = m->title ? m->title : "";
    const char *body = m->body ? m->body : "";
    size_t tl = strlen(title);
    const char *head = NULL, *rest = body;
    if (tl && strncmp(body, title, tl) == 0) {
        size_t k = stop_at(body + tl);
        if (k || !body[tl]) {
            head = title;
            rest = body + tl + k;
        }
        /* else the title is the text's first characters (an imported measure without a
           heading-like sentence): the text says it all. */
    } else if (tl) {
        head = title;
    }
    /* An imported progress report's progress is its measure's own text: say it once. */
    if (progress && (strcmp(progress, rest) == 0 || strcmp(progress, body) == 0))
        progress = NULL;
    buf_puts(b, label ? label : "");
    size_t start = b->len;
    if (head) {
        report_oneline(b, head);
        report_end_sentence(b);
    }
    if (progress && *progress) {
        if (!head) {
            report_oneline(b, rest);
            report_end_sentence(b);
        }
        report_oneline(b, progress);
    } else {
        report_oneline(b, rest);
    }
    if (b->len > start)
        report_end_sentence(b);
}

void report_deadline_text(Buf *b, const Measure *m)
{
    if (m->deadline != DAY_NONE) {
        int y, mo, d;
        date_to_ymd(m->deadline, &y, &mo, &d);
        buf_printf(b, "%d年%d月%d日前", y, mo, d);
        if (m->long_term)
            buf_puts(b, "并长期坚持");
    } else if (m->long_term || m->kind == KIND_LONG_TERM) {
        buf_puts(b, "长期坚持");
    } else if (m->kind == KIND_IMMEDIATE) {
        buf_puts(b, "立行立改");
    }
}

void report_why_text(Buf *b, const ReportData *d, int k)
{
    const Measure *m = &d->l.measures[k];
    unsigned why = d->st.why[k];
    int n = 0;
    if (why & WHY_OVERDUE)
        buf_printf(b, "%s逾期%d天", n++ ? "；" : "", (int)(d->as_of - m->deadline));
    if (why & WHY_RETURNED)
        buf_printf(b, "%s被退回%d次", n++ ? "；" : "", m->return_count);
    if (why & WHY_RELAPSED)
        buf_printf(b, "%s回头看发现反弹", n++ ? "；" : "");
    if (why & WHY_DUE_SOON)
        buf_printf(b, "%s%d天后到期", n++ ? "；" : "", (int)(m->deadline - d->as_of));
    if (why & WHY_NO_REPORT)
        buf_printf(b, "%s本期未按时报送进展", n++ ? "；" : "");
    if (why & WHY_SUPERVISION)
        buf_printf(b, "%s督办逾期未反馈", n++ ? "；" : "");
}
