/*
** count_store.h: counts of measures computed by the database, for lists that show figures of
** many inspections at once (the API's inspection list) without loading every measure.
*/
#ifndef ZG_COUNT_STORE_H
#define ZG_COUNT_STORE_H

#include "db/db.h"
#include "db/model.h"

/*
** The measures in force of inspection_id per state into by_state[STATE__COUNT] (zeroed
** first), from measure_store_tally; with unit_id, only those the unit leads or shares, counted.
*/
int count_store_states(Db *db, int64_t inspection_id, int64_t unit_id, int by_state[STATE__COUNT],
                       Err *err);

#endif
