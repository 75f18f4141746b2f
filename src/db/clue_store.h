/*
** clue_store.h: the clue register (线索台账, SPEC §3): clues and petitions transferred by the
** inspection group, their subjects, disposal, state and outcomes. Subjects' names are read and
** written only through clue_store_subject_seal / clue_store_subject_open, the one place the
** encryption at rest of `init --crypto sm` wraps them. Only the discipline role may see what these
** functions return about a subject; the web layer decides that (access_clue_names).
*/
#ifndef ZG_CLUE_STORE_H
#define ZG_CLUE_STORE_H

#include "base/arena.h"
#include "db/db.h"
#include "db/record_store.h"
#include "db/register_model.h"

/* One outcome of a clue. */
typedef struct ClueOutcome {
    int64_t id;          /* row id */
    int64_t clue_id;     /* the clue */
    const char *type;    /* the outcome type's label as stored: 党纪处分 … */
    const char *subtype; /* 严重警告 … or "" */
    int64_t persons;     /* persons concerned */
    Day decided_on;      /* the day of the decision, DAY_NONE when unknown */
} ClueOutcome;

/*
** The stored form of a subject's name, in arena: the name itself, or for a database made with
** `init --crypto sm` its SM4 seal as text (base/crypto.h "sm4:…"; "" stays ""). NULL with err
** when the key file cannot be read.
*/
const char *clue_store_subject_seal(Db *db, Arena *arena, const char *name, Err *err);
/*
** The name from its stored form, in arena; "" for NULL. A seal that does not open (changed, or
** another database's) or a plain name in a sealed database reads as CLUE_SUBJECT_UNREADABLE.
*/
const char *clue_store_subject_open(Db *db, Arena *arena, const char *stored);
#define CLUE_SUBJECT_UNREADABLE "（无法解密）"

/* Add clue c (fields as record_store.h's Clue), entered now; c->id receives the row id. */
int clue_store_create(Db *db, Arena *arena, Clue *c, Err *err);
/* Overwrite clue c->id's fields (not its inspection). ERR_NOTFOUND when absent. */
int clue_store_update(Db *db, Arena *arena, const Clue *c, Err *err);
/* Clue id into *out (strings in arena). ERR_NOTFOUND when absent. */
int clue_store_get(Db *db, Arena *arena, int64_t id, Clue *out, Err *err);
/*
** Up to limit clues of inspection_id with id > after, by id (keyset pagination), into an
** arena array *out of *n.
*/
int clue_store_list(Db *db, Arena *arena, int64_t inspection_id, int64_t after, int limit,
                    Clue **out, int *n, Err *err);
/* The outcomes of clue_id, by id, into an arena array. */
int clue_store_outcomes(Db *db, Arena *arena, int64_t clue_id, ClueOutcome **out, int *n, Err *err);
/* Add an outcome (type: its stored label) entered now; *id the new row. */
int clue_store_outcome_add(Db *db, const ClueOutcome *o, int64_t *id, Err *err);
/* Every subject name of inspection_id's clues (for the report's redaction check), arena array. */
int clue_store_subject_names(Db *db, Arena *arena, int64_t inspection_id, const char ***out, int *n,
                             Err *err);

#endif
