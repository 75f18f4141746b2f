/*
** tz.h: the office's time zone. The database keeps UTC; every time a person reads is shown in
** the zone of the office (default Asia/Shanghai) in Chinese form: "2026年11月20日 16:50", or
** "11月20日 16:50" within the reader's current year. Zones come from a small built-in table
** of the zones of China and its neighbours, each with its periods of summer time as UTC
** intervals (China's of 1986–1991), so no system time-zone file is needed on an
** offline intranet and nothing depends on the process's TZ (localtime is banned).
*/
#ifndef ZG_TZ_H
#define ZG_TZ_H

#include "base/date.h"

/* One period of a zone's summer time: from `start` to `end` the clocks are an hour ahead. */
typedef struct TzSummer {
    int64_t start; /* UTC seconds where summer time begins */
    int64_t end;   /* UTC seconds where it ends (excluded) */
} TzSummer;

/* A zone: its name and its offsets. Static data, shared read-only. */
typedef struct Tz {
    const char *name;      /* IANA name, "Asia/Shanghai" */
    int base;              /* standard offset, seconds east of UTC */
    const TzSummer *summers; /* ascending; outside them the offset is base */
    int n_summers;
} Tz;

/* Room for "2026年11月20日 16:50" and its NUL. */
#define TZ_TEXT_SIZE 40
/* The default office zone. */
#define TZ_DEFAULT "Asia/Shanghai"

/* The zone named name (IANA spelling, "UTC" too); NULL when the table lacks it. */
const Tz *tz_find(const char *name);
/* The offset from UTC, in seconds, of zone tz at UTC second t. */
int tz_offset(const Tz *tz, int64_t t);
/* The local day of UTC second t in zone tz. */
Day tz_day(const Tz *tz, int64_t t);
/*
** UTC second t as local time of zone tz in Chinese form into out (TZ_TEXT_SIZE bytes):
** "2026年11月20日 16:50", or "11月20日 16:50" when its local year is the local year of UTC
** second now (now 0: always with the year). Returns out.
*/
char *tz_format(const Tz *tz, int64_t t, int64_t now, char out[TZ_TEXT_SIZE]);
/*
** The stored UTC timestamp iso ("2026-11-20T08:50:00Z", or "2026-11-20 08:50:00") formatted
** as tz_format does. Returns out, or NULL when iso is NULL or not such a timestamp.
*/
const char *tz_format_iso(const Tz *tz, const char *iso, int64_t now, char out[TZ_TEXT_SIZE]);
/* A local day as "2026年11月20日" (or "11月20日" in the year of local day `today`; DAY_NONE: with
** the year). DAY_NONE itself gives "". Returns out. */
char *tz_format_day(Day d, Day today, char out[TZ_TEXT_SIZE]);
/* The UTC second at which local day d begins in zone tz. */
int64_t tz_day_start(const Tz *tz, Day d);

#endif
