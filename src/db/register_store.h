/*
** register_store.h: the office's registers beside the ledger (SPEC §3): 建章立制 mechanisms
** (linked to problems and measures), meetings and recoveries of money (linked to a problem).
** Lists are keyset-paged by id; every row carries its entry time, so that a report as of a
** past day counts only what had been entered by then (report_store.h).
*/
#ifndef ZG_REGISTER_STORE_H
#define ZG_REGISTER_STORE_H

#include "base/arena.h"
#include "db/db.h"
#include "db/register_model.h"

typedef struct Mechanism {
    int64_t id;            /* row id */
    int64_t inspection_id; /* owning inspection */
    const char *title;     /* 《…管理办法》 */
    const char *number;    /* 湖委办〔2025〕12号, may be "" */
    const char *issuer;    /* issuing body, may be "" */
    Day issued_on;         /* DAY_NONE when unknown */
    bool is_new;           /* new (新建) or revised (修订) */
} Mechanism;

/* A link of a mechanism to a problem (finding_id) or a measure (measure_id); one is 0. */
typedef struct MechanismLink {
    int64_t mechanism_id; /* the mechanism */
    int64_t finding_id;   /* a problem, or 0 */
    int64_t measure_id;   /* a measure, or 0 */
    const char *title;    /* the problem's or measure's title */
} MechanismLink;

typedef struct Meeting {
    int64_t id;            /* row id */
    int64_t inspection_id; /* owning inspection */
    const char *kind;      /* stored meeting kind (register_model.h) */
    Day held_on;           /* the day it was held */
    const char *topic;     /* what it studied, may be "" */
} Meeting;

typedef struct Recovery {
    int64_t id;            /* row id */
    int64_t inspection_id; /* owning inspection */
    const char *kind;      /* refund or loss_recovered */
    int64_t amount_fen;    /* amount in fen */
    Day recorded_on;       /* the day it was recovered */
    int64_t finding_id;    /* the problem it belongs to, or 0 */
    const char *note;      /* free text, may be "" */
} Recovery;

/* Add m, entered now; m->id receives the row id. */
int mechanism_store_create(Db *db, Mechanism *m, Err *err);
/* Link mechanism_id to a problem or a measure (exactly one of finding_id, measure_id). */
int mechanism_store_link(Db *db, int64_t mechanism_id, int64_t finding_id, int64_t measure_id,
                         Err *err);
/* Up to limit mechanisms of inspection_id with id > after, by id (arena array). */
int mechanism_store_list(Db *db, Arena *arena, int64_t inspection_id, int64_t after, int limit,
                         Mechanism **out, int *n, Err *err);
/* The links of mechanisms with ids in [first, last] (one page), by mechanism (arena array). */
int mechanism_store_links(Db *db, Arena *arena, int64_t first, int64_t last, MechanismLink **out,
                          int *n, Err *err);
/* The mechanisms linked to finding_id (when > 0) or measure_id, by id (arena array). */
int mechanism_store_linked(Db *db, Arena *arena, int64_t finding_id, int64_t measure_id,
                           Mechanism **out, int *n, Err *err);

/* Add m, entered now; m->id receives the row id. */
int meeting_store_create(Db *db, Meeting *m, Err *err);
/* Up to limit meetings of inspection_id with id > after, by id (arena array). */
int meeting_store_list(Db *db, Arena *arena, int64_t inspection_id, int64_t after, int limit,
                       Meeting **out, int *n, Err *err);

/* Add r, entered now; r->id receives the row id. */
int recovery_store_create(Db *db, Recovery *r, Err *err);
/* Up to limit recoveries of inspection_id with id > after, by id (arena array). */
int recovery_store_list(Db *db, Arena *arena, int64_t inspection_id, int64_t after, int limit,
                        Recovery **out, int *n, Err *err);
/* The recoveries linked to problem finding_id, by id (arena array). */
int recovery_store_linked(Db *db, Arena *arena, int64_t finding_id, Recovery **out, int *n,
                          Err *err);

/* The inspection of finding_id (when > 0) or of measure_id into *out; 0 when there is none. */
int register_store_owner(Db *db, int64_t finding_id, int64_t measure_id, int64_t *out, Err *err);

#endif
