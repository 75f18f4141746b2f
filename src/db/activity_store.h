/*
** activity_store.h: what happens to measures: progress reports, evidence metadata, reviews and
** the timeline events written with every state change.
*/
#ifndef ZG_ACTIVITY_STORE_H
#define ZG_ACTIVITY_STORE_H

#include "base/arena.h"
#include "db/db.h"
#include "db/vocab.h"
#include "db/model.h"

/* Insert p (id ignored), set p->id. */
int progress_store_insert(Db *db, Progress *p, Err *err);
/* The progress reports of a measure, newest first, at most limit. */
int progress_store_list(Db *db, Arena *arena, int64_t measure_id, int limit, Progress **out,
                        int *n, Err *err);

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

/* Record an evidence file's metadata (the bytes live under the data folder by SHA-256). */
int evidence_store_insert(Db *db, int64_t measure_id, int64_t progress_id, const char *file_name,
                          const char *media_type, int64_t size, const char *sha256,
                          int64_t uploaded_by, Err *err);

/* Record a review: stage lead_review / office_verify / leader_signoff / onsite_check, decision
** approved / returned. */
int review_store_insert(Db *db, int64_t measure_id, ReviewStage stage, ReviewDecision decision,
                        const char *comment, int64_t reviewer_id, Err *err);

/* Append an event (e->at is set to now when NULL); sets e->id. */
int event_store_insert(Db *db, Event *e, Err *err);
/*
** The users who acted on measure_id's latest close-out request: the one who requested it
** (first) and those who approved it since (lead_approve, sign_off), in order, into an arena
** array *out of *n (0 and NULL when it never was requested; 0 ids for system actions).
*/
int event_store_closeout_actors(Db *db, Arena *arena, int64_t measure_id, int64_t **out, int *n,
                                Err *err);
/* The timeline of a measure, oldest first, with actor logins. */
int event_store_list(Db *db, Arena *arena, int64_t measure_id, Event **out, int *n, Err *err);

#endif
