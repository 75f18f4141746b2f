/*
** register_model.h: what the registers add to the vocabulary (vocab.h): which of the four
** forms (四种形态) an outcome type belongs to, and the sub-types an outcome type allows (the
** party and government sanctions of vocab.h, the kinds of organisational handling).
*/
#ifndef ZG_REGISTER_MODEL_H
#define ZG_REGISTER_MODEL_H

#include "db/vocab.h"

/* The form of outcome type t (DisciplineForm), or -1 for types outside the four (立案 …). */
int reg_outcome_form(OutcomeType t);
/* 第一种形态 … for a DisciplineForm. */
const char *reg_form_ordinal(DisciplineForm f);
/* How many sub-types outcome type t allows, and the i-th one's label (严重警告 …). */
int reg_outcome_n_subtypes(OutcomeType t);
const char *reg_outcome_subtype(OutcomeType t, int i);
/* True when sub is "" or the label of one of t's sub-types. */
bool reg_outcome_subtype_ok(OutcomeType t, const char *sub);

#endif
