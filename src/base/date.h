/*
** date.h: calendar dates as day numbers (days since 1970-01-01, proleptic Gregorian), which
** makes "days until the deadline" a subtraction. Dates travel as ISO 8601 text ("2025-06-30")
** in the database, JSON and the CLI; this module converts between the two.
*/
#ifndef ZG_DATE_H
#define ZG_DATE_H

#include "base.h"

typedef int32_t Day; /* days since 1970-01-01; DAY_NONE when absent */
#define DAY_NONE INT32_MIN

/* Length of an ISO date string with its NUL. */
#define DATE_ISO_SIZE 11
/* Length of an ISO timestamp "2025-06-30T08:00:00Z" with its NUL. */
#define TIME_ISO_SIZE 21

bool date_is_leap(int year);
/* Days in month m (1..12) of year y. */
int date_days_in_month(int y, int m);
/* The day number of y-m-d; the fields must be valid (date_valid). */
Day date_from_ymd(int y, int m, int d);
/* True when y-m-d names a real day between years 1 and 9999. */
bool date_valid(int y, int m, int d);
/* Split a day number into year, month, day. */
void date_to_ymd(Day day, int *y, int *m, int *d);
/* Parse exactly "YYYY-MM-DD" from s[0..n); 0 on success, -1 when malformed or not a real day. */
int date_parse(const char *s, size_t n, Day *out);
/* Write "YYYY-MM-DD" into out (DATE_ISO_SIZE bytes); DAY_NONE gives "". Returns out. */
char *date_format(Day day, char out[DATE_ISO_SIZE]);
/* 1 = Monday … 7 = Sunday. */
int date_weekday(Day day);
/* Today in the local time zone. */
Day date_today(void);
/* Now as "YYYY-MM-DDTHH:MM:SSZ" (UTC) into out (TIME_ISO_SIZE bytes). Returns out. */
char *date_now_iso(char out[TIME_ISO_SIZE]);
/* Seconds since the epoch as "YYYY-MM-DDTHH:MM:SSZ" (UTC) into out. Returns out. */
char *date_time_iso(int64_t t, char out[TIME_ISO_SIZE]);
/* Parse "YYYY-MM-DDTHH:MM:SSZ" (as date_time_iso writes) into seconds; -1 when malformed. */
int64_t date_time_parse(const char *s);

#endif
