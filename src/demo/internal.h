/*
** internal.h: state shared by the demo generator's files (demo.c: organisation; ledger.c: one
** inspection's ledger and history). Not for use outside src/demo/.
*/
#ifndef ZG_DEMO_INTERNAL_H
#define ZG_DEMO_INTERNAL_H

#include "base/arena.h"
#include "db/bulk_store.h"
#include "demo/demo.h"
#include "demo/words.h"

#define DEMO_MAX_UNITS 64
#define DEMO_MAX_LEADERS 16
/* The unit of the county demo's `unit` account (区财政局, of demo_units): it leads a fifth of
   the measures, so that the account shows work in every state. */
#define DEMO_FEATURED_UNIT 9
#define DEMO_SAMPLES 4 /* distinct sample evidence files, stored once each */

/* One district: the organisation an inspection's ledger is assigned within. */
typedef struct District {
    const char *name;                  /* 清源 */
    int64_t root_unit;                 /* 清源区委 */
    int64_t units[DEMO_MAX_UNITS];     /* its units, root excluded */
    const char *unit_names[DEMO_MAX_UNITS]; /* their full names: 清源区财政局 */
    int n_units;
    int64_t unit_users[DEMO_MAX_UNITS]; /* per unit, the user who reports for it (联络员) */
    int64_t unit_heads[DEMO_MAX_UNITS]; /* per unit, the user who reviews for it (负责人) */
    int64_t leaders[DEMO_MAX_LEADERS]; /* persons */
    int64_t leader_users[DEMO_MAX_LEADERS]; /* per leader, the leader's user */
    int n_leaders;
    int64_t office_user;               /* the 巡改办 user who verifies */
    int index;                         /* 0-based district number */
} District;

typedef struct Gen {
    Db *db;                  /* where it goes */
    DbBulk *bulk;            /* the rows nothing reads back (reports, events, reviews, evidence) */
    const DemoOptions *opt;  /* scale, seed, today */
    uint64_t rng;            /* splitmix64 state */
    DemoSummary *sum;        /* rows written */
    Arena *arena;            /* scratch for the run */
    const char *password_hash; /* one Argon2id hash shared by the demo accounts */
    int n_samples;           /* sample evidence files written (0: rows without files) */
    char sample_sha[DEMO_SAMPLES][65]; /* their SHA-256 */
    int64_t sample_size[DEMO_SAMPLES]; /* their sizes */
} Gen;

/* A uniformly random integer in [0, n). */
int gen_rand(Gen *g, int n);
/* A random entry of a word list. */
const char *gen_pick(Gen *g, const WordList *w);
/* Write one inspection's ledger (round r of district d) with its history. */
int gen_inspection(Gen *g, const District *d, int round, Err *err);

#endif
