/*
** docx.c: a .docx → lines of text (import.h). A .docx is a zip (read with libzip from memory)
** whose word/document.xml holds paragraphs and tables (read with expat). Chinese documents
** number their headings with Word's automatic numbering, so word/numbering.xml (and the
** numbering of paragraph styles in word/styles.xml) is rendered into the text: a paragraph of
** list level 0 with the format "%1、" and chineseCounting becomes "一、…", exactly as printed.
**
** Headers, footers, comments and notes live in parts of their own, which are never read: their
** page numbers and running titles do not reach the text.
**
** Hostile input: the zip is opened with consistency checks, every part is read through a
** counted loop that stops at IMPORT_MAX_BYTES whatever the headers claim (zip bombs), and an
** XML part with a DOCTYPE or an entity declaration is refused (no entity expansion at all).
*/
#include "import_internal.h"

#include "base/cnum.h"
#include "base/utf8.h"


#define MAX_ABSTRACT 128
#define MAX_NUMS 512
#define MAX_STYLES 512
#define MAX_LEVELS 9
#define MAX_STYLE_DEPTH 16

typedef enum NumFmt {
    FMT_DECIMAL,
    FMT_CHINESE,     /* 一 二 … */
    FMT_CIRCLED,     /* ① */
    FMT_PAREN_DIGIT, /* ⑴ */
    FMT_DIGIT_STOP,  /* ⒈ */
    FMT_FULLWIDTH,   /* １ */
    FMT_LOWER_LETTER,
    FMT_UPPER_LETTER,
    FMT_LOWER_ROMAN,
    FMT_UPPER_ROMAN,
    FMT_STEM,  /* 甲 乙 丙 … (ideographTraditional) */
    FMT_NONE, /* bullets and none: no label */
} NumFmt;

typedef struct Level {
    NumFmt fmt;    /* how %N of this level is written */
    char text[48]; /* lvlText: "%1、", "（%2）" */
    int start;     /* first number */
    bool set;      /* defined in numbering.xml */
} Level;

typedef struct Abstract {
    char id[16];             /* w:abstractNumId */
    Level lvl[MAX_LEVELS];   /* the levels */
    int counter[MAX_LEVELS]; /* running numbers, 0 before the first use */
} Abstract;

typedef struct Num {
    char id[16];             /* w:numId */
    char abs_id[16];         /* its w:abstractNumId, resolved after the part is read */
    int abstract;            /* index into abstracts, -1 unknown */
    int restart[MAX_LEVELS]; /* startOverride + 1, 0 when none; consumed on first use */
} Num;

typedef struct Style {
    char id[64];    /* w:styleId */
    char based[64]; /* w:basedOn: the style it inherits from, "" when none */
    char num[16];   /* its numPr numId, "" when none (then inherited through based) */
    int ilvl;       /* its numPr ilvl */
} Style;

typedef struct Docx {
    XmlGuard g; /* first: the guarded parser (zipxml.c) */
    Abstract abstracts[MAX_ABSTRACT];
    int n_abstracts;
    Num nums[MAX_NUMS];
    int n_nums;
    Style styles[MAX_STYLES];
    int n_styles;
    /* parser state */
    int part;         /* 0 numbering, 1 styles, 2 document */
    int cur_abstract; /* numbering.xml: the abstractNum being read, -1 none */
    int cur_level;    /* its w:lvl */
    int cur_num;      /* the w:num being read */
    int cur_style;    /* styles.xml: the style being read */
    int p_depth;      /* nested w:p (text boxes) */
    int tbl_depth;    /* nested w:tbl */
    bool in_t;        /* inside w:t */
    char p_num[16];   /* paragraph's numId */
    int p_ilvl;       /* paragraph's ilvl */
    char p_style[64]; /* paragraph's style */
    bool p_has_num;   /* numPr given directly */
    bool cell_merged; /* this cell continues a vertical merge */
    Buf para;         /* the paragraph's text */
    Buf cell;         /* the cell's paragraphs, VT-separated */
    Buf row;          /* the row's cells, TAB-separated */
    int row_cells;    /* cells in row so far */
    bool row_text;    /* some cell of the row has text */
    Buf out;          /* the document's lines */
} Docx;

#define local import_xml_local
#define attr import_xml_attr

static void copy_id(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src ? src : "");
}

static NumFmt parse_fmt(const char *v)
{
    static const struct {
        const char *name;
        NumFmt fmt;
    } fmts[] = {
        {"decimal", FMT_DECIMAL},
        {"decimalZero", FMT_DECIMAL},
        {"chineseCounting", FMT_CHINESE},
        {"chineseCountingThousand", FMT_CHINESE},
        {"chineseLegalSimplified", FMT_CHINESE},
        {"ideographDigital", FMT_CHINESE},
        {"japaneseCounting", FMT_CHINESE},
        {"taiwaneseCounting", FMT_CHINESE},
        {"taiwaneseCountingThousand", FMT_CHINESE},
        {"decimalEnclosedCircle", FMT_CIRCLED},
        {"decimalEnclosedCircleChinese", FMT_CIRCLED},
        {"decimalEnclosedParen", FMT_PAREN_DIGIT},
        {"decimalEnclosedFullstop", FMT_DIGIT_STOP},
        {"decimalFullWidth", FMT_FULLWIDTH},
        {"decimalFullWidth2", FMT_FULLWIDTH},
        {"lowerLetter", FMT_LOWER_LETTER},
        {"upperLetter", FMT_UPPER_LETTER},
        {"lowerRoman", FMT_LOWER_ROMAN},
        {"upperRoman", FMT_UPPER_ROMAN},
        {"ideographTraditional", FMT_STEM},
        {"bullet", FMT_NONE},
        {"none", FMT_NONE},
    };
    for (size_t i = 0; v && i < ARRAY_SIZE(fmts); i++)
        if (strcmp(v, fmts[i].name) == 0)
            return fmts[i].fmt;
    return FMT_DECIMAL;
}

static void put_cp(Buf *b, uint32_t cp)
{
    char u[4];
    buf_append(b, u, (size_t)utf8_encode(cp, u));
}

static void put_roman(Buf *b, int v, bool upper)
{
    static const struct {
        int v;
        const char *s;
    } r[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
             {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
    for (size_t i = 0; i < ARRAY_SIZE(r) && v > 0; i++)
        while (v >= r[i].v) {
            for (const char *p = r[i].s; *p; p++)
                buf_putc(b, upper ? (char)(*p - 'a' + 'A') : *p);
            v -= r[i].v;
        }
}

/* Write number v in format fmt. */
static void put_number(Buf *b, NumFmt fmt, int v)
{
    char tmp[CNUM_SIZE];
    switch (fmt) {
    case FMT_CHINESE:
        if (v >= 1 && v <= 99) {
            buf_puts(b, cnum_str(v, tmp));
            return;
        }
        break;
    case FMT_CIRCLED:     /* ① … ⑳ from U+2460 */
    case FMT_PAREN_DIGIT: /* ⑴ … ⒇ from U+2474 */
    case FMT_DIGIT_STOP:  /* ⒈ … ⒛ from U+2488 */
        if (v >= 1 && v <= 20) {
            uint32_t first = fmt == FMT_CIRCLED ? 0x2460 : fmt == FMT_PAREN_DIGIT ? 0x2474 : 0x2488;
            put_cp(b, first + (uint32_t)v - 1);
            return;
        }
        break;
    case FMT_STEM:
        if (v >= 1 && v <= 10) {
            static const char *const stems[] = {"甲", "乙", "丙", "丁", "戊",
                                                "己", "庚", "辛", "壬", "癸"};
            buf_puts(b, stems[v - 1]);
            return;
        }
        break;
    case FMT_FULLWIDTH:
        snprintf(tmp, sizeof tmp, "%d", v);
        for (const char *p = tmp; *p; p++)
            put_cp(b, 0xFF10 + (uint32_t)(*p - '0'));
        return;
    case FMT_LOWER_LETTER:
    case FMT_UPPER_LETTER:
        if (v >= 1) {
            buf_putc(b, (char)((fmt == FMT_LOWER_LETTER ? 'a' : 'A') + (v - 1) % 26));
            return;
        }
        break;
    case FMT_LOWER_ROMAN:
    case FMT_UPPER_ROMAN:
        if (v >= 1 && v < 4000) {
            put_roman(b, v, fmt == FMT_UPPER_ROMAN);
            return;
        }
        break;
    case FMT_NONE:
        return;
    case FMT_DECIMAL:
        break;
    }
    buf_printf(b, "%d", v);
}

static int find_num(const Docx *d, const char *id)
{
    for (int i = 0; i < d->n_nums; i++)
        if (strcmp(d->nums[i].id, id) == 0)
            return i;
    return -1;
}

static int find_abstract(const Docx *d, const char *id)
{
    for (int i = 0; i < d->n_abstracts; i++)
        if (strcmp(d->abstracts[i].id, id) == 0)
            return i;
    return -1;
}

/* The label of the next paragraph of list num at level ilvl, advancing the counters. */
static void render_label(Docx *d, const char *num_id, int ilvl, Buf *label)
{
    int ni = find_num(d, num_id);
    if (ni < 0 || ilvl < 0 || ilvl >= MAX_LEVELS)
        return;
    Num *num = &d->nums[ni];
    if (num->abstract < 0)
        return;
    Abstract *a = &d->abstracts[num->abstract];
    Level *lv = &a->lvl[ilvl];
    if (!lv->set)
        return;
    if (num->restart[ilvl]) {
        a->counter[ilvl] = num->restart[ilvl] - 1;
        num->restart[ilvl] = 0;
    } else if (a->counter[ilvl] == 0) {
        a->counter[ilvl] = lv->start - 1;
    }
    if (a->counter[ilvl] < 100000)
        a->counter[ilvl]++;
    for (int k = ilvl + 1; k < MAX_LEVELS; k++)
        a->counter[k] = 0;
    if (lv->fmt == FMT_NONE)
        return;
    for (const char *p = lv->text; *p; p++) {
        if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
            int k = p[1] - '1';
            int v = a->counter[k] ? a->counter[k] : a->lvl[k].start;
            put_number(label, a->lvl[k].set ? a->lvl[k].fmt : FMT_DECIMAL, v);
            p++;
        } else {
            buf_putc(label, *p);
        }
    }
}

/* Text of the paragraph with its label, control characters made blanks. */
static void finish_paragraph(Docx *d, Buf *into, char sep)
{
    Buf label = BUF_INIT;
    const char *num = d->p_num;
    int ilvl = d->p_ilvl;
    if (!d->p_has_num) {
        /* The paragraph's style, or the first style it is based on, that numbers it (a
           "标题 2" based on "标题 1" carries its numbering); a chain is followed at most
           MAX_STYLE_DEPTH steps, so a loop of basedOn ends. */
        const char *id = d->p_style;
        for (int depth = 0; id[0] && depth < MAX_STYLE_DEPTH; depth++) {
            const Style *st = NULL;
            for (int i = 0; i < d->n_styles && !st; i++)
                if (strcmp(d->styles[i].id, id) == 0)
                    st = &d->styles[i];
            if (!st)
                break;
            if (st->num[0]) {
                num = st->num;
                ilvl = st->ilvl;
                break;
            }
            id = st->based;
        }
    }
    if (num[0] && strcmp(num, "0") != 0)
        render_label(d, num, ilvl, &label);
    if (into->len && sep)
        buf_putc(into, sep);
    buf_append(into, label.data, label.len);
    buf_append(into, d->para.data, d->para.len);
    buf_free(&label);
    buf_reset(&d->para);
}

/* The next entry of a table that holds *n of at most max (counted now), or -1 when it is full. */
static int slot(int *n, int max)
{
    return *n < max ? (*n)++ : -1;
}

/* An element of numbering.xml: abstract numberings, their levels, and the numberings over them. */
static void numbering_start(Docx *d, const char *el, const char *val, const char **atts)
{
    if (strcmp(el, "abstractNum") == 0) {
        d->cur_abstract = slot(&d->n_abstracts, MAX_ABSTRACT);
        if (d->cur_abstract >= 0)
            copy_id(d->abstracts[d->cur_abstract].id, 16, attr(atts, "abstractNumId"));
    } else if (strcmp(el, "lvl") == 0 && d->cur_abstract >= 0) {
        const char *il = attr(atts, "ilvl");
        d->cur_level = il ? atoi(il) : -1;
        if (d->cur_level >= 0 && d->cur_level < MAX_LEVELS) {
            Level *lv = &d->abstracts[d->cur_abstract].lvl[d->cur_level];
            lv->set = true;
            lv->start = 1;
            lv->fmt = FMT_DECIMAL;
            copy_id(lv->text, sizeof lv->text, "");
        } else {
            d->cur_level = -1;
        }
    } else if (d->cur_abstract >= 0 && d->cur_level >= 0 && val) {
        Level *lv = &d->abstracts[d->cur_abstract].lvl[d->cur_level];
        if (strcmp(el, "start") == 0)
            lv->start = atoi(val) > 0 ? atoi(val) : 1;
        else if (strcmp(el, "numFmt") == 0)
            lv->fmt = parse_fmt(val);
        else if (strcmp(el, "lvlText") == 0)
            copy_id(lv->text, sizeof lv->text, val);
    } else if (strcmp(el, "num") == 0) {
        d->cur_num = slot(&d->n_nums, MAX_NUMS);
        if (d->cur_num >= 0) {
            copy_id(d->nums[d->cur_num].id, 16, attr(atts, "numId"));
            d->nums[d->cur_num].abstract = -1;
        }
    } else if (strcmp(el, "abstractNumId") == 0 && d->cur_num >= 0 && val) {
        copy_id(d->nums[d->cur_num].abs_id, 16, val);
    } else if (strcmp(el, "lvlOverride") == 0 && d->cur_num >= 0) {
        const char *il = attr(atts, "ilvl");
        d->cur_level = il ? atoi(il) : -1;
    } else if (strcmp(el, "startOverride") == 0 && d->cur_num >= 0 && val && d->cur_level >= 0 &&
               d->cur_level < MAX_LEVELS) {
        d->nums[d->cur_num].restart[d->cur_level] = atoi(val) > 0 ? atoi(val) : 1;
    }
}

/* An element of styles.xml: each style's id, what it is based on, and its numbering. */
static void style_start(Docx *d, const char *el, const char *val, const char **atts)
{
    if (strcmp(el, "style") == 0) {
        d->cur_style = slot(&d->n_styles, MAX_STYLES);
        if (d->cur_style >= 0) {
            copy_id(d->styles[d->cur_style].id, 64, attr(atts, "styleId"));
            d->styles[d->cur_style].based[0] = 0;
            d->styles[d->cur_style].num[0] = 0;
            d->styles[d->cur_style].ilvl = 0;
        }
    } else if (d->cur_style >= 0 && val && strcmp(el, "basedOn") == 0) {
        copy_id(d->styles[d->cur_style].based, 64, val);
    } else if (d->cur_style >= 0 && val && strcmp(el, "numId") == 0) {
        copy_id(d->styles[d->cur_style].num, 16, val);
    } else if (d->cur_style >= 0 && val && strcmp(el, "ilvl") == 0) {
        d->styles[d->cur_style].ilvl = atoi(val);
    }
}

/* An element of document.xml: paragraphs, runs of text, breaks, tables, rows and cells. */
static void document_start(Docx *d, const char *el, const char *val)
{
    if (strcmp(el, "p") == 0) {
        if (d->p_depth++ == 0) {
            d->p_num[0] = 0;
            d->p_ilvl = 0;
            d->p_style[0] = 0;
            d->p_has_num = false;
            buf_reset(&d->para);
        }
    } else if (strcmp(el, "t") == 0) {
        d->in_t = true;
    } else if (strcmp(el, "tab") == 0 && d->p_depth) {
        buf_putc(&d->para, ' ');
    } else if ((strcmp(el, "br") == 0 || strcmp(el, "cr") == 0) && d->p_depth) {
        buf_putc(&d->para, d->tbl_depth ? '\v' : '\n');
    } else if (strcmp(el, "numId") == 0 && val && d->p_depth == 1) {
        copy_id(d->p_num, sizeof d->p_num, val);
        d->p_has_num = true;
    } else if (strcmp(el, "ilvl") == 0 && val && d->p_depth == 1) {
        d->p_ilvl = atoi(val);
    } else if (strcmp(el, "pStyle") == 0 && val && d->p_depth == 1) {
        copy_id(d->p_style, sizeof d->p_style, val);
    } else if (strcmp(el, "tbl") == 0) {
        d->tbl_depth++;
    } else if (strcmp(el, "tr") == 0 && d->tbl_depth == 1) {
        buf_reset(&d->row);
        d->row_cells = 0;
        d->row_text = false;
    } else if (strcmp(el, "tc") == 0 && d->tbl_depth == 1) {
        buf_reset(&d->cell);
        d->cell_merged = false;
    } else if (strcmp(el, "vMerge") == 0 && d->tbl_depth == 1) {
        d->cell_merged = !val || strcmp(val, "restart") != 0;
    }
}

static void XMLCALL on_start(void *ud, const char *name, const char **atts)
{
    Docx *d = ud;
    const char *el = local(name);
    const char *val = attr(atts, "val");
    if (d->part == 0) /* numbering.xml */
        numbering_start(d, el, val, atts);
    else if (d->part == 1) /* styles.xml */
        style_start(d, el, val, atts);
    else
        document_start(d, el, val);
}

static void XMLCALL on_end(void *ud, const char *name)
{
    Docx *d = ud;
    const char *el = local(name);
    if (d->part == 0) {
        if (strcmp(el, "abstractNum") == 0)
            d->cur_abstract = -1;
        else if (strcmp(el, "lvl") == 0 || strcmp(el, "lvlOverride") == 0)
            d->cur_level = -1;
        else if (strcmp(el, "num") == 0)
            d->cur_num = -1;
        return;
    }
    if (d->part == 1) {
        if (strcmp(el, "style") == 0)
            d->cur_style = -1;
        return;
    }
    if (strcmp(el, "t") == 0) {
        d->in_t = false;
    } else if (strcmp(el, "p") == 0 && d->p_depth > 0) {
        if (--d->p_depth == 0) {
            if (d->tbl_depth)
                finish_paragraph(d, &d->cell, '\v');
            else {
                finish_paragraph(d, &d->out, 0);
                buf_putc(&d->out, '\n');
            }
        }
    } else if (strcmp(el, "tc") == 0 && d->tbl_depth == 1) {
        if (d->row_cells++)
            buf_putc(&d->row, '\t');
        if (!d->cell_merged) {
            /* a cell is never empty of separators' meaning: drop blank VT runs at its ends */
            size_t a = 0, b = d->cell.len;
            while (a < b && (d->cell.data[a] == '\v' || d->cell.data[a] == ' '))
                a++;
            while (b > a && (d->cell.data[b - 1] == '\v' || d->cell.data[b - 1] == ' '))
                b--;
            buf_append(&d->row, d->cell.data + a, b - a);
            d->row_text |= b > a;
        }
    } else if (strcmp(el, "tr") == 0 && d->tbl_depth == 1) {
        if (d->row_text) {
            buf_append(&d->out, d->row.data, d->row.len);
            buf_putc(&d->out, '\n');
        }
    } else if (strcmp(el, "tbl") == 0 && d->tbl_depth > 0) {
        d->tbl_depth--;
    }
}

static void XMLCALL on_text(void *ud, const char *s, int len)
{
    Docx *d = ud;
    if (d->part != 2 || !d->in_t || !d->p_depth)
        return;
    for (int i = 0; i < len; i++) {
        char c = s[i];
        buf_putc(&d->para, (unsigned char)c < 0x20 ? ' ' : c);
    }
}

/* Parse one XML part with the handlers for part kind. */
static int parse_xml(Docx *d, int part, const char *name, const char *xml, size_t len, Err *err)
{
    d->part = part;
    d->cur_abstract = d->cur_level = d->cur_num = d->cur_style = -1;
    import_xml_start(&d->g, on_start, on_end, on_text);
    int rc = import_xml_feed(&d->g, name, xml, len, true, err);
    import_xml_end(&d->g);
    return rc;
}

static int read_part(zip_t *z, Arena *arena, const char *name, char **out, size_t *len, bool *found,
                     Err *err)
{
    return import_zip_read(z, arena, name, IMPORT_MAX_BYTES, out, len, found, err);
}

/* Resolve w:num → w:abstractNum links (the abstracts may come after the nums). */
static void resolve_nums(Docx *d)
{
    for (int i = 0; i < d->n_nums; i++)
        d->nums[i].abstract = find_abstract(d, d->nums[i].abs_id);
}

int import_docx(Arena *arena, const char *data, size_t len, const char **text, size_t *text_len,
                Err *err)
{
    zip_t *z;
    if (import_zip_open(data, len, ".docx", &z, err) < 0)
        return -1;
    Docx *d = xcalloc(1, sizeof *d);
    buf_init(&d->para);
    buf_init(&d->cell);
    buf_init(&d->row);
    buf_init(&d->out);
    int rc = 0;
    char *xml;
    size_t xml_len;
    bool found;
    if (read_part(z, arena, "word/numbering.xml", &xml, &xml_len, &found, err) < 0 ||
        (found && parse_xml(d, 0, "word/numbering.xml", xml, xml_len, err) < 0)) {
        rc = -1;
        goto done;
    }
    resolve_nums(d);
    if (read_part(z, arena, "word/styles.xml", &xml, &xml_len, &found, err) < 0 ||
        (found && parse_xml(d, 1, "word/styles.xml", xml, xml_len, err) < 0)) {
        rc = -1;
        goto done;
    }
    if (read_part(z, arena, "word/document.xml", &xml, &xml_len, &found, err) < 0) {
        rc = -1;
        goto done;
    }
    if (!found) {
        rc = err_fail(err, ERR_INPUT, "not a .docx: the zip has no word/document.xml");
        goto done;
    }
    if (parse_xml(d, 2, "word/document.xml", xml, xml_len, err) < 0) {
        rc = -1;
        goto done;
    }
    if (d->out.len > IMPORT_MAX_BYTES) {
        rc = err_fail(err, ERR_TOO_LARGE, "document text is larger than %u MB",
                      IMPORT_MAX_BYTES / (1024 * 1024));
        goto done;
    }
    if (!utf8_valid(d->out.data, d->out.len)) {
        rc = err_fail(err, ERR_INPUT, "word/document.xml holds invalid UTF-8");
        goto done;
    }
    *text = arena_strndup(arena, d->out.data, d->out.len);
    *text_len = d->out.len;
done:
    zip_close(z); /* read-only: discards, frees the source */
    buf_free(&d->para);
    buf_free(&d->cell);
    buf_free(&d->row);
    buf_free(&d->out);
    free(d);
    return rc;
}
