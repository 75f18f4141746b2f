/*
** preview_store.c: SQL of the import wizard's uploads (preview_store.h).
*/
#include "preview_store.h"

int preview_store_put(Db *db, const char *sha256, const char *file_name, int64_t size,
                      int64_t uploaded_by, Err *err)
{
    return db_run(
        db,
        DB_SQL("INSERT INTO import_upload(sha256, file_name, size, uploaded_by, uploaded_at)"
               " VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(sha256) DO UPDATE SET"
               " file_name = excluded.file_name, uploaded_by = excluded.uploaded_by,"
               " uploaded_at = excluded.uploaded_at WHERE import_upload.confirmed_at IS NULL"),
        DB_ARGS(DB_TEXT(sha256), DB_TEXT(file_name), DB_INT(size), DB_ID(uploaded_by), DB_NOW),
        err);
}

static const DbCol preview_cols[] = {
    DB_COL_TEXT(Preview, sha256),      DB_COL_TEXT(Preview, file_name),
    DB_COL_INT(Preview, size),         DB_COL_INT(Preview, uploaded_by),
    DB_COL_TEXT(Preview, uploaded_at), DB_COL_INT(Preview, inspection_id),
};

static const DbRowMap preview_map = DB_MAP(Preview, preview_cols, NULL);

int preview_store_get(Db *db, Arena *arena, const char *sha256, Preview *out, Err *err)
{
    return db_get_one(db,
                      DB_SQL("SELECT sha256, file_name, size, uploaded_by, uploaded_at,"
                             " inspection_id FROM import_upload WHERE sha256 = ?1"),
                      DB_ARGS(DB_TEXT(sha256)), &preview_map, arena, out,
                      "no upload with this sha256", err);
}

int preview_store_confirm(Db *db, const char *sha256, int64_t inspection_id, Err *err)
{
    if (db_run(db,
               DB_SQL("UPDATE import_upload SET inspection_id = ?2, confirmed_at = ?3"
                      " WHERE sha256 = ?1 AND confirmed_at IS NULL"),
               DB_ARGS(DB_TEXT(sha256), DB_INT(inspection_id), DB_NOW), err) < 0)
        return -1;
    if (db_changes(db) != 1)
        return err_fail(err, ERR_CONFLICT, "this upload was confirmed already");
    return 0;
}

int preview_store_expire(Db *db, Arena *arena, const char *before, const char ***out, int *n,
                         Err *err)
{
    return db_list(
        db,
        DB_SQL("DELETE FROM import_upload WHERE sha256 IN (SELECT sha256 FROM import_upload"
               " WHERE confirmed_at IS NULL AND uploaded_at < ?1 LIMIT 100) RETURNING sha256"),
        DB_ARGS(DB_TEXT(before)), &db_map_texts, arena, out, n, err);
}
