/*
** owe.h: who owes what on a date (SPEC §4), the one computation behind the web inbox, the
** `remind` command and the webhook deliveries: the measures' duties (ledger_owes: reports,
** completion, reviews, sign-off, verification, revisits) and the daily loop's open items
** (co-units' reports to accept, supervisions to answer, instructions to acknowledge, spot
** checks to make), each with the party that owes it: a unit, a leader (person) or the office.
*/
#ifndef ZG_OWE_H
#define ZG_OWE_H

#include "base/arena.h"
#include "db/db.h"
#include "ledger/stats.h"

typedef enum OwedKind {
    OWED_REPORT,      /* OWE_REPORT … OWE_REVISIT keep their values */
    OWED_COMPLETION,
    OWED_LEAD_REVIEW,
    OWED_SIGNOFF,
    OWED_VERIFY,
    OWED_REVISIT,
    OWED_ACCEPT,      /* accept or return a co-unit's report (the lead unit) */
    OWED_RESPOND,     /* answer a supervision (its unit) */
    OWED_ACK,         /* acknowledge a leader's instruction (the lead unit) */
    OWED_SPOT,        /* check a drawn measure on site (the office) */
    OWED__COUNT
} OwedKind;

typedef struct Owed {
    OwedKind kind;         /* what is owed */
    int64_t unit_id;       /* the unit that owes it, or 0 */
    int64_t person_id;     /* the leader who owes it, or 0 */
    bool office;           /* the office owes it */
    int64_t inspection_id; /* the inspection */
    int64_t measure_id;    /* the measure, or 0 */
    int64_t object_id;     /* the report, supervision, instruction or spot check, or 0 */
    const char *title;     /* what it is about */
    Day due;               /* by when, or DAY_NONE */
    Day since;             /* when it arose (the newest first) */
} Owed;

/* Whose duties to gather; several parts may be set (a user with several roles). */
typedef struct OweScope {
    int64_t unit_id;     /* this unit's, or 0 */
    int64_t person_id;   /* this leader's, or 0 */
    bool office;         /* the office's */
    int64_t org_unit_id; /* the office's organisation (0: every one) */
    bool everyone;       /* every unit's, leader's and office's (remind, webhooks) */
} OweScope;

/* At most this many items are gathered per part (an inbox shows the newest). */
#define OWE_MAX_ITEMS 1000

/*
** What the parties of scope owe on as_of, newest first, into an arena array *out of *n.
** Costs one load of the scope's measures (a unit's, a leader's, the organisation's) plus one
** query for the loop's open items.
*/
int ledger_owed(Db *db, Arena *arena, const OweScope *scope, Day as_of, Owed **out, int *n,
                Err *err);
/* Stored name ("respond") and Chinese label ("反馈督办") of a kind. */
const char *ledger_owed_name(OwedKind k);
const char *ledger_owed_label(OwedKind k);

#endif
