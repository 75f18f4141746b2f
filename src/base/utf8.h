/*
** utf8.h: UTF-8 validation and decoding. Text is UTF-8 everywhere inside the program; every
** boundary (files, HTTP, the database) checks it with utf8_valid.
*/
#ifndef ZG_UTF8_H
#define ZG_UTF8_H

#include "base.h"

/* True when s[0..n) is well-formed UTF-8 (no overlongs, no surrogates, at most U+10FFFF). */
bool utf8_valid(const char *s, size_t n);
/*
** Decode one code point from s[0..n) into *cp and return its length in bytes (1..4). On a
** malformed sequence return 1 and set *cp to U+FFFD, so a loop always makes progress.
** n must be at least 1.
*/
int utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Encode cp into out (4 bytes of room); return the number of bytes written. */
int utf8_encode(uint32_t cp, char out[4]);
/* The offset where the code point before offset i starts (0 when i is 0). Inline: the
** importer's grammar steps back at every sentence boundary. */
static inline size_t utf8_prev(const char *s, size_t i)
{
    if (i == 0)
        return 0;
    i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}
/* The byte length of the first max code points of s[0..n) (all of it when shorter). */
size_t utf8_prefix(const char *s, size_t n, size_t max);
/* Number of code points in s[0..n), counting each malformed byte as one. */
size_t utf8_length(const char *s, size_t n);

#endif
