/*
** test_pg_offline.c: what of the PostgreSQL backend needs no server, so that it runs on every
** machine: SQLite's placeholders become PostgreSQL's (pg_translate) everywhere a parameter can
** stand and nowhere else (not inside strings, quoted identifiers, comments or dollar-quoted
** bodies); URIs are told from file paths; and both dialects have a migration for every schema
** version, so that a branch that adds a SQLite migration without its PostgreSQL twin fails here
** even where tests/pg cannot run.
*/
#include "testutil.h"

#include "base/embedded.h"
#include "db/pg.h"
#include "db/pg_migrate.h"

typedef struct Case {
    const char *sql;  /* SQLite's text */
    const char *want; /* PostgreSQL's text */
    int n_params;     /* the largest parameter number */
} Case;

static const Case cases[] = {
    {"SELECT 1", "SELECT 1", 0},
    {"SELECT ?1, ?2", "SELECT $1, $2", 2},
    {"SELECT ?2 WHERE a = ?1 OR b = ?2", "SELECT $2 WHERE a = $1 OR b = $2", 2},
    {"INSERT INTO t VALUES (?, ?, ?)", "INSERT INTO t VALUES ($1, $2, $3)", 3},
    {"SELECT ?3, ?", "SELECT $3, $4", 4},
    {"SELECT '?1', ?1", "SELECT '?1', $1", 1},
    {"SELECT 'it''s ?', ?1", "SELECT 'it''s ?', $1", 1},
    {"SELECT E'\\' ?', ?1", "SELECT E'\\' ?', $1", 1},
    {"SELECT \"a?b\" FROM t WHERE x = ?1", "SELECT \"a?b\" FROM t WHERE x = $1", 1},
    {"SELECT 1 -- what ?1\n, ?1", "SELECT 1 -- what ?1\n, $1", 1},
    {"SELECT /* ?9 */ ?1", "SELECT /* ?9 */ $1", 1},
    {"SELECT $$ ?1 $$, $f$ ? $f$, ?1", "SELECT $$ ?1 $$, $f$ ? $f$, $1", 1},
    {"SELECT '标题？' || ?1", "SELECT '标题？' || $1", 1},
    {"SELECT 'open", "SELECT 'open", 0},
    {"SELECT ?10", "SELECT $10", 10},
};

static void test_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Buf out = BUF_INIT;
        int n = -1;
        pg_translate(cases[i].sql, &out, &n);
        if (strcmp(out.data, cases[i].want) != 0 || n != cases[i].n_params)
            fail_msg("case %zu: '%s' gave '%s' (%d params), want '%s' (%d)", i, cases[i].sql,
                     out.data, n, cases[i].want, cases[i].n_params);
        buf_free(&out);
    }
}

static void test_is_uri(void **state)
{
    (void)state;
    assert_true(pg_is_uri("postgres://u@h/db"));
    assert_true(pg_is_uri("postgresql:///zhenggai?host=/tmp"));
    assert_false(pg_is_uri("demo.db"));
    assert_false(pg_is_uri("./postgres://x"));
    assert_false(pg_is_uri("postgresql:"));
    assert_false(pg_is_uri(NULL));
}

static void test_migrations_in_step(void **state)
{
    (void)state;
    assert_int_equal(pg_migration_count(), DB_SCHEMA_VERSION);
    for (int i = 0; i < pg_migration_count(); i++)
        if (!embedded_find(pg_migration_name(i)))
            fail_msg("%s is not embedded", pg_migration_name(i));
    assert_null(pg_migration_name(pg_migration_count()));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_is_uri),
        cmocka_unit_test(test_migrations_in_step),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
