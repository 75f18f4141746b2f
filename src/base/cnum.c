/*
** cnum.c: Chinese numerals (cnum.h).
*/
#include "cnum.h"


const CnumChar cnum_chars[] = {
    {"〇", 0}, {"零", 0}, {"○", 0}, {"一", 1}, {"二", 2}, {"两", 2}, {"三", 3},
    {"四", 4}, {"五", 5}, {"六", 6}, {"七", 7}, {"八", 8}, {"九", 9}, {"十", 10},
};
const size_t cnum_n_chars = ARRAY_SIZE(cnum_chars);

/* The characters cnum_str writes for 0..9 (index 0 is never written: 十, 二十). */
static const char *const written[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
static const char ten[] = "十";

size_t cnum_digit(const char *s, size_t n, int *value)
{
    for (size_t i = 0; i < cnum_n_chars; i++) {
        size_t k = strlen(cnum_chars[i].text);
        if (k <= n && memcmp(s, cnum_chars[i].text, k) == 0) {
            *value = cnum_chars[i].value;
            return k;
        }
    }
    return 0;
}

size_t cnum_parse(const char *s, size_t n, int *value)
{
    int a, b, c;
    size_t k1 = cnum_digit(s, n, &a);
    if (!k1)
        return 0;
    if (a == 10) { /* 十, 十二 */
        size_t k2 = cnum_digit(s + k1, n - k1, &b);
        if (k2 && b >= 1 && b <= 9) {
            *value = 10 + b;
            return k1 + k2;
        }
        *value = 10;
        return k1;
    }
    size_t k2 = cnum_digit(s + k1, n - k1, &b);
    if (k2 && b == 10 && a >= 1) { /* 二十, 二十三 */
        size_t k3 = cnum_digit(s + k1 + k2, n - k1 - k2, &c);
        if (k3 && c >= 1 && c <= 9) {
            *value = a * 10 + c;
            return k1 + k2 + k3;
        }
        *value = a * 10;
        return k1 + k2;
    }
    *value = a;
    return k1;
}

const char *cnum_str(int value, char out[CNUM_SIZE])
{
    if (value < 1 || value > 99) {
        snprintf(out, CNUM_SIZE, "%d", value);
        return out;
    }
    int tens = value / 10, ones = value % 10;
    snprintf(out, CNUM_SIZE, "%s%s%s", tens > 1 ? written[tens] : "", tens ? ten : "",
             written[ones]);
    return out;
}

void cnum_put(Buf *b, int value)
{
    char out[CNUM_SIZE];
    buf_puts(b, cnum_str(value, out));
}
