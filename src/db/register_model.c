/*
** register_model.c: outcome types' forms and sub-types (register_model.h).
*/
#include "register_model.h"

/* Kinds of organisational handling (组织处理), which the vocabulary does not list yet. */
static const char *const org_handling[] = {"停职检查", "调整职务", "责令辞职", "降职", "免职"};
static const char *const ordinals[] = {"第一种形态", "第二种形态", "第三种形态", "第四种形态"};
_Static_assert(ARRAY_SIZE(ordinals) == FORM__COUNT, "form ordinals");

int reg_outcome_form(OutcomeType t)
{
    switch (t) {
    case OUTCOME_CRITICISM:
    case OUTCOME_TALK_REMINDER:
    case OUTCOME_SELF_EXAMINATION:
    case OUTCOME_CIRCULATED:
    case OUTCOME_INQUIRY:
        return FORM_FIRST;
    case OUTCOME_ADMONITION:
        return FORM_SECOND;
    case OUTCOME_ORG_HANDLING:
        return FORM_THIRD;
    case OUTCOME_SANCTION:
    case OUTCOME_PARTY_SANCTION:
    case OUTCOME_GOV_SANCTION:
        return FORM_FOURTH;
    default:
        return -1;
    }
}

const char *reg_form_ordinal(DisciplineForm f)
{
    if ((int)f < 0 || f >= FORM__COUNT)
        BUG("form %d out of range", (int)f);
    return ordinals[f];
}

int reg_outcome_n_subtypes(OutcomeType t)
{
    switch (t) {
    case OUTCOME_PARTY_SANCTION:
        return PARTY__COUNT;
    case OUTCOME_GOV_SANCTION:
        return GOV__COUNT;
    case OUTCOME_ORG_HANDLING:
        return (int)ARRAY_SIZE(org_handling);
    default:
        return 0;
    }
}

const char *reg_outcome_subtype(OutcomeType t, int i)
{
    if (i < 0 || i >= reg_outcome_n_subtypes(t))
        BUG("sub-type %d of outcome %d out of range", i, (int)t);
    if (t == OUTCOME_PARTY_SANCTION)
        return vocab_label(VOCAB_PARTY_SANCTION, i);
    if (t == OUTCOME_GOV_SANCTION)
        return vocab_label(VOCAB_GOV_SANCTION, i);
    return org_handling[i];
}

bool reg_outcome_subtype_ok(OutcomeType t, const char *sub)
{
    if (!sub || !*sub)
        return true;
    for (int i = 0; i < reg_outcome_n_subtypes(t); i++)
        if (strcmp(reg_outcome_subtype(t, i), sub) == 0)
            return true;
    return false;
}
