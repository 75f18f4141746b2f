/*
** measure_store.c: SQL for measures (measure_store.h).
*/
#include "measure_store.h"
#include "light_sql.h"

#include "base/buf.h"
#include "base/utf8.h"

int measure_store_insert(Db *db, Measure *m, Err *err)
{
    char now[TIME_ISO_SIZE];
    date_now_iso(now);
    if (db_run(
            db,
            DB_SQL(
                "INSERT INTO measure(inspection_id, finding_id, ordinal, label, title, body, kind,"
                " target, deadline, long_term, lead_unit_id, state, percent, return_count,"
                " onsite_required, closed_at, revisit_due, line_first, line_last, created_at,"
                " updated_at) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,"
                "?18,?19,?20,?20)"),
            DB_ARGS(DB_INT(m->inspection_id), DB_INT(m->finding_id), DB_INT(m->ordinal),
                    DB_STR(m->label), DB_TEXT(m->title), DB_STR(m->body),
                    DB_TEXT(model_kind_name(m->kind)), DB_STR(m->target), DB_DAY(m->deadline),
                    DB_INT(m->long_term), DB_ID(m->lead_unit_id),
                    DB_TEXT(model_state_name(m->state)), DB_INT(m->percent),
                    DB_INT(m->return_count), DB_INT(m->onsite_required), DB_DAY(m->closed_on),
                    DB_DAY(m->revisit_due), DB_ID(m->line_first), DB_ID(m->line_last),
                    DB_TEXT(now)),
            err) < 0)
        return -1;
    m->id = db_last_id(db);
    return measure_store_add_owners(db, m, err);
}

/* Run sql, ?1 measure_id and ?2 each of the n ids in turn (a link row per id). */
static int link_each(Db *db, const char *sql, int64_t measure_id, const int64_t *ids, int n,
                     Err *err)
{
    for (int i = 0; i < n; i++)
        if (db_run(db, sql, DB_ARGS(DB_INT(measure_id), DB_INT(ids[i])), err) < 0)
            return -1;
    return 0;
}

int measure_store_add_owners(Db *db, const Measure *m, Err *err)
{
    if (link_each(db,
                  DB_SQL("INSERT INTO measure_leader(measure_id, person_id) VALUES(?1, ?2)"
                         " ON CONFLICT DO NOTHING"),
                  m->id, m->leader_ids, m->n_leaders, err) < 0)
        return -1;
    return link_each(db,
                     DB_SQL("INSERT INTO measure_co_unit(measure_id, unit_id) VALUES(?1, ?2)"
                            " ON CONFLICT DO NOTHING"),
                     m->id, m->co_unit_ids, m->n_co_units, err);
}

/*
** The filter's conditions, shared by every load query; parameters ?1..?5 are the filter's
** fields. A bound "?1 = 0 OR …" cannot use an index, so each query comes in one variant per
** driving filter (the most selective one set), which picks the rows through an index, and the
** remaining conditions are checked on those rows. The text search ?7 is each engine's own
** (bind_text_search): SQLite's FTS5 trigram table, PostgreSQL's pg_trgm index under ILIKE;
** ?8, the short queries' LIKE, ignores ASCII case in both (SQLite's LIKE does).
*/
#define SEARCH_SQLITE                                                                              \
    " AND (?7 IS NULL OR m.id IN (SELECT rowid FROM measure_fts WHERE measure_fts MATCH ?7))"      \
    " AND (?8 IS NULL OR m.title LIKE ?8 ESCAPE '\\' OR m.body LIKE ?8 ESCAPE '\\')"
#define SEARCH_PG                                                                                  \
    " AND (?7 IS NULL OR m.title ILIKE ?7 ESCAPE '\\' OR m.body ILIKE ?7 ESCAPE '\\')"            \
    " AND (?8 IS NULL OR m.title ILIKE ?8 ESCAPE '\\' OR m.body ILIKE ?8 ESCAPE '\\')"
#define MEASURE_RESIDUAL(search)                                                                   \
    " AND (?1 = 0 OR m.inspection_id = ?1)"                                                        \
    " AND (?2 = 0 OR m.lead_unit_id = ?2 OR EXISTS (SELECT 1 FROM measure_co_unit c"               \
    "      WHERE c.measure_id = m.id AND c.unit_id = ?2))"                                         \
    " AND (?3 = 0 OR EXISTS (SELECT 1 FROM measure_leader l WHERE l.measure_id = m.id"             \
    "      AND l.person_id = ?3))"                                                                 \
    " AND (?4 IS NULL OR m.state = ?4)"                                                            \
    " AND (?5 = 0 OR m.id = ?5)"                                                                   \
    " AND (?6 = 0 OR m.org_unit_id = ?6)"                                                         \
    search                                                                                         \
    " AND (?9 IS NULL OR m.inspection_id IN (SELECT id FROM inspection WHERE plan_state = ?9))"  \
    " AND (?17 IS NULL OR m.state <> ?17)"                                                      \
    " AND (?18 = 0 OR m.lead_unit_id = ?2)"                                                    \
    " AND (?19 = 0 OR m.finding_id = ?19)"
/* A withdrawn measure (撤销) is read only by its id: lists, counts and the ledger leave it out. */
#define IN_FORCE " AND m.withdrawn_at IS NULL"
#define BY_ID(s) " WHERE m.id = ?5" MEASURE_RESIDUAL(s)
#define BY_INSPECTION(s) " WHERE m.inspection_id = ?1" IN_FORCE MEASURE_RESIDUAL(s)
/*
** A unit's (lead or co-unit) or a leader's measures come through measure_party (k), whose
** indexes are led by the party and hold each order's keys (migrate_unitpage.sql): the orders of
** these drivers read k's columns (PREPARE_DRIVEN), so a page is one range of k's index. The
** residual conditions on m go in as one term: SQLite 3.40 stops seeing that the range of k comes
** in the ORDER BY's order (and sorts the whole range in a temporary b-tree) once a join carries
** this many separate terms. A CASE keeps their ORs short-circuited (a boolean compared as a value
** would evaluate every branch, the text search's MATCH of NULL among them).
*/
#define BY_PARTY(kind, id, s)                                                                      \
    " JOIN measure_party k ON k.measure_id = m.id WHERE k.kind = " kind " AND k.party_id = " id   \
    " AND (CASE WHEN 1 = 1" IN_FORCE MEASURE_RESIDUAL(s) " THEN 1 ELSE 0 END) = 1"
#define BY_UNIT(s) BY_PARTY("0", "?2", s)
#define BY_UNIT_INSPECTION(s) BY_PARTY("0", "?2 AND k.inspection_id = ?1", s)
#define BY_LEADER(s) BY_PARTY("1", "?3", s)
#define BY_LEADER_INSPECTION(s) BY_PARTY("1", "?3 AND k.inspection_id = ?1", s)
/*
** An inspection's measures under no filter but the organisation and the state (an office's list):
** the organisation is checked once on the inspection (a measure's org_unit_id is its
** inspection's, migrate_pagecost.sql's triggers), and SQLite does not seek the table row for a
** residual whose bound value short-circuits it, so a page reads its partial index alone
** (measure_k_insp_due_live) - the terms of MEASURE_RESIDUAL read m's row on every index entry.
*/
#define BY_INSPECTION_PLAIN(s)                                                                     \
    " WHERE m.inspection_id = ?1" IN_FORCE                                                         \
    " AND (?6 = 0 OR EXISTS (SELECT 1 FROM inspection i WHERE i.id = ?1 AND i.org_unit_id = ?6))"  \
    " AND (?4 IS NULL OR m.state = ?4) AND (?17 IS NULL OR m.state <> ?17)"
#define BY_ORG(s) " WHERE m.org_unit_id = ?6" IN_FORCE MEASURE_RESIDUAL(s)
#define BY_ALL(s) " WHERE 1 = 1" IN_FORCE MEASURE_RESIDUAL(s)

typedef enum Driver {
    DRIVE_ID,
    DRIVE_UNIT_INSPECTION,
    DRIVE_UNIT,
    DRIVE_LEADER_INSPECTION,
    DRIVE_LEADER,
    DRIVE_INSPECTION,
    DRIVE_INSPECTION_PLAIN,
    DRIVE_ORG,
    DRIVE_ALL
} Driver;

/* The most selective filter set: one measure, a unit's or a leader's, an inspection's … */
static Driver driver_of(const MeasureFilter *f)
{
    if (f->measure_id)
        return DRIVE_ID;
    if (f->unit_id)
        return f->inspection_id ? DRIVE_UNIT_INSPECTION : DRIVE_UNIT;
    if (f->leader_id)
        return f->inspection_id ? DRIVE_LEADER_INSPECTION : DRIVE_LEADER;
    if (f->inspection_id)
        return (f->text && *f->text) || f->issued_only || f->lead_only || f->finding_id
                   ? DRIVE_INSPECTION
                   : DRIVE_INSPECTION_PLAIN;
    if (f->org_unit_id)
        return DRIVE_ORG;
    return DRIVE_ALL;
}

/*
** The cached statement of query for f's driving filter, in the dialect of db's engine: each
** engine's literals side by side, differing in the search only. query(where, O, K, ID) takes
** the driver's WHERE clause, a list order O (O_IN for a party within one inspection) and the
** columns its key reads: m's own (alias K "m.", id ID "m.id"), or measure_party's copies ("k.")
** for the drivers through it.
*/
#define PREPARE_DRIVEN(db, f, query, O, O_IN, s, SQL)                                              \
    (driver_of(f) == DRIVE_ID ? db_prepare(db, SQL(query(BY_ID(s), O, "m.", "m.id")))              \
     : driver_of(f) == DRIVE_UNIT_INSPECTION                                                       \
         ? db_prepare(db, SQL(query(BY_UNIT_INSPECTION(s), O_IN, "k.", "k.measure_id")))           \
     : driver_of(f) == DRIVE_UNIT                                                                  \
         ? db_prepare(db, SQL(query(BY_UNIT(s), O, "k.", "k.measure_id")))                         \
     : driver_of(f) == DRIVE_LEADER_INSPECTION                                                     \
         ? db_prepare(db, SQL(query(BY_LEADER_INSPECTION(s), O_IN, "k.", "k.measure_id")))         \
     : driver_of(f) == DRIVE_LEADER                                                                \
         ? db_prepare(db, SQL(query(BY_LEADER(s), O, "k.", "k.measure_id")))                       \
     : driver_of(f) == DRIVE_INSPECTION                                                            \
         ? db_prepare(db, SQL(query(BY_INSPECTION(s), O, "m.", "m.id")))                           \
     : driver_of(f) == DRIVE_INSPECTION_PLAIN                                                      \
         ? db_prepare(db, SQL(query(BY_INSPECTION_PLAIN(s), O, "m.", "m.id")))                     \
     : driver_of(f) == DRIVE_ORG ? db_prepare(db, SQL(query(BY_ORG(s), O, "m.", "m.id")))          \
                                 : db_prepare(db, SQL(query(BY_ALL(s), O, "m.", "m.id"))))
#define PREPARE_ORDERED(db, f, query, O, O_IN)                                                     \
    (db_is_pg(db) ? PREPARE_DRIVEN(db, f, query, O, O_IN, SEARCH_PG, DB_SQL)                       \
                  : PREPARE_DRIVEN(db, f, query, O, O_IN, SEARCH_SQLITE, DB_SQL_SQLITE))
/* A query of no list order, a macro of the WHERE clause alone (Q_MEASURES …). */
#define UNORDERED(where, query, K, ID) query(where)
#define PREPARE_FOR(db, f, query) PREPARE_ORDERED(db, f, UNORDERED, query, query)

/* The columns measure_row reads, in its order. */
#define MEASURE_COLUMNS                                                                            \
    "SELECT m.id, m.inspection_id, m.finding_id, m.ordinal, m.label, m.title, m.body,"            \
    " m.kind, m.target, m.deadline, m.long_term, m.lead_unit_id, m.state, m.percent,"              \
    " m.return_count, m.onsite_required, m.evidence_waived, m.closed_at,"                          \
    " m.revisit_due, m.line_first, m.line_last, m.version, m.withdrawn_reason,"                    \
    " (SELECT count(*) FROM evidence e LEFT JOIN progress p ON p.id = e.progress_id"               \
    "   WHERE e.measure_id = m.id AND e.withdrawn_at IS NULL"                                      \
    "   AND (e.progress_id IS NULL OR p.state = 'accepted')),"                                     \
    " EXISTS (SELECT 1 FROM review r WHERE r.measure_id = m.id"                                    \
    "   AND r.stage = 'onsite_check' AND r.decision = 'approved'),"                                \
    " (SELECT min(s.respond_by) FROM supervision s WHERE s.measure_id = m.id"                      \
    "   AND s.state = 'open' AND s.respond_by IS NOT NULL)"                                        \
    " FROM measure m"
#define Q_MEASURES(where)                                                                          \
    MEASURE_COLUMNS where " ORDER BY m.inspection_id, m.finding_id, m.ordinal, m.id"
#define Q_REPORTS(where)                                                                           \
    "SELECT p.measure_id, p.reported_on FROM measure m"                                            \
    " JOIN progress p ON p.measure_id = m.id" where                                                \
    " AND p.state IN ('submitted','accepted')"
#define Q_LEADERS(where)                                                                           \
    "SELECT x.measure_id, x.person_id FROM measure m"                                              \
    " JOIN measure_leader x ON x.measure_id = m.id" where
#define Q_CO_UNITS(where)                                                                          \
    "SELECT x.measure_id, x.unit_id FROM measure m"                                                \
    " JOIN measure_co_unit x ON x.measure_id = m.id" where

/*
** Full-text search: the trigram index answers queries of three characters or more, given as one
** FTS5 phrase (quotes doubled, so no query syntax gets through); shorter ones fall back to LIKE
** with its wildcards escaped. On PostgreSQL (pg) every query is the LIKE pattern: pg_trgm's
** index answers ILIKE '%…%' of three characters or more itself, and reads all rows below that,
** as SQLite's LIKE does.
*/
static void bind_text_search(DbStmt *st, bool pg, int i_match, int i_like, const char *text)
{
    if (!text || !*text)
        return;
    Buf b = BUF_INIT;
    bool fts = !pg && utf8_length(text, strlen(text)) >= 3;
    buf_putc(&b, fts ? '"' : '%');
    for (const char *p = text; *p; p++) {
        if (fts && *p == '"')
            buf_putc(&b, '"');
        else if (!fts && (*p == '%' || *p == '_' || *p == '\\'))
            buf_putc(&b, '\\');
        buf_putc(&b, *p);
    }
    buf_putc(&b, fts ? '"' : '%');
    db_bind_text(st, fts ? i_match : i_like, b.data);
    buf_free(&b);
}

static void bind_filter(Db *db, DbStmt *st, const MeasureFilter *f)
{
    db_bind_args(st,
                 DB_ARGS(DB_INT(f->inspection_id), DB_INT(f->unit_id), DB_INT(f->leader_id),
                         DB_TEXT(f->state < 0 ? NULL : model_state_name((MeasureState)f->state)),
                         DB_INT(f->measure_id), DB_INT(f->org_unit_id)));
    bind_text_search(st, db_is_pg(db), 7, 8, f->text);
    db_bind_text(st, 9, f->issued_only ? vocab_name(VOCAB_PLAN_STATE, PLAN_ISSUED) : NULL);
    db_bind_text(st, 17, f->open ? model_state_name(STATE_CLOSED) : NULL);
    db_bind_int(st, 18, f->lead_only);
    db_bind_int(st, 19, f->finding_id);
}

typedef struct IdIndex {
    int64_t id; /* measure id */
    int index;  /* position in the loaded array */
} IdIndex;

static int cmp_id_index(const void *a, const void *b)
{
    int64_t x = ((const IdIndex *)a)->id, y = ((const IdIndex *)b)->id;
    return (x > y) - (x < y);
}

static Measure *by_id(Measure *ms, const IdIndex *idx, int n, int64_t id)
{
    IdIndex key = {id, 0};
    const IdIndex *hit = bsearch(&key, idx, (size_t)n, sizeof *idx, cmp_id_index);
    return hit ? &ms[hit->index] : NULL;
}

/*
** Read (measure_id, value) rows into per-measure arrays in one query: the rows are gathered in a
** scratch list while each measure's count grows, then placed into arrays of exactly that size
** and put in ascending order (they arrive nearly so, through the index).
*/
typedef enum { PART_REPORTS, PART_LEADERS, PART_CO_UNITS } Part;

typedef struct PartRow {
    int index;     /* the measure's position in the loaded array */
    int64_t value; /* report day, person id or unit id */
} PartRow;

/* Insertion sort: linear on the nearly sorted values of one measure. */
static void sort_values(int64_t *v, int n)
{
    for (int i = 1; i < n; i++) {
        int64_t x = v[i];
        int j = i;
        for (; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

static DbStmt *part_stmt(Db *db, const MeasureFilter *f, Part part)
{
    switch (part) {
    case PART_REPORTS:
        return PREPARE_FOR(db, f, Q_REPORTS);
    case PART_LEADERS:
        return PREPARE_FOR(db, f, Q_LEADERS);
    case PART_CO_UNITS:
        return PREPARE_FOR(db, f, Q_CO_UNITS);
    }
    BUG("unknown part %d", (int)part);
}

static int load_part(Db *db, Arena *arena, const MeasureFilter *f, Part part, Measure *ms,
                     const IdIndex *idx, int n, Err *err)
{
    PartRow *rows = NULL;
    size_t n_rows = 0, cap = 0;
    int *counts = xcalloc((size_t)n, sizeof *counts);
    DbStmt *st = part_stmt(db, f, part);
    bind_filter(db, st, f);
    int rc;
    while ((rc = db_step(db, st, err)) == 1) {
        Measure *m = by_id(ms, idx, n, db_col_int(st, 0));
        if (!m)
            continue;
        if (n_rows == cap) {
            cap = cap ? 2 * cap : 1024;
            rows = xrealloc(rows, cap * sizeof *rows);
        }
        rows[n_rows].index = (int)(m - ms);
        counts[m - ms]++;
        rows[n_rows].value = part == PART_REPORTS ? db_col_day(st, 1) : db_col_int(st, 1);
        n_rows++;
    }
    db_reset(st);
    if (rc < 0) {
        free(rows);
        free(counts);
        return -1;
    }
    /* values[i] collects measure i's values; counts were taken while reading. */
    int64_t **values = xcalloc((size_t)n, sizeof *values);
    int *fill = xcalloc((size_t)n, sizeof *fill);
    for (int i = 0; i < n; i++)
        if (counts[i])
            values[i] = ARENA_ARRAY(arena, int64_t, counts[i]);
    for (size_t r = 0; r < n_rows; r++)
        values[rows[r].index][fill[rows[r].index]++] = rows[r].value;
    for (int i = 0; i < n; i++) {
        if (!counts[i])
            continue;
        Measure *m = &ms[i];
        sort_values(values[i], counts[i]);
        if (part == PART_REPORTS) {
            m->report_days = ARENA_ARRAY(arena, Day, counts[i]);
            for (int k = 0; k < counts[i]; k++)
                m->report_days[k] = (Day)values[i][k];
            m->n_reports = counts[i];
        } else if (part == PART_LEADERS) {
            m->leader_ids = values[i];
            m->n_leaders = counts[i];
        } else {
            m->co_unit_ids = values[i];
            m->n_co_units = counts[i];
        }
    }
    free(values);
    free(fill);
    free(counts);
    free(rows);
    return 0;
}

static const DbCol measure_cols[] = {
    DB_COL_INT(Measure, id),
    DB_COL_INT(Measure, inspection_id),
    DB_COL_INT(Measure, finding_id),
    DB_COL_INT(Measure, ordinal),
    DB_COL_TEXT(Measure, label),
    DB_COL_TEXT(Measure, title),
    DB_COL_TEXT(Measure, body),
    DB_COL_VOCAB(Measure, kind, VOCAB_MEASURE_KIND, KIND_DATED),
    DB_COL_TEXT(Measure, target),
    DB_COL_DAY(Measure, deadline),
    DB_COL_INT(Measure, long_term),
    DB_COL_INT(Measure, lead_unit_id),
    /* Data read back is input too: an unknown state fails the load (below), never the process. */
    DB_COL_VOCAB(Measure, state, VOCAB_MEASURE_STATE, STATE__COUNT),
    DB_COL_INT(Measure, percent),
    DB_COL_INT(Measure, return_count),
    DB_COL_INT(Measure, onsite_required),
    DB_COL_TEXT(Measure, evidence_waived),
    DB_COL_DAY(Measure, closed_on),
    DB_COL_DAY(Measure, revisit_due),
    DB_COL_INT(Measure, line_first),
    DB_COL_INT(Measure, line_last),
    DB_COL_INT(Measure, version),
    DB_COL_TEXT(Measure, withdrawn),
    DB_COL_INT(Measure, n_evidence),
    DB_COL_INT(Measure, onsite_passed),
    DB_COL_DAY(Measure, supervision_due),
};

/* What follows from the columns read. */
static void measure_row(DbStmt *st, Arena *arena, void *out)
{
    (void)arena;
    (void)st;
    Measure *m = out;
    m->supervised = m->supervision_due != DAY_NONE;
}

static const DbRowMap measure_map = DB_MAP(Measure, measure_cols, measure_row);

int measure_store_load(Db *db, Arena *arena, const MeasureFilter *filter, unsigned what,
                       Measure **out, int *n, Err *err)
{
    Measure *ms;
    int count;
    DbStmt *st = PREPARE_FOR(db, filter, Q_MEASURES);
    bind_filter(db, st, filter);
    if (db_rows(db, st, &measure_map, arena, &ms, &count, err) < 0)
        return -1;
    for (int i = 0; i < count; i++)
        if (ms[i].state == STATE__COUNT) {
            return err_fail(err, ERR_DB, "bad row: table measure, id %lld: unknown state",
                            (long long)ms[i].id);
        }

    if (what && count > 0) {
        IdIndex *idx = ARENA_ARRAY(arena, IdIndex, count);
        for (int i = 0; i < count; i++)
            idx[i] = (IdIndex){ms[i].id, i};
        qsort(idx, (size_t)count, sizeof *idx, cmp_id_index);
        if ((what & MEASURE_LOAD_REPORTS) &&
            load_part(db, arena, filter, PART_REPORTS, ms, idx, count, err) < 0)
            return -1;
        if ((what & MEASURE_LOAD_OWNERS) &&
            (load_part(db, arena, filter, PART_LEADERS, ms, idx, count, err) < 0 ||
             load_part(db, arena, filter, PART_CO_UNITS, ms, idx, count, err) < 0))
            return -1;
    }
    *out = ms;
    *n = count;
    return 0;
}

static void bind_light_day(DbStmt *st, int light, const MeasureLightDay *day)
{
    db_bind_int(st, 16, light);
    if (!day)
        return;
    db_bind_day(st, 20, day->day);
    for (int c = 0; c < CYCLE__COUNT; c++) {
        db_bind_day(st, 21 + c, day->cycle_start[c]);
        db_bind_int(st, 24 + c, day->cycle_offset[c]);
    }
}

/*
** The columns of a page's row, in measure_cols' order: what a list shows and what ledger_light
** reads. The texts a list does not show (body, target) read as "", the evidence count and the
** on-site check as 0, so a row costs one primary-key step and one table row; the last column is
** the day of the latest submitted or accepted report (page_row).
*/
#define MEASURE_PAGE_COLUMNS                                                                       \
    "SELECT m.id, m.inspection_id, m.finding_id, m.ordinal, m.label, m.title, '',"                 \
    " m.kind, '', m.deadline, m.long_term, m.lead_unit_id, m.state, m.percent,"                    \
    " m.return_count, m.onsite_required, m.evidence_waived, m.closed_at,"                          \
    " m.revisit_due, m.line_first, m.line_last, m.version, m.withdrawn_reason, 0, 0,"              \
    " (SELECT min(s.respond_by) FROM supervision s WHERE s.measure_id = m.id"                      \
    "   AND s.state = 'open' AND s.respond_by IS NOT NULL), m.last_report_on"                      \
    " FROM measure m"

/* A page's row: as measure_row, and its latest report day as its only report day. */
static void page_row(DbStmt *st, Arena *arena, void *out)
{
    Measure *m = out;
    measure_row(st, arena, out);
    Day last = db_col_day(st, (int)ARRAY_SIZE(measure_cols));
    if (last != DAY_NONE) {
        m->report_days = ARENA_ARRAY(arena, Day, 1);
        m->report_days[0] = last;
        m->n_reports = 1;
    }
}

static const DbRowMap page_map = DB_MAP(Measure, measure_cols, page_row);

/*
** A page's ids: those of the rows after (or up to) the keyset condition of the order (?10..?13,
** a row value compared along the order's index), LIMIT ?15. The rows themselves come by id
** (measure_store_page_rows), so a caller that keeps rows reads an index range and no columns.
*/
#define Q_PAGE(where, keyset, order)                                                               \
    "SELECT m.id FROM measure m" where LIGHT_RESIDUAL " AND " keyset " ORDER BY " order           \
    " LIMIT ?15"
/*
** Each order's key over the columns of table alias K with the measure id ID, ascending and
** descending, and the bound cursor it is compared with: m's own columns, or measure_party's
** copies (k) for the drivers through it.
*/
#define KEY_DEADLINE(K, ID) K "due_key, " ID
#define KEY_LEDGER(K, ID) K "inspection_id, " K "finding_id, " K "ordinal, " ID
#define KEY_STATE(K, ID) K "state_rank, " K "due_key, " ID
#define KEY_UNIT(K, ID) K "unit_key, " K "due_key, " ID
#define DESC_DEADLINE(K, ID) K "due_key DESC, " ID " DESC"
#define DESC_LEDGER(K, ID)                                                                         \
    K "inspection_id DESC, " K "finding_id DESC, " K "ordinal DESC, " ID " DESC"
#define DESC_STATE(K, ID) K "state_rank DESC, " K "due_key DESC, " ID " DESC"
#define DESC_UNIT(K, ID) K "unit_key DESC, " K "due_key DESC, " ID " DESC"
#define ARGS_DEADLINE "(?10, ?13)"
#define ARGS_LEDGER "(?10, ?11, ?12, ?13)"
#define ARGS_STATE "(?10, ?11, ?13)"
#define ARGS_UNIT "(?10, ?11, ?13)"
/* An order O's page forwards and backwards (the previous page). */
#define FWD(where, O, K, ID) Q_PAGE(where, "(" KEY_##O(K, ID) ") > " ARGS_##O, KEY_##O(K, ID))
#define BACK(where, O, K, ID) Q_PAGE(where, "(" KEY_##O(K, ID) ") <= " ARGS_##O, DESC_##O(K, ID))
#define Q_COUNT(where) "SELECT count(*) FROM measure m" where LIGHT_RESIDUAL
/*
** The ledger order of a party within one inspection: k.inspection_id is bound equal, and the key
** leaves it out (with it in the row value, SQLite 3.40 reads the range but sorts it again).
*/
#define KEY_LEDGER_IN(K, ID) K "finding_id, " K "ordinal, " ID
#define DESC_LEDGER_IN(K, ID) K "finding_id DESC, " K "ordinal DESC, " ID " DESC"
#define ARGS_LEDGER_IN "(?11, ?12, ?13)"

/* Bind a deadline key component: "9999-12-31" (the due_key of no deadline) for none. */
static void bind_due_key(DbStmt *st, int i, int64_t day)
{
    /* Days outside 0001..9999 cannot be deadlines: clamp a forged cursor's. */
    if (day == DAY_NONE || day >= INT32_MAX || day > 2932896)
        db_bind_text(st, i, "9999-12-31");
    else if (day < -719162)
        db_bind_text(st, i, "");
    else
        db_bind_day(st, i, (Day)day);
}

static void bind_key(DbStmt *st, MeasureOrder order, bool has_after, const MeasureKey *key)
{
    if (!has_after) {
        /* Below every key: "" before every date, a number below every id, ordinal and rank
           (INT32_MIN where PostgreSQL's column is an integer: measure_party's state rank,
           unit key and ordinal), id 0. */
        if (order == MEASURE_ORDER_DEADLINE)
            db_bind_text(st, 10, "");
        else
            db_bind_int(st, 10, order == MEASURE_ORDER_LEDGER ? INT64_MIN : INT32_MIN);
        if (order == MEASURE_ORDER_LEDGER)
            db_bind_int(st, 11, INT64_MIN);
        else
            db_bind_text(st, 11, "");
        db_bind_int(st, 12, INT32_MIN);
        db_bind_int(st, 13, 0);
        return;
    }
    switch (order) {
    case MEASURE_ORDER_DEADLINE:
        bind_due_key(st, 10, key->k[0]);
        break;
    case MEASURE_ORDER_LEDGER:
        db_bind_int(st, 10, key->k[0]);
        db_bind_int(st, 11, key->k[1]);
        db_bind_int(st, 12, key->k[2]);
        break;
    case MEASURE_ORDER_STATE:
    case MEASURE_ORDER_UNIT:
        db_bind_int(st, 10, key->k[0]);
        bind_due_key(st, 11, key->k[1]);
        break;
    case MEASURE_ORDER__COUNT:
        BUG("bad order");
    }
    db_bind_int(st, 13, key->id);
}

/* A measure's status (MEASURE_STATUS) is light_sql.h's, shared with the dashboard. */
/* An order's whole range (no LIMIT: ?15 is bound to every row), as Q_PAGE's forwards read. */
#define Q_TREE(where, O, K, ID)                                                                    \
    "SELECT m.id, m.finding_id, " MEASURE_STATUS " FROM measure m" where LIGHT_RESIDUAL           \
    " AND (" KEY_##O(K, ID) ") > " ARGS_##O " ORDER BY " KEY_##O(K, ID) " LIMIT ?15"

/* What a statement of an order does: read forwards, read backwards, or the whole range (a tree). */
typedef enum PageRead { READ_FORWARD, READ_BACKWARD, READ_TREE } PageRead;

/* The statement of how in order O (O_IN within one inspection): FWD, BACK or Q_TREE. */
#define PAGE_READ(db, f, how, O, O_IN)                                                             \
    (how == READ_FORWARD    ? PREPARE_ORDERED(db, f, FWD, O, O_IN)                                 \
     : how == READ_BACKWARD ? PREPARE_ORDERED(db, f, BACK, O, O_IN)                                \
                            : PREPARE_ORDERED(db, f, Q_TREE, O, O_IN))

static DbStmt *page_stmt(Db *db, const MeasureFilter *f, MeasureOrder order, PageRead how)
{
    switch (order) {
    case MEASURE_ORDER_DEADLINE:
        return PAGE_READ(db, f, how, DEADLINE, DEADLINE);
    case MEASURE_ORDER_LEDGER:
        return PAGE_READ(db, f, how, LEDGER, LEDGER_IN);
    case MEASURE_ORDER_STATE:
        return PAGE_READ(db, f, how, STATE, STATE);
    case MEASURE_ORDER_UNIT:
        return PAGE_READ(db, f, how, UNIT, UNIT);
    default:
        break;
    }
    BUG("bad order %d", (int)order);
}

int measure_store_page_ids(Db *db, Arena *arena, const MeasurePageQuery *q, int64_t **ids, int *n,
                           Err *err)
{
    DbStmt *st = page_stmt(db, &q->filter, q->order, q->backward ? READ_BACKWARD : READ_FORWARD);
    bind_filter(db, st, &q->filter);
    bind_light_day(st, q->light, q->day);
    bind_key(st, q->order, q->has_after, &q->after);
    db_bind_int(st, 15, q->limit);
    return db_rows(db, st, &db_map_ids, arena, ids, n, err);
}

int measure_store_page_rows(Db *db, Arena *arena, const int64_t *ids, int n, Measure **out,
                            int *n_out, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_PICK(db, MEASURE_PAGE_COLUMNS " WHERE m.id IN " DB_IDS_SQLITE("?1"),
                    MEASURE_PAGE_COLUMNS " WHERE m.id" DB_ANY_IDS_PG("?1")));
    db_bind_ids(st, 1, ids, n);
    if (db_rows(db, st, &page_map, arena, out, n_out, err) < 0)
        return -1;
    for (int i = 0; i < *n_out; i++)
        if ((*out)[i].state == STATE__COUNT) /* a bad row fails the request, as in the load */
            return err_fail(err, ERR_DB, "bad row: table measure, id %lld: unknown state",
                            (long long)(*out)[i].id);
    return 0;
}

int measure_store_page(Db *db, Arena *arena, const MeasurePageQuery *q, Measure **out, int *n,
                       Err *err)
{
    int64_t *ids;
    Measure *rows;
    int n_ids, n_rows;
    if (measure_store_page_ids(db, arena, q, &ids, &n_ids, err) < 0 ||
        measure_store_page_rows(db, arena, ids, n_ids, &rows, &n_rows, err) < 0)
        return -1;
    /* In the page's order; a row gone between the two reads of one snapshot cannot happen. */
    *out = ARENA_ARRAY(arena, Measure, n_ids + 1);
    *n = 0;
    for (int i = 0; i < n_ids; i++)
        for (int k = 0; k < n_rows; k++)
            if (rows[k].id == ids[i]) {
                (*out)[(*n)++] = rows[k];
                break;
            }
    return 0;
}

/*
** Counts from the tally of measures per inspection and state (migrate_pagecost.sql): by
** inspection, by organisation or of everything, with a state filter or the open filter at most
** (the office's lists). The organisation of an inspection count is checked once on the
** inspection row.
*/
#define Q_TALLY_STATE " AND (?4 IS NULL OR t.state = ?4) AND (?17 IS NULL OR t.state <> ?17)"
#define Q_TALLY_INSPECTION                                                                         \
    "SELECT coalesce(sum(t.n), 0) FROM measure_tally t WHERE t.inspection_id = ?1"                \
    Q_TALLY_STATE " AND (?6 = 0 OR EXISTS (SELECT 1 FROM inspection i WHERE i.id = ?1"             \
    " AND i.org_unit_id = ?6))"
#define Q_TALLY_ORG                                                                                \
    "SELECT coalesce(sum(t.n), 0) FROM inspection i JOIN measure_tally t"                          \
    " ON t.inspection_id = i.id WHERE i.org_unit_id = ?6" Q_TALLY_STATE
#define Q_TALLY_ALL "SELECT coalesce(sum(t.n), 0) FROM measure_tally t WHERE 1 = 1" Q_TALLY_STATE

/* True when f (and the light) leave a count to the tally: no unit, leader, text, plan state. */
static bool count_by_state(const MeasureFilter *f, int light)
{
    return light < 0 && !f->unit_id && !f->leader_id && !f->measure_id && !f->text &&
           !f->issued_only && !f->finding_id;
}

bool measure_store_tallied(const MeasureFilter *f, int light)
{
    return f->inspection_id && count_by_state(f, light);
}

int measure_store_tally(Db *db, int64_t inspection_id, int64_t by_state[STATE__COUNT + 1],
                        Err *err)
{
    memset(by_state, 0, sizeof *by_state * (STATE__COUNT + 1));
    DbStmt *st = db_query(db, DB_SQL("SELECT state, n FROM measure_tally WHERE inspection_id = ?1"),
                          DB_ARGS(DB_INT(inspection_id)));
    int rc;
    while ((rc = db_step(db, st, err)) == 1) {
        int state = model_state_parse(db_col_text(st, 0));
        by_state[state < 0 ? STATE__COUNT : state] += db_col_int(st, 1);
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

int64_t measure_tally_count(const MeasureFilter *f, const int64_t by_state[STATE__COUNT + 1])
{
    int64_t n = 0;
    for (int s = 0; s <= STATE__COUNT; s++)
        if ((f->state < 0 || s == f->state) && (!f->open || s != STATE_CLOSED))
            n += by_state[s];
    return n;
}

/*
** Counts of one unit's or one leader's measures (a unit user's list) from measure_party alone,
** which holds the measures in force (migrate_party_live.sql) with their state's rank: one range
** of its index, with a state or the open filter, led only, of issued plans, of an organisation.
** Binds: ?1 kind, ?2 party, ?3 the state's rank (-1: any), ?4 a rank left out (-1: none), ?5
** led only, ?6 the plan state required (NULL: any), ?7 the organisation (0: any), ?8 the
** inspection.
*/
#define Q_PARTY_COUNT(where, insp)                                                                 \
    "SELECT count(*) FROM measure_party k WHERE k.kind = ?1 AND k.party_id = ?2" where             \
    " AND (?3 < 0 OR k.state_rank = ?3) AND (?4 < 0 OR k.state_rank <> ?4)"                        \
    " AND (?5 = 0 OR k.lead = 1)"                                                                  \
    " AND (?6 IS NULL OR EXISTS (SELECT 1 FROM inspection i WHERE i.id = " insp                    \
    " AND i.plan_state = ?6))"                                                                     \
    " AND (?7 = 0 OR EXISTS (SELECT 1 FROM inspection i WHERE i.id = " insp                        \
    " AND i.org_unit_id = ?7))"

_Static_assert(STATE_NOT_STARTED == 0 && STATE_CLOSED == 5 && STATE_RELAPSED == 8,
               "state_rank (migrate_pagecost.sql) is MeasureState's number");

/* True when f's count can come from measure_party alone: one party, no light, text or finding. */
static bool count_by_party(const MeasureFilter *f, int light)
{
    return light < 0 && !f->unit_id != !f->leader_id && !f->measure_id && !f->text &&
           !f->finding_id;
}

static int party_count(Db *db, const MeasureFilter *f, int64_t *n, Err *err)
{
    DbStmt *st = f->inspection_id
                     ? db_prepare(db, DB_SQL(Q_PARTY_COUNT(" AND k.inspection_id = ?8", "?8")))
                     : db_prepare(db, DB_SQL(Q_PARTY_COUNT("", "k.inspection_id")));
    db_bind_args(
        st, DB_ARGS(DB_INT(f->unit_id ? 0 : 1), DB_INT(f->unit_id ? f->unit_id : f->leader_id),
                    DB_INT(f->state), DB_INT(f->open ? STATE_CLOSED : -1), DB_INT(f->lead_only),
                    DB_TEXT(f->issued_only ? vocab_name(VOCAB_PLAN_STATE, PLAN_ISSUED) : NULL),
                    DB_INT(f->org_unit_id)));
    if (f->inspection_id)
        db_bind_int(st, 8, f->inspection_id);
    return db_find_id(db, st, n, err);
}

int measure_store_count(Db *db, const MeasureFilter *filter, int light, const MeasureLightDay *day,
                        int64_t *n, Err *err)
{
    if (count_by_party(filter, light))
        return party_count(db, filter, n, err);
    if (count_by_state(filter, light)) {
        DbStmt *st = filter->inspection_id ? db_prepare(db, DB_SQL(Q_TALLY_INSPECTION))
                     : filter->org_unit_id ? db_prepare(db, DB_SQL(Q_TALLY_ORG))
                                           : db_prepare(db, DB_SQL(Q_TALLY_ALL));
        bind_filter(db, st, filter);
        return db_find_id(db, st, n, err);
    }
    DbStmt *st = PREPARE_FOR(db, filter, Q_COUNT);
    bind_filter(db, st, filter);
    bind_light_day(st, light, day);
    return db_find_id(db, st, n, err);
}

#define Q_COUNTS_OF(light)                                                                         \
    "SELECT m.state, " light ", CASE WHEN m.lead_unit_id = ?2 THEN 1 ELSE 0 END, count(*)"         \
    " FROM measure m"
#define Q_COUNTS(where) Q_COUNTS_OF(LIGHT_EXPR) where LIGHT_RESIDUAL " GROUP BY 1, 2, 3"
/* Without a text search, on SQLite: every column read is in measure_light_cover. */
#define SEARCH_NONE " AND ?7 IS NULL AND ?8 IS NULL"
#define Q_COUNTS_COVERED(where)                                                                    \
    Q_COUNTS_OF(LIGHT_EXPR_COVERED)                                                                \
    where " AND (?16 < 0 OR " LIGHT_EXPR_COVERED " = ?16) GROUP BY 1, 2, 3"

/*
** A unit's or a leader's measures of one inspection for the counts, on SQLite: the inspection's
** range of measure_light_cover, which holds every column the light reads, with the party's ids
** from measure_party as a set. Reached from measure_party instead, each of the party's rows is
** read in the table, spread over more pages than a reader's cache (a unit of 2,461 measures in
** a city's inspection of 10,000: its unit page took 20 ms).
*/
#define PARTY_IDS(kind, id, what, insp)                                                            \
    " (SELECT k." what " FROM measure_party k WHERE k.kind = " kind " AND k.party_id = " id insp ")"
#define BY_PARTY_COVERED(kind, id)                                                                 \
    " INDEXED BY measure_light_cover WHERE m.inspection_id = ?1" IN_FORCE                          \
    " AND m.id IN" PARTY_IDS(kind, id, "measure_id", " AND k.inspection_id = ?1")                  \
        MEASURE_RESIDUAL(SEARCH_NONE)
/* The same over every inspection the party has a measure in (GET /api/v1/units/ID). */
#define BY_PARTY_COVERED_ALL(kind, id)                                                             \
    " INDEXED BY measure_light_cover WHERE m.inspection_id IN" PARTY_IDS(                          \
        kind, id, "inspection_id", "") IN_FORCE                                                    \
        " AND m.id IN" PARTY_IDS(kind, id, "measure_id", "") MEASURE_RESIDUAL(SEARCH_NONE)

int measure_store_counts(Db *db, const MeasureFilter *filter, const MeasureLightDay *day,
                         MeasureCounts *out, Err *err)
{
    memset(out, 0, sizeof *out);
    Driver d = driver_of(filter);
    DbStmt *st =
        db_is_pg(db) || filter->text ? PREPARE_FOR(db, filter, Q_COUNTS)
        : d == DRIVE_UNIT_INSPECTION
            ? db_prepare(db, DB_SQL_SQLITE(Q_COUNTS_COVERED(BY_PARTY_COVERED("0", "?2"))))
        : d == DRIVE_LEADER_INSPECTION
            ? db_prepare(db, DB_SQL_SQLITE(Q_COUNTS_COVERED(BY_PARTY_COVERED("1", "?3"))))
        : d == DRIVE_UNIT
            ? db_prepare(db, DB_SQL_SQLITE(Q_COUNTS_COVERED(BY_PARTY_COVERED_ALL("0", "?2"))))
        : d == DRIVE_LEADER
            ? db_prepare(db, DB_SQL_SQLITE(Q_COUNTS_COVERED(BY_PARTY_COVERED_ALL("1", "?3"))))
            : PREPARE_DRIVEN(db, filter, UNORDERED, Q_COUNTS_COVERED, Q_COUNTS_COVERED, SEARCH_NONE,
                             DB_SQL_SQLITE);
    bind_filter(db, st, filter);
    bind_light_day(st, -1, day);
    int rc;
    while ((rc = db_step(db, st, err)) == 1) {
        int state = model_state_parse(db_col_text(st, 0));
        int64_t light = db_col_int(st, 1), n = db_col_int(st, 3);
        if (state < 0 || light < 0 || light >= (int64_t)ARRAY_SIZE(out->by_light)) {
            db_reset(st);
            return err_fail(err, ERR_DB, "bad row: table measure: unknown state or light");
        }
        out->by_state[state] += n;
        out->by_light[light] += n;
        out->total += n;
        if (db_col_int(st, 2))
            out->lead += n;
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

int measure_store_lights(Db *db, Arena *arena, int64_t inspection_id, const MeasureLightDay *day,
                         int64_t **pairs, int *n, Err *err)
{
    DbStmt *st =
        db_query(db,
                 DB_SQL("SELECT m.id, " LIGHT_EXPR " FROM measure m WHERE m.inspection_id = ?1"
                        " ORDER BY m.id"),
                 DB_ARGS(DB_INT(inspection_id)));
    bind_light_day(st, 0, day);
    int64_t *v = NULL;
    size_t count = 0, cap = 0;
    int rc;
    while ((rc = db_step(db, st, err)) == 1) {
        if (count + 2 > cap) {
            cap = cap ? 2 * cap : 1024;
            v = xrealloc(v, cap * sizeof *v);
        }
        v[count++] = db_col_int(st, 0);
        v[count++] = db_col_int(st, 1);
    }
    db_reset(st);
    if (rc == 0) {
        *pairs = ARENA_ARRAY(arena, int64_t, count + 1);
        if (count)
            memcpy(*pairs, v, count * sizeof *v);
        *n = (int)(count / 2);
    }
    free(v);
    return rc < 0 ? -1 : 0;
}

int measure_store_get(Db *db, Arena *arena, int64_t id, Measure *out, Err *err)
{
    return measure_store_get_parts(db, arena, id, MEASURE_LOAD_OWNERS | MEASURE_LOAD_REPORTS, out,
                                   err);
}

int measure_store_get_parts(Db *db, Arena *arena, int64_t id, unsigned what, Measure *out,
                            Err *err)
{
    MeasureFilter f = MEASURE_FILTER_ALL;
    f.measure_id = id;
    Measure *ms;
    int n;
    if (measure_store_load(db, arena, &f, what, &ms, &n, err) < 0)
        return -1;
    if (n == 0)
        return err_fail(err, ERR_NOTFOUND, "no measure with id %lld", (long long)id);
    *out = ms[0];
    return 0;
}

int measure_store_update_state(Db *db, const Measure *m, MeasureState from, Err *err)
{
    if (db_run(
            db,
            DB_SQL("UPDATE measure SET state = ?2, return_count = ?3, closed_at = ?4,"
                   " percent = ?5, updated_at = ?6, revisit_due = ?8 WHERE id = ?1 AND state = ?7"),
            DB_ARGS(DB_INT(m->id), DB_TEXT(model_state_name(m->state)), DB_INT(m->return_count),
                    DB_DAY(m->closed_on), DB_INT(m->percent), DB_NOW,
                    DB_TEXT(model_state_name(from)), DB_DAY(m->revisit_due)),
            err) < 0)
        return -1;
    if (db_changes(db) != 1)
        return err_fail(err, ERR_CONFLICT, "measure %lld is no longer %s", (long long)m->id,
                        model_state_name(from));
    return 0;
}

int measure_store_set_waiver(Db *db, int64_t id, const char *reason, Err *err)
{
    return db_run(db, DB_SQL("UPDATE measure SET evidence_waived = ?2 WHERE id = ?1"),
                  DB_ARGS(DB_INT(id), DB_TEXT(reason)), err);
}

static const DbCol tree_cols[] = {
    DB_COL_INT(MeasureTreeRow, id),
    DB_COL_INT(MeasureTreeRow, finding_id),
    DB_COL_INT(MeasureTreeRow, status),
};
static const DbRowMap tree_map = DB_MAP(MeasureTreeRow, tree_cols, NULL);

int measure_store_tree(Db *db, Arena *arena, const MeasureFilter *filter, int light,
                       const MeasureLightDay *day, MeasureOrder order, MeasureTreeRow **out, int *n,
                       Err *err)
{
    DbStmt *st = page_stmt(db, filter, order, READ_TREE);
    bind_filter(db, st, filter);
    bind_light_day(st, light, day);
    bind_key(st, order, false, NULL);
    db_bind_int(st, 15, INT32_MAX);
    return db_rows(db, st, &tree_map, arena, out, n, err);
}

#define Q_LEAD_UNITS(where)                                                                        \
    "SELECT DISTINCT m.lead_unit_id FROM measure m" where " AND m.lead_unit_id IS NOT NULL"       \
    " ORDER BY 1"
#define Q_LEADER_IDS(where)                                                                        \
    "SELECT DISTINCT x.person_id FROM measure m JOIN measure_leader x ON x.measure_id = m.id"     \
    where " ORDER BY 1"

int measure_store_parties(Db *db, Arena *arena, const MeasureFilter *filter, bool leaders,
                          int64_t **ids, int *n, Err *err)
{
    DbStmt *st = leaders ? PREPARE_FOR(db, filter, Q_LEADER_IDS)
                         : PREPARE_FOR(db, filter, Q_LEAD_UNITS);
    bind_filter(db, st, filter);
    return db_rows(db, st, &db_map_ids, arena, ids, n, err);
}
