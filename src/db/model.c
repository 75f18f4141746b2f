/*
** model.c: the typed names and labels of model.h, read from the tables of vocab.c, and the
** lookup of names by id.
*/
#include "model.h"

#define NAMES(fn, type, vocab, what)                                                               \
    const char *fn(type v)                                                                         \
    {                                                                                              \
        return vocab_##what(vocab, (int)v);                                                        \
    }

NAMES(model_state_name, MeasureState, VOCAB_MEASURE_STATE, name)
NAMES(model_state_label, MeasureState, VOCAB_MEASURE_STATE, label)
NAMES(model_kind_name, MeasureKind, VOCAB_MEASURE_KIND, name)
NAMES(model_kind_label, MeasureKind, VOCAB_MEASURE_KIND, label)
NAMES(model_level_name, FindingLevel, VOCAB_FINDING_LEVEL, name)
NAMES(model_status_name, ProblemStatus, VOCAB_PROBLEM_STATUS, name)
NAMES(model_status_label, ProblemStatus, VOCAB_PROBLEM_STATUS, label)
NAMES(model_cycle_name, ReportCycle, VOCAB_REPORT_CYCLE, name)
NAMES(model_inspection_kind_name, InspectionKind, VOCAB_INSPECTION_KIND, name)
NAMES(model_role_name, Role, VOCAB_ROLE, name)
NAMES(model_role_label, Role, VOCAB_ROLE, label)
NAMES(model_unit_kind_name, UnitKind, VOCAB_UNIT_KIND, name)

#define PARSE(fn, vocab)                                                                           \
    int fn(const char *s)                                                                          \
    {                                                                                              \
        return vocab_parse(vocab, s);                                                              \
    }

PARSE(model_state_parse, VOCAB_MEASURE_STATE)
PARSE(model_kind_parse, VOCAB_MEASURE_KIND)
PARSE(model_level_parse, VOCAB_FINDING_LEVEL)
PARSE(model_cycle_parse, VOCAB_REPORT_CYCLE)
PARSE(model_inspection_kind_parse, VOCAB_INSPECTION_KIND)
PARSE(model_role_parse, VOCAB_ROLE)
PARSE(model_unit_kind_parse, VOCAB_UNIT_KIND)

const char *idname_find(const IdName *v, int n, int64_t id)
{
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (v[mid].id == id)
            return v[mid].name;
        if (v[mid].id < id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return "";
}

const char *idname_unit(void *names, int64_t id)
{
    const IdNames *n = names;
    return idname_find(n->units, n->n_units, id);
}

const char *idname_person(void *names, int64_t id)
{
    const IdNames *n = names;
    return idname_find(n->persons, n->n_persons, id);
}

static const DbCol idname_cols[] = {
    DB_COL_INT(IdName, id),
    DB_COL_TEXT(IdName, name),
    DB_COL_STR(IdName, post),
};

const DbRowMap idname_map = DB_MAP(IdName, idname_cols, NULL);
