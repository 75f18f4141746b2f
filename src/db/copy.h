/*
** copy.h: what `zhenggai copy --from SRC --to DST` moves between two ledgers, SQLite or
** PostgreSQL on either side (issue 15). The tables, their stored columns and the SQL that reads
** and writes them come from the schema through tools/gen_copy_tables.py (copy_tables.c): every
** literal is one both dialects accept, so the same table serves either direction.
*/
#ifndef ZG_COPY_H
#define ZG_COPY_H

#include "db/db.h"

/* One table of a copy, in an order where parents come first. */
typedef struct CopyTable {
    const char *name;   /* the table */
    const char *kinds;  /* per stored column, in order: 'i' integer, 't' text, 'b' blob */
    int key[3];         /* the columns of the keyset that pages the reads (indexes into kinds) */
    int n_key;          /* columns in key; 0: the table is read in one page */
    const char *first;  /* the first page, in key order */
    const char *after;  /* the page after the key bound as ?1 …; NULL when n_key is 0 */
    const char *insert; /* one row, its columns bound as ?1 … in order */
    const char *count;  /* the table's rows */
} CopyTable;

/* The tables, parents first; tables a copy leaves out are named in copy_tables.c. */
extern const CopyTable copy_tables[];
extern const int n_copy_tables;

/*
** Copy every table of copy_tables from src to dst, whose schema is current and whose tables are
** all empty (else ERR_CONFLICT, nothing written), in one transaction of dst read from one
** snapshot of src; then the audit key file, when src has one (audit_store_key_copy). counts
** (n_copy_tables entries) gets the rows copied per table. 0, or -1 with err; on failure dst
** is as it was, but for a key file written after its commit.
*/
int copy_ledger(Db *src, Db *dst, int64_t *counts, Err *err);
/*
** After a copy: every table holds as many rows in src and dst as were copied (counts), and the
** audit chains of both verify, with as many entries. 0, or -1 with err saying what differs.
*/
int copy_compare(Db *src, Db *dst, const int64_t *counts, Err *err);

#endif
