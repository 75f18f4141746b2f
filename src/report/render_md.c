/*
** render_md.c: a ReportDoc as Markdown, and its first table as CSV (doc.h). Markdown keeps the
** corpus's line grammar intact — a heading's mark is all that is added to a line — so that the
** document importer reads a generated report back.
*/
#include "doc.h"

/* A table cell on one line: pipes escaped, line breaks as spaces. */
static void md_cell(Buf *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            buf_puts(out, "\\|");
        else if (*s == '\n')
            buf_putc(out, ' ');
        else if (*s != '\r')
            buf_putc(out, *s);
    }
}

static void md_table(const DocTable *t, Buf *out)
{
    for (int r = -1; r < t->n_rows; r++) {
        const char *const *row = r < 0 ? t->head : t->cells + (size_t)r * (size_t)t->n_cols;
        buf_putc(out, '|');
        for (int c = 0; c < t->n_cols; c++) {
            buf_putc(out, ' ');
            md_cell(out, row[c]);
            buf_puts(out, " |");
        }
        buf_putc(out, '\n');
        if (r < 0) {
            buf_putc(out, '|');
            for (int c = 0; c < t->n_cols; c++)
                buf_puts(out, " --- |");
            buf_putc(out, '\n');
        }
    }
    buf_putc(out, '\n');
}

void render_md(const ReportDoc *d, Buf *out)
{
    static const char *const marks[] = {
        [BLOCK_TITLE] = "# ", [BLOCK_H1] = "## ",    [BLOCK_H2] = "### ",
        [BLOCK_H3] = "#### ", [BLOCK_H4] = "##### ",
    };
    for (const Block *b = d->first; b; b = b->next) {
        if (b->kind == BLOCK_TABLE) {
            md_table(b->table, out);
            continue;
        }
        if (b->kind < (int)ARRAY_SIZE(marks) && marks[b->kind])
            buf_puts(out, marks[b->kind]);
        buf_puts(out, b->text);
        buf_puts(out, "\n\n");
    }
}

static void csv_field(Buf *out, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        buf_puts(out, s);
        return;
    }
    buf_putc(out, '"');
    for (; *s; s++) {
        if (*s == '"')
            buf_putc(out, '"');
        buf_putc(out, *s);
    }
    buf_putc(out, '"');
}

void render_csv(const ReportDoc *d, Buf *out)
{
    const Block *b = d->first;
    while (b && b->kind != BLOCK_TABLE)
        b = b->next;
    buf_puts(out, "\xEF\xBB\xBF");
    if (!b)
        return;
    const DocTable *t = b->table;
    for (int r = -1; r < t->n_rows; r++) {
        const char *const *row = r < 0 ? t->head : t->cells + (size_t)r * (size_t)t->n_cols;
        for (int c = 0; c < t->n_cols; c++) {
            if (c)
                buf_putc(out, ',');
            csv_field(out, row[c]);
        }
        buf_puts(out, "\r\n");
    }
}
