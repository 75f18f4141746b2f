/*
** stats.h: the statistics of an inspection for a date (SPEC §4): counts by state and light,
** problem statuses, reporting punctuality, per-unit and per-leader rates, the overdue list;
** and "who owes what", the one computation behind the inbox, reminders and notifications.
*/
#ifndef ZG_STATS_H
#define ZG_STATS_H

#include "base/arena.h"
#include "ledger/light.h"

/* Figures of one unit or one leader. */
typedef struct Rate {
    int64_t id;           /* unit id (lead unit) or person id (leader) */
    int total;            /* measures */
    int closed;           /* closed or phase complete */
    int overdue;          /* past the deadline and not closed */
    int red;              /* red lights */
    int yellow;           /* yellow lights */
    int expected_reports; /* report cycles due so far */
    int on_time_reports;  /* of those, reported by the due day */
} Rate;

typedef struct Stats {
    Day as_of;                    /* the date the figures are for */
    int n_measures;               /* measures of the inspection */
    int by_state[STATE__COUNT];   /* measures per state */
    int by_light[LIGHT__COUNT];   /* measures per light */
    int n_problems;               /* findings at problem level */
    int problems[STATUS__COUNT];  /* problems per status */
    int expected_reports;         /* report cycles due so far, all measures */
    int on_time_reports;          /* of those, reported on time */
    Rate *units;                  /* per lead unit, by id; n_units of them */
    int n_units;
    Rate *leaders;                /* per leader, by id; n_leaders of them */
    int n_leaders;
    const Measure **overdue;      /* red for the deadline, earliest deadline first */
    int n_overdue;
    Light *lights;                /* per measure, parallel to the measures given */
    unsigned *why;                /* per measure, WHY_* bits */
    ProblemStatus *status;        /* per finding, parallel to the findings given */
} Stats;

/*
** Compute the statistics of one inspection's findings fs (sorted by id) and measures ms
** (loaded with owners and report days) on as_of. All arrays in *st come from arena.
*/
void ledger_stats(const Inspection *in, const Finding *fs, int nf, const Measure *ms, int nm,
                  Day as_of, Arena *arena, Stats *st);

/* Percentage a/b rounded to one decimal place, 0 when b is 0. */
double ledger_rate(int a, int b);

typedef struct Owe {
    OweKind kind;       /* what is owed */
    const Measure *measure;
    Day due;            /* by when (the cycle's due day, the deadline …) */
} Owe;

/*
** What is owed on m at as_of, appended to out (room for OWE__COUNT entries); returns how many.
** The party that owes follows from the kind: the lead unit (report, completion, lead review),
** the measure's leaders (sign-off) or the office (verify, revisit).
*/
int ledger_owes(const Measure *m, const LightRules *r, bool require_signoff, Day as_of, Owe *out);
const char *ledger_owe_name(OweKind k);
const char *ledger_owe_label(OweKind k);

#endif
