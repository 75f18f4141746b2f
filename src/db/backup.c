/*
** backup.c: backups with a manifest of hashes, and restores that verify first (backup.h).
*/
#include "db/backup.h"

#include "base/buf.h"
#include "base/hash.h"
#include "db/audit_store.h"
#include "db/check_store.h"
#include "db/pg.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BACKUP_DB "zhenggai.db"

/* Copy src to dst (created with mode), hashing what passes; -1 with err. */
static int copy_file(const char *src, const char *dst, mode_t mode, char sha[HASH_HEX_SIZE],
                     int64_t *size, Err *err)
{
    int in = open(src, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return err_fail(err, ERR_IO, "cannot read '%s': %s", src, strerror(errno));
    int out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (out < 0) {
        close(in);
        return err_fail(err, ERR_IO, "cannot create '%s': %s", dst, strerror(errno));
    }
    HashStream h;
    hash_stream_init(&h);
    char buf[65536];
    ssize_t n;
    int rc = 0;
    *size = 0;
    while ((n = read(in, buf, sizeof buf)) > 0) {
        hash_stream_update(&h, buf, (size_t)n);
        *size += n;
        if (write(out, buf, (size_t)n) != n) {
            rc = err_fail(err, ERR_IO, "cannot write '%s': %s", dst, strerror(errno));
            break;
        }
    }
    if (n < 0 && rc == 0)
        rc = err_fail(err, ERR_IO, "cannot read '%s': %s", src, strerror(errno));
    if (rc == 0 && fsync(out) != 0)
        rc = err_fail(err, ERR_IO, "cannot write '%s': %s", dst, strerror(errno));
    close(in);
    if (close(out) != 0 && rc == 0)
        rc = err_fail(err, ERR_IO, "cannot write '%s'", dst);
    hash_stream_hex(&h, sha);
    return rc;
}

/* SHA-256 and size of a file; -1 with err. */
static int hash_file(const char *path, char sha[HASH_HEX_SIZE], int64_t *size, Err *err)
{
    int in = open(path, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return err_fail(err, ERR_IO, "cannot read '%s': %s", path, strerror(errno));
    HashStream h;
    hash_stream_init(&h);
    char buf[65536];
    ssize_t n;
    *size = 0;
    while ((n = read(in, buf, sizeof buf)) > 0) {
        hash_stream_update(&h, buf, (size_t)n);
        *size += n;
    }
    close(in);
    if (n < 0)
        return err_fail(err, ERR_IO, "cannot read '%s'", path);
    hash_stream_hex(&h, sha);
    return 0;
}

/* Remove a folder and everything under it (best effort). */
static void remove_tree(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            Buf p = BUF_INIT;
            buf_printf(&p, "%s/%s", path, e->d_name);
            struct stat st;
            if (lstat(p.data, &st) == 0 && S_ISDIR(st.st_mode))
                remove_tree(p.data);
            else
                unlink(p.data);
            buf_free(&p);
        }
        closedir(d);
    }
    rmdir(path);
}

/*
** Copy the folder src/rel to dst/rel recursively (regular files only), adding each file to the
** manifest as "file SHA SIZE REL". At the top, tmp/ and serve.lock are left out.
*/
static int copy_tree(const char *src, const char *dst, const char *rel, Buf *manifest, Err *err)
{
    Buf from = BUF_INIT, to = BUF_INIT;
    buf_printf(&from, "%s%s%s", src, *rel ? "/" : "", rel);
    buf_printf(&to, "%s%s%s", dst, *rel ? "/" : "", rel);
    int rc = 0;
    DIR *d = opendir(from.data);
    if (!d) {
        rc = errno == ENOENT ? 0 : err_fail(err, ERR_IO, "cannot read '%s'", from.data);
        goto done;
    }
    if (mkdir(to.data, 0700) != 0 && errno != EEXIST) {
        rc = err_fail(err, ERR_IO, "cannot create '%s': %s", to.data, strerror(errno));
        closedir(d);
        goto done;
    }
    struct dirent *e;
    while (rc == 0 && (e = readdir(d)) != NULL) {
        const char *name = e->d_name;
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0 ||
            (!*rel && (strcmp(name, "tmp") == 0 || strcmp(name, "serve.lock") == 0)))
            continue;
        Buf sub = BUF_INIT, path = BUF_INIT;
        buf_printf(&sub, "%s%s%s", rel, *rel ? "/" : "", name);
        buf_printf(&path, "%s/%s", src, sub.data);
        struct stat st;
        if (lstat(path.data, &st) == 0 && S_ISDIR(st.st_mode)) {
            rc = copy_tree(src, dst, sub.data, manifest, err);
        } else if (S_ISREG(st.st_mode)) {
            Buf out = BUF_INIT;
            char sha[HASH_HEX_SIZE];
            int64_t size;
            buf_printf(&out, "%s/%s", dst, sub.data);
            rc = copy_file(path.data, out.data, 0600, sha, &size, err);
            if (rc == 0)
                buf_printf(manifest, "file %s %lld " BACKUP_DB "-files/%s\n", sha,
                           (long long)size, sub.data);
            buf_free(&out);
        }
        buf_free(&sub);
        buf_free(&path);
    }
    closedir(d);
done:
    buf_free(&from);
    buf_free(&to);
    return rc;
}

/* Append "file SHA SIZE name" for dest/name to the manifest. */
static int add_file(const char *dest, const char *name, Buf *manifest, Err *err)
{
    Buf p = BUF_INIT;
    buf_printf(&p, "%s/%s", dest, name);
    char sha[HASH_HEX_SIZE];
    int64_t size;
    int rc = hash_file(p.data, sha, &size, err);
    if (rc == 0)
        buf_printf(manifest, "file %s %lld %s\n", sha, (long long)size, name);
    buf_free(&p);
    return rc;
}

static int write_text(const char *path, const char *text, Err *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    size_t n = strlen(text);
    if (fd < 0)
        return err_fail(err, ERR_IO, "cannot create '%s': %s", path, strerror(errno));
    bool ok = write(fd, text, n) == (ssize_t)n && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    return ok ? 0 : err_fail(err, ERR_IO, "cannot write '%s'", path);
}

/* A backup copies SQLite's file; a PostgreSQL database is the server's to back up. */
static int refuse_pg(const char *db_path, Err *err)
{
    return err_fail(err, ERR_USAGE,
                    "'%s' is a PostgreSQL database: back it up with pg_dump (and keep its audit "
                    "key and files folder, $ZHENGGAI_FILES)",
                    db_path);
}

int backup_make(Db *db, const char *db_path, const char *dest, int64_t *entries, Err *err)
{
    if (db_is_pg(db))
        return refuse_pg(db_path, err);
    if (mkdir(dest, 0700) != 0)
        return err_fail(err, ERR_IO, "cannot create backup folder '%s': %s", dest,
                        errno == EEXIST ? "it exists" : strerror(errno));
    Buf path = BUF_INIT, manifest = BUF_INIT, src = BUF_INIT;
    buf_printf(&path, "%s/" BACKUP_DB, dest);
    /* One consistent snapshot, taken in a read transaction beside the writers. */
    int rc = db_run(db, DB_SQL("VACUUM INTO ?1"), DB_ARGS(DB_TEXT(path.data)), err);
    if (rc == 0)
        rc = add_file(dest, BACKUP_DB, &manifest, err);
    buf_printf(&src, "%s.audit-key", db_path);
    if (rc == 0 && access(src.data, F_OK) == 0) {
        char sha[HASH_HEX_SIZE];
        int64_t size;
        buf_reset(&path);
        buf_printf(&path, "%s/" BACKUP_DB ".audit-key", dest);
        rc = copy_file(src.data, path.data, 0600, sha, &size, err);
        if (rc == 0)
            buf_printf(&manifest, "file %s %lld " BACKUP_DB ".audit-key\n", sha, (long long)size);
    }
    buf_reset(&src);
    buf_printf(&src, "%s-files", db_path);
    buf_reset(&path);
    buf_printf(&path, "%s/" BACKUP_DB "-files", dest);
    if (rc == 0)
        rc = copy_tree(src.data, path.data, "", &manifest, err);
    /* The copy's audit head is the manifest's anchor. */
    Db copy;
    int64_t seq = 0;
    char hash[HASH_HEX_SIZE] = "";
    buf_reset(&path);
    buf_printf(&path, "%s/" BACKUP_DB, dest);
    if (rc == 0 && (rc = db_open(&copy, path.data, DB_READONLY, err)) == 0) {
        rc = audit_store_head(&copy, &seq, hash, err);
        db_close(&copy);
    }
    if (rc == 0) {
        buf_printf(&manifest, "anchor %lld %s\n", (long long)seq, hash);
        buf_reset(&path);
        buf_printf(&path, "%s/MANIFEST", dest);
        rc = write_text(path.data, manifest.data, err);
    }
    if (rc < 0)
        remove_tree(dest);
    *entries = seq;
    buf_free(&path);
    buf_free(&manifest);
    buf_free(&src);
    return rc;
}

int backup_verify(const char *src, Err *err)
{
    Buf path = BUF_INIT;
    buf_printf(&path, "%s/MANIFEST", src);
    FILE *f = fopen(path.data, "r");
    if (!f) {
        buf_free(&path);
        return err_fail(err, ERR_IO, "'%s' is not a backup (no MANIFEST)", src);
    }
    char line[4096], sha[HASH_HEX_SIZE], got[HASH_HEX_SIZE], name[3900], hash[HASH_HEX_SIZE] = "";
    long long size, seq = -1;
    int rc = 0, files = 0;
    bool has_db = false;
    while (rc == 0 && fgets(line, sizeof line, f)) {
        int64_t real;
        if (sscanf(line, "file %64s %lld %3899[^\n]", sha, &size, name) == 3) {
            if (strstr(name, "..") || name[0] == '/') {
                rc = err_fail(err, ERR_INPUT, "the manifest names '%s' outside the backup", name);
                break;
            }
            buf_reset(&path);
            buf_printf(&path, "%s/%s", src, name);
            if (hash_file(path.data, got, &real, err) < 0)
                rc = -1;
            else if (real != size || strcmp(got, sha) != 0)
                rc = err_fail(err, ERR_CONFLICT, "'%s' in the backup does not match its manifest "
                              "(size or SHA-256 differ)", name);
            has_db |= strcmp(name, BACKUP_DB) == 0;
            files++;
        } else if (sscanf(line, "anchor %lld %64s", &seq, hash) != 2) {
            rc = err_fail(err, ERR_INPUT, "the backup's MANIFEST has a bad line");
        }
    }
    fclose(f);
    if (rc == 0 && (!has_db || seq < 0))
        rc = err_fail(err, ERR_INPUT, "the backup's MANIFEST lacks the database or the anchor");
    Db db;
    if (rc == 0) {
        buf_reset(&path);
        buf_printf(&path, "%s/" BACKUP_DB, src);
        rc = db_open(&db, path.data, DB_READONLY, err);
        if (rc == 0) {
            Buf problems = BUF_INIT;
            int n = 0;
            int64_t rows;
            rc = check_store_engine(&db, &problems, &n, err);
            if (rc == 0 && n > 0)
                rc = err_fail(err, ERR_CONFLICT, "the backup's database is damaged: %.200s",
                              problems.data);
            if (rc == 0)
                rc = audit_store_verify_anchor(&db, seq, hash, &rows, err);
            buf_free(&problems);
            db_close(&db);
        }
    }
    buf_free(&path);
    (void)files;
    return rc;
}

int backup_restore(const char *src, const char *db_path, Err *err)
{
    if (pg_is_uri(db_path))
        return refuse_pg(db_path, err);
    if (access(db_path, F_OK) == 0)
        return err_fail(err, ERR_CONFLICT, "'%s' exists: restore into a new place, or move it "
                        "away first", db_path);
    if (backup_verify(src, err) < 0)
        return -1;
    Buf from = BUF_INIT, to = BUF_INIT, tmp = BUF_INIT, manifest = BUF_INIT;
    char sha[HASH_HEX_SIZE];
    int64_t size;
    buf_printf(&from, "%s/" BACKUP_DB, src);
    buf_printf(&tmp, "%s.restoring", db_path);
    unlink(tmp.data);
    int rc = copy_file(from.data, tmp.data, 0600, sha, &size, err);
    buf_reset(&from);
    buf_printf(&from, "%s/" BACKUP_DB ".audit-key", src);
    buf_printf(&to, "%s.audit-key", db_path);
    if (rc == 0 && access(from.data, F_OK) == 0)
        rc = copy_file(from.data, to.data, 0600, sha, &size, err);
    buf_reset(&from);
    buf_printf(&from, "%s/" BACKUP_DB "-files", src);
    buf_reset(&to);
    buf_printf(&to, "%s-files", db_path);
    if (rc == 0)
        rc = copy_tree(from.data, to.data, "", &manifest, err);
    if (rc == 0 && rename(tmp.data, db_path) != 0)
        rc = err_fail(err, ERR_IO, "cannot put '%s' in place: %s", db_path, strerror(errno));
    if (rc < 0)
        unlink(tmp.data);
    buf_free(&from);
    buf_free(&to);
    buf_free(&tmp);
    buf_free(&manifest);
    return rc;
}

/* Compare names for qsort (newest last: the names carry the time). */
static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int backup_daily(const char *db_path, const char *dir, int keep, Err *err)
{
    if (pg_is_uri(db_path))
        return refuse_pg(db_path, err);
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        return err_fail(err, ERR_IO, "cannot create '%s': %s", dir, strerror(errno));
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    char name[64];
    strftime(name, sizeof name, "zhenggai-%Y%m%d-%H%M%S", &tm);
    Buf dest = BUF_INIT;
    buf_printf(&dest, "%s/%s", dir, name);
    Db db;
    int64_t entries;
    int rc = db_open(&db, db_path, 0, err);
    if (rc == 0) {
        rc = backup_make(&db, db_path, dest.data, &entries, err);
        db_close(&db);
    }
    buf_free(&dest);
    if (rc < 0)
        return -1;
    /* Retention: the newest keep backups stay. */
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, "zhenggai-", 9) != 0)
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 16;
            names = xrealloc(names, cap * sizeof *names);
        }
        names[n++] = xstrdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, compare_names);
    for (size_t i = 0; i < n; i++) {
        if (i + (size_t)keep < n) {
            Buf p = BUF_INIT;
            buf_printf(&p, "%s/%s", dir, names[i]);
            remove_tree(p.data);
            buf_free(&p);
        }
        free(names[i]);
    }
    free(names);
    return 0;
}
