/*
** loop_model.c: stored names and Chinese labels of the daily loop's enumerations
** (loop_model.h).
*/
#include "loop_model.h"

#include "db/model.h"

static const char *const progress_names[] = {"draft", "submitted", "accepted", "returned"};
static const char *const progress_labels[] = {"草稿", "已报送", "已采纳", "已退回"};
static const char *const evidence_names[] = {"active", "withdrawn"};
static const char *const evidence_labels[] = {"有效", "已撤回"};
static const char *const sup_kind_names[] = {"remind", "written", "talk", "listed", "onsite"};
static const char *const sup_kind_labels[] = {"催办", "督办", "约谈", "挂牌督办", "现场督办"};
static const char *const sup_state_names[] = {"open", "responded", "lifted"};
static const char *const sup_state_labels[] = {"待反馈", "已反馈", "已解除"};
static const char *const instruction_names[] = {"open", "acknowledged"};
static const char *const instruction_labels[] = {"待落实", "已阅知"};
static const char *const revisit_names[] = {"held", "relapsed"};
static const char *const revisit_labels[] = {"巩固", "反弹"};
static const char *const spot_names[] = {"passed", "failed"};
static const char *const spot_labels[] = {"通过", "未通过"};

_Static_assert(ARRAY_SIZE(progress_names) == PROGRESS__COUNT, "progress names");
_Static_assert(ARRAY_SIZE(progress_labels) == PROGRESS__COUNT, "progress labels");
_Static_assert(ARRAY_SIZE(evidence_names) == EVIDENCE__COUNT, "evidence names");
_Static_assert(ARRAY_SIZE(evidence_labels) == EVIDENCE__COUNT, "evidence labels");
_Static_assert(ARRAY_SIZE(sup_kind_names) == SUPERVISION__COUNT, "supervision kinds");
_Static_assert(ARRAY_SIZE(sup_kind_labels) == SUPERVISION__COUNT, "supervision kind labels");
_Static_assert(ARRAY_SIZE(sup_state_names) == SUPERVISION_STATE__COUNT, "supervision states");
_Static_assert(ARRAY_SIZE(sup_state_labels) == SUPERVISION_STATE__COUNT, "supervision labels");
_Static_assert(ARRAY_SIZE(instruction_names) == INSTRUCTION__COUNT, "instruction states");
_Static_assert(ARRAY_SIZE(instruction_labels) == INSTRUCTION__COUNT, "instruction labels");
_Static_assert(ARRAY_SIZE(revisit_names) == REVISIT__COUNT, "revisit results");
_Static_assert(ARRAY_SIZE(revisit_labels) == REVISIT__COUNT, "revisit labels");
_Static_assert(ARRAY_SIZE(spot_names) == SPOT__COUNT, "spot-check results");
_Static_assert(ARRAY_SIZE(spot_labels) == SPOT__COUNT, "spot-check labels");

#define NAMES(fn, type, table, count)                                                              \
    const char *fn(type v) { return model_enum_name(table, count, (int)v); }
#define PARSE(fn, table, count)                                                                    \
    int fn(const char *s) { return model_enum_parse(table, count, s); }

NAMES(loop_progress_name, ProgressState, progress_names, PROGRESS__COUNT)
NAMES(loop_progress_label, ProgressState, progress_labels, PROGRESS__COUNT)
NAMES(loop_evidence_name, EvidenceState, evidence_names, EVIDENCE__COUNT)
NAMES(loop_evidence_label, EvidenceState, evidence_labels, EVIDENCE__COUNT)
NAMES(loop_supervision_kind_name, SupervisionKind, sup_kind_names, SUPERVISION__COUNT)
NAMES(loop_supervision_kind_label, SupervisionKind, sup_kind_labels, SUPERVISION__COUNT)
NAMES(loop_supervision_state_name, SupervisionState, sup_state_names, SUPERVISION_STATE__COUNT)
NAMES(loop_supervision_state_label, SupervisionState, sup_state_labels, SUPERVISION_STATE__COUNT)
NAMES(loop_instruction_name, InstructionState, instruction_names, INSTRUCTION__COUNT)
NAMES(loop_instruction_label, InstructionState, instruction_labels, INSTRUCTION__COUNT)
NAMES(loop_revisit_name, RevisitResult, revisit_names, REVISIT__COUNT)
NAMES(loop_revisit_label, RevisitResult, revisit_labels, REVISIT__COUNT)
NAMES(loop_spot_name, SpotResult, spot_names, SPOT__COUNT)
NAMES(loop_spot_label, SpotResult, spot_labels, SPOT__COUNT)

PARSE(loop_progress_parse, progress_names, PROGRESS__COUNT)
PARSE(loop_supervision_kind_parse, sup_kind_names, SUPERVISION__COUNT)
PARSE(loop_supervision_state_parse, sup_state_names, SUPERVISION_STATE__COUNT)
PARSE(loop_revisit_parse, revisit_names, REVISIT__COUNT)
PARSE(loop_spot_parse, spot_names, SPOT__COUNT)
