/*
** test_registers.c: the registers' rules and counts: every enumeration's names and labels
** round-trip, outcome sub-types belong to their type, the rules refuse bad entries (and write
** nothing), audit details never carry a subject's name, and the report counts as of a past day
** leave out what was dated or entered after it.
*/
#include "testutil.h"

#include "db/inspection_store.h"
#include "db/report_store.h"
#include "ledger/registers.h"
#include "report/report.h"

static const Actor office = {0, "office", ROLE_BIT(ROLE_OFFICE), 0, 0};
static const Actor discipline = {0, "discipline", ROLE_BIT(ROLE_DISCIPLINE), 0, 0};

static void test_forms(void **state)
{
    (void)state;
    assert_int_equal(reg_outcome_form(OUTCOME_TALK_REMINDER), FORM_FIRST);
    assert_int_equal(reg_outcome_form(OUTCOME_CRITICISM), FORM_FIRST);
    assert_int_equal(reg_outcome_form(OUTCOME_ADMONITION), FORM_SECOND);
    assert_int_equal(reg_outcome_form(OUTCOME_ORG_HANDLING), FORM_THIRD);
    assert_int_equal(reg_outcome_form(OUTCOME_PARTY_SANCTION), FORM_FOURTH);
    assert_int_equal(reg_outcome_form(OUTCOME_CASE), -1);
    assert_string_equal(reg_form_ordinal(FORM_THIRD), "第三种形态");
    assert_int_equal(reg_outcome_n_subtypes(OUTCOME_PARTY_SANCTION), PARTY__COUNT);
    assert_string_equal(reg_outcome_subtype(OUTCOME_PARTY_SANCTION, PARTY_SERIOUS_WARNING),
                        "严重警告");
    assert_true(reg_outcome_subtype_ok(OUTCOME_PARTY_SANCTION, "留党察看"));
    assert_true(reg_outcome_subtype_ok(OUTCOME_GOV_SANCTION, "记大过"));
    assert_true(reg_outcome_subtype_ok(OUTCOME_ORG_HANDLING, "免职"));
    assert_false(reg_outcome_subtype_ok(OUTCOME_PARTY_SANCTION, "记大过"));
    assert_false(reg_outcome_subtype_ok(OUTCOME_ADMONITION, "警告"));
    assert_true(reg_outcome_subtype_ok(OUTCOME_ADMONITION, ""));
}

static int64_t count(Db *db, const char *sql)
{
    return test_sql_int(db, sql);
}

static int64_t new_inspection(Db *db)
{
    return test_sql_int(db, "INSERT INTO inspection(title, created_at) VALUES('测试巡察',"
                            " '2026-01-01T00:00:00Z') RETURNING id");
}

static void test_rules(void **state)
{
    (void)state;
    Db db;
    test_db_open(&db);
    int64_t in = new_inspection(&db);
    Err err = ERR_INIT;
    const char *field = NULL;

    Clue c = {0};
    c.inspection_id = in;
    c.subject_name = "甄士隐";
    c.received_on = test_day("2026-05-01");
    c.concluded_on = DAY_NONE;
    c.disposal = -1;
    c.state = CLUE_CONCLUDED;
    assert_int_equal(registers_clue_save(&db, &discipline, &c, &field, &err), -1);
    assert_string_equal(field, "concluded_on");
    c.state = CLUE_OPEN;
    c.disposal = DISPOSAL__COUNT;
    assert_int_equal(registers_clue_save(&db, &discipline, &c, &field, &err), -1);
    assert_string_equal(field, "disposal");
    c.disposal = DISPOSAL_PRELIMINARY;
    c.subject_name =
        "一个非常非常非常非常非常非常非常非常非常非常非常非常非常长的名字超过三十二个字";
    assert_int_equal(registers_clue_save(&db, &discipline, &c, &field, &err), -1);
    assert_string_equal(field, "subject_name");
    assert_int_equal(count(&db, "SELECT count(*) FROM clue"), 0);
    c.subject_name = "甄士隐";
    assert_int_equal(registers_clue_save(&db, &discipline, &c, &field, &err), 0);
    assert_true(c.id > 0);

    ClueOutcome o = {0};
    o.clue_id = c.id;
    o.type = "party_sanction";
    o.subtype = "记过";
    o.persons = 1;
    assert_int_equal(registers_outcome_add(&db, &discipline, &o, &field, &err), -1);
    assert_string_equal(field, "subtype");
    o.subtype = "警告";
    o.persons = 0;
    assert_int_equal(registers_outcome_add(&db, &discipline, &o, &field, &err), -1);
    o.persons = 2;
    assert_int_equal(registers_outcome_add(&db, &discipline, &o, &field, &err), 0);
    assert_int_equal(count(&db, "SELECT count(*) FROM clue_outcome WHERE type = '党纪处分'"), 1);
    /* The audit log records the clue and its outcome, never the subject. */
    assert_int_equal(count(&db, "SELECT count(*) FROM audit WHERE object LIKE 'clue:%'"), 2);
    assert_int_equal(count(&db, "SELECT count(*) FROM audit WHERE detail LIKE '%甄士隐%'"), 0);

    Mechanism m = {0};
    m.inspection_id = in;
    m.title = "";
    m.issued_on = DAY_NONE;
    assert_int_equal(registers_mechanism_add(&db, &office, &m, NULL, 0, NULL, 0, &field, &err), -1);
    assert_string_equal(field, "title");
    int64_t foreign_finding = 999;
    m.title = "公务接待管理规定";
    assert_int_equal(
        registers_mechanism_add(&db, &office, &m, &foreign_finding, 1, NULL, 0, &field, &err), -1);
    assert_string_equal(field, "findings");
    assert_int_equal(registers_mechanism_add(&db, &office, &m, NULL, 0, NULL, 0, &field, &err), 0);
    assert_int_equal(
        count(&db, "SELECT count(*) FROM mechanism WHERE title = '《公务接待管理规定》'"), 1);

    Recovery r = {0};
    r.inspection_id = in;
    r.kind = "refund";
    r.amount_fen = 0;
    r.recorded_on = test_day("2026-06-01");
    assert_int_equal(registers_recovery_add(&db, &office, &r, &field, &err), -1);
    assert_string_equal(field, "amount");
    r.kind = "fine";
    r.amount_fen = 100;
    assert_int_equal(registers_recovery_add(&db, &office, &r, &field, &err), -1);
    assert_string_equal(field, "kind");

    Feedback f = {0};
    f.body = "";
    assert_int_equal(registers_feedback_submit(&db, &f, "127.0.0.1", &field, &err), -1);
    assert_string_equal(field, "body");
    f.body = "建议公开更多细节。";
    assert_int_equal(registers_feedback_submit(&db, &f, "127.0.0.1", &field, &err), 0);
    assert_int_equal(registers_feedback_answer(&db, &office, f.id, "handled", "x", &field, &err),
                     -1);
    assert_int_equal(
        registers_feedback_answer(&db, &office, f.id, "answered", "已答复。", &field, &err), 0);
    int64_t clue_id;
    assert_int_equal(registers_feedback_to_clue(&db, &office, f.id, in, &clue_id, &err), 0);
    assert_int_equal(registers_feedback_to_clue(&db, &office, f.id, in, &clue_id, &err), -1);
    assert_int_equal(err.code, ERR_CONFLICT);
    db_close(&db);
}

static void test_cutoff(void **state)
{
    (void)state;
    Db db;
    test_db_open(&db);
    int64_t in = new_inspection(&db);
    /* Held before the day and entered before it; held after it; held before but entered after. */
    char sql[512];
    snprintf(sql, sizeof sql,
             "INSERT INTO meeting(inspection_id, kind, held_on, created_at) VALUES"
             " (%lld, 'standing', '2026-05-01', '2026-05-01T09:00:00Z'),"
             " (%lld, 'standing', '2026-07-01', '2026-07-01T09:00:00Z'),"
             " (%lld, 'special', '2026-05-02', '2026-08-01T09:00:00Z'),"
             " (%lld, 'special', '2026-05-03', NULL);"
             "INSERT INTO recovery(inspection_id, kind, amount_fen, recorded_on, created_at) VALUES"
             " (%lld, 'refund', 100, '2026-05-01', '2026-05-31T23:59:59Z'),"
             " (%lld, 'refund', 1000, '2026-06-02', '2026-06-02T00:00:00Z');",
             (long long)in, (long long)in, (long long)in, (long long)in, (long long)in,
             (long long)in);
    test_sql_exec(&db, sql);
    ReportCounts rc;
    Err err = ERR_INIT;
    assert_int_equal(report_store_counts(&db, in, test_day("2026-06-01"), &rc, &err), 0);
    assert_int_equal(rc.meetings[MEETING_STANDING], 1);
    assert_int_equal(rc.meetings[MEETING_SPECIAL], 1); /* the one without an entry time */
    assert_int_equal(rc.refund_fen, 100);
    assert_int_equal(report_store_counts(&db, in, DAY_NONE, &rc, &err), 0);
    assert_int_equal(rc.meetings[MEETING_STANDING], 2);
    assert_int_equal(rc.meetings[MEETING_SPECIAL], 2);
    assert_int_equal(rc.refund_fen, 1100);
    db_close(&db);
}

/* Until the register has a clue, the imported document's figures stand, and the report says so. */
static void test_document_figures(void **state)
{
    (void)state;
    Db db;
    test_db_open(&db);
    int64_t in = new_inspection(&db);
    char sql[256];
    snprintf(sql, sizeof sql,
             "INSERT INTO inspection_figure(inspection_id, key, value) VALUES (%lld,"
             " 'party_discipline', '5'), (%lld, 'admonition', '2')",
             (long long)in, (long long)in);
    test_sql_exec(&db, sql);
    Arena a = ARENA_INIT;
    Err err = ERR_INIT;
    ReportData d;
    assert_int_equal(report_load(&db, &a, in, test_day("2026-06-01"), false, &d, &err), 0);
    assert_true(d.clues_from_document);
    assert_int_equal(d.n_outcomes, 2);
    Buf md = BUF_INIT;
    assert_int_equal(report_render(&d, &a, REPORT_TONGBAO, FORMAT_MD, &md, &err), 0);
    assert_non_null(strstr(md.data, "给予党纪处分5人"));
    assert_non_null(strstr(md.data, "以上数据为反馈时文件所载"));
    buf_reset(&md);
    /* One clue entered: the register's figures replace the document's. */
    Clue c = {0};
    c.inspection_id = in;
    c.received_on = test_day("2026-05-01");
    c.concluded_on = DAY_NONE;
    c.disposal = -1;
    const char *field;
    assert_int_equal(registers_clue_save(&db, &discipline, &c, &field, &err), 0);
    assert_int_equal(report_load(&db, &a, in, test_day("2026-06-01"), false, &d, &err), 0);
    assert_false(d.clues_from_document);
    assert_int_equal(report_render(&d, &a, REPORT_TONGBAO, FORMAT_MD, &md, &err), 0);
    assert_null(strstr(md.data, "党纪处分5人"));
    assert_non_null(strstr(md.data, "以上数据来自线索台账"));
    buf_free(&md);
    arena_free(&a);
    db_close(&db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forms),
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_cutoff),
        cmocka_unit_test(test_document_figures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
