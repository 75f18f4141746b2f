/*
** measure_store.c: SQL for measures (measure_store.h).
*/
#include "measure_store.h"

#include "base/buf.h"
#include "base/utf8.h"

int measure_store_insert(Db *db, Measure *m, Err *err)
{
    char now[TIME_ISO_SIZE];
    date_now_iso(now);
    sqlite3_stmt *st = db_prepare(
        db, DB_SQL("INSERT INTO measure(inspection_id, finding_id, ordinal, label, title, body, kind,"
                   " target, deadline, long_term, lead_unit_id, state, percent, return_count,"
                   " onsite_required, closed_at, revisit_due, line_first, line_last, created_at,"
                   " updated_at) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,"
                   "?18,?19,?20,?20)"));
    db_bind_int(st, 1, m->inspection_id);
    db_bind_int(st, 2, m->finding_id);
    db_bind_int(st, 3, m->ordinal);
    db_bind_text(st, 4, m->label ? m->label : "");
    db_bind_text(st, 5, m->title);
    db_bind_text(st, 6, m->body ? m->body : "");
    db_bind_text(st, 7, model_kind_name(m->kind));
    db_bind_text(st, 8, m->target ? m->target : "");
    db_bind_day(st, 9, m->deadline);
    db_bind_int(st, 10, m->long_term);
    db_bind_id(st, 11, m->lead_unit_id);
    db_bind_text(st, 12, model_state_name(m->state));
    db_bind_int(st, 13, m->percent);
    db_bind_int(st, 14, m->return_count);
    db_bind_int(st, 15, m->onsite_required);
    db_bind_day(st, 16, m->closed_on);
    db_bind_day(st, 17, m->revisit_due);
    db_bind_id(st, 18, m->line_first);
    db_bind_id(st, 19, m->line_last);
    db_bind_text(st, 20, now);
    if (db_step_done(db, st, err) < 0)
        return -1;
    m->id = db_last_id(db);
    return measure_store_add_owners(db, m, err);
}

int measure_store_add_owners(Db *db, const Measure *m, Err *err)
{
    for (int i = 0; i < m->n_leaders; i++) {
        sqlite3_stmt *st = db_prepare(
            db,
            DB_SQL("INSERT OR IGNORE INTO measure_leader(measure_id, person_id) VALUES(?1, ?2)"));
        db_bind_int(st, 1, m->id);
        db_bind_int(st, 2, m->leader_ids[i]);
        if (db_step_done(db, st, err) < 0)
            return -1;
    }
    for (int i = 0; i < m->n_co_units; i++) {
        sqlite3_stmt *st = db_prepare(
            db,
            DB_SQL("INSERT OR IGNORE INTO measure_co_unit(measure_id, unit_id) VALUES(?1, ?2)"));
        db_bind_int(st, 1, m->id);
        db_bind_int(st, 2, m->co_unit_ids[i]);
        if (db_step_done(db, st, err) < 0)
            return -1;
    }
    return 0;
}

/*
** The filter's conditions, shared by every load query; parameters ?1..?5 are the filter's
** fields. A bound "?1 = 0 OR …" cannot use an index, so each query comes in one variant per
** driving filter (the most selective one set), which picks the rows through an index, and the
** remaining conditions are checked on those rows.
*/
#define MEASURE_RESIDUAL                                                                           \
    " AND (?1 = 0 OR m.inspection_id = ?1)"                                                        \
    " AND (?2 = 0 OR m.lead_unit_id = ?2 OR EXISTS (SELECT 1 FROM measure_co_unit c"               \
    "      WHERE c.measure_id = m.id AND c.unit_id = ?2))"                                         \
    " AND (?3 = 0 OR EXISTS (SELECT 1 FROM measure_leader l WHERE l.measure_id = m.id"             \
    "      AND l.person_id = ?3))"                                                                 \
    " AND (?4 IS NULL OR m.state = ?4)"                                                            \
    " AND (?5 = 0 OR m.id = ?5)"                                                                   \
    " AND (?6 = 0 OR m.inspection_id IN (SELECT id FROM inspection WHERE org_unit_id = ?6))"       \
    " AND (?7 IS NULL OR m.id IN (SELECT rowid FROM measure_fts WHERE measure_fts MATCH ?7))"      \
    " AND (?8 IS NULL OR m.title LIKE ?8 ESCAPE '\\' OR m.body LIKE ?8 ESCAPE '\\')"               \
    " AND (?9 IS NULL OR m.inspection_id IN (SELECT id FROM inspection WHERE plan_state = ?9))"
/* A withdrawn measure (撤销) is read only by its id: lists, counts and the ledger leave it out. */
#define IN_FORCE " AND m.withdrawn_at IS NULL"
#define BY_ID " WHERE m.id = ?5" MEASURE_RESIDUAL
#define BY_INSPECTION " WHERE m.inspection_id = ?1" IN_FORCE MEASURE_RESIDUAL
#define BY_UNIT                                                                                    \
    " WHERE m.id IN (SELECT id FROM measure WHERE lead_unit_id = ?2 UNION"                         \
    " SELECT measure_id FROM measure_co_unit WHERE unit_id = ?2)" IN_FORCE MEASURE_RESIDUAL
#define BY_LEADER                                                                                  \
    " WHERE m.id IN (SELECT measure_id FROM measure_leader WHERE person_id = ?3)" IN_FORCE         \
        MEASURE_RESIDUAL
#define BY_ORG                                                                                     \
    " WHERE m.inspection_id IN (SELECT id FROM inspection WHERE org_unit_id = ?6)" IN_FORCE        \
        MEASURE_RESIDUAL
#define BY_ALL " WHERE 1" IN_FORCE MEASURE_RESIDUAL

typedef enum Driver {
    DRIVE_ID,
    DRIVE_INSPECTION,
    DRIVE_UNIT,
    DRIVE_LEADER,
    DRIVE_ORG,
    DRIVE_ALL
} Driver;

static Driver driver_of(const MeasureFilter *f)
{
    if (f->measure_id)
        return DRIVE_ID;
    if (f->inspection_id)
        return DRIVE_INSPECTION;
    if (f->unit_id)
        return DRIVE_UNIT;
    if (f->leader_id)
        return DRIVE_LEADER;
    if (f->org_unit_id)
        return DRIVE_ORG;
    return DRIVE_ALL;
}

/* The cached statement of query (a macro taking a WHERE clause) for f's driving filter. */
#define PREPARE_FOR(db, f, query)                                                                  \
    (driver_of(f) == DRIVE_ID           ? db_prepare(db, DB_SQL(query(BY_ID)))                     \
     : driver_of(f) == DRIVE_INSPECTION ? db_prepare(db, DB_SQL(query(BY_INSPECTION)))             \
     : driver_of(f) == DRIVE_UNIT       ? db_prepare(db, DB_SQL(query(BY_UNIT)))                   \
     : driver_of(f) == DRIVE_LEADER     ? db_prepare(db, DB_SQL(query(BY_LEADER)))                 \
     : driver_of(f) == DRIVE_ORG        ? db_prepare(db, DB_SQL(query(BY_ORG)))                    \
                                        : db_prepare(db, DB_SQL(query(BY_ALL))))

#define Q_MEASURES(where)                                                                          \
    "SELECT m.id, m.inspection_id, m.finding_id, m.ordinal, m.label, m.title, m.body,"             \
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
    " FROM measure m" where " ORDER BY m.inspection_id, m.finding_id, m.ordinal, m.id"
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
** with its wildcards escaped. SQLite-only, like the index (SPEC §10 keeps such things here).
*/
static void bind_text_search(sqlite3_stmt *st, int i_match, int i_like, const char *text)
{
    if (!text || !*text)
        return;
    Buf b = BUF_INIT;
    bool fts = utf8_length(text, strlen(text)) >= 3;
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

static void bind_filter(sqlite3_stmt *st, const MeasureFilter *f)
{
    db_bind_int(st, 1, f->inspection_id);
    db_bind_int(st, 2, f->unit_id);
    db_bind_int(st, 3, f->leader_id);
    db_bind_text(st, 4, f->state < 0 ? NULL : model_state_name((MeasureState)f->state));
    db_bind_int(st, 5, f->measure_id);
    db_bind_int(st, 6, f->org_unit_id);
    bind_text_search(st, 7, 8, f->text);
    db_bind_text(st, 9, f->issued_only ? vocab_name(VOCAB_PLAN_STATE, PLAN_ISSUED) : NULL);
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

static sqlite3_stmt *part_stmt(Db *db, const MeasureFilter *f, Part part)
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
    sqlite3_stmt *st = part_stmt(db, f, part);
    bind_filter(st, f);
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
    sqlite3_reset(st);
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

static void measure_row(sqlite3_stmt *st, Arena *arena, void *out)
{
    Measure *m = out;
    m->id = db_col_int(st, 0);
    m->inspection_id = db_col_int(st, 1);
    m->finding_id = db_col_int(st, 2);
    m->ordinal = (int)db_col_int(st, 3);
    m->label = arena_strdup(arena, db_col_text(st, 4));
    m->title = arena_strdup(arena, db_col_text(st, 5));
    m->body = arena_strdup(arena, db_col_text(st, 6));
    int kind = model_kind_parse(db_col_text(st, 7));
    m->kind = kind < 0 ? KIND_DATED : (MeasureKind)kind;
    m->target = arena_strdup(arena, db_col_text(st, 8));
    m->deadline = db_col_day(st, 9);
    m->long_term = db_col_int(st, 10) != 0;
    m->lead_unit_id = db_col_int(st, 11);
    /* Data read back is input too: an unknown state fails the load (below), never the process. */
    int state = model_state_parse(db_col_text(st, 12));
    m->state = state < 0 ? STATE__COUNT : (MeasureState)state;
    m->percent = (int)db_col_int(st, 13);
    m->return_count = (int)db_col_int(st, 14);
    m->onsite_required = db_col_int(st, 15) != 0;
    m->evidence_waived = arena_strdup(arena, db_col_text(st, 16));
    m->closed_on = db_col_day(st, 17);
    m->revisit_due = db_col_day(st, 18);
    m->line_first = (int)db_col_int(st, 19);
    m->line_last = (int)db_col_int(st, 20);
    m->version = db_col_int(st, 21);
    m->withdrawn = arena_strdup(arena, db_col_text(st, 22));
    m->n_evidence = (int)db_col_int(st, 23);
    m->onsite_passed = db_col_int(st, 24) != 0;
    m->supervision_due = db_col_day(st, 25);
    m->supervised = m->supervision_due != DAY_NONE;
}

int measure_store_load(Db *db, Arena *arena, const MeasureFilter *filter, unsigned what,
                       Measure **out, int *n, Err *err)
{
    Measure *ms;
    int count;
    sqlite3_stmt *st = PREPARE_FOR(db, filter, Q_MEASURES);
    bind_filter(st, filter);
    if (db_collect(db, st, arena, sizeof(Measure), measure_row, (void **)&ms, &count, err) < 0)
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

int measure_store_get(Db *db, Arena *arena, int64_t id, Measure *out, Err *err)
{
    MeasureFilter f = MEASURE_FILTER_ALL;
    f.measure_id = id;
    Measure *ms;
    int n;
    if (measure_store_load(db, arena, &f, MEASURE_LOAD_OWNERS | MEASURE_LOAD_REPORTS, &ms, &n,
                           err) < 0)
        return -1;
    if (n == 0)
        return err_fail(err, ERR_NOTFOUND, "no measure with id %lld", (long long)id);
    *out = ms[0];
    return 0;
}

int measure_store_update_state(Db *db, const Measure *m, MeasureState from, Err *err)
{
    char now[TIME_ISO_SIZE];
    sqlite3_stmt *st = db_prepare(
        db, DB_SQL("UPDATE measure SET state = ?2, return_count = ?3, closed_at = ?4,"
                   " percent = ?5, updated_at = ?6, revisit_due = ?8 WHERE id = ?1 AND state = ?7"));
    db_bind_int(st, 1, m->id);
    db_bind_text(st, 2, model_state_name(m->state));
    db_bind_int(st, 3, m->return_count);
    db_bind_day(st, 4, m->closed_on);
    db_bind_int(st, 5, m->percent);
    db_bind_text(st, 6, date_now_iso(now));
    db_bind_text(st, 7, model_state_name(from));
    db_bind_day(st, 8, m->revisit_due);
    if (db_step_done(db, st, err) < 0)
        return -1;
    if (db_changes(db) != 1)
        return err_fail(err, ERR_CONFLICT, "measure %lld is no longer %s", (long long)m->id,
                        model_state_name(from));
    return 0;
}

int measure_store_set_waiver(Db *db, int64_t id, const char *reason, Err *err)
{
    sqlite3_stmt *st = db_prepare(db, DB_SQL("UPDATE measure SET evidence_waived = ?2 WHERE id = ?1"));
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, reason);
    return db_step_done(db, st, err);
}
