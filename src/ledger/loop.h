/*
** loop.h: the rules of the daily loop around a measure, as a table and one pure check, in the
** manner of workflow.h: progress reports (draft → submitted → accepted | returned), evidence
** files (attached, withdrawn), supervision (催办, 督办, 约谈, 挂牌督办) and its response,
** instructions (批示), revisits (回头看) and spot checks (抽查). Who may do what to which object
** in which state is decided here and nowhere else; ledger/followup.c performs the actions.
*/
#ifndef ZG_LOOP_H
#define ZG_LOOP_H

#include "base/err.h"
#include "db/evidence_store.h"
#include "db/supervision_store.h"
#include "db/vocab.h"
#include "ledger/workflow.h"

typedef enum LoopAction {
    LOOP_PROGRESS_DRAFT,      /* write a progress report (a draft; files may be attached) */
    LOOP_PROGRESS_SUBMIT,     /* draft → submitted (accepted at once for the lead unit's own) */
    LOOP_PROGRESS_ACCEPT,     /* a co-unit's submitted report → accepted, by the lead unit */
    LOOP_PROGRESS_RETURN,     /* a co-unit's submitted report → returned, with a reason */
    LOOP_EVIDENCE_ATTACH,     /* attach a file to a draft report, by the report's unit */
    LOOP_EVIDENCE_ATTACH_MEASURE, /* attach a file to the measure itself */
    LOOP_EVIDENCE_WITHDRAW,   /* withdraw a mistaken file, with a reason (never deleted) */
    LOOP_SUPERVISION_ISSUE,   /* issue a supervision on a measure, a problem or a unit */
    LOOP_SUPERVISION_RESPOND, /* the target unit responds */
    LOOP_SUPERVISION_TALK,    /* the office records a talk (约谈) */
    LOOP_SUPERVISION_LIFT,    /* lift it (a listed one leaves the dashboard), with a reason */
    LOOP_INSTRUCTION_GIVE,    /* a leader instructs on an item it leads */
    LOOP_INSTRUCTION_ACK,     /* the lead unit or the office acknowledges it */
    LOOP_REVISIT_RECORD,      /* the office records a revisit: held, or relapsed (with a reason) */
    LOOP_SPOT_DRAW,           /* the office draws a spot-check sample */
    LOOP_SPOT_RECORD,         /* the office records a drawn measure's on-site check */
    LOOP__COUNT
} LoopAction;

/* The object an action concerns, as far as the rules need to know. */
typedef struct LoopSubject {
    const Measure *measure; /* the measure concerned, or NULL (a unit's supervision) */
    int state;              /* the object's state (ProgressState, EvidenceState, …), -1: none */
    int64_t unit_id;        /* the report's unit, the uploader's unit, the target unit, or 0 */
    int64_t user_id;        /* the report's author, the uploader or the issuer, or 0 */
    bool leads;             /* the actor leads the item (a problem: one of its measures) */
} LoopSubject;

/*
** The subject an action on each kind of object concerns, of measure m (NULL: none): one
** definition for the pages that offer an action and the ledger that checks it.
*/
LoopSubject loop_subject_progress(const Measure *m, const Progress *p);
LoopSubject loop_subject_evidence(const Measure *m, const Evidence *e);
LoopSubject loop_subject_supervision(const Measure *m, const Supervision *s);
LoopSubject loop_subject_instruction(const Measure *m, const Instruction *i);

/* The stored name ("supervision_respond") and Chinese label ("反馈督办") of an action. */
const char *loop_action_name(LoopAction a);
const char *loop_action_label(LoopAction a);
int loop_action_parse(const char *s);
/* The audit log's action of a loop action (evidence.upload for both attachments …). */
AuditAction loop_action_audit(LoopAction a);

/*
** Decide whether actor may do action to subject s now. comment is the text or reason the
** action carries. 0 when allowed; otherwise -1 with err: ERR_FORBIDDEN (not this actor; also
** the four-eyes rule: nobody accepts a report they wrote), ERR_CONFLICT (the object's or the
** measure's state does not allow it), ERR_INPUT (the text or reason is missing). Pure.
*/
int loop_check(LoopAction action, const LoopSubject *s, const Actor *actor, const char *comment,
               Err *err);

#endif
