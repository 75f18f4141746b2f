/*
** doc.c: building a ReportDoc and the text helpers of doc.h.
*/
#include "doc.h"

void doc_init(ReportDoc *d, Arena *arena)
{
    memset(d, 0, sizeof *d);
    d->arena = arena;
    d->title = "";
    d->author = "";
}

static Block *append(ReportDoc *d, BlockKind kind)
{
    Block *b = ARENA_NEW(d->arena, Block);
    b->kind = kind;
    LIST_APPEND(d->first, d->last, b);
    return b;
}

Block *doc_add(ReportDoc *d, BlockKind kind, const char *text)
{
    Block *b = append(d, kind);
    b->text = arena_strdup(d->arena, text ? text : "");
    return b;
}

Block *doc_add_buf(ReportDoc *d, BlockKind kind, const Buf *b)
{
    Block *x = append(d, kind);
    x->text = arena_strndup(d->arena, b->data, b->len);
    return x;
}

DocTable *doc_table(ReportDoc *d, const char *name, int n_cols, const char *const *head)
{
    DocTable *t = ARENA_NEW(d->arena, DocTable);
    t->name = arena_strdup(d->arena, name);
    t->n_cols = n_cols;
    t->head = ARENA_ARRAY(d->arena, const char *, (size_t)n_cols);
    for (int i = 0; i < n_cols; i++)
        t->head[i] = arena_strdup(d->arena, head[i]);
    t->cells = ARENA_ARRAY(d->arena, const char *, 1);
    t->light_col = -1;
    append(d, BLOCK_TABLE)->table = t;
    return t;
}

void doc_row(ReportDoc *d, DocTable *t, const char *const *cells, Light light, int group)
{
    /* Rows grow by doubling; the capacity is the next power of two of n_rows. */
    int n = t->n_rows;
    if (n == 0 || (n & (n - 1)) == 0) {
        int cap = n ? 2 * n : 8;
        const char **cv = ARENA_ARRAY(d->arena, const char *, (size_t)cap *(size_t)t->n_cols);
        Light *lv = ARENA_ARRAY(d->arena, Light, (size_t)cap);
        int *gv = ARENA_ARRAY(d->arena, int, (size_t)cap);
        if (n) {
            memcpy(cv, t->cells, sizeof *cv * (size_t)n * (size_t)t->n_cols);
            memcpy(lv, t->lights, sizeof *lv * (size_t)n);
            memcpy(gv, t->groups, sizeof *gv * (size_t)n);
        }
        t->cells = cv;
        t->lights = lv;
        t->groups = gv;
    }
    for (int c = 0; c < t->n_cols; c++)
        t->cells[n * t->n_cols + c] = arena_strdup(d->arena, cells[c] ? cells[c] : "");
    t->lights[n] = light;
    t->groups[n] = group;
    t->n_rows++;
}

void doc_date_cn(Buf *b, Day day)
{
    if (day == DAY_NONE)
        return;
    int y, m, dd;
    date_to_ymd(day, &y, &m, &dd);
    buf_printf(b, "%d年%d月%d日", y, m, dd);
}

void doc_period_cn(Buf *b, Day from, Day to)
{
    doc_date_cn(b, from);
    if (to == DAY_NONE)
        return;
    int y1 = 0, y2, m, dd, ignored;
    if (from != DAY_NONE)
        date_to_ymd(from, &y1, &ignored, &ignored);
    date_to_ymd(to, &y2, &m, &dd);
    buf_puts(b, "至");
    if (y1 == y2)
        buf_printf(b, "%d月%d日", m, dd);
    else
        doc_date_cn(b, to);
}

void doc_wan(Buf *b, int64_t fen)
{
    /* 1 万元 = 1,000,000 fen; two decimals of 万元 are units of 10,000 fen, rounded. */
    int64_t hundredths = (fen + 5000) / 10000;
    int64_t whole = hundredths / 100, frac = hundredths % 100;
    if (frac == 0)
        buf_printf(b, "%lld", (long long)whole);
    else if (frac % 10 == 0)
        buf_printf(b, "%lld.%lld", (long long)whole, (long long)(frac / 10));
    else
        buf_printf(b, "%lld.%02lld", (long long)whole, (long long)frac);
}

void doc_escape(Buf *b, const char *text)
{
    const char *run = text;
    for (const char *p = text; *p; p++) {
        const char *rep;
        switch (*p) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        default:
            if ((unsigned char)*p >= 0x20 || *p == '\t' || *p == '\n')
                continue;
            rep = "";
        }
        buf_append(b, run, (size_t)(p - run));
        buf_puts(b, rep);
        run = p + 1;
    }
    buf_puts(b, run);
}
