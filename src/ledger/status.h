/*
** status.h: the status of problems and of the aspects and items above them (SPEC §4):
** completed when all measures are closed; basically completed when every dated and immediate
** measure is closed and the long-term ones have completed their phase and go on; otherwise
** uncompleted. The office may override any finding's status with a reason.
*/
#ifndef ZG_STATUS_H
#define ZG_STATUS_H

#include "base/arena.h"
#include "db/model.h"

/* The status of a set of measures (those of one problem). No measures: uncompleted. */
ProblemStatus ledger_measures_status(const Measure *const *ms, int n);
/*
** The status of every finding of a tree: out[i] for fs[i]. fs must be sorted by id, parents
** having smaller ids than their children (as finding_store_list gives them). A finding's own measures and its children's statuses
** are combined: completed if all are completed, basically completed if all are at least that,
** else uncompleted; an override wins. Scratch memory comes from arena.
*/
void ledger_tree_status(const Finding *fs, int nf, const Measure *ms, int nm, Arena *arena,
                        ProblemStatus *out);
/*
** ledger_tree_status from what each finding's own measures give: own[i] the weakest status of
** fs[i]'s measures (as the database reads them), -1 when it has none. Scratch from arena.
*/
void ledger_tree_status_of(const Finding *fs, int nf, const int *own, Arena *arena,
                           ProblemStatus *out);

#endif
