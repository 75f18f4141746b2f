/*
** tz.c: the office's time zone and Chinese times (tz.h).
*/
#include "tz.h"

#define H 3600

/*
** China's summer time (tzdata "PRC" rules): 1986-05-04 to 1986-09-14, then from the second
** Sunday of April to the second Sunday of September until 1991, switching at 02:00 local
** standard time (18:00 UTC the day before) and back at 02:00 summer time (17:00 UTC). The
** bounds are UTC seconds, as zdump -v Asia/Shanghai prints them.
*/
static const TzSummer prc[] = {
    {515527200, 527014800}, /* 1986-05-03 18:00 to 1986-09-13 17:00 UTC */
    {545162400, 558464400}, /* 1987-04-11 18:00 to 1987-09-12 17:00 UTC */
    {577216800, 589914000}, /* 1988-04-16 18:00 to 1988-09-10 17:00 UTC */
    {608666400, 621968400}, /* 1989-04-15 18:00 to 1989-09-16 17:00 UTC */
    {640116000, 653418000}, /* 1990-04-14 18:00 to 1990-09-15 17:00 UTC */
    {671565600, 684867600}, /* 1991-04-13 18:00 to 1991-09-14 17:00 UTC */
};

#define PRC prc, (int)ARRAY_SIZE(prc)

static const Tz zones[] = {
    {"Asia/Shanghai", 8 * H, PRC},
    {"Asia/Chongqing", 8 * H, PRC},
    {"Asia/Harbin", 8 * H, PRC},
    {"PRC", 8 * H, PRC},
    {"Asia/Urumqi", 6 * H, NULL, 0},
    {"Asia/Hong_Kong", 8 * H, NULL, 0},
    {"Asia/Macau", 8 * H, NULL, 0},
    {"Asia/Taipei", 8 * H, NULL, 0},
    {"Asia/Singapore", 8 * H, NULL, 0},
    {"Asia/Tokyo", 9 * H, NULL, 0},
    {"UTC", 0, NULL, 0},
    {"Etc/UTC", 0, NULL, 0},
};

const Tz *tz_find(const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < ARRAY_SIZE(zones); i++)
        if (strcmp(zones[i].name, name) == 0)
            return &zones[i];
    return NULL;
}

int tz_offset(const Tz *tz, int64_t t)
{
    for (int i = 0; i < tz->n_summers && tz->summers[i].start <= t; i++)
        if (t < tz->summers[i].end)
            return tz->base + H;
    return tz->base;
}

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

Day tz_day(const Tz *tz, int64_t t)
{
    return (Day)floor_div(t + tz_offset(tz, t), 86400);
}

int64_t tz_day_start(const Tz *tz, Day d)
{
    int64_t local = (int64_t)d * 86400;
    /* The offset at the instant itself; one correction covers a change near midnight. */
    int64_t t = local - tz->base;
    return local - tz_offset(tz, t);
}

char *tz_format_day(Day d, Day today, char out[TZ_TEXT_SIZE])
{
    if (d == DAY_NONE) {
        out[0] = 0;
        return out;
    }
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    int ty = 0, tm, td;
    if (today != DAY_NONE)
        date_to_ymd(today, &ty, &tm, &td);
    /* Lists show a day per row: digits by hand rather than through snprintf. */
    if (ty != y && (y < 1 || y > 9999)) {
        snprintf(out, TZ_TEXT_SIZE, "%d年%d月%d日", y, m, dd);
        return out;
    }
    char *p = out;
    if (ty != y) {
        char digits[4];
        int k = 0;
        for (int v = y; v; v /= 10)
            digits[k++] = (char)('0' + v % 10);
        while (k)
            *p++ = digits[--k];
        memcpy(p, "年", 3);
        p += 3;
    }
    if (m >= 10)
        *p++ = '1';
    *p++ = (char)('0' + m % 10);
    memcpy(p, "月", 3);
    p += 3;
    if (dd >= 10)
        *p++ = (char)('0' + dd / 10);
    *p++ = (char)('0' + dd % 10);
    memcpy(p, "日", 4); /* with its NUL */
    return out;
}

char *tz_format(const Tz *tz, int64_t t, int64_t now, char out[TZ_TEXT_SIZE])
{
    int64_t local = t + tz_offset(tz, t);
    Day d = (Day)floor_div(local, 86400);
    int secs = (int)(local - (int64_t)d * 86400);
    tz_format_day(d, now ? tz_day(tz, now) : DAY_NONE, out);
    size_t n = strlen(out);
    snprintf(out + n, TZ_TEXT_SIZE - n, " %02d:%02d", secs / 3600, secs / 60 % 60);
    return out;
}

const char *tz_format_iso(const Tz *tz, const char *iso, int64_t now, char out[TZ_TEXT_SIZE])
{
    if (!iso)
        return NULL;
    char z[TIME_ISO_SIZE];
    size_t n = strlen(iso);
    /* SQLite's datetime() form "YYYY-MM-DD HH:MM:SS" is UTC too. */
    if (n == 19 && iso[10] == ' ') {
        memcpy(z, iso, 19);
        z[10] = 'T';
        z[19] = 'Z';
        z[20] = 0;
        iso = z;
    }
    int64_t t = date_time_parse(iso);
    if (t < 0)
        return NULL;
    return tz_format(tz, t, now, out);
}
