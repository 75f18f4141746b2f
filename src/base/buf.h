/*
** buf.h: the one growable string builder. A Buf's data is never NULL and always
** NUL-terminated, so it can be handed to any function that wants a C string.
*/
#ifndef ZG_BUF_H
#define ZG_BUF_H

#include "base.h"
#include "err.h"

typedef struct Buf {
    char *data; /* never NULL; always NUL-terminated */
    size_t len; /* bytes used, without the NUL */
    size_t cap; /* bytes allocated; 0 while data points at a static "" */
} Buf;

#define BUF_INIT {buf_empty, 0, 0}
extern char buf_empty[];

/* Make b empty, owning no memory. */
void buf_init(Buf *b);
/* Release b's memory and make it empty again. */
void buf_free(Buf *b);
/* Forget the contents but keep the memory. */
void buf_reset(Buf *b);
/* Make room for at least n more bytes. */
void buf_grow(Buf *b, size_t n);
/* Append n bytes from p (inline: with a literal's constant n, as HTML() gives, the copy is a
** few moves; the growth is out of line). */
static inline void buf_append(Buf *b, const void *p, size_t n)
{
    if (n == 0)
        return;
    if (b->len + n >= b->cap)
        buf_grow(b, n);
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
}
/* Append a C string. */
void buf_puts(Buf *b, const char *s);
/* Append one byte (inline: JSON and HTML writers put brackets and commas one by one). */
static inline void buf_putc(Buf *b, char c)
{
    if (b->len + 1 < b->cap) {
        b->data[b->len++] = c;
        b->data[b->len] = 0;
        return;
    }
    buf_append(b, &c, 1);
}
/* Append v in decimal (no printf: lists write many numbers). */
void buf_int(Buf *b, int64_t v);
/* Append formatted text. */
void buf_printf(Buf *b, const char *fmt, ...) FORMAT(2, 3);
void buf_vprintf(Buf *b, const char *fmt, va_list ap) FORMAT(2, 0);
/* Shorten to n bytes (n <= len). */
void buf_truncate(Buf *b, size_t n);
/* Hand the malloc'ed string to the caller (who frees it) and leave b empty. */
char *buf_detach(Buf *b, size_t *len);
/*
** Append the contents of file path to b, reading at most max bytes (0: no limit). Fails with
** ERR_IO naming the file when it cannot be opened or read, ERR_INPUT for a directory, and
** ERR_TOO_LARGE when it holds more than max bytes (b then holds what was read).
*/
int buf_read_file(Buf *b, const char *path, size_t max, Err *err);

#endif
