/*
** finding_store.h: the feedback hierarchy of an inspection (aspect / item / problem / subproblem).
*/
#ifndef ZG_FINDING_STORE_H
#define ZG_FINDING_STORE_H

#include "base/arena.h"
#include "db/db.h"
#include "db/model.h"

/* Insert f (id ignored), set f->id. The parent must belong to the same inspection. */
int finding_store_insert(Db *db, Finding *f, Err *err);
/* Every finding of an inspection, parents before children, siblings by ordinal. */
int finding_store_list(Db *db, Arena *arena, int64_t inspection_id, Finding **out, int *n,
                       Err *err);
/* Load one finding (strings in arena); ERR_NOTFOUND when absent. */
int finding_store_get(Db *db, Arena *arena, int64_t id, Finding *out, Err *err);
/* Set or clear (status STATUS_NONE) the office's status override; a set override needs a reason. */
int finding_store_set_override(Db *db, int64_t id, ProblemStatus status, const char *reason,
                               Err *err);

#endif
