/*
** revisit_store.h: revisits (回头看) of closed measures and spot checks (抽查): the sample drawn
** from a recorded seed and the finding of each drawn measure's on-site check.
*/
#ifndef ZG_REVISIT_STORE_H
#define ZG_REVISIT_STORE_H

#include "base/arena.h"
#include "db/db.h"
#include "db/vocab.h"

typedef struct Revisit {
    int64_t id;          /* row id */
    int64_t measure_id;  /* the measure */
    Day due_on;          /* when it was due */
    Day done_on;         /* when it was held */
    RevisitResult result;/* held or relapsed */
    const char *comment; /* what was found */
    const char *recorder;/* display name, when read back */
} Revisit;

typedef struct SpotCheck {
    int64_t id;            /* row id */
    int64_t inspection_id; /* the inspection */
    Day drawn_on;          /* day drawn */
    int64_t seed;          /* the seed the sample was drawn from */
    int percent;           /* a percentage, or 0 */
    int count;             /* a count, or 0 */
    bool per_unit;         /* of each lead unit's closed measures */
    int population;        /* closed measures drawn from */
    int n_items;           /* measures drawn, when read back */
    int n_checked;         /* of those, checked, when read back */
    int n_failed;          /* of those, failed, when read back */
} SpotCheck;

typedef struct SpotItem {
    int64_t check_id;    /* the spot check */
    int64_t measure_id;  /* the drawn measure */
    const char *title;   /* its title, when read back */
    int result;          /* -1 unchecked, else SpotCheckResult */
    Day checked_on;      /* or DAY_NONE */
    const char *comment; /* the finding */
} SpotItem;

/* Insert a revisit record (done). */
int revisit_store_insert(Db *db, const Revisit *v, int64_t user_id, Err *err);
/* The revisits of a measure, newest first, at most limit. */
int revisit_store_of_measure(Db *db, Arena *arena, int64_t measure_id, int limit, Revisit **out,
                             int *n, Err *err);
/* Set or clear (DAY_NONE) a measure's revisit due date. */
int revisit_store_set_due(Db *db, int64_t measure_id, Day due, Err *err);
/* The inspection's months between close-out and revisit (default 6). */
int revisit_store_months(Db *db, int64_t inspection_id, int *months, Err *err);

/*
** The ids of the closed (or phase-complete) measures of an inspection with their lead units,
** ordered by id: the population a sample is drawn from.
*/
int spot_store_population(Db *db, Arena *arena, int64_t inspection_id, int64_t **ids,
                          int64_t **units, int *n, Err *err);
/* Insert a spot check and its drawn measures; set c->id. */
int spot_store_insert(Db *db, SpotCheck *c, int64_t user_id, const int64_t *ids, int n, Err *err);
/* The spot checks of an inspection, newest first, at most limit, with their counts. */
int spot_store_list(Db *db, Arena *arena, int64_t inspection_id, int limit, SpotCheck **out,
                    int *n, Err *err);
/* Load one spot check; ERR_NOTFOUND when absent. */
int spot_store_get(Db *db, Arena *arena, int64_t id, SpotCheck *out, Err *err);
/* The drawn measures of a spot check, by measure id. */
int spot_store_items(Db *db, Arena *arena, int64_t check_id, SpotItem **out, int *n, Err *err);
/* Record an item's finding; ERR_CONFLICT when already checked, ERR_NOTFOUND when not drawn. */
int spot_store_record(Db *db, int64_t check_id, int64_t measure_id, SpotCheckResult result,
                      const char *comment, int64_t user_id, Day on, Err *err);

#endif
