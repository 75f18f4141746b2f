/*
** decode.c: a text document's bytes → UTF-8 (import.h). Offices save text as UTF-8 (with or
** without a BOM), as GB18030/GBK (Windows' "ANSI" in China) or, from Notepad, as UTF-16 with a
** BOM. UTF-8 is taken as it is; the others go through glibc's iconv. A file that is mostly
** UTF-8 with a few broken bytes is reported as broken UTF-8 (naming the line) rather than
** guessed to be GB18030.
*/
#include "import.h"

#include "base/utf8.h"

#include <errno.h>
#include <iconv.h>

/* Line number (1-based) of byte offset at in data. */
static int line_of(const char *data, size_t at)
{
    int line = 1;
    for (size_t i = 0; i < at; i++)
        line += data[i] == '\n';
    return line;
}

/* Convert with iconv; on failure *bad is the offset of the first bad input byte. */
static int convert(Arena *arena, const char *from, const char *data, size_t len, char **out,
                   size_t *out_len, size_t *bad)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) {
        *bad = 0;
        return -1;
    }
    size_t cap = len * 2 + 16; /* GB18030 and UTF-16 grow at most by half into UTF-8 */
    char *buf = arena_alloc(arena, cap + 1);
    char *in = (char *)data, *o = buf;
    size_t in_left = len, out_left = cap;
    int rc = 0;
    if (iconv(cd, &in, &in_left, &o, &out_left) == (size_t)-1) {
        *bad = (size_t)(in - data);
        rc = -1;
    } else if (iconv(cd, NULL, NULL, &o, &out_left) == (size_t)-1) {
        *bad = len;
        rc = -1;
    }
    iconv_close(cd);
    if (rc == 0) {
        *out_len = (size_t)(o - buf);
        buf[*out_len] = 0;
        *out = buf;
    }
    return rc;
}

/* Count valid multi-byte UTF-8 sequences and invalid bytes; *first_bad gets the first. */
static void utf8_census(const char *s, size_t n, size_t *good, size_t *bad, size_t *first_bad)
{
    *good = *bad = 0;
    *first_bad = n;
    for (size_t i = 0; i < n;) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        int k = utf8_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD && !(k == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0)) {
            if (*first_bad == n)
                *first_bad = i;
            (*bad)++;
        } else {
            (*good)++;
        }
        i += (size_t)k;
    }
}

/* CR LF and lone CR → LF, in place. */
static size_t normalise_newlines(char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\r') {
            s[o++] = '\n';
            if (i + 1 < n && s[i + 1] == '\n')
                i++;
        } else {
            s[o++] = s[i];
        }
    }
    s[o] = 0;
    return o;
}

int import_decode(Arena *arena, const char *data, size_t len, const char **text, size_t *text_len,
                  const char **encoding, Err *err)
{
    if (len > IMPORT_MAX_BYTES)
        return err_fail(err, ERR_TOO_LARGE, "document is larger than %u MB",
                        IMPORT_MAX_BYTES / (1024 * 1024));
    char *out = NULL;
    size_t out_len = 0, bad = 0;
    if (len >= 2 && (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
                     ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF))) {
        if (convert(arena, "UTF-16", data, len, &out, &out_len, &bad) < 0)
            return err_fail(err, ERR_INPUT, "line %d: invalid UTF-16 text", line_of(data, bad));
        *encoding = "utf-16";
        if (out_len >= 3 && memcmp(out, "\xEF\xBB\xBF", 3) == 0) {
            out += 3;
            out_len -= 3;
        }
    } else {
        if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
            data += 3;
            len -= 3;
        }
        if (memchr(data, 0, len))
            return err_fail(err, ERR_INPUT,
                            "binary file, not a text document (a NUL byte at line %d)",
                            line_of(data, (size_t)((const char *)memchr(data, 0, len) - data)));
        if (utf8_valid(data, len)) {
            out = arena_strndup(arena, data, len);
            out_len = len;
            *encoding = "utf-8";
        } else {
            size_t good, nbad, first_bad;
            utf8_census(data, len, &good, &nbad, &first_bad);
            if (good > 0 && nbad * 10 < good)
                return err_fail(err, ERR_INPUT, "line %d: invalid UTF-8 (byte 0x%02X)",
                                line_of(data, first_bad), (unsigned char)data[first_bad]);
            if (convert(arena, "GB18030", data, len, &out, &out_len, &bad) < 0)
                return err_fail(err, ERR_INPUT,
                                "line %d: text is neither UTF-8 nor GB18030 (byte 0x%02X)",
                                line_of(data, bad), bad < len ? (unsigned char)data[bad] : 0);
            *encoding = "gb18030";
        }
    }
    if (out_len > IMPORT_MAX_BYTES)
        return err_fail(err, ERR_TOO_LARGE, "document is larger than %u MB once converted",
                        IMPORT_MAX_BYTES / (1024 * 1024));
    if (!utf8_valid(out, out_len))
        return err_fail(err, ERR_INPUT, "text does not convert to valid UTF-8");
    if (memchr(out, 0, out_len))
        return err_fail(err, ERR_INPUT, "binary file, not a text document");
    out_len = normalise_newlines(out, out_len);
    size_t i = 0;
    while (i < out_len && (out[i] == ' ' || out[i] == '\n' || out[i] == '\t'))
        i++;
    if (i == out_len)
        return err_fail(err, ERR_INPUT, "empty document");
    *text = out;
    *text_len = out_len;
    return 0;
}
