/*
** clue_store.c: SQL for the clue register (clue_store.h).
*/
#include "clue_store.h"

#include "base/crypto.h"
#include "db/keys.h"

#define SUBJECT_AD "clue.subject_name"

const char *clue_store_subject_seal(Db *db, Arena *arena, const char *name, Err *err)
{
    CryptoSuite suite;
    if (keys_suite(db, &suite, err) < 0)
        return NULL;
    if (!name || !*name || !crypto_suite_encrypts(suite))
        return arena_strdup(arena, name ? name : "");
    Buf b = BUF_INIT;
    crypto_seal_text(db->data_key, SUBJECT_AD, name, &b);
    const char *stored = arena_strndup(arena, b.data, b.len);
    buf_free(&b);
    return stored;
}

const char *clue_store_subject_open(Db *db, Arena *arena, const char *stored)
{
    CryptoSuite suite;
    Err err = ERR_INIT;
    if (!stored || !*stored)
        return "";
    if (keys_suite(db, &suite, &err) < 0)
        return CLUE_SUBJECT_UNREADABLE;
    if (!crypto_suite_encrypts(suite))
        return arena_strdup(arena, stored);
    Buf b = BUF_INIT;
    const char *name = crypto_open_text(db->data_key, SUBJECT_AD, stored, &b, &err) == 0
                           ? arena_strndup(arena, b.data, b.len)
                           : CLUE_SUBJECT_UNREADABLE;
    buf_free(&b);
    return name;
}

/* Each clue's subject name from its stored form (clue_row keeps the stored text). */
static void open_names(Db *db, Arena *arena, Clue *v, int n)
{
    for (int i = 0; i < n; i++)
        v[i].subject_name = clue_store_subject_open(db, arena, v[i].subject_name);
}

/*
** Run sql, an INSERT or an UPDATE of one clue whose ?1 is key (the inspection, or the clue) and
** whose ?2 … ?11 are the clue's fields (name: the stored subject name) and ?12 the time. Returns
** the rows changed, or -1.
*/
static int clue_write(Db *db, const char *sql, const char *name, const Clue *c, int64_t key,
                      Err *err)
{
    return db_update(
        db, sql,
        DB_ARGS(DB_INT(key), DB_TEXT(vocab_name(VOCAB_CLUE_KIND, c->kind)), DB_STR(c->ref_no),
                DB_DAY(c->received_on), DB_TEXT(name), DB_STR(c->subject_post),
                DB_TEXT(vocab_name(VOCAB_CLUE_RANK, c->subject_rank)), DB_ID(c->unit_id),
                DB_TEXT(c->disposal >= 0 ? vocab_name(VOCAB_CLUE_DISPOSAL, c->disposal) : NULL),
                DB_TEXT(vocab_name(VOCAB_CLUE_STATE, c->state)), DB_DAY(c->concluded_on), DB_NOW),
        err);
}

int clue_store_create(Db *db, Arena *arena, Clue *c, Err *err)
{
    const char *name = clue_store_subject_seal(db, arena, c->subject_name, err);
    if (!name ||
        clue_write(db,
                   DB_SQL("INSERT INTO clue(inspection_id, kind, ref_no, received_on, subject_name,"
                          " subject_post, subject_rank, unit_id, disposal, state, concluded_on,"
                          " created_at, updated_at)"
                          " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?12)"),
                   name, c, c->inspection_id, err) < 0)
        return -1;
    c->id = db_last_id(db);
    return 0;
}

int clue_store_update(Db *db, Arena *arena, const Clue *c, Err *err)
{
    const char *name = clue_store_subject_seal(db, arena, c->subject_name, err);
    if (!name)
        return -1;
    int rc = clue_write(
        db,
        DB_SQL("UPDATE clue SET kind = ?2, ref_no = ?3, received_on = ?4, subject_name = ?5,"
               " subject_post = ?6, subject_rank = ?7, unit_id = ?8, disposal = ?9,"
               " state = ?10, concluded_on = ?11, updated_at = ?12 WHERE id = ?1"),
        name, c, c->id, err);
    if (rc == 0)
        return err_fail(err, ERR_NOTFOUND, "no clue with id %lld", (long long)c->id);
    return rc < 0 ? -1 : 0;
}

static const DbCol clue_cols[] = {
    DB_COL_INT(Clue, id),
    DB_COL_INT(Clue, inspection_id),
    /* A bad row reads as the defaults the schema's CHECK would have given: no abort. */
    DB_COL_VOCAB(Clue, kind, VOCAB_CLUE_KIND, CLUE_KIND_CLUE),
    DB_COL_STR(Clue, ref_no),
    DB_COL_DAY(Clue, received_on),
    DB_COL_STR(Clue, subject_name), /* stored form, opened by open_names */
    DB_COL_STR(Clue, subject_post),
    DB_COL_VOCAB(Clue, subject_rank, VOCAB_CLUE_RANK, RANK_OTHER),
    DB_COL_INT(Clue, unit_id),
    DB_COL_VOCAB(Clue, disposal, VOCAB_CLUE_DISPOSAL, -1),
    DB_COL_VOCAB(Clue, state, VOCAB_CLUE_STATE, CLUE_OPEN),
    DB_COL_DAY(Clue, concluded_on),
};

static const DbRowMap clue_map = DB_MAP(Clue, clue_cols, NULL);

#define CLUE_COLUMNS                                                                               \
    "SELECT id, inspection_id, kind, ref_no, received_on, subject_name, subject_post,"             \
    " subject_rank, unit_id, disposal, state, concluded_on FROM clue"

int clue_store_get(Db *db, Arena *arena, int64_t id, Clue *out, Err *err)
{
    if (db_get_id(db, DB_SQL(CLUE_COLUMNS " WHERE id = ?1"), id, &clue_map, arena, out, "clue",
                  err) < 0)
        return -1;
    open_names(db, arena, out, 1);
    return 0;
}

int clue_store_list(Db *db, Arena *arena, int64_t inspection_id, int64_t after, int limit,
                    Clue **out, int *n, Err *err)
{
    if (db_list(db,
                DB_SQL(CLUE_COLUMNS " WHERE inspection_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3"),
                DB_ARGS(DB_INT(inspection_id), DB_INT(after), DB_INT(limit)), &clue_map, arena, out,
                n, err) < 0)
        return -1;
    open_names(db, arena, *out, *n);
    return 0;
}

static const DbCol outcome_cols[] = {
    DB_COL_INT(ClueOutcome, id),      DB_COL_INT(ClueOutcome, clue_id),
    DB_COL_STR(ClueOutcome, type),    DB_COL_STR(ClueOutcome, subtype),
    DB_COL_INT(ClueOutcome, persons), DB_COL_DAY(ClueOutcome, decided_on),
};

static const DbRowMap outcome_map = DB_MAP(ClueOutcome, outcome_cols, NULL);

int clue_store_outcomes(Db *db, Arena *arena, int64_t clue_id, ClueOutcome **out, int *n, Err *err)
{
    return db_list(db,
                   DB_SQL("SELECT id, clue_id, type, subtype, persons, decided_on"
                          " FROM clue_outcome WHERE clue_id = ?1 ORDER BY id"),
                   DB_ARGS(DB_INT(clue_id)), &outcome_map, arena, out, n, err);
}

int clue_store_outcome_add(Db *db, const ClueOutcome *o, int64_t *id, Err *err)
{
    return db_insert(db,
                     DB_SQL("INSERT INTO clue_outcome(clue_id, type, subtype, persons, decided_on,"
                            " created_at) VALUES(?1,?2,?3,?4,?5,?6)"),
                     DB_ARGS(DB_INT(o->clue_id), DB_TEXT(o->type), DB_STR(o->subtype),
                             DB_INT(o->persons), DB_DAY(o->decided_on), DB_NOW),
                     id, err);
}

int clue_store_subject_names(Db *db, Arena *arena, int64_t inspection_id, const char ***out, int *n,
                             Err *err)
{
    DbStmt *st = db_query(db,
                          DB_SQL("SELECT DISTINCT subject_name FROM clue WHERE inspection_id = ?1"
                                 " AND subject_name <> '' ORDER BY subject_name"),
                          DB_ARGS(DB_INT(inspection_id)));
    int count = 0, cap = 16, rc;
    const char **v = arena_alloc(arena, sizeof *v * (size_t)cap);
    while ((rc = db_step(db, st, err)) == 1) {
        if (count == cap) {
            const char **w = arena_alloc(arena, sizeof *v * (size_t)cap * 2);
            memcpy(w, v, sizeof *v * (size_t)cap);
            v = w;
            cap *= 2;
        }
        v[count++] = clue_store_subject_open(db, arena, db_col_text(st, 0));
    }
    db_reset(st);
    *out = v;
    *n = count;
    return rc < 0 ? -1 : 0;
}
