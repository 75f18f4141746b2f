/*
** json.h: writing JSON into a Buf without printf. Keys and strings are escaped (and checked
** to be UTF-8) by construction; commas between members are placed automatically.
**
**     JsonW j; json_init(&j, &out);
**     json_obj(&j); json_key(&j, "id"); json_int(&j, 7); json_end(&j);
*/
#ifndef ZG_JSON_H
#define ZG_JSON_H

#include "buf.h"

typedef struct JsonW {
    Buf *out;           /* where the text goes; borrowed */
    int depth;          /* open objects and arrays */
    bool first[64];     /* per depth: no member written yet */
    char close[64];     /* per depth: the bracket that closes it */
    bool after_key;     /* a key was written; its value comes next */
    bool pretty;        /* indent with two spaces per level */
} JsonW;

void json_init(JsonW *j, Buf *out, bool pretty);
void json_obj(JsonW *j);    /* { */
void json_arr(JsonW *j);    /* [ */
void json_end(JsonW *j);    /* } or ] */
/* A key (escaped as a string is). */
void json_key_any(JsonW *j, const char *key);
/* A key of n bytes known to need no escape, in any state of the writer (json_key_known's
** slow path). */
void json_key_plain_n(JsonW *j, const char *key, size_t n);
/*
** A key of n bytes known to need no escape (json_key's fast path): inline, so that a literal
** key is copied with its comma, quotes and colon in a few moves. A pretty writer, a key right
** after a key, or a full buffer take json_key_plain_n.
*/
static inline __attribute__((always_inline)) void json_key_known(JsonW *j, const char *key,
                                                                 size_t n)
{
    Buf *b = j->out;
    if (j->pretty || j->after_key || b->len + n + 5 >= b->cap) {
        json_key_plain_n(j, key, n);
        return;
    }
    char *p = b->data + b->len;
    *p = ',';
    p += !j->first[j->depth];
    j->first[j->depth] = false;
    *p++ = '"';
    memcpy(p, key, n);
    p += n;
    *p++ = '"';
    *p++ = ':';
    *p = 0;
    b->len = (size_t)(p - b->data);
    j->after_key = true;
}
/* True when byte c goes into a key as it is (plain ASCII: no control byte, '"', '\\' or '<'). */
#define JSON_PLAIN_BYTE(c) ((c) >= 0x20 && (c) < 0x7F && (c) != '"' && (c) != '\\' && (c) != '<')
#define JSON_PLAIN_AT(k, n, i) ((i) >= (n) || JSON_PLAIN_BYTE((unsigned char)(k)[i]))
/*
** Write a key. A literal key of up to 24 bytes has its length and plainness decided by the
** compiler (gcc at -O2: the unrolled test below folds to a constant), and goes to
** json_key_known without a scan at run time (a list of 25 writes ~600 keys); anything else (a
** variable key, no optimisation, another compiler) is scanned by json_key_any. Either way the
** bytes written are the same.
*/
static inline __attribute__((always_inline)) void json_key(JsonW *j, const char *key)
{
    size_t n = __builtin_strlen(key);
    if (__builtin_constant_p(n) && n <= 24) {
        bool plain = JSON_PLAIN_AT(key, n, 0) && JSON_PLAIN_AT(key, n, 1) && JSON_PLAIN_AT(key, n, 2) &&
                     JSON_PLAIN_AT(key, n, 3) && JSON_PLAIN_AT(key, n, 4) && JSON_PLAIN_AT(key, n, 5) &&
                     JSON_PLAIN_AT(key, n, 6) && JSON_PLAIN_AT(key, n, 7) && JSON_PLAIN_AT(key, n, 8) &&
                     JSON_PLAIN_AT(key, n, 9) && JSON_PLAIN_AT(key, n, 10) && JSON_PLAIN_AT(key, n, 11) &&
                     JSON_PLAIN_AT(key, n, 12) && JSON_PLAIN_AT(key, n, 13) && JSON_PLAIN_AT(key, n, 14) &&
                     JSON_PLAIN_AT(key, n, 15) && JSON_PLAIN_AT(key, n, 16) && JSON_PLAIN_AT(key, n, 17) &&
                     JSON_PLAIN_AT(key, n, 18) && JSON_PLAIN_AT(key, n, 19) && JSON_PLAIN_AT(key, n, 20) &&
                     JSON_PLAIN_AT(key, n, 21) && JSON_PLAIN_AT(key, n, 22) && JSON_PLAIN_AT(key, n, 23);
        if (__builtin_constant_p(plain) && plain) {
            json_key_known(j, key, n);
            return;
        }
    }
    json_key_any(j, key);
}
/* A string value; invalid UTF-8 bytes become U+FFFD. NULL writes null. */
void json_str(JsonW *j, const char *s);
void json_strn(JsonW *j, const char *s, size_t n);
void json_int(JsonW *j, int64_t v);
void json_double(JsonW *j, double v);
void json_bool(JsonW *j, bool v);
void json_nul(JsonW *j); /* null (not json_null: jansson has that name) */
/* key + value shortcuts (macros, so that a literal key reaches json_key as a literal) */
#define json_kstr(j, key, s) (json_key((j), (key)), json_str((j), (s)))
#define json_kint(j, key, v) (json_key((j), (key)), json_int((j), (v)))
#define json_kdouble(j, key, v) (json_key((j), (key)), json_double((j), (v)))
#define json_kbool(j, key, v) (json_key((j), (key)), json_bool((j), (v)))
#define json_kobj(j, key) (json_key((j), (key)), json_obj(j)) /* "key": { … json_end */
#define json_karr(j, key) (json_key((j), (key)), json_arr(j)) /* "key": [ … json_end */
/* Append s[0..n) to out as the inside of a JSON string (no quotes). */
void json_escape(Buf *out, const char *s, size_t n);

#endif
