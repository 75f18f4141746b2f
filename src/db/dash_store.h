/*
** dash_store.h: the SQL of the dashboard's figures (web/dash.c), so that the first request after
** a write costs the groups and rows the page shows, not a load of the inspection's ledger: counts
** by party, state, light and lateness with the reporting punctuality, deadlines per month and
** light, each finding's own status (each measure read once along an index that holds every
** column they need, migrate_ontime.sql, and summed per group), and the week's deadlines as an
** indexed range.
** tests/unit/test_dash_sql.c compares them with ledger_stats.
*/
#ifndef ZG_DASH_STORE_H
#define ZG_DASH_STORE_H

#include "base/arena.h"
#include "db/db.h"
#include "db/measure_store.h"

/* Which measures, and the day. */
typedef struct DashScope {
    int64_t inspection_id;      /* the inspection's measures in force */
    int64_t unit_id;            /* 0: all of them; else those this unit leads or co-leads */
    const MeasureLightDay *day; /* the day of the lights (ledger_light_day) */
    /*
    ** Reporting punctuality on the day (ledger_on_time): whether reporting has started by then
    ** (else no cycle is due), when it started, and ledger_cycles_before of that start and of
    ** the day under the inspection's cycle settings.
    */
    bool reporting;
    Day report_start;
    int64_t cycles_start;
    int64_t cycles_day;
    Day warn_until;   /* the day plus the inspection's warning days (yellow up to this deadline) */
    bool owes_report; /* the day's report cycle is past its due day, on or after the start */
    Day cycle_start;  /* the first day of the day's report cycle */
} DashScope;

/* What a row of dash_store_read counts. */
typedef enum DashPart {
    DASH_PART_UNIT,    /* measures of a lead unit (party 0: none) in one state */
    DASH_PART_LEADER,  /* the same per leader (a measure counts for each of its leaders) */
    DASH_PART_MONTH,   /* deadlines of a month (day: the month's earliest), closed or not */
    DASH_PART_FINDING, /* a finding's own measures (party: the finding): their weakest status */
} DashPart;

/* One row of the dashboard's grouped counts. */
typedef struct DashGroup {
    int part;           /* DashPart */
    int64_t party;      /* the lead unit, leader or finding */
    const char *name;   /* the unit's name, or the leader's name and post; NULL when none */
    Day day;            /* DASH_PART_MONTH: the month's earliest deadline */
    int state;          /* MeasureState (units and leaders) */
    int64_t n;          /* measures */
    int64_t by_light[4];/* of them, per MEASURE_LIGHT_* on the day */
    int64_t overdue;    /* past the deadline and not done (WHY_OVERDUE) */
    int64_t expected;   /* report cycles due so far */
    int64_t on_time;    /* of those, reported by their due day */
    int status;         /* DASH_PART_FINDING: ProblemStatus */
} DashGroup;

/*
** Every grouped count of s's measures: into an arena array *out of *n, by part and then by
** party (each measure's figures read once and summed per group; the groups sorted, not the
** measures). A bad state, or a light that disagrees with it, fails with ERR_DB.
*/
int dash_store_read(Db *db, Arena *arena, const DashScope *s, DashGroup **out, int *n, Err *err);

/*
** The figures of a scope's measures, kept between requests (a worker's dashboard cache), so that
** after a write only the measures it touched are read again (dash_measures_update).
*/
typedef struct DashMeasures DashMeasures;

DashMeasures *dash_measures_new(void);
void dash_measures_free(DashMeasures *m); /* NULL: nothing */
/*
** Bring m to s's measures as the database holds them now: those that the touch log
** (migrate_touch.sql) names since m was last brought up to date are read again, or every measure
** of the scope (*whole true) when m held another scope or day, the log no longer reaches back
** that far, more than an eighth of the scope changed, or on PostgreSQL. On failure m is left
** empty, to be read whole next time.
*/
int dash_measures_update(Db *db, DashMeasures *m, const DashScope *s, bool *whole, Err *err);
/*
** m's measures counted by state and light (closed: MEASURE_LIGHT_CLOSED), and those its scope's
** unit leads in out->lead (0 for a whole inspection), as measure_store_counts counts the same
** measures. A bad state or light fails with ERR_DB.
*/
int dash_measures_counts(const DashMeasures *m, MeasureCounts *out, Err *err);
/* m's measures as a tree's rows in ledger order (finding, ordinal, id), as measure_store_tree
   reads them, into an arena array *out of *n. */
void dash_measures_tree(const DashMeasures *m, Arena *arena, MeasureTreeRow **out, int *n);
/* The grouped counts of m's measures, as dash_store_read. */
int dash_measures_groups(Db *db, const DashMeasures *m, Arena *arena, DashGroup **out, int *n,
                         Err *err);

/* A measure as the dashboard's short tables show it. */
typedef struct DashMeasureRow {
    int64_t id;
    const char *label;  /* may be NULL */
    const char *title;
    const char *unit;   /* the lead unit's name, NULL when none */
    Day due;            /* its deadline, or by when a duty is owed */
    int light;          /* MEASURE_LIGHT_* on the day */
    int kind;           /* the DutyKind of a duty, -1 for a deadline */
    int64_t finding_id; /* ledger order: finding, ordinal, id */
    int ordinal;
} DashMeasureRow;

/* The map of a row of those columns, in DashMeasureRow's order (duty_store_own reads it too). */
extern const DbRowMap dash_row_map;

/*
** s's measures not done (neither closed nor phase-complete) with a deadline in [from, to]: how
** many (*n_all), and the first `limit` in ledger order into an arena array *out of *n.
*/
int dash_store_due(Db *db, Arena *arena, const DashScope *s, Day from, Day to, int limit,
                   DashMeasureRow **out, int *n, int64_t *n_all, Err *err);

/*
** s's measures past their deadline and not done (WHY_OVERDUE), earliest deadline first and then
** by id, after the one with id `after` (0: from the first; an id not among them: none), at most
** `limit` into an arena array *out of *n, with id, title, deadline, state and lead unit filled.
** A range of measure_k_insp_due_live: the page's rows and the done ones before them are read.
*/
int dash_store_overdue(Db *db, Arena *arena, const DashScope *s, int64_t after, int limit,
                       Measure **out, int *n, Err *err);

#endif
