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
** broken sequence number otherwise. Also checked: the append-only triggers exist; every entry
** from the key's first on is keyed (HMAC) and the key file is there and private; no entry before
** the key's first is missing; and each measure or user the log has recorded still has the
** content its latest entry's digest says (state, percent and progress of a measure; password
** hash, state and roles of a user) - a change that bypassed the application is named.
*/
int audit_store_verify(Db *db, int64_t *n_rows, Err *err);
/*
** As audit_store_verify, and entry anchor_seq must exist with hash anchor_hash (an anchor kept
** outside the database: proves no entry up to it was removed or changed, and that this is not
** an older copy). anchor_seq 0: no anchor.
*/
int audit_store_verify_anchor(Db *db, int64_t anchor_seq, const char *anchor_hash,
                              int64_t *n_rows, Err *err);
/*
** Read an anchor file ("zhenggai audit anchor seq N hash H", as `audit anchor` writes it) into
** *seq and hash. -1 with err when it cannot be read or is not an anchor.
*/
int audit_store_read_anchor(const char *path, int64_t *seq, char hash[65], Err *err);
/* The last entry's sequence (0 when none) and hash, for an anchor. */
int audit_store_head(Db *db, int64_t *seq, char hash[65], Err *err);
/*
** Name the operating-system user of this process (the command line, before any thread): every
** entry appended afterwards ends its detail with "[os user NAME]", so that `--as LOGIN` rows say
** who really acted. Process-wide, set once.
*/
void audit_store_set_operator(const char *os_user);
/*
** Make the audit key of this database (DB.audit-key, 32 random bytes, mode 0600, signing every
** entry from the next) unless it has one; load it. -1 with err when it cannot be written, or
** when an existing key file is malformed or open to other users.
*/
int audit_store_key_init(Db *db, Err *err);
/*
** Give dst the key file of src (a copy of a ledger, copy.c; db/keys.h): write dst's file (mode
** 0600) with src's bytes (audit key, first entry, suite and data key) when src has one and dst
** none; nothing when src has none; ERR_CONFLICT when dst has a different one. Then load it.
** 0, or -1 with err.
*/
int audit_store_key_copy(Db *src, Db *dst, Err *err);

#endif
