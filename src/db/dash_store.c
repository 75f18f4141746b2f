/*
** dash_store.c: SQL of the dashboard's figures (dash_store.h).
**
** Every figure is a grouped read of the scope's measures: on SQLite along measure_dash_cover
** (migrate_ontime.sql), which holds each column read, so no row with its texts is touched; the
** light is measure_store.c's expression (light_sql.h), spelt over the covered columns there. A
** unit's scope comes through measure_party, the index of a unit's measures.
**
** Reporting punctuality follows ledger_on_time (ledger/light.c). A measure's reporting runs until
** the day, or until its closing day when closed before; the cycles due in [start, until) are
** ledger_cycles_before(until) - ledger_cycles_before(start): bound for the day (?33) and the
** start (?32), spelt in SQL for a closing day (CYCLES_BEFORE, the same count over the measure's
** copy of the cycle settings). Its on-time cycles are those of measure_ontime with a due day in
** [start, until): the count the measure keeps less the rows before the start and from `until`
** on, read from measure_ontime only when the measure's first, second latest or latest due day
** says there are such rows beyond the one of the current cycle.
**
** Binds: ?1 inspection, ?2 unit (0: none), ?20..?26 the day (light_sql.h), ?30 reporting (0/1),
** ?31 its start, ?32 and ?33 the cycles due before the start and before the day; ?40, ?41 a
** deadline range, ?15 a limit.
*/
#include "dash_store.h"
#include "light_sql.h"

_Static_assert(STATUS_COMPLETED == 0 && STATUS_BASICALLY_COMPLETED == 1 &&
                   STATUS_UNCOMPLETED == 2,
               "FINDING_OWN's numbers are ProblemStatus's");

/* The scope's measures (joined to what join says): an inspection's in force, or a unit's. */
#define WHOLE(join)                                                                                \
    " FROM measure m" join " WHERE m.inspection_id = ?1 AND m.withdrawn_at IS NULL"
#define OF_UNIT(join)                                                                              \
    WHOLE(join) " AND m.id IN (SELECT k.measure_id FROM measure_party k WHERE k.kind = 0"          \
                " AND k.party_id = ?2 AND k.inspection_id = ?1)"
/* Each leader of the measure. */
#define LEADERS " JOIN measure_leader l ON l.measure_id = m.id"

/* Cycles (ledger_cycle) due before day x: ledger_cycles_before in each dialect. */
#define DAY_PART(f, x) "CAST(strftime('" f "', " x ") AS INTEGER)"
#define CYCLES_BEFORE_LITE(x)                                                                      \
    "(CASE m.cycle WHEN 'weekly' THEN CAST(julianday(" x ") - julianday('0001-01-01') AS INTEGER)" \
    " / 7 + ((" DAY_PART("%w", x) " + 6) % 7 + 1 > m.due_day)"                                     \
    " WHEN 'semimonthly' THEN (" DAY_PART("%Y", x) " * 12 + " DAY_PART("%m", x) ") * 2"            \
    " + (" DAY_PART("%d", x) " > 15) + (" DAY_PART("%d", x) " - 15 * (" DAY_PART("%d", x)          \
    " > 15) > m.due_day)"                                                                          \
    " ELSE " DAY_PART("%Y", x) " * 12 + " DAY_PART("%m", x) " + (" DAY_PART("%d", x)              \
    " > m.due_day) END)"
#define CYCLES_BEFORE_PG(x) "zg_cycles_before(" x ", m.cycle, m.due_day)"

/* The day reporting runs until: the closing day of a measure closed before the day. */
#define CLOSED_EARLY "m.state = 'closed' AND m.closed_at < ?20"
#define UNTIL "(CASE WHEN " CLOSED_EARLY " THEN m.closed_at ELSE ?20 END)"
#define EXPECTED(cycles, greatest)                                                                 \
    "(CASE WHEN ?30 = 0 THEN 0 WHEN " CLOSED_EARLY " THEN " greatest "(0, " cycles(                \
        "m.closed_at") " - CAST(?32 AS BIGINT)) ELSE CAST(?33 AS BIGINT) - CAST(?32 AS BIGINT) END)"
#define ONTIME_ROWS(cmp) "(SELECT count(*) FROM measure_ontime o WHERE o.measure_id = m.id AND o.due " cmp ")"
#define ON_TIME                                                                                    \
    "(CASE WHEN ?30 = 0 OR m.ontime_n = 0 OR " UNTIL " <= ?31 THEN 0 ELSE m.ontime_n"              \
    " - CASE WHEN m.ontime_first < ?31 THEN " ONTIME_ROWS("< ?31") " ELSE 0 END"                   \
    " - CASE WHEN m.ontime_last < " UNTIL " THEN 0"                                                \
    " WHEN m.ontime_prev IS NULL OR m.ontime_prev < " UNTIL " THEN 1"                              \
    " ELSE " ONTIME_ROWS(">= " UNTIL) " END END)"
#define OVERDUE "(CASE WHEN " OPEN_DEADLINE_OF_ROW " < ?20 THEN 1 ELSE 0 END)"

/* clang-format off */
/* The groups by party: the party's name joined once the groups are made. */
#define Q_GROUPS(party, from, name, light, cycles, greatest)                                       \
    "SELECT g.party, " name ", g.state, g.light, g.overdue, g.n, g.expected, g.on_time FROM"       \
    " (SELECT " party " AS party, m.state AS state, " light " AS light, " OVERDUE " AS overdue,"   \
    " count(*) AS n, sum(" EXPECTED(cycles, greatest) ") AS expected, sum(" ON_TIME ") AS on_time" \
    from " GROUP BY 1, 2, 3, 4) g"
#define UNIT_NAME " LEFT JOIN unit x ON x.id = g.party"
#define PERSON_NAME " LEFT JOIN person x ON x.id = g.party"
#define Q_BY_UNIT(from, light, cycles, greatest)                                                   \
    Q_GROUPS("coalesce(m.lead_unit_id, 0)", from(""), "x.name", light, cycles, greatest) UNIT_NAME     \
    " ORDER BY g.party"
#define Q_BY_LEADER(from, light, cycles, greatest)                                                 \
    Q_GROUPS("l.person_id", from(LEADERS),                                                         \
             "CASE WHEN x.post <> '' THEN x.name || '（' || x.post || '）' ELSE x.name END",        \
             light, cycles, greatest) PERSON_NAME " ORDER BY g.party"
/* clang-format on */
#define LITE(q, from) DB_SQL_SQLITE(q(from, LIGHT_EXPR_COVERED, CYCLES_BEFORE_LITE, "max"))
#define PG(q, from) DB_SQL(q(from, LIGHT_EXPR, CYCLES_BEFORE_PG, "greatest"))
/* The statement of query q over s's measures in db's dialect. */
#define PREPARE_SCOPED(db, s, q)                                                                   \
    db_prepare(db, db_is_pg(db) ? ((s)->unit_id ? PG(q, OF_UNIT) : PG(q, WHOLE))                   \
                                : ((s)->unit_id ? LITE(q, OF_UNIT) : LITE(q, WHOLE)))

static void bind_scope(DbStmt *st, const DashScope *s)
{
    db_bind_int(st, 1, s->inspection_id);
    db_bind_int(st, 2, s->unit_id);
    db_bind_day(st, 20, s->day->day);
    for (int c = 0; c < CYCLE__COUNT; c++) {
        db_bind_day(st, 21 + c, s->day->cycle_start[c]);
        db_bind_int(st, 24 + c, s->day->cycle_offset[c]);
    }
    db_bind_int(st, 30, s->reporting);
    db_bind_day(st, 31, s->report_start);
    db_bind_int(st, 32, s->cycles_start);
    db_bind_int(st, 33, s->cycles_day);
}

static const DbCol group_cols[] = {
    DB_COL_INT(DashGroup, party),
    DB_COL_TEXT(DashGroup, name),
    DB_COL_VOCAB(DashGroup, state, VOCAB_MEASURE_STATE, STATE__COUNT),
    DB_COL_INT(DashGroup, light),
    DB_COL_INT(DashGroup, overdue),
    DB_COL_INT(DashGroup, n),
    DB_COL_INT(DashGroup, expected),
    DB_COL_INT(DashGroup, on_time),
};
static const DbRowMap group_map = DB_MAP(DashGroup, group_cols, NULL);

int dash_store_groups(Db *db, Arena *arena, const DashScope *s, DashParty by, DashGroup **out,
                      int *n, Err *err)
{
    DbStmt *st = by == DASH_BY_UNIT ? PREPARE_SCOPED(db, s, Q_BY_UNIT)
                                    : PREPARE_SCOPED(db, s, Q_BY_LEADER);
    bind_scope(st, s);
    if (db_rows(db, st, &group_map, arena, out, n, err) < 0)
        return -1;
    for (int i = 0; i < *n; i++)
        if ((*out)[i].state == STATE__COUNT || (unsigned)(*out)[i].light > MEASURE_LIGHT_CLOSED)
            return err_fail(err, ERR_DB, "bad row: table measure: unknown state");
    return 0;
}

#define Q_MONTHS(from, light, cycles, greatest)                                                    \
    "SELECT min(m.deadline), " light ", count(*)" from("") " AND m.deadline IS NOT NULL"                            \
    " GROUP BY substr(m.deadline, 1, 7), 2"

static const DbCol month_cols[] = {
    DB_COL_DAY(DashMonth, deadline),
    DB_COL_INT(DashMonth, light),
    DB_COL_INT(DashMonth, n),
};
static const DbRowMap month_map = DB_MAP(DashMonth, month_cols, NULL);

int dash_store_months(Db *db, Arena *arena, const DashScope *s, DashMonth **out, int *n, Err *err)
{
    DbStmt *st = PREPARE_SCOPED(db, s, Q_MONTHS);
    bind_scope(st, s);
    return db_rows(db, st, &month_map, arena, out, n, err);
}

/* The status a measure gives its finding (ledger/status.c's measure_status). */
#define LONG_TERM "(m.long_term <> 0 OR m.kind = 'long_term')"
#define FINDING_OWN                                                                                \
    "CASE WHEN m.state = 'closed' THEN CASE WHEN " LONG_TERM " THEN 1 ELSE 0 END"                  \
    " WHEN m.state = 'phase_complete' AND " LONG_TERM " THEN 1 ELSE 2 END"
#define Q_FINDINGS(from, light, cycles, greatest)                                                  \
    "SELECT m.finding_id, max(" FINDING_OWN ")" from("") " GROUP BY m.finding_id ORDER BY 1"

static const DbCol finding_cols[] = {
    DB_COL_INT(DashFindingStatus, finding_id),
    DB_COL_INT(DashFindingStatus, status),
};
static const DbRowMap finding_map = DB_MAP(DashFindingStatus, finding_cols, NULL);

int dash_store_finding_status(Db *db, Arena *arena, const DashScope *s, DashFindingStatus **out,
                              int *n, Err *err)
{
    DbStmt *st = PREPARE_SCOPED(db, s, Q_FINDINGS);
    bind_scope(st, s);
    return db_rows(db, st, &finding_map, arena, out, n, err);
}

/* The week's deadlines: a range of measure_k_insp_due_live (a unit's: of its measures). */
#define DUE_RANGE " AND m.due_key BETWEEN ?40 AND ?41 AND m.state NOT IN ('closed','phase_complete')"
#define Q_DUE_COUNT(from, light, cycles, greatest) "SELECT count(*)" from("") DUE_RANGE
#define Q_DUE_ROWS(from, light, cycles, greatest)                                                  \
    "SELECT m.id, m.label, m.title, u.name, m.deadline, " LIGHT_EXPR ", -1, m.finding_id,"         \
    " m.ordinal FROM (SELECT m.id" from("") DUE_RANGE                                                  \
    " ORDER BY m.finding_id, m.ordinal, m.id LIMIT ?15) d JOIN measure m ON m.id = d.id"           \
    " LEFT JOIN unit u ON u.id = m.lead_unit_id ORDER BY m.finding_id, m.ordinal, m.id"

static const DbCol row_cols[] = {
    DB_COL_INT(DashMeasureRow, id),     DB_COL_TEXT(DashMeasureRow, label),
    DB_COL_STR(DashMeasureRow, title),  DB_COL_TEXT(DashMeasureRow, unit),
    DB_COL_DAY(DashMeasureRow, due),    DB_COL_INT(DashMeasureRow, light),
    DB_COL_INT(DashMeasureRow, kind),   DB_COL_INT(DashMeasureRow, finding_id),
    DB_COL_INT(DashMeasureRow, ordinal),
};
static const DbRowMap row_map = DB_MAP(DashMeasureRow, row_cols, NULL);

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
    return db_rows(db, st, &row_map, arena, out, n, err);
}
