/*
** import.h: documents → ledger. A document (UTF-8 or GB18030 text, Markdown, .docx) is read
** into UTF-8 lines, parsed by the grammar of Chinese official documents (SPEC §7.1) into an
** ImportDoc — the inspection's metadata, headline figures, clue outcomes and the tree of
** findings with their measures, each keeping its source lines — and then printed (JSON for
** tools, a tree for people) or written to the database as a new inspection.
**
** Everything an ImportDoc points to lives in the Arena it was loaded with.
*/
#ifndef ZG_IMPORT_H
#define ZG_IMPORT_H

#include "base/arena.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/err.h"
#include "db/db.h"
#include "db/model.h"
#include "import/grammar.h"

/* Largest document accepted, in bytes, before and after decompression or conversion. */
#define IMPORT_MAX_BYTES (32u * 1024 * 1024)

typedef struct ImportMeasure {
    const char *label;          /* "一是", "1." … as printed, or NULL */
    const char *title;          /* short title (a heading-like first sentence) or NULL */
    const char *text;           /* the measure's whole text */
    Day deadline;               /* DAY_NONE when none stated */
    bool long_term;             /* 长期坚持 */
    bool immediate;             /* 立行立改 */
    int line_first, line_last;  /* 1-based source lines */
    struct ImportMeasure *next; /* the next measure of the same finding */
} ImportMeasure;

typedef struct ImportNode {
    FindingLevel level;          /* aspect, item, problem, subproblem */
    const char *label;           /* "(一)", "1." … as printed, or NULL */
    const char *title;           /* heading text (a problem's name: “X”问题) */
    const char *body;            /* text under the heading that is no measure, or NULL */
    int status;                  /* ProblemStatus from the open matters, STATUS_NONE if unsaid */
    Day deadline;                /* DAY_NONE when none stated */
    bool long_term;              /* 并长期坚持 */
    int line_first, line_last;   /* 1-based source lines of the heading and all its text */
    struct ImportNode *children; /* first child finding */
    struct ImportNode *children_last; /* last child, for appending */
    struct ImportNode *next;          /* next sibling */
    ImportMeasure *measures;          /* first measure */
    ImportMeasure *measures_last;     /* last measure, for appending */
    int n_children, n_measures;       /* list lengths */
} ImportNode;

typedef struct ImportWarning {
    int line;            /* 1-based source line */
    const char *message; /* one line, lowercase English */
    struct ImportWarning *next;
} ImportWarning;

typedef struct ImportSection {
    GrammarSection role; /* what the heading announces */
    int line;            /* the heading's line */
    const char *heading; /* the heading's text */
    struct ImportSection *next;
} ImportSection;

typedef struct ImportOutcome {
    const char *type; /* 立案, 诫勉 … */
    int64_t count;    /* persons or cases */
    struct ImportOutcome *next;
} ImportOutcome;

typedef struct ImportLine {
    int no;              /* 1-based line number */
    const char *s;       /* text without indentation and trailing blanks (not NUL-ended) */
    size_t n;            /* its length in bytes */
    GrammarSection role; /* the section it belongs to */
} ImportLine;

#define IMPORT_MAX_CONTACTS 8

typedef struct ImportDoc {
    Arena *arena; /* owns everything below */
    /* the source */
    const char *file;     /* file name as given */
    char sha256[65];      /* hex SHA-256 of the file's bytes */
    const char *encoding; /* "utf-8", "gb18030", "utf-16" */
    const char *format;   /* "text", "markdown", "docx" */
    ImportLine *lines;    /* every line, n_lines of them */
    int n_lines;
    /* the inspection */
    const char *title;   /* the document's title line, or NULL */
    const char *group;   /* 省委第九巡视组, or NULL */
    InspectionKind kind; /* from the group: xunshi or xuncha */
    const char *target;  /* 湖里区委, or NULL */
    Day onsite_start, onsite_end, feedback_on, published_on; /* DAY_NONE when absent */
    const char *signer;                      /* 中共厦门市湖里区委, or NULL */
    const char *phones[IMPORT_MAX_CONTACTS]; /* contact telephone numbers */
    int n_phones;
    const char *emails[IMPORT_MAX_CONTACTS]; /* contact e-mail addresses */
    int n_emails;
    const char *address; /* postal address, or NULL */
    /* what it states */
    double figures[32];        /* by FigureKey (db/vocab.h) */
    bool has_figure[32];       /* which of figures are stated */
    ImportOutcome *outcomes;   /* clue outcomes in order of first mention */
    ImportNode *findings;      /* the top-level findings */
    ImportNode *findings_last; /* the last of them, for appending */
    int n_findings;
    ImportSection *sections;      /* the section headings met */
    ImportWarning *warnings;      /* in line order */
    ImportWarning *warnings_last; /* the last of them, for appending */
    int n_warnings;
} ImportDoc;

/*
** Decode a text file's bytes into UTF-8: a UTF-8 BOM is dropped, UTF-16 with a BOM and GB18030
** are converted with iconv, CR LF becomes LF. *text (NUL-terminated, in arena) and *encoding
** receive the result. Fails with ERR_INPUT for an empty file, a binary file, or text that is
** neither UTF-8 nor GB18030 (naming the line of the first bad byte), ERR_TOO_LARGE over
** IMPORT_MAX_BYTES.
*/
int import_decode(Arena *arena, const char *data, size_t len, const char **text, size_t *text_len,
                  const char **encoding, Err *err);

/*
** Read a .docx held in memory into lines of UTF-8 text: one line per paragraph, automatic
** numbering rendered into the paragraph ("（一）", "1."), each table row as one line whose
** cells are separated by a tab (paragraphs inside a cell by a vertical tab, 0x0B). Refuses
** damaged or truncated zips, parts over IMPORT_MAX_BYTES uncompressed (zip bombs) and XML with
** a DOCTYPE (entity expansion). *text is NUL-terminated, in arena.
*/
int import_docx(Arena *arena, const char *data, size_t len, const char **text, size_t *text_len,
                Err *err);

/*
** Parse UTF-8 text (valid, NUL-terminated at text[len]) into doc, which must have been zeroed
** and given its arena. markdown strips heading and list marks and reads pipe tables. Never
** fails: what cannot be placed becomes a warning.
*/
void import_parse(ImportDoc *doc, const char *text, size_t len, bool markdown);

/*
** Load a document from bytes: detect the format (a zip is a .docx; a name ending in .md is
** Markdown; anything else is text), hash, decode and parse into doc (zeroed here). name is
** recorded as the source file. Fails as import_decode and import_docx do, naming the file.
*/
int import_load_bytes(ImportDoc *doc, Arena *arena, const char *name, const char *data, size_t len,
                      Err *err);

/* Read the file at path (at most IMPORT_MAX_BYTES) and import_load_bytes it. */
int import_load_file(ImportDoc *doc, Arena *arena, const char *path, Err *err);

/* Append the dry-run JSON of SPEC §7.1 (one object, then a newline) to out. */
void import_json(const ImportDoc *doc, Buf *out);

/* Append the tree for people to read (debug-parse) to out. */
void import_debug(const ImportDoc *doc, Buf *out);

/* Totals over the tree, for summaries and tests. */
typedef struct ImportCounts {
    int by_level[LEVEL__COUNT]; /* findings per level */
    int measures;               /* all measures */
} ImportCounts;
void import_count(const ImportDoc *doc, ImportCounts *out);

/* What import_write did. */
typedef struct ImportResult {
    int64_t inspection_id;  /* the new (or already existing) inspection */
    bool unchanged;         /* the same file was imported before: nothing written */
    int findings, measures; /* rows written */
    int differences;        /* lines of differences against an earlier import */
} ImportResult;

/*
** Write doc as a new inspection in one BEGIN IMMEDIATE transaction: the inspection with its
** source file and SHA-256, figures, findings (problem statuses as overrides with a reason),
** and measures, all with their source lines. When a document with the same SHA-256 was
** imported already, nothing is written and res->unchanged is set. When an inspection of the
** same group and target came from a different file, the differences are appended to diff
** (one per line) and, unless as_new, nothing is written and the call fails with ERR_CONFLICT.
*/
int import_write(Db *db, const ImportDoc *doc, bool as_new, ImportResult *res, Buf *diff, Err *err);

#endif
