/*
** audit_digest.h: the bounded digest of a measure in the audit chain (audit_store.c).
**
** An audit entry about "measure:N" records what the chain guards of the measure: its state and
** percent, and the state, percent and text of its progress reports. The first form hashed all of
** them on every entry, so that an entry cost as much as the measure's history. The second form,
** text starting "2;", records only what an entry can have changed:
**
**     2;MEASURE;MAX;ID:F:ROW;ID:F:ROW;…
**
** MEASURE the hash of the measure's state and percent ("gone" when deleted), MAX the highest
** report id recorded so far for the measure, then one item per report that is new since the
** previous entry (id > its MAX), still open (draft or submitted: the states a report may leave)
** or open at the previous entry; F is 'o' for open, 't' for settled (accepted, returned: no
** transition leaves them), ROW the hash of the report ("gone" when deleted). The first entry of
** the second form about a measure lists every report it has. A report's latest item therefore
** states what it must be now, and `audit verify` checks each one, and that no report lacks one.
*/
#ifndef ZG_DB_AUDIT_DIGEST_H
#define ZG_DB_AUDIT_DIGEST_H

#include "base/buf.h"
#include "db/db.h"

/* True when digest is of the second form (the text starts "2;"). */
bool audit_digest_is_bounded(const char *digest);
/*
** The digest of measure id for a new audit entry into out (reset first): reads the latest
** entry's digest about object ("measure:N") and the reports it must cover now.
*/
int audit_digest_measure(Db *db, const char *object, int64_t id, Buf *out, Err *err);
/*
** Check measure id against its entries of the second form, newest first (recorded: the latest,
** from entry seq): 0 when the measure and every report match; -1 with ERR_CONFLICT naming what was
** changed, added or removed outside the application, or another error.
*/
int audit_digest_check_measure(Db *db, const char *object, int64_t id, const char *recorded,
                               int64_t seq, Err *err);

#endif
