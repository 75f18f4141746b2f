/*
** light.h: report cycles and the traffic lights (亮灯) of SPEC §4, always computed for a given
** date and never stored.
*/
#ifndef ZG_LIGHT_H
#define ZG_LIGHT_H

#include "db/measure_store.h"
#include "db/model.h"

/* Why a light is what it is: a set of bits. */
enum {
    WHY_OVERDUE = 1u << REASON_OVERDUE,    /* past its deadline and not closed (red) */
    WHY_RETURNED = 1u << REASON_RETURNED,  /* returned twice or more (red) */
    WHY_RELAPSED = 1u << REASON_RELAPSED,  /* a revisit found it back (red) */
    WHY_DUE_SOON = 1u << REASON_DUE_SOON,  /* the deadline is within warn_days (yellow) */
    WHY_NO_REPORT = 1u << REASON_NO_REPORT, /* no progress report this cycle after its due day */
    WHY_SUPERVISION = 1u << REASON_SUPERVISION /* a 督办's response deadline passed (red) */
};

/* The rules of an inspection that lights depend on. */
typedef struct LightRules {
    int warn_days;      /* yellow this many days before a deadline (SPEC default 7) */
    ReportCycle cycle;  /* weekly, semi-monthly, monthly */
    int due_day;        /* 0 for the cycle's default, see ledger_cycle */
    Day start;          /* reporting starts here (the feedback date, or the plan's issue when
                           later; DAY_NONE for a draft): DAY_NONE: no cycle rule */
} LightRules;

/* One report cycle: [start, end], with reports due by `due`. */
typedef struct Cycle {
    Day start; /* first day */
    Day end;   /* last day */
    Day due;   /* reports are due on or before this day */
} Cycle;

/*
** The cycle containing day. Weekly cycles run Monday to Sunday, due on weekday due_day (1..7,
** default 5, Friday). Semi-monthly cycles are the 1st–15th and the 16th–end, due on their
** due_day-th day (default 10: the 10th and the 25th). Monthly cycles are calendar months, due on
** day due_day (default 25), clamped to the month's last day.
*/
Cycle ledger_cycle(ReportCycle cycle, int due_day, Day day);
/*
** The number of report cycles (ledger_cycle) whose due day is before day, counted from a fixed
** epoch: the cycles due in [a, b) are ledger_cycles_before(b) - ledger_cycles_before(a) for
** a <= b. dash_store.c spells the same count in SQL for a closing day.
*/
int64_t ledger_cycles_before(ReportCycle cycle, int due_day, Day day);
/* The rules of an inspection. */
LightRules ledger_rules(const Inspection *in);
/* True while the measure's units owe periodic progress reports (open, or long-term ongoing). */
bool ledger_owes_reports(const Measure *m);
/*
** The light of m on as_of, and in *why (may be NULL) the reasons. Closed measures are
** LIGHT_CLOSED. m's report_days must be loaded (MEASURE_LOAD_REPORTS).
*/
Light ledger_light(const Measure *m, const LightRules *r, Day as_of, unsigned *why);
/*
** Reporting punctuality of m up to as_of: *expected counts the cycles whose due day has passed
** (after r->start, and before close-out for closed measures); *on_time those with a report
** between the cycle's start and its due day.
*/
void ledger_on_time(const Measure *m, const LightRules *r, Day as_of, int *expected, int *on_time);
/*
** The day's values of the SQL light predicates (measure_store.h): the cycle start and the day's
** place in its cycle for each report cycle, from ledger_cycle. Compute it once per request.
*/
void ledger_light_day(Day day, MeasureLightDay *out);
/* Stored names and Chinese labels: green 绿灯, yellow 黄灯, red 红灯, closed 已销号. */
const char *ledger_light_name(Light l);
const char *ledger_light_label(Light l);
int ledger_light_parse(const char *s);

#endif
