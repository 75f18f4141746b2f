/*
** audit_digest.c: the bounded digest of a measure in the audit chain (audit_digest.h). Writing an
** entry reads the previous entry's digest about the measure, the measure's row and the reports
** new or open since: what the change can have touched, not the measure's history.
*/
#include "audit_digest.h"

#include "base/crypto.h"
#include "base/hash.h"
#include "db/vocab.h"

#define GONE "gone"

/* One report of a digest: "ID:F:HASH;". */
typedef struct Item {
    int64_t id;
    char flag;        /* 'o' open, 't' settled */
    const char *hash; /* borrowed from the digest text, hash_len bytes */
    size_t hash_len;
} Item;

/* A report of the measure as it is now, for the check. */
typedef struct Report {
    int64_t id;
    char hash[HASH_HEX_SIZE];
    bool seen; /* an item has stated it */
} Report;

bool audit_digest_is_bounded(const char *digest)
{
    return digest && strncmp(digest, "2;", 2) == 0;
}

/* The hash of columns first … first+3 of st, each length-prefixed as audit_store.c's fields. */
static void hash_columns(Db *db, DbStmt *st, int first, char out[HASH_HEX_SIZE])
{
    CryptoHash h;
    crypto_hash_init(&h, (CryptoSuite)db->crypto);
    for (int c = first; c < first + 4; c++) {
        const char *s = db_col_text(st, c) ? db_col_text(st, c) : "";
        char len[24];
        int n = snprintf(len, sizeof len, "%zu:", strlen(s));
        crypto_hash_update(&h, len, (size_t)n);
        crypto_hash_update(&h, s, strlen(s));
        crypto_hash_update(&h, ";", 1);
    }
    crypto_hash_final_hex(&h, out);
}

/* The hash of measure id's state and percent, GONE when it no longer exists. */
static int measure_hash(Db *db, int64_t id, char out[HASH_HEX_SIZE], Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("SELECT 'measure', state, percent, NULL FROM measure WHERE id = ?1"));
    db_bind_int(st, 1, id);
    int rc = db_step(db, st, err);
    if (rc == 1)
        hash_columns(db, st, 0, out);
    else
        snprintf(out, HASH_HEX_SIZE, GONE);
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

static bool report_open(const char *state)
{
    int s = vocab_parse_or(VOCAB_PROGRESS_STATE, state ? state : "", -1);
    return s == PROGRESS_DRAFT || s == PROGRESS_SUBMITTED;
}

/*
** The parts of a digest of the second form: the measure's hash, MAX and where the items begin.
** False when the text is malformed.
*/
static bool parse_head(const char *d, const char **measure, size_t *measure_len, int64_t *max,
                       const char **items)
{
    if (!audit_digest_is_bounded(d))
        return false;
    const char *m = d + 2, *semi = strchr(m, ';');
    if (!semi)
        return false;
    char *end;
    long long v = strtoll(semi + 1, &end, 10);
    if (end == semi + 1 || *end != ';' || v < 0)
        return false;
    *measure = m;
    *measure_len = (size_t)(semi - m);
    *max = v;
    *items = end + 1;
    return true;
}

/* The item at *p into it, *p moved past it; false at the end or on a malformed item. */
static bool next_item(const char **p, Item *it)
{
    char *end;
    long long id = strtoll(*p, &end, 10);
    if (end == *p || id <= 0 || end[0] != ':' || !end[1] || end[2] != ':')
        return false;
    it->id = id;
    it->flag = end[1];
    it->hash = end + 3;
    const char *semi = strchr(it->hash, ';');
    if (!semi)
        return false;
    it->hash_len = (size_t)(semi - it->hash);
    *p = semi + 1;
    return true;
}

#define Q_REPORT "SELECT id, 'progress', state, percent, body FROM progress "

/* Add report id of measure (not among covered) to items, GONE when it no longer exists. */
static int add_report(Db *db, int64_t measure, int64_t id, Buf *items, Err *err)
{
    DbStmt *st = db_prepare(db, DB_SQL(Q_REPORT "WHERE id = ?1 AND measure_id = ?2"));
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, measure);
    int rc = db_step(db, st, err);
    char h[HASH_HEX_SIZE];
    if (rc == 1) {
        hash_columns(db, st, 1, h);
        buf_printf(items, "%lld:%c:%s;", (long long)id, report_open(db_col_text(st, 2)) ? 'o' : 't',
                   h);
    } else if (rc == 0) {
        buf_printf(items, "%lld:t:" GONE ";", (long long)id);
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

static bool contains(const int64_t *ids, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (ids[i] == id)
            return true;
    return false;
}

int audit_digest_measure(Db *db, const char *object, int64_t id, Buf *out, Err *err)
{
    buf_reset(out);
    DbStmt *st = db_prepare(db, DB_SQL("SELECT digest FROM audit WHERE object = ?1"
                                       " AND digest IS NOT NULL ORDER BY seq DESC LIMIT 1"));
    db_bind_text(st, 1, object);
    Buf prev = BUF_INIT, items = BUF_INIT;
    int rc = db_step(db, st, err);
    if (rc == 1)
        buf_puts(&prev, db_col_text(st, 0));
    db_reset(st);
    char measure[HASH_HEX_SIZE], h[HASH_HEX_SIZE];
    if (rc < 0 || measure_hash(db, id, measure, err) < 0)
        goto fail;
    /* No previous entry of this form: MAX 0 lists every report, the start of the measure's. */
    const char *m, *prev_items = "";
    size_t m_len;
    int64_t max = 0;
    if (!parse_head(prev.data, &m, &m_len, &max, &prev_items))
        max = 0, prev_items = "";
    int64_t new_max = max, *covered = NULL;
    size_t n_covered = 0, cap = 0;
    st = db_prepare(db, DB_SQL(Q_REPORT "WHERE measure_id = ?1"
                                        " AND (id > ?2 OR state IN ('draft', 'submitted'))"
                                        " ORDER BY id"));
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, max);
    while ((rc = db_step(db, st, err)) == 1) {
        int64_t rid = db_col_int(st, 0);
        hash_columns(db, st, 1, h);
        buf_printf(&items, "%lld:%c:%s;", (long long)rid,
                   report_open(db_col_text(st, 2)) ? 'o' : 't', h);
        if (n_covered == cap) {
            cap = cap ? 2 * cap : 8;
            covered = xrealloc(covered, cap * sizeof *covered);
        }
        covered[n_covered++] = rid;
        if (rid > new_max)
            new_max = rid;
    }
    db_reset(st);
    /* The reports open at the previous entry that have settled since. */
    Item it;
    for (const char *p = prev_items; rc == 0 && next_item(&p, &it);)
        if (it.flag == 'o' && !contains(covered, n_covered, it.id))
            rc = add_report(db, id, it.id, &items, err);
    free(covered);
    if (rc < 0)
        goto fail;
    buf_printf(out, "2;%s;%lld;%s", measure, (long long)new_max, items.data);
    buf_free(&prev);
    buf_free(&items);
    return 0;
fail:
    buf_free(&prev);
    buf_free(&items);
    return -1;
}

static int by_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = ((const Report *)b)->id;
    return x < y ? -1 : x > y;
}

/* The measure's reports now, by id, into *out (heap). */
static int load_reports(Db *db, int64_t id, Report **out, size_t *n, Err *err)
{
    DbStmt *st = db_prepare(db, DB_SQL(Q_REPORT "WHERE measure_id = ?1 ORDER BY id"));
    db_bind_int(st, 1, id);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(db, st, err)) == 1) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 16;
            *out = xrealloc(*out, cap * sizeof **out);
        }
        Report *r = &(*out)[(*n)++];
        r->id = db_col_int(st, 0);
        r->seen = false;
        hash_columns(db, st, 1, r->hash);
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

static bool hash_is(const Item *it, const char *hash)
{
    return it->hash_len == strlen(hash) && memcmp(it->hash, hash, it->hash_len) == 0;
}

/*
** Check the items of one entry (seq) against the reports now: the newest item about a report
** must match it; a report gone must have been recorded gone (its id then joins *gone).
*/
static int check_items(const char *object, int64_t seq, const char *items, Report *reports,
                       size_t n, int64_t **gone, size_t *n_gone, Err *err)
{
    Item it;
    for (const char *p = items; next_item(&p, &it);) {
        Report *r = bsearch(&it.id, reports, n, sizeof *reports, by_id);
        if (r && !r->seen) {
            r->seen = true;
            if (!hash_is(&it, r->hash))
                return err_fail(err, ERR_CONFLICT,
                                "progress report %lld of %s was changed outside the application "
                                "after audit entry %lld",
                                (long long)it.id, object, (long long)seq);
        } else if (!r && hash_is(&it, GONE)) {
            if (!contains(*gone, *n_gone, it.id)) {
                *gone = xrealloc(*gone, (*n_gone + 1) * sizeof **gone);
                (*gone)[(*n_gone)++] = it.id;
            }
        } else if (!r && !contains(*gone, *n_gone, it.id)) {
            return err_fail(err, ERR_CONFLICT,
                            "progress report %lld of %s was removed outside the application "
                            "after audit entry %lld",
                            (long long)it.id, object, (long long)seq);
        }
    }
    return 0;
}

int audit_digest_check_measure(Db *db, const char *object, int64_t id, const char *recorded,
                               int64_t seq, Err *err)
{
    const char *m, *items;
    size_t m_len;
    int64_t max;
    if (!parse_head(recorded, &m, &m_len, &max, &items))
        return err_fail(err, ERR_CONFLICT, "audit entry %lld has a malformed digest",
                        (long long)seq);
    char now[HASH_HEX_SIZE];
    if (measure_hash(db, id, now, err) < 0)
        return -1;
    if (m_len != strlen(now) || memcmp(m, now, m_len) != 0)
        return err_fail(err, ERR_CONFLICT,
                        "%s was changed outside the application after audit entry %lld", object,
                        (long long)seq);
    Report *reports = NULL;
    int64_t *gone = NULL;
    size_t n = 0, n_gone = 0;
    int rc = load_reports(db, id, &reports, &n, err);
    /* A deleted measure took its reports with it: none may be left, and the items are history. */
    bool walk = strcmp(now, GONE) != 0;
    /* Newest first, back to the first entry of this form. */
    DbStmt *st = db_prepare(db, DB_SQL("SELECT seq, digest FROM audit WHERE object = ?1"
                                       " AND digest IS NOT NULL ORDER BY seq DESC"));
    db_bind_text(st, 1, object);
    int step = 0;
    while (walk && rc == 0 && (step = db_step(db, st, err)) == 1) {
        int64_t at = db_col_int(st, 0);
        const char *d = db_col_text(st, 1);
        if (!audit_digest_is_bounded(d))
            break;
        if (!parse_head(d, &m, &m_len, &max, &items))
            rc = err_fail(err, ERR_CONFLICT, "audit entry %lld has a malformed digest",
                          (long long)at);
        else
            rc = check_items(object, at, items, reports, n, &gone, &n_gone, err);
    }
    db_reset(st);
    if (step < 0)
        rc = -1;
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (!reports[i].seen)
            rc = err_fail(err, ERR_CONFLICT,
                          "progress report %lld of %s has no audit entry (added outside the "
                          "application)",
                          (long long)reports[i].id, object);
    free(reports);
    free(gone);
    return rc < 0 ? -1 : 0;
}
