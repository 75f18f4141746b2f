/*
** model.c: the stored names and Chinese labels of the model's enumerations (model.h).
** The names are the identifiers of SPEC §2, used alike in the schema, the API and the CLI.
*/
#include "model.h"

static const char *const state_names[] = {
    "not_started", "in_progress", "submitted", "lead_approved", "signed_off",
    "closed",      "phase_complete", "returned", "relapsed",
};
static const char *const state_labels[] = {
    "未启动", "整改中", "已申请销号", "牵头单位已审核", "领导已签批",
    "已销号", "阶段性完成", "已退回", "已反弹",
};
static const char *const kind_names[] = {"immediate", "dated", "long_term"};
static const char *const kind_labels[] = {"立行立改", "限期整改", "长期坚持"};
static const char *const level_names[] = {"aspect", "item", "problem", "subproblem"};
static const char *const status_names[] = {"completed", "basically_completed", "uncompleted"};
static const char *const status_labels[] = {"已完成", "基本完成", "未完成"};
static const char *const cycle_names[] = {"weekly", "semimonthly", "monthly"};
static const char *const inspection_kind_names[] = {"xunshi", "xuncha", "audit", "duchai", "other"};
static const char *const role_names[] = {"sysadmin", "secadmin", "auditor",    "office",
                                         "leader",   "unit",     "discipline", "observer"};
static const char *const role_labels[] = {"系统管理员", "安全管理员", "审计管理员", "巡改办",
                                          "领导",       "单位",       "纪检",       "观察"};
static const char *const unit_kind_names[] = {"party", "government", "street", "soe", "school", "other"};

_Static_assert(ARRAY_SIZE(state_names) == STATE__COUNT, "state names");
_Static_assert(ARRAY_SIZE(state_labels) == STATE__COUNT, "state labels");
_Static_assert(ARRAY_SIZE(kind_names) == KIND__COUNT, "kind names");
_Static_assert(ARRAY_SIZE(level_names) == LEVEL__COUNT, "level names");
_Static_assert(ARRAY_SIZE(status_names) == STATUS__COUNT, "status names");
_Static_assert(ARRAY_SIZE(cycle_names) == CYCLE__COUNT, "cycle names");
_Static_assert(ARRAY_SIZE(inspection_kind_names) == INSPECTION__COUNT, "inspection kinds");
_Static_assert(ARRAY_SIZE(role_names) == ROLE__COUNT, "role names");
_Static_assert(ARRAY_SIZE(role_labels) == ROLE__COUNT, "role labels");
_Static_assert(ARRAY_SIZE(unit_kind_names) == UNIT__COUNT, "unit kinds");

const char *model_enum_name(const char *const *names, int n, int v)
{
    if (v < 0 || v >= n)
        BUG("enumeration value %d out of range", v);
    return names[v];
}

int model_enum_parse(const char *const *names, int n, const char *s)
{
    if (!s)
        return -1;
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return -1;
}

#define NAMES(fn, type, table, count)                                                              \
    const char *fn(type v) { return model_enum_name(table, count, (int)v); }

NAMES(model_state_name, MeasureState, state_names, STATE__COUNT)
NAMES(model_state_label, MeasureState, state_labels, STATE__COUNT)
NAMES(model_kind_name, MeasureKind, kind_names, KIND__COUNT)
NAMES(model_kind_label, MeasureKind, kind_labels, KIND__COUNT)
NAMES(model_level_name, FindingLevel, level_names, LEVEL__COUNT)
NAMES(model_status_name, ProblemStatus, status_names, STATUS__COUNT)
NAMES(model_status_label, ProblemStatus, status_labels, STATUS__COUNT)
NAMES(model_cycle_name, ReportCycle, cycle_names, CYCLE__COUNT)
NAMES(model_inspection_kind_name, InspectionKind, inspection_kind_names, INSPECTION__COUNT)
NAMES(model_role_name, Role, role_names, ROLE__COUNT)
NAMES(model_role_label, Role, role_labels, ROLE__COUNT)
NAMES(model_unit_kind_name, UnitKind, unit_kind_names, UNIT__COUNT)

#define PARSE(fn, table, count)                                                                    \
    int fn(const char *s) { return model_enum_parse(table, count, s); }

PARSE(model_state_parse, state_names, STATE__COUNT)
PARSE(model_kind_parse, kind_names, KIND__COUNT)
PARSE(model_level_parse, level_names, LEVEL__COUNT)
PARSE(model_status_parse, status_names, STATUS__COUNT)
PARSE(model_cycle_parse, cycle_names, CYCLE__COUNT)
PARSE(model_inspection_kind_parse, inspection_kind_names, INSPECTION__COUNT)
PARSE(model_role_parse, role_names, ROLE__COUNT)
PARSE(model_unit_kind_parse, unit_kind_names, UNIT__COUNT)
