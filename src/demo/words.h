/*
** words.h: the phrase tables the demo generator draws from, so that demo ledgers read like the
** published reports of the corpus: units, leaders' posts, aspects, problems, measures.
*/
#ifndef ZG_DEMO_WORDS_H
#define ZG_DEMO_WORDS_H

#include "base/base.h"

typedef struct WordList {
    const char *const *words; /* the entries */
    int n;                    /* how many */
} WordList;

typedef struct UnitWord {
    const char *name;  /* 区发改局 (the 区 prefix is replaced for other targets) */
    const char *kind;  /* party, government, street, soe, school, other */
} UnitWord;

extern const UnitWord demo_units[];
extern const int demo_n_units;
extern const WordList demo_surnames, demo_given, demo_posts, demo_aspects, demo_items,
    demo_problems, demo_verbs, demo_objects, demo_details, demo_progress, demo_districts,
    demo_mechanisms;

#endif
