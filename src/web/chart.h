/*
** chart.h: charts as SVG written by the server (no script; colours are SVG presentation
** attributes, which the Content-Security-Policy allows, unlike style attributes).
*/
#ifndef ZG_WEB_CHART_H
#define ZG_WEB_CHART_H

#include "base/buf.h"
#include "ledger/light.h"

/* Months the deadline chart shows at the most (the latest ones when the span is longer). */
#define CHART_MAX_MONTHS 36

/* The deadlines of a span counted per month and light (no heap: a cache keeps it as it is). */
typedef struct ChartMonths {
    int first;                                  /* months since year 0 of the first month */
    int n;                                      /* months, 1..CHART_MAX_MONTHS */
    int count[CHART_MAX_MONTHS][LIGHT__COUNT];  /* deadlines per month and light */
} ChartMonths;

/*
** Count into *mo, per month from the month of `from` to the month of `to` (the latest
** CHART_MAX_MONTHS when longer), the measures ms[0..n) whose deadline falls in it by their
** light (lights[i] for ms[i]); measures without a deadline are left out.
*/
void chart_months_count(ChartMonths *mo, const Measure *ms, const Light *lights, int n, Day from,
                        Day to);
/* The span of chart_months_count with no deadline counted yet. */
void chart_months_span(ChartMonths *mo, Day from, Day to);
/* Count n deadlines on day deadline with light into mo, when its month is in mo's span. */
void chart_months_add(ChartMonths *mo, Day deadline, Light light, int n);
/*
** The 挂图作战 chart of mo: one stacked bar per month, and a dashed line at `today` when it lies
** in the span. Writes one <svg> element into h.
*/
void chart_deadlines(Buf *h, const ChartMonths *mo, Day today);

/* The same counts as a table (month × light, with totals), months without deadlines left out:
   the chart's data for those who do not read colours or charts. */
void chart_deadlines_table(Buf *h, const ChartMonths *mo);
/* The step between gridlines for values up to top: 1, 2 or 5 × 10^k, at most four intervals. */
int chart_tick_step(int top);

#endif
