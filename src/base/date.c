/*
** date.c: day-number arithmetic (date.h). The civil-from-days algorithms are Howard Hinnant's
** (public domain), valid for the whole proleptic Gregorian calendar.
*/
#include "date.h"

#include <time.h>

bool date_is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        BUG("month %d out of range", m);
    return m == 2 && date_is_leap(y) ? 29 : days[m - 1];
}

bool date_valid(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= date_days_in_month(y, m);
}

Day date_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void date_to_ymd(Day day, int *y, int *m, int *d)
{
    int z = day + 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int date_parse(const char *s, size_t n, Day *out)
{
    if (n != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    if (y < 0 || m < 0 || d < 0 || !date_valid(y, m, d))
        return -1;
    *out = date_from_ymd(y, m, d);
    return 0;
}

char *date_format(Day day, char out[DATE_ISO_SIZE])
{
    if (day == DAY_NONE) {
        out[0] = 0;
        return out;
    }
    int y, m, d;
    date_to_ymd(day, &y, &m, &d);
    /* Digits by hand: the ranges are known, and snprintf's truncation warning is not. */
    unsigned uy = (unsigned)y % 10000, um = (unsigned)m, ud = (unsigned)d;
    out[0] = (char)('0' + uy / 1000);
    out[1] = (char)('0' + uy / 100 % 10);
    out[2] = (char)('0' + uy / 10 % 10);
    out[3] = (char)('0' + uy % 10);
    out[4] = '-';
    out[5] = (char)('0' + um / 10);
    out[6] = (char)('0' + um % 10);
    out[7] = '-';
    out[8] = (char)('0' + ud / 10);
    out[9] = (char)('0' + ud % 10);
    out[10] = 0;
    return out;
}

int date_weekday(Day day)
{
    /* 1970-01-01 was a Thursday (4). */
    int w = (int)((day % 7 + 7 + 3) % 7);
    return w + 1;
}

Day date_today(void)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

char *date_now_iso(char out[TIME_ISO_SIZE])
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, TIME_ISO_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return out;
}

char *date_time_iso(int64_t t, char out[TIME_ISO_SIZE])
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(out, TIME_ISO_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return out;
}

int64_t date_time_parse(const char *s)
{
    Day day;
    if (!s || strlen(s) != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z' ||
        date_parse(s, 10, &day) < 0)
        return -1;
    int h = digits(s + 11, 2), m = digits(s + 14, 2), sec = digits(s + 17, 2);
    if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 60)
        return -1;
    return (int64_t)day * 86400 + h * 3600 + m * 60 + sec;
}
