/*
** dash.h: the figures of the 工作台 (page_dashboard.c) of one inspection, for one reader on one
** day, kept as small as what the page shows: counts by light and state, the week's deadlines
** and the reader's own duties (their first rows and how many there are), the chart's counts per
** month, the most urgent units and every leader's rates. They are computed from the scoped
** ledger (view_ledger_fill) into a scratch arena that is freed at once, and kept in a per-thread
** cache keyed by the data version, so a request renders what it shows and no worker holds a
** ledger's measures.
*/
#ifndef ZG_WEB_DASH_H
#define ZG_WEB_DASH_H

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
    int order;         /* the measure's position in ledger order */
} DashRow;

/* The duties of one party, most urgent first: the office's, a lead unit's or a leader's. */
typedef struct DashDuties {
    int64_t id;                     /* the unit or person, 0 for the office */
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
    DashRow due[DASH_DUE_SHOWN];  /* the week's open deadlines, first in ledger order */
    int n_due_shown;
    int n_due;                    /* all of them */
    DashDuties office;            /* the office's duties (verify, revisit) */
    DashDuties *units;            /* each lead unit's (report, completion, lead review), by id */
    DashDuties *leaders;          /* each leader's (sign-off), by id */
    ChartMonths months;           /* deadlines per month and light */
    DashRate *unit_rates;         /* the lead units most behind (overdue, red, yellow) */
    int n_units_shown;
    int n_units;                  /* every lead unit (of units, by id) */
    DashRate *leader_rates;       /* every leader, by id (as leaders) */
    int n_leaders;
    Buf html[DASH_HTML__COUNT];   /* those parts, written once by the page's DashRender */
} DashFigures;

/* Write f's parts of inspection_id's page for r's day and scope into html (empty buffers). */
typedef void (*DashRender)(const Request *r, const DashFigures *f, int64_t inspection_id,
                           Buf html[DASH_HTML__COUNT]);

/*
** The figures of inspection `in` (already checked with access_inspection) for r's user on
** r->today: from this thread's cache when the inspection, day, scope and the data version
** match, else computed, its parts written by render, and cached. Valid until the end of the
** request (called at most once per request). Returns NULL after replying 500.
*/
const DashFigures *dash_figures(Request *r, const Inspection *in, DashRender render);
/*
** What r's user owes in f, most urgent first: the office's, their unit's and their own duties
** as their roles make them theirs, merged into out (room for DASH_MINE_SHOWN); returns how many
** rows it wrote and sets *n_all to the count of every such duty.
*/
int dash_mine(const Request *r, const DashFigures *f, DashRow *out, int *n_all);

#endif
