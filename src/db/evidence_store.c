/*
** evidence_store.c: evidence rows and the content-addressed file store (evidence_store.h).
*/
#include "evidence_store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

const char *evidence_files_dir(Arena *arena, const char *db_path)
{
    return arena_printf(arena, "%s-files", db_local_path(db_path));
}

const char *evidence_file_path(Arena *arena, const char *files_dir, const char *sha)
{
    return arena_printf(arena, "%s/evidence/%.2s/%s", files_dir, sha, sha);
}

static int make_dir(const char *path, Err *err)
{
    if (mkdir(path, 0700) == 0 || errno == EEXIST)
        return 0;
    return err_fail(err, ERR_IO, "cannot create folder '%s': %s", path, strerror(errno));
}

static int sync_path(const char *path, int flags, Err *err)
{
    int fd = open(path, flags | O_CLOEXEC);
    if (fd < 0)
        return err_fail(err, ERR_IO, "cannot open '%s': %s", path, strerror(errno));
    int rc = fsync(fd);
    int e = errno;
    close(fd);
    if (rc < 0)
        return err_fail(err, ERR_IO, "cannot sync '%s': %s", path, strerror(e));
    return 0;
}

const char *evidence_tmp_dir(Arena *arena, const char *files_dir, Err *err)
{
    const char *tmp = arena_printf(arena, "%s/tmp", files_dir);
    if (make_dir(files_dir, err) < 0 || make_dir(tmp, err) < 0)
        return NULL;
    return tmp;
}

int evidence_file_sync(const char *tmp_path, Err *err)
{
    return sync_path(tmp_path, O_RDONLY, err);
}

/* True when sha is 64 lowercase hex digits (it becomes a file name). */
static bool sha_ok(const char *sha)
{
    if (!sha || strlen(sha) != 64)
        return false;
    for (int i = 0; i < 64; i++)
        if (!((sha[i] >= '0' && sha[i] <= '9') || (sha[i] >= 'a' && sha[i] <= 'f')))
            return false;
    return true;
}

int evidence_file_place(const char *files_dir, const char *tmp_path, const char *sha, bool *deduped,
                        Err *err)
{
    if (!sha_ok(sha))
        return err_fail(err, ERR_INPUT, "bad SHA-256 '%s'", sha ? sha : "");
    Arena a = ARENA_INIT;
    int rc = -1;
    const char *top = arena_printf(&a, "%s/evidence", files_dir);
    const char *dir = arena_printf(&a, "%s/%.2s", top, sha);
    const char *path = arena_printf(&a, "%s/%s", dir, sha);
    struct stat st;
    *deduped = false;
    if (make_dir(files_dir, err) < 0 || make_dir(top, err) < 0 || make_dir(dir, err) < 0)
        goto done;
    if (stat(path, &st) == 0) {
        *deduped = true;
        unlink(tmp_path);
        rc = 0;
        goto done;
    }
    if (rename(tmp_path, path) < 0) {
        err_fail(err, ERR_IO, "cannot store evidence file '%s': %s", path, strerror(errno));
        goto done;
    }
    /* The new name must be durable before the row that names it commits. */
    if (sync_path(dir, O_RDONLY | O_DIRECTORY, err) < 0 ||
        sync_path(top, O_RDONLY | O_DIRECTORY, err) < 0)
        goto done;
    rc = 0;
done:
    arena_free(&a);
    return rc;
}

int evidence_store_add(Db *db, Evidence *e, Err *err)
{
    return db_insert(
        db,
        DB_SQL("INSERT INTO evidence(measure_id, progress_id, file_name, media_type, size,"
               " sha256, uploaded_by, uploaded_at) VALUES(?1,?2,?3,?4,?5,?6,?7,?8)"),
        DB_ARGS(DB_INT(e->measure_id), DB_ID(e->progress_id), DB_TEXT(e->file_name),
                DB_TEXT(e->media_type), DB_INT(e->size), DB_TEXT(e->sha256), DB_ID(e->uploaded_by),
                DB_AT(e->uploaded_at)),
        &e->id, err);
}

#define Q_EVIDENCE(where)                                                                          \
    "SELECT e.id, e.measure_id, e.progress_id, e.file_name, e.media_type, e.size, e.sha256,"      \
    " e.uploaded_by, u.display_name, u.unit_id, e.uploaded_at, e.withdrawn_at, e.withdraw_reason" \
    " FROM evidence e LEFT JOIN users u ON u.id = e.uploaded_by " where

static const DbCol evidence_cols[] = {
    DB_COL_INT(Evidence, id),
    DB_COL_INT(Evidence, measure_id),
    DB_COL_INT(Evidence, progress_id),
    DB_COL_STR(Evidence, file_name),
    DB_COL_STR(Evidence, media_type),
    DB_COL_INT(Evidence, size),
    DB_COL_STR(Evidence, sha256),
    DB_COL_INT(Evidence, uploaded_by),
    DB_COL_TEXT(Evidence, uploader),
    DB_COL_INT(Evidence, uploader_unit),
    DB_COL_TEXT(Evidence, uploaded_at),
    DB_COL_TEXT(Evidence, withdrawn_at),
    DB_COL_TEXT(Evidence, withdraw_reason),
};

static const DbRowMap evidence_map = DB_MAP(Evidence, evidence_cols, NULL);

int evidence_store_get(Db *db, Arena *arena, int64_t id, Evidence *out, Err *err)
{
    return db_get_id(db, DB_SQL(Q_EVIDENCE("WHERE e.id = ?1")), id, &evidence_map, arena, out,
                     "evidence", err);
}

int evidence_store_list(Db *db, Arena *arena, int64_t measure_id, int limit, Evidence **out, int *n,
                        Err *err)
{
    return db_list(db, DB_SQL(Q_EVIDENCE("WHERE e.measure_id = ?1 ORDER BY e.id LIMIT ?2")),
                   DB_ARGS(DB_INT(measure_id), DB_INT(limit)), &evidence_map, arena, out, n, err);
}

int evidence_store_count_active(Db *db, int64_t progress_id, int *n, Err *err)
{
    int64_t v;
    if (db_scalar(db,
                  DB_SQL("SELECT count(*) FROM evidence WHERE progress_id = ?1"
                         " AND withdrawn_at IS NULL"),
                  DB_ARGS(DB_INT(progress_id)), &v, err) < 0)
        return -1;
    *n = (int)v;
    return 0;
}

int evidence_store_withdraw(Db *db, int64_t id, int64_t user_id, const char *reason, Err *err)
{
    if (db_run(
            db,
            DB_SQL("UPDATE evidence SET withdrawn_at = ?2, withdrawn_by = ?3, withdraw_reason = ?4"
                   " WHERE id = ?1 AND withdrawn_at IS NULL"),
            DB_ARGS(DB_INT(id), DB_NOW, DB_ID(user_id), DB_TEXT(reason)), err) < 0)
        return -1;
    if (db_changes(db) != 1)
        return err_fail(err, ERR_CONFLICT, "evidence %lld is already withdrawn", (long long)id);
    return 0;
}

static bool referenced(Db *db, const char *sha, Err *err, bool *failed)
{
    int64_t v;
    if (db_scalar(db, DB_SQL("SELECT 1 FROM evidence WHERE sha256 = ?1 LIMIT 1"),
                  DB_ARGS(DB_TEXT(sha)), &v, err) < 0) {
        *failed = true;
        return true;
    }
    return v != 0;
}

/* Remove the unreferenced files of one two-hex-digit folder. */
static int sweep_dir(Db *db, Arena *a, const char *dir, int *removed, Err *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *de;
    bool failed = false;
    while ((de = readdir(d)) != NULL && !failed) {
        if (!sha_ok(de->d_name))
            continue;
        if (!referenced(db, de->d_name, err, &failed)) {
            if (unlink(arena_printf(a, "%s/%s", dir, de->d_name)) == 0)
                (*removed)++;
        }
    }
    closedir(d);
    return failed ? -1 : 0;
}

static void sweep_tmp(Arena *a, const char *tmp, int tmp_age)
{
    DIR *d = opendir(tmp);
    if (!d)
        return;
    struct dirent *de;
    time_t now = time(NULL);
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        const char *p = arena_printf(a, "%s/%s", tmp, de->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISREG(st.st_mode) && now - st.st_mtime >= tmp_age)
            unlink(p);
    }
    closedir(d);
}

int evidence_store_sweep(Db *db, const char *files_dir, int tmp_age, int *removed, Err *err)
{
    *removed = 0;
    Arena a = ARENA_INIT;
    int rc = -1;
    const char *top = arena_printf(&a, "%s/evidence", files_dir);
    if (db_begin(db, err) < 0)
        goto done;
    DIR *d = opendir(top);
    if (d) {
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            if (strlen(de->d_name) != 2 || de->d_name[0] == '.')
                continue;
            if (sweep_dir(db, &a, arena_printf(&a, "%s/%s", top, de->d_name), removed, err) < 0) {
                closedir(d);
                db_rollback(db);
                goto done;
            }
        }
        closedir(d);
    }
    sweep_tmp(&a, arena_printf(&a, "%s/tmp", files_dir), tmp_age);
    rc = db_commit(db, err);
done:
    arena_free(&a);
    return rc;
}
