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
        ? arena_strndup(arena, b.data, b.len) : CLUE_SUBJECT_UNREADABLE;
    buf_free(&b);
    return name;
}

/* Each clue's subject name from its stored form (clue_row keeps the stored text). */
static void open_names(Db *db, Arena *arena, Clue *v, int n)
{
    for (int i = 0; i < n; i++)
        v[i].subject_name = clue_store_subject_open(db, arena, v[i].subject_name);
}

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* Bind ?2 … ?11, the fields a create and an update share (name: the stored subject name). */
static void bind_fields(DbStmt *st, const char *name, const Clue *c)
{
    db_bind_text(st, 2, vocab_name(VOCAB_CLUE_KIND, c->kind));
    db_bind_text(st, 3, or_empty(c->ref_no));
    db_bind_day(st, 4, c->received_on);
    db_bind_text(st, 5, name);
    db_bind_text(st, 6, or_empty(c->subject_post));
    db_bind_text(st, 7, vocab_name(VOCAB_CLUE_RANK, c->subject_rank));
    db_bind_id(st, 8, c->unit_id);
    db_bind_text(st, 9, c->disposal >= 0 ? vocab_name(VOCAB_CLUE_DISPOSAL, c->disposal) : NULL);
    db_bind_text(st, 10, vocab_name(VOCAB_CLUE_STATE, c->state));
    db_bind_day(st, 11, c->concluded_on);
}

int clue_store_create(Db *db, Arena *arena, Clue *c, Err *err)
{
    char now[TIME_ISO_SIZE];
    const char *name = clue_store_subject_seal(db, arena, c->subject_name, err);
    if (!name)
        return -1;
    DbStmt *st = db_prepare(
        db, DB_SQL("INSERT INTO clue(inspection_id, kind, ref_no, received_on, subject_name,"
                   " subject_post, subject_rank, unit_id, disposal, state, concluded_on,"
                   " created_at, updated_at) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?12)"));
    db_bind_int(st, 1, c->inspection_id);
    bind_fields(st, name, c);
    db_bind_text(st, 12, date_now_iso(now));
    if (db_step_done(db, st, err) < 0)
        return -1;
    c->id = db_last_id(db);
    return 0;
}

int clue_store_update(Db *db, Arena *arena, const Clue *c, Err *err)
{
    char now[TIME_ISO_SIZE];
    const char *name = clue_store_subject_seal(db, arena, c->subject_name, err);
    if (!name)
        return -1;
    DbStmt *st = db_prepare(
        db, DB_SQL("UPDATE clue SET kind = ?2, ref_no = ?3, received_on = ?4, subject_name = ?5,"
                   " subject_post = ?6, subject_rank = ?7, unit_id = ?8, disposal = ?9,"
                   " state = ?10, concluded_on = ?11, updated_at = ?12 WHERE id = ?1"));
    db_bind_int(st, 1, c->id);
    bind_fields(st, name, c);
    db_bind_text(st, 12, date_now_iso(now));
    if (db_step_done(db, st, err) < 0)
        return -1;
    if (db_changes(db) == 0)
        return err_fail(err, ERR_NOTFOUND, "no clue with id %lld", (long long)c->id);
    return 0;
}

static void clue_row(DbStmt *st, Arena *arena, void *out)
{
    Clue *c = out;
    c->id = db_col_int(st, 0);
    c->inspection_id = db_col_int(st, 1);
    /* A bad row reads as the defaults the schema's CHECK would have given: no abort. */
    c->kind = (ClueKind)vocab_parse_or(VOCAB_CLUE_KIND, db_col_text(st, 2), CLUE_KIND_CLUE);
    c->ref_no = arena_strdup(arena, or_empty(db_col_text(st, 3)));
    c->received_on = db_col_day(st, 4);
    c->subject_name = arena_strdup(arena, or_empty(db_col_text(st, 5))); /* stored form */
    c->subject_post = arena_strdup(arena, or_empty(db_col_text(st, 6)));
    c->subject_rank = (ClueRank)vocab_parse_or(VOCAB_CLUE_RANK, db_col_text(st, 7), RANK_OTHER);
    c->unit_id = db_col_int(st, 8);
    c->disposal = vocab_parse_or(VOCAB_CLUE_DISPOSAL, db_col_text(st, 9), -1);
    c->state = (ClueState)vocab_parse_or(VOCAB_CLUE_STATE, db_col_text(st, 10), CLUE_OPEN);
    c->concluded_on = db_col_day(st, 11);
}

#define CLUE_COLUMNS                                                                               \
    "SELECT id, inspection_id, kind, ref_no, received_on, subject_name, subject_post,"             \
    " subject_rank, unit_id, disposal, state, concluded_on FROM clue"

int clue_store_get(Db *db, Arena *arena, int64_t id, Clue *out, Err *err)
{
    DbStmt *st = db_prepare(db, DB_SQL(CLUE_COLUMNS " WHERE id = ?1"));
    db_bind_int(st, 1, id);
    Clue *v;
    int n;
    if (db_collect(db, st, arena, sizeof(Clue), clue_row, (void **)&v, &n, err) < 0)
        return -1;
    open_names(db, arena, v, n);
    if (n == 0)
        return err_fail(err, ERR_NOTFOUND, "no clue with id %lld", (long long)id);
    *out = v[0];
    return 0;
}

int clue_store_list(Db *db, Arena *arena, int64_t inspection_id, int64_t after, int limit,
                    Clue **out, int *n, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL(CLUE_COLUMNS " WHERE inspection_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3"));
    db_bind_int(st, 1, inspection_id);
    db_bind_int(st, 2, after);
    db_bind_int(st, 3, limit);
    if (db_collect(db, st, arena, sizeof(Clue), clue_row, (void **)out, n, err) < 0)
        return -1;
    open_names(db, arena, *out, *n);
    return 0;
}

static void outcome_row(DbStmt *st, Arena *arena, void *out)
{
    ClueOutcome *o = out;
    o->id = db_col_int(st, 0);
    o->clue_id = db_col_int(st, 1);
    o->type = arena_strdup(arena, or_empty(db_col_text(st, 2)));
    o->subtype = arena_strdup(arena, or_empty(db_col_text(st, 3)));
    o->persons = db_col_int(st, 4);
    o->decided_on = db_col_day(st, 5);
}

int clue_store_outcomes(Db *db, Arena *arena, int64_t clue_id, ClueOutcome **out, int *n, Err *err)
{
    DbStmt *st =
        db_prepare(db, DB_SQL("SELECT id, clue_id, type, subtype, persons, decided_on"
                              " FROM clue_outcome WHERE clue_id = ?1 ORDER BY id"));
    db_bind_int(st, 1, clue_id);
    return db_collect(db, st, arena, sizeof(ClueOutcome), outcome_row, (void **)out, n, err);
}

int clue_store_outcome_add(Db *db, const ClueOutcome *o, int64_t *id, Err *err)
{
    char now[TIME_ISO_SIZE];
    DbStmt *st = db_prepare(
        db, DB_SQL("INSERT INTO clue_outcome(clue_id, type, subtype, persons, decided_on,"
                   " created_at) VALUES(?1,?2,?3,?4,?5,?6)"));
    db_bind_int(st, 1, o->clue_id);
    db_bind_text(st, 2, o->type);
    db_bind_text(st, 3, or_empty(o->subtype));
    db_bind_int(st, 4, o->persons);
    db_bind_day(st, 5, o->decided_on);
    db_bind_text(st, 6, date_now_iso(now));
    if (db_step_done(db, st, err) < 0)
        return -1;
    *id = db_last_id(db);
    return 0;
}

int clue_store_subject_names(Db *db, Arena *arena, int64_t inspection_id, const char ***out, int *n,
                             Err *err)
{
    DbStmt *st =
        db_prepare(db, DB_SQL("SELECT DISTINCT subject_name FROM clue WHERE inspection_id = ?1"
                              " AND subject_name <> '' ORDER BY subject_name"));
    db_bind_int(st, 1, inspection_id);
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
