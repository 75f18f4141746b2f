/*
** test_import_typing.c: documents as they are really typed. Half-width punctuation where the
** grammar's examples have full-width (brackets, colons, semicolons, quotes, a "." for 。),
** contact lines with half-width colons on one line, and the closing lines of a report (contact,
** signer, date) after its open matters, which are no open matters. Names of groups, bodies and
** problems are kept exactly as printed.
*/
#include "testutil.h"

static void test_half_width(void **state)
{
    (void)state;
    const char *s = "中共某某区委关于巡察整改进展情况的通报\n"
                    "根据区委统一部署,2024年3月1日至4月30日,区委第三巡察组对区财政局党组进行了巡察,"
                    "5月20日反馈了巡察意见。\n"
                    "一、组织整改落实情况\n"
                    "区委共制定整改措施45条,建立完善制度12项。\n"
                    "二、反馈问题整改情况\n"
                    "(一)关于\"预算管理不严格\"问题的整改情况\n"
                    "1.加强预算管理.严格执行预算.\n"
                    "2、规范资金拨付；建立台账。\n"
                    "(二)关于'采购不规范'问题的整改情况\n"
                    "一是修订采购办法;二是开展专项检查.\n"
                    "三、需要进一步整改的事项\n"
                    "(一)基本完成事项\n"
                    "关于\"预算管理不严格\"问题.\n"
                    "联系电话:0591-12345678;电子邮箱:abc@example.com\n"
                    "通信地址:某某市某某路1号\n"
                    "中共某某区委\n"
                    "2024年12月1日\n";
    Arena a = ARENA_INIT;
    ImportDoc doc;
    Err err = ERR_INIT;
    assert_int_equal(import_load_bytes(&doc, &a, "t.txt", s, strlen(s), &err), 0);
    assert_string_equal(doc.group, "区委第三巡察组");
    assert_string_equal(doc.target, "区财政局党组");
    assert_string_equal(doc.phones[0], "0591-12345678");
    assert_string_equal(doc.emails[0], "abc@example.com");
    assert_string_equal(doc.address, "某某市某某路1号");
    assert_string_equal(doc.signer, "中共某某区委");
    const ImportNode *p1 = doc.findings, *p2 = p1->next;
    assert_string_equal(p1->label, "(一)");
    assert_string_equal(p1->title, "\"预算管理不严格\"问题");
    assert_int_equal(p1->status, STATUS_BASICALLY_COMPLETED);
    assert_string_equal(p1->measures->title, "加强预算管理");
    assert_string_equal(p1->measures->next->label, "2、");
    assert_string_equal(p2->title, "'采购不规范'问题");
    assert_int_equal(p2->n_measures, 2);
    assert_string_equal(p2->measures->next->title, "开展专项检查");
    /* Only the figure warning: the closing lines are not taken for open matters. */
    assert_int_equal(doc.n_warnings, 1);
    assert_non_null(strstr(doc.warnings->message, "文件称制定整改措施45条，本次导入识别出4条"));
    arena_free(&a);
}

/* A "." inside numbers, dates and addresses ends no sentence. */
static void test_dots(void **state)
{
    (void)state;
    static const char *const not_ends[] = {"1.5万元", "2025.6.30", "www.gov.cn", "3.14"};
    for (size_t i = 0; i < ARRAY_SIZE(not_ends); i++) {
        const char *p = strchr(not_ends[i], '.');
        if (grammar_mark(MARK_SENTENCE_END, p, strlen(p)))
            fail_msg("'.' in '%s' read as a sentence end", not_ends[i]);
    }
    assert_int_equal(grammar_mark(MARK_SENTENCE_END, ".严格", strlen(".严格")), 1);
    assert_int_equal(grammar_mark(MARK_SENTENCE_END, ".", 1), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_half_width),
        cmocka_unit_test(test_dots),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
