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
extern const WordList demo_surnames, demo_given, demo_posts, demo_verbs, demo_details,
    demo_progress, demo_districts, demo_mechanisms;

#define DEMO_ASPECTS 4  /* aspects of a ledger */
#define DEMO_ITEMS 3    /* items of an aspect */
#define DEMO_PROBLEMS 3 /* problems of an item */
#define DEMO_OBJECTS 3  /* what a problem's measures work on */

typedef struct DemoProblem {
    const char *title;                 /* 招投标监管存在漏洞 */
    const char *objects[DEMO_OBJECTS]; /* 评标专家管理 …: a measure is a verb and one of them */
} DemoProblem;

typedef struct DemoItem {
    const char *title;                   /* 重点领域廉洁风险防控不够有力 */
    DemoProblem problems[DEMO_PROBLEMS]; /* its problems */
} DemoItem;

typedef struct DemoAspect {
    const char *title;          /* 落实全面从严治党战略部署方面 */
    DemoItem items[DEMO_ITEMS]; /* its items */
} DemoAspect;

extern const DemoAspect demo_tree[DEMO_ASPECTS];

#endif
