/*
** light_sql.h: the SQL text of "no progress report this cycle after its due day" (WHY_NO_REPORT
** of ledger_light) over the measure columns of migrate_pagecost.sql, shared by the light
** expression of measure_store.c and the duties of duty_store.c. Included by src/db/ only.
**
** Binds: ?20 the day; the cycle's start and the day's place in it come as arguments (the
** callers bind ?21..?23 and ?24..?26 per cycle, from ledger_light_day). A cycle's due day has
** passed when the measure's effective due day is before the day's place; report_from holds the
** feedback date shifted so that "due day on or after feedback" is report_from <= cycle start. A
** report "since the cycle began" is last_report_on in [start, day]; when the latest report is
** after the day (a light for a past date), the progress index answers instead.
*/
#ifndef ZG_LIGHT_SQL_H
#define ZG_LIGHT_SQL_H

#define NOT_REPORTED(start)                                                                        \
    "(m.last_report_on IS NULL OR m.last_report_on < " start " OR (m.last_report_on > ?20"         \
    " AND NOT EXISTS (SELECT 1 FROM progress p WHERE p.measure_id = m.id"                          \
    " AND p.reported_on BETWEEN " start " AND ?20 AND p.state IN ('submitted','accepted'))))"
#define NO_REPORT(cycle, start, offset)                                                            \
    "(m.cycle = '" cycle "' AND m.due_day < " offset " AND m.report_from <= " start                \
    " AND " NOT_REPORTED(start) ")"
/* Owing a report of the day's cycle in any of the three cycles (the measure's cycle decides). */
#define NO_REPORT_ANY                                                                              \
    "(" NO_REPORT("weekly", "?21", "?24") " OR " NO_REPORT(                                        \
        "semimonthly", "?22", "?25") " OR " NO_REPORT("monthly", "?23", "?26") ")"

#endif
