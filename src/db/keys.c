/*
** keys.c: the key file (keys.h).
*/
#include "db/keys.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

void keys_path(Db *db, char *out, size_t n)
{
    const char *f = db_filename(db);
    snprintf(out, n, "%s.audit-key", f && *f ? f : "zhenggai.db");
}

/* 2n hex digits at s into out; false when they are not. */
static bool unhex(const char *s, unsigned char *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        if (!s[2 * i] || !s[2 * i + 1] || sscanf(s + 2 * i, "%2x", &v) != 1)
            return false;
        out[i] = (unsigned char)v;
    }
    return true;
}

/* Parse the file's text into db; false when malformed. */
static bool parse(Db *db, const char *text)
{
    unsigned char key[32], data[CRYPTO_KEY_SIZE];
    long long from;
    if (!unhex(text, key, 32) || text[64] != '\n' || sscanf(text + 65, "from %lld", &from) != 1 ||
        from < 1)
        return false;
    CryptoSuite suite = CRYPTO_DEFAULT;
    const char *line = strchr(text + 65, '\n');
    if (line && strncmp(line + 1, "suite sm\n", 9) == 0) {
        const char *k = line + 10;
        if (strncmp(k, "data-key ", 9) != 0 || !unhex(k + 9, data, sizeof data) ||
            k[9 + 2 * sizeof data] != '\n')
            return false;
        suite = CRYPTO_SM;
        memcpy(db->data_key, data, sizeof data);
    } else if (line && line[1]) {
        return false; /* a line this version does not know: not a suite to ignore */
    }
    memcpy(db->audit_key, key, 32);
    db->audit_key_from = from;
    db->crypto = (int)suite;
    return true;
}

/* The suite the database records ("crypto" setting) into *out. */
static int recorded_suite(Db *db, CryptoSuite *out, Err *err)
{
    DbStmt *st = db_query(db, DB_SQL("SELECT value FROM setting WHERE key = 'crypto'"), DB_NOARGS);
    int rc = db_step(db, st, err);
    *out = CRYPTO_DEFAULT;
    if (rc == 1 && strcmp(db_col_text(st, 0) ? db_col_text(st, 0) : "", "sm") == 0)
        *out = CRYPTO_SM;
    else if (rc == 1)
        rc = -2;
    db_reset(st);
    if (rc == -2)
        return err_fail(err, ERR_CONFLICT, "the database records an unknown crypto suite");
    return rc < 0 ? -1 : 0;
}

int keys_load(Db *db, Err *err)
{
    if (db->audit_key_state)
        return db->audit_key_state > 0;
    char path[4096], text[320];
    keys_path(db, path, sizeof path);
    CryptoSuite recorded;
    if (recorded_suite(db, &recorded, err) < 0)
        return -1;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno != ENOENT)
            return err_fail(err, ERR_IO, "cannot read the audit key '%s': %s", path, strerror(errno));
        if (recorded != CRYPTO_DEFAULT)
            return err_fail(err, ERR_IO, "the database was made with --crypto %s but its key "
                            "file '%s' is missing", crypto_suite_name(recorded), path);
        db->audit_key_state = -1;
        db->crypto = CRYPTO_DEFAULT;
        return 0;
    }
    struct stat st;
    ssize_t n = fstat(fd, &st) == 0 ? read(fd, text, sizeof text - 1) : -1;
    close(fd);
    if (n < 0)
        return err_fail(err, ERR_IO, "cannot read the audit key '%s'", path);
    if (st.st_mode & 077)
        return err_fail(err, ERR_IO, "the audit key '%s' is open to other users (mode %o); "
                                     "chmod 600 it", path, (unsigned)(st.st_mode & 0777));
    text[n] = 0;
    if (!parse(db, text))
        return err_fail(err, ERR_IO, "the audit key '%s' is malformed", path);
    if ((CryptoSuite)db->crypto != recorded)
        return err_fail(err, ERR_CONFLICT, "the key file '%s' says crypto suite '%s' but the "
                        "database records '%s'", path, crypto_suite_name(db->crypto),
                        crypto_suite_name(recorded));
    db->audit_key_state = 1;
    return 1;
}

int keys_suite(Db *db, CryptoSuite *out, Err *err)
{
    if (keys_load(db, err) < 0)
        return -1;
    *out = (CryptoSuite)db->crypto;
    return 0;
}

/* Write the new key file at path (O_EXCL, 0600, fsynced); 1 when another made it meanwhile. */
static int write_file(const char *path, int64_t from, CryptoSuite suite, Err *err)
{
    unsigned char key[32], data[CRYPTO_KEY_SIZE];
    crypto_random(key, sizeof key);
    crypto_random(data, sizeof data);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno == EEXIST)
        return 1;
    if (fd < 0)
        return err_fail(err, ERR_IO, "cannot create the audit key '%s': %s", path, strerror(errno));
    Buf b = BUF_INIT;
    for (int i = 0; i < 32; i++)
        buf_printf(&b, "%02x", key[i]);
    buf_printf(&b, "\nfrom %lld\n", (long long)from);
    if (suite == CRYPTO_SM) {
        buf_puts(&b, "suite sm\ndata-key ");
        for (size_t i = 0; i < sizeof data; i++)
            buf_printf(&b, "%02x", data[i]);
        buf_putc(&b, '\n');
    }
    bool ok = write(fd, b.data, b.len) == (ssize_t)b.len && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    memset(b.data, 0, b.len);
    buf_free(&b);
    if (!ok)
        return err_fail(err, ERR_IO, "cannot write the audit key '%s'", path);
    return 0;
}

int keys_init(Db *db, CryptoSuite suite, bool strict, Err *err)
{
    int have = keys_load(db, err);
    if (have < 0)
        return -1;
    if (have > 0) {
        if (strict && (CryptoSuite)db->crypto != suite)
            return err_fail(err, ERR_CONFLICT, "the database already uses crypto suite '%s'; the "
                            "suite is chosen once, at init", crypto_suite_name(db->crypto));
        return 0;
    }
    int64_t from;
    if (db_scalar(db, DB_SQL("SELECT coalesce(max(seq), 0) + 1 FROM audit"), DB_NOARGS, &from,
                  err) < 0)
        return -1;
    if (suite == CRYPTO_SM && from > 1)
        return err_fail(err, ERR_CONFLICT, "--crypto sm is chosen when the database is made, "
                        "before its first audit entry");
    char path[4096];
    keys_path(db, path, sizeof path);
    int rc = write_file(path, from, suite, err);
    if (rc < 0)
        return -1;
    if (rc == 0 && suite == CRYPTO_SM) {
        if (db_run(db, DB_SQL("INSERT INTO setting(key, value) VALUES('crypto', 'sm')"), DB_NOARGS,
                   err) < 0)
            return -1;
    }
    db->audit_key_state = 0; /* made here or by another connection meanwhile: load it */
    have = keys_load(db, err);
    if (have <= 0)
        return have < 0 ? -1 : err_fail(err, ERR_IO, "the audit key '%s' vanished", path);
    if (strict && (CryptoSuite)db->crypto != suite)
        return err_fail(err, ERR_CONFLICT, "the database already uses crypto suite '%s'",
                        crypto_suite_name(db->crypto));
    return 0;
}
