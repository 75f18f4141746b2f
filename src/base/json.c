/*
** json.c: the JSON writer of json.h.
*/
#include "json.h"

#include "utf8.h"

void json_init(JsonW *j, Buf *out, bool pretty)
{
    memset(j, 0, sizeof *j);
    j->out = out;
    j->pretty = pretty;
    j->first[0] = true;
}

static void newline(JsonW *j)
{
    buf_putc(j->out, '\n');
    for (int i = 0; i < j->depth; i++)
        buf_puts(j->out, "  ");
}

/* Before any value or key: the separating comma, unless a key just opened the slot. Inline:
** it runs before each of a list's ~1,300 keys and values. */
static inline __attribute__((always_inline)) void sep(JsonW *j)
{
    if (j->after_key) {
        j->after_key = false;
        return;
    }
    if (!j->first[j->depth])
        buf_putc(j->out, ',');
    j->first[j->depth] = false;
    if (j->pretty && j->depth > 0)
        newline(j);
}

static void open_with(JsonW *j, char open, char close)
{
    sep(j);
    buf_putc(j->out, open);
    if (++j->depth >= (int)ARRAY_SIZE(j->first))
        BUG("json nested too deeply");
    j->first[j->depth] = true;
    j->close[j->depth] = close;
}

void json_obj(JsonW *j)
{
    open_with(j, '{', '}');
}

void json_arr(JsonW *j)
{
    open_with(j, '[', ']');
}

void json_end(JsonW *j)
{
    if (j->depth == 0)
        BUG("json_end without an open object");
    bool empty = j->first[j->depth];
    char close = j->close[j->depth];
    j->depth--;
    if (j->pretty && !empty)
        newline(j);
    buf_putc(j->out, close);
}

/* The short escapes of ASCII characters; '<' too, so that JSON is safe to embed in HTML. */
static const char *const escapes[0x80] = {
    ['"'] = "\\\"", ['\\'] = "\\\\", ['\n'] = "\\n",
    ['\r'] = "\\r", ['\t'] = "\\t",  ['<'] = "\\u003c",
};

/*
** What json_escape does with a byte: copy it (plain ASCII), escape it, or check the UTF-8
** sequence it leads (of 2, 3 or 4 bytes); BAD is a byte no sequence starts with.
*/
enum { COPY, ESCAPE, LEAD2, LEAD3, LEAD4, BAD };

static const unsigned char byte_class[256] = {
    /* COPY (0) unless listed */
    [0x00 ... 0x1F] = ESCAPE, ['"'] = ESCAPE,          ['\\'] = ESCAPE,        ['<'] = ESCAPE,
    [0x7F] = ESCAPE,          [0x80 ... 0xC1] = BAD,   [0xC2 ... 0xDF] = LEAD2, [0xE0 ... 0xEF] = LEAD3,
    [0xF0 ... 0xF4] = LEAD4,  [0xF5 ... 0xFF] = BAD,
};

/*
** The length of the well-formed sequence of class k at u[0..n) (RFC 3629), or 0. The common
** two- and three-byte forms (all of Chinese) are checked here; four bytes ask utf8_decode.
*/
static size_t utf8_len(const unsigned char *u, size_t n, int k)
{
    if (k == LEAD2)
        return n >= 2 && (u[1] & 0xC0) == 0x80 ? 2 : 0;
    if (k == LEAD3) {
        if (n < 3 || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80)
            return 0;
        if ((u[0] == 0xE0 && u[1] < 0xA0) || (u[0] == 0xED && u[1] >= 0xA0))
            return 0; /* overlong, or a UTF-16 surrogate */
        return 3;
    }
    uint32_t cp;
    int len = utf8_decode((const char *)u, n, &cp);
    return cp == 0xFFFD && len == 1 ? 0 : (size_t)len;
}

/* How many bytes of u[0..n) go out as they are: up to the first that needs an escape or is no
** well-formed UTF-8. The three-byte form (all of Chinese) is checked in line, without a call. */
static size_t plain_prefix(const unsigned char *u, size_t n)
{
    size_t i = 0;
    while (i < n) {
        int k = byte_class[u[i]];
        if (k == COPY) {
            i++;
            continue;
        }
        if (k == LEAD3 && i + 3 <= n && (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80 &&
            u[i] != 0xE0 && u[i] != 0xED) {
            i += 3; /* E0 and ED (overlong and surrogate forms) take the general check */
            continue;
        }
        size_t len = k >= LEAD2 && k <= LEAD4 ? utf8_len(u + i, n - i, k) : 0;
        if (!len)
            break;
        i += len;
    }
    return i;
}

void json_escape(Buf *out, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    for (;;) {
        size_t run = plain_prefix(u + i, n - i); /* copied as it is, in one append */
        buf_append(out, s + i, run);
        i += run;
        if (i >= n)
            break;
        if (byte_class[u[i]] != ESCAPE) {
            buf_puts(out, "\xEF\xBF\xBD"); /* not UTF-8: U+FFFD in its place */
        } else if (escapes[u[i]]) {
            buf_puts(out, escapes[u[i]]);
        } else {
            char e[6] = {'\\', 'u', '0', '0', hex[u[i] >> 4], hex[u[i] & 15]};
            buf_append(out, e, sizeof e);
        }
        i++;
    }
}

/* Room for n more bytes at the end of b: where to write them (json_tail ends the write). */
static char *json_room(Buf *b, size_t n)
{
    if (b->len + n >= b->cap)
        buf_grow(b, n);
    return b->data + b->len;
}

/* The bytes up to p were written into b (after json_room). */
static void json_tail(Buf *b, char *p)
{
    b->len = (size_t)(p - b->data);
    *p = 0;
}

void json_key_plain_n(JsonW *j, const char *key, size_t n)
{
    sep(j);
    j->after_key = true;
    char *p = json_room(j->out, n + 4);
    *p++ = '"';
    memcpy(p, key, n);
    p += n;
    *p++ = '"';
    *p++ = ':';
    if (j->pretty)
        *p++ = ' ';
    json_tail(j->out, p);
}

void json_key_any(JsonW *j, const char *key)
{
    /* A key is nearly always plain ASCII: then it is copied without escaping, and with its
       quotes and colon in one write. */
    size_t n = 0;
    while (key[n] && byte_class[(unsigned char)key[n]] == COPY)
        n++;
    if (!key[n]) {
        json_key_plain_n(j, key, n);
        return;
    }
    sep(j);
    j->after_key = true;
    buf_putc(j->out, '"');
    json_escape(j->out, key, strlen(key));
    buf_puts(j->out, j->pretty ? "\": " : "\":");
}

void json_strn(JsonW *j, const char *s, size_t n)
{
    sep(j);
    /* Most strings need no escape: the opening quote, the text and the closing quote then go
       in one write after one scan. */
    if (plain_prefix((const unsigned char *)s, n) == n) {
        char *p = json_room(j->out, n + 2);
        *p++ = '"';
        memcpy(p, s, n);
        p += n;
        *p++ = '"';
        json_tail(j->out, p);
        return;
    }
    buf_putc(j->out, '"');
    json_escape(j->out, s, n);
    buf_putc(j->out, '"');
}

void json_str(JsonW *j, const char *s)
{
    if (!s)
        json_nul(j);
    else
        json_strn(j, s, strlen(s));
}

void json_int(JsonW *j, int64_t v)
{
    sep(j);
    buf_int(j->out, v);
}

void json_double(JsonW *j, double v)
{
    sep(j);
    buf_printf(j->out, "%.10g", v);
}

void json_bool(JsonW *j, bool v)
{
    sep(j);
    buf_puts(j->out, v ? "true" : "false");
}

void json_nul(JsonW *j)
{
    sep(j);
    buf_puts(j->out, "null");
}

