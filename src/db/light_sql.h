/*
** light_sql.h: the SQL text of "no progress report this cycle after its due day" (WHY_NO_REPORT
** of ledger_light) over the measure columns of migrate_pagecost.sql, and of the light itself
** (LIGHT_EXPR), shared by measure_store.c, the duties of duty_store.c and the dashboard's
** dash_store.c. Included by src/db/ only.
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

/*
** The light of m on the bound day as one SQL expression over its columns (migrate_pagecost.sql),
** derived from ledger_light (ledger/light.c), case by case:
**   closed                                        closed (3)
**   returned twice or relapsed, or past deadline,
**   or an open supervision past its respond-by    red (2)
**   within the warning days before the deadline,
**   or owing a report of this cycle after its due day with none since the cycle began
**                                                 yellow (1)
**   otherwise                                     green (0)
** Binds: ?20 the day; ?21..?23 the cycle start per cycle (weekly, semi-monthly, monthly) and
** ?24..?26 the day's place in that cycle. A cycle's due day has passed when the measure's
** effective due day is before the day's place; report_from holds the feedback date shifted so
** that "due day on or after feedback" is report_from <= cycle start. A report "since the cycle
** began" is last_report_on in [start, day]; when the latest report is after the day (a light
** for a past date), the progress index answers instead.
*/
#define SUPERVISION_OVERDUE                                                                        \
    "EXISTS (SELECT 1 FROM supervision s WHERE s.measure_id = m.id AND s.state = 'open'"           \
    " AND s.respond_by < ?20)"
#define LIGHT_EXPR_OF(closed, red_always, open_deadline, warn_from, owes)                          \
    "(CASE WHEN " closed " = 1 THEN 3 WHEN " red_always " = 1 OR " open_deadline " < ?20"          \
    " OR " SUPERVISION_OVERDUE " THEN 2"                                                           \
    " WHEN " warn_from " <= ?20 OR (" owes " = 1 AND " NO_REPORT_ANY ") THEN 1 ELSE 0 END)"
#define LIGHT_EXPR                                                                                 \
    LIGHT_EXPR_OF("m.is_closed", "m.red_always", "m.open_deadline", "m.warn_from", "m.owes_reports")
#define LIGHT_RESIDUAL " AND (?16 < 0 OR " LIGHT_EXPR " = ?16)"
/*
** The same over the columns the virtual ones are computed from, each spelled as
** migrate_pagecost.sql defines it: what SQLite's covering index measure_light_cover holds
** (migrate_counts.sql), so that a count reads no row. SQLite only (date() is its function).
*/
#define OPEN_DEADLINE_OF_ROW                                                                       \
    "(CASE WHEN m.state IN ('closed','phase_complete') THEN NULL ELSE m.deadline END)"
#define LIGHT_EXPR_COVERED                                                                         \
    LIGHT_EXPR_OF(                                                                                 \
        "(m.state = 'closed')",                                                                    \
        "(m.state <> 'closed' AND (m.return_count >= 2 OR m.state = 'relapsed'))",                 \
        OPEN_DEADLINE_OF_ROW, "date(" OPEN_DEADLINE_OF_ROW ", '-' || m.warn_days || ' days')",     \
        "(m.state IN ('not_started','in_progress','returned','relapsed','phase_complete'))")

/*
** The status a measure lends its problem, as ledger/status.c's measure_status: a closed measure
** completes it (only basically when long-term), a long-term one whose phase is complete basically
** completes it, any other leaves it uncompleted (ProblemStatus: 0, 1, 2; the weakest wins).
*/
#define LONG_TERM "(m.long_term = 1 OR m.kind = 'long_term')"
#define MEASURE_STATUS                                                                             \
    "(CASE WHEN m.state = 'closed' THEN (CASE WHEN " LONG_TERM " THEN 1 ELSE 0 END)"               \
    " WHEN m.state = 'phase_complete' AND " LONG_TERM " THEN 1 ELSE 2 END)"

#endif
