/*
** dash.h: the figures of the 工作台 (page_dashboard.c) of one inspection, for one reader on one
** day, kept as small as what the page shows: counts by light and state, the week's deadlines
** and the reader's own duties (their first rows and how many there are), the chart's counts per
** month, the most urgent units and every leader's rates. They come from grouped SQL over the
** scope's measures and short indexed ranges (db/dash_store.h, duty_store_own), never from a
** load of the ledger, and are kept in a per-thread cache keyed by the data version, the day and
** the scope (the reader's duties by the reader's parties), so that a request after a write costs
** what the page shows and a request without one costs the page's writing.
*/
#ifndef ZG_WEB_DASH_H
#define ZG_WEB_DASH_H

#include "db/dash_store.h"
#include "ledger/stats.h"
#include "web/chart.h"
#include "web/request.h"

/* Rows of the week's deadlines, of the reader's duties and units' rates the page shows. */
#define DASH_DUE_SHOWN 10
#define DASH_MINE_SHOWN 15
#define DASH_UNITS_SHOWN 10

/* One measure row of the dashboard's short tables. */
typedef struct DashRow {
    int64_t id;        /* the measure */
    const char *label; /* its label (一是, 1. …), may be NULL */
    const char *title; /* its title */
    const char *unit;  /* its lead unit's name, "—" when none */
    Day due;           /* its deadline, or by when the duty is owed */
    Light light;       /* its light on the day */
    int what;          /* the OweKind of a duty, -1 for a deadline row */
    int64_t finding;   /* the measure's place in ledger order: finding, ordinal, id */
    int ordinal;
} DashRow;

/* What a reader owes, most urgent first: the office's, their unit's and their own duties. */
typedef struct DashDuties {
    DashRow rows[DASH_MINE_SHOWN];  /* the first of them */
    int n_shown;
    int n;                          /* all of them */
} DashDuties;

/* The rates of one unit or leader, with the name to show. */
typedef struct DashRate {
    Rate rate;        /* the figures (stats.h) */
    const char *name; /* the unit's or person's name */
} DashRate;

/* The parts of the page that depend on the figures, the inspection and the day alone. */
typedef enum {
    DASH_HTML_LIGHTS, /* the light tiles */
    DASH_HTML_DUE,    /* this week's deadlines */
    DASH_HTML_REST,   /* states, the chart and the rates */
    DASH_HTML__COUNT
} DashHtml;

typedef struct DashFigures {
    int64_t scope_unit;           /* the unit the figures are narrowed to, 0 when not */
    const char *scope_name;       /* its name, NULL when not narrowed */
    int n_measures;               /* measures counted */
    int by_state[STATE__COUNT];   /* per state */
    int by_light[LIGHT__COUNT];   /* per light on the day */
    int n_problems;               /* problems (findings at problem level) */
    int problems[STATUS__COUNT];  /* per status */
    int expected_reports;         /* report cycles due so far */
    int on_time_reports;          /* of those, reported by the due day */
    int n_overdue;                /* measures past the deadline and not done */
    DashRow due[DASH_DUE_SHOWN];  /* the week's open deadlines, first in ledger order */
    int n_due_shown;
    int n_due;                    /* all of them */
    ChartMonths months;           /* deadlines per month and light */
    DashRate *unit_rates;         /* every lead unit, by id */
    int n_units;
    DashRate *units_behind;       /* the same, most behind first (overdue, red, yellow) */
    int n_units_shown;            /* of them, those the dashboard shows */
    DashRate *leader_rates;       /* every leader, by id */
    int n_leaders;
    Buf html[DASH_HTML__COUNT];   /* those parts, written once by the page's DashRender */
} DashFigures;

/*
** The SQL figures of inspection in's measures (those unit scope_unit leads or co-leads of an
** issued plan when scope_unit is not 0) on today into *f, strings and rates in a; the html
** parts left empty. The measures are summed from m, brought up to date first
** (dash_measures_update), or read for this call alone when m is NULL. The dashboard's
** computation, and the one tests/unit/test_dash_sql.c compares with ledger_stats.
*/
int dash_compute(Db *db, const Inspection *in, int64_t scope_unit, Day today, DashMeasures *m,
                 Arena *a, DashFigures *f, Err *err);
/*
** The measures of dash_compute's scope past their deadline and not done, earliest deadline
** first, after the one with id after (0: from the first), at most limit (dash_store_overdue).
*/
int dash_overdue(Db *db, const Inspection *in, int64_t scope_unit, Day today, int64_t after,
                 int limit, Arena *a, Measure **out, int *n, Err *err);
/* What user u owes in inspection in on today (dash_figures' *mine), strings in a. */
int dash_duties(Db *db, const Inspection *in, const User *u, Day today, Arena *a, DashDuties *out,
                Err *err);
/* The dashboard's scope of in's measures on day (dash_store.h): the reporting rules' part. */
void dash_scope(const Inspection *in, int64_t unit_id, const MeasureLightDay *day, DashScope *s);

/* Write f's parts of inspection_id's page for r's day and scope into html (empty buffers). */
typedef void (*DashRender)(const Request *r, const DashFigures *f, int64_t inspection_id,
                           Buf html[DASH_HTML__COUNT]);

/*
** The figures of inspection `in` (already checked with access_inspection) for r's user on
** r->today, and in *mine what r's user owes there (the office's, their unit's and their own
** duties as their roles make them theirs): from this thread's cache when the inspection, day,
** scope (for *mine: the reader's parties) and the data version match, else computed, the
** figures' parts written by render, and cached. Valid until the end of the request (called at
** most once per request). Returns NULL after replying 500.
*/
const DashFigures *dash_figures(Request *r, const Inspection *in, DashRender render,
                                const DashDuties **mine);
/*
** The same figures without the page's parts or the reader's duties, for the units page and the
** statistics API (the same cache: a dashboard after them writes its parts then). NULL after
** replying 500.
*/
const DashFigures *dash_figures_of(Request *r, const Inspection *in);
/*
** The measures those figures are summed from (their cache slot's, up to date), for a tree's rows
** (dash_measures_tree). NULL after replying 500; valid until the thread's next request.
*/
const DashMeasures *dash_measures_of(Request *r, const Inspection *in);
/*
** Whether filter f (a reader's measures of in, access_scope) selects the measures of the
** figures' scope for r: the inspection's, or those of a unit-only reader's unit of an issued plan.
*/
bool dash_scope_is(const Request *r, const Inspection *in, const MeasureFilter *f);
/*
** The counts of in's measures in r's scope (dash_scope_is) by state and light, as
** measure_store_counts: kept per worker with the measures, brought up to date after a write.
** -1 with r->err set, or after replying 500 (the data version could not be read).
*/
int dash_counts(Request *r, const Inspection *in, MeasureCounts *out);

#endif
