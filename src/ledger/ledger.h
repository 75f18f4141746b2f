/*
** ledger.h: one inspection's ledger in memory: the inspection, its findings (by id) and its
** measures (in ledger order, with owners and report days), as the rules and reports need it.
*/
#ifndef ZG_LEDGER_H
#define ZG_LEDGER_H

#include "base/arena.h"
#include "db/db.h"
#include "db/model.h"

typedef struct Ledger {
    Inspection in;      /* the inspection */
    Finding *findings;  /* sorted by id, parents first */
    int n_findings;
    Measure *measures;  /* ledger order, owners and report days loaded */
    int n_measures;
} Ledger;

/* Load inspection_id's ledger into *out, everything in arena. ERR_NOTFOUND when absent. */
int ledger_load(Db *db, Arena *arena, int64_t inspection_id, Ledger *out, Err *err);

/* The body of one action's transaction: ctx is the action's own context; arena is scratch. */
typedef int (*LedgerTxFn)(Db *db, Arena *arena, void *ctx, Err *err);

/*
** Run fn in one BEGIN IMMEDIATE transaction with a scratch arena (freed after), committing when
** fn returns 0 and rolling back otherwise (db_finish), so that a refused action changes nothing.
*/
int ledger_tx(Db *db, LedgerTxFn fn, void *ctx, Err *err);

#endif
