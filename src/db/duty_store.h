/*
** duty_store.h: who owes what on a day as SQL (issue 11): every duty of ledger_owed (ledger/
** owe.c, the one definition) as a predicate over stored, indexed columns, so that the count
** beside 待办 and a page of the inbox cost the scope's duties, not a load of its measures.
** Counts are per kind; a page is keyset-paged newest first (since, measure, kind, object), the
** order of ledger_owed. tests/unit/test_duty_sql.c compares both with ledger_owed.
*/
#ifndef ZG_DUTY_STORE_H
#define ZG_DUTY_STORE_H

#include "base/arena.h"
#include "db/db.h"
#include "db/dash_store.h"
#include "db/measure_store.h"

/* The kinds of what is owed (ledger/owe.h's OwedKind); the first six keep OweKind's values. */
typedef enum DutyKind {
    DUTY_REPORT,      /* the lead unit owes this cycle's progress report */
    DUTY_COMPLETION,  /* the lead unit is past the deadline */
    DUTY_LEAD_REVIEW, /* the lead unit reviews the submitted completion */
    DUTY_SIGNOFF,     /* a leader signs off */
    DUTY_VERIFY,      /* the office verifies */
    DUTY_REVISIT,     /* the office revisits a closed measure */
    DUTY_ACCEPT,      /* the lead unit accepts or returns a co-unit's report */
    DUTY_RESPOND,     /* the unit answers a supervision */
    DUTY_ACK,         /* the lead unit acknowledges an instruction */
    DUTY_SPOT,        /* the office checks a drawn measure on site */
    DUTY__COUNT
} DutyKind;

/* Whose duties: any of the three parts (0 / false: not that part). */
typedef struct DutyScope {
    int64_t unit_id;     /* this lead unit's */
    int64_t person_id;   /* this leader's */
    bool office;         /* the office's ... */
    int64_t org_unit_id; /* ... of this organisation (0: every one) */
} DutyScope;

/* A row's place in the order, newest first: the keyset cursor. */
typedef struct DutyKey {
    Day since;          /* when it arose (descending) */
    int64_t measure_id; /* the measure, or 0 (descending) */
    int kind;           /* DutyKind (ascending) */
    int64_t object_id;  /* the report, supervision, instruction, spot check or 0 (descending) */
} DutyKey;

/* One duty of a page. */
typedef struct DutyRow {
    DutyKind kind;         /* what is owed */
    int64_t unit_id;       /* the unit that owes it, or 0 */
    int64_t person_id;     /* the leader who owes it, or 0 */
    bool office;           /* the office owes it */
    int64_t inspection_id; /* the inspection */
    int64_t measure_id;    /* the measure, or 0 */
    int64_t object_id;     /* the report, supervision, instruction or spot check, or 0 */
    Day due;               /* by when, or DAY_NONE */
    Day since;             /* when it arose */
    const char *title;     /* the measure's title, or the supervision's target; arena-owned */
} DutyRow;

/*
** Count s's duties on day->day per kind into counts[DUTY__COUNT]: one row of per-kind counts,
** each an index range of the scope or a sum over a tally (migrate_duty.sql). Returns 0 or -1.
*/
int duty_store_count(Db *db, const DutyScope *s, const MeasureLightDay *day,
                     int64_t counts[DUTY__COUNT], Err *err);
/*
** At most limit duties of s on day->day into an arena array *out of *n, newest first: the first
** ones (after NULL), those after *after, or with backward those just before *after (still
** returned newest first). Each kind is read in the order up to limit rows (an index read where
** its order is an index's); titles are read for the page's rows only.
*/
int duty_store_page(Db *db, Arena *arena, const DutyScope *s, const MeasureLightDay *day,
                    const DutyKey *after, bool backward, int limit, DutyRow **out, int *n,
                    Err *err);
/*
** A measure's own duties of s in inspection_id on day->day (DUTY_REPORT to DUTY_REVISIT, those of
** ledger_owes): the count per kind into counts[DUTY__COUNT] (the others 0), and of each kind the
** first `limit` by when they are owed, then in ledger order, into an arena array *out of *n
** (their rows' kind is the DutyKind, due by when it is owed, light the measure's on the day).
*/
int duty_store_own(Db *db, Arena *arena, const DutyScope *s, int64_t inspection_id,
                   const MeasureLightDay *day, int limit, DashMeasureRow **out, int *n,
                   int64_t counts[DUTY__COUNT], Err *err);

#endif
