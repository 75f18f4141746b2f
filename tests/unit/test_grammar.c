/*
** test_grammar.c: every row of every table of src/import/grammar.c, run through the function
** that owns the table (one test case per row: a failure names the table and the row's example),
** plus the near misses that must not match.
*/
#include "testutil.h"

#include "import/grammar.h"

#define ROW_FAIL(table, i, ex) fail_msg("%s row %zu ('%s')", (table), (size_t)(i), (ex))

static void test_markers(void **state)
{
    (void)state;
    GrammarMarker m;
    for (size_t i = 0; i < grammar_n_marker_forms; i++) {
        const GrammarMarkerForm *f = &grammar_marker_forms[i];
        if (!grammar_marker(f->example, strlen(f->example), &m) || m.rank != f->rank ||
            m.ordinal != f->ordinal)
            ROW_FAIL("marker forms", i, f->example);
    }
    for (size_t i = 0; i < grammar_n_marker_ranges; i++) {
        const GrammarMarkerRange *r = &grammar_marker_ranges[i];
        if (!grammar_marker(r->example, strlen(r->example), &m) || m.rank != r->rank ||
            m.ordinal != r->ordinal)
            ROW_FAIL("marker ranges", i, r->example);
    }
    for (size_t i = 0; i < grammar_n_stem_markers; i++) {
        const GrammarWord *w = &grammar_stem_markers[i];
        if (!grammar_marker(w->example, strlen(w->example), &m) || m.rank != 5 ||
            m.ordinal != w->value)
            ROW_FAIL("stem markers", i, w->example);
    }
    /* Labels of any length: 1000. and 10000、 are labels, as 1. is. */
    assert_true(grammar_marker("10000、落实", strlen("10000、落实"), &m));
    assert_int_equal(m.ordinal, 10000);
    assert_true(grammar_marker("1001．落实", strlen("1001．落实"), &m));
    assert_int_equal(m.ordinal, 1001);
    /* Blanks after a marker belong to it: "1． 建立" and U+3000. */
    assert_true(grammar_marker("1． 建立", strlen("1． 建立"), &m));
    assert_int_equal(m.len, strlen("1． "));
    assert_true(grammar_marker("（一）\xE3\x80\x80加强", strlen("（一）\xE3\x80\x80加强"), &m));
    assert_int_equal(m.len, strlen("（一）\xE3\x80\x80"));
    /* Near misses. */
    static const char *const not_markers[] = {"1.2万余人次",           "2025年以来", "一是加强学习",
                                              "(含已党纪政务处分1人)", "（注：略）", "100%",
                                              "甲方负责", "乙醇"};
    for (size_t i = 0; i < ARRAY_SIZE(not_markers); i++)
        if (grammar_marker(not_markers[i], strlen(not_markers[i]), &m))
            fail_msg("'%s' read as a marker", not_markers[i]);
}

static void test_sections(void **state)
{
    (void)state;
    for (size_t i = 0; i < grammar_n_sections; i++) {
        const GrammarWord *w = &grammar_sections[i];
        if ((int)grammar_section(w->example, strlen(w->example)) != w->value)
            ROW_FAIL("sections", i, w->example);
    }
    assert_int_equal(grammar_section("一、基本情况", strlen("一、基本情况")), SECTION_OTHER);
    assert_string_equal(grammar_section_name(SECTION_OPEN), "open");
}

static void test_problem_headings(void **state)
{
    (void)state;
    for (size_t i = 0; i < grammar_n_problem_forms; i++) {
        const GrammarProblemForm *f = &grammar_problem_forms[i];
        size_t at = 0, len = 0;
        if (!grammar_problem_heading(f->example, strlen(f->example), &at, &len) ||
            len != strlen(f->name) || memcmp(f->example + at, f->name, len) != 0)
            ROW_FAIL("problem forms", i, f->example);
    }
    size_t at, len;
    /* An aspect that mentions problems is no problem heading; quotes are required here. */
    const char *aspect = "落实巡视和审计等监督发现问题整改方面";
    assert_false(grammar_problem_heading(aspect, strlen(aspect), &at, &len));
    for (size_t i = 0; i < grammar_n_headings; i++) {
        const GrammarWord *w = &grammar_headings[i];
        bool ok = w->value == 2 ? grammar_aspect_heading(w->example, strlen(w->example))
                                : grammar_subproblem_heading(w->example, strlen(w->example));
        if (!ok)
            ROW_FAIL("headings", i, w->example);
    }
    assert_false(grammar_aspect_heading("加强国有企业资金管理", strlen("加强国有企业资金管理")));
}

static void test_labels(void **state)
{
    (void)state;
    for (size_t i = 0; i < grammar_n_report_labels; i++) {
        const GrammarWord *w = &grammar_report_labels[i];
        if (!grammar_report_label(w->example, strlen(w->example)))
            ROW_FAIL("report labels", i, w->example);
    }
    for (size_t i = 0; i < grammar_n_deadline_labels; i++) {
        const GrammarWord *w = &grammar_deadline_labels[i];
        if (!grammar_deadline_label(w->example, strlen(w->example)))
            ROW_FAIL("deadline labels", i, w->example);
    }
    /* "整改情况良好。" is a sentence, not a label. */
    assert_int_equal(grammar_report_label("整改情况良好。", strlen("整改情况良好。")), 0);
    int v;
    assert_int_equal(grammar_enumerator("三是强化", strlen("三是强化"), &v), strlen("三是"));
    assert_int_equal(v, 3);
    assert_int_equal(grammar_enumerator("十二是", strlen("十二是"), &v), strlen("十二是"));
    assert_int_equal(v, 12);
    assert_int_equal(grammar_enumerator("一律", strlen("一律"), &v), 0);
}

static void test_dates(void **state)
{
    (void)state;
    for (size_t i = 0; i < grammar_n_date_forms; i++) {
        const GrammarDateForm *f = &grammar_date_forms[i];
        Day d = DAY_NONE;
        char iso[DATE_ISO_SIZE];
        if (!grammar_date(f->example, strlen(f->example), 2021, f->end, &d) ||
            strcmp(date_format(d, iso), f->iso) != 0)
            ROW_FAIL("date forms", i, f->example);
    }
    Day d;
    assert_int_equal(grammar_date("2025年以来", strlen("2025年以来"), 0, true, &d), 0);
    assert_int_equal(grammar_date("6月25日", strlen("6月25日"), 0, false, &d), 0); /* no year */
    assert_int_equal(grammar_date("2025年2月30日", strlen("2025年2月30日"), 0, false, &d), 0);
    for (size_t i = 0; i < grammar_n_term_words; i++) {
        const GrammarWord *w = &grammar_term_words[i];
        bool lt, im;
        if (!grammar_deadline(w->example, strlen(w->example), 2021, &d, &lt, &im) ||
            (w->value == 1 && !lt) || (w->value == 2 && !im))
            ROW_FAIL("term words", i, w->example);
    }
    bool lt, im;
    const char *s = "2022年12月底前并长期坚持";
    assert_true(grammar_deadline(s, strlen(s), 0, &d, &lt, &im));
    assert_int_equal(d, test_day("2022-12-31"));
    assert_true(lt);
    assert_false(im);
}

static void test_open_words(void **state)
{
    (void)state;
    for (size_t i = 0; i < grammar_n_open_words; i++) {
        const GrammarWord *w = &grammar_open_words[i];
        if (grammar_open_status(w->example, strlen(w->example)) != w->value)
            ROW_FAIL("open words", i, w->example);
    }
}

static void test_figures(void **state)
{
    (void)state;
    for (size_t i = 0; i < grammar_n_figures; i++) {
        const GrammarFigure *f = &grammar_figures[i];
        GrammarHit hits[16];
        int n = grammar_scan_figures(f->example, strlen(f->example), hits, 16);
        bool ok = false;
        for (int k = 0; k < n; k++) {
            bool same_key = f->key >= 0 ? hits[k].key == f->key
                                        : hits[k].type &&
                                              strcmp(hits[k].type, vocab_label(VOCAB_OUTCOME_TYPE, f->outcome)) == 0;
            double diff = hits[k].value - f->expect;
            if (same_key && diff < 1e-9 && diff > -1e-9)
                ok = true;
        }
        if (!ok)
            ROW_FAIL("figures", i, f->example);
    }
    /* A count repeated inside (含…) is skipped; 党纪政务处分 is no 政务处分. */
    const char *s = "其中立案6人(含已党纪政务处分1人),谈话提醒1人";
    GrammarHit hits[8];
    int n = grammar_scan_figures(s, strlen(s), hits, 8);
    assert_int_equal(n, 2);
    assert_string_equal(vocab_name(VOCAB_FIGURE, hits[0].key), "case_filed");
    assert_string_equal(vocab_name(VOCAB_FIGURE, hits[1].key), "talk_reminder");
    /* 警告 after 政务处分 is a government warning. */
    s = "给予政务处分2人，其中警告2人";
    n = grammar_scan_figures(s, strlen(s), hits, 8);
    assert_int_equal(n, 2);
    assert_string_equal(vocab_name(VOCAB_FIGURE, hits[1].key), "gov_discipline_warning");
    /* Numbers that merely sit near a keyword. */
    s = "谈心谈话1.2万余人次，带头领办问题35个";
    assert_int_equal(grammar_scan_figures(s, strlen(s), hits, 8), 0);
    for (size_t i = 0; i < grammar_n_clue_words; i++) {
        const GrammarWord *w = &grammar_clue_words[i];
        if (!grammar_clue_context(w->example, strlen(w->example)))
            ROW_FAIL("clue words", i, w->example);
    }
}

static void test_metadata_words(void **state)
{
    (void)state;
    for (size_t i = 0; i < grammar_n_contact_words; i++) {
        const GrammarWord *w = &grammar_contact_words[i];
        GrammarContact kind;
        if (!grammar_contact_label(w->example, strlen(w->example), &kind) || (int)kind != w->value)
            ROW_FAIL("contact words", i, w->example);
    }
    for (size_t i = 0; i < grammar_n_published_words; i++) {
        const GrammarWord *w = &grammar_published_words[i];
        if (!grammar_published_line(w->example, strlen(w->example)))
            ROW_FAIL("published words", i, w->example);
    }
    for (size_t i = 0; i < grammar_n_group_words; i++) {
        const GrammarWord *w = &grammar_group_words[i];
        size_t at, len;
        char out[128];
        int kind;
        if (!grammar_group(w->example, strlen(w->example), &at, &len, out, &kind) ||
            ((w->value == 1 || w->value == 2) && kind != w->value - 1))
            ROW_FAIL("group words", i, w->example);
    }
    size_t at, len;
    char out[128];
    int kind;
    const char *s = "2024年10月21日至12月5日,省委巡视九组对湖里区委开展巡视";
    assert_true(grammar_group(s, strlen(s), &at, &len, out, &kind));
    assert_string_equal(out, "省委第九巡视组");
    assert_int_equal(kind, 0);
    assert_memory_equal(s + at, "省委巡视九组", len);
    for (size_t i = 0; i < grammar_n_misc_words; i++) {
        const GrammarWord *w = &grammar_misc_words[i];
        const char *e = w->example;
        size_t n = strlen(e);
        bool ok = false;
        switch (w->value) {
        case 1:
        case 2:
        case 3:
            ok = grammar_target(e, n, &at, &len);
            break;
        case 4:
            ok = grammar_feedback(e, n, &at);
            break;
        case 5:
            ok = grammar_range_word(e, n) == n;
            break;
        case 6:
        case 7:
            ok = grammar_signer(e, n);
            break;
        case 8:
            ok = grammar_title_signer(e, n) > 0;
            break;
        default:
            break;
        }
        if (!ok)
            ROW_FAIL("misc words", i, e);
    }
    assert_true(grammar_target(s, strlen(s), &at, &len));
    assert_memory_equal(s + at, "湖里区委", len);
    assert_int_equal(len, strlen("湖里区委"));
    assert_false(grammar_signer("欢迎广大干部群众监督。", strlen("欢迎广大干部群众监督。")));
    for (size_t i = 0; i < grammar_n_columns; i++) {
        const GrammarWord *w = &grammar_columns[i];
        if (grammar_column(w->example, strlen(w->example)) != w->value)
            ROW_FAIL("columns", i, w->example);
    }
    for (size_t i = 0; i < grammar_n_title_words; i++) {
        const GrammarWord *w = &grammar_title_words[i];
        if (!grammar_title(w->example, strlen(w->example)))
            ROW_FAIL("title words", i, w->example);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_markers),
        cmocka_unit_test(test_sections),       cmocka_unit_test(test_problem_headings),
        cmocka_unit_test(test_labels),         cmocka_unit_test(test_dates),
        cmocka_unit_test(test_open_words),     cmocka_unit_test(test_figures),
        cmocka_unit_test(test_metadata_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
