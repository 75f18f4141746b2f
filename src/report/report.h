/*
** report.h: ledger → reports (SPEC §7.2, §7.3). report_load gathers everything a report of one
** inspection needs for a date — the ledger, its statistics and problem statuses, the latest
** accepted progress of each measure, the registers' counts, clue outcomes, narrative blocks and
** names — and report_render writes one kind of report in one format into memory:
**
**   tongbao   整改进展情况通报, the public progress report: md, html, docx
**   dispatch  调度表, the weekly dispatch sheet: md, html, xlsx
**   stats     the statistics: json
**   ledger    台账, the ledger spreadsheet: xlsx, csv
**
** Every figure is computed from the ledger; nothing is stored stale.
*/
#ifndef ZG_REPORT_H
#define ZG_REPORT_H

#include "base/arena.h"
#include "base/buf.h"
#include "db/db.h"
#include "db/report_store.h"
#include "ledger/ledger.h"
#include "ledger/stats.h"

typedef enum ReportKind {
    REPORT_TONGBAO,
    REPORT_DISPATCH,
    REPORT_STATS,
    REPORT_LEDGER,
    REPORT__COUNT
} ReportKind;

typedef enum ReportFormat {
    FORMAT_MD,
    FORMAT_HTML,
    FORMAT_DOCX,
    FORMAT_XLSX,
    FORMAT_CSV,
    FORMAT_JSON,
    FORMAT__COUNT
} ReportFormat;

/* The narrative blocks of the 通报 that the office writes (report_text.block). */
typedef enum ReportText {
    TEXT_ORGANISE, /* organise: 组织整改落实情况 */
    TEXT_LEADER,   /* leader: 主要负责人履行第一责任人职责情况 */
    TEXT_PLAN,     /* plan: 下一步工作打算 */
    TEXT__COUNT
} ReportText;

/* Stored names ("tongbao", "docx", "organise") and parsing (-1 when unknown). */
const char *report_kind_name(ReportKind k);
int report_kind_parse(const char *s);
const char *report_format_name(ReportFormat f);
int report_format_parse(const char *s);
const char *report_text_name(ReportText t);
const char *report_text_label(ReportText t);
int report_text_parse(const char *s);
/* "tongbao|dispatch|stats", "organise|leader|plan" for usage messages. */
const char *report_kind_list(void);
const char *report_text_list(void);
/* The formats kind can be written in, "md|html|docx"; true when f is one of them. */
const char *report_formats_of(ReportKind k);
bool report_supports(ReportKind k, ReportFormat f);
/* True for formats that are not text (docx, xlsx): never written to a terminal. */
bool report_format_binary(ReportFormat f);

/* Everything the reports of one inspection read, for one date. */
typedef struct ReportData {
    Ledger l;                      /* inspection, findings (by id), measures (ledger order) */
    Stats st;                      /* lights, problem statuses and counts for as_of */
    Day as_of;                     /* the report's date */
    bool names;                    /* name clue subjects (the office's opt-in) */
    const char **progress;         /* per measure: latest accepted progress text or NULL */
    const char *text[TEXT__COUNT]; /* the office's narrative blocks, NULL when unset */
    bool history;                  /* rewound to the end of as_of (a past day) */
    bool attach_ledger;            /* the 台账 goes with the 通报: list it as 附件 */
    bool clues_from_document;      /* clue figures from the imported document, not the register */
    ReportCounts counts;           /* meetings, mechanisms, recoveries, clues */
    ReportOutcome *outcomes;       /* clue outcomes by type and subtype */
    int n_outcomes;
    ReportSubject *subjects; /* clue subjects with outcomes (only when names) */
    int n_subjects;
    IdName *units; /* units of the measures, by id */
    int n_units;
    IdName *persons; /* leaders of the measures, by id */
    int n_persons;
    /* the finding tree, by index into l.findings (-1: none) */
    int first_root;     /* the first top-level finding */
    int *first_child;   /* per finding: its first child */
    int *next_sibling;  /* per finding: its next sibling (by ordinal) */
    int *first_measure; /* per finding: index of its first measure in l.measures */
    int *n_measures;    /* per finding: how many measures it has */
    int *finding_of;    /* per measure: index of its finding */
} ReportData;

/*
** Load inspection_id's report data for as_of into *out, everything in arena. names asks for
** the clue subjects' names. ERR_NOTFOUND when the inspection is absent.
*/
int report_load(Db *db, Arena *arena, int64_t inspection_id, Day as_of, bool names, ReportData *out,
                Err *err);
/*
** As report_load, for a report written on today: when as_of is an earlier day, the ledger and
** the registers are rewound to the end of as_of (report_rewind, report_store.h's cutoff), so
** that the report as of a past day is the one that would have been written that day.
*/
int report_load_on(Db *db, Arena *arena, int64_t inspection_id, Day as_of, Day today, bool names,
                   ReportData *out, Err *err);
/* Rewind l's measures to the end of as_of along their timelines (asof.c). */
int report_rewind(Db *db, Arena *arena, Ledger *l, Day as_of, Err *err);
/*
** Write report kind in format f for d into out (bytes; text formats are UTF-8). ERR_USAGE
** when the kind does not come in that format, ERR_IO when a library cannot write it.
** scratch holds what is built on the way.
*/
int report_render(const ReportData *d, Arena *scratch, ReportKind kind, ReportFormat f, Buf *out,
                  Err *err);

/*
** Record a generated report of inspection_id: its `report` row (kind, format, SHA-256 of out)
** and the audit entry of the export (SPEC §9), by actor, saying where it went (target: a file
** name or "stdout"). Call inside the transaction that also delivers the bytes, so that a
** report is recorded exactly when it is handed out. *sha256 receives the hash.
*/
int report_record(Db *db, int64_t inspection_id, const char *kind, const char *format,
                  const Buf *out, const char *actor, const char *target, char sha256[65], Err *err);

/*
** The part of an HTML report (render_html's page) between <main> and </main>: [*start, *start
** + *n) of html. Its bytes are the renderer's literals and escaped text, so a page may embed
** them. false when html is not such a page.
*/
bool report_html_body(const char *html, size_t len, size_t *start, size_t *n);

/* What publishing gave: the publication, or the names that stopped it. */
typedef struct ReportPublished {
    int64_t id;        /* the publication, 0 when refused */
    const char **hits; /* names found in the text and not confirmed (arena) */
    int n_hits;
} ReportPublished;

/*
** The person names (leaders of d's measures, subjects of its clues) that text contains, each
** once (arena array). 0, or -1 with err.
*/
int report_redaction(Db *db, Arena *arena, const ReportData *d, const char *text,
                     const char ***hits, int *n_hits, Err *err);
/*
** Publish d's 通报: render md, html and docx, run the redaction check (names found and not in
** confirmed[0..n_confirmed) stop it: ERR_CONFLICT with out->hits), then in one transaction
** freeze the bytes with their SHA-256 (publication_store.h), record the three report rows and
** audit the publication by actor (user_id 0 for the CLI). out->id the publication.
*/
int report_publish(Db *db, Arena *arena, const ReportData *d, const char *actor, int64_t user_id,
                   const char *const *confirmed, int n_confirmed, ReportPublished *out, Err *err);

/* What the inspection is called in running text: 巡视, 巡察, 审计, 督察, 检查. */
const char *report_kind_word(InspectionKind k);
/* A document's name from the target: 清源区委 + 巡视 + what (整改台账). */
void report_doc_name(Buf *b, const Inspection *in, const char *what);

/* The unit's (short) name, the person's name; "" for 0 or unknown. */
const char *report_unit_name(const ReportData *d, int64_t id);
const char *report_person_name(const ReportData *d, int64_t id);
/* Index of the finding with this id in d->l.findings, -1 when absent. */
int report_finding_index(const ReportData *d, int64_t id);

/*
** Check and tidy a narrative block read from a file: valid UTF-8, at most 64 KiB, a BOM and
** carriage returns dropped, blank lines at either end trimmed, not empty. *out in arena.
*/
int report_text_clean(Arena *arena, const char *data, size_t len, const char **out, Err *err);

/* ---- the builders and writers behind report_render (one file each) ---- */

typedef struct ReportDoc ReportDoc;
/* The 通报 (tongbao.c). */
void report_tongbao(const ReportData *d, ReportDoc *doc);
/* The dispatch sheet (dispatch.c). */
void report_dispatch(const ReportData *d, ReportDoc *doc);
/* The ledger (台账) as one table, a problem's rows in one group (ledger_table.c). */
void report_ledger(const ReportData *d, ReportDoc *doc);

/* ---- sentences about measures (text.c) ---- */

/* Append s as one line: line breaks and the blanks around them dropped, ends trimmed. */
void report_oneline(Buf *b, const char *s);
/* Append 。 unless b is empty or already ends a sentence. */
void report_end_sentence(Buf *b);
/*
** A measure as one paragraph: label, its short title as a heading-like first sentence, then
** progress (the latest accepted report) if given, else the rest of its own text (the plan).
** Importing the paragraph gives back the same title.
*/
void report_measure_text(Buf *b, const Measure *m, const char *label, const char *progress);
/* The deadline as a ledger shows it: 2025年6月30日前, …前并长期坚持, 长期坚持, 立行立改. */
void report_deadline_text(Buf *b, const Measure *m);
/* Why measure k's light is lit (逾期12天；被退回2次 …), "" for none. */
void report_why_text(Buf *b, const ReportData *d, int k);

#endif
