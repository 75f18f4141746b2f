/*
** apply.h: performing a workflow action on a measure in the database: the check of
** workflow.h, the state change, its progress report or review, the timeline event and the
** audit entry, all in one BEGIN IMMEDIATE transaction, so that a refused or failed action
** changes nothing.
*/
#ifndef ZG_APPLY_H
#define ZG_APPLY_H

#include "db/db.h"
#include "db/vocab.h"
#include "ledger/workflow.h"

/* Months from close-out to the revisit when the inspection says nothing else. */
#define LEDGER_REVISIT_MONTHS 6
/* day plus months, the day of month clamped to the month's end (a revisit's due date). */
Day ledger_add_months(Day day, int months);

typedef struct ApplyResult {
    MeasureState from; /* state before */
    MeasureState to;   /* state after */
} ApplyResult;

/*
** Apply action to measure measure_id as actor on day `today` (the progress report's day and the
** close-out day). comment: the reason, or for ACTION_REPORT the progress text. On success fill
** *res and return 0; otherwise -1 with err (see workflow_check, plus ERR_NOTFOUND and ERR_DB),
** and the database is unchanged.
*/
int ledger_apply(Db *db, const Actor *actor, int64_t measure_id, Action action,
                 const char *comment, Day today, ApplyResult *res, Err *err);
/*
** The same inside the caller's write transaction (db_begin), whose rollback it leaves to the
** caller; strings go into arena. progress_id, for ACTION_REPORT, names a report already
** written (a draft being submitted) instead of inserting one from comment; 0 otherwise.
*/
int ledger_apply_in(Db *db, Arena *arena, const Actor *actor, int64_t measure_id, Action action,
                    const char *comment, Day today, int64_t progress_id, ApplyResult *res,
                    Err *err);

#endif
