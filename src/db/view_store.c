/*
** view_store.c: SQL for the web's ledger pages (view_store.h). Sets of ids are bound as one
** JSON array text and expanded with json_each (PostgreSQL: json_array_elements_text), so one
** prepared statement serves any set size and no SQL text is ever built from values.
*/
#include "view_store.h"

/* The ids of a JSON array (db_bind_ids) as a table of one column, value, to join with. */
#define IDS_PG_VALUE(p) "(SELECT json_array_elements_text(CAST(" p " AS json))::bigint AS value)"
#define AS_IS(c) c
#define AS_TEXT(c) "CAST(" c " AS text)"
/*
** A measure's leaders and co-units, and its report days since ?2, for the measures of ids;
** num(c) makes an id column fit the day's text column (PostgreSQL's UNION does not mix types,
** SQLite's does). Names are not joined: a page asks for those of its distinct ids once
** (view_store_page_names, or the web's per-thread cache of them).
*/
#define PARTS_SQL(ids, num)                                                                        \
    "SELECT 0, x.measure_id, " num("x.person_id") " FROM " ids " j"                                \
    " JOIN measure_leader x ON x.measure_id = j.value"                                             \
    " UNION ALL SELECT 1, x.measure_id, " num("x.unit_id") " FROM " ids " j"                       \
    " JOIN measure_co_unit x ON x.measure_id = j.value"                                            \
    " UNION ALL SELECT 3, x.measure_id, x.reported_on FROM " ids " j"                              \
    " JOIN progress x ON x.measure_id = j.value WHERE ?2 IS NOT NULL"                              \
    " AND x.reported_on >= ?2 AND x.state IN ('submitted','accepted')"

int view_store_data_version(Db *db, int64_t version[2], Err *err)
{
    /* SQLite: the statement opens the read (the file's version is read at its start), then the
       file control answers without a statement of its own (pragma_data_version's virtual table
       cost three times the audit's max). */
    DbStmt *st = db_prepare(
        db, DB_PICK(db, "SELECT coalesce(max(seq), 0), 0 FROM audit",
                    "SELECT (SELECT coalesce(max(seq), 0) FROM audit),"
                    " ('x' || substr(md5(txid_current_snapshot()::text), 1, 16))::bit(64)::bigint"));
    int rc = db_step(db, st, err);
    version[0] = rc == 1 ? db_col_int(st, 0) : 0;
    version[1] = rc == 1 ? (db_is_pg(db) ? db_col_int(st, 1) : db_file_version(db)) : 0;
    db_reset(st);
    if (rc == 0)
        return err_fail(err, ERR_DB, "no data version");
    return rc < 0 ? -1 : 0;
}

int view_store_inspection_seq(Db *db, int64_t *seq, Err *err)
{
    DbStmt *st = db_prepare(db, DB_SQL("SELECT seq FROM change_seq WHERE name = 'inspection'"));
    int rc = db_step(db, st, err);
    *seq = rc == 1 ? db_col_int(st, 0) : 0;
    db_reset(st);
    if (rc == 0)
        return err_fail(err, ERR_DB, "no row: table change_seq, name 'inspection'");
    return rc < 0 ? -1 : 0;
}

/* A person as a reader knows them: by name and post. */
#define PERSON_POST "CASE WHEN post <> '' THEN name || '（' || post || '）' ELSE name END"

int view_store_names(Db *db, Arena *arena, ViewTable table, const int64_t *ids, int n, IdName **out,
                     int *n_out, Err *err)
{
    DbStmt *st =
        table == VIEW_UNITS
            ? db_prepare(db, DB_PICK(db, "SELECT id, name, NULL FROM unit WHERE id IN "
                                         DB_IDS_SQLITE("?1") " ORDER BY id",
                                     "SELECT id, name, NULL FROM unit WHERE id" DB_ANY_IDS_PG("?1")
                                     " ORDER BY id"))
        : table == VIEW_PERSONS
            ? db_prepare(db, DB_PICK(db, "SELECT id, name, NULL FROM person WHERE id IN "
                                         DB_IDS_SQLITE("?1") " ORDER BY id",
                                     "SELECT id, name, NULL FROM person WHERE id" DB_ANY_IDS_PG("?1")
                                     " ORDER BY id"))
            : db_prepare(db, DB_PICK(db, "SELECT id, " PERSON_POST ", NULL FROM person WHERE id IN "
                                         DB_IDS_SQLITE("?1") " ORDER BY id",
                                     "SELECT id, " PERSON_POST ", NULL FROM person WHERE id"
                                     DB_ANY_IDS_PG("?1") " ORDER BY id"));
    db_bind_ids(st, 1, ids, n);
    return db_rows(db, st, &idname_map, arena, out, n_out, err);
}

/* The measure of ms[0..n) with this id (n is a page: a scan is cheaper than an index). */
static Measure *find_measure(Measure **ms, int n, int64_t id)
{
    for (int i = 0; i < n; i++)
        if (ms[i]->id == id)
            return ms[i];
    return NULL;
}

/* Append v to the arena array *arr of *count (grown by copying; the sets are a few each). */
static void push_value(Arena *arena, int64_t **arr, int *count, int64_t v)
{
    int64_t *next = ARENA_ARRAY(arena, int64_t, *count + 1);
    if (*count)
        memcpy(next, *arr, (size_t)*count * sizeof *next);
    next[(*count)++] = v;
    *arr = next;
}

/* Insert day d into m's ascending report days (the index gives them ascending: an append). */
static void add_report_day(Arena *arena, Measure *m, Day d)
{
    Day *next = ARENA_ARRAY(arena, Day, m->n_reports + 1);
    int k = m->n_reports;
    if (k)
        memcpy(next, m->report_days, (size_t)k * sizeof *next);
    for (; k > 0 && next[k - 1] > d; k--)
        next[k] = next[k - 1];
    next[k] = d;
    m->n_reports++;
    m->report_days = next;
}

int view_store_parts(Db *db, Arena *arena, Measure **ms, int n, Day reports_since, Err *err)
{
    if (n == 0)
        return 0;
    int64_t *ids = ARENA_ARRAY(arena, int64_t, n);
    for (int i = 0; i < n; i++) {
        ids[i] = ms[i]->id;
        if (reports_since != DAY_NONE)
            ms[i]->n_reports = 0; /* a page's row holds its latest day: read them all again */
    }
    /* One statement for the three parts, told apart by the first column. */
    DbStmt *st = db_prepare(db, DB_PICK(db, PARTS_SQL("json_each(?1)", AS_IS),
                                        PARTS_SQL(IDS_PG_VALUE("?1"), AS_TEXT)));
    db_bind_ids(st, 1, ids, n);
    db_bind_day(st, 2, reports_since);
    int rc;
    while ((rc = db_step(db, st, err)) == 1) {
        Measure *m = find_measure(ms, n, db_col_int(st, 1));
        int part = (int)db_col_int(st, 0);
        if (!m)
            continue;
        if (part == 3)
            add_report_day(arena, m, db_col_day(st, 2));
        else if (part == 0)
            push_value(arena, &m->leader_ids, &m->n_leaders, db_col_int(st, 2));
        else
            push_value(arena, &m->co_unit_ids, &m->n_co_units, db_col_int(st, 2));
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

int view_store_page_names(Db *db, Arena *arena, const int64_t *unit_ids, int nu,
                          const int64_t *person_ids, int np, IdName **units, int *n_units,
                          IdName **persons, int *n_persons, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_PICK(db,
                    "SELECT 0, id, name FROM unit WHERE id IN " DB_IDS_SQLITE("?1")
                    " UNION ALL SELECT 1, id, name FROM person WHERE id IN " DB_IDS_SQLITE("?2")
                    " ORDER BY 1, 2",
                    "SELECT 0, id, name FROM unit WHERE id" DB_ANY_IDS_PG("?1")
                    " UNION ALL SELECT 1, id, name FROM person WHERE id" DB_ANY_IDS_PG("?2")
                    " ORDER BY 1, 2"));
    db_bind_ids(st, 1, unit_ids, nu);
    db_bind_ids(st, 2, person_ids, np);
    *units = ARENA_ARRAY(arena, IdName, nu + 1);
    *persons = ARENA_ARRAY(arena, IdName, np + 1);
    *n_units = *n_persons = 0;
    int rc;
    while ((rc = db_step(db, st, err)) == 1) {
        bool unit = db_col_int(st, 0) == 0;
        int *count = unit ? n_units : n_persons;
        IdName *v = unit ? &(*units)[*count] : &(*persons)[*count];
        if (*count >= (unit ? nu : np))
            continue; /* more rows than ids cannot happen: ids are primary keys */
        v->id = db_col_int(st, 1);
        v->name = arena_strdup(arena, db_col_text(st, 2));
        v->post = "";
        (*count)++;
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

#define Q_INSPECTIONS(where)                                                                       \
    "SELECT id, kind, title, target, group_name, feedback_on, concentrated_end, onsite_start,"     \
    " report_cycle, report_due_day, warn_days, require_signoff, state, org_unit_id,"               \
    " plan_state, substr(issued_at, 1, 10), revisit_months FROM inspection" where " ORDER BY id"

static const DbCol inspection_cols[] = {
    DB_COL_INT(Inspection, id),
    DB_COL_VOCAB(Inspection, kind, VOCAB_INSPECTION_KIND, INSPECTION_OTHER),
    DB_COL_TEXT(Inspection, title),
    DB_COL_TEXT(Inspection, target),
    DB_COL_TEXT(Inspection, group_name),
    DB_COL_DAY(Inspection, feedback_on),
    DB_COL_DAY(Inspection, concentrated_end),
    DB_COL_DAY(Inspection, onsite_start),
    DB_COL_VOCAB(Inspection, report_cycle, VOCAB_REPORT_CYCLE, CYCLE_MONTHLY),
    DB_COL_INT(Inspection, report_due_day),
    DB_COL_INT(Inspection, warn_days),
    DB_COL_INT(Inspection, require_signoff),
    DB_COL_VOCAB(Inspection, state, VOCAB_INSPECTION_STATE, INSPECTION_DRAFT),
    DB_COL_INT(Inspection, org_unit_id),
    DB_COL_VOCAB(Inspection, plan_state, VOCAB_PLAN_STATE, PLAN_ISSUED),
    DB_COL_DAY(Inspection, issued_on),
    DB_COL_INT(Inspection, revisit_months),
};

/* The days this list does not read. */
static void inspection_row(DbStmt *st, Arena *arena, void *out)
{
    (void)arena;
    (void)st;
    Inspection *in = out;
    in->onsite_end = DAY_NONE;
    in->published_on = DAY_NONE;
}

static const DbRowMap inspection_map = DB_MAP(Inspection, inspection_cols, inspection_row);

int view_store_inspections(Db *db, Arena *arena, const int64_t *ids, int n_ids, Inspection **out,
                           int *n, Err *err)
{
    DbStmt *st;
    if (ids) {
        st = db_prepare(db, DB_PICK(db, Q_INSPECTIONS(" WHERE id IN " DB_IDS_SQLITE("?1")),
                                    Q_INSPECTIONS(" WHERE id" DB_ANY_IDS_PG("?1"))));
        db_bind_ids(st, 1, ids, n_ids);
    } else {
        st = db_prepare(db, DB_SQL(Q_INSPECTIONS("")));
    }
    return db_rows(db, st, &inspection_map, arena, out, n, err);
}
