/*
** doc.h: a report as a list of blocks — title, headings, paragraphs, signature lines and
** tables — built once from the ledger (tongbao.c, dispatch.c) and written out by one renderer
** per format (render_md.c, render_html.c, render_docx.c, render_xlsx.c). The Chinese text lives
** in the builders; the renderers only lay it out, so every format says the same thing.
** Everything a ReportDoc points to lives in its arena.
*/
#ifndef ZG_REPORT_DOC_H
#define ZG_REPORT_DOC_H

#include "base/arena.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/err.h"
#include "ledger/light.h"

typedef enum BlockKind {
    BLOCK_TITLE,    /* the document's title, centred */
    BLOCK_SUBTITLE, /* a centred line under the title (截至…) */
    BLOCK_H1,       /* 一、… (黑体) */
    BLOCK_H2,       /* （一）… (楷体) */
    BLOCK_H3,       /* 1.… */
    BLOCK_H4,       /* （1）… */
    BLOCK_PARA,     /* a body paragraph, first line indented two characters */
    BLOCK_SIGN,     /* the signer and the date, right-aligned */
    BLOCK_TABLE,    /* a table (dispatch sheets) */
    BLOCK__COUNT
} BlockKind;

/* A table: a header row and rows of text cells; a light may colour a row's light cell. */
typedef struct DocTable {
    const char *name;     /* a short name (a worksheet's name in xlsx) */
    int n_cols;           /* columns */
    const char **head;    /* n_cols header cells */
    int n_rows;           /* body rows */
    const char **cells;   /* n_rows × n_cols cells, row by row; never NULL */
    int light_col;        /* the column the light colours, -1 none */
    Light *lights;        /* per row: the light of its light cell */
    int *groups;          /* per row: a group (a problem), or -1 */
    int merge_cols;       /* leading columns merged over rows of one group (xlsx) */
    const double *widths; /* per column, in characters (xlsx), or NULL */
    const unsigned char *col_kinds; /* per column DOC_CELL_* (xlsx), or NULL: all text */
} DocTable;

/* How render_xlsx writes a column's cells (other formats print the text as it is). */
enum {
    DOC_CELL_TEXT = 0,     /* text, or a number when the text is a count */
    DOC_CELL_DEADLINE = 1, /* "2026年7月20日前[并长期坚持]": a date cell showing that text */
    DOC_CELL_PERCENT = 2,  /* "85%": a number with a percent format */
    DOC_CELL_DATE = 3,     /* "2026年11月20日" (doc_date_cn): a date cell showing that text */
};

typedef struct Block {
    BlockKind kind;     /* what it is */
    const char *text;   /* its text (not for tables) */
    DocTable *table;    /* BLOCK_TABLE only */
    struct Block *next; /* the next block */
} Block;

typedef struct ReportDoc {
    Arena *arena;        /* owns the blocks and their text */
    const char *title;   /* the title (document properties, <title>) */
    const char *author;  /* the signer, or "" */
    bool a3;             /* spreadsheets print on A3 (else A4), landscape either way */
    Block *first, *last; /* the blocks in order */
} ReportDoc;

/* Start an empty document whose text lives in arena. */
void doc_init(ReportDoc *d, Arena *arena);
/* Append a block with a copy of text. Returns it. */
Block *doc_add(ReportDoc *d, BlockKind kind, const char *text);
/* Append a block with the text of b (copied); b is left as it was. */
Block *doc_add_buf(ReportDoc *d, BlockKind kind, const Buf *b);
/* Append a table of n_cols columns with the given header (copied); fill it with doc_row. */
DocTable *doc_table(ReportDoc *d, const char *name, int n_cols, const char *const *head);
/* Append a row (n_cols cells, copied) with its light (used when light_col >= 0) and group. */
void doc_row(ReportDoc *d, DocTable *t, const char *const *cells, Light light, int group);

/* ---- text helpers shared by the builders and renderers ---- */

/* 2025年12月25日 (DAY_NONE: nothing appended). */
void doc_date_cn(Buf *b, Day day);
/* A period 2024年10月21日至12月5日: the second date drops its year when it is the same. */
void doc_period_cn(Buf *b, Day from, Day to);
/* An amount in fen as 万元 with up to two decimals and no trailing zeros: 2312.84, 30, 0.5. */
void doc_wan(Buf *b, int64_t fen);
/*
** Append text escaped for XML and HTML: & < > " ' as entities, control characters other than
** tab and newline dropped (XML 1.0 cannot carry them). text must be valid UTF-8.
*/
void doc_escape(Buf *b, const char *text);

/* ---- renderers: each appends the whole file to out ---- */

/* Markdown: # for the title, ## … for headings, pipe tables. */
void render_md(const ReportDoc *d, Buf *out);
/* A standalone HTML page with an inline stylesheet for screen and print (A4). */
void render_html(const ReportDoc *d, Buf *out);
/* A .docx laid out as an official document (render_docx.c). 0, or -1 with err. */
int render_docx(const ReportDoc *d, Buf *out, Err *err);
/*
** An .xlsx with one worksheet per table of d (render_xlsx.c): header row frozen and filtered,
** lights as fills, a group's leading cells merged, landscape print setup. 0, or -1 with err.
*/
int render_xlsx(const ReportDoc *d, Buf *out, Err *err);
/* The first table of d as CSV (RFC 4180, CRLF, with a UTF-8 BOM for spreadsheet programs). */
void render_csv(const ReportDoc *d, Buf *out);

#endif
