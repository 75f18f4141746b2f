/*
** db_query.c: the engine-free half of db.h: running a statement with a list of tagged values
** in one call, and turning rows into records by a table of columns. Everything here is built
** on the driver's prepare / bind / step / column calls (db.c), so a second driver gets it free.
*/
#include "db.h"

#include <string.h>

#include "base/buf.h"
#include "db/vocab.h"

void db_bind_args(DbStmt *st, const DbVal *args)
{
    for (int i = 0; args && args[i].kind != DB_V_END; i++) {
        const DbVal *v = &args[i];
        switch (v->kind) {
        case DB_V_INT:
            db_bind_int(st, i + 1, v->i);
            break;
        case DB_V_ID:
            db_bind_id(st, i + 1, v->i);
            break;
        case DB_V_TEXT:
            db_bind_text(st, i + 1, v->s);
            break;
        case DB_V_STR:
            db_bind_text(st, i + 1, v->s ? v->s : "");
            break;
        case DB_V_DAY:
            db_bind_day(st, i + 1, (Day)v->i);
            break;
        case DB_V_BLOB:
            db_bind_blob(st, i + 1, v->blob, (size_t)v->i);
            break;
        case DB_V_NOW: {
            char now[TIME_ISO_SIZE];
            db_bind_text(st, i + 1, v->s ? v->s : date_now_iso(now));
            break;
        }
        case DB_V_TIME: {
            char at[TIME_ISO_SIZE];
            db_bind_text(st, i + 1, date_time_iso(v->i, at));
            break;
        }
        case DB_V_END:
            break;
        }
    }
}

void db_bind_ids(DbStmt *st, int i, const int64_t *ids, int n)
{
    Buf b = BUF_INIT;
    buf_putc(&b, '[');
    for (int k = 0; k < n; k++) {
        if (k)
            buf_putc(&b, ',');
        buf_int(&b, ids[k]);
    }
    buf_putc(&b, ']');
    db_bind_text(st, i, b.data);
    buf_free(&b);
}

void db_bind_contains(DbStmt *st, int i, const char *q)
{
    Buf b = BUF_INIT;
    buf_putc(&b, '%');
    for (const char *p = q; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            buf_putc(&b, '\\');
        buf_putc(&b, *p);
    }
    buf_putc(&b, '%');
    db_bind_text(st, i, b.data);
    buf_free(&b);
}

DbStmt *db_query(Db *db, const char *sql, const DbVal *args)
{
    DbStmt *st = db_prepare(db, sql);
    db_bind_args(st, args);
    return st;
}

int db_run(Db *db, const char *sql, const DbVal *args, Err *err)
{
    return db_step_done(db, db_query(db, sql, args), err);
}

int db_insert(Db *db, const char *sql, const DbVal *args, int64_t *id, Err *err)
{
    if (db_run(db, sql, args, err) < 0)
        return -1;
    *id = db_last_id(db);
    return 0;
}

int db_update(Db *db, const char *sql, const DbVal *args, Err *err)
{
    if (db_run(db, sql, args, err) < 0)
        return -1;
    return db_changes(db);
}

int db_change(Db *db, const char *sql, const DbVal *args, const char *what, int64_t id, Err *err)
{
    int rc = db_update(db, sql, args, err);
    if (rc == 0)
        return err_fail(err, ERR_NOTFOUND, "no %s with id %lld", what, (long long)id);
    return rc < 0 ? -1 : 0;
}

int db_change_int(Db *db, const char *sql, const DbVal *args, const char *what, int64_t id,
                  int64_t *out, Err *err)
{
    DbStmt *st = db_query(db, sql, args);
    int rc = db_step(db, st, err);
    if (rc < 0)
        return -1;
    if (rc == 0) {
        db_reset(st);
        return err_fail(err, ERR_NOTFOUND, "no %s with id %lld", what, (long long)id);
    }
    *out = db_col_int(st, 0);
    return db_step_done(db, st, err);
}

int db_scalar(Db *db, const char *sql, const DbVal *args, int64_t *out, Err *err)
{
    return db_find_id(db, db_query(db, sql, args), out, err);
}

int db_scalar_text(Db *db, const char *sql, const DbVal *args, Arena *arena, const char **out,
                   Err *err)
{
    DbStmt *st = db_query(db, sql, args);
    int rc = db_step(db, st, err);
    *out = rc == 1 ? arena_strdup(arena, db_col_text(st, 0)) : NULL;
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

/* Store the integer v into a field of size bytes at p. */
static void put_int(void *p, size_t size, int64_t v)
{
    switch (size) {
    case 1: {
        unsigned char b = v != 0;
        memcpy(p, &b, 1);
        break;
    }
    case 2: {
        int16_t x = (int16_t)v;
        memcpy(p, &x, 2);
        break;
    }
    case 4: {
        int32_t x = (int32_t)v;
        memcpy(p, &x, 4);
        break;
    }
    default:
        memcpy(p, &v, 8);
        break;
    }
}

static const DbCol id_col[] = {{DB_C_INT, sizeof(int64_t), 0, 0, 0}};
const DbRowMap db_map_ids = {sizeof(int64_t), id_col, 1, NULL};
static const DbCol text_col[] = {{DB_C_TEXT, sizeof(char *), 0, 0, 0}};
const DbRowMap db_map_texts = {sizeof(char *), text_col, 1, NULL};

void db_row_read(const DbRowMap *map, DbStmt *st, Arena *arena, void *out)
{
    char *rec = out;
    for (int i = 0; i < map->n_cols; i++) {
        const DbCol *c = &map->cols[i];
        char *field = rec + c->off;
        const char *s;
        switch ((DbColKind)c->kind) {
        case DB_C_SKIP:
            break;
        case DB_C_INT:
            put_int(field, c->size, db_col_int(st, i));
            break;
        case DB_C_TEXT:
        case DB_C_STR: {
            s = db_col_text(st, i);
            char *copy = arena_strdup(arena, s ? s : c->kind == DB_C_STR ? "" : NULL);
            memcpy(field, &copy, sizeof copy);
            break;
        }
        case DB_C_DAY: {
            Day d = db_col_day(st, i);
            memcpy(field, &d, sizeof d);
            break;
        }
        case DB_C_TIME: {
            s = db_col_text(st, i);
            int64_t t = s ? date_time_parse(s) : 0;
            memcpy(field, &t, sizeof t);
            break;
        }
        case DB_C_VOCAB:
            /* A bad row's unknown name reads as the fallback, never an abort. */
            put_int(field, c->size,
                    vocab_parse_or((VocabId)c->vocab, db_col_text(st, i), c->fallback));
            break;
        }
    }
    if (map->row)
        map->row(st, arena, out);
}

/* Step st to its end, reading each row by map into one arena array (db_rows, db_list). */
static int collect(Db *db, DbStmt *st, const DbRowMap *map, Arena *arena, void **out, int *n,
                   Err *err)
{
    size_t size = map->size;
    char *items = NULL;
    size_t count = 0, cap = 0;
    int rc;
    while ((rc = db_step(db, st, err)) == 1) {
        if (count == cap) {
            cap = cap ? 2 * cap : 64;
            items = xrealloc(items, cap * size);
        }
        memset(items + count * size, 0, size);
        db_row_read(map, st, arena, items + count * size);
        count++;
    }
    db_reset(st);
    if (rc == 0) {
        *out = arena_alloc(arena, count * size + 1);
        if (count)
            memcpy(*out, items, count * size);
        *n = (int)count;
    }
    free(items);
    return rc < 0 ? -1 : 0;
}

int db_rows(Db *db, DbStmt *st, const DbRowMap *map, Arena *arena, void *out, int *n, Err *err)
{
    return collect(db, st, map, arena, out, n, err);
}

int db_list(Db *db, const char *sql, const DbVal *args, const DbRowMap *map, Arena *arena,
            void *out, int *n, Err *err)
{
    return collect(db, db_query(db, sql, args), map, arena, out, n, err);
}

int db_get(Db *db, const char *sql, const DbVal *args, const DbRowMap *map, Arena *arena, void *out,
           Err *err)
{
    DbStmt *st = db_query(db, sql, args);
    int rc = db_step(db, st, err);
    if (rc == 1) {
        memset(out, 0, map->size);
        db_row_read(map, st, arena, out);
    }
    db_reset(st);
    return rc;
}

int db_get_id(Db *db, const char *sql, int64_t id, const DbRowMap *map, Arena *arena, void *out,
              const char *what, Err *err)
{
    int rc = db_get(db, sql, DB_ARGS(DB_INT(id)), map, arena, out, err);
    if (rc == 0)
        return err_fail(err, ERR_NOTFOUND, "no %s with id %lld", what, (long long)id);
    return rc < 0 ? -1 : 0;
}

int db_get_one(Db *db, const char *sql, const DbVal *args, const DbRowMap *map, Arena *arena,
               void *out, const char *absent, Err *err)
{
    int rc = db_get(db, sql, args, map, arena, out, err);
    if (rc == 0)
        return err_fail(err, ERR_NOTFOUND, "%s", absent);
    return rc < 0 ? -1 : 0;
}
