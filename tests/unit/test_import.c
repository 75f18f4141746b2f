/*
** test_import.c: the document importer on text: the three published reports of the corpus (what
** a careful reader finds in them), fixture documents with every marker variant, full- and
** half-width forms, U+3000 indentation, Markdown with section headings and open matters,
** GB18030, UTF-16 and BOMs, and broken input.
*/
#include "testutil.h"

#include "base/buf.h"
#include "import/import.h"

#include <iconv.h>

/* Read $ZG_SOURCE_DIR/rel into b; false when the file is absent. */
static bool read_source(const char *rel, Buf *b)
{
    const char *top = getenv("ZG_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", top ? top : ".", rel);
    return buf_read_file(b, path, 0, NULL) == 0;
}

/* Load a corpus document; false when ../shared/corpus is absent (a plain clone). */
static bool load_corpus(const char *name, ImportDoc *doc, Arena *a, Buf *b)
{
    char rel[256];
    snprintf(rel, sizeof rel, "../shared/corpus/%s", name);
    if (!read_source(rel, b))
        return false;
    Err err = ERR_INIT;
    if (import_load_bytes(doc, a, name, b->data, b->len, &err) < 0)
        fail_msg("%s: %s", name, err.msg);
    return true;
}

static void load_fixture(const char *name, ImportDoc *doc, Arena *a, Buf *b)
{
    char rel[256];
    snprintf(rel, sizeof rel, "tests/fixtures/import/%s", name);
    if (!read_source(rel, b))
        fail_msg("fixture %s missing", rel);
    Err err = ERR_INIT;
    if (import_load_bytes(doc, a, name, b->data, b->len, &err) < 0)
        fail_msg("%s: %s", name, err.msg);
}

static int64_t outcome(const ImportDoc *doc, const char *type)
{
    for (const ImportOutcome *o = doc->outcomes; o; o = o->next)
        if (strcmp(o->type, type) == 0)
            return o->count;
    return -1;
}

static const ImportNode *nth(const ImportNode *x, int i)
{
    while (x && i-- > 0)
        x = x->next;
    assert_non_null(x);
    return x;
}

static const ImportMeasure *nth_measure(const ImportNode *x, int i)
{
    const ImportMeasure *m = x->measures;
    while (m && i-- > 0)
        m = m->next;
    assert_non_null(m);
    return m;
}

static void assert_day(Day d, const char *iso)
{
    char out[DATE_ISO_SIZE];
    assert_string_equal(date_format(d, out), iso);
}

/* ---- the corpus ---- */

static void test_corpus_huli_2025(void **state)
{
    (void)state;
    Arena a = ARENA_INIT;
    Buf b = BUF_INIT;
    ImportDoc doc;
    if (!load_corpus("huli-2025.txt", &doc, &a, &b)) {
        buf_free(&b);
        test_skip("corpus document huli-2025.txt not found (../shared/corpus absent): skipped\n");
    }
    ImportCounts c;
    import_count(&doc, &c);
    assert_int_equal(c.by_level[LEVEL_PROBLEM], 6);
    assert_int_equal(c.by_level[LEVEL_ASPECT] + c.by_level[LEVEL_ITEM], 0);
    assert_int_equal(c.measures, 48);
    assert_true(test_figure(&doc, "measures_planned") == 279);
    assert_true(test_figure(&doc, "mechanisms") == 278);
    /* Numbers inside measures are no headline figures: 挽回损失352万元 is measure 33's. */
    assert_true(test_figure(&doc, "losses_recovered_wan") == -1);
    assert_string_equal(doc.group, "省委第九巡视组");
    assert_int_equal(doc.kind, INSPECTION_XUNSHI);
    assert_string_equal(doc.target, "湖里区委");
    assert_day(doc.onsite_start, "2024-10-21");
    assert_day(doc.onsite_end, "2024-12-05");
    assert_day(doc.feedback_on, "2025-02-19");
    assert_day(doc.published_on, "2025-12-25");
    assert_string_equal(doc.signer, "中共厦门市湖里区委");
    assert_int_equal(doc.n_phones, 1);
    assert_string_equal(doc.phones[0], "0592-5721585");
    assert_string_equal(doc.emails[0], "qwb@huli.gov.cn");
    assert_string_equal(doc.address, "福建省厦门市湖里区枋湖南路161号区委办");
    /* The first problem and its first measure, with lines. */
    const ImportNode *p1 = doc.findings;
    assert_string_equal(p1->label, "(一)");
    assert_string_equal(p1->title, "“巡视整改一抓到底的韧劲不足”问题");
    assert_int_equal(p1->line_first, 15);
    assert_int_equal(p1->line_last, 25);
    assert_int_equal(p1->n_measures, 5);
    const ImportMeasure *m1 = p1->measures;
    assert_string_equal(m1->label, "1.");
    assert_string_equal(m1->title, "加强国有企业资金管理");
    assert_int_equal(m1->line_first, 17);
    assert_true(
        strncmp(m1->text, "加强国有企业资金管理。强化", strlen("加强国有企业资金管理。强化")) == 0);
    /* Problem (五) carries measures 21 … 42. */
    const ImportNode *p5 = nth(doc.findings, 4);
    assert_int_equal(p5->n_measures, 22);
    assert_string_equal(nth_measure(p5, 21)->label, "42.");
    /* A progress report: each measure's paragraph is its progress, dated on publication. */
    assert_int_equal(m1->state, STATE_IN_PROGRESS);
    assert_day(m1->progress_on, "2025-12-25");
    assert_true(strncmp(m1->progress, "强化国有企业投资项目管理", strlen("强化国有企业投资项目管理")) ==
                0);
    /* The document's own total against what was found, in Chinese, on the line that states it. */
    assert_int_equal(doc.n_warnings, 1);
    assert_int_equal(doc.warnings->line, 9);
    assert_non_null(strstr(doc.warnings->message, "文件称制定整改措施279条，本次导入识别出48条"));
    buf_free(&b);
    arena_free(&a);
}

static void test_corpus_luojiang_2025(void **state)
{
    (void)state;
    Arena a = ARENA_INIT;
    Buf b = BUF_INIT;
    ImportDoc doc;
    if (!load_corpus("luojiang-2025.txt", &doc, &a, &b)) {
        buf_free(&b);
        test_skip("corpus document luojiang-2025.txt not found (../shared/corpus absent): skipped\n");
    }
    ImportCounts c;
    import_count(&doc, &c);
    assert_int_equal(c.by_level[LEVEL_ASPECT], 6);
    assert_int_equal(c.by_level[LEVEL_PROBLEM], 0);
    assert_int_equal(c.measures, 66);
    static const int per_aspect[] = {12, 12, 3, 6, 26, 7};
    for (int i = 0; i < 6; i++)
        assert_int_equal(nth(doc.findings, i)->n_measures, per_aspect[i]);
    /* "35.2025年来…" is measure 35, not a decimal number. */
    assert_string_equal(nth_measure(nth(doc.findings, 4), 1)->label, "35.");
    assert_true(test_figure(&doc, "measures_planned") == 189);
    assert_true(test_figure(&doc, "mechanisms") == 51);
    assert_string_equal(doc.group, "省委第二巡视组");
    assert_string_equal(doc.target, "洛江区委");
    assert_day(doc.onsite_start, "2024-08-20");
    assert_day(doc.onsite_end, "2024-09-29");
    assert_day(doc.feedback_on, "2025-02-21");
    assert_day(doc.published_on, "2025-12-25");
    assert_string_equal(doc.signer, "中共泉州市洛江区委");
    assert_string_equal(doc.emails[0], "ljqwdcs@163.com");
    assert_string_equal(doc.phones[0], "0595-22637375");
    assert_int_equal(doc.n_warnings, 1);
    assert_non_null(strstr(doc.warnings->message, "文件称制定整改措施189条，本次导入识别出66条"));
    buf_free(&b);
    arena_free(&a);
}

static void test_corpus_huli_2021(void **state)
{
    (void)state;
    Arena a = ARENA_INIT;
    Buf b = BUF_INIT;
    ImportDoc doc;
    if (!load_corpus("huli-2021-partial.txt", &doc, &a, &b)) {
        buf_free(&b);
        test_skip("corpus document huli-2021-partial.txt not found (../shared/corpus absent): skipped\n");
    }
    assert_true(test_figure(&doc, "measures_planned") == 112);
    assert_true(test_figure(&doc, "problems_completed") == 30);
    assert_true(test_figure(&doc, "problems_basically_completed") == 4);
    assert_true(test_figure(&doc, "problems_uncompleted") == 1);
    assert_true(test_figure(&doc, "problem_categories") == 4);
    assert_true(test_figure(&doc, "problems_total") == 35);
    assert_true(test_figure(&doc, "case_filed") == 6);
    assert_true(test_figure(&doc, "admonition") == 6);
    /* 党纪政务处分1人 sits inside (含…): no separate count. */
    assert_true(test_figure(&doc, "gov_discipline") == -1);
    assert_int_equal(outcome(&doc, "立案"), 6);
    assert_int_equal(outcome(&doc, "谈话提醒"), 1);
    /* The part of the report at hand against the totals it states: each difference said. */
    static const char *const said[] = {
        "文件称反馈问题35个，本次导入识别出18个。",
        "文件称问题分为4个方面，本次导入识别出1个方面。",
        "文件称制定整改措施112条，本次导入识别出34条。进展情况通报按问题叙述",
        "文件称已完成整改的问题30个、基本完成4个、尚未完成1个，但没有列出对应的事项",
    };
    const ImportWarning *w = doc.warnings;
    for (size_t i = 0; i < ARRAY_SIZE(said); i++, w = w->next) {
        assert_non_null(w);
        if (!strstr(w->message, said[i]))
            fail_msg("warning %zu: '%s' lacks '%s'", i, w->message, said[i]);
    }
    assert_null(w);
    assert_int_equal(outcome(&doc, "批评教育"), 6);
    assert_int_equal(outcome(&doc, "责令检查"), 2);
    assert_int_equal(outcome(&doc, "诫勉"), 6);
    assert_int_equal(outcome(&doc, "政务处分"), -1);
    assert_string_equal(doc.group, "省委第一巡视组");
    assert_day(doc.onsite_start, "2021-01-11");
    assert_day(doc.onsite_end, "2021-02-06");
    assert_day(doc.feedback_on, "2021-06-25"); /* "6月25日": the year of the visit */
    /* One aspect, two items, problems (1)…(8); (1) is followed by 整改情况: and 一是…三是. */
    ImportCounts c;
    import_count(&doc, &c);
    assert_int_equal(c.by_level[LEVEL_ASPECT], 1);
    assert_int_equal(c.by_level[LEVEL_ITEM], 2);
    assert_int_equal(c.by_level[LEVEL_PROBLEM], 8);
    const ImportNode *item1 = doc.findings->children;
    assert_int_equal(item1->level, LEVEL_ITEM);
    const ImportNode *p1 = item1->children;
    assert_string_equal(p1->label, "(1)");
    assert_string_equal(p1->title, "学习还不够到位");
    assert_int_equal(p1->n_measures, 3);
    assert_string_equal(nth_measure(p1, 2)->label, "三是");
    assert_string_equal(nth_measure(p1, 2)->title, "压实学习任务");
    assert_int_equal(nth_measure(p1, 2)->line_first, 18);
    /* (4) splits into sub-problems ①…④ each with its own measures. */
    const ImportNode *p4 = nth(item1->children, 3);
    assert_int_equal(p4->n_children, 4);
    assert_int_equal(p4->children->level, LEVEL_SUBPROBLEM);
    assert_int_equal(p4->children->n_measures, 3);
    /* ② of (6) has no enumeration: its paragraph is one measure. */
    const ImportNode *p6 = nth(nth(doc.findings->children, 1)->children, 1);
    assert_int_equal(nth(p6->children, 1)->n_measures, 1);
    assert_null(nth(p6->children, 1)->measures->label);
    buf_free(&b);
    arena_free(&a);
}

/* ---- fixtures ---- */

static void check_plan_markers(const ImportDoc *doc)
{
    assert_int_equal(doc->n_findings, 2);
    const ImportNode *a1 = doc->findings, *a2 = a1->next;
    assert_int_equal(a1->level, LEVEL_ASPECT);
    assert_string_equal(a1->label, "一、");
    assert_string_equal(a1->title, "政治建设方面");
    assert_int_equal(a1->line_first, 3);
    assert_int_equal(a1->line_last, 13);
    const ImportNode *p1 = a1->children;
    assert_string_equal(p1->label, "（一）");
    assert_string_equal(p1->title, "“理论学习不够深入”问题");
    assert_int_equal(p1->n_measures, 3);
    const ImportMeasure *m = p1->measures;
    assert_string_equal(m->label, "1．");
    assert_string_equal(m->title, "建立学习制度");
    assert_string_equal(m->text, "建立学习制度。每月集中学习一次。");
    assert_day(m->deadline, "2022-12-31");
    assert_true(m->long_term);
    assert_int_equal(m->line_first, 6);
    assert_int_equal(m->line_last, 7);
    assert_string_equal(m->next->label, "2、");
    assert_string_equal(m->next->next->label, "3.");
    assert_null(m->next->next->title); /* a sentence with a comma is no heading */
    const ImportNode *p2 = p1->next;
    assert_string_equal(p2->label, "(二)");
    assert_string_equal(p2->title, "“意识形态责任制落实不到位”问题");
    assert_string_equal(p2->measures->label, "⑴");
    assert_day(p2->measures->next->deadline, "2025-06-30");
    assert_string_equal(a2->label, "二．");
    const ImportNode *p3 = a2->children;
    assert_string_equal(p3->title, "“四风问题反弹”问题");
    assert_int_equal(p3->n_measures, 3);
    assert_string_equal(nth_measure(p3, 1)->label, "二是");
    assert_string_equal(nth_measure(p3, 1)->text, "严肃查处问题。");
    assert_true(nth_measure(p3, 2)->immediate);
    const ImportNode *p4 = p3->next;
    assert_string_equal(p4->label, "(四）");
    assert_int_equal(p4->n_measures, 1);
    assert_string_equal(p4->measures->label, "（１）");
    assert_int_equal(p4->n_children, 1);
    assert_int_equal(p4->children->level, LEVEL_SUBPROBLEM);
    assert_string_equal(p4->children->label, "(2)");
    assert_string_equal(p4->children->measures->label, "①");
    assert_string_equal(p4->children->measures->next->label, "②");
    assert_string_equal(doc->group, "市委第三巡察组");
    assert_int_equal(doc->kind, INSPECTION_XUNCHA);
    assert_int_equal(doc->n_warnings, 0);
}

static void test_plan_markers(void **state)
{
    (void)state;
    Arena a = ARENA_INIT;
    Buf b = BUF_INIT;
    ImportDoc doc;
    load_fixture("plan-markers.txt", &doc, &a, &b);
    assert_string_equal(doc.encoding, "utf-8");
    check_plan_markers(&doc);
    buf_free(&b);
    arena_free(&a);
}

/* Convert UTF-8 to another encoding with iconv, as an office PC would have saved it. */
static void encode(const char *to, const Buf *in, Buf *out)
{
    iconv_t cd = iconv_open(to, "UTF-8");
    assert_true(cd != (iconv_t)-1);
    buf_grow(out, in->len * 4 + 8);
    char *src = in->data, *dst = out->data;
    size_t left = in->len, room = out->cap - 1;
    assert_true(iconv(cd, &src, &left, &dst, &room) != (size_t)-1);
    out->len = (size_t)(dst - out->data);
    out->data[out->len] = 0;
    iconv_close(cd);
}

static void test_encodings(void **state)
{
    (void)state;
    Arena a = ARENA_INIT;
    Buf b = BUF_INIT, gb = BUF_INIT, u16 = BUF_INIT, bom = BUF_INIT, crlf = BUF_INIT;
    ImportDoc doc;
    Err err = ERR_INIT;
    load_fixture("plan-markers.txt", &doc, &a, &b);

    encode("GB18030", &b, &gb);
    assert_false(gb.len == b.len && memcmp(gb.data, b.data, b.len) == 0);
    assert_int_equal(import_load_bytes(&doc, &a, "plan.txt", gb.data, gb.len, &err), 0);
    assert_string_equal(doc.encoding, "gb18030");
    check_plan_markers(&doc);

    encode("UTF-16", &b, &u16); /* glibc writes a BOM */
    assert_int_equal(import_load_bytes(&doc, &a, "plan.txt", u16.data, u16.len, &err), 0);
    assert_string_equal(doc.encoding, "utf-16");
    check_plan_markers(&doc);

    buf_puts(&bom, "\xEF\xBB\xBF");
    buf_append(&bom, b.data, b.len);
    assert_int_equal(import_load_bytes(&doc, &a, "plan.txt", bom.data, bom.len, &err), 0);
    assert_string_equal(doc.encoding, "utf-8");
    assert_string_equal(doc.title, "关于落实市委第三巡察组反馈意见的整改方案");
    check_plan_markers(&doc);

    for (size_t i = 0; i < b.len; i++) {
        if (b.data[i] == '\n')
            buf_putc(&crlf, '\r');
        buf_putc(&crlf, b.data[i]);
    }
    assert_int_equal(import_load_bytes(&doc, &a, "plan.txt", crlf.data, crlf.len, &err), 0);
    check_plan_markers(&doc);

    buf_free(&b);
    buf_free(&gb);
    buf_free(&u16);
    buf_free(&bom);
    buf_free(&crlf);
    arena_free(&a);
}

static void test_markdown_report(void **state)
{
    (void)state;
    Arena a = ARENA_INIT;
    Buf b = BUF_INIT;
    ImportDoc doc;
    load_fixture("report-sections.md", &doc, &a, &b);
    assert_string_equal(doc.format, "markdown");
    assert_string_equal(doc.group, "县委第二巡察组");
    assert_int_equal(doc.kind, INSPECTION_XUNCHA);
    assert_string_equal(doc.target, "县教育局党组");
    assert_day(doc.onsite_start, "2024-04-08");
    assert_day(doc.onsite_end, "2024-05-30");
    assert_day(doc.feedback_on, "2024-07-10");
    assert_day(doc.published_on, "2025-03-01");
    assert_string_equal(doc.signer, "中共某某县教育局党组");
    assert_int_equal(doc.n_phones, 2);
    assert_string_equal(doc.phones[1], "0599-7654321");
    assert_string_equal(doc.emails[0], "jyj@example.gov.cn");
    assert_true(test_figure(&doc, "measures_planned") == 36);
    assert_true(test_figure(&doc, "mechanisms") == 12);
    assert_true(test_figure(&doc, "refunds_wan") == 12.5);
    assert_true(test_figure(&doc, "losses_recovered_wan") == 30);
    assert_true(test_figure(&doc, "party_discipline") == 5);
    assert_true(test_figure(&doc, "party_discipline_warning") == 3);
    assert_true(test_figure(&doc, "party_discipline_serious_warning") == 2);
    assert_true(test_figure(&doc, "gov_discipline") == 2);
    assert_true(test_figure(&doc, "gov_discipline_demerit") == 1);
    assert_true(test_figure(&doc, "gov_discipline_demotion") == 1);
    assert_true(test_figure(&doc, "org_handling") == 3);
    assert_true(test_figure(&doc, "admonition") == 2);
    assert_int_equal(outcome(&doc, "党纪处分"), 5);
    assert_int_equal(outcome(&doc, "诫勉"), 2);
    /* Two problems from unnumbered headings, statuses from the open matters. */
    assert_int_equal(doc.n_findings, 2);
    const ImportNode *p1 = doc.findings, *p2 = p1->next;
    assert_string_equal(p1->title, "“校园食品安全监管不严”问题");
    assert_int_equal(p1->status, STATUS_BASICALLY_COMPLETED);
    assert_int_equal(p1->n_measures, 2);
    assert_string_equal(p1->measures->title, "建立食堂巡查制度");
    assert_day(p1->measures->next->deadline, "2024-12-31");
    assert_int_equal(p2->status, STATUS_UNCOMPLETED);
    assert_day(p2->deadline, "2025-06-30");
    assert_int_equal(p2->n_measures, 1);
    assert_day(p2->measures->deadline, "2025-06-30");
    /* The document's 36 measures against the 3 found, and the open matter that names no
       problem, each on its line. */
    assert_int_equal(doc.n_warnings, 2);
    assert_non_null(strstr(doc.warnings->message, "文件称制定整改措施36条，本次导入识别出3条"));
    assert_int_equal(doc.warnings->next->line, 31);
    buf_free(&b);
    arena_free(&a);
}

/* A document without section headings or numbers at all still gives one clear warning. */
static void test_no_structure(void **state)
{
    (void)state;
    Arena a = ARENA_INIT;
    ImportDoc doc;
    Err err = ERR_INIT;
    const char *s = "这是一段普通文字。\n没有任何编号。\n";
    assert_int_equal(import_load_bytes(&doc, &a, "plain.txt", s, strlen(s), &err), 0);
    assert_null(doc.findings);
    assert_int_equal(doc.n_warnings, 1);
    assert_int_equal(doc.warnings->line, 1);
    /* Numbering that skips a number is flagged on its line. */
    s = "（一）“甲乙丙丁”问题整改方面\n1.措施一。\n3.措施三。\n";
    assert_int_equal(import_load_bytes(&doc, &a, "gap.txt", s, strlen(s), &err), 0);
    assert_int_equal(doc.findings->n_measures, 2);
    assert_int_equal(doc.n_warnings, 1);
    assert_int_equal(doc.warnings->line, 3);
    arena_free(&a);
}

static void test_bad_input(void **state)
{
    (void)state;
    Arena a = ARENA_INIT;
    ImportDoc doc;
    Err err = ERR_INIT;
    assert_int_equal(import_load_bytes(&doc, &a, "empty.txt", "", 0, &err), -1);
    assert_int_equal(err.code, ERR_INPUT);
    assert_non_null(strstr(err.msg, "'empty.txt'"));
    assert_int_equal(import_load_bytes(&doc, &a, "blank.txt", " \n\n", 3, &err), -1);
    assert_non_null(strstr(err.msg, "empty"));
    /* Mostly UTF-8 with one broken byte on line 3: reported as such, not read as GB18030. */
    const char *s = "一、整改情况\n（一）关于“某某”问题的整改情况\n1.建立\xC3(制度。\n";
    assert_int_equal(import_load_bytes(&doc, &a, "bad.txt", s, strlen(s), &err), -1);
    assert_non_null(strstr(err.msg, "line 3"));
    assert_non_null(strstr(err.msg, "UTF-8"));
    /* Neither UTF-8 nor GB18030 (0xFF never occurs in either). */
    s = "\xFF\xFE\xFD abc";
    assert_int_equal(import_load_bytes(&doc, &a, "bin.txt", s + 2, strlen(s) - 2, &err), -1);
    assert_int_equal(err.code, ERR_INPUT);
    /* Binary content with NUL bytes. */
    static const char bin[] = {'a', 0, 'b', 0, 'c'};
    assert_int_equal(import_load_bytes(&doc, &a, "x.txt", bin, sizeof bin, &err), -1);
    assert_non_null(strstr(err.msg, "binary"));
    /* Old Word and PDF files are named for what they are. */
    static const char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest";
    assert_int_equal(import_load_bytes(&doc, &a, "x.doc", ole, sizeof ole - 1, &err), -1);
    assert_non_null(strstr(err.msg, ".docx"));
    assert_int_equal(import_load_bytes(&doc, &a, "x.pdf", "%PDF-1.7 ...", 12, &err), -1);
    assert_non_null(strstr(err.msg, "PDF"));
    /* A .docx that lost its zip header. */
    assert_int_equal(import_load_bytes(&doc, &a, "x.docx", "garbage", 7, &err), -1);
    assert_non_null(strstr(err.msg, "not a .docx"));
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus_huli_2025), cmocka_unit_test(test_corpus_luojiang_2025),
        cmocka_unit_test(test_corpus_huli_2021), cmocka_unit_test(test_plan_markers),
        cmocka_unit_test(test_encodings),        cmocka_unit_test(test_markdown_report),
        cmocka_unit_test(test_no_structure),     cmocka_unit_test(test_bad_input),
    };
    return test_result(cmocka_run_group_tests(tests, NULL, NULL));
}
