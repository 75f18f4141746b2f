/*
** test_ledger_import.c: `import ledger`'s readers on hand-made spreadsheets. Workbooks made here
** with libxlsxwriter (a writer independent of the product's export layout): a title row, a
** header of synonyms in another order, problems merged over their measures, deadlines as date
** cells, Excel serials, Chinese and dotted/slashed dates, 长期坚持 and 立行立改, a sheet
** without a header that is skipped and a second ledger sheet; CSV in UTF-8 with a BOM and in
** GB18030. Bad files fail with one line naming sheet, row and column (no header row, a date
** that is no date, a kind that is none), and damaged or hostile zips fail (truncated, a zip
** bomb, too many rows).
*/
#include "testutil.h"

#include "import/import_internal.h"

#include <iconv.h>
#include <unistd.h>
#include <xlsxwriter.h>

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    Buf b = BUF_INIT;
    char chunk[65536];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&b, chunk, k);
    fclose(f);
    *len = b.len;
    return b.data;
}

static const char *tmp_path(const char *name)
{
    static char path[512];
    const char *dir = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/zg-ledger-%d-%s", dir && *dir ? dir : "/tmp", (int)getpid(),
             name);
    return path;
}

/* A workbook in the layout offices really send: title, header of synonyms, merges. */
static void make_workbook(const char *path)
{
    lxw_workbook *wb = workbook_new(path);
    lxw_format *date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy\"年\"m\"月\"d\"日\"");
    lxw_worksheet *cover = workbook_add_worksheet(wb, "说明");
    worksheet_write_string(cover, 0, 0, "本表由各牵头单位填报", NULL);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "台账");
    worksheet_merge_range(ws, 0, 0, 0, 8, "某某区巡察反馈问题整改台账", NULL);
    const char *head[] = {"序号", "存在问题", "整改举措", "牵头领导", "责任单位",
                          "配合单位", "整改时限", "完成情况", "备注"};
    for (int c = 0; c < 9; c++)
        worksheet_write_string(ws, 1, (lxw_col_t)c, head[c], NULL);
    /* problem 1 over rows 3-5 (0-based 2-4), problem 2 on rows 6-7 */
    worksheet_merge_range(ws, 2, 0, 4, 0, "", NULL);
    worksheet_write_number(ws, 2, 0, 1, NULL);
    worksheet_merge_range(ws, 2, 1, 4, 1, "1.食堂管理不规范", NULL);
    worksheet_write_string(ws, 2, 2, "一是建立巡查制度。每周巡查一次。", NULL);
    worksheet_write_string(ws, 3, 2, "二是开展专项整治。", NULL);
    worksheet_write_string(ws, 4, 2, "三是完善采购流程。", NULL);
    lxw_datetime d1 = {2025, 6, 30, 0, 0, 0};
    worksheet_write_datetime(ws, 2, 6, &d1, date);
    worksheet_write_number(ws, 3, 6, 45930, NULL); /* an Excel serial: 2025-09-30 */
    worksheet_write_string(ws, 4, 6, "长期坚持", NULL);
    for (int r = 2; r <= 4; r++) {
        worksheet_write_string(ws, (lxw_row_t)r, 3, "李明（副区长）", NULL);
        worksheet_write_string(ws, (lxw_row_t)r, 4, "区教育局", NULL);
    }
    worksheet_write_string(ws, 3, 5, "区财政局、区市场监管局", NULL);
    worksheet_write_string(ws, 2, 7, "已完成", NULL);
    worksheet_merge_range(ws, 5, 1, 6, 1, "2.教师管理不到位", NULL);
    worksheet_merge_range(ws, 5, 0, 6, 0, "", NULL);
    worksheet_write_number(ws, 5, 0, 2, NULL);
    worksheet_write_string(ws, 5, 2, "清理在编不在岗人员。", NULL);
    worksheet_write_string(ws, 5, 6, "2025.6.30", NULL);
    worksheet_write_string(ws, 6, 2, "立即整改违规兼职。", NULL);
    worksheet_write_string(ws, 6, 6, "立行立改", NULL);
    /* A second ledger sheet with the other header style. */
    lxw_worksheet *ws2 = workbook_add_worksheet(wb, "第二批");
    const char *head2[] = {"问题", "措施", "责任领导", "牵头单位", "完成时限", "整改类型"};
    for (int c = 0; c < 6; c++)
        worksheet_write_string(ws2, 0, (lxw_col_t)c, head2[c], NULL);
    worksheet_write_string(ws2, 1, 0, "会议费管理不严", NULL);
    worksheet_write_string(ws2, 1, 1, "修订会议费管理办法。", NULL);
    worksheet_write_string(ws2, 1, 4, "2025/12/31", NULL);
    worksheet_write_string(ws2, 1, 5, "限期整改", NULL);
    worksheet_write_string(ws2, 2, 1, "开展会议费专项检查。", NULL);
    worksheet_write_string(ws2, 2, 4, "2025年底前", NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

static void test_xlsx(void **state)
{
    (void)state;
    const char *path = tmp_path("hand.xlsx");
    make_workbook(path);
    Arena a = ARENA_INIT;
    ImportDoc doc;
    Err err = ERR_INIT;
    int rc = import_load_file(&doc, &a, path, &err);
    if (rc < 0)
        fail_msg("%s", err.msg);
    assert_string_equal(doc.format, "xlsx");
    assert_string_equal(doc.title, "某某区巡察反馈问题整改台账");
    ImportCounts c;
    import_count(&doc, &c);
    assert_int_equal(c.by_level[LEVEL_PROBLEM], 3);
    assert_int_equal(c.measures, 7);
    const ImportNode *p1 = doc.findings;
    assert_string_equal(p1->label, "1.");
    assert_string_equal(p1->title, "食堂管理不规范");
    assert_int_equal(p1->n_measures, 3);
    const ImportMeasure *m = p1->measures;
    assert_string_equal(m->label, "一是");
    assert_string_equal(m->title, "建立巡查制度");
    assert_int_equal(m->deadline, test_day("2025-06-30"));
    assert_int_equal(m->state, STATE_CLOSED);
    assert_string_equal(m->leaders[0].name, "李明");
    assert_string_equal(m->lead_unit.name, "区教育局");
    m = m->next;
    assert_int_equal(m->deadline, test_day("2025-09-30"));
    assert_int_equal(m->n_co_units, 2);
    assert_string_equal(m->co_units[1].name, "区市场监管局");
    /* the merged problem, leaders and units reach every row they span */
    m = m->next;
    assert_true(m->long_term);
    assert_int_equal(m->deadline, DAY_NONE);
    assert_string_equal(m->lead_unit.name, "区教育局");
    const ImportNode *p2 = p1->next;
    assert_string_equal(p2->title, "教师管理不到位");
    assert_int_equal(p2->measures->deadline, test_day("2025-06-30"));
    assert_true(p2->measures->next->immediate);
    const ImportNode *p3 = p2->next;
    assert_string_equal(p3->title, "会议费管理不严");
    assert_int_equal(p3->n_measures, 2);
    assert_int_equal(p3->measures->deadline, test_day("2025-12-31"));
    assert_int_equal(p3->measures->next->deadline, test_day("2025-12-31"));
    /* the sheet without a header is named in a warning */
    assert_non_null(doc.warnings);
    assert_non_null(strstr(doc.warnings->message, "说明"));
    arena_free(&a);

    /* Truncated: every cut of the file fails (or reads a complete prefix), never crashes. */
    size_t len;
    char *bytes = slurp(path, &len);
    Arena b = ARENA_INIT;
    err = (Err)ERR_INIT;
    assert_int_equal(import_load_bytes(&doc, &b, "cut.xlsx", bytes, len / 2, &err), -1);
    assert_non_null(strstr(err.msg, "cut.xlsx"));
    arena_free(&b);
    free(bytes);
    remove(path);
}

static int load_text(const char *name, const char *text, Err *err, Arena *a, ImportDoc *doc)
{
    return import_load_bytes(doc, a, name, text, strlen(text), err);
}

static void test_csv(void **state)
{
    (void)state;
    const char *csv = "\xEF\xBB\xBF"
                      "序号,反馈问题,整改措施,责任单位,完成时限,整改状态\r\n"
                      "1,\"问题一，含逗号\",\"措施甲\n第二行\",区教育局,2025-06-30,整改中\r\n"
                      "1,,措施乙,区教育局,2025年6月底前,未启动\r\n"
                      "2,问题二,措施丙,区财政局,46022,\r\n";
    Arena a = ARENA_INIT;
    ImportDoc doc;
    Err err = ERR_INIT;
    if (load_text("l.csv", csv, &err, &a, &doc) < 0)
        fail_msg("%s", err.msg);
    assert_string_equal(doc.format, "csv");
    assert_string_equal(doc.findings->title, "问题一，含逗号");
    assert_int_equal(doc.findings->n_measures, 2);
    assert_string_equal(doc.findings->measures->text, "措施甲\n第二行");
    assert_int_equal(doc.findings->measures->state, STATE_IN_PROGRESS);
    assert_int_equal(doc.findings->measures->next->deadline, test_day("2025-06-30"));
    assert_int_equal(doc.findings->next->measures->deadline, test_day("2025-12-31"));
    arena_free(&a);

    /* The same in GB18030. */
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    char out[1024];
    char *in = (char *)csv + 3, *o = out;
    size_t inl = strlen(in), outl = sizeof out - 1;
    assert_true(iconv(cd, &in, &inl, &o, &outl) != (size_t)-1);
    iconv_close(cd);
    *o = 0;
    Arena g = ARENA_INIT;
    if (load_text("gb.csv", out, &err, &g, &doc) < 0)
        fail_msg("%s", err.msg);
    assert_string_equal(doc.encoding, "gb18030");
    assert_string_equal(doc.findings->measures->next->text, "措施乙");
    arena_free(&g);
}

/* Each bad file fails with one line that names where. */
static void bad(const char *text, const char *want)
{
    Arena a = ARENA_INIT;
    ImportDoc doc;
    Err err = ERR_INIT;
    assert_int_equal(load_text("bad.csv", text, &err, &a, &doc), -1);
    if (!strstr(err.msg, want))
        fail_msg("'%s' lacks '%s'", err.msg, want);
    assert_null(strchr(err.msg, '\n'));
    arena_free(&a);
}

static void test_bad_files(void **state)
{
    (void)state;
    bad("名称,数量\n甲,1\n", "no header row");
    bad("问题,措施,完成时限\n问题一,措施一,下周一\n",
        "sheet 'bad.csv' row 2 column C (完成时限): '下周一' is not a date");
    bad("问题,措施,整改类型\n问题一,措施一,马上办\n", "row 2 column C (整改类型)");
    bad("问题,措施\n\"问题一,措施一\n", "not closed");
    /* 10^6 rows: refused at the row limit. */
    Buf big = BUF_INIT;
    buf_puts(&big, "问题,措施\n");
    for (int i = 0; i < 1000000; i++)
        buf_puts(&big, "p,m\n");
    bad(big.data, "more than 100000 rows");
    buf_free(&big);
}

/* A zip bomb: a workbook whose shared strings inflate past the budget. */
static void test_zip_bomb(void **state)
{
    (void)state;
    const char *path = tmp_path("bomb.xlsx");
    remove(path);
    int zerr;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    assert_non_null(z);
    static const char wb[] = "<workbook><sheets><sheet name=\"a\" r:id=\"rId1\" "
                             "xmlns:r=\"r\"/></sheets></workbook>";
    zip_source_t *s = zip_source_buffer(z, wb, strlen(wb), 0);
    assert_true(zip_file_add(z, "xl/workbook.xml", s, 0) >= 0);
    size_t n = IMPORT_MAX_UNZIPPED + 1024;
    char *spaces = malloc(n);
    memset(spaces, ' ', n);
    s = zip_source_buffer(z, spaces, n, 0);
    assert_true(zip_file_add(z, "xl/sharedStrings.xml", s, 0) >= 0);
    assert_int_equal(zip_close(z), 0);
    free(spaces);
    size_t len;
    char *bytes = slurp(path, &len);
    assert_true(len < 4 * 1024 * 1024);
    Arena a = ARENA_INIT;
    ImportDoc doc;
    Err err = ERR_INIT;
    assert_int_equal(import_load_bytes(&doc, &a, "bomb.xlsx", bytes, len, &err), -1);
    if (!strstr(err.msg, "zip bomb"))
        fail_msg("%s", err.msg);
    arena_free(&a);
    free(bytes);
    remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xlsx),
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_zip_bomb),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
