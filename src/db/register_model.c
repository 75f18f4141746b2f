/*
** register_model.c: the stored names and Chinese labels of the registers' enumerations
** (register_model.h).
*/
#include "register_model.h"

static const char *const clue_kind_names[] = {"clue", "petition"};
static const char *const clue_kind_labels[] = {"问题线索", "信访件"};
static const char *const rank_names[] = {"ministry", "county", "township", "other"};
static const char *const rank_labels[] = {"厅局级", "县处级", "乡科级", "其他"};
static const char *const clue_state_names[] = {"open", "concluded"};
static const char *const clue_state_labels[] = {"办理中", "已办结"};
static const char *const disposal_names[] = {"talk_inquiry", "preliminary", "shelved", "closed"};
static const char *const disposal_labels[] = {"谈话函询", "初步核实", "暂存待查", "予以了结"};
static const char *const outcome_names[] = {
    "criticism_education", "talk_reminder",    "order_check",    "notice_criticism",
    "admonition",          "org_handling",     "party_discipline", "gov_discipline",
    "case_filed",          "judicial",
};
static const char *const outcome_labels[] = {
    "批评教育", "谈话提醒", "责令检查", "通报批评", "诫勉",
    "组织处理", "党纪处分", "政务处分", "立案",     "移送司法机关",
};
static const OutcomeForm outcome_forms[] = {
    FORM_FIRST,  FORM_FIRST,  FORM_FIRST,  FORM_FIRST, FORM_SECOND,
    FORM_THIRD,  FORM_FOURTH, FORM_FOURTH, FORM_NONE,  FORM_NONE,
};
static const char *const form_labels[] = {"", "第一种形态", "第二种形态", "第三种形态", "第四种形态"};
static const char *const feedback_names[] = {"pending", "forwarded", "answered", "rejected"};
static const char *const feedback_labels[] = {"待处理", "已转交", "已答复", "不予受理"};
static const char *const meeting_names[] = {"standing", "leading_group", "special",
                                            "democratic_life", "dispatch"};
static const char *const meeting_labels[] = {"常委会", "领导小组会议", "专题会议", "民主生活会",
                                             "调度会"};
static const char *const recovery_names[] = {"refund", "loss_recovered"};
static const char *const recovery_labels[] = {"退缴", "挽回损失"};

static const char *const no_subtypes[] = {NULL};
static const char *const party_subtypes[] = {"警告", "严重警告", "撤销党内职务", "留党察看",
                                             "开除党籍", NULL};
static const char *const gov_subtypes[] = {"警告", "记过", "记大过", "降级", "撤职", "开除", NULL};
static const char *const org_subtypes[] = {"停职检查", "调整职务", "责令辞职", "降职", "免职", NULL};

_Static_assert(ARRAY_SIZE(clue_kind_names) == CLUE_KIND__COUNT, "clue kinds");
_Static_assert(ARRAY_SIZE(clue_kind_labels) == CLUE_KIND__COUNT, "clue kind labels");
_Static_assert(ARRAY_SIZE(rank_names) == RANK__COUNT, "ranks");
_Static_assert(ARRAY_SIZE(rank_labels) == RANK__COUNT, "rank labels");
_Static_assert(ARRAY_SIZE(clue_state_names) == CLUE_STATE__COUNT, "clue states");
_Static_assert(ARRAY_SIZE(clue_state_labels) == CLUE_STATE__COUNT, "clue state labels");
_Static_assert(ARRAY_SIZE(disposal_names) == DISPOSAL__COUNT, "disposals");
_Static_assert(ARRAY_SIZE(disposal_labels) == DISPOSAL__COUNT, "disposal labels");
_Static_assert(ARRAY_SIZE(outcome_names) == OUTCOME__COUNT, "outcomes");
_Static_assert(ARRAY_SIZE(outcome_labels) == OUTCOME__COUNT, "outcome labels");
_Static_assert(ARRAY_SIZE(outcome_forms) == OUTCOME__COUNT, "outcome forms");
_Static_assert(ARRAY_SIZE(feedback_names) == FEEDBACK__COUNT, "feedback states");
_Static_assert(ARRAY_SIZE(feedback_labels) == FEEDBACK__COUNT, "feedback labels");
_Static_assert(ARRAY_SIZE(meeting_names) == MEETING__COUNT, "meeting kinds");
_Static_assert(ARRAY_SIZE(meeting_labels) == MEETING__COUNT, "meeting labels");
_Static_assert(ARRAY_SIZE(recovery_names) == RECOVERY__COUNT, "recovery kinds");
_Static_assert(ARRAY_SIZE(recovery_labels) == RECOVERY__COUNT, "recovery labels");

static const char *name_of(const char *const *names, int n, int v)
{
    if (v < 0 || v >= n)
        BUG("enumeration value %d out of range", v);
    return names[v];
}

static int parse_of(const char *const *names, int n, const char *s)
{
    for (int i = 0; s && i < n; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return -1;
}

#define ENUM_FNS(prefix, type, names, labels, count)                                               \
    const char *prefix##_name(type v) { return name_of(names, count, (int)v); }                    \
    const char *prefix##_label(type v) { return name_of(labels, count, (int)v); }                  \
    int prefix##_parse(const char *s) { return parse_of(names, count, s); }

ENUM_FNS(reg_clue_kind, ClueKind, clue_kind_names, clue_kind_labels, CLUE_KIND__COUNT)
ENUM_FNS(reg_rank, ClueRank, rank_names, rank_labels, RANK__COUNT)
ENUM_FNS(reg_clue_state, ClueState, clue_state_names, clue_state_labels, CLUE_STATE__COUNT)
ENUM_FNS(reg_disposal, ClueDisposal, disposal_names, disposal_labels, DISPOSAL__COUNT)
ENUM_FNS(reg_outcome, OutcomeType, outcome_names, outcome_labels, OUTCOME__COUNT)
ENUM_FNS(reg_feedback, FeedbackState, feedback_names, feedback_labels, FEEDBACK__COUNT)
ENUM_FNS(reg_meeting, MeetingKind, meeting_names, meeting_labels, MEETING__COUNT)
ENUM_FNS(reg_recovery, RecoveryKind, recovery_names, recovery_labels, RECOVERY__COUNT)

int reg_outcome_of_label(const char *s)
{
    return parse_of(outcome_labels, OUTCOME__COUNT, s);
}

OutcomeForm reg_outcome_form(OutcomeType t)
{
    name_of(outcome_names, OUTCOME__COUNT, (int)t);
    return outcome_forms[t];
}

const char *reg_form_label(OutcomeForm f)
{
    return name_of(form_labels, (int)ARRAY_SIZE(form_labels), (int)f);
}

const char *const *reg_outcome_subtypes(OutcomeType t)
{
    switch (t) {
    case OUTCOME_PARTY_DISCIPLINE: return party_subtypes;
    case OUTCOME_GOV_DISCIPLINE: return gov_subtypes;
    case OUTCOME_ORG_HANDLING: return org_subtypes;
    default: return no_subtypes;
    }
}

bool reg_outcome_subtype_ok(OutcomeType t, const char *sub)
{
    if (!sub || !*sub)
        return true;
    for (const char *const *s = reg_outcome_subtypes(t); *s; s++)
        if (strcmp(*s, sub) == 0)
            return true;
    return false;
}

const char *reg_mechanism_label(bool is_new)
{
    return is_new ? "新建" : "修订";
}
