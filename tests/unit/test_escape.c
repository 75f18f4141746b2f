/*
** test_escape.c: the fast paths of the page and JSON writers against byte-by-byte references.
** html_text skips eight bytes at a time and json_key lets the compiler decide a literal key's
** plainness; both must write exactly what the plain per-byte rules say, at every position of an
** escaped byte relative to the eight-byte steps, for ASCII, Chinese and mixed text.
*/
#include "testutil.h"

#include "base/json.h"
#include "web/html.h"

/* html_text's rule, one byte at a time. */
static void html_reference(Buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': buf_puts(b, "&amp;"); break;
        case '<': buf_puts(b, "&lt;"); break;
        case '>': buf_puts(b, "&gt;"); break;
        case '"': buf_puts(b, "&quot;"); break;
        case '\'': buf_puts(b, "&#39;"); break;
        default: buf_putc(b, *s);
        }
    }
}

static void check_html(const char *s)
{
    Buf got = BUF_INIT, want = BUF_INIT;
    html_text(&got, s);
    html_reference(&want, s);
    assert_string_equal(got.data, want.data);
    assert_int_equal(got.len, want.len);
    buf_free(&got);
    buf_free(&want);
}

static void test_html_text(void **state)
{
    (void)state;
    static const char *const fills[] = {"a", "整", "0", " ", "中a1"};
    static const char special[] = "&<>\"'";
    char s[128];
    check_html("");
    for (size_t f = 0; f < ARRAY_SIZE(fills); f++)
        for (size_t len = 0; len < 40; len++) {
            /* len bytes of fill (whole characters), then every escaped byte at every position */
            size_t n = 0;
            while (n + strlen(fills[f]) <= len) {
                memcpy(s + n, fills[f], strlen(fills[f]));
                n += strlen(fills[f]);
            }
            s[n] = 0;
            check_html(s);
            for (size_t at = 0; at <= n; at++)
                for (size_t k = 0; k < sizeof special - 1; k++) {
                    char t[130];
                    memcpy(t, s, at);
                    t[at] = special[k];
                    memcpy(t + at + 1, s + at, n - at + 1);
                    check_html(t);
                }
        }
    check_html("<script>alert('整改')</script> & \"引号\" 2026-11-21 >");
    /* Bytes just below and above 0x40 (the step's bound) next to escaped ones. */
    check_html("?@?@?@?@&?@?@?@?@<@@@@@@@@>");
}

/* A literal key and the same key from a variable write the same bytes. */
static void test_json_keys(void **state)
{
    (void)state;
    static const char *const keys[] = {
        "id", "light_reasons", "a_key_of_exactly_24_byte", "a_key_longer_than_twenty_four_bytes",
        "a\"b", "<", "整改", "tab\there", "",
    };
    Buf lit = BUF_INIT, var = BUF_INIT;
    JsonW a, b;
    json_init(&a, &lit, false);
    json_init(&b, &var, false);
    json_obj(&a);
    json_obj(&b);
    json_kint(&a, "id", 1);
    json_kint(&a, "light_reasons", 1);
    json_kint(&a, "a_key_of_exactly_24_byte", 1);
    json_kint(&a, "a_key_longer_than_twenty_four_bytes", 1);
    json_kint(&a, "a\"b", 1);
    json_kint(&a, "<", 1);
    json_kint(&a, "整改", 1);
    json_kint(&a, "tab\there", 1);
    json_kint(&a, "", 1);
    for (size_t i = 0; i < ARRAY_SIZE(keys); i++)
        json_kint(&b, keys[i], 1);
    json_end(&a);
    json_end(&b);
    assert_string_equal(lit.data, var.data);
    assert_string_equal(lit.data, "{\"id\":1,\"light_reasons\":1,\"a_key_of_exactly_24_byte\":1,"
                                  "\"a_key_longer_than_twenty_four_bytes\":1,\"a\\\"b\":1,"
                                  "\"\\u003c\":1,\"整改\":1,\"tab\\there\":1,\"\":1}");
    buf_free(&lit);
    buf_free(&var);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_text),
        cmocka_unit_test(test_json_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
