/*
** render_xlsx.c: a ReportDoc's tables as an .xlsx workbook with libxlsxwriter (doc.h). The text
** blocks before and between the tables (title, summary, headings) go on a first sheet 概况
** when there are any; each table gets a sheet of its own: a frozen, filtered header row,
** wrapped text, the light column filled with the light's colour, the leading merge_cols cells
** of a group's rows merged into one, and a landscape page (A3 or A4) with the title in the
** page header, page numbers in the footer and the header row repeated on every page.
**
** libxlsxwriter 1.1 writes only to a file, so the workbook goes to a private temporary file
** that is read back into memory and removed.
*/
#include "doc.h"

#include "base/date.h"

#include <errno.h>
#include <unistd.h>
#include <xlsxwriter.h>

/* Fill colours of the lights, RGB; the same as the HTML stylesheet's. */
static const uint32_t light_fill[LIGHT__COUNT] = {
    [LIGHT_GREEN] = 0x63BE7B,
    [LIGHT_YELLOW] = 0xFFEB84,
    [LIGHT_RED] = 0xF8696B,
    [LIGHT_CLOSED] = 0xD9D9D9,
};

typedef struct Formats {
    lxw_format *title, *text, *head, *cell, *merged, *light[LIGHT__COUNT];
    lxw_format *deadline, *deadline_long, *date, *percent; /* date and percent cells */
} Formats;

static lxw_format *bordered(lxw_workbook *wb)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_font_name(f, "宋体");
    format_set_font_size(f, 10);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_text_wrap(f);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
}

static void make_formats(lxw_workbook *wb, Formats *fm)
{
    fm->title = workbook_add_format(wb);
    format_set_font_name(fm->title, "黑体");
    format_set_font_size(fm->title, 16);
    fm->text = workbook_add_format(wb);
    format_set_font_name(fm->text, "宋体");
    format_set_font_size(fm->text, 11);
    format_set_text_wrap(fm->text);
    fm->head = bordered(wb);
    format_set_font_name(fm->head, "黑体");
    format_set_bold(fm->head);
    format_set_align(fm->head, LXW_ALIGN_CENTER);
    format_set_align(fm->head, LXW_ALIGN_VERTICAL_CENTER);
    format_set_bg_color(fm->head, 0xE7E6E6);
    fm->cell = bordered(wb);
    /* A deadline shows as the Chinese text it replaces, but sorts and filters as a date. */
    fm->deadline = bordered(wb);
    format_set_num_format(fm->deadline, "yyyy\"年\"m\"月\"d\"日前\"");
    fm->deadline_long = bordered(wb);
    format_set_num_format(fm->deadline_long, "yyyy\"年\"m\"月\"d\"日前并长期坚持\"");
    fm->date = bordered(wb);
    format_set_num_format(fm->date, "yyyy\"年\"m\"月\"d\"日\"");
    fm->percent = bordered(wb);
    format_set_num_format(fm->percent, "0%");
    fm->merged = bordered(wb);
    format_set_align(fm->merged, LXW_ALIGN_VERTICAL_CENTER);
    for (int l = 0; l < LIGHT__COUNT; l++) {
        fm->light[l] = bordered(wb);
        format_set_align(fm->light[l], LXW_ALIGN_CENTER);
        format_set_align(fm->light[l], LXW_ALIGN_VERTICAL_CENTER);
        format_set_pattern(fm->light[l], LXW_PATTERN_SOLID);
        format_set_bg_color(fm->light[l], light_fill[l]);
    }
}

static void page_setup(lxw_worksheet *ws, const ReportDoc *d, lxw_row_t repeat_row)
{
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, d->a3 ? 8 : 9); /* 8 A3, 9 A4 */
    worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
    worksheet_fit_to_pages(ws, 1, 0);
    if (repeat_row != (lxw_row_t)-1)
        worksheet_repeat_rows(ws, repeat_row, repeat_row);
    /* & starts a control code in a page header: the title's own & are doubled. */
    Buf h = BUF_INIT;
    buf_puts(&h, "&C");
    for (const char *s = d->title; *s; s++) {
        if (*s == '&')
            buf_putc(&h, '&');
        buf_putc(&h, *s);
    }
    if (h.len < 250)
        worksheet_set_header(ws, h.data);
    buf_free(&h);
    worksheet_set_footer(ws, "&C第 &P 页，共 &N 页");
}

/*
** Lines a cell's text takes in a column `width` characters wide: CJK characters count two,
** other characters one. Spreadsheet programs do not all size rows of wrapped text when they
** open a file (LibreOffice keeps the default height), so rows get a height from this.
*/
static int text_lines(const char *s, double width)
{
    int lines = 1;
    double used = 0, room = width > 3 ? width - 1 : 2;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\n') {
            lines++;
            used = 0;
            continue;
        }
        if ((c & 0xC0) == 0x80)
            continue;
        double w = c < 0x80 ? 1.1 : 2.0;
        if (used + w > room) {
            lines++;
            used = 0;
        }
        used += w;
    }
    return lines;
}

/*
** A date's text as doc_date_cn writes it, "2026年7月20日", optionally followed by 前 or
** 前并长期坚持 (a deadline), as a date cell and its format; NULL for any other text (长期坚持,
** 立行立改), which stays text. want_deadline: the column holds deadlines (else plain dates).
*/
static lxw_format *date_cell(const Formats *fm, const char *s, bool want_deadline, lxw_datetime *dt)
{
    int y, m, d, k = 0;
    if (sscanf(s, "%4d年%2d月%2d日%n", &y, &m, &d, &k) != 3 || k == 0 || !date_valid(y, m, d))
        return NULL;
    lxw_format *f = NULL;
    if (!want_deadline && !s[k])
        f = fm->date;
    else if (want_deadline && strcmp(s + k, "前") == 0)
        f = fm->deadline;
    else if (want_deadline && strcmp(s + k, "前并长期坚持") == 0)
        f = fm->deadline_long;
    if (f) {
        memset(dt, 0, sizeof *dt);
        dt->year = y;
        dt->month = m;
        dt->day = d;
    }
    return f;
}

/* "85%" as 0.85; false for other text. */
static bool percent_value(const char *s, double *v)
{
    size_t n = strspn(s, "0123456789");
    if (n == 0 || n > 3 || strcmp(s + n, "%") != 0)
        return false;
    *v = atof(s) / 100.0;
    return true;
}

/* True for 0 or digits without a leading zero, at most 9 of them. */
static bool is_count(const char *s)
{
    size_t n = strspn(s, "0123456789");
    return n > 0 && n <= 9 && !s[n] && (s[0] != '0' || n == 1);
}

static void write_table(lxw_workbook *wb, const ReportDoc *d, const DocTable *t, int index,
                        const Formats *fm)
{
    /* Sheet names: at most 31 characters, unique; the table's name, numbered if need be. */
    char name[32];
    snprintf(name, sizeof name, "%.27s", t->name);
    if (workbook_get_worksheet_by_name(wb, name))
        snprintf(name, sizeof name, "表%d", index + 1);
    lxw_worksheet *ws = workbook_add_worksheet(wb, name);
    for (int c = 0; c < t->n_cols; c++) {
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, t->widths ? t->widths[c] : 14, NULL);
        worksheet_write_string(ws, 0, (lxw_col_t)c, t->head[c], fm->head);
    }
    for (int r = 0; r < t->n_rows; r++) {
        const char *const *row = t->cells + (size_t)r * (size_t)t->n_cols;
        lxw_row_t x = (lxw_row_t)r + 1;
        /* A group's first row writes its merged cells over the whole run. */
        int run = 1;
        if (t->merge_cols && t->groups[r] >= 0)
            while (r + run < t->n_rows && t->groups[r + run] == t->groups[r])
                run++;
        bool first = r == 0 || t->groups[r] < 0 || t->groups[r - 1] != t->groups[r];
        int lines = 1;
        for (int c = 0; c < t->n_cols; c++) {
            if (c < t->merge_cols && run > 1)
                continue;
            int k = text_lines(row[c], t->widths ? t->widths[c] : 14);
            lines = k > lines ? k : lines;
        }
        double height = 13.5 * lines + 2;
        worksheet_set_row(ws, x, height < 409 ? height : 409, NULL);
        for (int c = 0; c < t->n_cols; c++) {
            if (c < t->merge_cols && t->groups[r] >= 0) {
                if (!first)
                    continue;
                if (run > 1) {
                    bool count = is_count(row[c]);
                    worksheet_merge_range(ws, x, (lxw_col_t)c, x + (lxw_row_t)run - 1, (lxw_col_t)c,
                                          count ? "" : row[c], fm->merged);
                    /* A merged 序号 is a number too: written over the range's first cell. */
                    if (count)
                        worksheet_write_number(ws, x, (lxw_col_t)c, atof(row[c]), fm->merged);
                    continue;
                }
            }
            lxw_format *f = c == t->light_col ? fm->light[t->lights[r]] : fm->cell;
            int kind = t->col_kinds ? t->col_kinds[c] : DOC_CELL_TEXT;
            lxw_datetime dt;
            lxw_format *df = kind == DOC_CELL_DEADLINE || kind == DOC_CELL_DATE
                                 ? date_cell(fm, row[c], kind == DOC_CELL_DEADLINE, &dt)
                                 : NULL;
            double pct;
            if (df)
                worksheet_write_datetime(ws, x, (lxw_col_t)c, &dt, df);
            else if (kind == DOC_CELL_PERCENT && percent_value(row[c], &pct))
                worksheet_write_number(ws, x, (lxw_col_t)c, pct, fm->percent);
            /* Counts are numbers, so that a spreadsheet sorts and sums them. */
            else if (is_count(row[c]))
                worksheet_write_number(ws, x, (lxw_col_t)c, atof(row[c]), f);
            else
                worksheet_write_string(ws, x, (lxw_col_t)c, row[c], f);
        }
    }
    worksheet_freeze_panes(ws, 1, 0);
    if (t->n_cols)
        worksheet_autofilter(ws, 0, 0, (lxw_row_t)t->n_rows, (lxw_col_t)(t->n_cols - 1));
    page_setup(ws, d, 0);
}

int render_xlsx(const ReportDoc *d, Buf *out, Err *err)
{
    const char *dir = getenv("TMPDIR");
    Buf path = BUF_INIT;
    buf_printf(&path, "%s/zhenggai-xlsx-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path.data);
    if (fd < 0) {
        buf_free(&path);
        return err_fail(err, ERR_IO, "cannot create a temporary file: %s", strerror(errno));
    }
    close(fd);
    int rc = -1;
    lxw_workbook *wb = workbook_new(path.data);
    if (!wb) {
        err_fail(err, ERR_IO, "cannot start a workbook");
        goto done;
    }
    workbook_set_properties(
        wb, &(lxw_doc_properties){.title = (char *)d->title, .author = (char *)d->author});
    Formats fm;
    make_formats(wb, &fm);

    bool has_text = false;
    for (const Block *b = d->first; b && !has_text; b = b->next)
        has_text = b->kind != BLOCK_TABLE;
    if (has_text) {
        lxw_worksheet *ws = workbook_add_worksheet(wb, "概况");
        worksheet_set_column(ws, 0, 0, 120, NULL);
        lxw_row_t r = 0;
        for (const Block *b = d->first; b; b = b->next) {
            if (b->kind == BLOCK_TABLE)
                continue;
            bool title = b->kind == BLOCK_TITLE;
            worksheet_set_row(ws, r, title ? 24 : 15.0 * text_lines(b->text, 120) + 2, NULL);
            worksheet_write_string(ws, r++, 0, b->text, title ? fm.title : fm.text);
        }
        page_setup(ws, d, (lxw_row_t)-1);
    }
    int index = 0;
    for (const Block *b = d->first; b; b = b->next)
        if (b->kind == BLOCK_TABLE)
            write_table(wb, d, b->table, index++, &fm);
    lxw_error e = workbook_close(wb);
    if (e != LXW_NO_ERROR) {
        err_fail(err, ERR_IO, "cannot write the workbook: %s", lxw_strerror(e));
        goto done;
    }
    rc = buf_read_file(out, path.data, 0, err);
done:
    unlink(path.data);
    buf_free(&path);
    return rc;
}
