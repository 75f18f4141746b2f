/*
** followup.h: performing the actions of the daily loop (loop.h) in the database: progress
** reports and their evidence files (followup.c), supervision, instructions, revisits and spot
** checks (oversight.c). Each action is one BEGIN IMMEDIATE transaction with its timeline event
** and its audit entry, after loop_check allowed it; a refused or failed action changes nothing.
*/
#ifndef ZG_FOLLOWUP_H
#define ZG_FOLLOWUP_H

#include "base/arena.h"
#include "db/db.h"
#include "db/revisit_store.h"
#include "db/supervision_store.h"
#include "ledger/ledger.h"
#include "ledger/loop.h"

/* One uploaded file waiting in the data folder's tmp/ (see evidence_store.h). */
typedef struct EvidenceUpload {
    const char *name;     /* the user's file name (shown, used for downloads; never a path) */
    const char *tmp_path; /* the temporary file, in the data folder's tmp/ */
    int64_t size;         /* bytes */
    const char *sha256;   /* hex of the content */
} EvidenceUpload;

/* Longest file name kept, in bytes; longer names are refused. */
#define FOLLOWUP_NAME_MAX 255
/* Longest text of a report, response, reason… in bytes. */
#define FOLLOWUP_TEXT_MAX 20000

/*
** Write a draft progress report on measure_id with text body and percent (0..100) as actor;
** *id is the new report. With submit, it is submitted in the same transaction (as
** ledger_progress_submit). Errors as loop_check, plus ERR_NOTFOUND and ERR_INPUT (percent).
*/
int ledger_progress_draft(Db *db, const Actor *actor, int64_t measure_id, const char *body,
                          int percent, Day today, bool submit, int64_t *id, Err *err);
/*
** Submit draft report id: the lead unit's (or the office's) own report is accepted at once, a
** co-unit's waits for the lead unit. The measure moves as ACTION_REPORT says (not started →
** in progress …); the lead unit's report's percent becomes the measure's (a co-unit's percent
** is its own share and leaves the measure's as it is).
*/
int ledger_progress_submit(Db *db, const Actor *actor, int64_t id, Day today, Err *err);
/* Accept (accept true) or return (with comment, the reason) a co-unit's submitted report. */
int ledger_progress_review(Db *db, const Actor *actor, int64_t id, bool accept,
                           const char *comment, Day today, Err *err);
/*
** Attach the uploaded file u to draft report progress_id, or, with progress_id 0, to measure
** measure_id itself. The type is decided by the content: a refused type returns -1 with
** ERR_INPUT and *refused set to the Chinese reason (otherwise *refused is NULL). The file is
** fsynced, placed under files_dir by its SHA-256 (stored once) and its row committed after it.
** *id is the new evidence row.
*/
int ledger_evidence_attach(Db *db, const char *files_dir, const Actor *actor, int64_t measure_id,
                           int64_t progress_id, const EvidenceUpload *u, int64_t *id,
                           const char **refused, Err *err);
/* Withdraw evidence id with a reason (it stays, marked withdrawn). */
int ledger_evidence_withdraw(Db *db, const Actor *actor, int64_t id, const char *reason,
                             Err *err);

/*
** Issue supervision s (kind, target: measure_id, or finding_id, or unit_id; body; respond_by
** for 督办, talk_on for 约谈) as actor. The responding unit is the target unit, or the lead unit
** of the measure (of the problem's first measure) unless s->unit_id names one. Sets s->id.
*/
int ledger_supervision_issue(Db *db, const Actor *actor, Supervision *s, Day today, Err *err);
/* Respond (the target unit), record a talk (the office) or lift (office or issuer). */
int ledger_supervision_act(Db *db, const Actor *actor, int64_t id, LoopAction action,
                           const char *text, Day today, Err *err);
/* A leader's instruction on measure_id; *id is the new instruction. */
int ledger_instruction_give(Db *db, const Actor *actor, int64_t measure_id, const char *body,
                            Day today, int64_t *id, Err *err);
/* Acknowledge instruction id. */
int ledger_instruction_ack(Db *db, const Actor *actor, int64_t id, Day today, Err *err);
/*
** Record a revisit of closed measure measure_id: held (the revisit is done, no new one is due)
** or relapsed (comment required; the measure relapses through ACTION_RELAPSE).
*/
int ledger_revisit_record(Db *db, const Actor *actor, int64_t measure_id, RevisitResult result,
                          const char *comment, Day today, Err *err);
/*
** Draw a spot-check sample of the inspection's closed measures: percent (1..100) or count
** (≥ 1) of them, of each lead unit's when per_unit, reproducibly from seed (the same seed and
** population draw the same measures). Sets c->id, c->population; c->n_items drawn.
*/
int ledger_spot_draw(Db *db, const Actor *actor, SpotCheck *c, Day today, Err *err);
/* The sample of seed over ids[0..n) grouped by units (when per_unit): fills out, returns count. */
int ledger_spot_sample(const int64_t *ids, const int64_t *units, int n, int percent, int count,
                       bool per_unit, uint64_t seed, int64_t *out);
/*
** Record the on-site check of measure_id drawn in spot check check_id: passed, or failed
** (comment required), which reopens the measure (returned, as a reviewer's return).
*/
int ledger_spot_record(Db *db, const Actor *actor, int64_t check_id, int64_t measure_id,
                       SpotCheckResult result, const char *comment, Day today, Err *err);

/* Check a text's length (FOLLOWUP_TEXT_MAX) and encoding; NULL passes. */
int ledger_loop_text_ok(const char *s, Err *err);

/*
** Inside a loop action's transaction: load measure_id into *m and check that actor may do
** action (one that has no object of its own yet) on it, with comment. 0, or -1 with err.
*/
int ledger_loop_measure(Db *db, Arena *arena, LoopAction action, int64_t measure_id,
                        const Actor *actor, const char *comment, Measure *m, Err *err);
/*
** The same for an object's action, with the object's subject s (loop_subject_*): load the
** object's measure measure_id into *m and point s at it (0: the object is on no measure, as a
** unit's supervision), then check. 0, or -1 with err.
*/
int ledger_loop_object(Db *db, Arena *arena, LoopAction action, int64_t measure_id, LoopSubject *s,
                       const Actor *actor, const char *comment, Measure *m, Err *err);

/*
** The timeline event (when measure_id is not 0) and the audit entry of a loop action, inside
** its transaction: action's stored name, object ("evidence:12"), detail (may be NULL).
*/
int ledger_loop_record(Db *db, const Actor *actor, int64_t measure_id, int64_t inspection_id,
                       LoopAction action, const char *object, const char *detail, Err *err);

#endif
