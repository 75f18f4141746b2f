/*
** test_report.c: the generated reports on a small ledger built here by hand, whose every figure
** is known: the 通报's sentences and figures, the latest accepted progress, problem statuses
** and open matters with their deadlines, clue outcomes (names only when asked), the office's
** text blocks; HTML escaping; the DOCX parts (styles, fonts, page numbers, well-formed XML);
** the ledger's xlsx read back from its XML (merged problem cells, the fill of each light, frozen
** and filtered header, A3 landscape) and CSV; the dispatch sheet's lists; and the importer
** reading the 通报 back (md and docx) to the same problems, measures, statuses and figures.
*/
#include "testutil.h"

#include "base/arena.h"
#include "base/buf.h"
#include "base/cnum.h"
#include "db/activity_store.h"
#include "db/finding_store.h"
#include "db/inspection_store.h"
#include "db/measure_store.h"
#include "db/org_store.h"
#include "db/record_store.h"
#include "db/report_store.h"
#include "import/import.h"
#include "report/doc.h"
#include "report/report.h"

#include <expat.h>
#include <zip.h>

#define AS_OF "2025-11-01" /* a Saturday: next week is 11-03 … 11-09 */

static Db db;
static int64_t inspection_id;
static int64_t m_ids[6];

/* ---- the fixture ledger ---- */

static int64_t add_finding(int64_t parent, FindingLevel level, int ordinal, const char *label,
                           const char *title)
{
    Finding f;
    memset(&f, 0, sizeof f);
    f.inspection_id = inspection_id;
    f.parent_id = parent;
    f.level = level;
    f.ordinal = ordinal;
    f.label = label;
    f.title = title;
    f.override = STATUS_NONE;
    Err err = ERR_INIT;
    if (finding_store_insert(&db, &f, &err) < 0)
        fail_msg("finding: %s", err.msg);
    return f.id;
}

static int64_t add_measure(int64_t finding, int ordinal, const char *label, const char *title,
                           const char *body, MeasureState state, const char *deadline,
                           bool long_term, int64_t unit, int64_t leader)
{
    Measure m;
    memset(&m, 0, sizeof m);
    m.inspection_id = inspection_id;
    m.finding_id = finding;
    m.ordinal = ordinal;
    m.label = label;
    m.title = title;
    m.body = body;
    m.target = "问题整改到位";
    m.kind = long_term ? KIND_LONG_TERM : KIND_DATED;
    m.deadline = deadline ? test_day(deadline) : DAY_NONE;
    m.long_term = long_term;
    m.lead_unit_id = unit;
    m.state = state;
    m.closed_on = m.revisit_due = DAY_NONE;
    m.leader_ids = &leader;
    m.n_leaders = 1;
    Err err = ERR_INIT;
    if (measure_store_insert(&db, &m, &err) < 0)
        fail_msg("measure: %s", err.msg);
    return m.id;
}

static void add_progress(int64_t measure, const char *body, ProgressState state, const char *day)
{
    Progress p;
    memset(&p, 0, sizeof p);
    p.measure_id = measure;
    p.body = body;
    p.state = state;
    p.reported_on = test_day(day);
    Err err = ERR_INIT;
    if (progress_store_insert(&db, &p, &err) < 0)
        fail_msg("progress: %s", err.msg);
}

static int setup(void **state)
{
    (void)state;
    test_db_open(&db);
    Err err = ERR_INIT;
    Unit u1 = {0, "某某区教育局", "区教育局", UNIT_GOVERNMENT, 0};
    Unit u2 = {0, "某某区财政局", "区财政局", UNIT_GOVERNMENT, 0};
    Person p1 = {0, "李明", "区委常委", 0};
    Person p2 = {0, "王芳", "副区长", 0};
    if (unit_store_insert(&db, &u1, &err) < 0 || unit_store_insert(&db, &u2, &err) < 0 ||
        person_store_insert(&db, &p1, &err) < 0 || person_store_insert(&db, &p2, &err) < 0)
        fail_msg("org: %s", err.msg);

    Inspection in;
    memset(&in, 0, sizeof in);
    in.kind = INSPECTION_XUNCHA;
    in.title = "区委第二巡察组巡察区教育局党组反馈意见整改";
    in.superior = "区委";
    in.group_name = "区委第二巡察组";
    in.target = "区教育局党组";
    in.onsite_start = test_day("2025-04-08");
    in.onsite_end = test_day("2025-05-30");
    in.feedback_on = test_day("2025-07-10");
    in.concentrated_end = test_day("2025-10-10");
    in.report_cycle = CYCLE_MONTHLY;
    in.warn_days = 7;
    in.state = INSPECTION_ACTIVE;
    in.contact_phone = "0599-1234567";
    in.contact_email = "jyj@example.gov.cn";
    in.contact_address = "某某路1号";
    in.signer = "中共某某区教育局党组";
    in.published_on = DAY_NONE;
    if (inspection_store_insert(&db, &in, &err) < 0)
        fail_msg("inspection: %s", err.msg);
    inspection_id = in.id;

    int64_t a1 = add_finding(0, LEVEL_ASPECT, 1, "（一）", "落实全面从严治党主体责任方面");
    int64_t p1f = add_finding(a1, LEVEL_PROBLEM, 1, "（1）", "校园食品安全监管不严");
    int64_t p2f = add_finding(a1, LEVEL_PROBLEM, 2, "（2）", "教师队伍管理不规范");
    int64_t a2 = add_finding(0, LEVEL_ASPECT, 2, "（二）", "落实政府采购规定方面");
    int64_t p3f =
        add_finding(a2, LEVEL_PROBLEM, 1, "（3）", "<script>alert(1)</script> & \"采购\", 管理");
    m_ids[0] = add_measure(p1f, 1, "一是", "建立食堂巡查制度", "建立食堂巡查制度。每周巡查一次。",
                           STATE_CLOSED, "2025-09-30", false, u1.id, p1.id);
    m_ids[1] = add_measure(p1f, 2, "二是", "开展专项整治", "开展专项整治。覆盖全部学校。",
                           STATE_PHASE_COMPLETE, NULL, true, u1.id, p1.id);
    m_ids[2] = add_measure(p1f, 3, "三是", "健全家长陪餐制度", "健全家长陪餐制度。", STATE_CLOSED,
                           "2025-10-31", false, u1.id, p1.id);
    m_ids[3] = add_measure(p2f, 1, "一是", "清理在编不在岗人员", "清理在编不在岗人员。逐人核查。",
                           STATE_IN_PROGRESS, "2025-10-15", false, u2.id, p2.id);
    m_ids[4] = add_measure(p2f, 2, "二是", "规范教师借调", "规范教师借调。建立审批台账。",
                           STATE_IN_PROGRESS, "2025-11-05", false, u1.id, p2.id);
    m_ids[5] = add_measure(p3f, 1, "", "规范采购流程", "规范采购流程。", STATE_CLOSED, "2025-09-30",
                           false, u2.id, p2.id);

    add_progress(m_ids[0], "已建立食堂巡查制度。", PROGRESS_ACCEPTED, "2025-08-20");
    add_progress(m_ids[0], "最新进展：已实现全覆盖，每周巡查一次。", PROGRESS_ACCEPTED, "2025-09-25");
    add_progress(m_ids[0], "草稿进展不应出现。", PROGRESS_SUBMITTED, "2025-10-20");
    add_progress(m_ids[3], "已核查12人，清退3人。", PROGRESS_ACCEPTED, "2025-09-20");

    if (meeting_store_insert(&db, inspection_id, MEETING_STANDING, test_day("2025-07-15"), "", &err) ||
        meeting_store_insert(&db, inspection_id, MEETING_STANDING, test_day("2025-08-15"), "", &err) ||
        meeting_store_insert(&db, inspection_id, MEETING_SPECIAL, test_day("2025-08-20"), "", &err) ||
        mechanism_store_insert(&db, inspection_id, "《食堂管理办法》", "", "", DAY_NONE, true, 0,
                               &err) ||
        mechanism_store_insert(&db, inspection_id, "《借调管理规定》", "", "", DAY_NONE, true, 0,
                               &err) ||
        mechanism_store_insert(&db, inspection_id, "《采购内控制度》", "", "", DAY_NONE, false, 0,
                               &err) ||
        recovery_store_insert(&db, inspection_id, RECOVERY_REFUND, 12500000, test_day("2025-09-01"),
                              &err) ||
        recovery_store_insert(&db, inspection_id, RECOVERY_LOSS_RECOVERED, 30000000,
                              test_day("2025-09-01"), &err))
        fail_msg("records: %s", err.msg);
    Clue c1 = {0,      inspection_id, CLUE_KIND_CLUE, "XC-1",        DAY_NONE,
               "张某某", "科长", RANK_TOWNSHIP, 0, DISPOSAL_PRELIMINARY, CLUE_CONCLUDED, DAY_NONE};
    Clue c2 = {0,        inspection_id, CLUE_KIND_PETITION, "XC-2",         DAY_NONE,
               "王某某", "副校长", RANK_OTHER, 0, DISPOSAL_TALK_INQUIRY, CLUE_OPEN, DAY_NONE};
    if (clue_store_insert(&db, &c1, &err) || clue_store_insert(&db, &c2, &err) ||
        clue_store_add_outcome(&db, c1.id, "党纪处分", "警告", 2, &err) ||
        clue_store_add_outcome(&db, c1.id, "诫勉", "", 1, &err) ||
        clue_store_add_outcome(&db, c2.id, "立案", "", 1, &err))
        fail_msg("clues: %s", err.msg);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    db_close(&db);
    return 0;
}

/* Render kind/format on AS_OF (or as_of) into out. */
static void render_on(const char *as_of, ReportKind kind, ReportFormat f, bool names, Buf *out)
{
    Arena a = ARENA_INIT, scratch = ARENA_INIT;
    ReportData d;
    Err err = ERR_INIT;
    if (report_load(&db, &a, inspection_id, test_day(as_of), names, &d, &err) < 0 ||
        report_render(&d, &scratch, kind, f, out, &err) < 0)
        fail_msg("render: %s", err.msg);
    arena_free(&scratch);
    arena_free(&a);
}

static void render(ReportKind kind, ReportFormat f, bool names, Buf *out)
{
    render_on(AS_OF, kind, f, names, out);
}

static void has(const Buf *b, const char *needle)
{
    if (!strstr(b->data, needle))
        fail_msg("missing: %s", needle);
}

static void lacks(const Buf *b, const char *needle)
{
    if (strstr(b->data, needle))
        fail_msg("should not contain: %s", needle);
}

/* ---- text helpers ---- */

static void test_helpers(void **state)
{
    (void)state;
    Buf b = BUF_INIT;
    doc_wan(&b, 12500000);
    buf_puts(&b, " ");
    doc_wan(&b, 231284400);
    buf_puts(&b, " ");
    doc_wan(&b, 500000);
    buf_puts(&b, " ");
    doc_wan(&b, 0);
    assert_string_equal(b.data, "12.5 231.28 0.5 0");
    buf_reset(&b);
    int nums[] = {1, 10, 12, 20, 99, 100};
    for (size_t i = 0; i < ARRAY_SIZE(nums); i++) {
        cnum_put(&b, nums[i]);
        buf_putc(&b, ' ');
    }
    assert_string_equal(b.data, "一 十 十二 二十 九十九 100 ");
    buf_reset(&b);
    doc_period_cn(&b, test_day("2024-10-21"), test_day("2024-12-05"));
    buf_puts(&b, "|");
    doc_period_cn(&b, test_day("2025-12-17"), test_day("2026-01-31"));
    assert_string_equal(b.data, "2024年10月21日至12月5日|2025年12月17日至2026年1月31日");
    buf_reset(&b);
    doc_escape(&b, "a<b>&\"c'\x01\td\n");
    assert_string_equal(b.data, "a&lt;b&gt;&amp;&quot;c&#39;\td\n");
    buf_free(&b);

    Arena a = ARENA_INIT;
    Err err = ERR_INIT;
    const char *out;
    assert_int_equal(
        report_text_clean(&a, "\xEF\xBB\xBF\n一是加强领导。\r\n二是压实责任。\r\n\n",
                          strlen("\xEF\xBB\xBF\n一是加强领导。\r\n二是压实责任。\r\n\n"), &out,
                          &err),
        0);
    assert_string_equal(out, "一是加强领导。\n二是压实责任。");
    assert_int_equal(report_text_clean(&a, " \n\n", 3, &out, &err), -1);
    assert_int_equal(err.code, ERR_INPUT);
    assert_int_equal(report_text_clean(&a, "\xC3(", 2, &out, &err), -1);
    assert_int_equal(err.code, ERR_INPUT);
    arena_free(&a);

    assert_int_equal(report_kind_parse("tongbao"), REPORT_TONGBAO);
    assert_int_equal(report_kind_parse("nope"), -1);
    assert_true(report_supports(REPORT_TONGBAO, FORMAT_DOCX));
    assert_false(report_supports(REPORT_TONGBAO, FORMAT_XLSX));
    assert_true(report_supports(REPORT_DISPATCH, FORMAT_XLSX));
    assert_true(report_supports(REPORT_LEDGER, FORMAT_CSV));
    assert_int_equal(report_text_parse("plan"), TEXT_PLAN);
}

/* ---- the 通报 ---- */

static void test_tongbao_md(void **state)
{
    (void)state;
    Buf b = BUF_INIT;
    render(REPORT_TONGBAO, FORMAT_MD, false, &b);
    has(&b, "# 中共某某区教育局党组关于巡察整改进展情况的通报\n");
    has(&b, "根据区委部署，2025年4月8日至5月30日，区委第二巡察组对区教育局党组开展了巡察，"
            "并于2025年7月10日反馈了巡察意见。");
    has(&b, "## 一、组织整改落实情况\n");
    has(&b, "巡察反馈意见共指出2个方面共3个问题，研究制定整改措施6项。");
    has(&b, "截至2025年11月1日，已销号3项、长期坚持事项阶段性销号1项，正在推进2项。");
    has(&b, "3个问题中，完成问题整改1个，基本完成整改1个，未完成整改1个。");
    has(&b, "先后召开常委会会议2次、专题会议1次，研究部署和推动整改工作。");
    has(&b, "建立完善制度机制3项（新建2项、修订1项）；清退违规款项12.5万元，挽回经济损失30万元。");
    has(&b, "## 二、巡察反馈问题整改进展情况\n");
    has(&b, "### （一）落实全面从严治党主体责任方面\n\n#### （1）校园食品安全监管不严\n\n"
            "整改情况：\n\n一是建立食堂巡查制度。最新进展：已实现全覆盖，每周巡查一次。\n");
    /* Before any accepted progress, the measure's own text. */
    has(&b, "二是开展专项整治。覆盖全部学校。\n");
    lacks(&b, "草稿进展");
    lacks(&b, "已建立食堂巡查制度。");
    /* An unlabelled measure standing alone keeps no label. */
    has(&b, "整改情况：\n\n规范采购流程。\n");
    has(&b, "## 三、巡察移交问题线索和信访件办理情况\n");
    has(&b, "区委第二巡察组移交问题线索1件、信访件1件，均已登记在册。截至2025年11月1日，"
            "已办结1件，正在办理1件。");
    has(&b, "移交的问题线索和信访件经调查处理，立案1人；给予党纪处分2人，其中警告2人；诫勉1人。");
    lacks(&b, "张某某");
    has(&b, "## 四、需要进一步整改的事项\n\n### （一）基本完成事项\n\n"
            "1.关于“校园食品安全监管不严”问题。相关措施3项中，已销号2项，"
            "长期坚持事项阶段性销号1项。已取得阶段性成效，需长期坚持、持续巩固。\n");
    has(&b, "### （二）正在整改尚未完成事项\n\n1.关于“教师队伍管理不规范”问题。相关措施2项中，"
            "正在推进2项，其中1项已超过整改时限。计划于2025年11月5日前完成整改。\n");
    lacks(&b, "关于“<script>");
    has(&b, "## 五、下一步工作打算\n\n一是紧盯未完成事项。对正在整改的1个问题");
    has(&b, "联系电话：0599-1234567；通信地址：某某路1号；电子邮箱：jyj@example.gov.cn。\n\n"
            "中共某某区教育局党组\n\n2025年11月1日\n");
    buf_reset(&b);

    /* Names of clue subjects only when the office asks. */
    render(REPORT_TONGBAO, FORMAT_MD, true, &b);
    has(&b, "具体处理情况：张某某（科长），党纪处分（警告）、诫勉；王某某（副校长），立案。");
    buf_reset(&b);

    /* The office's own text replaces the default paragraph and the default plan. */
    Err err = ERR_INIT;
    assert_int_equal(report_store_text_set(&db, inspection_id, "organise",
                                           "党组高度重视。\n　　成立领导小组。", &err),
                     0);
    assert_int_equal(report_store_text_set(&db, inspection_id, "plan", "持续巩固整改成果。", &err),
                     0);
    render(REPORT_TONGBAO, FORMAT_MD, false, &b);
    has(&b, "## 一、组织整改落实情况\n\n党组高度重视。\n\n成立领导小组。\n\n巡察反馈意见共指出");
    lacks(&b, "对照反馈意见，逐项制定整改措施");
    has(&b, "## 五、下一步工作打算\n\n持续巩固整改成果。\n");
    lacks(&b, "一是紧盯未完成事项");
    assert_int_equal(report_store_text_set(&db, 999, "plan", "x", &err), -1);
    assert_int_equal(err.code, ERR_NOTFOUND);
    buf_free(&b);
}

static void test_tongbao_html(void **state)
{
    (void)state;
    Buf b = BUF_INIT;
    render(REPORT_TONGBAO, FORMAT_HTML, false, &b);
    has(&b, "<!DOCTYPE html>");
    has(&b, "<title>中共某某区教育局党组关于巡察整改进展情况的通报</title>");
    has(&b, "@page{size:A4");
    has(&b, "@media print");
    has(&b, "<h2>一、组织整改落实情况</h2>");
    has(&b, "<h4>（3）&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;采购&quot;, 管理</h4>");
    lacks(&b, "<script>");
    has(&b, "<p class=\"sign\">中共某某区教育局党组</p>");
    buf_free(&b);
}

/* ---- zip parts ---- */

/* The bytes of part name in the zip held in z, into out; false when absent. */
static bool zip_part(const Buf *z, const char *name, Buf *out)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(z->data, z->len, 0, &ze);
    assert_non_null(src);
    zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
    if (!za)
        fail_msg("not a zip: %s", zip_error_strerror(&ze));
    zip_file_t *f = zip_fopen(za, name, 0);
    bool found = f != NULL;
    if (f) {
        char chunk[8192];
        zip_int64_t k;
        while ((k = zip_fread(f, chunk, sizeof chunk)) > 0)
            buf_append(out, chunk, (size_t)k);
        zip_fclose(f);
    }
    zip_close(za);
    zip_error_fini(&ze);
    return found;
}

static void well_formed(const Buf *xml, const char *name)
{
    XML_Parser p = XML_ParserCreate("UTF-8");
    if (XML_Parse(p, xml->data, (int)xml->len, 1) != XML_STATUS_OK)
        fail_msg("%s is not well-formed XML: %s at line %lu", name,
                 XML_ErrorString(XML_GetErrorCode(p)), (unsigned long)XML_GetCurrentLineNumber(p));
    XML_ParserFree(p);
}

static void test_tongbao_docx(void **state)
{
    (void)state;
    Buf z = BUF_INIT, part = BUF_INIT;
    render(REPORT_TONGBAO, FORMAT_DOCX, false, &z);
    const char *parts[] = {"[Content_Types].xml", "_rels/.rels",
                           "word/document.xml",   "word/_rels/document.xml.rels",
                           "word/styles.xml",     "word/settings.xml",
                           "word/fontTable.xml",  "word/footer1.xml",
                           "docProps/core.xml",   "docProps/app.xml"};
    for (size_t i = 0; i < ARRAY_SIZE(parts); i++) {
        buf_reset(&part);
        if (!zip_part(&z, parts[i], &part))
            fail_msg("docx lacks %s", parts[i]);
        well_formed(&part, parts[i]);
    }
    buf_reset(&part);
    zip_part(&z, "word/document.xml", &part);
    has(&part, "<w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t xml:space=\"preserve\">"
               "中共某某区教育局党组关于巡察整改进展情况的通报</w:t>");
    has(&part, "<w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t xml:space=\"preserve\">"
               "一、组织整改落实情况</w:t>");
    has(&part, "<w:pStyle w:val=\"Heading2\"/>");
    has(&part, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;采购&quot;, 管理");
    has(&part, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"); /* A4 */
    has(&part, "<w:footerReference w:type=\"default\" r:id=\"rId4\"/>");
    buf_reset(&part);
    zip_part(&z, "word/styles.xml", &part);
    has(&part, "<w:name w:val=\"heading 1\"/>");
    has(&part, "<w:outlineLvl w:val=\"0\"/>");
    has(&part, "<w:name w:val=\"heading 2\"/>");
    has(&part, "w:eastAsia=\"方正小标宋简体\"");
    has(&part, "<w:sz w:val=\"44\"/>"); /* 22 pt title */
    has(&part, "w:eastAsia=\"仿宋_GB2312\"");
    has(&part, "<w:sz w:val=\"32\"/>"); /* 16 pt body */
    has(&part, "w:eastAsia=\"黑体\"");
    has(&part, "w:eastAsia=\"楷体_GB2312\"");
    buf_reset(&part);
    zip_part(&z, "word/fontTable.xml", &part);
    has(&part, "<w:font w:name=\"仿宋_GB2312\"><w:altName w:val=\"仿宋\"/>");
    has(&part, "<w:font w:name=\"方正小标宋简体\"><w:altName w:val=\"宋体\"/>");
    has(&part, "<w:font w:name=\"楷体\"><w:altName w:val=\"KaiTi\"/>");
    buf_reset(&part);
    zip_part(&z, "word/footer1.xml", &part);
    has(&part, "<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>");
    /* The same report gives the same bytes. */
    Buf again = BUF_INIT;
    render(REPORT_TONGBAO, FORMAT_DOCX, false, &again);
    assert_int_equal(again.len, z.len);
    assert_memory_equal(again.data, z.data, z.len);
    buf_free(&again);
    buf_free(&part);
    buf_free(&z);
}

/* ---- the importer reads the 通报 back ---- */

static const ImportNode *child(const ImportNode *x, int i)
{
    while (x && i-- > 0)
        x = x->next;
    assert_non_null(x);
    return x;
}

static void check_reimport(const char *name, const Buf *bytes)
{
    Arena a = ARENA_INIT;
    ImportDoc doc;
    Err err = ERR_INIT;
    if (import_load_bytes(&doc, &a, name, bytes->data, bytes->len, &err) < 0)
        fail_msg("%s: %s", name, err.msg);
    if (doc.warnings)
        fail_msg("%s: warning at line %d: %s", name, doc.warnings->line, doc.warnings->message);
    assert_string_equal(doc.group, "区委第二巡察组");
    assert_string_equal(doc.target, "区教育局党组");
    assert_string_equal(doc.signer, "中共某某区教育局党组");
    assert_int_equal(doc.feedback_on, test_day("2025-07-10"));
    assert_int_equal(doc.published_on, test_day(AS_OF));
    assert_int_equal(doc.n_findings, 2);
    const ImportNode *a1 = child(doc.findings, 0), *a2 = child(doc.findings, 1);
    assert_string_equal(a1->title, "落实全面从严治党主体责任方面");
    assert_int_equal(a1->n_children, 2);
    const ImportNode *p1 = child(a1->children, 0), *p2 = child(a1->children, 1);
    const ImportNode *p3 = child(a2->children, 0);
    assert_int_equal(p1->level, LEVEL_PROBLEM);
    assert_string_equal(p1->title, "校园食品安全监管不严");
    assert_int_equal(p1->n_measures, 3);
    assert_string_equal(p1->measures->title, "建立食堂巡查制度");
    assert_string_equal(p1->measures->next->title, "开展专项整治");
    assert_string_equal(p1->measures->next->next->title, "健全家长陪餐制度");
    assert_int_equal(p1->status, STATUS_BASICALLY_COMPLETED);
    assert_string_equal(p2->title, "教师队伍管理不规范");
    assert_int_equal(p2->n_measures, 2);
    assert_int_equal(p2->status, STATUS_UNCOMPLETED);
    assert_string_equal(p3->title, "<script>alert(1)</script> & \"采购\", 管理");
    assert_int_equal(p3->n_measures, 1);
    assert_string_equal(p3->measures->title, "规范采购流程");
    assert_int_equal(p3->status, STATUS_NONE);
    assert_true(test_figure(&doc, "measures_planned") == 6);
    assert_true(test_figure(&doc, "problem_categories") == 2);
    assert_true(test_figure(&doc, "problems_total") == 3);
    assert_true(test_figure(&doc, "problems_completed") == 1);
    assert_true(test_figure(&doc, "problems_basically_completed") == 1);
    assert_true(test_figure(&doc, "problems_uncompleted") == 1);
    assert_true(test_figure(&doc, "mechanisms") == 3);
    assert_true(test_figure(&doc, "refunds_wan") == 12.5);
    assert_true(test_figure(&doc, "losses_recovered_wan") == 30);
    assert_true(test_figure(&doc, "party_discipline") == 2);
    assert_true(test_figure(&doc, "party_discipline_warning") == 2);
    assert_true(test_figure(&doc, "admonition") == 1);
    assert_true(test_figure(&doc, "case_filed") == 1);
    arena_free(&a);
}

static void test_tongbao_reimport(void **state)
{
    (void)state;
    Buf b = BUF_INIT;
    render(REPORT_TONGBAO, FORMAT_MD, false, &b);
    check_reimport("tongbao.md", &b);
    buf_reset(&b);
    render(REPORT_TONGBAO, FORMAT_DOCX, false, &b);
    check_reimport("tongbao.docx", &b);
    buf_free(&b);
}

/* ---- the ledger ---- */

/* The value of attribute attr in the first element <tag … that has it after s. */
static bool attr_after(const char *s, const char *attr, char *out, size_t n)
{
    char key[64];
    snprintf(key, sizeof key, " %s=\"", attr);
    const char *p = strstr(s, key);
    if (!p)
        return false;
    p += strlen(key);
    const char *e = strchr(p, '"');
    snprintf(out, n, "%.*s", (int)(e - p), p);
    return true;
}

/* The n-th (0-based) element `<tag` inside the element `<list` of xml. */
static const char *nth_element(const char *xml, const char *list, const char *tag, int n)
{
    const char *p = strstr(xml, list);
    assert_non_null(p);
    size_t k = strlen(tag);
    for (p = strstr(p + strlen(list), tag); p; p = strstr(p + k, tag)) {
        if (p[k] != ' ' && p[k] != '>' && p[k] != '/')
            continue;
        if (n-- == 0)
            return p;
    }
    fail_msg("no element %s number %d in %s", tag, n, list);
    return NULL;
}

/* The RGB fill of the cell ref in sheet (via its style in styles.xml). */
static void cell_fill(const Buf *sheet, const Buf *styles, const char *ref, char rgb[16])
{
    char key[32], s[16], fill[16];
    snprintf(key, sizeof key, "<c r=\"%s\"", ref);
    const char *c = strstr(sheet->data, key);
    if (!c)
        fail_msg("no cell %s", ref);
    assert_true(attr_after(c, "s", s, sizeof s));
    const char *xf = nth_element(styles->data, "<cellXfs", "<xf", atoi(s));
    assert_true(attr_after(xf, "fillId", fill, sizeof fill));
    const char *f = nth_element(styles->data, "<fills", "<fill", atoi(fill));
    const char *fg = strstr(f, "<fgColor");
    assert_non_null(fg);
    assert_true(attr_after(fg, "rgb", rgb, 16));
}

static void test_ledger_xlsx(void **state)
{
    (void)state;
    Buf z = BUF_INIT, sheet = BUF_INIT, styles = BUF_INIT, strings = BUF_INIT;
    render(REPORT_LEDGER, FORMAT_XLSX, false, &z);
    assert_true(zip_part(&z, "xl/worksheets/sheet1.xml", &sheet));
    assert_true(zip_part(&z, "xl/styles.xml", &styles));
    assert_true(zip_part(&z, "xl/sharedStrings.xml", &strings));
    well_formed(&sheet, "sheet1.xml");
    /* Rows: header 1; problem (1) rows 2–4; problem (2) rows 5–6; problem (3) row 7. The
       sequence number, the category and the problem are merged over each problem's measures. */
    has(&sheet, "<mergeCells count=\"6\">");
    has(&sheet, "<mergeCell ref=\"A2:A4\"/>");
    has(&sheet, "<mergeCell ref=\"B2:B4\"/>");
    has(&sheet, "<mergeCell ref=\"C2:C4\"/>");
    has(&sheet, "<mergeCell ref=\"A5:A6\"/>");
    has(&sheet, "<mergeCell ref=\"C5:C6\"/>");
    lacks(&sheet, "A7:A");
    /* Deadlines are date cells (serial numbers with a Chinese date format); kinds stay text. */
    has(&styles, "formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日前&quot;\"");
    has(&sheet, "<c r=\"H2\" s=\"");
    lacks(&sheet, "<c r=\"H2\" s=\"5\" t=\"s\"");
    /* Lights as fills: N is the light column. */
    char rgb[16];
    cell_fill(&sheet, &styles, "N2", rgb); /* closed */
    assert_string_equal(rgb, "FFD9D9D9");
    cell_fill(&sheet, &styles, "N5", rgb); /* overdue: red */
    assert_string_equal(rgb, "FFF8696B");
    cell_fill(&sheet, &styles, "N6", rgb); /* due within 7 days: yellow */
    assert_string_equal(rgb, "FFFFEB84");
    cell_fill(&sheet, &styles, "N3", rgb); /* long-term, phase complete, reporting: green */
    assert_string_equal(rgb, "FF63BE7B");
    has(&sheet,
        "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>");
    has(&sheet, "<autoFilter ref=\"A1:O7\"/>");
    has(&sheet, "paperSize=\"8\""); /* A3 */
    has(&sheet, "orientation=\"landscape\"");
    has(&strings, "<t>反馈问题</t>");
    has(&strings, "<t>整改措施</t>");
    has(&strings, "<t>（1）校园食品安全监管不严</t>");
    has(&strings, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; ");
    has(&strings, "最新进展：已实现全覆盖，每周巡查一次。");
    buf_free(&z);
    buf_free(&sheet);
    buf_free(&styles);
    buf_free(&strings);
}

static void test_ledger_csv(void **state)
{
    (void)state;
    Buf b = BUF_INIT;
    render(REPORT_LEDGER, FORMAT_CSV, false, &b);
    assert_memory_equal(b.data,
                        "\xEF\xBB\xBF序号,问题类别,反馈问题,整改措施,责任领导,牵头单位,责任单位,"
                        "整改时限,整改类型,目标要求,进展情况,完成进度,完成状态,亮灯,备注\r\n",
                        strlen("\xEF\xBB\xBF序号,问题类别,反馈问题,整改措施,责任领导,牵头单位,责任单位,"
                               "整改时限,整改类型,目标要求,进展情况,完成进度,完成状态,亮灯,备注\r\n"));
    has(&b, "\r\n1,（一）落实全面从严治党主体责任方面,（1）校园食品安全监管不严,建立食堂巡查制度。每周巡查一次。,李明,区教育局,,"
            "2025年9月30日前,限期整改,问题整改到位,最新进展：已实现全覆盖，每周巡查一次。,0%,已销号,"
            "已销号,\r\n");
    has(&b,
        "\r\n2,（一）落实全面从严治党主体责任方面,（2）教师队伍管理不规范,清理在编不在岗人员。逐人核查。,王芳,区财政局,,2025年10月15日前,"
        "限期整改,问题整改到位,已核查12人，清退3人。,0%,整改中,红灯,逾期17天\r\n");
    has(&b,
        "1,（一）落实全面从严治党主体责任方面,（1）校园食品安全监管不严,开展专项整治。覆盖全部学校。,李明,区教育局,,长期坚持,长期坚持,");
    /* A field with a quote or a comma is quoted, its quotes doubled. */
    has(&b, "\r\n3,（二）落实政府采购规定方面,\"（3）<script>alert(1)</script> & \"\"采购\"\", 管理\",");
    int lines = 0;
    for (const char *p = b.data; (p = strstr(p, "\r\n")); p += 2)
        lines++;
    assert_int_equal(lines, 7);
    buf_free(&b);
}

/* ---- the dispatch sheet ---- */

static void test_dispatch(void **state)
{
    (void)state;
    Buf b = BUF_INIT;
    render(REPORT_DISPATCH, FORMAT_MD, false, &b);
    has(&b, "# 区教育局党组巡察整改工作调度表\n\n（截至2025年11月1日）\n");
    has(&b, "共有整改措施6项，已销号3项、长期坚持事项阶段性销号1项，正在推进2项。"
            "按亮灯情况（不含已销号事项），红灯1项、黄灯1项、绿灯1项，其中逾期未完成1项；"
            "本期未按时报送进展0项；下周（2025年11月3日至11月9日）到期1项。");
    /* Units: the one with a red light first. */
    has(&b, "## 一、各牵头单位整改情况\n\n| 序号 | 牵头单位 | 措施 | 已销号 | 红灯 | 黄灯 | 逾期 |"
            " 未按期报送 | 下周到期 | 销号率 | 按期报送率 |\n| --- |");
    has(&b, "| 1 | 区财政局 | 2 | 1 | 1 | 0 | 1 | 0 | 0 | 50.0% |");
    has(&b, "| 2 | 区教育局 | 4 | 3 | 0 | 1 | 0 | 0 | 1 | 75.0% |");
    has(&b, "| 1 | 王芳 | 3 | 1 | 1 | 1 | 1 | 0 | 1 | 33.3% |");
    has(&b, "## 三、红灯事项\n\n| 序号 | 整改措施 | 反馈问题 | 牵头单位 | 责任领导 | 整改时限 | "
            "当前状态 |"
            " 亮灯 | 情况说明 | 最近报送 |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- "
            "| --- |\n"
            "| 1 | 清理在编不在岗人员 | 教师队伍管理不规范 | 区财政局 | 王芳 | 2025年10月15日前 |"
            " 整改中 | 红灯 | 逾期17天 | 2025年9月20日 |\n\n");
    has(&b, "## 四、黄灯事项\n\n");
    has(&b, "| 1 | 规范教师借调 | 教师队伍管理不规范 | 区教育局 | 王芳 | 2025年11月5日前 | 整改中 |"
            " 黄灯 | 4天后到期 |  |\n");
    has(&b, "## 六、下周到期事项\n\n");
    buf_reset(&b);

    /* After the monthly due day (the 25th) with no report in the cycle: missing reports. */
    render_on("2025-10-28", REPORT_DISPATCH, FORMAT_MD, false, &b);
    has(&b, "本期未按时报送进展3项");
    has(&b, "## 五、未按时报送进展事项\n\n");
    has(&b, "本期未按时报送进展 |");
    buf_reset(&b);

    /* xlsx: a summary sheet and one sheet per table. */
    Buf z = BUF_INIT, part = BUF_INIT;
    render(REPORT_DISPATCH, FORMAT_XLSX, false, &z);
    assert_true(zip_part(&z, "xl/workbook.xml", &part));
    has(&part, "name=\"概况\"");
    has(&part, "name=\"牵头单位\"");
    has(&part, "name=\"红灯事项\"");
    has(&part, "name=\"下周到期\"");
    buf_reset(&part);
    assert_true(zip_part(&z, "xl/worksheets/sheet7.xml", &part));
    buf_reset(&part);
    /* 最近报送 (column J of the measure sheets) is a date cell with a Chinese date format. */
    assert_true(zip_part(&z, "xl/styles.xml", &part));
    has(&part, "formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"");
    buf_reset(&part);
    int dated = 0;
    for (int k = 2; k <= 8; k++) {
        char name[40];
        snprintf(name, sizeof name, "xl/worksheets/sheet%d.xml", k);
        buf_reset(&part);
        if (!zip_part(&z, name, &part))
            continue;
        /* A J cell with a value that is not a shared string: a serial day number. */
        for (const char *c = strstr(part.data, "<c r=\"J"); c; c = strstr(c + 1, "<c r=\"J")) {
            const char *end = strchr(c, '>');
            bool header = c[7] == '1' && c[8] == '"';
            char tag[128];
            size_t len = end && end - c < 127 ? (size_t)(end - c) : 0;
            memcpy(tag, c, len);
            tag[len] = 0;
            if (!header && len && !strstr(tag, "t=\"s\"") && end[-1] != '/')
                dated++;
        }
    }
    assert_true(dated > 0);
    buf_reset(&part);
    render(REPORT_DISPATCH, FORMAT_HTML, false, &b);
    has(&b, "<td class=\"red\">红灯</td>");
    has(&b, "<td class=\"yellow\">黄灯</td>");
    buf_free(&part);
    buf_free(&z);
    buf_free(&b);
}

static void test_stats_and_formats(void **state)
{
    (void)state;
    Buf b = BUF_INIT;
    render(REPORT_STATS, FORMAT_JSON, false, &b);
    has(&b, "\"measures\": 6");
    has(&b, "\"basically_completed\": 1");
    has(&b, "\"name\": \"区财政局\"");
    Arena a = ARENA_INIT, scratch = ARENA_INIT;
    ReportData d;
    Err err = ERR_INIT;
    assert_int_equal(report_load(&db, &a, inspection_id, test_day(AS_OF), false, &d, &err), 0);
    assert_int_equal(report_render(&d, &scratch, REPORT_TONGBAO, FORMAT_XLSX, &b, &err), -1);
    assert_int_equal(err.code, ERR_USAGE);
    assert_int_equal(report_load(&db, &a, 4242, test_day(AS_OF), false, &d, &err), -1);
    assert_int_equal(err.code, ERR_NOTFOUND);
    arena_free(&scratch);
    arena_free(&a);
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_helpers),           cmocka_unit_test(test_tongbao_md),
        cmocka_unit_test(test_tongbao_html),      cmocka_unit_test(test_tongbao_docx),
        cmocka_unit_test(test_tongbao_reimport),  cmocka_unit_test(test_ledger_xlsx),
        cmocka_unit_test(test_ledger_csv),        cmocka_unit_test(test_dispatch),
        cmocka_unit_test(test_stats_and_formats),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
