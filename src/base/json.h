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
void json_key(JsonW *j, const char *key);
/* A string value; invalid UTF-8 bytes become U+FFFD. NULL writes null. */
void json_str(JsonW *j, const char *s);
void json_strn(JsonW *j, const char *s, size_t n);
void json_int(JsonW *j, int64_t v);
void json_double(JsonW *j, double v);
void json_bool(JsonW *j, bool v);
void json_nul(JsonW *j); /* null (not json_null: jansson has that name) */
/* key + value shortcuts */
void json_kstr(JsonW *j, const char *key, const char *s);
void json_kint(JsonW *j, const char *key, int64_t v);
void json_kdouble(JsonW *j, const char *key, double v);
void json_kbool(JsonW *j, const char *key, bool v);
void json_kobj(JsonW *j, const char *key); /* "key": { … json_end */
void json_karr(JsonW *j, const char *key); /* "key": [ … json_end */
/* Append s[0..n) to out as the inside of a JSON string (no quotes). */
void json_escape(Buf *out, const char *s, size_t n);

#endif
