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

/*
** The 挂图作战 chart: one stacked bar per month from the month of `from` to the month of `to`,
** counting the measures ms[0..n) whose deadline falls in it, by their light (lights[i] for
** ms[i]), and a dashed line at `today` when it lies in the span. Measures without a deadline
** are left out. Writes one <svg> element into h.
*/
void chart_deadlines(Buf *h, const Measure *ms, const Light *lights, int n, Day from, Day to,
                     Day today);

/* The same counts as a table (month × light, with totals), months without deadlines left out:
   the chart's data for those who do not read colours or charts. */
void chart_deadlines_table(Buf *h, const Measure *ms, const Light *lights, int n, Day from, Day to);
/* The step between gridlines for values up to top: 1, 2 or 5 × 10^k, at most four intervals. */
int chart_tick_step(int top);

#endif
