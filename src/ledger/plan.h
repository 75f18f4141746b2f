/*
** plan.h: the office builds and keeps the plan (整改方案) of an inspection: the rules of editing
** an inspection, its finding tree and its measures, the coverage check before issue, and
** issuing (下发). Each edit is one BEGIN IMMEDIATE transaction with its timeline events and audit
** entry, so a refused edit changes nothing. While the plan is a draft the office edits freely;
** once issued, a change of a measure's deadline or owners needs a reason and leaves an event
** (old → new, why) on the measure's timeline, deleting a measure is refused and withdrawing it
** (撤销) needs a reason. Who may edit (the office of the inspection's organisation) is the web
** layer's access.c; these functions trust the actor they are given.
*/
#ifndef ZG_PLAN_H
#define ZG_PLAN_H

#include "base/arena.h"
#include "db/coverage_store.h"
#include "db/db.h"
#include "ledger/ledger.h"
#include "ledger/workflow.h"

/* Length limits of edited text, in bytes. */
#define PLAN_TITLE_MAX 1000
#define PLAN_TEXT_MAX 20000
#define PLAN_LINE_MAX 500
#define PLAN_OWNERS_MAX 20

/* The Chinese sentence of a gap kind ("尚无整改措施"): its label in VOCAB_PLAN_GAP. */
const char *plan_gap_label(GapKind k);
/* The stored name of a gap kind ("no_measure"), for the API. */
const char *plan_gap_name(GapKind k);

/*
** The coverage check of a loaded ledger (withdrawn measures are not in it), the one definition
** (db/coverage_store.c reads the same gaps by SQL for the pages): every finding
** without children has a measure; every measure has a lead unit, a leader, and a deadline or
** the long-term kind. Gaps in ledger order into an arena array *out of *n. Pure.
*/
void plan_coverage(const Ledger *l, Arena *arena, PlanGap **out, int *n);

/*
** The printed label of the ordinal-th (from 1) finding at depth (0 for the roots): 一、 （一）
** 1. （1） ① — and of the ordinal-th measure of a finding: 一是. In arena.
*/
const char *plan_finding_label(Arena *arena, int depth, int ordinal);
const char *plan_measure_label(Arena *arena, int ordinal);

/*
** Validation of input before it reaches the database: the names of the fields at fault go to
** fields[] (at most 16, *n of them). Empty when valid. Pure.
*/
void plan_check_inspection(const Inspection *in, const char **fields, int *n);
void plan_check_finding(const Finding *f, const char **fields, int *n);
void plan_check_measure(const Measure *m, const char **fields, int *n);

/* Create a draft inspection from in (its id set); audited. */
int plan_inspection_create(Db *db, const Actor *actor, Inspection *in, Err *err);
/* Save every editable field of in (in->id) at version; ERR_CONFLICT when it moved on. */
int plan_inspection_update(Db *db, const Actor *actor, const Inspection *in, int64_t version,
                           Err *err);
/*
** Issue the plan of inspection_id: refused with ERR_CONFLICT when already issued, with ERR_INPUT
** and the gaps in *gaps / *n_gaps (arena) when the coverage check fails. Audited.
*/
int plan_issue(Db *db, const Actor *actor, int64_t inspection_id, Arena *arena, PlanGap **gaps,
               int *n_gaps, Err *err);

/*
** Add finding f (inspection_id, parent_id, level, title, body) as the last child of its parent,
** with its ordinal and label; sets f->id. The parent must be of the same inspection and of a
** higher level. Audited.
*/
int plan_finding_add(Db *db, const Actor *actor, Finding *f, Err *err);
/* Change level, title and body of finding id at version. Audited. */
int plan_finding_update(Db *db, const Actor *actor, int64_t id, FindingLevel level,
                        const char *title, const char *body, int64_t version, Err *err);
/*
** Move finding id one place up (delta -1) or down (+1) among its siblings, or under another
** parent (new_parent > 0, or -1 for the top level; 0 keeps the parent) as its last child.
** Ordinals and labels of the sibling lists touched are renumbered; the ids of findings are
** kept in tree order (the rules and lists rely on it), so the finding may get a new id:
** *new_id. Audited.
*/
int plan_finding_move(Db *db, const Actor *actor, int64_t id, int64_t new_parent, int delta,
                      int64_t *new_id, Err *err);
/* Delete finding id: refused (ERR_CONFLICT) while it or a finding below it has measures. */
int plan_finding_delete(Db *db, const Actor *actor, int64_t id, Err *err);

/*
** Add measure m (inspection_id, finding_id, fields, owners) as the last of its finding, with
** ordinal and label; sets m->id. A timeline event and an audit entry.
*/
int plan_measure_add(Db *db, const Actor *actor, Measure *m, Err *err);
/*
** Save the editable fields and owners of m (m->id) at version. After issue, a change of the
** deadline, lead unit, co-units or leaders needs a reason (ERR_INPUT without one) and each
** leaves a timeline event (old → new, reason). Withdrawn measures are not edited (ERR_CONFLICT).
*/
int plan_measure_update(Db *db, const Actor *actor, const Measure *m, int64_t version,
                        const char *reason, Err *err);
/* Move measure id up (-1) or down (+1) within its finding, or to finding new_finding (> 0). */
int plan_measure_move(Db *db, const Actor *actor, int64_t id, int64_t new_finding, int delta,
                      Err *err);
/* Delete measure id: only while the plan is a draft (ERR_CONFLICT after issue). */
int plan_measure_delete(Db *db, const Actor *actor, int64_t id, Err *err);
/* Withdraw (撤销) measure id at version with a reason (ERR_INPUT without one); after issue only. */
int plan_measure_withdraw(Db *db, const Actor *actor, int64_t id, const char *reason,
                          int64_t version, Err *err);

#endif
