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
} MeasureFilter;

#define MEASURE_FILTER_ALL                                                                         \
    {                                                                                              \
        0, 0, 0, -1, 0, 0, NULL, false                                                             \
    }

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
/* Load one measure with everything; ERR_NOTFOUND when absent. */
int measure_store_get(Db *db, Arena *arena, int64_t id, Measure *out, Err *err);
/*
** Move a measure from state `from` to m's state, writing m's return_count, percent,
** closed_on and revisit_due. Fails
** with ERR_CONFLICT when the stored state is no longer `from` (a concurrent change).
*/
int measure_store_update_state(Db *db, const Measure *m, MeasureState from, Err *err);
/* Record (or clear, with NULL) the office's waiver of evidence for close-out. */
int measure_store_set_waiver(Db *db, int64_t id, const char *reason, Err *err);

#endif
