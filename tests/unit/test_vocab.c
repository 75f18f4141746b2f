/*
** test_vocab.c: the domain's words (db/vocab.h). One test case per row of every vocabulary:
** the stored name is an identifier that parses back to its value, the label is present, valid
** UTF-8 and the only one of its table. Then what rows cannot say on their own: unknown names
** parse to -1, the typed model_* names read the same tables, every workflow action has its
** measure.<action> audit row, and the role sets.
*/
#include "testutil.h"

#include <stdlib.h>

#include "base/utf8.h"
#include "db/model.h"
#include "ledger/workflow.h"

typedef struct Row {
    VocabId vocab; /* the table */
    int value;     /* the row */
} Row;

static bool identifier(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || *s == '.'))
            return false;
    return true;
}

static void test_row(void **state)
{
    const Row *r = *state;
    const char *name = vocab_name(r->vocab, r->value);
    const char *label = vocab_label(r->vocab, r->value);
    if (!identifier(name))
        fail_msg("%s row %d: name '%s' is not an identifier", vocab_title(r->vocab), r->value,
                 name);
    /* The first row with this name (or label) is this one: names and labels are unique. */
    assert_int_equal(vocab_parse(r->vocab, name), r->value);
    assert_true(*label);
    assert_true(utf8_valid(label, strlen(label)));
    if (vocab_parse_label(r->vocab, label) != r->value)
        fail_msg("%s: label '%s' of row %d is also row %d's", vocab_title(r->vocab), label,
                 r->value, vocab_parse_label(r->vocab, label));
    assert_string_equal(vocab_label_of(r->vocab, name, "?"), label);
}

static void test_unknown(void **state)
{
    (void)state;
    for (int v = 0; v < VOCAB__COUNT; v++) {
        assert_true(vocab_count((VocabId)v) > 0);
        assert_int_equal(vocab_parse((VocabId)v, NULL), -1);
        assert_int_equal(vocab_parse((VocabId)v, ""), -1);
        assert_int_equal(vocab_parse((VocabId)v, "no_such_word"), -1);
        assert_int_equal(vocab_parse_label((VocabId)v, "没有这个词"), -1);
        assert_int_equal(vocab_parse_or((VocabId)v, "no_such_word", 7), 7);
        assert_string_equal(vocab_label_of((VocabId)v, "no_such_word", "?"), "?");
    }
    /* Stored names are case-sensitive, as the schema's CHECKs are. */
    assert_int_equal(vocab_parse(VOCAB_MEASURE_STATE, "Closed"), -1);
}

static void test_typed_names(void **state)
{
    (void)state;
    for (int s = 0; s < STATE__COUNT; s++) {
        assert_string_equal(model_state_name((MeasureState)s), vocab_name(VOCAB_MEASURE_STATE, s));
        assert_int_equal(model_state_parse(vocab_name(VOCAB_MEASURE_STATE, s)), s);
    }
    assert_string_equal(model_state_label(STATE_IN_PROGRESS), "整改中");
    assert_string_equal(vocab_name(VOCAB_USER_STATE, USER_LOCKED), "locked");
    assert_string_equal(vocab_label(VOCAB_CLUE_DISPOSAL, DISPOSAL_TALK_INQUIRY), "谈话函询");
    assert_string_equal(vocab_label(VOCAB_PARTY_SANCTION, PARTY_PROBATION), "留党察看");
    assert_string_equal(vocab_label(VOCAB_GOV_SANCTION, GOV_MAJOR_DEMERIT), "记大过");
}

static void test_audit_of_action(void **state)
{
    (void)state;
    char want[64];
    for (int a = 0; a < ACTION__COUNT; a++) {
        snprintf(want, sizeof want, "measure.%s", workflow_action_name((Action)a));
        assert_string_equal(vocab_name(VOCAB_AUDIT_ACTION, AUDIT_OF_ACTION(a)), want);
        assert_string_equal(vocab_label(VOCAB_AUDIT_ACTION, AUDIT_OF_ACTION(a)),
                            workflow_action_label((Action)a));
    }
    assert_string_equal(vocab_label_of(VOCAB_AUDIT_ACTION, "measure.return", "?"), "退回");
    assert_string_equal(vocab_label_of(VOCAB_AUDIT_ACTION, "login.failed", "?"), "登录失败");
    assert_string_equal(vocab_label_of(VOCAB_AUDIT_ACTION, "export.ledger", "?"), "导出台账");
}

/* The help page reads these sentences: every role, light, reason and cycle has one. */
static void test_help(void **state)
{
    (void)state;
    static const VocabId helped[] = {VOCAB_ROLE, VOCAB_LIGHT, VOCAB_WHY, VOCAB_REPORT_CYCLE};
    for (size_t i = 0; i < ARRAY_SIZE(helped); i++)
        for (int v = 0; v < vocab_count(helped[i]); v++)
            if (!*vocab_help(helped[i], v))
                fail_msg("%s %s has no help sentence", vocab_title(helped[i]),
                         vocab_name(helped[i], v));
    assert_string_equal(vocab_help(VOCAB_MEASURE_STATE, STATE_CLOSED), "");
}

static void test_role_sets(void **state)
{
    (void)state;
    unsigned admins = ROLE_BIT(ROLE_SYSADMIN) | ROLE_BIT(ROLE_SECADMIN) | ROLE_BIT(ROLE_AUDITOR);
    assert_int_equal(ROLES_LEDGER & admins, 0);
    assert_int_equal(ROLES_LEDGER | admins, (1u << ROLE__COUNT) - 1);
    assert_int_equal(ROLES_ADMIN & ROLES_LEDGER, 0);
    assert_int_equal(ROLES_WIDE & ROLE_BIT(ROLE_UNIT), 0);
    assert_true((ROLES_ORG & ROLES_WIDE) == ROLES_ORG);
    assert_true(ROLES_WIDE & ROLE_BIT(ROLE_OBSERVER));
}

int main(void)
{
    int n = 0;
    for (int v = 0; v < VOCAB__COUNT; v++)
        n += vocab_count((VocabId)v);
    Row *rows = calloc((size_t)n, sizeof *rows);
    char **names = calloc((size_t)n, sizeof *names);
    struct CMUnitTest *tests = calloc((size_t)n + 5, sizeof *tests);
    int k = 0;
    for (int v = 0; v < VOCAB__COUNT; v++) {
        for (int i = 0; i < vocab_count((VocabId)v); i++, k++) {
            rows[k] = (Row){(VocabId)v, i};
            size_t len = strlen(vocab_title((VocabId)v)) + strlen(vocab_name((VocabId)v, i)) + 2;
            names[k] = malloc(len);
            snprintf(names[k], len, "%s/%s", vocab_title((VocabId)v), vocab_name((VocabId)v, i));
            tests[k] = (struct CMUnitTest){names[k], test_row, NULL, NULL, &rows[k]};
        }
    }
    tests[k++] = (struct CMUnitTest)cmocka_unit_test(test_unknown);
    tests[k++] = (struct CMUnitTest)cmocka_unit_test(test_typed_names);
    tests[k++] = (struct CMUnitTest)cmocka_unit_test(test_audit_of_action);
    tests[k++] = (struct CMUnitTest)cmocka_unit_test(test_role_sets);
    tests[k++] = (struct CMUnitTest)cmocka_unit_test(test_help);
    int failed = _cmocka_run_group_tests("vocab", tests, (size_t)k, NULL, NULL);
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
    free(tests);
    free(rows);
    return failed;
}
