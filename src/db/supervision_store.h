/*
** supervision_store.h: supervision (催办, 督办, 约谈, 挂牌督办) of a measure, a problem or a
** unit, with the target's response; and leaders' instructions (批示) with their acknowledgement.
*/
#ifndef ZG_SUPERVISION_STORE_H
#define ZG_SUPERVISION_STORE_H

#include "base/arena.h"
#include "db/db.h"
#include "db/vocab.h"

typedef struct Supervision {
    int64_t id;              /* row id */
    int64_t inspection_id;   /* the inspection */
    int64_t measure_id;      /* target measure, or 0 */
    int64_t finding_id;      /* target problem, or 0 */
    int64_t unit_id;         /* the unit that responds (the target unit), or 0 */
    SupervisionKind kind;    /* remind, written, talk, listed, onsite */
    SupervisionState state;  /* open, responded, lifted */
    Day issued_on;           /* day issued */
    int64_t issued_by;       /* users.id */
    const char *issuer;      /* display name, when read back */
    const char *body;        /* what is asked */
    Day respond_by;          /* 督办: response deadline, or DAY_NONE */
    Day talk_on;             /* 约谈: the day, or DAY_NONE */
    const char *talk_record; /* 约谈: the record, or NULL */
    const char *response;    /* the target's response, or NULL */
    Day responded_on;        /* or DAY_NONE */
    Day lifted_on;           /* or DAY_NONE */
    const char *target;      /* measure or problem title, or unit name, when read back */
} Supervision;

typedef struct Instruction {
    int64_t id;           /* row id */
    int64_t measure_id;   /* the measure, or 0 */
    int64_t finding_id;   /* the problem, or 0 */
    int64_t person_id;    /* the leader who gave it */
    const char *leader;   /* the leader's name and post, when read back */
    Day given_on;         /* day */
    const char *body;     /* the instruction */
    Day acknowledged_on;  /* DAY_NONE while open */
} Instruction;

/* Insert s (id, state ignored: open); set s->id. */
int supervision_store_insert(Db *db, Supervision *s, Err *err);
/* Load one supervision; ERR_NOTFOUND when absent. */
int supervision_store_get(Db *db, Arena *arena, int64_t id, Supervision *out, Err *err);
/* The supervisions of a measure, newest first, at most limit. */
int supervision_store_of_measure(Db *db, Arena *arena, int64_t measure_id, int limit,
                                 Supervision **out, int *n, Err *err);
/* Open listed (挂牌) supervisions of an organisation's inspections (0: all), newest first. */
int supervision_store_listed(Db *db, Arena *arena, int64_t org_unit_id, int limit,
                             Supervision **out, int *n, Err *err);
/* Open supervisions a unit must respond to, newest first, at most limit. */
int supervision_store_open_for_unit(Db *db, Arena *arena, int64_t unit_id, int limit,
                                    Supervision **out, int *n, Err *err);
/*
** The supervisions of inspection_id that unit_id answers and that are not on a measure: those
** issued on the unit itself and on its problems (finding_id set), newest first, at most limit,
** whatever their state.
*/
int supervision_store_of_unit(Db *db, Arena *arena, int64_t unit_id, int64_t inspection_id,
                              int limit, Supervision **out, int *n, Err *err);
/* Record the response (state open → responded); ERR_CONFLICT when no longer open. */
int supervision_store_respond(Db *db, int64_t id, int64_t user_id, const char *response, Day on,
                              Err *err);
/* Record the talk's record (kind talk). */
int supervision_store_record_talk(Db *db, int64_t id, const char *record, Err *err);
/* Lift (open or responded → lifted); ERR_CONFLICT when already lifted. */
int supervision_store_lift(Db *db, int64_t id, int64_t user_id, const char *reason, Day on,
                           Err *err);

/*
** What a supervision of problem finding_id needs: its inspection, the lead unit of its first
** measure (0 when none) and whether person_id (0: nobody) leads one of its measures.
** ERR_NOTFOUND when there is no such finding.
*/
int supervision_store_problem(Db *db, int64_t finding_id, int64_t person_id,
                              int64_t *inspection_id, int64_t *lead_unit, bool *leads, Err *err);

/* Insert i (id ignored); set i->id. given_by is the leader's user. */
int instruction_store_insert(Db *db, Instruction *i, int64_t given_by, Err *err);
/* Load one instruction; ERR_NOTFOUND when absent. */
int instruction_store_get(Db *db, Arena *arena, int64_t id, Instruction *out, Err *err);
/* The instructions on a measure, newest first, at most limit. */
int instruction_store_of_measure(Db *db, Arena *arena, int64_t measure_id, int limit,
                                 Instruction **out, int *n, Err *err);
/* Acknowledge; ERR_CONFLICT when already acknowledged. */
int instruction_store_ack(Db *db, int64_t id, int64_t user_id, Day on, Err *err);

#endif
