/*
** test_docx.c: the .docx reader. Documents are built here with libzip from the XML parts in
** tests/fixtures/import/docx-numbered/ (automatic numbering 一、 → （一） → 1． and a plan in
** table form with a merged problem cell), and from hostile parts: a truncated zip, a zip bomb,
** a DOCTYPE with entities, a zip without word/document.xml.
*/
#include "testutil.h"

#include "base/buf.h"
#include "import/import.h"

#include <unistd.h>
#include <zip.h>

typedef struct Part {
    const char *name; /* path inside the zip */
    const char *data; /* its bytes */
    size_t len;
} Part;

/* Zip the parts into *out (a temporary file is used because libzip writes files). */
static void make_zip(const Part *parts, int n, Buf *out)
{
    char path[] = "/tmp/zg-docx-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    int ze;
    zip_t *z = zip_open(path, ZIP_TRUNCATE, &ze);
    assert_non_null(z);
    for (int i = 0; i < n; i++) {
        zip_source_t *s = zip_source_buffer(z, parts[i].data, parts[i].len, 0);
        assert_non_null(s);
        assert_true(zip_file_add(z, parts[i].name, s, ZIP_FL_OVERWRITE) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
    buf_reset(out);
    assert_int_equal(buf_read_file(out, path, 0, NULL), 0);
    unlink(path);
}

static void read_fixture(const char *rel, Buf *b)
{
    const char *top = getenv("ZG_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/fixtures/import/docx-numbered/%s", top ? top : ".", rel);
    if (buf_read_file(b, path, 0, NULL) < 0)
        fail_msg("fixture %s missing", path);
}

/* The fixture document zipped, with document.xml replaced when doc is not NULL. */
static void fixture_docx(const char *doc, Buf *out)
{
    Buf types = BUF_INIT, numbering = BUF_INIT, document = BUF_INIT;
    read_fixture("[Content_Types].xml", &types);
    read_fixture("word/numbering.xml", &numbering);
    if (doc)
        buf_puts(&document, doc);
    else
        read_fixture("word/document.xml", &document);
    Part parts[] = {
        {"[Content_Types].xml", types.data, types.len},
        {"word/numbering.xml", numbering.data, numbering.len},
        {"word/document.xml", document.data, document.len},
    };
    make_zip(parts, 3, out);
    buf_free(&types);
    buf_free(&numbering);
    buf_free(&document);
}

static void assert_day(Day d, const char *iso)
{
    char out[DATE_ISO_SIZE];
    assert_string_equal(date_format(d, out), iso);
}

static void test_numbered_plan(void **state)
{
    (void)state;
    Buf z = BUF_INIT;
    fixture_docx(NULL, &z);
    Arena a = ARENA_INIT;
    ImportDoc doc;
    Err err = ERR_INIT;
    assert_int_equal(import_load_bytes(&doc, &a, "plan.docx", z.data, z.len, &err), 0);
    assert_string_equal(doc.format, "docx");
    assert_string_equal(doc.title, "关于落实省委巡视反馈意见的整改方案");
    /* Automatic numbering rendered as printed: 一、 （一） 1． 2． 二、 */
    assert_int_equal(doc.n_findings, 2);
    const ImportNode *a1 = doc.findings, *a2 = a1->next;
    assert_string_equal(a1->label, "一、");
    assert_string_equal(a1->title, "政治建设方面");
    assert_int_equal(a1->line_first, 2);
    const ImportNode *p1 = a1->children;
    assert_string_equal(p1->label, "（一）");
    assert_string_equal(p1->title, "“理论学习不够深入”问题"); /* from two runs */
    assert_int_equal(p1->n_measures, 2);
    assert_string_equal(p1->measures->label, "1．");
    assert_string_equal(p1->measures->title, "建立学习制度");
    assert_string_equal(p1->measures->next->label, "2．");
    assert_string_equal(a2->label, "二、");
    /* The table: two problems; the merged cell carries problem 1 into the next row. */
    assert_int_equal(a2->n_children, 2);
    const ImportNode *t1 = a2->children, *t2 = t1->next;
    assert_string_equal(t1->label, "1");
    assert_string_equal(t1->title, "“会议文件过多”问题");
    assert_int_equal(t1->n_measures, 3);
    assert_string_equal(t1->measures->label, "1.");
    assert_day(t1->measures->deadline, "2025-06-30");
    const ImportMeasure *m3 = t1->measures->next->next;
    assert_string_equal(m3->title, "统一发文");
    assert_true(m3->long_term);
    assert_int_equal(m3->line_first, t1->line_first + 1);
    assert_string_equal(t2->title, "“督查检查过多”问题");
    assert_day(t2->deadline, "2025-12-31");
    assert_int_equal(t2->n_measures, 2);
    assert_string_equal(t2->measures->next->label, "二是");
    assert_int_equal(doc.n_warnings, 0);
    arena_free(&a);
    buf_free(&z);
}

static void test_numbering_formats(void **state)
{
    (void)state;
    /* A second list restarting at 1 (lvlOverride) with circled numbers at level 3. */
    static const char numbering[] =
        "<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
        "<w:abstractNum w:abstractNumId=\"0\">"
        "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCountingThousand\"/>"
        "<w:lvlText w:val=\"（%1）\"/></w:lvl>"
        "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimalEnclosedCircle\"/>"
        "<w:lvlText w:val=\"%2\"/></w:lvl></w:abstractNum>"
        "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/></w:num>"
        "</w:numbering>";
    static const char document[] =
        "<w:document "
        "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr>"
        "<w:r><w:t>“问题甲乙”问题整改方面</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr>"
        "<w:r><w:t>措施一。</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr>"
        "<w:r><w:t>措施二。</w:t></w:r><w:r><w:tab/><w:t>续写</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr>"
        "<w:r><w:t>“问题丙丁”问题整改方面</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr>"
        "<w:r><w:t>措施三。</w:t></w:r></w:p>"
        "</w:body></w:document>";
    Part parts[] = {{"word/numbering.xml", numbering, sizeof numbering - 1},
                    {"word/document.xml", document, sizeof document - 1}};
    Buf z = BUF_INIT;
    make_zip(parts, 2, &z);
    Arena a = ARENA_INIT;
    const char *text;
    size_t len;
    Err err = ERR_INIT;
    assert_int_equal(import_docx(&a, z.data, z.len, &text, &len, &err), 0);
    assert_string_equal(text, "（一）“问题甲乙”问题整改方面\n①措施一。\n②措施二。 续写\n"
                              "（二）“问题丙丁”问题整改方面\n①措施三。\n");
    arena_free(&a);
    buf_free(&z);
}

static void test_hostile(void **state)
{
    (void)state;
    Arena a = ARENA_INIT;
    ImportDoc doc;
    Err err = ERR_INIT;
    Buf z = BUF_INIT;

    /* Truncated: the central directory is gone. */
    fixture_docx(NULL, &z);
    assert_int_equal(import_load_bytes(&doc, &a, "cut.docx", z.data, z.len / 2, &err), -1);
    assert_int_equal(err.code, ERR_INPUT);
    assert_non_null(strstr(err.msg, "'cut.docx'"));

    /* Entity expansion ("billion laughs"): any DOCTYPE is refused. */
    fixture_docx(
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
        "<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>",
        &z);
    assert_int_equal(import_load_bytes(&doc, &a, "lol.docx", z.data, z.len, &err), -1);
    assert_non_null(strstr(err.msg, "DOCTYPE"));

    /* Not well-formed XML. */
    fixture_docx("<w:document><w:body><w:p>", &z);
    assert_int_equal(import_load_bytes(&doc, &a, "bad.docx", z.data, z.len, &err), -1);
    assert_non_null(strstr(err.msg, "well-formed"));

    /* A zip that is no Word document. */
    Part other[] = {{"readme.txt", "hello", 5}};
    make_zip(other, 1, &z);
    assert_int_equal(import_load_bytes(&doc, &a, "x.docx", z.data, z.len, &err), -1);
    assert_non_null(strstr(err.msg, "word/document.xml"));

    /* A zip bomb: 40 MB of blanks compress to a few kilobytes. */
    size_t big = 40u * 1024 * 1024;
    char *blank = xmalloc(big);
    memset(blank, ' ', big);
    Part bomb[] = {{"word/document.xml", blank, big}};
    make_zip(bomb, 1, &z);
    assert_true(z.len < 1024 * 1024);
    assert_int_equal(import_load_bytes(&doc, &a, "bomb.docx", z.data, z.len, &err), -1);
    assert_int_equal(err.code, ERR_TOO_LARGE);
    free(blank);

    arena_free(&a);
    buf_free(&z);
}


/*
** Style inheritance: "标题2" is based on "标题1", which carries the numbering, so its paragraphs
** are numbered; a list in 甲、乙、丙 (ideographTraditional) is rendered and read as labels; the
** page header and footer parts never reach the text.
*/
static void test_styles_stems_headers(void **state)
{
    (void)state;
    static const char numbering[] =
        "<w:numbering xmlns:w=\"w\"><w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/></w:num>"
        "<w:abstractNum w:abstractNumId=\"0\">"
        "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>"
        "<w:lvlText w:val=\"%1、\"/></w:lvl>"
        "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>"
        "<w:lvlText w:val=\"（%2）\"/></w:lvl>"
        "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"ideographTraditional\"/>"
        "<w:lvlText w:val=\"%3、\"/></w:lvl></w:abstractNum></w:numbering>";
    static const char styles[] =
        "<w:styles xmlns:w=\"w\">"
        "<w:style w:styleId=\"H1\"><w:pPr><w:numPr><w:numId w:val=\"3\"/><w:ilvl w:val=\"1\"/>"
        "</w:numPr></w:pPr></w:style>"
        "<w:style w:styleId=\"H2\"><w:basedOn w:val=\"H1\"/></w:style>"
        "<w:style w:styleId=\"Loop\"><w:basedOn w:val=\"Loop\"/></w:style>"
        "</w:styles>";
    static const char document[] =
        "<w:document xmlns:w=\"w\"><w:body>"
        "<w:p><w:r><w:t>巡察反馈问题整改情况</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:pStyle w:val=\"H2\"/></w:pPr><w:r><w:t>“财务管理不规范”问题</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"2\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr>"
        "<w:r><w:t>制定工作方案。</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"2\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr>"
        "<w:r><w:t>开展专项检查。</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:pStyle w:val=\"Loop\"/></w:pPr><w:r><w:t>说明。</w:t></w:r></w:p>"
        "</w:body></w:document>";
    static const char header[] = "<w:hdr xmlns:w=\"w\"><w:p><w:r><w:t>页眉文字</w:t></w:r></w:p></w:hdr>";
    static const char footer[] = "<w:ftr xmlns:w=\"w\"><w:p><w:r><w:t>第1页</w:t></w:r></w:p></w:ftr>";
    Part parts[] = {
        {"word/document.xml", document, sizeof document - 1},
        {"word/numbering.xml", numbering, sizeof numbering - 1},
        {"word/styles.xml", styles, sizeof styles - 1},
        {"word/header1.xml", header, sizeof header - 1},
        {"word/footer1.xml", footer, sizeof footer - 1},
    };
    Buf z = BUF_INIT;
    make_zip(parts, (int)ARRAY_SIZE(parts), &z);
    Arena a = ARENA_INIT;
    Err err = ERR_INIT;
    const char *text;
    size_t len;
    if (import_docx(&a, z.data, z.len, &text, &len, &err) < 0)
        fail_msg("%s", err.msg);
    if (!strstr(text, "（一）“财务管理不规范”问题\n甲、制定工作方案。\n乙、开展专项检查。\n说明。"))
        fail_msg("%s", text);
    assert_null(strstr(text, "页眉"));
    assert_null(strstr(text, "第1页"));
    ImportDoc doc;
    assert_int_equal(import_load_bytes(&doc, &a, "s.docx", z.data, z.len, &err), 0);
    const ImportNode *p = doc.findings;
    assert_non_null(p);
    assert_string_equal(p->label, "（一）");
    assert_int_equal(p->n_measures, 2);
    assert_string_equal(p->measures->label, "甲、");
    assert_string_equal(p->measures->next->label, "乙、");
    arena_free(&a);
    buf_free(&z);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbered_plan),
        cmocka_unit_test(test_numbering_formats),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_styles_stems_headers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
