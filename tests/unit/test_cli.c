/*
** test_cli.c: the command table is sorted, its names unique, and every entry documented.
*/
#include "testutil.h"

#include "cli/cli.h"

static void test_table_sorted(void **state)
{
    (void)state;
    assert_true(cli_n_commands > 0);
    for (size_t i = 0; i < cli_n_commands; i++) {
        const Command *c = &cli_commands[i];
        assert_non_null(c->fn);
        assert_true(strlen(c->usage) > 0 && strlen(c->help) > 0);
        assert_int_equal(strncmp(c->usage, c->name, strlen(c->name)), 0);
        if (i > 0 && strcmp(cli_commands[i - 1].name, c->name) >= 0)
            fail_msg("commands out of order: '%s' before '%s'", cli_commands[i - 1].name, c->name);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_table_sorted)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
