/*
** measure_store.h: measures with their leaders and co-units, and the facts the ledger rules
** need about them (report days, evidence count, on-site check).
*/
#ifndef ZG_MEASURE_STORE_H
#define ZG_MEASURE_STORE_H

#include "base/arena.h"
#include "db/db.h"
#include "db/model.h"

typedef struct MeasureFilter {
    int64_t inspection_id; /* 0: any */
    int64_t unit_id;       /* 0: any; else lead unit or co-unit */
    int64_t leader_id;     /* 0: any; else a leader (person) of the measure */
    int state;             /* -1: any; else a MeasureState */
    int64_t measure_id;    /* 0: any; else just this measure */
    int64_t org_unit_id;   /* 0: any; else inspections of this organisation (root unit) */
    const char *text;      /* NULL: any; else words in the title or text (full-text search) */
    bool issued_only;      /* only measures of issued plans (what a unit may see) */
    bool open;             /* only measures not closed (every state but closed) */
    bool lead_only;        /* with unit_id: only the measures that unit leads */
    int64_t finding_id;    /* 0: any; else the measures of this finding (a tree's problem) */
} MeasureFilter;

#define MEASURE_FILTER_ALL {0, 0, 0, -1, 0, 0, NULL, false, false, false, 0}

/*
** What the light predicates need of a day beyond the stored columns: the day, and per report
** cycle (ReportCycle) the start of the cycle containing it and the day's place in that cycle
** (1 on its first day). ledger_light_day (ledger/light.h) fills it once per request from the
** one definition of the cycles.
*/
typedef struct MeasureLightDay {
    Day day;                           /* the date the lights are for */
    Day cycle_start[CYCLE__COUNT];     /* first day of the cycle containing day, per cycle */
    int cycle_offset[CYCLE__COUNT];    /* day - cycle_start + 1 */
} MeasureLightDay;

/* The light values the SQL gives: Light's (ledger/light.h checks that they agree). */
enum { MEASURE_LIGHT_GREEN, MEASURE_LIGHT_YELLOW, MEASURE_LIGHT_RED, MEASURE_LIGHT_CLOSED };

/* The orders a page of measures can come in, each read along an index (migrate_pagecost.sql). */
typedef enum MeasureOrder {
    MEASURE_ORDER_DEADLINE, /* key: deadline (none last), id */
    MEASURE_ORDER_LEDGER,   /* key: inspection, finding, ordinal, id */
    MEASURE_ORDER_STATE,    /* key: state (MeasureState order), deadline, id */
    MEASURE_ORDER_UNIT,     /* key: lead unit (none last), deadline, id */
    MEASURE_ORDER__COUNT
} MeasureOrder;

/* The keyset cursor: the last row's key; deadlines as Day (DAY_NONE or INT32_MAX: none). */
typedef struct MeasureKey {
    int64_t k[3]; /* the key's leading components in the order's sequence */
    int64_t id;   /* the measure id */
} MeasureKey;

/* One page of measures. */
typedef struct MeasurePageQuery {
    MeasureFilter filter;      /* which measures */
    int light;                 /* -1: any; else only this MEASURE_LIGHT_* on day */
    const MeasureLightDay *day;/* the day of the lights (needed when light >= 0) */
    MeasureOrder order;        /* the order */
    bool has_after;            /* start after `after` (else at the first row) */
    MeasureKey after;          /* the previous page's last key */
    int limit;                 /* rows wanted, >= 1 */
    bool backward;             /* rows up to and including `after`, last first */
} MeasurePageQuery;

enum {
    MEASURE_LOAD_OWNERS = 1,  /* fill leader_ids and co_unit_ids */
    MEASURE_LOAD_REPORTS = 2, /* fill report_days */
};

/* Insert m (id ignored) with its leaders and co-units; set m->id. */
int measure_store_insert(Db *db, Measure *m, Err *err);
/* Add m's leaders and co-units to measure m->id (ones it has already are kept). */
int measure_store_add_owners(Db *db, const Measure *m, Err *err);
/*
** Load the measures matching filter (withdrawn ones only when filtering by measure id), in ledger
*order (inspection, finding, ordinal), into an
** arena array *out of *n. what is a set of MEASURE_LOAD_* for the optional parts. n_evidence
** and onsite_passed are always filled.
*/
int measure_store_load(Db *db, Arena *arena, const MeasureFilter *filter, unsigned what,
                       Measure **out, int *n, Err *err);
/*
** The ids of q's page, in its order (an array in arena): measure_store_page without the rows, for a
** caller that keeps rows by id (the web's list cache) and reads the missing ones with
** measure_store_page_rows.
*/
int measure_store_page_ids(Db *db, Arena *arena, const MeasurePageQuery *q, int64_t **ids, int *n,
                           Err *err);
/*
** The rows of the measures ids[0..n) as measure_store_page reads them, in no particular order
** (one query; an id without a row is left out). A bad row fails with ERR_DB.
*/
int measure_store_page_rows(Db *db, Arena *arena, const int64_t *ids, int n, Measure **out,
                            int *n_out, Err *err);
/*
** The first q->limit measures matching q's filter (and light) whose key comes after q->after in
** q->order (with q->backward: those up to and including it, in reverse order): an index range
** read, so a page costs its rows, not the ledger's. Rows come into an arena array *out of *n
** without their owners (leaders, co-units: view_store_parts) and without what a list does not
** show: body and target are "", n_evidence and onsite_passed 0. A row's report_days hold only
** its latest submitted or accepted report day (none when it has none): enough for
** ledger_light on any day not before it (view_store_parts reads the others).
*/
int measure_store_page(Db *db, Arena *arena, const MeasurePageQuery *q, Measure **out, int *n,
                       Err *err);
/*
** How many measures match filter (and, when light >= 0, have that light on day): a count over
** the index of the driving filter.
*/
int measure_store_count(Db *db, const MeasureFilter *filter, int light, const MeasureLightDay *day,
                        int64_t *n, Err *err);
/*
** True when measure_store_count answers f (and light) from the tally of one inspection's measures
** per state (measure_tally): an inspection's filter with no light, unit, leader, text or plan
** state. Such a count is then measure_tally_count of the inspection's measure_store_tally, when
** the filter's organisation (if any) is the inspection's.
*/
bool measure_store_tallied(const MeasureFilter *f, int light);
/*
** The measures in force of one inspection per MeasureState, by_state[STATE__COUNT] those of a
** state this program does not know (a bad row is counted, as the count's SQL counts it).
*/
int measure_store_tally(Db *db, int64_t inspection_id, int64_t by_state[STATE__COUNT + 1],
                        Err *err);
/* The count of f's state and open filters over an inspection's tally by state. */
int64_t measure_tally_count(const MeasureFilter *f, const int64_t by_state[STATE__COUNT + 1]);
/* Counts of the measures a filter selects, by state and by light on a day. */
typedef struct MeasureCounts {
    int64_t total;                   /* measures */
    int64_t lead;                    /* of them, led by the filter's unit_id */
    int64_t by_state[STATE__COUNT];  /* per MeasureState */
    int64_t by_light[4];             /* per MEASURE_LIGHT_* on the day */
} MeasureCounts;

/*
** The counts of filter's measures by state, light on day and lead (when filter->unit_id): one
** grouped count over the driving filter's index range (a unit's: measure_party), reading the
** range's rows but none of their texts or parts.
*/
int measure_store_counts(Db *db, const MeasureFilter *filter, const MeasureLightDay *day,
                         MeasureCounts *out, Err *err);
/*
** The light of every measure of inspection_id on day as the SQL predicates compute it, as an
** arena array of (id, MEASURE_LIGHT_*) pairs in id order: for the test that compares them with
** ledger_light.
*/
int measure_store_lights(Db *db, Arena *arena, int64_t inspection_id, const MeasureLightDay *day,
                         int64_t **pairs, int *n, Err *err);
/* What one measure gives the tree of its inspection: its finding and the status it lends it. */
typedef struct MeasureTreeRow {
    int64_t id;         /* the measure */
    int64_t finding_id; /* its finding */
    int status;         /* the ProblemStatus its state gives its problem (ledger/status.c) */
} MeasureTreeRow;

/*
** Every measure filter (and light on day, -1: any) selects, in order's order, as (id, finding,
** status) rows into an arena array: one read of the order's index range and of no text, for a
** tree that counts each problem's measures and shows the first few of them.
*/
int measure_store_tree(Db *db, Arena *arena, const MeasureFilter *filter, int light,
                       const MeasureLightDay *day, MeasureOrder order, MeasureTreeRow **out, int *n,
                       Err *err);
/*
** The distinct lead units (leaders false) or leaders (true) of the measures filter selects, by
** id, into an arena array: the choices of a tree's filter form.
*/
int measure_store_parties(Db *db, Arena *arena, const MeasureFilter *filter, bool leaders,
                          int64_t **ids, int *n, Err *err);
/* Load one measure with everything; ERR_NOTFOUND when absent. */
int measure_store_get(Db *db, Arena *arena, int64_t id, Measure *out, Err *err);
/*
** measure_store_get with only the parts in what (MEASURE_LOAD_*): a write that does not look at
** the measure's report days need not read its whole history.
*/
int measure_store_get_parts(Db *db, Arena *arena, int64_t id, unsigned what, Measure *out,
                            Err *err);
/*
** Move a measure from state `from` to m's state, writing m's return_count, percent,
** closed_on and revisit_due. Fails
** with ERR_CONFLICT when the stored state is no longer `from` (a concurrent change).
*/
int measure_store_update_state(Db *db, const Measure *m, MeasureState from, Err *err);
/* Record (or clear, with NULL) the office's waiver of evidence for close-out. */
int measure_store_set_waiver(Db *db, int64_t id, const char *reason, Err *err);

#endif
