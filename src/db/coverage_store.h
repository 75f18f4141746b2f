/*
** coverage_store.h: the coverage check of a plan read by SQL, so that it costs the gaps it
** shows and not a load of the ledger. ledger/plan.c's plan_coverage, over a loaded ledger, stays
** the one definition (the issue checks against it); unit/test_coverage_sql compares the two.
*/
#ifndef ZG_COVERAGE_STORE_H
#define ZG_COVERAGE_STORE_H

#include "base/arena.h"
#include "db/db.h"
#include "db/model.h"

typedef struct PlanGap {
    GapKind kind;       /* what is missing */
    int64_t finding_id; /* the finding (GAP_NO_MEASURE) or the measure's finding */
    int64_t measure_id; /* the measure, 0 for GAP_NO_MEASURE */
    const char *label;  /* its printed label */
    const char *title;  /* its title */
} PlanGap;

/*
** The gaps of inspection_id's plan in plan_coverage's order (the findings without children or
** measures, then each measure in force in ledger order, lead unit, leader, deadline): the first
** `limit` into an arena array *out of *n, and how many there are in all in *total. 0, or -1.
*/
int coverage_store_gaps(Db *db, Arena *arena, int64_t inspection_id, int limit, PlanGap **out,
                        int *n, int *total, Err *err);

#endif
