/*
** cnum.h: Chinese numerals from 0 to 99 in both directions, the way Party and government
** documents write labels and counts: 一 … 十 … 十二 … 二十 … 九十九. Reading also takes 〇, 零
** and ○ for zero and 两 for two (两个方面); writing never uses them. One table of characters in
** cnum.c serves the importer's grammar, the report writer and the demo generator.
*/
#ifndef ZG_CNUM_H
#define ZG_CNUM_H

#include "base.h"
#include "buf.h"

/* Room for cnum_str's result: at most three characters of three bytes, or a decimal int. */
#define CNUM_SIZE 16

/* The numeral characters with their values (0..10), in the order cnum.c reads them. */
typedef struct CnumChar {
    const char *text; /* "二" */
    int value;        /* 2 */
} CnumChar;
extern const CnumChar cnum_chars[];
extern const size_t cnum_n_chars;

/* One numeral character at s[0..n) (a value 0..10): its bytes and *value, or 0 when none. */
size_t cnum_digit(const char *s, size_t n, int *value);
/*
** The longest numeral 0..99 at s[0..n): 十二 is 12, 二十 is 20, 二十三 is 23, a lone 〇 is 0.
** Returns its bytes and sets *value, or 0 when s does not start with a numeral.
*/
size_t cnum_parse(const char *s, size_t n, int *value);
/*
** Write value into out: 1..99 as a Chinese numeral (十二, 二十, 三十五), anything else in
** decimal digits. Returns out.
*/
const char *cnum_str(int value, char out[CNUM_SIZE]);
/* Append cnum_str's text for value to b. */
void cnum_put(Buf *b, int value);

#endif
