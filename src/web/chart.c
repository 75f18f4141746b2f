/*
** chart.c: the SVG charts of the pages (chart.h). Only numbers and fixed Chinese words go into
** the markup here, and those through buf_printf of integers or HTML() literals.
*/
#include "web/chart.h"

#include "web/html.h"

_Static_assert(CHART_MAX_MONTHS <= 255, "a month's index fits a byte");

/* Bars from the bottom up: closed, green, yellow, red (the most urgent on top). */
static const Light stack[] = {LIGHT_CLOSED, LIGHT_GREEN, LIGHT_YELLOW, LIGHT_RED};
/* Dark enough to stand 3:1 against white (WCAG 1.4.11), and told apart by the white seams
   between segments and by the month × light table beside the chart, never by colour alone. */
static const char *const fills[LIGHT__COUNT] = {
    [LIGHT_GREEN] = "#1e7b34", [LIGHT_YELLOW] = "#9a6700", [LIGHT_RED] = "#b3261e",
    [LIGHT_CLOSED] = "#5f6368"};

enum { PLOT_LEFT = 40, PLOT_TOP = 14, PLOT_H = 180, AXIS_H = 32, PLOT_W = 720, MIN_SLOT = 30 };

/* Months since year 0 of day d. */
static int month_index(Day d)
{
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    return y * 12 + (m - 1);
}

void chart_months_span(ChartMonths *mo, Day from, Day to)
{
    int first = month_index(from), last = month_index(to);
    if (last < first)
        last = first;
    if (last - first + 1 > CHART_MAX_MONTHS)
        first = last - CHART_MAX_MONTHS + 1;
    memset(mo, 0, sizeof *mo);
    mo->first = first;
    mo->n = last - first + 1;
}

void chart_months_add(ChartMonths *mo, Day deadline, Light light, int n)
{
    int k = deadline == DAY_NONE ? -1 : month_index(deadline) - mo->first;
    if (k >= 0 && k < mo->n && (unsigned)light < LIGHT__COUNT)
        mo->count[k][light] += n;
}

void chart_months_count(ChartMonths *mo, const Measure *ms, const Light *lights, int n, Day from,
                        Day to)
{
    chart_months_span(mo, from, to);
    int first = mo->first;
    /* The month of each day of the span, so that a deadline costs a lookup, not a calendar
       conversion (a city ledger has 10,000 of them per chart). */
    Day start = date_from_ymd(first / 12, first % 12 + 1, 1);
    Day end = date_from_ymd((first + mo->n) / 12, (first + mo->n) % 12 + 1, 1);
    unsigned char *month_of = xmalloc((size_t)(end - start));
    for (int k = 0; k < mo->n; k++) {
        Day a = date_from_ymd((first + k) / 12, (first + k) % 12 + 1, 1);
        Day b = date_from_ymd((first + k + 1) / 12, (first + k + 1) % 12 + 1, 1);
        memset(month_of + (a - start), k, (size_t)(b - a));
    }
    for (int i = 0; i < n; i++) {
        Day d = ms[i].deadline;
        if (d != DAY_NONE && d >= start && d < end)
            mo->count[month_of[d - start]][lights[i]]++;
    }
    free(month_of);
}

static int month_sum(const ChartMonths *mo, int k)
{
    int sum = 0;
    for (int l = 0; l < LIGHT__COUNT; l++)
        sum += mo->count[k][l];
    return sum;
}

int chart_tick_step(int top)
{
    /* 1, 2, 5 × 10^k: the smallest step that needs at most four intervals to reach top. */
    for (int scale = 1;; scale *= 10) {
        static const int steps[] = {1, 2, 5};
        for (size_t i = 0; i < ARRAY_SIZE(steps); i++)
            if (steps[i] * scale * 4 >= top)
                return steps[i] * scale;
        if (scale > 100000000)
            return scale * 10;
    }
}

void chart_deadlines(Buf *h, const ChartMonths *mo, Day today)
{
    int top = 1;
    for (int k = 0; k < mo->n; k++)
        if (month_sum(mo, k) > top)
            top = month_sum(mo, k);
    int step = chart_tick_step(top);
    top = (top + step - 1) / step * step;
    /* Bars widen to fill the plot when there are few months. */
    int slot = PLOT_W / mo->n > MIN_SLOT ? PLOT_W / mo->n : MIN_SLOT;
    int width = PLOT_LEFT + mo->n * slot + 8, height = PLOT_TOP + PLOT_H + AXIS_H;
    /* The width and height attributes give the chart its natural size where CSS lets it (the
       phone scrolls it sideways instead of shrinking the text). */
    buf_printf(h,
               "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
               " width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"各月到期整改措施数，"
               "明细见下方按月统计表\" font-size=\"12\">",
               width, height, width, height);
    /* Gridlines at round numbers. */
    for (int v = 0; v <= top; v += step) {
        int y = PLOT_TOP + PLOT_H - PLOT_H * v / top;
        buf_printf(h,
                   "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#c4c9cf\"/>"
                   "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#3c4043\">%d</text>",
                   PLOT_LEFT, y, width - 4, y, PLOT_LEFT - 5, y + 4, v);
    }
    for (int k = 0; k < mo->n; k++) {
        int x = PLOT_LEFT + k * slot + slot / 6, y = PLOT_TOP + PLOT_H;
        int year = (mo->first + k) / 12, month = (mo->first + k) % 12 + 1;
        const int *c = mo->count[k];
        buf_printf(h, "<g><title>%d年%d月到期 %d 项：红灯 %d，黄灯 %d，绿灯 %d，已销号 %d</title>",
                   year, month, month_sum(mo, k), c[LIGHT_RED], c[LIGHT_YELLOW], c[LIGHT_GREEN],
                   c[LIGHT_CLOSED]);
        for (size_t s = 0; s < ARRAY_SIZE(stack); s++) {
            if (!c[stack[s]])
                continue;
            int bh = PLOT_H * c[stack[s]] / top;
            if (bh < 2)
                bh = 2;
            y -= bh;
            /* A white seam separates the segments. */
            buf_printf(h,
                       "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\""
                       " stroke=\"#fff\" stroke-width=\"1.5\"/>",
                       x, y, slot * 2 / 3, bh, fills[stack[s]]);
        }
        buf_printf(h, "</g><text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#3c4043\">%d月</text>",
                   x + (slot * 2 / 3) / 2, PLOT_TOP + PLOT_H + 15, month);
        if (month == 1 || k == 0)
            buf_printf(h, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#3c4043\">%d</text>",
                       x + (slot * 2 / 3) / 2, PLOT_TOP + PLOT_H + 29, year);
    }
    int tm = month_index(today) - mo->first;
    if (tm >= 0 && tm < mo->n) {
        int y, m, d;
        date_to_ymd(today, &y, &m, &d);
        int x = PLOT_LEFT + tm * slot + slot * (d - 1) / date_days_in_month(y, m);
        buf_printf(h,
                   "<line class=\"today\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#1f4e9c\""
                   " stroke-width=\"2\" stroke-dasharray=\"4 3\"/>"
                   "<text x=\"%d\" y=\"%d\" fill=\"#1f4e9c\">今天</text>",
                   x, PLOT_TOP - 2, x, PLOT_TOP + PLOT_H, x + 3, PLOT_TOP + 9);
    }
    HTML(h, "</svg>");
}

void chart_deadlines_table(Buf *h, const ChartMonths *mo)
{
    HTML(h, "<table class=\"chart-table\"><caption>各月到期整改措施（按亮灯）</caption><thead><tr>"
            "<th scope=\"col\">到期月份</th><th scope=\"col\">红灯</th><th scope=\"col\">黄灯</th>"
            "<th scope=\"col\">绿灯</th><th scope=\"col\">已销号</th><th scope=\"col\">合计</th>"
            "</tr></thead><tbody>");
    static const Light cols[] = {LIGHT_RED, LIGHT_YELLOW, LIGHT_GREEN, LIGHT_CLOSED};
    for (int k = 0; k < mo->n; k++) {
        if (!month_sum(mo, k))
            continue;
        buf_printf(h, "<tr><th scope=\"row\">%d年%d月</th>", (mo->first + k) / 12,
                   (mo->first + k) % 12 + 1);
        for (size_t c = 0; c < ARRAY_SIZE(cols); c++)
            buf_printf(h, "<td>%d</td>", mo->count[k][cols[c]]);
        buf_printf(h, "<td>%d</td></tr>", month_sum(mo, k));
    }
    HTML(h, "</tbody></table>");
}
