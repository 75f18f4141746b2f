/*
** progress_store.h: the life of one progress report (整改进展) after it is written: load it,
** edit it while a draft, move it through draft → submitted → accepted | returned (SPEC §3).
** Inserting and listing stay in activity_store.h.
*/
#ifndef ZG_PROGRESS_STORE_H
#define ZG_PROGRESS_STORE_H

#include "base/arena.h"
#include "db/db.h"
#include "db/loop_model.h"
#include "db/model.h"

/* Load one report; ERR_NOTFOUND when absent. */
int progress_store_get(Db *db, Arena *arena, int64_t id, Progress *out, Err *err);
/*
** Move report id from state `from` to `to`, with the reviewer and comment when to is accepted
** or returned, and the report day when to is submitted. ERR_CONFLICT when it is no longer
** `from` (someone else acted first).
*/
int progress_store_move(Db *db, int64_t id, ProgressState from, ProgressState to,
                        int64_t reviewer_id, const char *comment, Day on, Err *err);
/* Replace a draft's text and percent; ERR_CONFLICT when it is no longer a draft. */
int progress_store_edit_draft(Db *db, int64_t id, const char *body, int percent, Err *err);
/* Set a measure's percent (from an accepted report). */
int progress_store_set_measure_percent(Db *db, int64_t measure_id, int percent, Err *err);
/*
** Reports waiting for unit_id's review as a lead unit (co-units' submitted reports on measures
** it leads), newest first, at most limit.
*/
int progress_store_waiting_for(Db *db, Arena *arena, int64_t unit_id, int limit, Progress **out,
                               int *n, Err *err);

#endif
