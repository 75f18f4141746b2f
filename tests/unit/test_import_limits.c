/*
** test_import_limits.c: nothing swallowed silently. A plan with 1,000, 1,001 and 10,000
** numbered measures under one problem imports every measure, each with its own label and
** line; a line shaped like a label that the grammar cannot read (3）without its opening
** bracket) stays inside the measure above it but is named in a warning, and so is a measure
** whose text grows past what one measure's text can be.
*/
#include "testutil.h"

static void load(ImportDoc *doc, Arena *a, const Buf *b)
{
    Err err = ERR_INIT;
    if (import_load_bytes(doc, a, "plan.txt", b->data, b->len, &err) < 0)
        fail_msg("%s", err.msg);
}

static void many(int n)
{
    Buf b = BUF_INIT;
    buf_puts(&b, "某某区委关于巡察反馈意见整改情况的报告\n一、巡察反馈问题整改情况\n"
                 "（一）“财务管理不规范”问题\n");
    for (int i = 1; i <= n; i++)
        buf_printf(&b, "%d.落实第%d项整改措施。明确责任，按期完成。\n", i, i);
    Arena a = ARENA_INIT;
    ImportDoc doc;
    load(&doc, &a, &b);
    ImportCounts c;
    import_count(&doc, &c);
    assert_int_equal(c.by_level[LEVEL_PROBLEM], 1);
    assert_int_equal(c.measures, n);
    int i = 0;
    for (const ImportMeasure *m = doc.findings->measures; m; m = m->next) {
        i++;
        char label[16];
        snprintf(label, sizeof label, "%d.", i);
        assert_string_equal(m->label, label);
        /* one line each: none absorbed another */
        assert_int_equal(m->line_first, m->line_last);
        assert_int_equal(m->line_first, i + 3);
    }
    assert_int_equal(i, n);
    assert_int_equal(doc.n_warnings, 0);
    arena_free(&a);
    buf_free(&b);
}

static void test_1000(void **state)
{
    (void)state;
    many(1000);
}

static void test_1001(void **state)
{
    (void)state;
    many(1001);
}

static void test_10000(void **state)
{
    (void)state;
    many(10000);
}

static void test_label_shaped(void **state)
{
    (void)state;
    Buf b = BUF_INIT;
    buf_puts(&b, "一、巡察反馈问题整改情况\n（一）“财务管理不规范”问题\n1.措施一。\n"
                 "2.措施二。\n3）措施三。\n4）措施四。\n");
    Arena a = ARENA_INIT;
    ImportDoc doc;
    load(&doc, &a, &b);
    const ImportMeasure *m2 = doc.findings->measures->next;
    assert_int_equal(m2->line_last, 6);
    assert_non_null(doc.warnings);
    const char *w = doc.warnings->message;
    if (!strstr(w, "lines 4-6 holds 2 lines shaped like labels (line 5, 6)"))
        fail_msg("%s", w);
    arena_free(&a);

    /* A measure of many lines without labels is named too. */
    buf_reset(&b);
    buf_puts(&b, "一、巡察反馈问题整改情况\n（一）“财务管理不规范”问题\n1.措施一。\n");
    for (int i = 0; i < 60; i++)
        buf_puts(&b, "继续说明工作情况。\n");
    Arena a2 = ARENA_INIT;
    load(&doc, &a2, &b);
    assert_non_null(doc.warnings);
    if (!strstr(doc.warnings->message, "more than one measure's text"))
        fail_msg("%s", doc.warnings->message);
    arena_free(&a2);
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_1000),
        cmocka_unit_test(test_1001),
        cmocka_unit_test(test_10000),
        cmocka_unit_test(test_label_shaped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
