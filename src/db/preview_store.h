/*
** preview_store.h: documents uploaded to the import wizard (table import_upload): recorded at
** upload, looked up for the preview and the confirmation, marked with the inspection they went
** into when confirmed, and expired when left unconfirmed. The files themselves live under the
** data folder by SHA-256 (web/page_import.c); this keeps what the database knows of them.
*/
#ifndef ZG_PREVIEW_STORE_H
#define ZG_PREVIEW_STORE_H

#include "base/arena.h"
#include "db/db.h"

typedef struct Preview {
    const char *sha256;      /* hex SHA-256 of the file: the key */
    const char *file_name;   /* the name the clerk's file had */
    int64_t size;            /* bytes */
    int64_t uploaded_by;     /* user id */
    const char *uploaded_at; /* UTC timestamp */
    int64_t inspection_id;   /* where a confirmed import went, 0 while pending */
} Preview;

/* Record (or renew, while unconfirmed) an upload. */
int preview_store_put(Db *db, const char *sha256, const char *file_name, int64_t size,
                      int64_t uploaded_by, Err *err);
/* The upload with this SHA-256 into *out (strings in arena); ERR_NOTFOUND when none. */
int preview_store_get(Db *db, Arena *arena, const char *sha256, Preview *out, Err *err);
/* Mark an upload confirmed into inspection_id. */
int preview_store_confirm(Db *db, const char *sha256, int64_t inspection_id, Err *err);
/*
** Delete unconfirmed uploads older than `before` (UTC timestamp), at most 100 a call: their
** SHA-256 go to an arena array *out of *n so the caller removes the files.
*/
int preview_store_expire(Db *db, Arena *arena, const char *before, const char ***out, int *n,
                         Err *err);

#endif
