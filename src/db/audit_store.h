/*
** audit_store.h: the append-only, hash-chained audit log (SPEC §9). Each row's hash covers the
** previous row's hash and its own fields, so changing or removing any row breaks the chain
** from there on; triggers refuse UPDATE and DELETE.
*/
#ifndef ZG_AUDIT_STORE_H
#define ZG_AUDIT_STORE_H

#include "db/db.h"
#include "db/vocab.h"

/*
** Append one entry: actor (a login, or "system"), what (stored as its vocabulary name,
** "measure.verify"; its label is what the audit page shows), object ("measure:12"), detail
** (free text). Call inside the transaction of the change it
** records, so both commit or neither does.
*/
int audit_store_append(Db *db, const char *actor, AuditAction what, const char *object,
                       const char *detail, Err *err);
/*
** Recompute the chain. Returns 0 with *n_rows set when intact; -1 with err naming the first
** broken sequence number otherwise.
*/
int audit_store_verify(Db *db, int64_t *n_rows, Err *err);

#endif
