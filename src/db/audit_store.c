/*
** audit_store.c: the hash-chained audit log (audit_store.h).
*/
#include "audit_store.h"

#include "base/buf.h"
#include "base/hash.h"

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* The hash of one row: SHA-256 over length-prefixed fields, so no separator is ambiguous. */
static void row_hash(const char *prev, int64_t seq, const char *at, const char *actor,
                     const char *action, const char *object, const char *detail,
                     char out[HASH_HEX_SIZE])
{
    Buf b = BUF_INIT;
    const char *fields[] = {prev, at, actor, action, object, detail};
    buf_printf(&b, "%lld;", (long long)seq);
    for (size_t i = 0; i < ARRAY_SIZE(fields); i++)
        buf_printf(&b, "%zu:%s;", strlen(fields[i]), fields[i]);
    hash_sha256_hex(b.data, b.len, out);
    buf_free(&b);
}

int audit_store_append(Db *db, const char *actor, AuditAction what, const char *object,
                       const char *detail, Err *err)
{
    const char *action = vocab_name(VOCAB_AUDIT_ACTION, (int)what);
    sqlite3_stmt *st = db_prepare(db, DB_SQL("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1"));
    int rc = db_step(db, st, err);
    if (rc < 0)
        return -1;
    int64_t seq = rc == 1 ? db_col_int(st, 0) + 1 : 1;
    char prev[HASH_HEX_SIZE];
    snprintf(prev, sizeof prev, "%s", rc == 1 ? db_col_text(st, 1) : GENESIS);
    sqlite3_reset(st);

    char at[TIME_ISO_SIZE], hash[HASH_HEX_SIZE];
    date_now_iso(at);
    object = object ? object : "";
    detail = detail ? detail : "";
    row_hash(prev, seq, at, actor, action, object, detail, hash);
    st = db_prepare(db, DB_SQL("INSERT INTO audit(seq, at, actor, action, object, detail, prev_hash,"
                               " hash) VALUES(?1,?2,?3,?4,?5,?6,?7,?8)"));
    db_bind_int(st, 1, seq);
    db_bind_text(st, 2, at);
    db_bind_text(st, 3, actor);
    db_bind_text(st, 4, action);
    db_bind_text(st, 5, object);
    db_bind_text(st, 6, detail);
    db_bind_text(st, 7, prev);
    db_bind_text(st, 8, hash);
    return db_step_done(db, st, err);
}

int audit_store_verify(Db *db, int64_t *n_rows, Err *err)
{
    sqlite3_stmt *st = db_prepare(
        db, DB_SQL("SELECT seq, at, actor, action, object, detail, prev_hash, hash FROM audit"
                   " ORDER BY seq"));
    char prev[HASH_HEX_SIZE] = GENESIS, hash[HASH_HEX_SIZE];
    int64_t expect = 1, rows = 0;
    int rc;
    while ((rc = db_step(db, st, err)) == 1) {
        int64_t seq = db_col_int(st, 0);
        row_hash(prev, seq, db_col_text(st, 1), db_col_text(st, 2), db_col_text(st, 3),
                 db_col_text(st, 4), db_col_text(st, 5), hash);
        if (seq != expect || strcmp(db_col_text(st, 6), prev) != 0 ||
            strcmp(db_col_text(st, 7), hash) != 0) {
            sqlite3_reset(st);
            return err_fail(err, ERR_CONFLICT, "audit log broken at entry %lld", (long long)seq);
        }
        snprintf(prev, sizeof prev, "%s", hash);
        expect++;
        rows++;
    }
    sqlite3_reset(st);
    if (rc < 0)
        return -1;
    *n_rows = rows;
    return 0;
}
