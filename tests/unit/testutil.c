/*
** testutil.c: helpers shared by the unit tests (testutil.h).
*/
#include "testutil.h"

#include "import/grammar.h"

#include <unistd.h>

static char tmp_path[64];

static void remove_tmp(void)
{
    char p[80];
    unlink(tmp_path);
    snprintf(p, sizeof p, "%s-wal", tmp_path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", tmp_path);
    unlink(p);
}

void test_db_open(Db *db)
{
    Err err = ERR_INIT;
    if (!tmp_path[0]) {
        snprintf(tmp_path, sizeof tmp_path, "/tmp/zg-test-%d.db", (int)getpid());
        atexit(remove_tmp);
    }
    remove_tmp();
    if (db_open(db, tmp_path, DB_CREATE, &err) < 0 || db_migrate(db, &err) < 0)
        fail_msg("cannot open test database: %s", err.msg);
}

Day test_day(const char *iso)
{
    Day d;
    if (date_parse(iso, strlen(iso), &d) < 0)
        fail_msg("bad test date '%s'", iso);
    return d;
}

double test_figure(const ImportDoc *doc, const char *key)
{
    int i = vocab_parse(VOCAB_FIGURE, key);
    if (i < 0)
        fail_msg("no figure key %s", key);
    return doc->has_figure[i] ? doc->figures[i] : -1;
}

static int skipped; /* test cases skipped in this program */

void test_note_skip(void)
{
    skipped++;
}

int test_result(int failed)
{
    if (failed)
        return failed;
    if (skipped) {
        print_message("%d test case(s) skipped: reporting the program as skipped\n", skipped);
        return TEST_SKIPPED;
    }
    return 0;
}
