/*
** owe_store.h: the daily loop's open items that someone must act on, read in one query: co-units'
** reports waiting for the lead unit, supervisions waiting for a response, instructions not yet
** acknowledged, spot-check items not yet checked. ledger/owe.c merges them with the measures'
** own duties (ledger_owes).
*/
#ifndef ZG_OWE_STORE_H
#define ZG_OWE_STORE_H

#include "base/arena.h"
#include "db/db.h"

typedef enum OweStoreKind {
    OWE_STORE_ACCEPT,  /* a co-unit's submitted report: the lead unit accepts or returns it */
    OWE_STORE_RESPOND, /* an open supervision: its unit responds */
    OWE_STORE_ACK,     /* an instruction: the lead unit acknowledges it */
    OWE_STORE_SPOT,    /* a drawn measure: the office checks it on site */
} OweStoreKind;

typedef struct OweRow {
    OweStoreKind kind;     /* what is owed */
    int64_t unit_id;       /* the unit that owes it (0 for the office) */
    int64_t inspection_id; /* the inspection */
    int64_t measure_id;    /* the measure, or 0 (a supervision of a unit or a problem) */
    int64_t object_id;     /* the report, supervision, instruction or spot check */
    const char *title;     /* the measure's title, or the supervision's target */
    Day due;               /* a deadline, or DAY_NONE */
    Day since;             /* when it arose */
} OweRow;

/*
** The open items of unit unit_id (0: every unit's) when units is true, and the office's of
** organisation org_unit_id (0: every organisation's) when office is true, newest first, at
** most limit.
*/
int owe_store_loop(Db *db, Arena *arena, int64_t unit_id, bool units, int64_t org_unit_id,
                   bool office, int limit, OweRow **out, int *n, Err *err);

#endif
