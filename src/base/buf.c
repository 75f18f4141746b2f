/*
** buf.c: the growable string builder of buf.h.
*/
#include "buf.h"

#include <errno.h>
#include <sys/stat.h>

char buf_empty[1];

void buf_init(Buf *b)
{
    b->data = buf_empty;
    b->len = 0;
    b->cap = 0;
}

void buf_free(Buf *b)
{
    if (b->cap)
        free(b->data);
    buf_init(b);
}

void buf_reset(Buf *b)
{
    b->len = 0;
    if (b->cap)
        b->data[0] = 0;
}

void buf_grow(Buf *b, size_t n)
{
    size_t want = b->len + n + 1;
    if (want <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < want)
        cap *= 2;
    if (b->cap) {
        b->data = xrealloc(b->data, cap);
    } else {
        b->data = xmalloc(cap);
        b->data[0] = 0;
    }
    b->cap = cap;
}

void buf_puts(Buf *b, const char *s)
{
    buf_append(b, s, strlen(s));
}

void buf_int(Buf *b, int64_t v)
{
    char digits[24];
    size_t n = 0;
    /* Negate through unsigned, so INT64_MIN has its digits too. */
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do {
        digits[sizeof digits - ++n] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        digits[sizeof digits - ++n] = '-';
    buf_append(b, digits + sizeof digits - n, n);
}

void buf_vprintf(Buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        BUG("vsnprintf failed for '%s'", fmt);
    if ((size_t)n < sizeof small) {
        buf_append(b, small, (size_t)n);
        return;
    }
    buf_grow(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void buf_printf(Buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void buf_truncate(Buf *b, size_t n)
{
    if (n > b->len)
        BUG("buf_truncate past the end (%zu > %zu)", n, b->len);
    b->len = n;
    if (b->cap)
        b->data[n] = 0;
}

char *buf_detach(Buf *b, size_t *len)
{
    char *p = b->cap ? b->data : xstrdup("");
    if (len)
        *len = b->len;
    buf_init(b);
    return p;
}

int buf_read_file(Buf *b, const char *path, size_t max, Err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return err_fail(err, ERR_IO, "cannot open '%s': %s", path, strerror(errno));
    struct stat st;
    int rc = 0;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode))
        rc = err_fail(err, ERR_INPUT, "'%s' is a directory", path);
    else if (max && fstat(fileno(f), &st) == 0 && st.st_size > (off_t)max)
        rc = err_fail(err, ERR_TOO_LARGE, "'%s' is larger than %zu bytes", path, max);
    /* Read through a counted loop: a FIFO or a growing file has no honest size. */
    char chunk[65536];
    size_t k, got = 0;
    while (rc == 0 && (k = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (max && got + k > max) {
            rc = err_fail(err, ERR_TOO_LARGE, "'%s' is larger than %zu bytes", path, max);
            break;
        }
        buf_append(b, chunk, k);
        got += k;
    }
    if (rc == 0 && ferror(f))
        rc = err_fail(err, ERR_IO, "cannot read '%s'", path);
    fclose(f);
    return rc;
}
