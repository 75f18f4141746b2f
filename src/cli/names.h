/*
** names.h: unit and person names by id for the CLI's listings, fetched on first use and kept
** for the command.
*/
#ifndef ZG_CLI_NAMES_H
#define ZG_CLI_NAMES_H

#include "cli/cli.h"
#include "db/model.h"
#include "report/stats_json.h"

typedef struct Names {
    Cli *cli;       /* the command (database and arena) */
    Unit *units;    /* units fetched so far */
    int n_units;
    int cap_units;
    Person *persons; /* persons fetched so far */
    int n_persons;
    int cap_persons;
} Names;

/* Start with nothing fetched: names are looked up as listings need them. */
int names_init(Names *n, Cli *cli);
/* The unit's short name if it has one, else its name; "" for 0 or unknown. */
const char *names_unit(void *names, int64_t id);
/* The person's name; "" for 0 or unknown. */
const char *names_person(void *names, int64_t id);
/* A NameLookup over n for the report layer. */
NameLookup names_lookup(Names *n);
/* Resolve a unit given by id or name (--unit); ERR_USAGE naming it when unknown. */
int names_find_unit(Names *n, const char *text, int64_t *id);
/* Resolve a person given by id or name (--leader). */
int names_find_person(Names *n, const char *text, int64_t *id);

#endif
