/*
** record_store.h: the inspection's other registers that reports count: meetings, mechanisms
** (建章立制), recoveries of money and the clue register with its outcomes.
*/
#ifndef ZG_RECORD_STORE_H
#define ZG_RECORD_STORE_H

#include "db/db.h"
#include "db/vocab.h"

/* One meeting of kind on held_on; title may be NULL. */
int meeting_store_insert(Db *db, int64_t inspection_id, MeetingKind kind, Day held_on,
                         const char *title, Err *err);
/* title such as 《…管理办法》; is_new false for a revised rule; measure_id may be 0. */
int mechanism_store_insert(Db *db, int64_t inspection_id, const char *title, const char *number,
                           const char *issuer, Day issued_on, bool is_new, int64_t measure_id,
                           Err *err);
/* One recovery of money; amount in fen. */
int recovery_store_insert(Db *db, int64_t inspection_id, RecoveryKind kind, int64_t amount_fen,
                          Day recorded_on, Err *err);

typedef struct Clue {
    int64_t id;             /* row id, set by insert */
    int64_t inspection_id;  /* owning inspection */
    ClueKind kind;          /* clue or petition */
    const char *ref_no;     /* reference number */
    Day received_on;        /* or DAY_NONE */
    const char *subject_name; /* only the discipline role may see it */
    const char *subject_post;
    ClueRank subject_rank;  /* 厅局级 … */
    int64_t unit_id;        /* assigned unit or 0 */
    int disposal;           /* a ClueDisposal, or -1 while undecided */
    ClueState state;        /* open, concluded */
    Day concluded_on;       /* or DAY_NONE */
} Clue;

int clue_store_insert(Db *db, Clue *c, Err *err);
/* One outcome of a clue: type 立案 / 党纪处分 …, subtype 严重警告 … or "", persons count. */
int clue_store_add_outcome(Db *db, int64_t clue_id, const char *type, const char *subtype,
                           int persons, Err *err);

#endif
