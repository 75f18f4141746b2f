/*
** org_store.h: units and persons, the organisation the ledger assigns work to.
*/
#ifndef ZG_ORG_STORE_H
#define ZG_ORG_STORE_H

#include "base/arena.h"
#include "db/db.h"
#include "db/model.h"

/* Insert u (id ignored) and set u->id. A duplicate name fails with ERR_CONFLICT. */
int unit_store_insert(Db *db, Unit *u, Err *err);
/* The id of the unit with this full or short name; 0 when none (not an error). */
int unit_store_find(Db *db, const char *name, int64_t *id, Err *err);
/* Load one unit into out (strings in arena); ERR_NOTFOUND when absent. */
int unit_store_get(Db *db, Arena *arena, int64_t id, Unit *out, Err *err);

/* Every unit, by id, into an arena array. */
int unit_store_list(Db *db, Arena *arena, Unit **out, int *n, Err *err);
/*
** A keyset page of units by id: at most limit after id `after`, of every unit (org 0) or of the
** tree under unit org, into an arena array. Costs the page (and the walk down org's tree).
*/
int unit_store_page(Db *db, Arena *arena, int64_t org, int64_t after, int limit, Unit **out, int *n,
                    Err *err);
/* A keyset page of the organisations (units without a parent) by id, as unit_store_page. */
int unit_store_roots(Db *db, Arena *arena, int64_t after, int limit, Unit **out, int *n, Err *err);
/*
** The root of unit id's tree (its organisation) into *org: id itself without a parent, 0 when
** there is no such unit or its parents end in a cycle (written behind the application's back).
*/
int unit_store_org(Db *db, int64_t id, int64_t *org, Err *err);

/* Insert p (id ignored) and set p->id. */
int person_store_insert(Db *db, Person *p, Err *err);
/* The id of the person with this name (any post); 0 when none. */
int person_store_find(Db *db, const char *name, int64_t *id, Err *err);
/* Load one person; ERR_NOTFOUND when absent. */
int person_store_get(Db *db, Arena *arena, int64_t id, Person *out, Err *err);

#endif
