/*
** loop_model.h: the enumerations of the daily loop (progress reports, evidence, supervision,
** instructions, revisits, spot checks) with their stored names and Chinese labels, in the style
** of model.h. Stored names appear in C only here (loop_model.c); everything else parses them.
*/
#ifndef ZG_LOOP_MODEL_H
#define ZG_LOOP_MODEL_H

#include "base/base.h"

typedef enum ProgressState {
    PROGRESS_DRAFT,     /* being written; files may still be attached and removed */
    PROGRESS_SUBMITTED, /* sent; waits for the lead unit (a co-unit's report) */
    PROGRESS_ACCEPTED,  /* accepted by the lead unit (or the lead unit's own report) */
    PROGRESS_RETURNED,  /* returned by the lead unit, with a reason */
    PROGRESS__COUNT
} ProgressState;

typedef enum EvidenceState {
    EVIDENCE_ACTIVE,    /* part of the record */
    EVIDENCE_WITHDRAWN, /* withdrawn with a reason; kept, never deleted */
    EVIDENCE__COUNT
} EvidenceState;

typedef enum SupervisionKind {
    SUPERVISION_REMIND,  /* 催办 */
    SUPERVISION_WRITTEN, /* 督办: written, with a response deadline */
    SUPERVISION_TALK,    /* 约谈: a talk with the unit's head on a date, with a record */
    SUPERVISION_LISTED,  /* 挂牌督办: on the dashboard until lifted */
    SUPERVISION_ONSITE,  /* 现场督办 */
    SUPERVISION__COUNT
} SupervisionKind;

typedef enum SupervisionState {
    SUPERVISION_OPEN,      /* waiting for the target's response */
    SUPERVISION_RESPONDED, /* the target responded */
    SUPERVISION_LIFTED,    /* lifted by the office (listed ones leave the dashboard) */
    SUPERVISION_STATE__COUNT
} SupervisionState;

typedef enum InstructionState {
    INSTRUCTION_OPEN,         /* shown at the top of the measure page */
    INSTRUCTION_ACKNOWLEDGED, /* the lead unit or the office has read it */
    INSTRUCTION__COUNT
} InstructionState;

typedef enum RevisitResult {
    REVISIT_HELD,     /* 巩固: the rectification held */
    REVISIT_RELAPSED, /* 反弹: the problem is back */
    REVISIT__COUNT
} RevisitResult;

typedef enum SpotResult {
    SPOT_PASSED, /* the on-site check confirmed the close-out */
    SPOT_FAILED, /* it did not: the measure is reopened */
    SPOT__COUNT
} SpotResult;

const char *loop_progress_name(ProgressState s);
const char *loop_progress_label(ProgressState s);
const char *loop_evidence_name(EvidenceState s);
const char *loop_evidence_label(EvidenceState s);
const char *loop_supervision_kind_name(SupervisionKind k);
const char *loop_supervision_kind_label(SupervisionKind k);
const char *loop_supervision_state_name(SupervisionState s);
const char *loop_supervision_state_label(SupervisionState s);
const char *loop_instruction_name(InstructionState s);
const char *loop_instruction_label(InstructionState s);
const char *loop_revisit_name(RevisitResult r);
const char *loop_revisit_label(RevisitResult r);
const char *loop_spot_name(SpotResult r);
const char *loop_spot_label(SpotResult r);
/* Parse a stored name; the value, or -1 when s (may be NULL) is not one. */
int loop_progress_parse(const char *s);
int loop_supervision_kind_parse(const char *s);
int loop_supervision_state_parse(const char *s);
int loop_revisit_parse(const char *s);
int loop_spot_parse(const char *s);

#endif
