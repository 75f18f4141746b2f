/*
** test_words.c: the words the 通报 writes are the words the importer reads. Every clue outcome
** type of the vocabulary, written as the report writes it (给予党纪处分3人, 诫勉3人), is read back
** by the grammar as that type; every sanction sub-type, written after its sanction (其中严重警告
** 2人), is read back as its sub-count figure, whose key is built from the sub-type's name. One
** test case per vocabulary row.
*/
#include "testutil.h"

#include <stdlib.h>

#include "import/grammar.h"

typedef struct Row {
    VocabId vocab; /* VOCAB_OUTCOME_TYPE, VOCAB_PARTY_SANCTION or VOCAB_GOV_SANCTION */
    int value;     /* the row */
} Row;

static void test_outcome(void **state)
{
    const Row *r = *state;
    const char *label = vocab_label(VOCAB_OUTCOME_TYPE, r->value);
    char s[128];
    snprintf(s, sizeof s, "%s%s3人。", strstr(label, "处分") ? "给予" : "", label);
    GrammarHit hits[8];
    int n = grammar_scan_figures(s, strlen(s), hits, 8);
    if (n != 1 || !hits[0].type || strcmp(hits[0].type, label) != 0 || hits[0].value != 3)
        fail_msg("'%s' reads as %d hits, the first of type '%s'", s, n,
                 n && hits[0].type ? hits[0].type : "(none)");
}

static void test_sub_count(void **state)
{
    const Row *r = *state;
    bool party = r->vocab == VOCAB_PARTY_SANCTION;
    const char *sanction = vocab_label(VOCAB_OUTCOME_TYPE,
                                       party ? OUTCOME_PARTY_SANCTION : OUTCOME_GOV_SANCTION);
    char s[160], key[64];
    snprintf(s, sizeof s, "给予%s2人，其中%s2人。", sanction, vocab_label(r->vocab, r->value));
    snprintf(key, sizeof key, "%s_discipline_%s", party ? "party" : "gov",
             vocab_name(r->vocab, r->value));
    int want = (party ? FIGURE_PARTY_FIRST : FIGURE_GOV_FIRST) + r->value;
    assert_string_equal(vocab_name(VOCAB_FIGURE, want), key);
    GrammarHit hits[8];
    int n = grammar_scan_figures(s, strlen(s), hits, 8);
    if (n != 2 || hits[1].key != want || hits[1].value != 2)
        fail_msg("'%s' reads as %d hits, the second with key %d (want %s)", s, n,
                 n > 1 ? hits[1].key : -1, key);
}

int main(void)
{
    int n = OUTCOME__COUNT + PARTY__COUNT + GOV__COUNT;
    Row *rows = calloc((size_t)n, sizeof *rows);
    char (*names)[64] = calloc((size_t)n, sizeof *names);
    struct CMUnitTest *tests = calloc((size_t)n, sizeof *tests);
    int k = 0;
    static const VocabId vocabs[] = {VOCAB_OUTCOME_TYPE, VOCAB_PARTY_SANCTION, VOCAB_GOV_SANCTION};
    for (size_t v = 0; v < ARRAY_SIZE(vocabs); v++) {
        for (int i = 0; i < vocab_count(vocabs[v]); i++, k++) {
            rows[k] = (Row){vocabs[v], i};
            snprintf(names[k], sizeof names[k], "%s/%s", vocab_title(vocabs[v]),
                     vocab_name(vocabs[v], i));
            tests[k] = (struct CMUnitTest){names[k], v ? test_sub_count : test_outcome, NULL,
                                           NULL, &rows[k]};
        }
    }
    int failed = _cmocka_run_group_tests("words", tests, (size_t)k, NULL, NULL);
    free(tests);
    free(names);
    free(rows);
    return failed;
}
