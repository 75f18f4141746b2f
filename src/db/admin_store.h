/*
** admin_store.h: reading the audit log for the auditor (newest first, by sequence number, with
** filters), the reads of the administration and audit pages that no other store answers.
*/
#ifndef ZG_ADMIN_STORE_H
#define ZG_ADMIN_STORE_H

#include "base/arena.h"
#include "db/db.h"

typedef struct AuditEntry {
    int64_t seq;        /* sequence number, from 1 */
    const char *at;     /* UTC timestamp */
    const char *actor;  /* login or "system" / "cli" / "anonymous" */
    const char *action; /* user.create, measure.verify, login.failed … */
    const char *object; /* user:12, measure:7 … */
    const char *detail; /* free text */
} AuditEntry;

typedef struct AuditQuery {
    const char *actor;  /* NULL: any; else exactly this actor */
    const char *action; /* NULL: any; else actions starting with this text ("user." …) */
    const char *object; /* NULL: any; else exactly this object ("measure:12") */
    const char *from;   /* NULL: any; else entries at or after this UTC timestamp */
    const char *to;     /* NULL: any; else entries before this UTC timestamp */
    int64_t before;     /* 0: from the newest; else entries with seq < before */
    int limit;          /* at most this many entries */
} AuditQuery;

/*
** The entries q selects, newest first, into an arena array *out of *n. The action prefix is
** compared as text (no wildcards), so '%' or '_' in it match only themselves. The time range
** is turned into a range of sequence numbers (entries are appended in time order), so it costs
** two index look-ups; an actor or object filter walks that one's entries only.
*/
int admin_store_audit(Db *db, Arena *arena, const AuditQuery *q, AuditEntry **out, int *n,
                      Err *err);

/* The name of an audited object kind:id (measure title, user display name, unit name,
** inspection title) into *name (arena), NULL when the kind is unknown or the row is gone. */
int admin_store_object_name(Db *db, Arena *arena, const char *kind, int64_t id, const char **name,
                            Err *err);
/* The display name and unit name of the user with this login (NULL each when absent). */
int admin_store_actor(Db *db, Arena *arena, const char *login, const char **name,
                      const char **unit, Err *err);

#endif
