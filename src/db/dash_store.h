/*
** dash_store.h: the SQL of the dashboard's figures (web/dash.c), so that the first request after
** a write costs the groups and rows the page shows, not a load of the inspection's ledger: counts
** by party, state, light and lateness with the reporting punctuality (one grouped read of an
** index that holds every column they need, migrate_ontime.sql), deadlines per month and light,
** each finding's own status, and the week's deadlines as an indexed range.
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
} DashScope;

/* How measures are grouped: by lead unit, or by leader (a measure counts for each of them). */
typedef enum DashParty { DASH_BY_UNIT, DASH_BY_LEADER } DashParty;

/* The measures of one party in one state and light, late or not. */
typedef struct DashGroup {
    int64_t party;    /* the lead unit (0: none) or the leader */
    const char *name; /* the unit's name, or the leader's name and post; NULL when unknown */
    int state;        /* MeasureState */
    int light;        /* MEASURE_LIGHT_* */
    bool overdue;     /* past the deadline and not done (WHY_OVERDUE) */
    int64_t n;        /* measures */
    int64_t expected; /* report cycles due so far */
    int64_t on_time;  /* of those, reported by their due day */
} DashGroup;

/*
** The groups of s's measures by party (DASH_BY_UNIT: every measure, party 0 when it has no
** lead unit), in party order, into an arena array *out of *n. A bad state fails with ERR_DB.
*/
int dash_store_groups(Db *db, Arena *arena, const DashScope *s, DashParty by, DashGroup **out,
                      int *n, Err *err);

/* Deadlines of one month and light. */
typedef struct DashMonth {
    Day deadline; /* the earliest deadline of the month (its month is what counts) */
    int light;    /* MEASURE_LIGHT_* */
    int64_t n;    /* measures */
} DashMonth;

/* The deadlines of s's measures per month and light. */
int dash_store_months(Db *db, Arena *arena, const DashScope *s, DashMonth **out, int *n, Err *err);

/* The status a finding's own measures give it (ledger_tree_status before the tree). */
typedef struct DashFindingStatus {
    int64_t finding_id;
    int status; /* ProblemStatus */
} DashFindingStatus;

/* Each finding with measures in s, by id, with the weakest status of those measures. */
int dash_store_finding_status(Db *db, Arena *arena, const DashScope *s, DashFindingStatus **out,
                              int *n, Err *err);

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

/*
** s's measures not done (neither closed nor phase-complete) with a deadline in [from, to]: how
** many (*n_all), and the first `limit` in ledger order into an arena array *out of *n.
*/
int dash_store_due(Db *db, Arena *arena, const DashScope *s, Day from, Day to, int limit,
                   DashMeasureRow **out, int *n, int64_t *n_all, Err *err);

#endif
