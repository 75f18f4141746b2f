/*
** vocab.h: the domain's words in one place. Every state and kind of the model is an enumeration
** here, and each enumeration has one table (vocab.c) giving, per value, the stored name (the
** identifier of SPEC §2, used alike in the schema, the API, the CLI and the audit log) and the
** Chinese label a user reads. The role sets, the audit log's actions and the workflow's actions
** live here too, so that the stores (which parse stored names), the rules, the reports, the
** pages and the help page all speak the same words.
**
** The tables are immutable process-lifetime data; every function here is pure and thread-safe.
** A stored name never appears as a C string outside vocab.c (tools/check_layers.sh checks it):
** code writes vocab_name(VOCAB_USER_STATE, USER_LOCKED), not "locked".
*/
#ifndef ZG_VOCAB_H
#define ZG_VOCAB_H

#include "base/base.h"

/* ---- measures and findings ---- */

typedef enum MeasureState {
    STATE_NOT_STARTED,
    STATE_IN_PROGRESS,
    STATE_SUBMITTED,
    STATE_LEAD_APPROVED,
    STATE_SIGNED_OFF,
    STATE_CLOSED,
    STATE_PHASE_COMPLETE, /* a long-term measure verified for its phase; keeps reporting */
    STATE_RETURNED,
    STATE_RELAPSED,
    STATE__COUNT
} MeasureState;

typedef enum MeasureKind { KIND_IMMEDIATE, KIND_DATED, KIND_LONG_TERM, KIND__COUNT } MeasureKind;

typedef enum FindingLevel {
    LEVEL_ASPECT,
    LEVEL_ITEM,
    LEVEL_PROBLEM,
    LEVEL_SUBPROBLEM,
    LEVEL__COUNT
} FindingLevel;

typedef enum ProblemStatus {
    STATUS_NONE = -1, /* no override */
    STATUS_COMPLETED,
    STATUS_BASICALLY_COMPLETED,
    STATUS_UNCOMPLETED,
    STATUS__COUNT
} ProblemStatus;

/* One shortcoming of a plan that blocks its issue. */
typedef enum GapKind {
    GAP_NO_MEASURE,   /* a finding without children has no measure */
    GAP_NO_LEAD_UNIT, /* a measure without a lead unit */
    GAP_NO_LEADER,    /* a measure without a responsible leader */
    GAP_NO_DEADLINE,  /* a measure neither dated nor long-term */
    GAP__COUNT
} GapKind;

/* The measure workflow's actions (ledger/workflow.c holds their rules). */
typedef enum Action {
    ACTION_REPORT,         /* a unit reports progress */
    ACTION_REQUEST_CLOSE,  /* the lead unit asks for close-out (销号) */
    ACTION_LEAD_APPROVE,   /* the lead unit approves a submission */
    ACTION_SIGN_OFF,       /* the responsible leader signs off (when the inspection wants it) */
    ACTION_VERIFY,         /* the office verifies and closes (phase complete if long-term) */
    ACTION_RETURN,         /* a reviewer returns a submission, with a reason */
    ACTION_RELAPSE,        /* a revisit found the problem back (反弹) */
    ACTION_WAIVE_EVIDENCE, /* the office waives evidence for close-out, with a reason */
    ACTION__COUNT
} Action;

/* Lights (亮灯), computed for a date and never stored (ledger/light.c). */
typedef enum Light { LIGHT_GREEN, LIGHT_YELLOW, LIGHT_RED, LIGHT_CLOSED, LIGHT__COUNT } Light;

/* Why a light is what it is, as the bit positions of ledger_light's `why` set (light.h). */
typedef enum WhyReason {
    REASON_OVERDUE,   /* past its deadline and not closed (red) */
    REASON_RETURNED,  /* returned twice or more (red) */
    REASON_RELAPSED,  /* a revisit found it back (red) */
    REASON_DUE_SOON,  /* the deadline is within warn_days (yellow) */
    REASON_NO_REPORT, /* no progress report this cycle after its due day (yellow) */
    REASON_SUPERVISION, /* a written supervision's response deadline passed unanswered (red) */
    REASON__COUNT
} WhyReason;

/* Timeline events (event.action) that are not workflow actions. */
typedef enum EventKind {
    EVENT_CREATE,          /* the measure was created */
    EVENT_IMPORT,          /* imported from a document */
    EVENT_DEADLINE_CHANGE, /* the deadline moved */
    EVENT_OWNER_CHANGE,    /* leaders, lead unit or co-units changed */
    EVENT_SUPERVISE,       /* a supervision was issued */
    EVENT_INSTRUCT,        /* a leader's instruction */
    EVENT_REVISIT,         /* a revisit was recorded */
    EVENT_WITHDRAW,        /* the office withdrew the measure (撤销) after issue */
    EVENT__COUNT
} EventKind;

/* What is owed on a measure (ledger/stats.c). */
typedef enum OweKind {
    OWE_REPORT,      /* the lead unit owes this cycle's progress report */
    OWE_COMPLETION,  /* past the deadline: the lead unit owes completion */
    OWE_LEAD_REVIEW, /* a submission waits for the lead unit's review */
    OWE_SIGNOFF,     /* waits for a leader's sign-off */
    OWE_VERIFY,      /* waits for the office's verification */
    OWE_REVISIT,     /* a closed measure is due for its revisit (回头看) */
    OWE__COUNT
} OweKind;

/* ---- inspections and their plans ---- */

typedef enum ReportCycle {
    CYCLE_WEEKLY,
    CYCLE_SEMIMONTHLY,
    CYCLE_MONTHLY,
    CYCLE__COUNT
} ReportCycle;

typedef enum InspectionKind {
    INSPECTION_XUNSHI,
    INSPECTION_XUNCHA,
    INSPECTION_AUDIT,
    INSPECTION_DUCHAI,
    INSPECTION_OTHER,
    INSPECTION__COUNT
} InspectionKind;

typedef enum InspectionState {
    INSPECTION_DRAFT,  /* being set up; not yet shown to units */
    INSPECTION_ACTIVE, /* rectification under way */
    INSPECTION_CLOSED, /* finished */
    INSPECTION_STATE__COUNT
} InspectionState;

typedef enum PlanState { PLAN_DRAFT, PLAN_ISSUED, PLAN__COUNT } PlanState;

/* ---- people ---- */

typedef enum Role {
    ROLE_SYSADMIN,
    ROLE_SECADMIN,
    ROLE_AUDITOR,
    ROLE_OFFICE,
    ROLE_LEADER,
    ROLE_UNIT,
    ROLE_DISCIPLINE,
    ROLE_OBSERVER,
    ROLE__COUNT
} Role;

#define ROLE_BIT(r) (1u << (r))

/* Role sets by name. */
#define ROLES_ANY 0u /* anyone logged in (or not: see the route's flags) */
/* Those who read the ledger: every role but the three administrators. */
#define ROLES_LEDGER                                                                               \
    (ROLE_BIT(ROLE_OFFICE) | ROLE_BIT(ROLE_LEADER) | ROLE_BIT(ROLE_UNIT) |                         \
     ROLE_BIT(ROLE_DISCIPLINE) | ROLE_BIT(ROLE_OBSERVER))
/* Those who see their whole organisation's ledger (a unit sees its own measures only). */
#define ROLES_ORG (ROLE_BIT(ROLE_OFFICE) | ROLE_BIT(ROLE_LEADER) | ROLE_BIT(ROLE_DISCIPLINE))
/* Those who see more than one unit's measures: the organisation's roles and observers. */
#define ROLES_WIDE (ROLES_ORG | ROLE_BIT(ROLE_OBSERVER))
/* Those who act in the daily loop: reports, files, supervision, instructions, revisits. */
#define ROLES_LOOP (ROLE_BIT(ROLE_OFFICE) | ROLE_BIT(ROLE_LEADER) | ROLE_BIT(ROLE_UNIT))
/* The user administrators. */
#define ROLES_ADMIN (ROLE_BIT(ROLE_SYSADMIN) | ROLE_BIT(ROLE_SECADMIN))

typedef enum UnitKind {
    UNIT_PARTY,
    UNIT_GOVERNMENT,
    UNIT_STREET,
    UNIT_SOE,
    UNIT_SCHOOL,
    UNIT_OTHER,
    UNIT__COUNT
} UnitKind;

typedef enum UserState { USER_ACTIVE, USER_LOCKED, USER_DISABLED, USER__COUNT } UserState;

/* ---- the daily loop: progress, review, evidence, supervision, revisits ---- */

typedef enum ProgressState {
    PROGRESS_DRAFT,
    PROGRESS_SUBMITTED,
    PROGRESS_ACCEPTED,
    PROGRESS_RETURNED,
    PROGRESS__COUNT
} ProgressState;

typedef enum ReviewStage {
    STAGE_LEAD_REVIEW,
    STAGE_OFFICE_VERIFY,
    STAGE_LEADER_SIGNOFF,
    STAGE_ONSITE_CHECK,
    STAGE__COUNT
} ReviewStage;

typedef enum ReviewDecision {
    DECISION_APPROVED,
    DECISION_RETURNED,
    DECISION__COUNT
} ReviewDecision;

typedef enum EvidenceState { EVIDENCE_ATTACHED, EVIDENCE_WITHDRAWN, EVIDENCE__COUNT } EvidenceState;

typedef enum SupervisionKind {
    SUPERVISION_REMIND,  /* 催办 */
    SUPERVISION_WRITTEN, /* 督办, with a response deadline */
    SUPERVISION_TALK,    /* 约谈 */
    SUPERVISION_LISTED,  /* 挂牌督办: on the dashboard until lifted */
    SUPERVISION_ONSITE,  /* 现场督导 */
    SUPERVISION__COUNT
} SupervisionKind;

typedef enum SupervisionState {
    SUPERVISION_OPEN,      /* waits for the target's response */
    SUPERVISION_RESPONDED, /* the target responded */
    SUPERVISION_OVERDUE,   /* no response by the deadline */
    SUPERVISION_LIFTED,    /* lifted (挂牌督办) or closed by the issuer */
    SUPERVISION_STATE__COUNT
} SupervisionState;

typedef enum InstructionState {
    INSTRUCTION_OPEN,
    INSTRUCTION_ACKNOWLEDGED,
    INSTRUCTION__COUNT
} InstructionState;

typedef enum RevisitResult { REVISIT_HELD, REVISIT_RELAPSED, REVISIT__COUNT } RevisitResult;

typedef enum SpotCheckResult { SPOT_PASSED, SPOT_FAILED, SPOT__COUNT } SpotCheckResult;

/* ---- registers: clues, outcomes, public feedback, meetings, recoveries, mechanisms ---- */

typedef enum ClueKind { CLUE_KIND_CLUE, CLUE_KIND_PETITION, CLUE_KIND__COUNT } ClueKind;

typedef enum ClueRank {
    RANK_MINISTRY, /* 厅局级 */
    RANK_COUNTY,   /* 县处级 */
    RANK_TOWNSHIP, /* 乡科级 */
    RANK_OTHER,
    RANK__COUNT
} ClueRank;

/* Clue disposals (clue.disposal). */
typedef enum ClueDisposal {
    DISPOSAL_TALK_INQUIRY, /* 谈话函询 */
    DISPOSAL_PRELIMINARY,  /* 初步核实 */
    DISPOSAL_SHELVED,      /* 暂存待查 */
    DISPOSAL_CLOSED,       /* 予以了结 */
    DISPOSAL__COUNT
} ClueDisposal;

/* Clue states as the schema stores them today (clue.state). */
typedef enum ClueState { CLUE_OPEN, CLUE_CONCLUDED, CLUE__COUNT } ClueState;

/* The four forms of supervision and discipline (监督执纪“四种形态”). */
typedef enum DisciplineForm {
    FORM_FIRST,  /* 批评教育、谈话提醒 */
    FORM_SECOND, /* 诫勉 */
    FORM_THIRD,  /* 组织处理 */
    FORM_FOURTH, /* 党纪政务处分 */
    FORM__COUNT
} DisciplineForm;

/* What befell a clue's subject (clue_outcome.type), in the order reports list them. */
/*
** What befell a clue's subject, in the order reports list them. clue_outcome.type stores the
** label (立案), the word that the importer reads and the 通报 writes.
*/
typedef enum OutcomeType {
    OUTCOME_CASE,             /* 立案 */
    OUTCOME_SANCTION,         /* 党纪政务处分: both at once, counted apart from each */
    OUTCOME_PARTY_SANCTION,   /* 党纪处分, with a PartySanction subtype */
    OUTCOME_GOV_SANCTION,     /* 政务处分, with a GovSanction subtype */
    OUTCOME_ORG_HANDLING,     /* 组织处理 */
    OUTCOME_ADMONITION,       /* 诫勉 */
    OUTCOME_TALK_REMINDER,    /* 谈话提醒 */
    OUTCOME_CRITICISM,        /* 批评教育 */
    OUTCOME_SELF_EXAMINATION, /* 责令检查 */
    OUTCOME_CIRCULATED,       /* 通报批评 */
    OUTCOME_JUDICIAL,         /* 移送司法机关 */
    OUTCOME_INQUIRY,          /* 函询 */
    OUTCOME_DETENTION,        /* 留置 */
    OUTCOME_ACCOUNTABILITY,   /* 问责 */
    OUTCOME__COUNT
} OutcomeType;

typedef enum PartySanction {
    PARTY_WARNING,
    PARTY_SERIOUS_WARNING,
    PARTY_REMOVAL,
    PARTY_PROBATION,
    PARTY_EXPULSION,
    PARTY__COUNT
} PartySanction;

typedef enum GovSanction {
    GOV_WARNING,
    GOV_DEMERIT,
    GOV_MAJOR_DEMERIT,
    GOV_DEMOTION,
    GOV_DISMISSAL,
    GOV_EXPULSION,
    GOV__COUNT
} GovSanction;

/*
** The headline figures of SPEC §7.1 that an imported document states (inspection_figure.key),
** then the sub-counts of party and government sanctions, named party_discipline_<PartySanction
** name> and gov_discipline_<GovSanction name>.
*/
typedef enum FigureKey {
    FIGURE_MEASURES_PLANNED,
    FIGURE_PROBLEM_CATEGORIES,
    FIGURE_PROBLEMS_TOTAL,
    FIGURE_PROBLEMS_COMPLETED,
    FIGURE_PROBLEMS_BASICALLY_COMPLETED,
    FIGURE_PROBLEMS_UNCOMPLETED,
    FIGURE_MECHANISMS,
    FIGURE_REFUNDS_WAN,
    FIGURE_LOSSES_RECOVERED_WAN,
    FIGURE_PARTY_DISCIPLINE,
    FIGURE_GOV_DISCIPLINE,
    FIGURE_ORG_HANDLING,
    FIGURE_ADMONITION,
    FIGURE_TALK_REMINDER,
    FIGURE_CRITICISM_EDUCATION,
    FIGURE_CASE_FILED,
    FIGURE_PARTY_FIRST,                       /* party_discipline_warning … */
    FIGURE_GOV_FIRST = FIGURE_PARTY_FIRST + PARTY__COUNT, /* gov_discipline_warning … */
    FIGURE__COUNT = FIGURE_GOV_FIRST + GOV__COUNT
} FigureKey;

typedef enum FeedbackState {
    FEEDBACK_PENDING,
    FEEDBACK_FORWARDED,
    FEEDBACK_ANSWERED,
    FEEDBACK_REJECTED,
    FEEDBACK__COUNT
} FeedbackState;

/* Meeting kinds (meeting.kind), in the order reports list them. */
typedef enum MeetingKind {
    MEETING_STANDING,        /* 常委会会议 */
    MEETING_LEADING_GROUP,   /* 整改工作领导小组会议 */
    MEETING_SPECIAL,         /* 专题会议 */
    MEETING_DEMOCRATIC_LIFE, /* 专题民主生活会 */
    MEETING_DISPATCH,        /* 调度会 */
    MEETING__COUNT
} MeetingKind;

typedef enum RecoveryKind {
    RECOVERY_REFUND,
    RECOVERY_LOSS_RECOVERED,
    RECOVERY__COUNT
} RecoveryKind;

typedef enum MechanismKind { MECHANISM_NEW, MECHANISM_REVISED, MECHANISM__COUNT } MechanismKind;

/* ---- the audit log ---- */

/*
** The audit log's actions (audit.action). The stored names are those the log already holds;
** a new kind of change gets a new row here before its first audit entry.
*/
typedef enum AuditAction {
    AUDIT_LOGIN,
    AUDIT_LOGIN_FAILED,
    AUDIT_LOGIN_REFUSED,
    AUDIT_LOGIN_LOCKOUT,
    AUDIT_LOGOUT,
    AUDIT_PASSWORD_CHANGE,
    AUDIT_TOKEN_CREATE,
    AUDIT_TOKEN_REVOKE,
    AUDIT_USER_CREATE,
    AUDIT_USER_UPDATE,
    AUDIT_USER_ROLES,
    AUDIT_USER_LOCK,
    AUDIT_USER_UNLOCK,
    AUDIT_USER_PASSWORD_RESET,
    AUDIT_UNIT_CREATE,
    AUDIT_INSPECTION_IMPORT,
    AUDIT_DEMO_GENERATE,
    AUDIT_REPORT_GENERATE,
    AUDIT_REPORT_TEXT_SET,
    AUDIT_REPORT_PUBLISH,
    AUDIT_EXPORT_LEDGER,
    AUDIT_EXPORT_AUDIT,
    AUDIT_PLAN_ISSUE,
    AUDIT_MEASURE_EDIT,
    AUDIT_MEASURE_REPORT, /* measure.<action>: one per workflow Action, in its order */
    AUDIT_MEASURE_REQUEST_CLOSE,
    AUDIT_MEASURE_LEAD_APPROVE,
    AUDIT_MEASURE_SIGN_OFF,
    AUDIT_MEASURE_VERIFY,
    AUDIT_MEASURE_RETURN,
    AUDIT_MEASURE_RELAPSE,
    AUDIT_MEASURE_WAIVE_EVIDENCE,
    AUDIT_EVIDENCE_UPLOAD,
    AUDIT_EVIDENCE_DOWNLOAD,
    AUDIT_EVIDENCE_WITHDRAW,
    AUDIT_SUPERVISION_ISSUE,
    AUDIT_SUPERVISION_RESPOND,
    AUDIT_SUPERVISION_LIFT,
    AUDIT_INSTRUCTION_GIVE,
    AUDIT_INSTRUCTION_ACKNOWLEDGE,
    AUDIT_REVISIT_RECORD,
    AUDIT_SPOT_CHECK_DRAW,
    AUDIT_SPOT_CHECK_RECORD,
    AUDIT_SUPERVISION_TALK,
    AUDIT_EVIDENCE_PREVIEW,
    AUDIT_PROGRESS_DRAFT,
    AUDIT_PROGRESS_SUBMIT,
    AUDIT_PROGRESS_ACCEPT,
    AUDIT_PROGRESS_RETURN,
    AUDIT_CLUE_CREATE,
    AUDIT_CLUE_UPDATE,
    AUDIT_CLUE_READ,
    AUDIT_FEEDBACK_HANDLE,
    AUDIT_SETTING_CHANGE,
    AUDIT_INSPECTION_CREATE, /* the office edits the ledger (ledger/plan.c) */
    AUDIT_INSPECTION_UPDATE,
    AUDIT_FINDING_CREATE,
    AUDIT_FINDING_UPDATE,
    AUDIT_FINDING_MOVE,
    AUDIT_FINDING_DELETE,
    AUDIT_MEASURE_CREATE,
    AUDIT_MEASURE_MOVE,
    AUDIT_MEASURE_DELETE,
    AUDIT_MEASURE_WITHDRAW,
    AUDIT_CLUE_OUTCOME,       /* registers: an outcome added to a clue */
    AUDIT_MECHANISM_CREATE,   /* a rule entered in the 建章立制 register */
    AUDIT_MEETING_CREATE,     /* a meeting entered */
    AUDIT_RECOVERY_CREATE,    /* a refund or recovered loss entered */
    AUDIT_FEEDBACK_SUBMIT,    /* the public's feedback received */
    AUDIT_FEEDBACK_FORWARD,   /* a feedback turned into a clue */
    AUDIT_REFUSED_ROLE,   /* the dispatcher refused: the roles do not allow it */
    AUDIT_REFUSED_CSRF,   /* the dispatcher refused: no or a wrong CSRF token */
    AUDIT_REFUSED_ORIGIN, /* the dispatcher refused: a write from another origin */
    AUDIT_READ,           /* a read of an audited route (the audit log, …) */
    AUDIT_REFUSED_UNSEEN, /* a handler answered 404: no such object, or one the user may not see */
    AUDIT__COUNT
} AuditAction;

/* The audit action of a workflow action: measure.return for ACTION_RETURN. */
#define AUDIT_OF_ACTION(a) ((AuditAction)(AUDIT_MEASURE_REPORT + (int)(a)))

/* ---- the tables ---- */

/* One vocabulary per enumeration above. */
typedef enum VocabId {
    VOCAB_MEASURE_STATE,
    VOCAB_MEASURE_KIND,
    VOCAB_FINDING_LEVEL,
    VOCAB_PROBLEM_STATUS,
    VOCAB_ACTION,
    VOCAB_LIGHT,
    VOCAB_WHY,
    VOCAB_EVENT,
    VOCAB_OWE,
    VOCAB_REPORT_CYCLE,
    VOCAB_INSPECTION_KIND,
    VOCAB_INSPECTION_STATE,
    VOCAB_PLAN_STATE,
    VOCAB_ROLE,
    VOCAB_UNIT_KIND,
    VOCAB_USER_STATE,
    VOCAB_PROGRESS_STATE,
    VOCAB_REVIEW_STAGE,
    VOCAB_REVIEW_DECISION,
    VOCAB_EVIDENCE_STATE,
    VOCAB_SUPERVISION_KIND,
    VOCAB_SUPERVISION_STATE,
    VOCAB_INSTRUCTION_STATE,
    VOCAB_REVISIT_RESULT,
    VOCAB_SPOT_CHECK_RESULT,
    VOCAB_CLUE_KIND,
    VOCAB_CLUE_RANK,
    VOCAB_CLUE_DISPOSAL,
    VOCAB_CLUE_STATE,
    VOCAB_DISCIPLINE_FORM,
    VOCAB_OUTCOME_TYPE,
    VOCAB_PARTY_SANCTION,
    VOCAB_GOV_SANCTION,
    VOCAB_FIGURE,
    VOCAB_FEEDBACK_STATE,
    VOCAB_MEETING_KIND,
    VOCAB_RECOVERY_KIND,
    VOCAB_MECHANISM_KIND,
    VOCAB_AUDIT_ACTION,
    VOCAB_PLAN_GAP,
    VOCAB__COUNT
} VocabId;

/* How many values vocabulary v has (its enumeration's __COUNT). */
int vocab_count(VocabId v);
/* The vocabulary's own name ("measure_state"), for tests and the help page. */
const char *vocab_title(VocabId v);
/*
** The stored name ("in_progress") and the Chinese label ("整改中") of value in vocabulary v.
** Static strings. A value out of range is a bug (BUG()): values come from the enumeration or
** from vocab_parse, never from outside unchecked.
*/
const char *vocab_name(VocabId v, int value);
const char *vocab_label(VocabId v, int value);
/*
** The help page's sentence on value of v (what a role may do, when a light shows, what a reason
** or a reporting cycle means): a static string, "" for values without one.
*/
const char *vocab_help(VocabId v, int value);
/* The value whose stored name is name, or -1 when name is NULL or not a name of v. */
int vocab_parse(VocabId v, const char *name);
/*
** The value whose stored name is name, or fallback when there is none: for a store reading a
** row that the schema's CHECK should have kept valid, so that a bad row never aborts a reader.
*/
int vocab_parse_or(VocabId v, const char *name, int fallback);
/* The value whose Chinese label is label, or -1 when there is none. */
int vocab_parse_label(VocabId v, const char *label);
/* The Chinese label of a stored name, or fallback when name is not one of v's. */
const char *vocab_label_of(VocabId v, const char *name, const char *fallback);

#endif
