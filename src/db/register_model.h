/*
** register_model.h: the enumerations of the registers (clues and their outcomes, public
** feedback, meetings, recoveries, mechanisms) with their stored names and Chinese labels, in
** the style of model.h. Until the shared vocabulary module lands these are the one place that
** spells the registers' state and kind names.
*/
#ifndef ZG_REGISTER_MODEL_H
#define ZG_REGISTER_MODEL_H

#include "base/base.h"

typedef enum ClueKind { CLUE_KIND_CLUE, CLUE_KIND_PETITION, CLUE_KIND__COUNT } ClueKind;

typedef enum ClueRank {
    RANK_MINISTRY, /* 厅局级 */
    RANK_COUNTY,   /* 县处级 */
    RANK_TOWNSHIP, /* 乡科级 */
    RANK_OTHER,    /* 其他 */
    RANK__COUNT
} ClueRank;

typedef enum ClueState { CLUE_OPEN, CLUE_CONCLUDED, CLUE_STATE__COUNT } ClueState;

/* Clue disposals as stored (clue.disposal). */
typedef enum ClueDisposal {
    DISPOSAL_TALK_INQUIRY, /* 谈话函询 */
    DISPOSAL_PRELIMINARY,  /* 初步核实 */
    DISPOSAL_SHELVED,      /* 暂存待查 */
    DISPOSAL_CLOSED,       /* 予以了结 */
    DISPOSAL__COUNT
} ClueDisposal;

/*
** What befell the persons of a clue (clue_outcome.type stores the Chinese label, the words
** the published reports and the importer use). Each type belongs to one of the four forms of
** supervision (四种形态), or to none (立案, 移送司法机关 record the case, not the form).
*/
typedef enum OutcomeType {
    OUTCOME_CRITICISM_EDUCATION, /* 批评教育 (first form) */
    OUTCOME_TALK_REMINDER,       /* 谈话提醒 (first form) */
    OUTCOME_ORDER_CHECK,         /* 责令检查 (first form) */
    OUTCOME_NOTICE_CRITICISM,    /* 通报批评 (first form) */
    OUTCOME_ADMONITION,          /* 诫勉 (second form) */
    OUTCOME_ORG_HANDLING,        /* 组织处理 (third form) */
    OUTCOME_PARTY_DISCIPLINE,    /* 党纪处分 (fourth form) */
    OUTCOME_GOV_DISCIPLINE,      /* 政务处分 (fourth form) */
    OUTCOME_CASE_FILED,          /* 立案 */
    OUTCOME_JUDICIAL,            /* 移送司法机关 */
    OUTCOME__COUNT
} OutcomeType;

/* The four forms (四种形态); FORM_NONE for outcome types outside them. */
typedef enum OutcomeForm { FORM_NONE, FORM_FIRST, FORM_SECOND, FORM_THIRD, FORM_FOURTH } OutcomeForm;

typedef enum FeedbackState {
    FEEDBACK_PENDING,   /* 待处理 */
    FEEDBACK_FORWARDED, /* 已转交 */
    FEEDBACK_ANSWERED,  /* 已答复 */
    FEEDBACK_REJECTED,  /* 不予受理 */
    FEEDBACK__COUNT
} FeedbackState;

/* Meeting kinds as stored (meeting.kind), in the order reports list them. */
typedef enum MeetingKind {
    MEETING_STANDING,        /* 常委会 */
    MEETING_LEADING_GROUP,   /* 领导小组会议 */
    MEETING_SPECIAL,         /* 专题会议 */
    MEETING_DEMOCRATIC_LIFE, /* 民主生活会 */
    MEETING_DISPATCH,        /* 调度会 */
    MEETING__COUNT
} MeetingKind;

typedef enum RecoveryKind { RECOVERY_REFUND, RECOVERY_LOSS, RECOVERY__COUNT } RecoveryKind;

/* Stored names, Chinese labels and parsing (-1 when s is not a stored name). */
const char *reg_clue_kind_name(ClueKind k);
const char *reg_clue_kind_label(ClueKind k);
int reg_clue_kind_parse(const char *s);
const char *reg_rank_name(ClueRank r);
const char *reg_rank_label(ClueRank r);
int reg_rank_parse(const char *s);
const char *reg_clue_state_name(ClueState s);
const char *reg_clue_state_label(ClueState s);
int reg_clue_state_parse(const char *s);
const char *reg_disposal_name(ClueDisposal d);
const char *reg_disposal_label(ClueDisposal d);
int reg_disposal_parse(const char *s);
const char *reg_outcome_name(OutcomeType t);
const char *reg_outcome_label(OutcomeType t);
int reg_outcome_parse(const char *s);
/* The outcome type whose label is s (as stored in clue_outcome.type), -1 when none. */
int reg_outcome_of_label(const char *s);
OutcomeForm reg_outcome_form(OutcomeType t);
/* 第一种形态 …; "" for FORM_NONE. */
const char *reg_form_label(OutcomeForm f);
/* The sub-types an outcome type allows (NULL-terminated; the first entry of none is NULL). */
const char *const *reg_outcome_subtypes(OutcomeType t);
/* True when sub is "" or one of t's sub-types. */
bool reg_outcome_subtype_ok(OutcomeType t, const char *sub);
const char *reg_feedback_name(FeedbackState s);
const char *reg_feedback_label(FeedbackState s);
int reg_feedback_parse(const char *s);
const char *reg_meeting_name(MeetingKind k);
const char *reg_meeting_label(MeetingKind k);
int reg_meeting_parse(const char *s);
const char *reg_recovery_name(RecoveryKind k);
const char *reg_recovery_label(RecoveryKind k);
int reg_recovery_parse(const char *s);
/* 新建 / 修订 for a mechanism. */
const char *reg_mechanism_label(bool is_new);

#endif
