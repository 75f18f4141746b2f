/*
** delivery_store.h: the settings of the daily reminder (setting table), the log of webhook
** delivery attempts the office reads, and the once-a-day claim of the reminder run, so that
** one server of several sends the day's reminders.
*/
#ifndef ZG_DELIVERY_STORE_H
#define ZG_DELIVERY_STORE_H

#include "base/arena.h"
#include "db/db.h"

typedef struct Delivery {
    int64_t id;            /* row id */
    Day day;               /* the reminder day */
    const char *recipient; /* "unit:3", "person:7", "office" */
    int attempt;           /* 1, 2, … */
    const char *at;        /* UTC timestamp */
    int status;            /* HTTP status, 0 when there was no reply */
    bool ok;               /* delivered */
    const char *error;     /* why not */
} Delivery;

/* The value of setting key into arena (*value NULL when unset). */
int setting_store_get(Db *db, Arena *arena, const char *key, const char **value, Err *err);
/* Set (or, with NULL, remove) setting key. */
int setting_store_set(Db *db, const char *key, const char *value, Err *err);

/* Log one attempt. */
int delivery_store_log(Db *db, const Delivery *d, Err *err);
/* True in *done when recipient already got the reminder of day. */
int delivery_store_done(Db *db, Day day, const char *recipient, bool *done, Err *err);
/* Attempts newest first with id below before (0: from the newest), at most limit. */
int delivery_store_list(Db *db, Arena *arena, int64_t before, int limit, Delivery **out, int *n,
                        Err *err);
/*
** Claim the reminder run of day for who: *claimed is true for the one caller whose row was
** inserted (every other server, and a second run the same day, gets false).
*/
int delivery_store_claim(Db *db, Day day, const char *who, bool *claimed, Err *err);
/* Mark the run of day finished. */
int delivery_store_finish(Db *db, Day day, Err *err);

#endif
