/*
** demo.h: deterministic demo data (SPEC §8 datasets). The same seed and the same `today` give
** the same ledger: units, leaders, users of every role, inspections whose aspects, problems and
** measures read like the corpus, deadlines spread around today, progress history, and every
** state and every light present.
*/
#ifndef ZG_DEMO_H
#define ZG_DEMO_H

#include "db/db.h"

typedef enum DemoScale {
    DEMO_COUNTY,   /* 1 district, 1 inspection of 300 measures */
    DEMO_PROVINCE, /* 25 districts, 1,000 units, 5,000 users, 100 inspections, 30,000 measures */
    DEMO_CITY,     /* the county's district with 1 inspection of 10,000 measures, each with a
                      text of 200 characters: a city ledger of many units (bench/) */
    DEMO_NATION,   /* 750 districts, 3,000 inspections, 900,000 measures (SPEC §8) */
} DemoScale;

/* The scale's name (county, province, city, nation). */
const char *demo_scale_name(DemoScale s);
/* The scale of a name, or -1. */
int demo_scale_parse(const char *name);

typedef struct DemoOptions {
    DemoScale scale; /* how much */
    uint64_t seed;   /* the random sequence */
    Day today;       /* the date the history leads up to */
    const char *files_dir; /* the data folder, where sample evidence files go; NULL: none */
} DemoOptions;

typedef struct DemoSummary {
    int units, persons, users, inspections, findings, measures, progress; /* rows written */
} DemoSummary;

/* The password of every demo account (each must change it at first login). */
#define DEMO_PASSWORD "Zhenggai@2026"

/*
** Fill an empty database (no inspection yet; otherwise ERR_CONFLICT) with demo data in one
** transaction, counting what was written in *sum.
*/
int demo_generate(Db *db, const DemoOptions *opt, DemoSummary *sum, Err *err);

#endif
