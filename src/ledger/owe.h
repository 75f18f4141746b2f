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
#include "db/duty_store.h"
#include "ledger/stats.h"

/*
** What is owed, and one duty: duty_store.h's kinds and rows, so that the SQL and this file's C
** gather the same record (DUTY_REPORT … DUTY_REVISIT keep OweKind's values).
*/
typedef DutyKind OwedKind;
typedef DutyRow Owed;

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
** query for the loop's open items: the one definition, for `remind` and the webhooks (scope
** everyone); pages and counts use ledger_owed_page and ledger_owed_count, which a test compares
** with it. The order is total: since, then measure, descending; kind ascending; object, unit and
** person descending.
*/
int ledger_owed(Db *db, Arena *arena, const OweScope *scope, Day as_of, Owed **out, int *n,
                Err *err);
/*
** The count of what scope owes on as_of, per kind into counts[DUTY__COUNT] and in all into
** *total, as SQL over indexed columns (db/duty_store.c): the same duties as ledger_owed, at the
** cost of the scope's duties rather than of its measures (the navigation bar's count).
** scope->everyone is not supported (remind and webhooks use ledger_owed). Returns 0 or -1.
*/
int ledger_owed_count(Db *db, const OweScope *scope, Day as_of, int64_t counts[DUTY__COUNT],
                      int64_t *total, Err *err);
/*
** One page of what scope owes on as_of, in ledger_owed's order (newest first): at most limit
** items into an arena array *out of *n, the first ones (after NULL), those after *after, or with
** backward those just before *after. Titles are read for the page's items only.
*/
int ledger_owed_page(Db *db, Arena *arena, const OweScope *scope, Day as_of, const DutyKey *after,
                     bool backward, int limit, Owed **out, int *n, Err *err);
/* The keyset cursor of an item: its place in ledger_owed's order. */
DutyKey ledger_owed_key(const Owed *o);
/* Stored name ("respond") and Chinese label ("反馈督办") of a kind. */
const char *ledger_owed_name(OwedKind k);
const char *ledger_owed_label(OwedKind k);

#endif
