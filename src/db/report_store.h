/*
** report_store.h: what the generated reports read besides the ledger itself — the narrative
** blocks of the published report, the registers they count (meetings, mechanisms, recoveries,
** clues and their outcomes), the latest accepted progress of each measure, the names of the
** units and leaders an inspection assigns work to — and the `report` rows that record every
** generated report (SPEC §3, §7.3).
*/
#ifndef ZG_REPORT_STORE_H
#define ZG_REPORT_STORE_H

#include "base/arena.h"
#include "db/db.h"
#include "db/model.h"
#include "db/vocab.h"

/* The counts of one inspection's registers. */
typedef struct ReportCounts {
    int meetings[MEETING__COUNT];  /* meetings per kind */
    int mechanisms_new;            /* rules created (建立) */
    int mechanisms_revised;        /* rules revised (修订完善) */
    int64_t refund_fen;            /* money refunded (清退), in fen */
    int64_t loss_fen;              /* economic losses recovered (挽回), in fen */
    int clues;                     /* transferred clues (问题线索) */
    int petitions;                 /* transferred petitions (信访件) */
    int concluded;                 /* of both, concluded (办结) */
    int disposal[DISPOSAL__COUNT]; /* of both, per disposal */
} ReportCounts;

/* Persons per clue outcome type and subtype, summed over the inspection's clues. */
typedef struct ReportOutcome {
    const char *type;    /* 立案, 党纪处分, 诫勉 … */
    const char *subtype; /* 警告, 严重警告 … or "" */
    int64_t persons;     /* persons (or cases) */
} ReportOutcome;

/* One clue subject with what befell them, for reports that name them (opt-in). */
typedef struct ReportSubject {
    int64_t clue_id;      /* the clue */
    const char *kind;     /* clue or petition */
    const char *name;     /* subject's name */
    const char *post;     /* subject's post, may be "" */
    const char *outcomes; /* "党纪处分（警告）、诫勉", "" when none yet */
} ReportSubject;

/* The latest accepted progress report of a measure. */
typedef struct ReportProgress {
    int64_t measure_id; /* the measure */
    const char *body;   /* the report's text */
    Day reported_on;    /* the day it was submitted */
} ReportProgress;

/*
** The report functions below take a cutoff: DAY_NONE for the registers as they are now, or a
** past day to count only what had happened (dates on or before it) and had been entered (entry
** time before the next day) by the end of that day.
*/
/* The counts of inspection_id's registers into *out. 0, or -1 with err. */
int report_store_counts(Db *db, int64_t inspection_id, Day cutoff, ReportCounts *out, Err *err);
/*
** Persons per (type, subtype) over inspection_id's clue outcomes, ordered by type then subtype,
** into an arena array *out of *n.
*/
int report_store_outcomes(Db *db, Arena *arena, int64_t inspection_id, Day cutoff,
                          ReportOutcome **out, int *n, Err *err);
/* The subjects of inspection_id's clues that have outcomes, by clue id (arena array). */
int report_store_subjects(Db *db, Arena *arena, int64_t inspection_id, Day cutoff,
                          ReportSubject **out, int *n, Err *err);
/*
** The latest accepted progress report of every measure of inspection_id that has one, by
** measure id (arena array). Ties on the day go to the later report.
*/
int report_store_latest_progress(Db *db, Arena *arena, int64_t inspection_id, Day cutoff,
                                 ReportProgress **out, int *n, Err *err);
/* The units that lead or share inspection_id's measures, by id (arena array). */
int report_store_unit_names(Db *db, Arena *arena, int64_t inspection_id, IdName **out, int *n,
                            Err *err);
/* The persons who lead inspection_id's measures, by id (arena array). */
int report_store_person_names(Db *db, Arena *arena, int64_t inspection_id, IdName **out, int *n,
                              Err *err);

/* What the timeline says of one measure at the end of a past day (report_store_history). */
typedef struct ReportHistory {
    int64_t measure_id; /* a measure that has timeline events */
    const char *state;  /* the state its last event before the cutoff led to, or NULL */
    const char *first;  /* the state before its first event, or NULL */
    int returns;        /* events of the return action before the cutoff */
    Day closed_on;      /* the day of its last event to a closing state, DAY_NONE if none */
} ReportHistory;

/*
** For every measure of inspection_id with timeline events, what its events up to the end of
** cutoff say (ReportHistory), by measure id (arena array). The caller names the return action
** and the two closing states (the ledger layer owns those words).
*/
int report_store_history(Db *db, Arena *arena, int64_t inspection_id, Day cutoff,
                         const char *return_action, const char *closed, const char *phase_complete,
                         ReportHistory **out, int *n, Err *err);

/* The headline figure key of inspection_id as stated by its document into *value (arena), NULL
   when it states none. */
int report_store_figure(Db *db, Arena *arena, int64_t inspection_id, const char *key,
                        const char **value, Err *err);

/* The text of a narrative block into *body (arena), NULL when unset. */
int report_store_text_get(Db *db, Arena *arena, int64_t inspection_id, const char *block,
                          const char **body, Err *err);
/* Set (insert or replace) a narrative block. ERR_NOTFOUND when the inspection is absent. */
int report_store_text_set(Db *db, int64_t inspection_id, const char *block, const char *body,
                          Err *err);
/*
** Record a generated report: kind (tongbao, dispatch, stats, ledger), format (md, docx …) and
** the SHA-256 of its bytes, generated now by nobody in particular (the CLI); *id the new row.
*/
int report_store_record(Db *db, int64_t inspection_id, const char *kind, const char *format,
                        const char *sha256, int64_t *id, Err *err);

#endif
