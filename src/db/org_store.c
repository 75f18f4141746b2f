/*
** org_store.c: SQL for units and persons (org_store.h).
*/
#include "org_store.h"

int unit_store_insert(Db *db, Unit *u, Err *err)
{
    return db_insert(
        db, DB_SQL("INSERT INTO unit(name, short_name, kind, parent_id) VALUES(?1, ?2, ?3, ?4)"),
        DB_ARGS(DB_TEXT(u->name), DB_TEXT(u->short_name), DB_TEXT(model_unit_kind_name(u->kind)),
                DB_ID(u->parent_id)),
        &u->id, err);
}

int unit_store_find(Db *db, const char *name, int64_t *id, Err *err)
{
    return db_scalar(
        db,
        DB_SQL("SELECT id FROM unit WHERE name = ?1 OR short_name = ?1 ORDER BY name <> ?1, id "
               "LIMIT 1"),
        DB_ARGS(DB_TEXT(name)), id, err);
}

static const DbCol unit_cols[] = {
    DB_COL_INT(Unit, id),          DB_COL_TEXT(Unit, name),
    DB_COL_TEXT(Unit, short_name), DB_COL_VOCAB(Unit, kind, VOCAB_UNIT_KIND, UNIT_OTHER),
    DB_COL_INT(Unit, parent_id),
};

static const DbRowMap unit_map = DB_MAP(Unit, unit_cols, NULL);

int unit_store_get(Db *db, Arena *arena, int64_t id, Unit *out, Err *err)
{
    return db_get_id(db,
                     DB_SQL("SELECT id, name, short_name, kind, parent_id FROM unit WHERE id = ?1"),
                     id, &unit_map, arena, out, "unit", err);
}

int unit_store_list(Db *db, Arena *arena, Unit **out, int *n, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("SELECT id, name, short_name, kind, parent_id FROM unit ORDER BY id"));
    return db_rows(db, st, &unit_map, arena, out, n, err);
}

int unit_store_page(Db *db, Arena *arena, int64_t org, int64_t after, int limit, Unit **out, int *n,
                    Err *err)
{
    /* UNION, not UNION ALL: a crafted cycle of parents ends the walk down the tree. */
    DbStmt *st =
        org ? db_query(db,
                       DB_SQL("WITH RECURSIVE sub(id) AS (SELECT id FROM unit WHERE id = ?3 "
                              "UNION SELECT u.id FROM unit u JOIN sub ON u.parent_id = "
                              "sub.id) SELECT u.id, u.name, u.short_name, u.kind, "
                              "u.parent_id FROM unit u JOIN sub ON sub.id = u.id "
                              "WHERE u.id > ?1 ORDER BY u.id LIMIT ?2"),
                       DB_ARGS(DB_INT(after), DB_INT(limit), DB_INT(org)))
            : db_query(db,
                       DB_SQL("SELECT id, name, short_name, kind, parent_id FROM unit "
                              "WHERE id > ?1 ORDER BY id LIMIT ?2"),
                       DB_ARGS(DB_INT(after), DB_INT(limit)));
    return db_rows(db, st, &unit_map, arena, out, n, err);
}

int unit_store_roots(Db *db, Arena *arena, int64_t after, int limit, Unit **out, int *n, Err *err)
{
    DbStmt *st = db_query(db,
                          DB_SQL("SELECT id, name, short_name, kind, parent_id FROM unit "
                                 "WHERE parent_id IS NULL AND id > ?1 ORDER BY id LIMIT ?2"),
                          DB_ARGS(DB_INT(after), DB_INT(limit)));
    return db_rows(db, st, &unit_map, arena, out, n, err);
}

int unit_store_org(Db *db, int64_t id, int64_t *org, Err *err)
{
    /* As the users' organisation (user_store.c); UNION ends a crafted cycle, which has no root. */
    return db_scalar(db,
                     DB_SQL("WITH RECURSIVE up(id, parent_id) AS (SELECT id, parent_id FROM unit "
                            "WHERE id = ?1 UNION SELECT x.id, x.parent_id FROM unit x JOIN up ON "
                            "x.id = up.parent_id) SELECT id FROM up WHERE parent_id IS NULL"),
                     DB_ARGS(DB_INT(id)), org, err);
}

int person_store_insert(Db *db, Person *p, Err *err)
{
    return db_insert(db, DB_SQL("INSERT INTO person(name, post, unit_id) VALUES(?1, ?2, ?3)"),
                     DB_ARGS(DB_TEXT(p->name), DB_STR(p->post), DB_ID(p->unit_id)), &p->id, err);
}

int person_store_find(Db *db, const char *name, int64_t *id, Err *err)
{
    return db_scalar(db, DB_SQL("SELECT id FROM person WHERE name = ?1 ORDER BY id LIMIT 1"),
                     DB_ARGS(DB_TEXT(name)), id, err);
}

static const DbCol person_cols[] = {
    DB_COL_INT(Person, id),
    DB_COL_TEXT(Person, name),
    DB_COL_TEXT(Person, post),
    DB_COL_INT(Person, unit_id),
};

static const DbRowMap person_map = DB_MAP(Person, person_cols, NULL);

int person_store_get(Db *db, Arena *arena, int64_t id, Person *out, Err *err)
{
    return db_get_id(db, DB_SQL("SELECT id, name, post, unit_id FROM person WHERE id = ?1"), id,
                     &person_map, arena, out, "person", err);
}
