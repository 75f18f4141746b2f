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
/* Bounds of a spreadsheet: zip parts, bytes uncompressed over all parts, rows over all sheets. */
#define IMPORT_MAX_ZIP_ENTRIES 10000
#define IMPORT_MAX_UNZIPPED ((size_t)256 * 1024 * 1024)
#define IMPORT_MAX_ROWS 100000

/* A person or unit named by a document, and where; id once matched (import_resolve). */
typedef struct ImportName {
    const char *name;  /* as printed */
    const char *where; /* "sheet '台账' row 5 column D (责任领导)" or "line 42" */
    int64_t id;        /* the matched person or unit, 0 while unknown */
    bool is_unit;      /* a unit (else a person) */
} ImportName;

typedef struct ImportMeasure {
    const char *label;          /* "一是", "1." … as printed, or NULL */
    const char *title;          /* short title (a heading-like first sentence) or NULL */
    const char *text;           /* the measure's whole text */
    Day deadline;               /* DAY_NONE when none stated */
    bool long_term;             /* 长期坚持 */
    bool immediate;             /* 立行立改 */
    int line_first, line_last;  /* 1-based source lines (spreadsheet rows) */
    const char *target;         /* 目标要求, or NULL */
    ImportName *leaders;        /* 责任领导, n_leaders of them */
    int n_leaders;
    ImportName lead_unit;       /* 牵头单位; name NULL when none */
    ImportName *co_units;       /* 配合单位, n_co_units of them */
    int n_co_units;
    bool has_kind;              /* a ledger's 整改类型 states the kind … */
    MeasureKind kind;           /* … this one */
    int state;                  /* MeasureState the ledger states, or -1 (0 from documents) */
    int percent;                /* 完成进度 the ledger states (0..100), or -1 (0 from documents) */
    const char *progress;       /* latest progress as stated, or NULL */
    Day progress_on;            /* the day that progress is dated, DAY_NONE: the import's day */
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
    const char *message; /* one line: lowercase English, or Chinese where a clerk must act */
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
    int figure_line[32];       /* the line that states each */
    ImportOutcome *outcomes;   /* clue outcomes in order of first mention */
    ImportNode *findings;      /* the top-level findings */
    ImportNode *findings_last; /* the last of them, for appending */
    int n_findings;
    ImportSection *sections;      /* the section headings met */
    ImportName *unknown;          /* names import_resolve could not match, n_unknown */
    int n_unknown;
    int unknown_units, unknown_persons; /* how many of each */
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
** Load a document from bytes: detect the format (a zip with xl/workbook.xml is an .xlsx ledger,
** another zip a .docx; a name ending in .csv is a CSV ledger, in .md Markdown; anything else is
** text), hash, decode and parse into doc (zeroed here). name is recorded as the source file.
** Fails as import_decode and import_docx do, naming the file; a ledger that cannot be read
** (no header row, a cell that is not a date …) fails naming the sheet, row and column.
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

/* The clerk's mapping of names a document prints to names the organisation knows. */
typedef struct ImportMap {
    const char **from, **to; /* n pairs, in the arena */
    int n;
} ImportMap;

/*
** Parse a mapping, one pair a line (FROM=TO, FROM<TAB>TO or FROM,TO; # comments), into map
** (strings in a). Fails with ERR_INPUT naming the line of a malformed pair.
*/
int import_map_parse(Arena *a, const char *text, size_t len, ImportMap *map, Err *err);

/*
** Match every leader, lead unit and co-unit doc names to a person or unit (after map, which
** may be NULL), filling their ids; names that match nothing are listed in doc->unknown (first
** place each is named) or, when create is true, created (units of kind other, persons without
** a post). Reads only, unless create. Fails only on a database error.
*/
int import_resolve(Db *db, ImportDoc *doc, const ImportMap *map, bool create, Err *err);

/* How to write an import (import_write_opts). */
typedef struct ImportOptions {
    bool as_new;          /* a new inspection even when one of the same group and target exists */
    int64_t inspection_id; /* merge into this inspection (0: a new one) */
    bool create_unknown;  /* create the persons and units no name matches */
    const ImportMap *map; /* the clerk's mapping of names, or NULL */
    const char *actor;    /* who imports, for the audit log ("cli" when NULL) */
} ImportOptions;

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

/*
** import_write with options: merge into opts->inspection_id (findings matched by level, label
** and title under the same parent, measures by text; only what is new is written, and nothing
** new at all sets res->unchanged), owners resolved as import_resolve does. A name that matches
** nothing fails the import with ERR_INPUT naming it and where it was read (nothing written),
** unless opts->create_unknown. doc is not const: owners' ids are filled in.
*/
int import_write_opts(Db *db, ImportDoc *doc, const ImportOptions *opts, ImportResult *res,
                      Buf *diff, Err *err);

#endif
