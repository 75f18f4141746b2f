/*
** dash_store.c: SQL of the dashboard's figures (dash_store.h).
**
** The grouped counts are one statement: each measure of the scope once (its light, lateness,
** punctuality and its finding's status), materialised, then grouped by lead unit, by leader,
** by month and by finding. On SQLite the measures are read along measure_dash_cover
** (migrate_ontime.sql), which holds every column read, so no row with its texts is touched. A
** unit's scope comes through measure_party, the index of a unit's measures.
**
** Reporting punctuality follows ledger_on_time (ledger/light.c). A measure's reporting runs until
** the day, or until its closing day when closed before; the cycles due in [start, until) are
** ledger_cycles_before(until) - ledger_cycles_before(start): bound for the day (?33) and the
** start (?32), kept on the measure for its closing day (closed_cycles). Its on-time cycles are
** those of measure_ontime with a due day in [start, until): the count the measure keeps less the
** rows before the start and from `until` on, read from measure_ontime only when the measure's
** first, second latest or latest due day says there are such rows beyond the one of the
** current cycle; most measures have none (their cycles all lie in [start, until)), the first
** test.
**
** Binds: ?1 inspection, ?2 unit (0: none), ?20 the day, ?28 the last deadline within the warning
** days, ?30 reporting (0/1), ?31 its start, ?32 and ?33 the cycles due before the start and
** before the day, ?34 a report of the day's cycle owed (0/1), ?35 that cycle's start; ?40, ?41 a
** deadline range, ?15 a limit.
*/
#include "dash_store.h"
#include "light_sql.h"

_Static_assert(STATUS_COMPLETED == 0 && STATUS_BASICALLY_COMPLETED == 1 &&
                   STATUS_UNCOMPLETED == 2,
               "MEASURE_STATUS's numbers are ProblemStatus's");
_Static_assert(MEASURE_LIGHT_RED == 2 && MEASURE_LIGHT_CLOSED == 3, "DASH_LIGHT's numbers");

/* The scope's measures (joined to what join says): an inspection's in force, or a unit's. */
#define WHOLE(join)                                                                                \
    " FROM measure m" join " WHERE m.inspection_id = ?1 AND m.withdrawn_at IS NULL"
#define OF_UNIT(join)                                                                              \
    WHOLE(join) " AND m.id IN (SELECT k.measure_id FROM measure_party k WHERE k.kind = 0"          \
                " AND k.party_id = ?2 AND k.inspection_id = ?1)"

/* The day reporting runs until: the closing day of a measure closed before the day. */
#define CLOSED_EARLY "m.state = 'closed' AND m.closed_at < ?20"
#define UNTIL "(CASE WHEN " CLOSED_EARLY " THEN m.closed_at ELSE ?20 END)"
#define EXPECTED                                                                                   \
    "(CASE WHEN ?30 = 0 THEN 0 WHEN " CLOSED_EARLY " THEN CASE WHEN m.closed_cycles > ?32"         \
    " THEN m.closed_cycles - CAST(?32 AS BIGINT) ELSE 0 END"                                       \
    " ELSE CAST(?33 AS BIGINT) - CAST(?32 AS BIGINT) END)"
#define ONTIME_ROWS(cmp) "(SELECT count(*) FROM measure_ontime o WHERE o.measure_id = m.id AND o.due " cmp ")"
#define ON_TIME                                                                                    \
    "(CASE WHEN ?30 = 0 OR m.ontime_n = 0 THEN 0"                                                  \
    " WHEN m.ontime_first >= ?31 AND m.ontime_last < ?20 AND (m.state <> 'closed'"                 \
    " OR m.closed_at IS NULL OR m.ontime_last < m.closed_at) THEN m.ontime_n"                      \
    " WHEN " UNTIL " <= ?31 THEN 0 ELSE m.ontime_n"                                                \
    " - CASE WHEN m.ontime_first < ?31 THEN " ONTIME_ROWS("< ?31") " ELSE 0 END"                   \
    " - CASE WHEN m.ontime_last < " UNTIL " THEN 0"                                                \
    " WHEN m.ontime_prev IS NULL OR m.ontime_prev < " UNTIL " THEN 1"                              \
    " ELSE " ONTIME_ROWS(">= " UNTIL) " END END)"
#define OVERDUE "(CASE WHEN " OPEN_DEADLINE_OF_ROW " < ?20 THEN 1 ELSE 0 END)"

/*
** The light (ledger_light) of a measure of the scope on the day, as light_sql.h's LIGHT_EXPR
** but with what the measures of one inspection share worked out once (dash_scope): "within the
** warning days of the deadline" is a comparison with the bound ?28 (no date arithmetic per row),
** "the day's cycle is past its due day, on or after the start of reporting" the bound ?34, the
** cycle's start ?35; the open supervisions past their respond-by are one uncorrelated set.
*/
#define DASH_LIGHT                                                                                 \
    "(CASE WHEN m.state = 'closed' THEN 3 WHEN m.return_count >= 2 OR m.state = 'relapsed'"        \
    " OR " OPEN_DEADLINE_OF_ROW " < ?20 OR m.id IN (SELECT s.measure_id FROM supervision s"        \
    " WHERE s.state = 'open' AND s.respond_by < ?20) THEN 2"                                        \
    " WHEN " OPEN_DEADLINE_OF_ROW " <= ?28 OR (m.state IN ('not_started','in_progress','returned',"  \
    "'relapsed','phase_complete') AND ?34 = 1 AND " NOT_REPORTED("?35") ") THEN 1 ELSE 0 END)"
/*
** The lights of a group in one sum, each evaluated once per measure: a measure not closed is
** green, yellow or red (0..2) and adds 1 at bit 21 * light, so that each light's count is a
** 21-bit field (up to 2,097,151 measures a group, checked); a closed one is its state's.
*/
#define PACKED(light) "sum(CASE WHEN m.state = 'closed' THEN 0 ELSE CAST(1 AS BIGINT) << (21 * " light ") END)"
#define FIGURES                                                                                    \
    "count(*), " PACKED(DASH_LIGHT) ", sum(" OVERDUE "), sum(" EXPECTED "), sum(" ON_TIME ")"
/* clang-format off */
/*
** The parts, each one read of the scope's measures: per lead unit and state (measure_dash_cover's
** order, so no sort), per leader and state, per month and closed or not, per finding. Columns:
** part, party, name, day, state, n, packed lights, overdue, expected, on time, status.
*/
#define Q_UNITS(from)                                                                              \
    "SELECT 0, coalesce(m.lead_unit_id, 0), (SELECT x.name FROM unit x"                            \
    " WHERE x.id = m.lead_unit_id), NULL, m.state, " FIGURES ", 0" from                            \
    " GROUP BY m.lead_unit_id, m.state ORDER BY 2"
#define Q_LEADERS(from)                                                                            \
    "SELECT 1, l.person_id, (SELECT CASE WHEN x.post <> '' THEN x.name || '（' || x.post"          \
    " || '）' ELSE x.name END FROM person x WHERE x.id = l.person_id), NULL, m.state, " FIGURES    \
    ", 0" from " GROUP BY l.person_id, m.state ORDER BY 2"
#define Q_MONTHS(from)                                                                             \
    "SELECT 2, 0, NULL, min(m.deadline), CASE WHEN m.state = 'closed' THEN 'closed'"               \
    " ELSE 'in_progress' END, count(*), " PACKED(DASH_LIGHT) ", 0, 0, 0, 0" from                   \
    " AND m.deadline IS NOT NULL GROUP BY substr(m.deadline, 1, 7), m.state = 'closed'"
#define Q_FINDINGS(from)                                                                           \
    "SELECT 3, m.finding_id, NULL, NULL, NULL, count(*), 0, 0, 0, 0, max(" MEASURE_STATUS ")" from    \
    " GROUP BY m.finding_id ORDER BY 2"
/* clang-format on */
#define LEADERS " JOIN measure_leader l ON l.measure_id = m.id"
/* The statement of query q over s's measures (joined to join). */
#define PREPARE_SCOPED_JOIN(db, s, q, join)                                                        \
    db_prepare(db, (s)->unit_id ? DB_SQL(q(OF_UNIT(join))) : DB_SQL(q(WHOLE(join))))
#define PREPARE_SCOPED(db, s, q) PREPARE_SCOPED_JOIN(db, s, q, "")

static void bind_scope(DbStmt *st, const DashScope *s)
{
    db_bind_int(st, 1, s->inspection_id);
    db_bind_int(st, 2, s->unit_id);
    db_bind_day(st, 20, s->day->day);
    db_bind_day(st, 28, s->warn_until);
    db_bind_int(st, 30, s->reporting);
    db_bind_day(st, 31, s->report_start);
    db_bind_int(st, 32, s->cycles_start);
    db_bind_int(st, 33, s->cycles_day);
    db_bind_int(st, 34, s->owes_report);
    db_bind_day(st, 35, s->cycle_start);
}

/* The columns of a part's row; the packed lights are read by group_row. */
static const DbCol group_cols[] = {
    DB_COL_INT(DashGroup, part),
    DB_COL_INT(DashGroup, party),
    DB_COL_TEXT(DashGroup, name),
    DB_COL_DAY(DashGroup, day),
    DB_COL_VOCAB(DashGroup, state, VOCAB_MEASURE_STATE, STATE__COUNT),
    DB_COL_INT(DashGroup, n),
    DB_COL_SKIP,
    DB_COL_INT(DashGroup, overdue),
    DB_COL_INT(DashGroup, expected),
    DB_COL_INT(DashGroup, on_time),
    DB_COL_INT(DashGroup, status),
};

/* The lights from their packed sum: closed ones are the group's when its state is closed. */
static void group_row(DbStmt *st, Arena *arena, void *out)
{
    (void)arena;
    DashGroup *g = out;
    int64_t packed = db_col_int(st, 6);
    for (int l = MEASURE_LIGHT_GREEN; l <= MEASURE_LIGHT_RED; l++)
        g->by_light[l] = (packed >> (21 * l)) & ((1 << 21) - 1);
    g->by_light[MEASURE_LIGHT_CLOSED] = g->state == STATE_CLOSED ? g->n : 0;
}
static const DbRowMap group_map = DB_MAP(DashGroup, group_cols, group_row);

/* Append the rows of st (bound) to the array *out of *n (read into arena). */
static int read_part(Db *db, DbStmt *st, Arena *arena, DashGroup **out, int *n, Err *err)
{
    DashGroup *rows;
    int k;
    if (db_rows(db, st, &group_map, arena, &rows, &k, err) < 0)
        return -1;
    DashGroup *all = ARENA_ARRAY(arena, DashGroup, *n + k + 1);
    if (*n)
        memcpy(all, *out, sizeof *all * (size_t)*n);
    if (k)
        memcpy(all + *n, rows, sizeof *all * (size_t)k);
    *out = all;
    *n += k;
    return 0;
}

int dash_store_read(Db *db, Arena *arena, const DashScope *s, DashGroup **out, int *n, Err *err)
{
    DbStmt *st[] = {PREPARE_SCOPED(db, s, Q_UNITS), PREPARE_SCOPED_JOIN(db, s, Q_LEADERS, LEADERS),
                    PREPARE_SCOPED(db, s, Q_MONTHS), PREPARE_SCOPED(db, s, Q_FINDINGS)};
    *out = NULL;
    *n = 0;
    for (size_t k = 0; k < ARRAY_SIZE(st); k++) {
        bind_scope(st[k], s);
        if (read_part(db, st[k], arena, out, n, err) < 0)
            return -1;
    }
    for (int i = 0; i < *n; i++) {
        const DashGroup *g = &(*out)[i];
        bool counted = g->part != DASH_PART_FINDING;
        int64_t lit = g->by_light[0] + g->by_light[1] + g->by_light[2] + g->by_light[3];
        if ((counted && (g->state == STATE__COUNT || lit != g->n)) ||
            (unsigned)g->status >= STATUS__COUNT)
            return err_fail(err, ERR_DB, "bad row: table measure: unknown state or light");
    }
    return 0;
}

/* The week's deadlines: a range of measure_k_insp_due_live (a unit's: of its measures). */
#define DUE_RANGE " AND m.due_key BETWEEN ?40 AND ?41 AND m.state NOT IN ('closed','phase_complete')"
#define Q_DUE_COUNT(from) "SELECT count(*)" from DUE_RANGE
#define Q_DUE_ROWS(from)                                                                           \
    "SELECT m.id, m.label, m.title, u.name, m.deadline, " DASH_LIGHT ", -1, m.finding_id,"         \
    " m.ordinal FROM (SELECT m.id" from DUE_RANGE                                                  \
    " ORDER BY m.finding_id, m.ordinal, m.id LIMIT ?15) d JOIN measure m ON m.id = d.id"           \
    " LEFT JOIN unit u ON u.id = m.lead_unit_id ORDER BY m.finding_id, m.ordinal, m.id"

static const DbCol row_cols[] = {
    DB_COL_INT(DashMeasureRow, id),     DB_COL_TEXT(DashMeasureRow, label),
    DB_COL_STR(DashMeasureRow, title),  DB_COL_TEXT(DashMeasureRow, unit),
    DB_COL_DAY(DashMeasureRow, due),    DB_COL_INT(DashMeasureRow, light),
    DB_COL_INT(DashMeasureRow, kind),   DB_COL_INT(DashMeasureRow, finding_id),
    DB_COL_INT(DashMeasureRow, ordinal),
};
const DbRowMap dash_row_map = DB_MAP(DashMeasureRow, row_cols, NULL);

int dash_store_due(Db *db, Arena *arena, const DashScope *s, Day from, Day to, int limit,
                   DashMeasureRow **out, int *n, int64_t *n_all, Err *err)
{
    DbStmt *st = PREPARE_SCOPED(db, s, Q_DUE_COUNT);
    bind_scope(st, s);
    db_bind_day(st, 40, from);
    db_bind_day(st, 41, to);
    if (db_find_id(db, st, n_all, err) < 0)
        return -1;
    st = PREPARE_SCOPED(db, s, Q_DUE_ROWS);
    bind_scope(st, s);
    db_bind_day(st, 40, from);
    db_bind_day(st, 41, to);
    db_bind_int(st, 15, limit);
    return db_rows(db, st, &dash_row_map, arena, out, n, err);
}

/* The overdue measures in deadline order after the cursor ?42 (its due_key: NULL, so no row,
   when it is not one of them). */
#define PAST_DUE " AND m.state NOT IN ('closed','phase_complete') AND m.due_key < ?20"
#define Q_OVERDUE_CURSOR(from) "(SELECT m.due_key" from PAST_DUE " AND m.id = ?42)"
#define Q_OVERDUE(from)                                                                            \
    "SELECT m.id, m.title, m.deadline, m.state, m.lead_unit_id" from PAST_DUE                       \
    " AND (?42 = 0 OR m.due_key > " Q_OVERDUE_CURSOR(from) " OR (m.due_key = "                     \
    Q_OVERDUE_CURSOR(from) " AND m.id > ?42)) ORDER BY m.due_key, m.id LIMIT ?15"

static const DbCol overdue_cols[] = {
    DB_COL_INT(Measure, id),
    DB_COL_STR(Measure, title),
    DB_COL_DAY(Measure, deadline),
    DB_COL_VOCAB(Measure, state, VOCAB_MEASURE_STATE, STATE__COUNT),
    DB_COL_INT(Measure, lead_unit_id),
};
static const DbRowMap overdue_map = DB_MAP(Measure, overdue_cols, NULL);

int dash_store_overdue(Db *db, Arena *arena, const DashScope *s, int64_t after, int limit,
                       Measure **out, int *n, Err *err)
{
    DbStmt *st = PREPARE_SCOPED(db, s, Q_OVERDUE);
    bind_scope(st, s);
    db_bind_int(st, 42, after);
    db_bind_int(st, 15, limit);
    if (db_rows(db, st, &overdue_map, arena, out, n, err) < 0)
        return -1;
    for (int i = 0; i < *n; i++)
        if ((*out)[i].state == STATE__COUNT)
            return err_fail(err, ERR_DB, "bad row: table measure, id %lld: unknown state",
                            (long long)(*out)[i].id);
    return 0;
}
