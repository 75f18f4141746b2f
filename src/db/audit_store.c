/*
** audit_store.c: the keyed, hash-chained audit log (audit_store.h).
**
** Each row's hash covers the previous row's hash, its own fields and the digest of the object it
** is about (for a measure, the bounded digest of audit_digest.h: what the change touched; for a
** progress report, its row). Rows from the key's first entry on are HMAC-SHA-256 (HMAC-SM3 for a
** database made with `init --crypto sm`) with a 32-byte key kept in a file beside the database
** (db/keys.h: DB.audit-key, mode 0600, made on the first append of a database without one); older
** rows stay plain SHA-256. Someone who can write the database but not read the key can neither edit a
** row nor rebuild the chain after it.
*/
#include "audit_store.h"

#include "base/buf.h"
#include "db/audit_digest.h"
#include "base/crypto.h"
#include "base/hash.h"
#include "db/keys.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

static int append(Db *db, const char *actor, const char *action, const char *object,
                  const char *detail, Err *err);

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

int audit_store_key_init(Db *db, Err *err)
{
    return keys_init(db, CRYPTO_DEFAULT, false, err);
}

/* The bytes of the file at path into b (at most 4 KiB: a key file is a few lines). */
static int read_small(const char *path, Buf *b, Err *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return err_fail(err, ERR_IO, "cannot read '%s': %s", path, strerror(errno));
    char chunk[4096];
    ssize_t n = read(fd, chunk, sizeof chunk);
    close(fd);
    if (n < 0 || n == (ssize_t)sizeof chunk)
        return err_fail(err, ERR_IO, "cannot read '%s'", path);
    buf_append(b, chunk, (size_t)n);
    return 0;
}

int audit_store_key_copy(Db *src, Db *dst, Err *err)
{
    int have = keys_load(src, err);
    if (have <= 0)
        return have;
    char from[4096], to[4096];
    keys_path(src, from, sizeof from);
    keys_path(dst, to, sizeof to);
    Buf key = BUF_INIT, there = BUF_INIT;
    int rc = read_small(from, &key, err);
    if (rc == 0 && access(to, F_OK) == 0) {
        /* A target that has a key file already must have this one. */
        rc = read_small(to, &there, err);
        if (rc == 0 && (there.len != key.len || memcmp(there.data, key.data, key.len) != 0))
            rc = err_fail(err, ERR_CONFLICT, "the target already has another audit key '%s'", to);
    } else if (rc == 0) {
        int fd = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0) {
            rc = err_fail(err, ERR_IO, "cannot create the audit key '%s': %s", to, strerror(errno));
        } else {
            bool ok = write(fd, key.data, key.len) == (ssize_t)key.len && fsync(fd) == 0;
            if (close(fd) != 0 || !ok)
                rc = err_fail(err, ERR_IO, "cannot write the audit key '%s'", to);
        }
    }
    buf_free(&key);
    buf_free(&there);
    if (rc < 0)
        return -1;
    dst->audit_key_state = 0;
    return keys_load(dst, err) < 0 ? -1 : 0;
}

/*
** Add len:field; to b (length-prefixed, so no separator is ambiguous). The field is copied, not
** formatted: a measure's digest runs to kilobytes, which printf's %s walks byte by byte.
*/
static void put_field(Buf *b, const char *s)
{
    size_t n = strlen(s);
    buf_printf(b, "%zu:", n);
    buf_append(b, s, n);
    buf_putc(b, ';');
}

/*
** The hash of one row: over length-prefixed fields; keyed rows (HMAC) cover the digest too.
** key NULL: the suite's plain hash (rows from before the key).
*/
static void row_hash(CryptoSuite suite, const unsigned char *key, const char *prev, int64_t seq,
                     const char *at, const char *actor, const char *action, const char *object,
                     const char *detail, const char *digest, char out[HASH_HEX_SIZE])
{
    Buf b = BUF_INIT;
    const char *fields[] = {prev, at, actor, action, object, detail};
    buf_printf(&b, "%lld;", (long long)seq);
    for (size_t i = 0; i < ARRAY_SIZE(fields); i++)
        put_field(&b, fields[i]);
    if (key) {
        put_field(&b, digest ? digest : "");
        crypto_hmac_hex(suite, key, b.data, b.len, out);
    } else {
        crypto_hash_hex(suite, b.data, b.len, out);
    }
    buf_free(&b);
}

/* The kinds of object whose entries record a digest. */
enum { KIND_NONE, KIND_MEASURE, KIND_USER, KIND_REPORT };

/* The id of "measure:N", "user:N" or "progress:N" into *id and its kind, else KIND_NONE. */
static int object_kind(const char *object, int64_t *id)
{
    static const char *const kinds[] = {"measure:", "user:", "progress:"};
    for (int k = 0; k < 3; k++) {
        size_t n = strlen(kinds[k]);
        if (strncmp(object, kinds[k], n) == 0) {
            char *end;
            long long v = strtoll(object + n, &end, 10);
            if (*end || v <= 0)
                return 0;
            *id = v;
            return k + 1;
        }
    }
    return 0;
}

/*
** The digest of what the chain guards of object now: a measure's state and percent and every
** progress report's state, percent and text (the first form, which entries about measures
** recorded before audit_digest.c's bounded one and `audit verify` still checks); a user's
** password hash, state and roles. NULL (no digest) for other objects. "gone" when the row no
** longer exists. In out (HASH_HEX_SIZE).
*/
static int object_digest(Db *db, const char *object, char *out, bool *has, Err *err)
{
    int64_t id;
    int kind = object_kind(object, &id);
    *has = kind == KIND_MEASURE || kind == KIND_USER;
    if (!*has)
        return 0;
    CryptoHash h;
    crypto_hash_init(&h, (CryptoSuite)db->crypto);
    DbStmt *st = kind == KIND_MEASURE
        ? db_prepare(db, DB_SQL("SELECT 'measure', state, percent, NULL FROM measure WHERE id = ?1"
                                " UNION ALL SELECT * FROM (SELECT 'progress', state, percent, body"
                                " FROM progress WHERE measure_id = ?1 ORDER BY id) AS p"))
        : db_prepare(db, DB_SQL("SELECT 'user', state, password_hash, NULL FROM users WHERE id = ?1"
                                " UNION ALL SELECT * FROM (SELECT 'role', role, NULL, NULL"
                                " FROM user_role WHERE user_id = ?1 ORDER BY role) AS r"));
    db_bind_int(st, 1, id);
    int rc, rows = 0;
    while ((rc = db_step(db, st, err)) == 1) {
        Buf b = BUF_INIT;
        for (int c = 0; c < 4; c++)
            put_field(&b, db_col_text(st, c) ? db_col_text(st, c) : "");
        crypto_hash_update(&h, b.data, b.len);
        buf_free(&b);
        rows++;
    }
    db_reset(st);
    crypto_hash_final_hex(&h, out); /* frees h also when it is not used */
    if (rc < 0)
        return -1;
    if (rows == 0)
        snprintf(out, HASH_HEX_SIZE, "gone");
    return 0;
}

/*
** The digest a new entry about object records into out: a measure's in the bounded form
** (audit_digest.h), whose cost is the change's, not the measure's history; a progress report's
** row, its newest record when its measure has no later entry; a user's whole (its rows are few).
** *has false (no digest) for other objects.
*/
static int entry_digest(Db *db, const char *object, Buf *out, bool *has, Err *err)
{
    int64_t id;
    int kind = object_kind(object, &id);
    if (kind == KIND_MEASURE || kind == KIND_REPORT) {
        *has = true;
        return kind == KIND_MEASURE ? audit_digest_measure(db, object, id, out, err)
                                    : audit_digest_report(db, id, out, err);
    }
    char digest[HASH_HEX_SIZE];
    if (object_digest(db, object, digest, has, err) < 0)
        return -1;
    buf_puts(out, digest);
    return 0;
}

/*
** s with every control character (C0, DEL) and backslash escaped as \\xNN / \\\\, so that no
** audited string can start a forged line or hide text; s itself when it needs none. Heap (buf).
*/
static const char *escape(const char *s, Buf *b)
{
    size_t n = strcspn(s, "\\\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"
                          "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f");
    if (!s[n])
        return s;
    buf_reset(b);
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '\\')
            buf_puts(b, "\\\\");
        else if (c < 0x20 || c == 0x7f)
            buf_printf(b, "\\x%02x", c);
        else
            buf_putc(b, (char)c);
    }
    return b->data;
}

/* The operating-system user of a command-line process (audit_store_set_operator), or NULL. */
static char operator_name[64];

void audit_store_set_operator(const char *os_user)
{
    snprintf(operator_name, sizeof operator_name, "%s", os_user);
}

int audit_store_append(Db *db, const char *actor, AuditAction what, const char *object,
                       const char *detail, Err *err)
{
    const char *action = vocab_name(VOCAB_AUDIT_ACTION, (int)what);
    Buf named = BUF_INIT;
    if (operator_name[0]) {
        /* Whoever the command claims to act as, the row says who ran it. */
        buf_printf(&named, "%s [os user %s]", detail ? detail : "", operator_name);
        detail = named.data;
    }
    Buf e[4] = {BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT};
    actor = escape(actor, &e[0]);
    action = escape(action, &e[1]);
    object = escape(object ? object : "", &e[2]);
    detail = escape(detail ? detail : "", &e[3]);
    int rc = append(db, actor, action, object, detail, err);
    for (int i = 0; i < 4; i++)
        buf_free(&e[i]);
    buf_free(&named);
    return rc;
}

static int append(Db *db, const char *actor, const char *action, const char *object,
                  const char *detail, Err *err)
{
    if (audit_store_key_init(db, err) < 0)
        return -1;
    DbStmt *st = db_prepare(db, DB_SQL("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1"));
    int rc = db_step(db, st, err);
    if (rc < 0)
        return -1;
    int64_t seq = rc == 1 ? db_col_int(st, 0) + 1 : 1;
    char prev[HASH_HEX_SIZE];
    snprintf(prev, sizeof prev, "%s", rc == 1 ? db_col_text(st, 1) : GENESIS);
    db_reset(st);

    char at[TIME_ISO_SIZE], hash[HASH_HEX_SIZE];
    Buf digest = BUF_INIT;
    bool has_digest;
    if (entry_digest(db, object, &digest, &has_digest, err) < 0) {
        buf_free(&digest);
        return -1;
    }
    date_now_iso(at);
    row_hash((CryptoSuite)db->crypto, db->audit_key, prev, seq, at, actor, action, object, detail,
             has_digest ? digest.data : NULL, hash);
    rc = db_run(db,
                DB_SQL("INSERT INTO audit(seq, at, actor, action, object, detail, prev_hash,"
                       " hash, digest, keyed) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,1)"),
                DB_ARGS(DB_INT(seq), DB_TEXT(at), DB_TEXT(actor), DB_TEXT(action),
                        DB_TEXT(object), DB_TEXT(detail), DB_TEXT(prev), DB_TEXT(hash),
                        DB_TEXT(has_digest ? digest.data : NULL)),
                err);
    buf_free(&digest);
    return rc;
}

/* The triggers that keep the table append-only must be there. */
static int check_triggers(Db *db, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_PICK(db,
                    "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
                    " AND name IN ('audit_no_update', 'audit_no_delete')",
                    "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'audit'::regclass"
                    " AND tgenabled <> 'D' AND tgname IN ('audit_no_update', 'audit_no_delete')"));
    int rc = db_step(db, st, err);
    int64_t n = rc == 1 ? db_col_int(st, 0) : 0;
    db_reset(st);
    if (rc < 0)
        return -1;
    if (n != 2)
        return err_fail(err, ERR_CONFLICT, "the audit log's append-only triggers are missing");
    return 0;
}

/* Every object's latest digest must match its rows now. */
static int check_digests(Db *db, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("SELECT a.seq, a.object, a.digest FROM audit a WHERE a.digest IS NOT NULL"
                   " AND a.seq = (SELECT max(b.seq) FROM audit b WHERE b.object = a.object"
                   "              AND b.digest IS NOT NULL)"
                   " ORDER BY a.seq"));
    int rc;
    char now[HASH_HEX_SIZE];
    bool failed = false;
    while ((rc = db_step(db, st, err)) == 1) {
        bool has;
        char object[64], recorded[HASH_HEX_SIZE];
        int64_t seq = db_col_int(st, 0), id;
        snprintf(object, sizeof object, "%s", db_col_text(st, 1));
        int kind = object_kind(object, &id);
        if ((audit_digest_is_bounded(db_col_text(st, 2)) && kind == KIND_MEASURE) ||
            kind == KIND_REPORT) {
            /* Its checks use other statements; the text is copied before they run. */
            Buf bounded = BUF_INIT;
            buf_puts(&bounded, db_col_text(st, 2));
            int bad = kind == KIND_MEASURE
                          ? audit_digest_check_measure(db, object, id, bounded.data, seq, err)
                          : audit_digest_check_report(db, id, bounded.data, seq, err);
            buf_free(&bounded);
            if (bad < 0) {
                db_reset(st);
                return -1;
            }
            continue;
        }
        snprintf(recorded, sizeof recorded, "%s", db_col_text(st, 2));
        /* object_digest uses other statements: this one stays stepped, which SQLite allows. */
        if (object_digest(db, object, now, &has, err) < 0) {
            failed = true;
            break;
        }
        if (has && strcmp(now, recorded) != 0) {
            db_reset(st);
            return err_fail(err, ERR_CONFLICT,
                            "%s was changed outside the application after audit entry %lld",
                            object, (long long)seq);
        }
    }
    db_reset(st);
    return rc < 0 || failed ? -1 : 0;
}

int audit_store_verify_anchor(Db *db, int64_t anchor_seq, const char *anchor_hash,
                              int64_t *n_rows, Err *err)
{
    int have = keys_load(db, err);
    if (have < 0)
        return -1;
    DbStmt *st = db_prepare(
        db, DB_SQL("SELECT seq, at, actor, action, object, detail, prev_hash, hash, digest, keyed"
                   " FROM audit ORDER BY seq"));
    char prev[HASH_HEX_SIZE] = GENESIS, hash[HASH_HEX_SIZE];
    int64_t expect = 1, rows = 0;
    bool anchor_seen = false;
    int rc;
    while ((rc = db_step(db, st, err)) == 1) {
        int64_t seq = db_col_int(st, 0);
        bool keyed = db_col_int(st, 9) != 0;
        const char *why = NULL;
        if (keyed && !have)
            why = "is keyed but the audit key is missing";
        else if (!keyed && have && seq >= db->audit_key_from)
            why = "is not keyed although the key signs every entry from there";
        if (!why) {
            row_hash((CryptoSuite)db->crypto, keyed ? db->audit_key : NULL, prev, seq, db_col_text(st, 1),
                     db_col_text(st, 2), db_col_text(st, 3), db_col_text(st, 4), db_col_text(st, 5),
                     db_col_text(st, 8), hash);
            if (seq != expect)
                why = "follows a gap (an entry was removed)";
            else if (strcmp(db_col_text(st, 6), prev) != 0 || strcmp(db_col_text(st, 7), hash) != 0)
                why = "does not match its hash (changed)";
        }
        if (why) {
            db_reset(st);
            return err_fail(err, ERR_CONFLICT, "audit log broken at entry %lld: it %s",
                            (long long)seq, why);
        }
        if (seq == anchor_seq) {
            if (strcmp(hash, anchor_hash) != 0) {
                db_reset(st);
                return err_fail(err, ERR_CONFLICT,
                                "audit entry %lld differs from the anchor", (long long)seq);
            }
            anchor_seen = true;
        }
        snprintf(prev, sizeof prev, "%s", hash);
        expect++;
        rows++;
    }
    db_reset(st);
    if (rc < 0)
        return -1;
    if (anchor_seq > 0 && !anchor_seen)
        return err_fail(err, ERR_CONFLICT,
                        "the audit log ends at entry %lld, before the anchor's entry %lld: entries "
                        "were removed (or this is an old copy)",
                        (long long)rows, (long long)anchor_seq);
    if (have && rows + 1 < db->audit_key_from)
        return err_fail(err, ERR_CONFLICT, "the audit log has %lld entries but its key was made "
                        "after entry %lld: entries were removed", (long long)rows,
                        (long long)db->audit_key_from - 1);
    if (check_triggers(db, err) < 0 || check_digests(db, err) < 0)
        return -1;
    *n_rows = rows;
    return 0;
}

int audit_store_verify(Db *db, int64_t *n_rows, Err *err)
{
    return audit_store_verify_anchor(db, 0, NULL, n_rows, err);
}

int audit_store_head(Db *db, int64_t *seq, char hash[HASH_HEX_SIZE], Err *err)
{
    DbStmt *st = db_prepare(db, DB_SQL("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1"));
    int rc = db_step(db, st, err);
    if (rc < 0)
        return -1;
    *seq = rc == 1 ? db_col_int(st, 0) : 0;
    snprintf(hash, HASH_HEX_SIZE, "%s", rc == 1 ? db_col_text(st, 1) : GENESIS);
    db_reset(st);
    return 0;
}

int audit_store_read_anchor(const char *path, int64_t *seq, char hash[65], Err *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return err_fail(err, ERR_IO, "cannot read anchor '%s': %s", path, strerror(errno));
    long long n = 0;
    int got = fscanf(f, "zhenggai audit anchor seq %lld hash %64[0-9a-f]", &n, hash);
    fclose(f);
    if (got != 2 || n < 0 || strlen(hash) != 64)
        return err_fail(err, ERR_INPUT, "'%s' is not an audit anchor", path);
    *seq = n;
    return 0;
}
