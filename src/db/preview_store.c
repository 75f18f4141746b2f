/*
** preview_store.c: SQL of the import wizard's uploads (preview_store.h).
*/
#include "preview_store.h"

int preview_store_put(Db *db, const char *sha256, const char *file_name, int64_t size,
                      int64_t uploaded_by, Err *err)
{
    char now[TIME_ISO_SIZE];
    DbStmt *st = db_prepare(
        db, DB_SQL("INSERT INTO import_upload(sha256, file_name, size, uploaded_by, uploaded_at)"
                   " VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(sha256) DO UPDATE SET"
                   " file_name = excluded.file_name, uploaded_by = excluded.uploaded_by,"
                   " uploaded_at = excluded.uploaded_at WHERE confirmed_at IS NULL"));
    db_bind_text(st, 1, sha256);
    db_bind_text(st, 2, file_name);
    db_bind_int(st, 3, size);
    db_bind_id(st, 4, uploaded_by);
    db_bind_text(st, 5, date_now_iso(now));
    return db_step_done(db, st, err);
}

static void preview_row(DbStmt *st, Arena *arena, void *out)
{
    Preview *p = out;
    p->sha256 = arena_strdup(arena, db_col_text(st, 0));
    p->file_name = arena_strdup(arena, db_col_text(st, 1));
    p->size = db_col_int(st, 2);
    p->uploaded_by = db_col_int(st, 3);
    p->uploaded_at = arena_strdup(arena, db_col_text(st, 4));
    p->inspection_id = db_col_int(st, 5);
}

int preview_store_get(Db *db, Arena *arena, const char *sha256, Preview *out, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("SELECT sha256, file_name, size, uploaded_by, uploaded_at, inspection_id"
                   " FROM import_upload WHERE sha256 = ?1"));
    db_bind_text(st, 1, sha256);
    Preview *ps;
    int n;
    if (db_collect(db, st, arena, sizeof(Preview), preview_row, (void **)&ps, &n, err) < 0)
        return -1;
    if (n == 0)
        return err_fail(err, ERR_NOTFOUND, "no upload with this sha256");
    *out = ps[0];
    return 0;
}

int preview_store_confirm(Db *db, const char *sha256, int64_t inspection_id, Err *err)
{
    char now[TIME_ISO_SIZE];
    DbStmt *st =
        db_prepare(db, DB_SQL("UPDATE import_upload SET inspection_id = ?2, confirmed_at = ?3"
                              " WHERE sha256 = ?1 AND confirmed_at IS NULL"));
    db_bind_text(st, 1, sha256);
    db_bind_int(st, 2, inspection_id);
    db_bind_text(st, 3, date_now_iso(now));
    if (db_step_done(db, st, err) < 0)
        return -1;
    if (db_changes(db) != 1)
        return err_fail(err, ERR_CONFLICT, "this upload was confirmed already");
    return 0;
}

static void sha_row(DbStmt *st, Arena *arena, void *out)
{
    *(const char **)out = arena_strdup(arena, db_col_text(st, 0));
}

int preview_store_expire(Db *db, Arena *arena, const char *before, const char ***out, int *n,
                         Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("DELETE FROM import_upload WHERE sha256 IN (SELECT sha256 FROM import_upload"
                   " WHERE confirmed_at IS NULL AND uploaded_at < ?1 LIMIT 100) RETURNING sha256"));
    db_bind_text(st, 1, before);
    return db_collect(db, st, arena, sizeof(const char *), sha_row, (void **)out, n, err);
}
