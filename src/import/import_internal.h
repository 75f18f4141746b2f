/*
** import_internal.h: what the files of src/import/ share and nobody else needs.
*/
#ifndef ZG_IMPORT_INTERNAL_H
#define ZG_IMPORT_INTERNAL_H

#include "import/import.h"

#include <expat.h>
#include <zip.h>

/* Record a warning at line (kept in line order); the message is formatted into the arena. */
void import_warn(ImportDoc *doc, int line, const char *fmt, ...) FORMAT(3, 4);

/*
** Read the inspection's metadata (title, group, target, dates, signer, contacts), headline
** figures and clue outcomes from doc->lines, whose roles pass 1 has set. Problem and plan
** sections are not read for figures: their numbers belong to single measures.
*/
void import_meta(ImportDoc *doc);

/* The year that dates without one refer to: of the feedback, the visit or the publication. */
int import_year(const ImportDoc *doc);

/*
** Warn about what a parse may have swallowed (checks.c): measures whose text is too long or
** holds label-shaped lines, and every total the document states that the tree does not match.
*/
void import_check(ImportDoc *doc);

/*
** Read the owner clauses of a plan's measures and problems (责任领导：… 牵头单位：… 配合单位：…
** 完成时限：…, owner_lines.c) into the measures' names and deadlines, out of their text.
*/
void import_owner_lines(ImportDoc *doc);

/*
** The names in s (a cell or a clause) split at 、，,；;/ blanks and line breaks, as ImportNames
** (in a) read at where; for persons a bracketed post and a trailing 同志 are dropped.
*/
ImportName *import_names(Arena *a, const char *s, bool units, const char *where, int *n_out);

/* True when doc reads as a progress report (整改进展情况通报), not a plan or a feedback. */
bool import_is_progress(const ImportDoc *doc);

/*
** A progress report's measures carry their progress (progress.c): each measure's paragraph
** becomes its latest accepted progress, dated on the report's publication date, and its state
** in_progress — or closed (phase complete when long-term) when the report lists its problem
** among the completed matters. Nothing is done for other documents.
*/
void import_progress(ImportDoc *doc);

/* True when doc has a section of open matters: the problems it does not list are completed. */
bool import_lists_open(const ImportDoc *doc);

/* ---- guarded zip and XML (zipxml.c) ---- */

/*
** Open the zip in data[0..len) (borrowed; it must outlive *out) with consistency checks; what
** names the kind of file in messages (".xlsx"). Refuses more than IMPORT_MAX_ZIP_ENTRIES parts.
** Close *out with zip_close.
*/
int import_zip_open(const char *data, size_t len, const char *what, zip_t **out, Err *err);

/* Takes a part's bytes chunk by chunk; last is true on the final (empty) call. 0 or -1. */
typedef int (*ImportZipSink)(void *ud, const char *s, size_t n, bool last, Err *err);

/*
** Stream the part called name to sink. *budget is the number of uncompressed bytes still
** allowed (shared by every part of one file) and is decreased; going past it fails with
** ERR_TOO_LARGE whatever the zip's headers claim. *found is false (and nothing is read) when
** the part is absent.
*/
int import_zip_stream(zip_t *z, const char *name, size_t *budget, ImportZipSink sink, void *ud,
                      bool *found, Err *err);

/* Read a whole part (at most max bytes) into the arena, NUL-terminated. */
int import_zip_read(zip_t *z, Arena *arena, const char *name, size_t max, char **out, size_t *len,
                    bool *found, Err *err);

/*
** An expat parser that refuses DOCTYPE and entity declarations. A reader's state struct puts an
** XmlGuard first, so that the handlers receive the reader's state as user data.
*/
typedef struct XmlGuard {
    XML_Parser xp;     /* the parser, NULL when none */
    bool refused;      /* a DOCTYPE or entity declaration was met */
    bool failed;       /* a feed failed: later feeds fail at once */
    ErrCode stop_code; /* the failure a handler asked for with import_xml_stop */
    char stop_msg[200];
} XmlGuard;

/* Make g's parser with the handlers (namespace-expanded names "uri|local"). */
void import_xml_start(XmlGuard *g, XML_StartElementHandler start, XML_EndElementHandler end,
                      XML_CharacterDataHandler text);
/* Parse a chunk; a refusal, a stop from a handler or bad XML fails naming the part. */
int import_xml_feed(XmlGuard *g, const char *name, const char *s, size_t n, bool last, Err *err);
/* From a handler: stop parsing, the feed failing with code and msg (a limit, a bad value). */
void import_xml_stop(XmlGuard *g, ErrCode code, const char *msg);
/* Free g's parser. */
void import_xml_end(XmlGuard *g);
/* Local name of an expanded name "uri|local". */
const char *import_xml_local(const char *name);
/* An attribute's value by local name, or NULL. */
const char *import_xml_attr(const char **atts, const char *name);

/* ---- spreadsheets (xlsx.c, csv.c, ledger_sheet.c) ---- */

#define SHEET_MAX_COLS 256           /* columns read; later ones are ignored */
#define SHEET_MAX_CELL (1024 * 1024) /* bytes of one cell's text */

/* One row of a sheet: its cells' text ("" when empty), dates of date cells as ISO text. */
typedef struct SheetRow {
    int no;             /* 1-based row number in the sheet (or line in a CSV) */
    int n;              /* cells */
    const char **cells; /* n cells, never NULL */
} SheetRow;

typedef struct Sheet {
    const char *name;   /* the worksheet's name; the file's name for a CSV */
    SheetRow *rows;     /* rows with any content, ascending by no */
    int n_rows, cap;
    struct Sheet *next; /* the next worksheet */
} Sheet;

/* Append an empty row numbered no to sheet (rows in the arena). */
SheetRow *sheet_add_row(Arena *a, Sheet *s, int no, int n_cells);
/* The column's letters of a 0-based index: 0 → "A", 27 → "AB" (out has 8 bytes). */
const char *sheet_col_name(int col, char out[8]);

/*
** Read the worksheets of an .xlsx held in memory (shared and inline strings, date formats,
** merged cells copied into every cell of their range). Bounded: IMPORT_MAX_ZIP_ENTRIES parts,
** IMPORT_MAX_UNZIPPED bytes uncompressed, IMPORT_MAX_ROWS rows. *out receives the first sheet.
*/
int import_xlsx(Arena *arena, const char *data, size_t len, Sheet **out, Err *err);

/*
** Read a CSV (UTF-8 with or without BOM, or GB18030; comma, or tab when the first line has
** tabs and no commas; RFC 4180 quotes) as one sheet called name. *encoding as import_decode.
*/
int import_csv(Arena *arena, const char *name, const char *data, size_t len, Sheet **out,
               const char **encoding, Err *err);

/* Turn sheets into doc's tree (ledger_sheet.c): fails naming sheet, row and column. */
int import_sheets(ImportDoc *doc, const Sheet *sheets, Err *err);

/* The first sentence of s[0..n) when it reads as a short heading, else NULL (parse.c). */
const char *import_short_title(Arena *a, const char *s, size_t n);
/*
** A new node of doc's tree at level, of source lines first..last, with no status nor deadline
** yet, appended to parent's children (to doc's findings without a parent) (parse.c).
*/
ImportNode *import_node_new(Arena *a, ImportDoc *doc, ImportNode *parent, FindingLevel level,
                            int first, int last);
/* Append measure m to node x's list of measures (parse.c). */
void import_add_measure(ImportNode *x, ImportMeasure *m);

#endif
