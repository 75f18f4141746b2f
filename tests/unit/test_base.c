/*
** test_base.c: the base layer: Buf, Arena, UTF-8, dates and the JSON writer.
*/
#include "testutil.h"

#include "base/arena.h"
#include "base/buf.h"
#include "base/json.h"
#include "base/utf8.h"

static void test_buf(void **state)
{
    (void)state;
    Buf b = BUF_INIT;
    assert_string_equal(b.data, "");
    for (int i = 0; i < 1000; i++)
        buf_printf(&b, "%d,", i);
    assert_int_equal(b.len, strlen(b.data));
    assert_memory_equal(b.data, "0,1,2,", 6);
    buf_truncate(&b, 2);
    assert_string_equal(b.data, "0,");
    size_t n;
    char *p = buf_detach(&b, &n);
    assert_int_equal(n, 2);
    assert_string_equal(b.data, "");
    free(p);
    buf_free(&b);
}

static void test_arena(void **state)
{
    (void)state;
    Arena a = ARENA_INIT;
    char *s = arena_printf(&a, "%s-%d", "巡察", 7);
    assert_string_equal(s, "巡察-7");
    void *big = arena_alloc(&a, 100000);
    memset(big, 1, 100000);
    int *v = ARENA_ARRAY(&a, int, 10);
    assert_int_equal(v[9], 0);
    /* Aligned for any type: alignof, not sizeof (32 on x86-64, which malloc does not give). */
    assert_int_equal((uintptr_t)v % _Alignof(max_align_t), 0);

    /* Adopted blocks live on in the adopter (ASan sees a use after free otherwise), and the
       adopter keeps allocating from its own newest block. */
    Arena from = ARENA_INIT;
    char *kept = arena_strdup(&from, "回头看");
    (void)arena_alloc(&from, 40000); /* a second block */
    size_t before = a.total, theirs = from.total;
    char *last = arena_strdup(&a, "x");
    arena_adopt(&a, &from);
    assert_null(from.head);
    assert_int_equal(from.total, 0);
    assert_int_equal(a.total, before + sizeof(max_align_t) + theirs);
    char *next = arena_strdup(&a, "y");
    assert_ptr_equal(next, last + sizeof(max_align_t)); /* same block, right behind */
    assert_string_equal(kept, "回头看");
    arena_adopt(&a, &from); /* nothing to hand over */
    Arena empty = ARENA_INIT;
    arena_adopt(&empty, &a);
    assert_null(a.head);
    assert_string_equal(kept, "回头看");
    arena_free(&empty);
    (void)arena_strdup(&a, "reused");
    arena_free(&a);
}

static void test_utf8(void **state)
{
    (void)state;
    assert_true(utf8_valid("整改", strlen("整改")));
    assert_false(utf8_valid("\xC0\xAF", 2));         /* overlong */
    assert_false(utf8_valid("\xED\xA0\x80", 3));     /* surrogate */
    assert_false(utf8_valid("\xE6\x95", 2));         /* truncated */
    assert_false(utf8_valid("\xF4\x90\x80\x80", 4)); /* above U+10FFFF */
    assert_int_equal(utf8_length("一是a", strlen("一是a")), 3);
    const char *t = "a整改b";
    assert_int_equal(utf8_prev(t, 4), 1);  /* before 改 starts 整 */
    assert_int_equal(utf8_prev(t, 1), 0);
    assert_int_equal(utf8_prev(t, 0), 0);
    assert_int_equal(utf8_prefix(t, strlen(t), 2), 4);
    assert_int_equal(utf8_prefix(t, strlen(t), 99), strlen(t));
    char out[4];
    assert_int_equal(utf8_encode(0x3000, out), 3);
    assert_memory_equal(out, "\xE3\x80\x80", 3);
}

static void test_dates(void **state)
{
    (void)state;
    assert_int_equal(test_day("1970-01-01"), 0);
    assert_int_equal(test_day("2024-03-01") - test_day("2024-02-28"), 2);
    assert_int_equal(test_day("2025-03-01") - test_day("2025-02-28"), 1);
    Day d;
    assert_int_equal(date_parse("2023-02-29", 10, &d), -1);
    assert_int_equal(date_parse("2000-02-29", 10, &d), 0);
    assert_int_equal(date_parse("1900-02-29", 10, &d), -1);
    assert_int_equal(date_parse("2025-6-30", 9, &d), -1);
    char iso[DATE_ISO_SIZE];
    assert_string_equal(date_format(test_day("2025-12-31") + 1, iso), "2026-01-01");
    assert_int_equal(date_weekday(test_day("2026-11-21")), 6); /* a Saturday */
    assert_int_equal(date_weekday(test_day("2024-01-01")), 1); /* a Monday */
}

static void test_json(void **state)
{
    (void)state;
    Buf b = BUF_INIT;
    JsonW j;
    json_init(&j, &b, false);
    json_obj(&j);
    json_kstr(&j, "t", "a\"b<\n整\xff");
    json_key(&j, "l");
    json_arr(&j);
    json_int(&j, 1);
    json_int(&j, -2);
    json_obj(&j);
    json_end(&j);
    json_end(&j);
    json_key(&j, "n");
    json_nul(&j);
    json_end(&j);
    assert_string_equal(b.data, "{\"t\":\"a\\\"b\\u003c\\n整\xEF\xBF\xBD\",\"l\":[1,-2,{}],\"n\":null}");
    buf_free(&b);
}

/* The writer's runs and escapes byte by byte, and integers without printf. */
static void test_json_escape_int(void **state)
{
    (void)state;
    Buf b = BUF_INIT;
    json_escape(&b, "\x01x\x7f\\\t\r", 6);
    assert_string_equal(b.data, "\\u0001x\\u007f\\\\\\t\\r");
    buf_reset(&b);
    json_escape(&b, "\xe6\x95\xb4\xe6\x94\xb9\xe2\x80", 8); /* a sequence cut short */
    assert_string_equal(b.data, "整改\xEF\xBF\xBD\xEF\xBF\xBD");
    buf_reset(&b);
    json_escape(&b, "plain", 5);
    assert_string_equal(b.data, "plain");
    buf_reset(&b);
    /* Two- and four-byte forms pass; an overlong form, a surrogate and a stray byte do not. */
    json_escape(&b, "\xc3\xa9\xf0\x9f\x98\x80|\xe0\x80\xaf|\xed\xa0\x80|\xc0\xaf|\xf5", 19);
    assert_string_equal(b.data, "\xc3\xa9\xf0\x9f\x98\x80|\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD|"
                                "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD|\xEF\xBF\xBD");
    buf_reset(&b);
    /* A key that is not a plain literal is escaped like a value. */
    JsonW j;
    json_init(&j, &b, false);
    json_obj(&j);
    json_kint(&j, "a\"b", 1);
    json_kint(&j, "id", 2);
    json_end(&j);
    assert_string_equal(b.data, "{\"a\\\"b\":1,\"id\":2}");
    buf_reset(&b);
    buf_int(&b, 0);
    buf_putc(&b, ' ');
    buf_int(&b, INT64_MAX);
    buf_putc(&b, ' ');
    buf_int(&b, INT64_MIN);
    buf_putc(&b, ' ');
    buf_int(&b, -7);
    assert_string_equal(b.data, "0 9223372036854775807 -9223372036854775808 -7");
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buf),   cmocka_unit_test(test_arena), cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_dates), cmocka_unit_test(test_json),
        cmocka_unit_test(test_json_escape_int),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
