/*
** stats_json.h: the statistics of an inspection as JSON, one shape for `status --json`,
** `report --kind stats` and the API.
*/
#ifndef ZG_STATS_JSON_H
#define ZG_STATS_JSON_H

#include "base/json.h"
#include "ledger/ledger.h"
#include "ledger/stats.h"

/* Names of units and persons by id, for the per-unit and per-leader lists. */
typedef struct NameLookup {
    const char *(*unit)(void *ctx, int64_t id);   /* unit name or NULL */
    const char *(*person)(void *ctx, int64_t id); /* person name or NULL */
    void *ctx;
} NameLookup;

/*
** Write {"inspection":{…},"as_of":…,"measures":N,"by_state":{…},"by_light":{…},
** "problems":{…},"reporting":{…},"units":[…],"leaders":[…],"overdue":[…]} for inspection in and
** its statistics st. names may be NULL (names are then omitted).
*/
void report_stats_json(JsonW *j, const Inspection *in, const Stats *st, const NameLookup *names);
/* The lists a statistics reply can carry, one at a time and paged. */
typedef enum StatsList {
    STATS_LIST_NONE,    /* the counts alone */
    STATS_LIST_UNITS,   /* per lead unit, by id */
    STATS_LIST_LEADERS, /* per leader, by id */
    STATS_LIST_OVERDUE, /* overdue measures, earliest deadline first */
} StatsList;

/*
** The statistics as the API gives them: the "inspection", "as_of" and counting members of
** report_stats_json, and with list other than NONE one page of that list as "items" (in the
** shape of report_stats_json's "units", "leaders" or "overdue" entries): st's array of that
** list holds the page's items alone. Then "total" (items in the whole list) and "next" (the id
** of the page's last item when more follow, else null), the cursor of the next page. So the
** reply costs what the caller asked for.
*/
void report_stats_page_json(JsonW *j, const Inspection *in, const Stats *st,
                            const NameLookup *names, StatsList list, int total, bool more);
/*
** The fields of a measure (id, titles, kind, deadline, state, percent, return count, light and
** its reasons, lead unit, co-units and leaders with names from names) as members of an open
** object: one shape for the API's list, tree and single measure and the CLI's --json.
*/
void report_measure_json(JsonW *j, const NameLookup *names, const Measure *m, Light light,
                         unsigned why);
/* The counting part only (by_state, by_light, problems, reporting), as members of an open object. */
void report_stats_counts_json(JsonW *j, const Stats *st);

#endif
