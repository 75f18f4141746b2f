/*
** testutil.h: helpers shared by the unit tests: cmocka's headers in the right order, and a
** fresh database in a temporary file.
*/
#ifndef ZG_TESTUTIL_H
#define ZG_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "db/db.h"

#include <sqlite3.h> /* tests check results with their own queries (db_handle) */
#include "import/import.h"

/*
** Open a new empty database with the schema: a temporary file removed at exit, or, when
** ZG_UNIT_PG=1 (tests/pg runs the store tests again so), a fresh database on the throwaway
** PostgreSQL cluster of ZG_PG_URI (exit 77 when no server is installed).
*/
void test_db_open(Db *db);
/*
** The path or URI of a new empty database `tag` (no schema yet) for a test that opens it
** itself or hands it to the binary: DIR/TAG.db removed first, or with ZG_UNIT_PG=1 a fresh
** database zg_TAG_PID on the cluster (TAG's other bytes than [a-z0-9] as '_'). Static storage,
** overwritten by the next call.
*/
const char *test_db_fresh(const char *dir, const char *tag);
/* True when the tests run on PostgreSQL (ZG_UNIT_PG=1). */
bool test_on_pg(void);
/* The path or URI test_db_open opened last, for a test that opens it again (other threads). */
const char *test_db_path(void);
/*
** A test's own SQL, on either engine (tests check the stores with independent queries): the
** first column of the first row as an integer, or the test fails; run statements or fail; run
** statements and tell whether the database refused them.
*/
int64_t test_sql_int(Db *db, const char *sql);
void test_sql_exec(Db *db, const char *sql);
bool test_sql_fails(Db *db, const char *sql);
/* Parse "YYYY-MM-DD" or fail the test. */
Day test_day(const char *iso);
/* The demos' today, 2026-11-21, that the tests of their figures are written for. */
#define TEST_DEMO_TODAY "2026-11-21"
/*
** Open a new database (test_db_open) holding the demo of scale with seed, as of TEST_DEMO_TODAY,
** or fail the test; returns its count of measures.
*/
int test_demo_open(Db *db, int scale, uint64_t seed);
/* The integer in environment variable name, within lo..hi (exits 1 saying so), or dflt if unset. */
int test_env_int(const char *name, int lo, int hi, int dflt);
/* The headline figure key of an imported document, -1 when it states none; fails on a bad key. */
double test_figure(const ImportDoc *doc, const char *key);

/* ctest's SKIP_RETURN_CODE for the unit tests (tests/CMakeLists.txt). */
#define TEST_SKIPPED 77
/* Skip the running test case, saying why (cmocka's skip(), counted for test_result). */
#define test_skip(...)                                                                             \
    do {                                                                                           \
        test_note_skip();                                                                          \
        print_message(__VA_ARGS__);                                                                \
        skip();                                                                                    \
    } while (0)
void test_note_skip(void);
/*
** The exit status of a test program whose group had `failed` failures: failures win; else
** TEST_SKIPPED when a case was skipped, so that ctest reports the program as skipped and a
** skip is never counted as a pass; else 0.
*/
int test_result(int failed);

#endif
