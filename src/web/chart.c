/*
** chart.c: the SVG charts of the pages (chart.h). Only numbers and fixed Chinese words go into
** the markup here, and those through buf_printf of integers or HTML() literals.
*/
#include "web/chart.h"

#include "web/html.h"

/* Bars from the bottom up: closed, green, yellow, red (the most urgent on top). */
static const Light stack[] = {LIGHT_CLOSED, LIGHT_GREEN, LIGHT_YELLOW, LIGHT_RED};
static const char *const fills[LIGHT__COUNT] = {
    [LIGHT_GREEN] = "#3f9142", [LIGHT_YELLOW] = "#e0a100", [LIGHT_RED] = "#c8321e",
    [LIGHT_CLOSED] = "#9aa0a6"};

enum { PLOT_LEFT = 36, PLOT_TOP = 12, PLOT_H = 180, AXIS_H = 30, PLOT_W = 720, MIN_SLOT = 28 };

/* Months since year 0 of day d. */
static int month_index(Day d)
{
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    return y * 12 + (m - 1);
}

void chart_deadlines(Buf *h, const Measure *ms, const Light *lights, int n, Day from, Day to,
                     Day today)
{
    int first = month_index(from), last = month_index(to);
    if (last < first)
        last = first;
    if (last - first + 1 > CHART_MAX_MONTHS)
        first = last - CHART_MAX_MONTHS + 1;
    int months = last - first + 1;
    /* Bars widen to fill the plot when there are few months. */
    int slot = PLOT_W / months > MIN_SLOT ? PLOT_W / months : MIN_SLOT;
    int (*count)[LIGHT__COUNT] = xcalloc((size_t)months, sizeof *count);
    int top = 1;
    for (int i = 0; i < n; i++) {
        if (ms[i].deadline == DAY_NONE)
            continue;
        int k = month_index(ms[i].deadline) - first;
        if (k < 0 || k >= months)
            continue;
        count[k][lights[i]]++;
    }
    for (int k = 0; k < months; k++) {
        int sum = 0;
        for (int l = 0; l < LIGHT__COUNT; l++)
            sum += count[k][l];
        if (sum > top)
            top = sum;
    }
    int width = PLOT_LEFT + months * slot + 8, height = PLOT_TOP + PLOT_H + AXIS_H;
    buf_printf(h,
               "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
               " role=\"img\" aria-label=\"各月到期整改措施数\" font-size=\"11\">",
               width, height);
    /* Gridlines at 0, half and the top. */
    for (int g = 0; g <= 2; g++) {
        int v = top * g / 2;
        int y = PLOT_TOP + PLOT_H - PLOT_H * g / 2;
        buf_printf(h,
                   "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>"
                   "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#666\">%d</text>",
                   PLOT_LEFT, y, width - 4, y, PLOT_LEFT - 4, y + 4, v);
    }
    for (int k = 0; k < months; k++) {
        int x = PLOT_LEFT + k * slot + slot / 6, y = PLOT_TOP + PLOT_H;
        int year = (first + k) / 12, month = (first + k) % 12 + 1;
        int sum = 0;
        for (int l = 0; l < LIGHT__COUNT; l++)
            sum += count[k][l];
        buf_printf(h, "<g><title>%d年%d月到期 %d 项：红灯 %d，黄灯 %d，绿灯 %d，已销号 %d</title>",
                   year, month, sum, count[k][LIGHT_RED], count[k][LIGHT_YELLOW],
                   count[k][LIGHT_GREEN], count[k][LIGHT_CLOSED]);
        for (size_t s = 0; s < ARRAY_SIZE(stack); s++) {
            int c = count[k][stack[s]];
            if (!c)
                continue;
            int bh = PLOT_H * c / top;
            if (bh < 1)
                bh = 1;
            y -= bh;
            buf_printf(h, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>", x, y,
                       slot * 2 / 3, bh, fills[stack[s]]);
        }
        buf_printf(h, "</g><text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#444\">%d月</text>",
                   x + (slot * 2 / 3) / 2, PLOT_TOP + PLOT_H + 14, month);
        if (month == 1 || k == 0)
            buf_printf(h, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#888\">%d</text>",
                       x + (slot * 2 / 3) / 2, PLOT_TOP + PLOT_H + 27, year);
    }
    int tm = month_index(today) - first;
    if (tm >= 0 && tm < months) {
        int y, m, d;
        date_to_ymd(today, &y, &m, &d);
        int x = PLOT_LEFT + tm * slot + slot * (d - 1) / date_days_in_month(y, m);
        buf_printf(h,
                   "<line class=\"today\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#1f4e9c\""
                   " stroke-width=\"2\" stroke-dasharray=\"4 3\"/>"
                   "<text x=\"%d\" y=\"%d\" fill=\"#1f4e9c\">今天</text>",
                   x, PLOT_TOP - 2, x, PLOT_TOP + PLOT_H, x + 3, PLOT_TOP + 8);
    }
    HTML(h, "</svg>");
    free(count);
}
