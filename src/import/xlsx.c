/*
** xlsx.c: an .xlsx workbook → sheets of text cells (import_internal.h), for ledger imports.
** The workbook is a zip of XML parts read with libzip and streamed through expat:
** xl/workbook.xml names the sheets (and says whether dates count from 1904), its relations
** file finds each sheet's part, xl/sharedStrings.xml holds the strings cells refer to, and
** xl/styles.xml tells which cells carry a date format, so that a date typed into Excel (a
** serial number shown as a date) becomes ISO text. Merged ranges are filled with their first
** cell's text: a problem merged over its measures' rows is on every row.
**
** Hostile input: the zip guards of zipxml.c (entry count, a byte budget over all parts, no
** DOCTYPE), at most IMPORT_MAX_ROWS rows, SHEET_MAX_COLS columns and SHEET_MAX_CELL bytes a
** cell, at most SHEET_MAX_SHEETS sheets and XLSX_MAX_STRINGS shared strings.
*/
#include "import_internal.h"

#include "base/utf8.h"

#define SHEET_MAX_SHEETS 64
#define XLSX_MAX_STRINGS 2000000
#define XLSX_MAX_MERGES 200000
#define XLSX_MAX_FORMATS 4096

enum { PART_WORKBOOK, PART_RELS, PART_STRINGS, PART_STYLES, PART_SHEET };

typedef struct SheetRef {
    const char *name; /* as shown on the tab */
    const char *rid;  /* r:id, then resolved to the part's path */
    const char *path;
} SheetRef;

typedef struct Merge {
    int r1, c1, r2, c2; /* 1-based rows, 0-based columns, inclusive */
} Merge;

/* What a number format shows: a date (with 并长期坚持 after it, or not), or a percentage. */
typedef struct NumFormat {
    bool date;
    bool long_term; /* a date format that shows 长期坚持 after the date */
    bool pct;
} NumFormat;

typedef struct Xlsx {
    XmlGuard g; /* first: the guarded parser */
    Arena *a;
    int part;
    const char *part_name;
    bool date1904;
    SheetRef sheets[SHEET_MAX_SHEETS];
    int n_sheets;
    const char *strings_path;
    /* shared strings */
    const char **strings;
    int n_strings, cap_strings;
    bool in_si, in_t, in_rph;
    /* styles */
    int fmt_ids[XLSX_MAX_FORMATS];    /* custom numFmt ids … */
    NumFormat fmts[XLSX_MAX_FORMATS]; /* … and what each shows */
    int n_fmts;
    NumFormat *xfs; /* per cellXfs index: what its number format shows */
    int n_xf, cap_xf;
    bool in_cellxfs;
    /* the sheet being read */
    Sheet *sheet;
    int rows_seen;
    int row_no;       /* current row's number */
    const char *row_cells[SHEET_MAX_COLS];
    int row_n;        /* cells used in row_cells */
    int col;          /* current cell's column */
    char cell_type;   /* 's' shared, 'i' inline, 'b' boolean, 'n' number, 'e' error, 't' str */
    int cell_style;
    bool in_v, in_is;
    Buf text;
    Merge *merges;
    int n_merges, cap_merges;
} Xlsx;

SheetRow *sheet_add_row(Arena *a, Sheet *s, int no, int n_cells)
{
    if (s->n_rows == s->cap) {
        int cap = s->cap ? s->cap * 2 : 64;
        SheetRow *v = ARENA_ARRAY(a, SheetRow, (size_t)cap);
        if (s->n_rows)
            memcpy(v, s->rows, sizeof *v * (size_t)s->n_rows);
        s->rows = v;
        s->cap = cap;
    }
    SheetRow *r = &s->rows[s->n_rows++];
    r->no = no;
    r->n = n_cells;
    r->cells = ARENA_ARRAY(a, const char *, (size_t)(n_cells ? n_cells : 1));
    for (int i = 0; i < n_cells; i++)
        r->cells[i] = "";
    return r;
}

const char *sheet_col_name(int col, char out[8])
{
    char tmp[8];
    int k = 0;
    for (int c = col + 1; c > 0 && k < 7; c = (c - 1) / 26)
        tmp[k++] = (char)('A' + (c - 1) % 26);
    for (int i = 0; i < k; i++)
        out[i] = tmp[k - 1 - i];
    out[k] = 0;
    return out;
}

/* "AB12" → column 27 (0-based) and row 12; false when s is no cell reference. */
static bool parse_ref(const char *s, int *col, int *row)
{
    int c = 0, r = 0, letters = 0, digits = 0;
    for (; *s >= 'A' && *s <= 'Z'; s++, letters++) {
        c = c * 26 + (*s - 'A' + 1);
        if (c > 20000)
            return false;
    }
    for (; *s >= '0' && *s <= '9'; s++, digits++) {
        r = r * 10 + (*s - '0');
        if (r > 2000000)
            return false;
    }
    if (*s || !letters || (row && !digits))
        return false;
    *col = c - 1;
    if (row)
        *row = r;
    return true;
}

/* The built-in number formats that show dates (ECMA-376 §18.8.30, with the CJK ones). */
static bool builtin_date(int id)
{
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
           (id >= 50 && id <= 58);
}

/* A format code shows a date when, outside quotes, brackets and escapes, it has y or d. */
static bool code_is_date(const char *s)
{
    bool quoted = false;
    int bracket = 0;
    for (; *s; s++) {
        char c = *s;
        if (quoted) {
            quoted = c != '"';
            continue;
        }
        if (c == '"')
            quoted = true;
        else if (c == '[')
            bracket++;
        else if (c == ']' && bracket)
            bracket--;
        else if (c == '\\' && s[1])
            s++;
        else if (!bracket && (c == 'y' || c == 'Y' || c == 'd' || c == 'D'))
            return true;
    }
    return false;
}

static bool fmt_is_date(const Xlsx *x, int id)
{
    for (int i = 0; i < x->n_fmts; i++)
        if (x->fmt_ids[i] == id)
            return x->fmts[i].date;
    return builtin_date(id);
}

static void stop(Xlsx *x, ErrCode code, const char *msg)
{
    import_xml_stop(&x->g, code, msg);
}

static void add_string(Xlsx *x, const char *s)
{
    if (x->n_strings >= XLSX_MAX_STRINGS) {
        stop(x, ERR_TOO_LARGE, "too many shared strings in the .xlsx");
        return;
    }
    if (x->n_strings == x->cap_strings) {
        x->cap_strings = x->cap_strings ? x->cap_strings * 2 : 1024;
        x->strings = xrealloc(x->strings, sizeof *x->strings * (size_t)x->cap_strings);
    }
    x->strings[x->n_strings++] = s;
}

static int attr_int(const char **atts, const char *name, int dflt)
{
    const char *v = import_xml_attr(atts, name);
    if (!v || !*v)
        return dflt;
    long n = strtol(v, NULL, 10);
    return n < 0 || n > 1000000 ? dflt : (int)n;
}

static void start_cell(Xlsx *x, const char **atts)
{
    const char *r = import_xml_attr(atts, "r");
    int col, row;
    if (!r || !parse_ref(r, &col, &row))
        col = x->col + 1;
    x->col = col;
    const char *t = import_xml_attr(atts, "t");
    x->cell_type = !t                          ? 'n'
                   : strcmp(t, "s") == 0       ? 's'
                   : strcmp(t, "inlineStr") == 0 ? 'i'
                   : strcmp(t, "b") == 0       ? 'b'
                   : strcmp(t, "e") == 0       ? 'e'
                   : strcmp(t, "str") == 0     ? 't'
                                               : 'n';
    x->cell_style = attr_int(atts, "s", 0);
    buf_reset(&x->text);
}

/* Excel's serial day number (1900 system: day 25569 is 1970-01-01; 1904: day 24107). */
static bool serial_day(const Xlsx *x, const char *v, Day *out)
{
    char *end;
    double d = strtod(v, &end);
    if (end == v || *end || d < 1 || d > 2958465)
        return false;
    long serial = (long)d;
    *out = (Day)(serial - (x->date1904 ? 24107 : 25569));
    return true;
}

static void end_cell(Xlsx *x)
{
    if (x->col < 0 || x->col >= SHEET_MAX_COLS)
        return;
    const char *v = x->text.data;
    const char *out = NULL;
    switch (x->cell_type) {
    case 's': {
        char *end;
        long i = strtol(v, &end, 10);
        if (end == v || *end || i < 0 || i >= x->n_strings) {
            stop(x, ERR_INPUT, "a cell refers to a shared string that does not exist");
            return;
        }
        out = x->strings[i];
        break;
    }
    case 'b':
        out = strcmp(v, "1") == 0 ? "TRUE" : "FALSE";
        break;
    default: {
        Day day;
        const NumFormat *f = x->cell_type == 'n' && x->cell_style >= 0 && x->cell_style < x->n_xf
                                 ? &x->xfs[x->cell_style]
                                 : NULL;
        if (f && f->date && *v && serial_day(x, v, &day)) {
            char iso[DATE_ISO_SIZE];
            date_format(day, iso);
            /* The words a format shows after the date are part of the deadline. */
            out = f->long_term ? arena_printf(x->a, "%s并长期坚持", iso) : arena_strdup(x->a, iso);
        } else if (f && f->pct && *v) {
            /* a percentage shows as such: 0.85 is 85% */
            out = arena_printf(x->a, "%.10g%%", strtod(v, NULL) * 100);
        } else {
            out = x->text.len ? arena_strndup(x->a, v, x->text.len) : "";
        }
    }
    }
    if (!*out)
        return;
    x->row_cells[x->col] = out;
    if (x->col + 1 > x->row_n)
        x->row_n = x->col + 1;
}

/* An element of styles.xml: the number formats and the cell formats (xf) that use them. */
static void styles_start(Xlsx *x, const char *n, const char **atts)
{
    if (strcmp(n, "numFmt") == 0 && x->n_fmts < XLSX_MAX_FORMATS) {
        const char *code = import_xml_attr(atts, "formatCode");
        NumFormat *f = &x->fmts[x->n_fmts];
        x->fmt_ids[x->n_fmts++] = attr_int(atts, "numFmtId", -1);
        f->date = code && code_is_date(code);
        f->long_term = code && strstr(code, "长期坚持") != NULL;
        f->pct = code && !f->date && strchr(code, '%');
    } else if (strcmp(n, "cellXfs") == 0) {
        x->in_cellxfs = true;
    } else if (strcmp(n, "xf") == 0 && x->in_cellxfs && x->n_xf < XLSX_MAX_FORMATS) {
        if (x->n_xf == x->cap_xf) {
            x->cap_xf = x->cap_xf ? x->cap_xf * 2 : 64;
            x->xfs = xrealloc(x->xfs, sizeof *x->xfs * (size_t)x->cap_xf);
        }
        int id = attr_int(atts, "numFmtId", 0);
        NumFormat *f = &x->xfs[x->n_xf++];
        f->date = fmt_is_date(x, id);
        f->long_term = false;
        f->pct = id == 9 || id == 10; /* built-in 0% and 0.00% */
        for (int i = 0; i < x->n_fmts; i++)
            if (x->fmt_ids[i] == id) {
                f->long_term = x->fmts[i].long_term;
                f->pct = x->fmts[i].pct;
            }
    }
}

/* An element of a sheet: rows, cells, values, inline strings and merged ranges. */
static void sheet_start(Xlsx *x, const char *n, const char **atts)
{
    if (strcmp(n, "row") == 0) {
        if (++x->rows_seen > IMPORT_MAX_ROWS) {
            char msg[160];
            snprintf(msg, sizeof msg, "sheet '%s' has more than %d rows", x->sheet->name,
                     IMPORT_MAX_ROWS);
            stop(x, ERR_TOO_LARGE, msg);
            return;
        }
        int no = attr_int(atts, "r", x->row_no + 1);
        x->row_no = no > x->row_no ? no : x->row_no + 1;
        x->row_n = 0;
        x->col = -1;
        memset(x->row_cells, 0, sizeof x->row_cells);
    } else if (strcmp(n, "c") == 0) {
        start_cell(x, atts);
    } else if (strcmp(n, "v") == 0) {
        x->in_v = true;
    } else if (strcmp(n, "is") == 0) {
        x->in_is = true;
    } else if (strcmp(n, "rPh") == 0) {
        x->in_rph = true;
    } else if (strcmp(n, "t") == 0 && x->in_is && !x->in_rph) {
        x->in_t = true;
    } else if (strcmp(n, "mergeCell") == 0 && x->n_merges < XLSX_MAX_MERGES) {
        const char *ref = import_xml_attr(atts, "ref");
        const char *colon = ref ? strchr(ref, ':') : NULL;
        if (!colon || colon - ref > 15)
            return;
        char first[16];
        snprintf(first, sizeof first, "%.*s", (int)(colon - ref), ref);
        Merge m;
        if (!parse_ref(first, &m.c1, &m.r1) || !parse_ref(colon + 1, &m.c2, &m.r2) || m.r2 < m.r1 ||
            m.c2 < m.c1)
            return;
        if (x->n_merges == x->cap_merges) {
            x->cap_merges = x->cap_merges ? x->cap_merges * 2 : 64;
            x->merges = xrealloc(x->merges, sizeof *x->merges * (size_t)x->cap_merges);
        }
        x->merges[x->n_merges++] = m;
    }
}

static void XMLCALL on_start(void *ud, const char *name, const char **atts)
{
    Xlsx *x = ud;
    const char *n = import_xml_local(name);
    switch (x->part) {
    case PART_WORKBOOK:
        if (strcmp(n, "workbookPr") == 0) {
            const char *v = import_xml_attr(atts, "date1904");
            x->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
        } else if (strcmp(n, "sheet") == 0 && x->n_sheets < SHEET_MAX_SHEETS) {
            const char *sn = import_xml_attr(atts, "name"), *rid = import_xml_attr(atts, "id");
            if (sn && rid) {
                x->sheets[x->n_sheets].name = arena_strdup(x->a, sn);
                x->sheets[x->n_sheets].rid = arena_strdup(x->a, rid);
                x->n_sheets++;
            }
        }
        break;
    case PART_RELS:
        if (strcmp(n, "Relationship") == 0) {
            const char *id = import_xml_attr(atts, "Id"), *target = import_xml_attr(atts, "Target");
            const char *type = import_xml_attr(atts, "Type");
            if (!id || !target)
                break;
            const char *path = target[0] == '/' ? arena_strdup(x->a, target + 1)
                                                : arena_printf(x->a, "xl/%s", target);
            if (type && strlen(type) > 14 && strcmp(type + strlen(type) - 14, "/sharedStrings") == 0)
                x->strings_path = path;
            for (int i = 0; i < x->n_sheets; i++)
                if (strcmp(x->sheets[i].rid, id) == 0)
                    x->sheets[i].path = path;
        }
        break;
    case PART_STRINGS:
        if (strcmp(n, "si") == 0) {
            x->in_si = true;
            buf_reset(&x->text);
        } else if (strcmp(n, "rPh") == 0) {
            x->in_rph = true;
        } else if (strcmp(n, "t") == 0 && x->in_si && !x->in_rph) {
            x->in_t = true;
        }
        break;
    case PART_STYLES:
        styles_start(x, n, atts);
        break;
    case PART_SHEET:
        sheet_start(x, n, atts);
        break;
    }
}

static void XMLCALL on_end(void *ud, const char *name)
{
    Xlsx *x = ud;
    const char *n = import_xml_local(name);
    if (strcmp(n, "rPh") == 0) {
        x->in_rph = false;
    } else if (strcmp(n, "t") == 0) {
        x->in_t = false;
    } else if (x->part == PART_STRINGS && strcmp(n, "si") == 0) {
        x->in_si = false;
        add_string(x, arena_strndup(x->a, x->text.data, x->text.len));
    } else if (x->part == PART_STYLES && strcmp(n, "cellXfs") == 0) {
        x->in_cellxfs = false;
    } else if (x->part == PART_SHEET) {
        if (strcmp(n, "v") == 0) {
            x->in_v = false;
        } else if (strcmp(n, "is") == 0) {
            x->in_is = false;
        } else if (strcmp(n, "c") == 0) {
            end_cell(x);
        } else if (strcmp(n, "row") == 0 && x->row_n > 0) {
            SheetRow *r = sheet_add_row(x->a, x->sheet, x->row_no, x->row_n);
            for (int i = 0; i < x->row_n; i++)
                if (x->row_cells[i])
                    r->cells[i] = x->row_cells[i];
        }
    }
}

static void XMLCALL on_text(void *ud, const char *s, int len)
{
    Xlsx *x = ud;
    bool take = (x->part == PART_STRINGS && x->in_t) ||
                (x->part == PART_SHEET && (x->in_v || (x->in_is && x->in_t)));
    if (!take)
        return;
    if (x->text.len + (size_t)len > SHEET_MAX_CELL) {
        stop(x, ERR_TOO_LARGE, "a cell of the .xlsx holds more than 1 MB of text");
        return;
    }
    buf_append(&x->text, s, (size_t)len);
}

static int feed(void *ud, const char *s, size_t n, bool last, Err *err)
{
    Xlsx *x = ud;
    return import_xml_feed(&x->g, x->part_name, s, n, last, err);
}

static int read_part(Xlsx *x, zip_t *z, int part, const char *name, size_t *budget, bool *found,
                     Err *err)
{
    x->part = part;
    x->part_name = name;
    import_xml_start(&x->g, on_start, on_end, on_text);
    int rc = import_zip_stream(z, name, budget, feed, x, found, err);
    import_xml_end(&x->g);
    return rc;
}

static int cmp_row(const void *a, const void *b)
{
    const SheetRow *x = a, *y = b;
    return (x->no > y->no) - (x->no < y->no);
}

/* The row numbered no of s (rows sorted by cmp_row), or NULL. */
static SheetRow *find_row(Sheet *s, int no)
{
    SheetRow key = {.no = no};
    if (s->n_rows == 0)
        return NULL; /* bsearch wants a non-null array */
    return bsearch(&key, s->rows, (size_t)s->n_rows, sizeof *s->rows, cmp_row);
}

/* Copy each merged range's first cell into every cell of the range. */
static int apply_merges(Xlsx *x, Sheet *s, Err *err)
{
    /* Rows inside a range that the sheet does not list get created first. */
    for (int k = 0; k < x->n_merges; k++) {
        const Merge *m = &x->merges[k];
        const SheetRow *top = find_row(s, m->r1);
        if (!top || m->c1 >= top->n || !*top->cells[m->c1])
            continue;
        if (m->c2 >= SHEET_MAX_COLS || (long)m->r2 - m->r1 > IMPORT_MAX_ROWS)
            return err_fail(err, ERR_TOO_LARGE, "sheet '%s': merged range %s%d too large",
                            s->name, "row ", m->r1);
        bool added = false;
        for (int r = m->r1 + 1; r <= m->r2; r++)
            if (!find_row(s, r)) {
                if (++x->rows_seen > IMPORT_MAX_ROWS)
                    return err_fail(err, ERR_TOO_LARGE, "sheet '%s' has more than %d rows",
                                    s->name, IMPORT_MAX_ROWS);
                sheet_add_row(x->a, s, r, 0);
                added = true;
            }
        if (added)
            qsort(s->rows, (size_t)s->n_rows, sizeof *s->rows, cmp_row);
    }
    for (int k = 0; k < x->n_merges; k++) {
        const Merge *m = &x->merges[k];
        const SheetRow *top = find_row(s, m->r1);
        if (!top || m->c1 >= top->n || !*top->cells[m->c1])
            continue;
        const char *v = top->cells[m->c1];
        for (int r = m->r1; r <= m->r2; r++) {
            SheetRow *row = find_row(s, r);
            if (row->n <= m->c2) {
                const char **cells = ARENA_ARRAY(x->a, const char *, (size_t)m->c2 + 1);
                for (int i = 0; i <= m->c2; i++)
                    cells[i] = i < row->n ? row->cells[i] : "";
                row->cells = cells;
                row->n = m->c2 + 1;
            }
            for (int c = m->c1; c <= m->c2; c++)
                row->cells[c] = v;
        }
    }
    return 0;
}

int import_xlsx(Arena *arena, const char *data, size_t len, Sheet **out, Err *err)
{
    *out = NULL;
    zip_t *z;
    if (import_zip_open(data, len, ".xlsx", &z, err) < 0)
        return -1;
    Xlsx *x = xcalloc(1, sizeof *x);
    x->a = arena;
    buf_init(&x->text);
    size_t budget = IMPORT_MAX_UNZIPPED;
    bool found;
    Sheet *first = NULL, *last = NULL;
    int rc = -1;
    if (read_part(x, z, PART_WORKBOOK, "xl/workbook.xml", &budget, &found, err) < 0)
        goto done;
    if (!found || x->n_sheets == 0) {
        err_fail(err, ERR_INPUT, "not an .xlsx workbook: no xl/workbook.xml or no sheet in it");
        goto done;
    }
    x->strings_path = "xl/sharedStrings.xml";
    if (read_part(x, z, PART_RELS, "xl/_rels/workbook.xml.rels", &budget, &found, err) < 0 ||
        read_part(x, z, PART_STRINGS, x->strings_path, &budget, &found, err) < 0 ||
        read_part(x, z, PART_STYLES, "xl/styles.xml", &budget, &found, err) < 0)
        goto done;
    for (int i = 0; i < x->n_sheets; i++) {
        const char *path = x->sheets[i].path;
        if (!path)
            path = arena_printf(arena, "xl/worksheets/sheet%d.xml", i + 1);
        Sheet *s = ARENA_NEW(arena, Sheet);
        s->name = x->sheets[i].name;
        x->sheet = s;
        x->row_no = 0;
        x->n_merges = 0;
        if (read_part(x, z, PART_SHEET, path, &budget, &found, err) < 0)
            goto done;
        if (!found) {
            err_fail(err, ERR_INPUT, "sheet '%s': its part '%s' is missing", s->name, path);
            goto done;
        }
        if (apply_merges(x, s, err) < 0)
            goto done;
        LIST_APPEND(first, last, s);
    }
    *out = first;
    rc = 0;
done:
    zip_close(z);
    free(x->strings);
    free(x->xfs);
    free(x->merges);
    buf_free(&x->text);
    free(x);
    return rc;
}
