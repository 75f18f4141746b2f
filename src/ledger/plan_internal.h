/*
** plan_internal.h: what plan.c, plan_tree.c and plan_measure.c share: one transaction per edit,
** its audit entry and its timeline event.
*/
#ifndef ZG_PLAN_INTERNAL_H
#define ZG_PLAN_INTERNAL_H

#include "ledger/ledger.h"
#include "ledger/plan.h"

/* Append the audit entry of an edit by actor: action on "kind:id", with detail (NULL: ""). */
int plan_audit(Db *db, Arena *arena, const Actor *actor, AuditAction action, const char *kind,
               int64_t id, const char *detail, Err *err);
/* Append a timeline event of measure m: kind, old and new values (or NULL), the reason. */
int plan_event(Db *db, const Actor *actor, const Measure *m, EventKind kind, const char *from,
               const char *to, const char *comment, Err *err);

#endif
