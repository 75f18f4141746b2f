/*
** test_cnum.c: Chinese numerals (base/cnum.h). One test case per character of the table, then
** both directions over 1..99 (writing then reading gives the number back), the forms only the
** reader takes (两, 〇, 零), where a numeral stops, and what is not one.
*/
#include "testutil.h"

#include <stdlib.h>

#include "base/cnum.h"

static void test_char(void **state)
{
    const CnumChar *c = *state;
    int v = -1;
    assert_int_equal(cnum_digit(c->text, strlen(c->text), &v), strlen(c->text));
    assert_int_equal(v, c->value);
    /* Alone, each character is also a whole numeral of its value. */
    v = -1;
    assert_int_equal(cnum_parse(c->text, strlen(c->text), &v), strlen(c->text));
    assert_int_equal(v, c->value);
}

static void test_round_trip(void **state)
{
    (void)state;
    char out[CNUM_SIZE];
    for (int i = 1; i <= 99; i++) {
        const char *s = cnum_str(i, out);
        int v = -1;
        if (cnum_parse(s, strlen(s), &v) != strlen(s) || v != i)
            fail_msg("%d written as '%s' reads back as %d", i, s, v);
    }
    assert_string_equal(cnum_str(1, out), "一");
    assert_string_equal(cnum_str(10, out), "十");
    assert_string_equal(cnum_str(12, out), "十二");
    assert_string_equal(cnum_str(20, out), "二十");
    assert_string_equal(cnum_str(35, out), "三十五");
    assert_string_equal(cnum_str(99, out), "九十九");
    /* Outside 1..99: digits. */
    assert_string_equal(cnum_str(0, out), "0");
    assert_string_equal(cnum_str(100, out), "100");
    assert_string_equal(cnum_str(-3, out), "-3");
    Buf b = BUF_INIT;
    cnum_put(&b, 23);
    assert_string_equal(b.data, "二十三");
    buf_free(&b);
}

static void test_reader_forms(void **state)
{
    (void)state;
    static const struct {
        const char *text; /* input */
        size_t len;       /* bytes read */
        int value;        /* value read */
    } cases[] = {
        {"两个方面", 3, 2},   {"二十三个问题", 9, 23}, {"十二项", 6, 12},
        {"三十五个", 9, 35},  {"十、", 3, 10},          {"〇", 3, 0},
        {"二〇二五", 3, 2},   {"一是", 3, 1},           {"九十九", 9, 99},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        int v = -1;
        size_t k = cnum_parse(cases[i].text, strlen(cases[i].text), &v);
        if (k != cases[i].len || v != cases[i].value)
            fail_msg("'%s': read %zu bytes, %d", cases[i].text, k, v);
    }
    int v = 7;
    assert_int_equal(cnum_parse("是", strlen("是"), &v), 0);
    assert_int_equal(cnum_parse("12", 2, &v), 0);
    assert_int_equal(cnum_parse("", 0, &v), 0);
    assert_int_equal(v, 7);
    /* A truncated character is no numeral. */
    assert_int_equal(cnum_parse("一", 2, &v), 0);
}

int main(void)
{
    struct CMUnitTest *tests = calloc(cnum_n_chars + 2, sizeof *tests);
    size_t k = 0;
    for (; k < cnum_n_chars; k++)
        tests[k] = (struct CMUnitTest){cnum_chars[k].text, test_char, NULL, NULL,
                                       (void *)&cnum_chars[k]};
    tests[k++] = (struct CMUnitTest)cmocka_unit_test(test_round_trip);
    tests[k++] = (struct CMUnitTest)cmocka_unit_test(test_reader_forms);
    int failed = _cmocka_run_group_tests("cnum", tests, k, NULL, NULL);
    free(tests);
    return failed;
}
