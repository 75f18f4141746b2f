/*
** test_db_api.c: the stores' database API (db/db.h) on a table of its own: each tagged value
** binds what it says (NULL, "", ISO days and times, blobs), a row map fills each kind of field
** and reads a bad row as harmless values, the one-call helpers report absence as ERR_NOTFOUND,
** and the statement cache hands back the same statement for the same literal.
*/
#include "testutil.h"

#include <string.h>

#include "db/vocab.h"

/* A record with one field of each kind a column map fills. */
typedef struct Thing {
    int64_t id;       /* INTEGER PRIMARY KEY */
    int n;            /* an int field */
    bool flag;        /* a bool field */
    const char *text; /* NULL stays NULL */
    const char *str;  /* NULL reads as "" */
    Day day;          /* ISO text */
    UserState state;  /* a stored name */
    int64_t skipped;  /* filled by the row function */
    int64_t at;       /* ISO time text as seconds */
} Thing;

static void thing_row(DbStmt *st, Arena *arena, void *out)
{
    (void)arena;
    Thing *t = out;
    t->skipped = db_col_int(st, 7) * 10;
}

static const DbCol thing_cols[] = {
    DB_COL_INT(Thing, id),
    DB_COL_INT(Thing, n),
    DB_COL_INT(Thing, flag),
    DB_COL_TEXT(Thing, text),
    DB_COL_STR(Thing, str),
    DB_COL_DAY(Thing, day),
    DB_COL_VOCAB(Thing, state, VOCAB_USER_STATE, USER_DISABLED),
    DB_COL_SKIP,
    DB_COL_TIME(Thing, at),
};

static const DbRowMap thing_map = DB_MAP(Thing, thing_cols, thing_row);

#define THING_SELECT "SELECT id, n, flag, t, s, d, state, k, at FROM thing"

static int setup(void **state)
{
    Db *db = calloc(1, sizeof *db);
    test_db_open(db);
    Err err = ERR_INIT;
    if (db_exec(db,
                "CREATE TEMP TABLE thing(id INTEGER PRIMARY KEY, n INTEGER, flag INTEGER,"
                " t TEXT, s TEXT, d TEXT, state TEXT, k INTEGER, at TEXT, b BLOB)",
                &err) < 0)
        fail_msg("%s", err.msg);
    *state = db;
    return 0;
}

static int teardown(void **state)
{
    db_close(*state);
    free(*state);
    return 0;
}

static int64_t insert(Db *db, const DbVal *args)
{
    Err err = ERR_INIT;
    int64_t id = 0;
    if (db_insert(db,
                  DB_SQL("INSERT INTO thing(n, flag, t, s, d, state, k, at)"
                         " VALUES(?1,?2,?3,?4,?5,?6,?7,?8)"),
                  args, &id, &err) < 0)
        fail_msg("%s", err.msg);
    return id;
}

static void test_values_bind_what_they_say(void **state)
{
    Db *db = *state;
    Err err = ERR_INIT;
    int64_t id = insert(db, DB_ARGS(DB_INT(7), DB_ID(0), DB_TEXT(NULL), DB_STR(NULL),
                                    DB_DAY(DAY_NONE), DB_TEXT("active"), DB_INT(4), DB_TIME(0)));
    int64_t v;
    /* DB_ID(0), DB_TEXT(NULL) and DB_DAY(DAY_NONE) bind NULL; DB_STR(NULL) binds "". */
    assert_int_equal(db_scalar(db,
                               DB_SQL("SELECT (flag IS NULL) + 2 * (t IS NULL) + 4 * (s = '')"
                                      " + 8 * (d IS NULL) FROM thing WHERE id = ?1"),
                               DB_ARGS(DB_INT(id)), &v, &err),
                     0);
    assert_int_equal(v, 15);
    assert_int_equal(db_scalar(db,
                               DB_SQL("SELECT at = '1970-01-01T00:00:00Z' FROM thing"
                                      " WHERE id = ?1"),
                               DB_ARGS(DB_INT(id)), &v, &err),
                     0);
    assert_int_equal(v, 1);
    /* A day binds as ISO text; DB_AT keeps a given time and DB_NOW makes one. */
    id = insert(db, DB_ARGS(DB_INT(1), DB_ID(5), DB_TEXT("x"), DB_STR("y"),
                            DB_DAY(test_day("2026-11-30")), DB_TEXT("active"), DB_INT(0),
                            DB_AT("2026-01-02T03:04:05Z")));
    assert_int_equal(db_scalar(db,
                               DB_SQL("SELECT (d = '2026-11-30') + 2 * (at = ?2) + 4 * (flag = 5)"
                                      " FROM thing WHERE id = ?1"),
                               DB_ARGS(DB_INT(id), DB_TEXT("2026-01-02T03:04:05Z")), &v, &err),
                     0);
    assert_int_equal(v, 7);
    assert_int_equal(db_run(db, DB_SQL("UPDATE thing SET at = ?2 WHERE id = ?1"),
                            DB_ARGS(DB_INT(id), DB_NOW), &err),
                     0);
    assert_int_equal(db_scalar(db,
                               DB_SQL("SELECT length(at) = 20 AND at LIKE '20__-__-__T__:__:__Z'"
                                      " FROM thing WHERE id = ?1"),
                               DB_ARGS(DB_INT(id)), &v, &err),
                     0);
    assert_int_equal(v, 1);
}

static void test_map_reads_every_kind(void **state)
{
    Db *db = *state;
    Err err = ERR_INIT;
    Arena arena = ARENA_INIT;
    int64_t id = insert(db, DB_ARGS(DB_INT(42), DB_INT(2), DB_TEXT("t"), DB_STR("s"),
                                    DB_DAY(test_day("2026-02-28")), DB_TEXT("active"), DB_INT(3),
                                    DB_AT("2026-01-02T03:04:05Z")));
    Thing t;
    assert_int_equal(db_get(db, DB_SQL(THING_SELECT " WHERE id = ?1"), DB_ARGS(DB_INT(id)),
                            &thing_map, &arena, &t, &err),
                     1);
    assert_int_equal(t.id, id);
    assert_int_equal(t.n, 42);
    assert_true(t.flag);
    assert_string_equal(t.text, "t");
    assert_string_equal(t.str, "s");
    assert_int_equal(t.day, test_day("2026-02-28"));
    assert_int_equal(t.state, USER_ACTIVE);
    assert_int_equal(t.skipped, 30);
    assert_int_equal(t.at, 1767323045);
    arena_free(&arena);
}

static void test_bad_row_reads_as_harmless_values(void **state)
{
    Db *db = *state;
    Err err = ERR_INIT;
    Arena arena = ARENA_INIT;
    /* A state no code knows, a date that is not one, NULL strings. */
    int64_t id = insert(db, DB_ARGS(DB_INT(-1), DB_INT(0), DB_TEXT(NULL), DB_TEXT(NULL),
                                    DB_TEXT("2026-13-45"), DB_TEXT("superuser"), DB_INT(0),
                                    DB_AT("yesterday")));
    Thing *v;
    int n;
    assert_int_equal(db_list(db, DB_SQL(THING_SELECT " WHERE id = ?1"), DB_ARGS(DB_INT(id)),
                             &thing_map, &arena, &v, &n, &err),
                     0);
    assert_int_equal(n, 1);
    assert_int_equal(v[0].n, -1);
    assert_false(v[0].flag);
    assert_null(v[0].text);
    assert_string_equal(v[0].str, "");
    assert_int_equal(v[0].day, DAY_NONE);
    assert_int_equal(v[0].state, USER_DISABLED);
    assert_int_equal(v[0].at, -1);
    arena_free(&arena);
}

static void test_absence_is_not_found(void **state)
{
    Db *db = *state;
    Err err = ERR_INIT;
    Arena arena = ARENA_INIT;
    Thing t = {.n = 99};
    assert_int_equal(db_get(db, DB_SQL(THING_SELECT " WHERE id = ?1"), DB_ARGS(DB_INT(123456)),
                            &thing_map, &arena, &t, &err),
                     0);
    assert_int_equal(t.n, 99); /* untouched */
    assert_int_equal(db_get_id(db, DB_SQL(THING_SELECT " WHERE id = ?1"), 123456, &thing_map,
                               &arena, &t, "thing", &err),
                     -1);
    assert_int_equal(err.code, ERR_NOTFOUND);
    assert_string_equal(err.msg, "no thing with id 123456");
    err_clear(&err);
    assert_int_equal(db_change(db, DB_SQL("UPDATE thing SET n = 1 WHERE id = ?1"),
                               DB_ARGS(DB_INT(123456)), "thing", 123456, &err),
                     -1);
    assert_int_equal(err.code, ERR_NOTFOUND);
    err_clear(&err);
    int64_t id = insert(db, DB_ARGS(DB_INT(1), DB_INT(0), DB_TEXT(NULL), DB_STR(NULL),
                                    DB_DAY(DAY_NONE), DB_TEXT("active"), DB_INT(0), DB_NOW));
    assert_int_equal(db_change(db, DB_SQL("UPDATE thing SET n = 1 WHERE id = ?1"),
                               DB_ARGS(DB_INT(id)), "thing", id, &err),
                     0);
    assert_int_equal(db_update(db, DB_SQL("UPDATE thing SET n = n + 1 WHERE id = ?1"),
                               DB_ARGS(DB_INT(id)), &err),
                     1);
    assert_int_equal(db_update(db, DB_SQL("UPDATE thing SET n = n + 1 WHERE id = ?1"),
                               DB_ARGS(DB_INT(123456)), &err),
                     0);
    /* An UPDATE … RETURNING gives the changed row's value, or ERR_NOTFOUND. */
    int64_t back = 0;
    assert_int_equal(db_change_int(db,
                                   DB_SQL("UPDATE thing SET n = n * 10 WHERE id = ?1"
                                          " RETURNING n"),
                                   DB_ARGS(DB_INT(id)), "thing", id, &back, &err),
                     0);
    assert_int_equal(back, 20);
    assert_int_equal(db_change_int(db,
                                   DB_SQL("UPDATE thing SET n = n * 10 WHERE id = ?1"
                                          " RETURNING n"),
                                   DB_ARGS(DB_INT(123456)), "thing", 123456, &back, &err),
                     -1);
    assert_int_equal(err.code, ERR_NOTFOUND);
    err_clear(&err);
    int64_t v = -1;
    assert_int_equal(db_scalar(db, DB_SQL("SELECT n FROM thing WHERE id = ?1"),
                               DB_ARGS(DB_INT(123456)), &v, &err),
                     0);
    assert_int_equal(v, 0);
    arena_free(&arena);
}

static void test_plain_arrays_and_blobs(void **state)
{
    Db *db = *state;
    Err err = ERR_INIT;
    Arena arena = ARENA_INIT;
    assert_int_equal(db_run(db, DB_SQL("DELETE FROM thing"), DB_NOARGS, &err), 0);
    for (int i = 1; i <= 3; i++)
        insert(db, DB_ARGS(DB_INT(i), DB_INT(0), DB_TEXT(i == 2 ? NULL : "x"), DB_STR(NULL),
                           DB_DAY(DAY_NONE), DB_TEXT("active"), DB_INT(0), DB_NOW));
    int64_t *ids;
    const char **texts;
    int n;
    assert_int_equal(db_list(db, DB_SQL("SELECT n FROM thing ORDER BY n"), DB_NOARGS, &db_map_ids,
                             &arena, &ids, &n, &err),
                     0);
    assert_int_equal(n, 3);
    assert_int_equal(ids[0] + ids[1] + ids[2], 6);
    assert_int_equal(db_list(db, DB_SQL("SELECT t FROM thing ORDER BY n"), DB_NOARGS, &db_map_texts,
                             &arena, &texts, &n, &err),
                     0);
    assert_int_equal(n, 3);
    assert_string_equal(texts[0], "x");
    assert_null(texts[1]);
    /* A blob keeps its NUL bytes. */
    static const char bytes[] = {'a', 0, 'b', 0};
    int64_t id;
    assert_int_equal(db_insert(db, DB_SQL("INSERT INTO thing(b) VALUES(?1)"),
                               DB_ARGS(DB_BLOB(bytes, sizeof bytes)), &id, &err),
                     0);
    DbStmt *st = db_query(db, DB_SQL("SELECT b FROM thing WHERE id = ?1"), DB_ARGS(DB_INT(id)));
    assert_int_equal(db_step(db, st, &err), 1);
    size_t len;
    const void *p = db_col_blob(st, 0, &len);
    assert_int_equal(len, sizeof bytes);
    assert_memory_equal(p, bytes, sizeof bytes);
    db_reset(st);
    arena_free(&arena);
}

static void test_cache_keeps_one_statement_per_literal(void **state)
{
    Db *db = *state;
    static const char *const sql = DB_SQL("SELECT count(*) FROM thing");
    DbStmt *a = db_prepare(db, sql);
    DbStmt *b = db_prepare(db, sql);
    assert_ptr_equal(a, b);
    /* The same text at another address is another cache entry. */
    char copy[64];
    snprintf(copy, sizeof copy, "%s", sql);
    assert_ptr_not_equal(db_prepare(db, copy), a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_values_bind_what_they_say, setup, teardown),
        cmocka_unit_test_setup_teardown(test_map_reads_every_kind, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_row_reads_as_harmless_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_absence_is_not_found, setup, teardown),
        cmocka_unit_test_setup_teardown(test_plain_arrays_and_blobs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cache_keeps_one_statement_per_literal, setup,
                                        teardown),
    };
    return test_result(cmocka_run_group_tests(tests, NULL, NULL));
}
