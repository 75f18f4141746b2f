/*
** evidence_seal.c: sealing and opening evidence files (evidence_seal.h).
*/
#include "db/evidence_seal.h"

#include "db/evidence_store.h"
#include "db/keys.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int evidence_seal_file(Db *db, const char *tmp_path, char name[CRYPTO_HEX_SIZE], Err *err)
{
    CryptoSuite suite;
    name[0] = 0;
    if (keys_suite(db, &suite, err) < 0)
        return -1;
    if (!crypto_suite_encrypts(suite))
        return evidence_file_sync(tmp_path, err);
    Buf sealed = BUF_INIT;
    buf_printf(&sealed, "%s.sealed", tmp_path);
    int rc = -1;
    int in = open(tmp_path, O_RDONLY | O_CLOEXEC);
    int out = open(sealed.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (in < 0 || out < 0) {
        err_fail(err, ERR_IO, "cannot seal '%s': %s", tmp_path, strerror(errno));
    } else if (crypto_seal_fd(suite, db->data_key, EVIDENCE_SEAL_AD, in, out, name, err) == 0) {
        if (fsync(out) != 0)
            err_fail(err, ERR_IO, "cannot sync '%s': %s", sealed.data, strerror(errno));
        else if (rename(sealed.data, tmp_path) != 0)
            err_fail(err, ERR_IO, "cannot replace '%s': %s", tmp_path, strerror(errno));
        else
            rc = 0;
    }
    if (in >= 0)
        close(in);
    if (out >= 0 && close(out) != 0 && rc == 0)
        rc = err_fail(err, ERR_IO, "cannot write '%s'", sealed.data);
    if (rc < 0 && out >= 0)
        unlink(sealed.data);
    buf_free(&sealed);
    return rc;
}

/* The plaintext of the seal at path into out (at most max bytes stored), under CRYPTO_SM. */
static int read_sealed(Db *db, const char *path, size_t max, Buf *out, Err *err)
{
    Buf raw = BUF_INIT;
    int rc = buf_read_file(&raw, path, max, err);
    if (rc < 0) {
        if (access(path, F_OK) != 0)
            err->code = ERR_NOTFOUND;
    } else if (!crypto_is_sealed(raw.data, raw.len)) {
        rc = err_fail(err, ERR_CONFLICT, "'%s' is not sealed under the database's crypto suite",
                      path);
    } else if (crypto_open(db->data_key, EVIDENCE_SEAL_AD, strlen(EVIDENCE_SEAL_AD), raw.data,
                           raw.len, out, err) < 0) {
        rc = err_fail(err, ERR_CONFLICT, "'%s' was changed: its seal does not open", path);
    }
    buf_free(&raw);
    return rc;
}

/* Under CRYPTO_DEFAULT: path opened for the server to stream, unless it is a seal. */
static int open_plain(const char *path, int *fd, uint64_t *size, Err *err)
{
    int f = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (f < 0 || fstat(f, &st) < 0 || !S_ISREG(st.st_mode)) {
        int e = errno;
        if (f >= 0)
            close(f);
        return err_fail(err, e == ENOENT || f >= 0 ? ERR_NOTFOUND : ERR_IO, "cannot open '%s': %s",
                        path, f >= 0 ? "not a file" : strerror(e));
    }
    unsigned char head[64]; /* more than a seal's header and tag */
    ssize_t n = pread(f, head, sizeof head, 0);
    if (n > 0 && crypto_is_sealed(head, (size_t)n)) {
        close(f);
        return err_fail(err, ERR_CONFLICT, "'%s' is sealed but the database uses no encryption",
                        path);
    }
    *fd = f;
    *size = (uint64_t)st.st_size;
    return 0;
}

int evidence_seal_open(Db *db, const char *path, size_t max, int *fd, uint64_t *size, Buf *out,
                       Err *err)
{
    CryptoSuite suite;
    *fd = -1;
    if (keys_suite(db, &suite, err) < 0)
        return -1;
    if (!crypto_suite_encrypts(suite))
        return open_plain(path, fd, size, err);
    return read_sealed(db, path, max, out, err);
}
