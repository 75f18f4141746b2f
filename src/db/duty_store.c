/*
** duty_store.c: SQL for who owes what (duty_store.h), derived from ledger_owed and
** ledger_owes_why (ledger/owe.c, ledger/stats.c) kind by kind:
**   report       the lead unit, while it owes reports, when the day's cycle is past its due day
**                with no report since the cycle began (light_sql.h); since: that due day
**   completion   the lead unit, not closed nor a verified phase, past the deadline; since: it
**   lead review  the lead unit, submitted; since: the day
**   sign-off     each leader, lead-approved in an inspection that requires sign-off; the day
**   verify       the office, signed off, or lead-approved without sign-off; the day
**   revisit      the office, closed or phase complete, revisit due by the day; since: that day
**   accept       the lead unit, a co-unit's submitted report; since: its day
**   respond      the unit, an open supervision; since: its issue
**   acknowledge  the lead unit, an instruction not acknowledged; since: its day
**   spot check   the office, a drawn measure not yet checked; since: the draw
** Measures withdrawn are left out of the measures' own duties, as every measure list does. Each
** branch is one range of an index led by its party (migrate_duty.sql), so a count costs the
** scope's duties; the organisation's office comes in two variants (one organisation, every
** one), since a bound "?4 = 0 OR …" cannot use an index. The loop's items of a unit are found
** through its measures (probing the partial indexes of what is open), and the office's spot
** checks through its inspections: their cost follows the scope, not every open item anywhere.
**
** Binds: ?1 unit, ?2 person, ?3 office (0/1), ?4 organisation; ?10..?13 the cursor (since,
** measure, kind, object); ?15 the limit; ?20..?26 the day (light_sql.h).
*/
#include "duty_store.h"
#include "light_sql.h"

/* The day's cycle start for the measure's cycle, plus its due day - 1: the report's due day. */
#define CYCLE_START "CASE m.cycle WHEN 'weekly' THEN ?21 WHEN 'semimonthly' THEN ?22 ELSE ?23 END"
#define REPORT_DUE_LITE "date(" CYCLE_START ", '+' || (m.due_day - 1) || ' days')"
#define REPORT_DUE_PG "zg_day_add(" CYCLE_START ", m.due_day - 1)"
#define TODAY "CAST(?20 AS TEXT)"
#define LEAD_IN_FORCE " WHERE m.lead_unit_id = ?1 AND m.withdrawn_at IS NULL"

/* Each kind's number in SQL, the DutyKind it stands for (checked below). */
#define K_REPORT "0"
#define K_COMPLETION "1"
#define K_LEAD_REVIEW "2"
#define K_SIGNOFF "3"
#define K_VERIFY "4"
#define K_REVISIT "5"
#define K_ACCEPT "6"
#define K_RESPOND "7"
#define K_ACK "8"
#define K_SPOT "9"
_Static_assert(DUTY_REPORT == 0, "K_REPORT");
_Static_assert(DUTY_COMPLETION == 1, "K_COMPLETION");
_Static_assert(DUTY_LEAD_REVIEW == 2, "K_LEAD_REVIEW");
_Static_assert(DUTY_SIGNOFF == 3, "K_SIGNOFF");
_Static_assert(DUTY_VERIFY == 4, "K_VERIFY");
_Static_assert(DUTY_REVISIT == 5, "K_REVISIT");
_Static_assert(DUTY_ACCEPT == 6, "K_ACCEPT");
_Static_assert(DUTY_RESPOND == 7, "K_RESPOND");
_Static_assert(DUTY_ACK == 8, "K_ACK");
_Static_assert(DUTY_SPOT == 9, "K_SPOT");
/* clang-format off */
/* A kind's columns, named (each kind is also read on its own). */
#define COLS(kind, unit, person, office, inspection, measure, object, due, since)                  \
    "SELECT " kind " AS kind, " unit " AS unit_id, " person " AS person_id, " office               \
    " AS office, " inspection " AS inspection_id, " measure " AS measure_id, " object              \
    " AS object_id, " due " AS due, " since " AS since"
/* Each kind's rows (kind, unit_id, person_id, office, inspection_id, measure_id, object_id, due,
   since); org: the office's measures, spot: the office's spot checks (the variants below). */
#define D_REPORT(report_due)                                                                       \
    COLS(K_REPORT, "m.lead_unit_id", "0", "0", "m.inspection_id", "m.id", "0", report_due,         \
         report_due)                                                                               \
    " FROM measure m" LEAD_IN_FORCE                                                                \
    " AND m.state IN ('not_started','in_progress','returned','relapsed','phase_complete')"         \
    " AND " NO_REPORT_ANY
#define D_COMPLETION                                                                               \
    COLS(K_COMPLETION, "m.lead_unit_id", "0", "0", "m.inspection_id", "m.id", "0", "m.deadline",   \
         "m.deadline")                                                                             \
    " FROM measure m" LEAD_IN_FORCE                                                                \
    " AND m.state IN ('not_started','in_progress','submitted','lead_approved','signed_off',"       \
    "'returned','relapsed') AND m.deadline < ?20"
#define D_LEAD_REVIEW                                                                              \
    COLS(K_LEAD_REVIEW, "m.lead_unit_id", "0", "0", "m.inspection_id", "m.id", "0", TODAY, TODAY)  \
    " FROM measure m" LEAD_IN_FORCE " AND m.state = 'submitted'"
#define D_SIGNOFF                                                                                  \
    COLS(K_SIGNOFF, "0", "k.party_id", "0", "m.inspection_id", "m.id", "0", TODAY, TODAY)          \
    " FROM measure_party k JOIN measure m ON m.id = k.measure_id"                                  \
    " JOIN inspection i ON i.id = m.inspection_id WHERE k.kind = 1 AND k.party_id = ?2"            \
    " AND k.state_rank = 3 AND m.state = 'lead_approved' AND m.withdrawn_at IS NULL"               \
    " AND i.require_signoff <> 0"
#define D_VERIFY(org)                                                                              \
    COLS(K_VERIFY, "0", "0", "1", "m.inspection_id", "m.id", "0", TODAY, TODAY)                    \
    " FROM measure m JOIN inspection i ON i.id = m.inspection_id WHERE ?3 <> 0"                    \
    " AND " org("m") " AND m.state IN ('lead_approved','signed_off')"                              \
    " AND m.withdrawn_at IS NULL AND (m.state = 'signed_off' OR i.require_signoff = 0)"
#define D_REVISIT(org)                                                                             \
    COLS(K_REVISIT, "0", "0", "1", "m.inspection_id", "m.id", "0", "m.revisit_due",                \
         "m.revisit_due")                                                                          \
    " FROM measure m WHERE ?3 <> 0 AND " org("m") " AND m.state IN ('closed','phase_complete')"    \
    " AND m.revisit_due <= ?20 AND m.withdrawn_at IS NULL"
#define D_ACCEPT                                                                                   \
    COLS(K_ACCEPT, "m.lead_unit_id", "0", "0", "m.inspection_id", "p.measure_id", "p.id", "NULL",  \
         "p.reported_on")                                                                          \
    " FROM progress p JOIN measure m ON m.id = p.measure_id"                                       \
    " WHERE m.lead_unit_id = ?1 AND p.state = 'submitted'"                                         \
    " AND p.unit_id IS DISTINCT FROM m.lead_unit_id"
#define D_RESPOND                                                                                  \
    COLS(K_RESPOND, "s.unit_id", "0", "0", "s.inspection_id", "coalesce(s.measure_id, 0)",         \
         "s.id", "s.respond_by", "s.issued_on")                                                    \
    " FROM supervision s WHERE s.unit_id = ?1 AND s.state = 'open'"
#define D_ACK                                                                                      \
    COLS(K_ACK, "m.lead_unit_id", "0", "0", "m.inspection_id", "a.measure_id", "a.id", "NULL",     \
         "a.given_on")                                                                             \
    " FROM instruction a JOIN measure m ON m.id = a.measure_id"                                    \
    " WHERE m.lead_unit_id = ?1 AND a.acknowledged_on IS NULL"
#define D_SPOT(spot)                                                                               \
    COLS(K_SPOT, "0", "0", "1", "c.inspection_id", "it.measure_id", "c.id", "NULL", "c.drawn_on")  \
    " FROM spot_check_item it JOIN spot_check c ON c.id = it.check_id"                             \
    " JOIN measure m ON m.id = it.measure_id JOIN inspection n ON n.id = c.inspection_id"          \
    " WHERE ?3 <> 0 AND " spot " AND it.result IS NULL"
/* clang-format on */
/* Every duty of the scope, in one row set. */
#define DUTIES(report_due, org, spot)                                                              \
    D_REPORT(report_due)                                                                           \
    " UNION ALL " D_COMPLETION " UNION ALL " D_LEAD_REVIEW " UNION ALL " D_SIGNOFF                 \
    " UNION ALL " D_VERIFY(org) " UNION ALL " D_REVISIT(org) " UNION ALL " D_ACCEPT                \
                                                             " UNION ALL " D_RESPOND               \
                                                             " UNION ALL " D_ACK                   \
                                                             " UNION ALL " D_SPOT(spot)
/*
** Each kind's count in one row, each an index range counted on its own (no row set to group);
** the office's two kinds from tallies kept by triggers: verifications from measure_tally (per
** inspection and state, migrate_pagecost.sql), revisits due from revisit_tally (per
** organisation and day, migrate_duty.sql), so an office's count reads a few rows per
** inspection and per day however many measures wait.
*/
#define N_(rows) "(SELECT count(*) FROM (" rows ") x)"
#define N_VERIFY(org)                                                                              \
    "(SELECT coalesce(sum(t.n), 0) FROM inspection i JOIN measure_tally t"                         \
    " ON t.inspection_id = i.id WHERE ?3 <> 0 AND " org(                                           \
        "i") " AND (t.state = 'signed_off'"                                                        \
             " OR (t.state = 'lead_approved' AND i.require_signoff = 0)))"
#define N_REVISIT(org)                                                                             \
    "(SELECT coalesce(sum(t.n), 0) FROM revisit_tally t WHERE ?3 <> 0 AND " org(                   \
        "t") " AND t.revisit_due <= ?20)"
/* clang-format off */
#define COUNTS(report_due, org, spot)                                                              \
    "SELECT " N_(D_REPORT(report_due)) ", " N_(D_COMPLETION) ", " N_(D_LEAD_REVIEW) ", "           \
    N_(D_SIGNOFF) ", " N_VERIFY(org) ", " N_REVISIT(org) ", " N_(D_ACCEPT) ", " N_(D_RESPOND) ", " \
    N_(D_ACK) ", " N_(D_SPOT(spot))
/* clang-format on */
#define ORG_ONE(t) t ".org_unit_id = ?4"
#define ORG_ALL(t) "?4 = 0"
#define SPOT_ONE "(n.org_unit_id = ?4 OR n.org_unit_id IS NULL)"
#define SPOT_ALL "?4 = 0"

/*
** A page reads each kind in the order on its own, at most a page's worth after (or before) the
** cursor, and keeps the first of their union: an index led by the party in the since order
** (the revisits' partial indexes, measure ids for the kinds of the day) reads only those rows;
** the others sort their kind's rows of the scope. "since <= ?10" (">=") is the range that the
** cursor's finer comparison keeps within.
*/
#define OLDER                                                                                      \
    "y.since <= ?10 AND (y.since < ?10 OR (y.measure_id < ?11 OR (y.measure_id = ?11"              \
    " AND (y.kind > ?12 OR (y.kind = ?12 AND y.object_id < ?13)))))"
#define NEWER                                                                                      \
    "y.since >= ?10 AND (y.since > ?10 OR (y.measure_id > ?11 OR (y.measure_id = ?11"              \
    " AND (y.kind < ?12 OR (y.kind = ?12 AND y.object_id > ?13)))))"
#define FIRST "1 = 1"
#define DESC_ " ORDER BY y.since DESC, y.measure_id DESC, y.kind, y.object_id DESC LIMIT ?15) z"
#define ASC_ " ORDER BY y.since, y.measure_id, y.kind DESC, y.object_id LIMIT ?15) z"
#define KIND_PAGE(rows, where, order) "SELECT * FROM (SELECT * FROM (" rows ") y WHERE " where order
/* clang-format off */
#define PAGES(report_due, org, spot, where, order)                                                 \
    KIND_PAGE(D_REPORT(report_due), where, order)                                                  \
    " UNION ALL " KIND_PAGE(D_COMPLETION, where, order)                                            \
    " UNION ALL " KIND_PAGE(D_LEAD_REVIEW, where, order)                                           \
    " UNION ALL " KIND_PAGE(D_SIGNOFF, where, order)                                               \
    " UNION ALL " KIND_PAGE(D_VERIFY(org), where, order)                                           \
    " UNION ALL " KIND_PAGE(D_REVISIT(org), where, order)                                          \
    " UNION ALL " KIND_PAGE(D_ACCEPT, where, order)                                                \
    " UNION ALL " KIND_PAGE(D_RESPOND, where, order)                                               \
    " UNION ALL " KIND_PAGE(D_ACK, where, order)                                                   \
    " UNION ALL " KIND_PAGE(D_SPOT(spot), where, order)
/* clang-format on */
/* The page's rows first, then their titles (the target of a supervision without a measure),
   newest first whichever way the page was read. */
#define Q_PAGE(pages, order)                                                                       \
    "SELECT d.kind, d.unit_id, d.person_id, d.office, d.inspection_id, d.measure_id, d.object_id," \
    " d.due, d.since, coalesce(m.title, f.title, u.name, '') FROM (SELECT x.* FROM (" pages        \
    ") x" order " LIMIT ?15) d LEFT JOIN measure m ON m.id = d.measure_id"                         \
    " LEFT JOIN supervision s ON d.kind = " K_RESPOND " AND s.id = d.object_id"                    \
    " LEFT JOIN finding f ON f.id = s.finding_id LEFT JOIN unit u ON u.id = s.unit_id"             \
    " ORDER BY d.since DESC, d.measure_id DESC, d.kind, d.object_id DESC"
#define ORDER_NEWEST " ORDER BY x.since DESC, x.measure_id DESC, x.kind, x.object_id DESC"
#define ORDER_OLDEST " ORDER BY x.since, x.measure_id, x.kind DESC, x.object_id"

/* The statements of each kind of query (a builder of report_due, org, spot) for s's
   organisation variant, in db's dialect; on PostgreSQL on their generic plans (planning one
   cost more than running it). */
#define PREPARE_SCOPED(db, s, query)                                                               \
    ((s)->org_unit_id                                                                              \
         ? db_prepare(db, DB_PICK(db, query(REPORT_DUE_LITE, ORG_ONE, SPOT_ONE),                   \
                                  DB_PG_GENERIC query(REPORT_DUE_PG, ORG_ONE, SPOT_ONE)))          \
         : db_prepare(db, DB_PICK(db, query(REPORT_DUE_LITE, ORG_ALL, SPOT_ALL),                   \
                                  DB_PG_GENERIC query(REPORT_DUE_PG, ORG_ALL, SPOT_ALL))))
#define Q_FIRST(r, o, s) Q_PAGE(PAGES(r, o, s, FIRST, DESC_), ORDER_NEWEST)
#define Q_OLDER(r, o, s) Q_PAGE(PAGES(r, o, s, OLDER, DESC_), ORDER_NEWEST)
#define Q_NEWER(r, o, s) Q_PAGE(PAGES(r, o, s, NEWER, ASC_), ORDER_OLDEST)

static void bind_scope(DbStmt *st, const DutyScope *s, const MeasureLightDay *day,
                       const DutyKey *key)
{
    db_bind_int(st, 1, s->unit_id);
    db_bind_int(st, 2, s->person_id);
    db_bind_int(st, 3, s->office);
    db_bind_int(st, 4, s->org_unit_id);
    DutyKey none = {DAY_NONE, 0, 0, 0};
    if (!key)
        key = &none;
    db_bind_day(st, 10, key->since);
    db_bind_int(st, 11, key->measure_id);
    db_bind_int(st, 12, key->kind);
    db_bind_int(st, 13, key->object_id);
    db_bind_day(st, 20, day->day);
    for (int c = 0; c < CYCLE__COUNT; c++) {
        db_bind_day(st, 21 + c, day->cycle_start[c]);
        db_bind_int(st, 24 + c, day->cycle_offset[c]);
    }
}

int duty_store_count(Db *db, const DutyScope *s, const MeasureLightDay *day,
                     int64_t counts[DUTY__COUNT], Err *err)
{
    DbStmt *st = PREPARE_SCOPED(db, s, COUNTS);
    bind_scope(st, s, day, NULL);
    int rc = db_step(db, st, err);
    for (int k = 0; k < DUTY__COUNT; k++)
        counts[k] = rc == 1 ? db_col_int(st, k) : 0;
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

static const DbCol duty_cols[] = {
    DB_COL_INT(DutyRow, kind),          DB_COL_INT(DutyRow, unit_id),
    DB_COL_INT(DutyRow, person_id),     DB_COL_INT(DutyRow, office),
    DB_COL_INT(DutyRow, inspection_id), DB_COL_INT(DutyRow, measure_id),
    DB_COL_INT(DutyRow, object_id),     DB_COL_DAY(DutyRow, due),
    DB_COL_DAY(DutyRow, since),         DB_COL_STR(DutyRow, title),
};

static const DbRowMap duty_map = DB_MAP(DutyRow, duty_cols, NULL);

int duty_store_page(Db *db, Arena *arena, const DutyScope *s, const MeasureLightDay *day,
                    const DutyKey *after, bool backward, int limit, DutyRow **out, int *n, Err *err)
{
    DbStmt *st = !after     ? PREPARE_SCOPED(db, s, Q_FIRST)
                 : backward ? PREPARE_SCOPED(db, s, Q_NEWER)
                            : PREPARE_SCOPED(db, s, Q_OLDER);
    bind_scope(st, s, day, after);
    db_bind_int(st, 15, limit);
    if (db_rows(db, st, &duty_map, arena, out, n, err) < 0)
        return -1;
    for (int i = 0; i < *n; i++)
        if ((unsigned)(*out)[i].kind >= DUTY__COUNT)
            return err_fail(err, ERR_DB, "bad duty kind %d", (int)(*out)[i].kind);
    return 0;
}

/*
** A measure's own duties (the first six kinds, what the dashboard lists) of one inspection (?5):
** their count per kind, and per kind the first ?15 by when they are owed and in ledger order,
** with what a short table shows of the measure.
*/
/* Their counts as one row, a column per kind in DutyKind's order: each kind's range counted on
   its own (a grouped count of their union sorted every duty: 131,200 steps of the engine for a
   city office's 3,955, now 35,804). */
#define OWN_COUNT(rows) "(SELECT count(*) FROM (" rows ") y WHERE y.inspection_id = ?5)"
#define Q_OWN_COUNTS(report_due, org, spot)                                                        \
    "SELECT " OWN_COUNT(D_REPORT(report_due)) ", " OWN_COUNT(D_COMPLETION) ", "                    \
    OWN_COUNT(D_LEAD_REVIEW) ", " OWN_COUNT(D_SIGNOFF) ", " OWN_COUNT(D_VERIFY(org)) ", "         \
    OWN_COUNT(D_REVISIT(org))
#define OWN_FIRST(rows)                                                                            \
    "SELECT * FROM (SELECT y.kind, y.measure_id, y.due FROM (" rows ") y"                          \
    " JOIN measure mm ON mm.id = y.measure_id WHERE y.inspection_id = ?5"                          \
    " ORDER BY y.due, mm.finding_id, mm.ordinal, mm.id LIMIT ?15) z"
/* clang-format off */
#define Q_OWN_FIRST(report_due, org, spot)                                                         \
    "SELECT d.measure_id, m.label, m.title, u.name, d.due, " LIGHT_EXPR ", d.kind, m.finding_id,"  \
    " m.ordinal FROM (" OWN_FIRST(D_REPORT(report_due)) " UNION ALL " OWN_FIRST(D_COMPLETION)      \
    " UNION ALL " OWN_FIRST(D_LEAD_REVIEW) " UNION ALL " OWN_FIRST(D_SIGNOFF)                      \
    " UNION ALL " OWN_FIRST(D_VERIFY(org)) " UNION ALL " OWN_FIRST(D_REVISIT(org)) ") d"           \
    " JOIN measure m ON m.id = d.measure_id LEFT JOIN unit u ON u.id = m.lead_unit_id"
/* clang-format on */

int duty_store_own(Db *db, Arena *arena, const DutyScope *s, int64_t inspection_id,
                   const MeasureLightDay *day, int limit, DashMeasureRow **out, int *n,
                   int64_t counts[DUTY__COUNT], Err *err)
{
    memset(counts, 0, sizeof(int64_t) * DUTY__COUNT);
    DbStmt *st = PREPARE_SCOPED(db, s, Q_OWN_COUNTS);
    bind_scope(st, s, day, NULL);
    db_bind_int(st, 5, inspection_id);
    int rc = db_step(db, st, err);
    for (int k = 0; rc == 1 && k <= DUTY_REVISIT; k++)
        counts[k] = db_col_int(st, k);
    db_reset(st);
    if (rc < 0)
        return -1;
    st = PREPARE_SCOPED(db, s, Q_OWN_FIRST);
    bind_scope(st, s, day, NULL);
    db_bind_int(st, 5, inspection_id);
    db_bind_int(st, 15, limit);
    if (db_rows(db, st, &dash_row_map, arena, out, n, err) < 0)
        return -1;
    for (int i = 0; i < *n; i++)
        if ((unsigned)(*out)[i].kind > DUTY_REVISIT || (unsigned)(*out)[i].light > MEASURE_LIGHT_CLOSED)
            return err_fail(err, ERR_DB, "bad duty kind %d", (*out)[i].kind);
    return 0;
}
