/*
** edit_store.h: the writes of the office's ledger editing (issue 12): an inspection's fields and
** plan state, the finding tree (add, edit, place, renumber, delete), measures (fields, owners,
** place, delete, withdraw), and the bounded name searches of the pickers. Every edit of an
** object is guarded by its version: the UPDATE names the version the editor saw, and a row that
** moved on since fails with ERR_CONFLICT, so two clerks never overwrite each other silently.
** The rules (who, when, with which reason) live in ledger/plan.c, which calls these inside one
** transaction with the audit entry.
*/
#ifndef ZG_EDIT_STORE_H
#define ZG_EDIT_STORE_H

#include "base/arena.h"
#include "db/db.h"
#include "db/model.h"

/*
** Write every editable field of in (kind … contacts, require_signoff, require_onsite,
** org_unit_id) when its stored version is `version`; bump the version. ERR_NOTFOUND when the
** inspection is absent, ERR_CONFLICT when its version moved on.
*/
int edit_store_inspection_update(Db *db, const Inspection *in, int64_t version, Err *err);
/* Set the plan state (issued: also the issue time) and bump the version. */
int edit_store_plan_state(Db *db, int64_t id, PlanState state, Err *err);
/* Set plan_state and require_onsite of a just-inserted inspection (inspection_store_insert). */
int edit_store_inspection_init(Db *db, int64_t id, PlanState state, bool require_onsite, Err *err);

/* The next ordinal among the children of parent_id (0: the roots) of an inspection. */
int edit_store_finding_next(Db *db, int64_t inspection_id, int64_t parent_id, int *ordinal,
                            Err *err);
/* Set level, title and body of finding id at version; bump it. ERR_NOTFOUND / ERR_CONFLICT. */
int edit_store_finding_update(Db *db, int64_t id, FindingLevel level, const char *title,
                              const char *body, int64_t version, Err *err);
/* Place finding id: its parent (0: a root), ordinal and printed label; bump its version. */
int edit_store_finding_place(Db *db, int64_t id, int64_t parent_id, int ordinal, const char *label,
                             Err *err);
/*
** Give findings new ids: old_ids[i] becomes new_ids[i], with every reference (children,
** measures, instructions, mechanisms) following, checked at commit (deferred foreign keys).
** The new ids must be a permutation of the old ones. Call inside a transaction.
*/
int edit_store_finding_renumber(Db *db, const int64_t *old_ids, const int64_t *new_ids, int n,
                                Err *err);
/* Delete finding id (its children go with it). ERR_NOTFOUND when absent. */
int edit_store_finding_delete(Db *db, int64_t id, Err *err);
/* The number of measures (withdrawn included) under finding id and its descendants. */
int edit_store_finding_measures(Db *db, int64_t id, int *n, Err *err);

/* The next ordinal among the measures in force (not withdrawn) of finding_id. */
int edit_store_measure_next(Db *db, int64_t finding_id, int *ordinal, Err *err);
/*
** The measures in force of finding_id in their order (id, finding_id, ordinal, label filled; the
** rest zero), into an arena array *out of *n: what renumbering them needs, without the ledger.
*/
int edit_store_measures_of(Db *db, Arena *arena, int64_t finding_id, Measure **out, int *n,
                           Err *err);
/*
** The lines of the plan's tree editor: the measures in force (id, finding_id, ordinal, label and
** title filled; the rest zero) of finding_id, or of the whole inspection when finding_id is 0,
** in ledger order, at most limit, into an arena array *out of *n.
*/
int edit_store_measure_lines(Db *db, Arena *arena, int64_t inspection_id, int64_t finding_id,
                             int limit, Measure **out, int *n, Err *err);
/* A finding's count of measures in force. */
typedef struct FindingCount {
    int64_t finding_id;
    int64_t n;
} FindingCount;
/*
** The counts of the findings of an inspection that have measures in force, by finding id, into
** an arena array *out of *n.
*/
int edit_store_finding_counts(Db *db, Arena *arena, int64_t inspection_id, FindingCount **out,
                              int *n, Err *err);
/*
** Write every editable field of m (title, body, target, kind, deadline, long_term, lead unit,
** onsite_required) and replace its leaders and co-units, when the stored version is `version`;
** bump the version. ERR_NOTFOUND / ERR_CONFLICT.
*/
int edit_store_measure_update(Db *db, const Measure *m, int64_t version, Err *err);
/* Place measure id under finding_id at ordinal with label; bump its version. */
int edit_store_measure_place(Db *db, int64_t id, int64_t finding_id, int ordinal, const char *label,
                             Err *err);
/* Delete measure id with its history. ERR_NOTFOUND when absent. */
int edit_store_measure_delete(Db *db, int64_t id, Err *err);
/* Withdraw measure id (撤销) with a reason at version; bump it. ERR_NOTFOUND / ERR_CONFLICT. */
int edit_store_measure_withdraw(Db *db, int64_t id, const char *reason, int64_t version, Err *err);

/* A unit or person found by a picker's search. */
typedef struct EditName {
    int64_t id;       /* row id */
    const char *name; /* unit name / person name */
    const char *post; /* person's post, "" for units */
} EditName;

/*
** Units whose name or short name contains q, within organisation org_unit_id's tree (0: every
** unit), by name, at most limit (≤ 50). Arena array *out of *n.
*/
int edit_store_search_units(Db *db, Arena *arena, const char *q, int64_t org_unit_id, int limit,
                            EditName **out, int *n, Err *err);
/* Persons whose name or post contains q, by name, at most limit (≤ 50). */
int edit_store_search_persons(Db *db, Arena *arena, const char *q, int limit, EditName **out,
                              int *n, Err *err);
/*
** The persons called name (and holding post, unless post is NULL): the first id in *id and
** how many there are (0, 1, or 2 for "more than one") in *count.
*/
int edit_store_person_by_name(Db *db, const char *name, const char *post, int64_t *id, int *count,
                              Err *err);

#endif
