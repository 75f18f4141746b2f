/*
** evidence_store.h: evidence files (佐证材料), their rows and their bytes. The bytes are stored
** content-addressed under the data folder beside the database (the database path + "-files"):
** files/evidence/ab/abcd… by SHA-256, never at a path a user chose; identical files are stored
** once. A file arrives as a temporary file in files/tmp/, is fsynced, renamed into place and its
** directory fsynced inside the write transaction that inserts its row, so that a crash leaves
** either the file and its row or, at worst, a file without a row, which evidence_store_sweep
** removes at the next start. Rows are never deleted: a mistaken file is withdrawn with a reason.
*/
#ifndef ZG_EVIDENCE_STORE_H
#define ZG_EVIDENCE_STORE_H

#include "base/arena.h"
#include "db/db.h"
#include "db/model.h"

typedef struct Evidence {
    int64_t id;               /* row id */
    int64_t measure_id;       /* the measure */
    int64_t progress_id;      /* the progress report, or 0 when attached to the measure */
    const char *file_name;    /* the original name, shown and used for downloads */
    const char *media_type;   /* decided by the content (base/filetype.h) */
    int64_t size;             /* bytes */
    const char *sha256;       /* hex: the stored file's name */
    int64_t uploaded_by;      /* users.id or 0 */
    const char *uploader;     /* display name of uploaded_by, when read back, or NULL */
    int64_t uploader_unit;    /* the uploader's unit, when read back, or 0 */
    const char *uploaded_at;  /* UTC timestamp */
    const char *withdrawn_at; /* UTC timestamp, NULL while active */
    const char *withdraw_reason; /* why, when withdrawn */
} Evidence;

/* The data folder of the database at db_path: db_path + "-files", in arena. */
const char *evidence_files_dir(Arena *arena, const char *db_path);
/* The stored path of the file with SHA-256 hex sha under files_dir, in arena. */
const char *evidence_file_path(Arena *arena, const char *files_dir, const char *sha);
/* files_dir/tmp, created (with files_dir) when missing; in arena. NULL with err on failure. */
const char *evidence_tmp_dir(Arena *arena, const char *files_dir, Err *err);
/*
** fsync the temporary file tmp_path (the bytes become durable before anything refers to them).
** Call before the write transaction, so the lock is not held while the disk writes.
*/
int evidence_file_sync(const char *tmp_path, Err *err);
/*
** Put tmp_path (fsynced) in place as the file of sha under files_dir: rename it and fsync the
** directory, or, when that file already exists, remove tmp_path (stored once). *deduped tells
** which. Call inside the write transaction that inserts the row (db_begin), so a sweep (which
** takes the same lock) never sees a file that is about to get its row.
*/
int evidence_file_place(const char *files_dir, const char *tmp_path, const char *sha,
                        bool *deduped, Err *err);

/* Insert e (id ignored; uploaded_at set to now when NULL); set e->id. */
int evidence_store_add(Db *db, Evidence *e, Err *err);
/* Load one evidence row with its uploader's name and unit; ERR_NOTFOUND when absent. */
int evidence_store_get(Db *db, Arena *arena, int64_t id, Evidence *out, Err *err);
/* The evidence of a measure (its reports' and its own), oldest first, at most limit. */
int evidence_store_list(Db *db, Arena *arena, int64_t measure_id, int limit, Evidence **out,
                        int *n, Err *err);
/* Active evidence files of a progress report. */
int evidence_store_count_active(Db *db, int64_t progress_id, int *n, Err *err);
/* Withdraw an active row with a reason; ERR_CONFLICT when it is already withdrawn. */
int evidence_store_withdraw(Db *db, int64_t id, int64_t user_id, const char *reason, Err *err);
/*
** Remove stored files that no row refers to (left by a crash between the rename and the
** commit) and temporary files older than tmp_age seconds, under one write transaction. Sets
** *removed to the number of evidence files removed. Costs one indexed lookup per stored file.
*/
int evidence_store_sweep(Db *db, const char *files_dir, int tmp_age, int *removed, Err *err);

#endif
