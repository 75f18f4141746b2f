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

#endif
