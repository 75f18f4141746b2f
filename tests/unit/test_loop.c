/*
** test_loop.c: the daily loop against a real database: evidence types decided by content,
** files stored once under the data folder and rows only after files, progress reports through
** draft → submitted → accepted, the refusals of loop.c's table, supervision lighting a measure
** red when its response is overdue, revisits, and spot checks drawn reproducibly from a seed.
*/
#include "testutil.h"

#include "base/arena.h"
#include "base/filetype.h"
#include "base/hash.h"
#include "db/evidence_store.h"
#include "db/finding_store.h"
#include "db/inspection_store.h"
#include "db/measure_store.h"
#include "db/org_store.h"
#include "db/activity_store.h"
#include "db/audit_store.h"
#include "db/user_store.h"
#include "ledger/apply.h"
#include "ledger/followup.h"
#include "ledger/light.h"

#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

typedef struct Fixture {
    Db db;
    char db_path[128];
    const char *files;
    Arena arena;
    int64_t measure, inspection, finding;
    Actor office, lead, lead2, co, other, leader;
} Fixture;

static int64_t count_sql(Db *db, const char *sql)
{
    return test_sql_int(db, sql);
}

static Actor add_user(Fixture *f, const char *login, unsigned roles, int64_t unit, int64_t person)
{
    Err err = ERR_INIT;
    User u = {.login = login, .display_name = login, .unit_id = unit, .person_id = person,
              .roles = roles};
    assert_int_equal(user_store_insert(&f->db, &u, &err), 0);
    return (Actor){u.id, login, roles, unit, person};
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    Err err = ERR_INIT;
    f->arena = (Arena)ARENA_INIT;
    test_db_open(&f->db);
    snprintf(f->db_path, sizeof f->db_path, "/tmp/zg-test-%d.db", (int)getpid());
    f->files = evidence_files_dir(&f->arena, f->db_path);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->files);
    assert_int_equal(system(cmd), 0);
    Unit lead = {0, "区财政局", NULL, UNIT_GOVERNMENT, 0}, co = {0, "区审计局", NULL, UNIT_GOVERNMENT, 0},
         other = {0, "区教育局", NULL, UNIT_GOVERNMENT, 0};
    assert_int_equal(unit_store_insert(&f->db, &lead, &err), 0);
    assert_int_equal(unit_store_insert(&f->db, &co, &err), 0);
    assert_int_equal(unit_store_insert(&f->db, &other, &err), 0);
    Person boss = {0, "张三", "区委常委", 0};
    assert_int_equal(person_store_insert(&f->db, &boss, &err), 0);
    f->office = add_user(f, "office", ROLE_BIT(ROLE_OFFICE), 0, 0);
    f->lead = add_user(f, "caizheng", ROLE_BIT(ROLE_UNIT), lead.id, 0);
    f->lead2 = add_user(f, "caizheng2", ROLE_BIT(ROLE_UNIT), lead.id, 0);
    f->co = add_user(f, "shenji", ROLE_BIT(ROLE_UNIT), co.id, 0);
    f->other = add_user(f, "jiaoyu", ROLE_BIT(ROLE_UNIT), other.id, 0);
    f->leader = add_user(f, "zhangsan", ROLE_BIT(ROLE_LEADER), 0, boss.id);

    Inspection in;
    memset(&in, 0, sizeof in);
    in.title = "测试巡察整改";
    in.kind = INSPECTION_XUNCHA;
    in.report_cycle = CYCLE_MONTHLY;
    in.warn_days = 7;
    in.onsite_start = in.onsite_end = in.concentrated_end = in.published_on = DAY_NONE;
    in.feedback_on = test_day("2026-01-10");
    assert_int_equal(inspection_store_insert(&f->db, &in, &err), 0);
    f->inspection = in.id;
    Finding p;
    memset(&p, 0, sizeof p);
    p.inspection_id = in.id;
    p.level = LEVEL_PROBLEM;
    p.ordinal = 1;
    p.title = "国有企业资金管理不规范";
    assert_int_equal(finding_store_insert(&f->db, &p, &err), 0);
    f->finding = p.id;
    for (int i = 0; i < 6; i++) {
        Measure m;
        memset(&m, 0, sizeof m);
        m.inspection_id = in.id;
        m.finding_id = p.id;
        m.ordinal = i + 1;
        m.title = "加强国有企业资金管理";
        m.kind = KIND_DATED;
        m.deadline = test_day("2026-12-31");
        m.lead_unit_id = lead.id;
        m.closed_on = m.revisit_due = DAY_NONE;
        int64_t leaders[] = {boss.id};
        int64_t cos[] = {co.id};
        m.leader_ids = leaders;
        m.n_leaders = 1;
        m.co_unit_ids = cos;
        m.n_co_units = 1;
        assert_int_equal(measure_store_insert(&f->db, &m, &err), 0);
        if (i == 0)
            f->measure = m.id;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->files);
    (void)!system(cmd);
    db_close(&f->db);
    arena_free(&f->arena);
    free(f);
    return 0;
}

/* A temporary upload holding p[0..n), as the web layer leaves it in the data folder's tmp/. */
static EvidenceUpload upload(Fixture *f, const char *name, const void *p, size_t n)
{
    Err err = ERR_INIT;
    const char *tmp = evidence_tmp_dir(&f->arena, f->files, &err);
    assert_non_null(tmp);
    static int seq;
    const char *path = arena_printf(&f->arena, "%s/up-%d", tmp, ++seq);
    FILE *out = fopen(path, "wb");
    assert_non_null(out);
    assert_int_equal(fwrite(p, 1, n, out), n);
    fclose(out);
    char *sha = arena_alloc(&f->arena, HASH_HEX_SIZE);
    hash_sha256_hex(p, n, sha);
    return (EvidenceUpload){name, path, (int64_t)n, sha};
}

static const char PDF[] = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
static const unsigned char PNG[] = {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13};
static const unsigned char OLE[] = {0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0};
static const unsigned char ELF[] = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};

/* A zip in memory with the given (name, content) entries; caller frees *out. */
static void make_zip(const char *const *names, const char *const *contents, const size_t *lens,
                     int n, void **out, size_t *len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_source_keep(src);
    zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    assert_non_null(z);
    for (int i = 0; i < n; i++) {
        zip_source_t *s = zip_source_buffer(z, contents[i], lens[i], 0);
        assert_true(zip_file_add(z, names[i], s, ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
    zip_stat_t st;
    assert_int_equal(zip_source_stat(src, &st), 0);
    *len = (size_t)st.size;
    *out = malloc(*len);
    assert_int_equal(zip_source_open(src), 0);
    assert_int_equal(zip_source_read(src, *out, *len), (zip_int64_t)*len);
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&ze);
}

static void test_types_by_content(void **state)
{
    (void)state;
    const char *why;
    assert_int_equal(filetype_detect_mem(PDF, sizeof PDF - 1, "x.jpg", &why), FILETYPE_PDF);
    assert_int_equal(filetype_detect_mem(PNG, sizeof PNG, "a.pdf", &why), FILETYPE_PNG);
    assert_int_equal(filetype_detect_mem("\xff\xd8\xff\xe0", 4, NULL, &why), FILETYPE_JPEG);
    assert_int_equal(filetype_detect_mem(OLE, sizeof OLE, "表.XLS", &why), FILETYPE_XLS);
    assert_int_equal(filetype_detect_mem(OLE, sizeof OLE, "文.wps", &why), FILETYPE_WPS);
    assert_int_equal(filetype_detect_mem(OLE, sizeof OLE, "文.doc", &why), FILETYPE_DOC);
    assert_int_equal(filetype_detect_mem(ELF, sizeof ELF, "a.pdf", &why), FILETYPE_NONE);
    assert_non_null(strstr(why, "文件格式不受支持"));
    const char html[] = "<!DOCTYPE html><script>alert(1)</script>";
    assert_int_equal(filetype_detect_mem(html, sizeof html - 1, "a.jpg", &why), FILETYPE_NONE);
    assert_int_equal(filetype_detect_mem("", 0, "a.pdf", &why), FILETYPE_NONE);

    void *z;
    size_t n;
    const char *docx_n[] = {"[Content_Types].xml", "word/document.xml"};
    const char *docx_c[] = {"<Types/>", "<w:document/>"};
    size_t docx_l[] = {8, 13};
    make_zip(docx_n, docx_c, docx_l, 2, &z, &n);
    assert_int_equal(filetype_detect_mem(z, n, "a.zip", &why), FILETYPE_DOCX);
    /* A DOCX inside a zip, beside a PDF: an allowed archive. */
    const char *arc_n[] = {"材料/报告.docx", "材料/扫描件.pdf"};
    const char *arc_c[] = {z, PDF};
    size_t arc_l[] = {n, sizeof PDF - 1};
    void *arc;
    size_t arc_len;
    make_zip(arc_n, arc_c, arc_l, 2, &arc, &arc_len);
    assert_int_equal(filetype_detect_mem(arc, arc_len, "材料.zip", &why), FILETYPE_ZIP);
    free(arc);
    free(z);
    const char *ofd_n[] = {"OFD.xml"};
    const char *ofd_c[] = {"<ofd:OFD/>"};
    size_t ofd_l[] = {10};
    make_zip(ofd_n, ofd_c, ofd_l, 1, &z, &n);
    assert_int_equal(filetype_detect_mem(z, n, NULL, &why), FILETYPE_OFD);
    free(z);
    const char *bad_n[] = {"ok.pdf", "run.exe"};
    const char *bad_c[] = {PDF, (const char *)ELF};
    size_t bad_l[] = {sizeof PDF - 1, sizeof ELF};
    make_zip(bad_n, bad_c, bad_l, 2, &z, &n);
    assert_int_equal(filetype_detect_mem(z, n, "a.zip", &why), FILETYPE_NONE);
    assert_non_null(strstr(why, "压缩包"));
    free(z);
    assert_int_equal(filetype_detect_mem("PK\3\4garbage", 11, NULL, &why), FILETYPE_NONE);
    assert_string_equal(filetype_label(FILETYPE_PDF), "PDF 文件");
    assert_string_equal(filetype_label(FILETYPE_PNG), "图片");
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static void test_progress_and_evidence(void **state)
{
    Fixture *f = *state;
    Err err = ERR_INIT;
    int64_t draft, ev1, ev2, ev3;
    const char *refused;
    Day today = test_day("2026-03-02");
    /* Another unit may not write on this measure; the co-unit may. */
    assert_int_equal(ledger_progress_draft(&f->db, &f->other, f->measure, "进展", 10, today, false, &draft, &err), -1);
    assert_int_equal(err.code, ERR_FORBIDDEN);
    assert_int_equal(ledger_progress_draft(&f->db, &f->co, f->measure, "已完成排查", 40, today, false, &draft, &err), 0);

    /* A refused type: nothing stored, no row. */
    EvidenceUpload bad = upload(f, "报告.pdf", ELF, sizeof ELF);
    assert_int_equal(ledger_evidence_attach(&f->db, f->files, &f->co, f->measure, draft, &bad, &ev1, &refused, &err), -1);
    assert_non_null(refused);
    assert_int_equal(count_sql(&f->db, "SELECT count(*) FROM evidence"), 0);

    /* The same PDF twice: two rows, one stored file. */
    EvidenceUpload a = upload(f, "整改报告.pdf", PDF, sizeof PDF - 1);
    EvidenceUpload b = upload(f, "整改报告（副本）.pdf", PDF, sizeof PDF - 1);
    assert_int_equal(ledger_evidence_attach(&f->db, f->files, &f->co, f->measure, draft, &a, &ev1, &refused, &err), 0);
    assert_int_equal(ledger_evidence_attach(&f->db, f->files, &f->co, f->measure, draft, &b, &ev2, &refused, &err), 0);
    assert_true(exists(evidence_file_path(&f->arena, f->files, a.sha256)));
    assert_false(exists(a.tmp_path));
    assert_false(exists(b.tmp_path));
    assert_int_equal(count_sql(&f->db, "SELECT count(*) FROM evidence"), 2);
    assert_int_equal(count_sql(&f->db, "SELECT count(DISTINCT sha256) FROM evidence"), 1);
    /* The lead unit may not attach to the co-unit's draft. */
    EvidenceUpload c = upload(f, "照片.png", PNG, sizeof PNG);
    assert_int_equal(ledger_evidence_attach(&f->db, f->files, &f->lead, f->measure, draft, &c, &ev3, &refused, &err), -1);
    assert_int_equal(err.code, ERR_FORBIDDEN);

    /* Submitted: the co-unit's report waits; it cannot be accepted by its author nor changed. */
    assert_int_equal(ledger_progress_submit(&f->db, &f->co, draft, today, &err), 0);
    assert_int_equal(ledger_evidence_attach(&f->db, f->files, &f->co, f->measure, draft, &c, &ev3, &refused, &err), -1);
    assert_int_equal(err.code, ERR_CONFLICT);
    assert_int_equal(ledger_progress_review(&f->db, &f->co, draft, true, NULL, today, &err), -1);
    assert_int_equal(err.code, ERR_FORBIDDEN);
    assert_int_equal(ledger_progress_review(&f->db, &f->lead, draft, false, NULL, today, &err), -1);
    assert_int_equal(err.code, ERR_INPUT); /* a return needs its reason */

    /* Close-out needs an accepted report with evidence: not yet. */
    ApplyResult res;
    assert_int_equal(ledger_apply(&f->db, &f->lead, f->measure, ACTION_REQUEST_CLOSE, NULL, today, &res, &err), -1);
    assert_int_equal(err.code, ERR_INPUT);
    assert_int_equal(ledger_progress_review(&f->db, &f->lead, draft, true, NULL, today, &err), 0);
    assert_int_equal(ledger_progress_review(&f->db, &f->lead, draft, true, NULL, today, &err), -1);
    assert_int_equal(err.code, ERR_CONFLICT);
    assert_int_equal(count_sql(&f->db, "SELECT percent FROM measure WHERE id = 1"), 0); /* a share */

    /* Withdrawn, not deleted; the withdrawal needs a reason; twice is a conflict. */
    assert_int_equal(ledger_evidence_withdraw(&f->db, &f->co, ev2, NULL, &err), -1);
    assert_int_equal(ledger_evidence_withdraw(&f->db, &f->other, ev2, "误传", &err), -1);
    assert_int_equal(err.code, ERR_FORBIDDEN);
    assert_int_equal(ledger_evidence_withdraw(&f->db, &f->co, ev2, "误传重复文件", &err), 0);
    assert_int_equal(ledger_evidence_withdraw(&f->db, &f->co, ev2, "误传重复文件", &err), -1);
    assert_int_equal(err.code, ERR_CONFLICT);
    assert_int_equal(count_sql(&f->db, "SELECT count(*) FROM evidence"), 2);
    assert_int_equal(ledger_apply(&f->db, &f->lead, f->measure, ACTION_REQUEST_CLOSE, NULL, today, &res, &err), 0);
    assert_int_equal(count_sql(&f->db, "SELECT count(*) FROM audit WHERE action LIKE 'evidence.%'"), 3);
    /* Once the measure is closed, the files it was closed on stay: no withdrawal. */
    assert_int_equal(db_exec(&f->db, "UPDATE measure SET state = 'closed' WHERE id = 1", &err), 0);
    assert_int_equal(ledger_evidence_withdraw(&f->db, &f->co, ev1, "误传", &err), -1);
    assert_int_equal(err.code, ERR_CONFLICT);
    assert_int_equal(db_exec(&f->db, "UPDATE measure SET state = 'submitted' WHERE id = 1", &err), 0);

    /* A crash between the rename and the commit leaves a file without a row: the sweep removes it. */
    const char *orphan = evidence_file_path(&f->arena, f->files,
                                            "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    char *dir = arena_strdup(&f->arena, orphan);
    *strrchr(dir, '/') = 0;
    mkdir(dir, 0700);
    FILE *o = fopen(orphan, "w");
    assert_non_null(o);
    fclose(o);
    int removed;
    assert_int_equal(evidence_store_sweep(&f->db, f->files, 0, &removed, &err), 0);
    assert_int_equal(removed, 1);
    assert_false(exists(orphan));
    assert_true(exists(evidence_file_path(&f->arena, f->files, a.sha256)));
}

/* The lead unit's report sets the measure's percent inside what the audit entry records: the
   chain and every object's digest still verify afterwards. */
static void test_lead_report_percent(void **state)
{
    Fixture *f = *state;
    Err err = ERR_INIT;
    int64_t id, rows;
    Day today = test_day("2026-03-02");
    assert_int_equal(ledger_progress_draft(&f->db, &f->lead, f->measure, "已完成过半", 60, today,
                                           true, &id, &err), 0);
    assert_int_equal(count_sql(&f->db, "SELECT percent FROM measure WHERE id = 1"), 60);
    if (audit_store_verify(&f->db, &rows, &err) < 0)
        fail_msg("%s", err.msg);
}

/* The latest audit digest about measure 1 (test's arena). */
static const char *latest_digest(Fixture *f)
{
    DbStmt *st = db_prepare(&f->db, DB_SQL("SELECT digest FROM audit WHERE object = 'measure:1'"
                                           " AND digest IS NOT NULL ORDER BY seq DESC LIMIT 1"));
    Err err = ERR_INIT;
    assert_int_equal(db_step(&f->db, st, &err), 1);
    const char *d = arena_strdup(&f->arena, db_col_text(st, 0));
    db_reset(st);
    return d;
}

/* The latest entry about measure 1 lists report id with flag ('o' open, 't' settled). */
static void assert_listed(Fixture *f, int64_t id, char flag)
{
    char item[48];
    snprintf(item, sizeof item, ";%lld:%c:", (long long)id, flag);
    assert_non_null(strstr(latest_digest(f), item));
}

/* audit verify fails naming want (a fragment of its message). */
static void verify_fails(Fixture *f, const char *want)
{
    Err err = ERR_INIT;
    int64_t rows;
    assert_int_equal(audit_store_verify(&f->db, &rows, &err), -1);
    if (!strstr(err.msg, want))
        fail_msg("verify said '%s', want '%s'", err.msg, want);
}

static void verify_ok(Fixture *f)
{
    Err err = ERR_INIT;
    int64_t rows;
    if (audit_store_verify(&f->db, &rows, &err) < 0)
        fail_msg("%s", err.msg);
}

/*
** An audit entry about a measure records what the change touched, not the measure's history:
** after 40 reports the latest entry's digest is as short as the first one's; reports left open
** (a co-unit's, submitted) are recorded again until they settle; `audit verify` still finds
** every report changed, added or removed behind the application.
*/
static void test_bounded_digest(void **state)
{
    Fixture *f = *state;
    Err err = ERR_INIT;
    int64_t id, first = 0, co;
    Day today = test_day("2026-03-02");
    for (int i = 0; i < 40; i++) {
        assert_int_equal(ledger_progress_draft(&f->db, &f->lead, f->measure, "按计划推进",
                                               i % 100, today, true, &id, &err), 0);
        if (i == 0)
            first = id;
    }
    const char *d = latest_digest(f);
    assert_true(strncmp(d, "2;", 2) == 0);
    /* "2;" MEASURE ";" MAX ";" and one report: about 160 bytes whatever the history. */
    assert_true(strlen(d) < 200);
    verify_ok(f);

    /* A co-unit's report waits for the lead unit: open, recorded by each entry until settled. */
    assert_int_equal(ledger_progress_draft(&f->db, &f->co, f->measure, "审计局已完成排查", 30,
                                           today, true, &co, &err), 0);
    assert_int_equal(ledger_progress_draft(&f->db, &f->lead, f->measure, "继续推进", 70, today,
                                           true, &id, &err), 0);
    assert_listed(f, co, 'o');
    verify_ok(f);
    assert_int_equal(ledger_progress_review(&f->db, &f->lead, co, true, "同意", today, &err), 0);
    assert_int_equal(ledger_progress_draft(&f->db, &f->lead, f->measure, "基本完成", 90, today,
                                           true, &id, &err), 0);
    assert_listed(f, co, 't');
    verify_ok(f);

    /* A measure the application deletes takes its reports with it: still intact. */
    assert_int_equal(ledger_progress_draft(&f->db, &f->lead, 2, "进展", 10, today, true, &id,
                                           &err), 0);
    assert_int_equal(db_begin(&f->db, &err), 0);
    test_sql_exec(&f->db, "DELETE FROM event WHERE measure_id = 2; DELETE FROM measure WHERE id = 2");
    assert_int_equal(audit_store_append(&f->db, "office", AUDIT_MEASURE_DELETE, "measure:2", "",
                                        &err), 0);
    assert_int_equal(db_commit(&f->db, &err), 0);
    verify_ok(f);

    /* Behind the application: an old report's text, a report added, one removed. */
    const char *edit = arena_printf(&f->arena, "UPDATE progress SET body = '伪造' WHERE id = %lld",
                                    (long long)first);
    const char *undo = arena_printf(&f->arena,
                                    "UPDATE progress SET body = '按计划推进' WHERE id = %lld",
                                    (long long)first);
    test_sql_exec(&f->db, edit);
    verify_fails(f, arena_printf(&f->arena, "progress report %lld of measure:1 was changed",
                                 (long long)first));
    test_sql_exec(&f->db, undo);
    verify_ok(f);
    test_sql_exec(&f->db, "INSERT INTO progress(id, measure_id, body, percent, state, reported_on,"
                          " created_at) VALUES(9999, 1, '补录', 10, 'accepted', '2026-03-02',"
                          " '2026-03-02T00:00:00Z')");
    verify_fails(f, "progress report 9999 of measure:1 has no audit entry");
    test_sql_exec(&f->db, "DELETE FROM progress WHERE id = 9999");
    verify_ok(f);
    test_sql_exec(&f->db, arena_printf(&f->arena, "DELETE FROM evidence WHERE progress_id = %lld;"
                                       " DELETE FROM progress WHERE id = %lld",
                                       (long long)first, (long long)first));
    verify_fails(f, arena_printf(&f->arena, "progress report %lld of measure:1 was removed",
                                 (long long)first));
}

static Light light_of(Fixture *f, Day as_of, unsigned *why)
{
    Arena a = ARENA_INIT;
    Measure m;
    Err err = ERR_INIT;
    assert_int_equal(measure_store_get(&f->db, &a, f->measure, &m, &err), 0);
    LightRules r = {7, CYCLE_MONTHLY, 0, DAY_NONE};
    Light l = ledger_light(&m, &r, as_of, why);
    arena_free(&a);
    return l;
}

static void test_supervision(void **state)
{
    Fixture *f = *state;
    Err err = ERR_INIT;
    Day today = test_day("2026-03-02");
    Supervision s = {0};
    s.measure_id = f->measure;
    s.kind = SUPERVISION_WRITTEN;
    s.body = "请于3月10日前书面反馈整改进展";
    s.respond_by = DAY_NONE;
    s.talk_on = DAY_NONE;
    /* A unit may not supervise; a written one needs its deadline; a leader of it may. */
    assert_int_equal(ledger_supervision_issue(&f->db, &f->lead, &s, today, &err), -1);
    assert_int_equal(err.code, ERR_FORBIDDEN);
    assert_int_equal(ledger_supervision_issue(&f->db, &f->office, &s, today, &err), -1);
    assert_int_equal(err.code, ERR_INPUT);
    s.respond_by = test_day("2026-03-10");
    assert_int_equal(ledger_supervision_issue(&f->db, &f->leader, &s, today, &err), 0);
    unsigned why;
    assert_int_equal(light_of(f, test_day("2026-03-10"), &why), LIGHT_GREEN);
    assert_int_equal(light_of(f, test_day("2026-03-11"), &why), LIGHT_RED);
    assert_true(why & WHY_SUPERVISION);
    /* Only the target unit responds; then the light goes back. */
    assert_int_equal(ledger_supervision_act(&f->db, &f->co, s.id, LOOP_SUPERVISION_RESPOND, "已整改", today, &err), -1);
    assert_int_equal(err.code, ERR_FORBIDDEN);
    assert_int_equal(ledger_supervision_act(&f->db, &f->lead, s.id, LOOP_SUPERVISION_RESPOND, "", today, &err), -1);
    assert_int_equal(err.code, ERR_INPUT);
    assert_int_equal(ledger_supervision_act(&f->db, &f->lead, s.id, LOOP_SUPERVISION_RESPOND, "已按要求完成", today, &err), 0);
    assert_int_equal(ledger_supervision_act(&f->db, &f->lead, s.id, LOOP_SUPERVISION_RESPOND, "再次反馈", today, &err), -1);
    assert_int_equal(err.code, ERR_CONFLICT);
    assert_int_equal(light_of(f, test_day("2026-03-11"), &why), LIGHT_GREEN);
    /* A talk is recorded by the office only, and only for a talk. */
    assert_int_equal(ledger_supervision_act(&f->db, &f->office, s.id, LOOP_SUPERVISION_TALK, "记录", today, &err), -1);
    assert_int_equal(err.code, ERR_CONFLICT);
    /* Listed on a unit: the office lifts it with a reason. */
    Supervision l = {0};
    l.inspection_id = f->inspection;
    l.unit_id = f->other.unit_id;
    l.kind = SUPERVISION_LISTED;
    l.body = "挂牌督办";
    l.respond_by = l.talk_on = DAY_NONE;
    assert_int_equal(ledger_supervision_issue(&f->db, &f->leader, &l, today, &err), -1);
    assert_int_equal(ledger_supervision_issue(&f->db, &f->office, &l, today, &err), 0);
    assert_int_equal(ledger_supervision_act(&f->db, &f->other, l.id, LOOP_SUPERVISION_LIFT, "完成", today, &err), -1);
    assert_int_equal(ledger_supervision_act(&f->db, &f->office, l.id, LOOP_SUPERVISION_LIFT, "整改到位", today, &err), 0);

    /* Instructions: a leader of the measure gives, the lead unit acknowledges, once. */
    int64_t ins;
    assert_int_equal(ledger_instruction_give(&f->db, &f->office, f->measure, "抓紧推进", today, &ins, &err), -1);
    assert_int_equal(err.code, ERR_FORBIDDEN);
    assert_int_equal(ledger_instruction_give(&f->db, &f->leader, f->measure, "抓紧推进", today, &ins, &err), 0);
    assert_int_equal(ledger_instruction_ack(&f->db, &f->co, ins, today, &err), -1);
    assert_int_equal(ledger_instruction_ack(&f->db, &f->lead, ins, today, &err), 0);
    assert_int_equal(ledger_instruction_ack(&f->db, &f->lead, ins, today, &err), -1);
    assert_int_equal(err.code, ERR_CONFLICT);
}

/* Close measure id directly, as a verified close-out would leave it. */
static void close_measure(Fixture *f, int64_t id, Day on)
{
    Arena a = ARENA_INIT;
    Err err = ERR_INIT;
    Measure m;
    assert_int_equal(measure_store_get(&f->db, &a, id, &m, &err), 0);
    Measure next = m;
    next.state = STATE_CLOSED;
    next.closed_on = on;
    next.revisit_due = ledger_add_months(on, 6);
    assert_int_equal(measure_store_update_state(&f->db, &next, m.state, &err), 0);
    arena_free(&a);
}

static void test_revisit_and_spot_check(void **state)
{
    Fixture *f = *state;
    Err err = ERR_INIT;
    Day today = test_day("2026-09-01");
    assert_int_equal(ledger_add_months(test_day("2026-08-31"), 6), test_day("2027-02-28"));
    /* Not closed: no revisit. */
    assert_int_equal(ledger_revisit_record(&f->db, &f->office, f->measure, REVISIT_HELD, NULL, today, &err), -1);
    assert_int_equal(err.code, ERR_CONFLICT);
    for (int64_t id = 1; id <= 6; id++)
        close_measure(f, id, test_day("2026-03-01"));
    assert_int_equal(ledger_revisit_record(&f->db, &f->lead, 1, REVISIT_HELD, NULL, today, &err), -1);
    assert_int_equal(err.code, ERR_FORBIDDEN);
    assert_int_equal(ledger_revisit_record(&f->db, &f->office, 1, REVISIT_HELD, "巩固良好", today, &err), 0);
    assert_int_equal(count_sql(&f->db, "SELECT count(*) FROM measure WHERE id = 1 AND revisit_due IS NULL AND state = 'closed'"), 1);
    assert_int_equal(ledger_revisit_record(&f->db, &f->office, 2, REVISIT_RELAPSED, NULL, today, &err), -1);
    assert_int_equal(err.code, ERR_INPUT);
    assert_int_equal(ledger_revisit_record(&f->db, &f->office, 2, REVISIT_RELAPSED, "问题反弹", today, &err), 0);
    assert_int_equal(count_sql(&f->db, "SELECT count(*) FROM measure WHERE id = 2 AND state = 'relapsed'"), 1);

    /* Reproducible: the same seed over the same population draws the same measures. */
    int64_t ids[] = {3, 5, 8, 13, 21, 34, 55, 89}, units[] = {1, 1, 1, 2, 2, 2, 2, 3};
    int64_t x[8], y[8];
    int nx = ledger_spot_sample(ids, units, 8, 50, 0, false, 42, x);
    int ny = ledger_spot_sample(ids, units, 8, 50, 0, false, 42, y);
    assert_int_equal(nx, 4);
    assert_int_equal(ny, 4);
    assert_memory_equal(x, y, sizeof x[0] * 4);
    assert_int_equal(ledger_spot_sample(ids, units, 8, 0, 1, true, 7, x), 3); /* one per unit */
    assert_int_equal(ledger_spot_sample(ids, units, 8, 0, 100, false, 7, x), 8);

    SpotCheck c = {0};
    c.inspection_id = f->inspection;
    c.count = 2;
    c.seed = 12345;
    assert_int_equal(ledger_spot_draw(&f->db, &f->lead, &c, today, &err), -1);
    assert_int_equal(err.code, ERR_FORBIDDEN);
    assert_int_equal(ledger_spot_draw(&f->db, &f->office, &c, today, &err), 0);
    assert_int_equal(c.population, 5); /* measure 2 relapsed */
    assert_int_equal(c.n_items, 2);
    SpotCheck again = {0};
    again.inspection_id = f->inspection;
    again.count = 2;
    again.seed = 12345;
    assert_int_equal(ledger_spot_draw(&f->db, &f->office, &again, today, &err), 0);
    assert_int_equal(count_sql(&f->db, "SELECT count(*) FROM spot_check_item a JOIN spot_check_item b"
                                       " ON a.measure_id = b.measure_id AND a.check_id = 1 AND b.check_id = 2"), 2);
    Arena a = ARENA_INIT;
    SpotItem *items;
    int n;
    assert_int_equal(spot_store_items(&f->db, &a, c.id, &items, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_int_equal(ledger_spot_record(&f->db, &f->office, c.id, 2, SPOT_PASSED, NULL, today, &err), -1);
    assert_int_equal(ledger_spot_record(&f->db, &f->office, c.id, items[0].measure_id, SPOT_PASSED, NULL, today, &err), 0);
    assert_int_equal(ledger_spot_record(&f->db, &f->office, c.id, items[0].measure_id, SPOT_PASSED, NULL, today, &err), -1);
    assert_int_equal(err.code, ERR_CONFLICT);
    assert_int_equal(ledger_spot_record(&f->db, &f->office, c.id, items[1].measure_id, SPOT_FAILED, NULL, today, &err), -1);
    assert_int_equal(err.code, ERR_INPUT);
    assert_int_equal(ledger_spot_record(&f->db, &f->office, c.id, items[1].measure_id, SPOT_FAILED, "台账不实", today, &err), 0);
    Measure m;
    assert_int_equal(measure_store_get(&f->db, &a, items[1].measure_id, &m, &err), 0);
    assert_int_equal(m.state, STATE_RETURNED);
    assert_int_equal(m.closed_on, DAY_NONE);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_types_by_content),
        cmocka_unit_test_setup_teardown(test_progress_and_evidence, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lead_report_percent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bounded_digest, setup, teardown),
        cmocka_unit_test_setup_teardown(test_supervision, setup, teardown),
        cmocka_unit_test_setup_teardown(test_revisit_and_spot_check, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
