/*
** org_store.c: SQL for units and persons (org_store.h).
*/
#include "org_store.h"

int unit_store_insert(Db *db, Unit *u, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("INSERT INTO unit(name, short_name, kind, parent_id) VALUES(?1, ?2, ?3, ?4)"));
    db_bind_text(st, 1, u->name);
    db_bind_text(st, 2, u->short_name);
    db_bind_text(st, 3, model_unit_kind_name(u->kind));
    db_bind_id(st, 4, u->parent_id);
    if (db_step_done(db, st, err) < 0)
        return -1;
    u->id = db_last_id(db);
    return 0;
}

int unit_store_find(Db *db, const char *name, int64_t *id, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("SELECT id FROM unit WHERE name = ?1 OR short_name = ?1 ORDER BY name <> ?1, id "
                   "LIMIT 1"));
    db_bind_text(st, 1, name);
    return db_find_id(db, st, id, err);
}

static void unit_row(DbStmt *st, Arena *arena, void *out)
{
    Unit *u = out;
    u->id = db_col_int(st, 0);
    u->name = arena_strdup(arena, db_col_text(st, 1));
    u->short_name = arena_strdup(arena, db_col_text(st, 2));
    int kind = model_unit_kind_parse(db_col_text(st, 3));
    u->kind = kind < 0 ? UNIT_OTHER : (UnitKind)kind;
    u->parent_id = db_col_int(st, 4);
}

int unit_store_get(Db *db, Arena *arena, int64_t id, Unit *out, Err *err)
{
    DbStmt *st =
        db_prepare(db, DB_SQL("SELECT id, name, short_name, kind, parent_id FROM unit WHERE id = ?1"));
    db_bind_int(st, 1, id);
    int rc = db_step(db, st, err);
    if (rc == 1)
        unit_row(st, arena, out);
    db_reset(st);
    if (rc == 0)
        return err_fail(err, ERR_NOTFOUND, "no unit with id %lld", (long long)id);
    return rc < 0 ? -1 : 0;
}

int unit_store_list(Db *db, Arena *arena, Unit **out, int *n, Err *err)
{
    DbStmt *st =
        db_prepare(db, DB_SQL("SELECT id, name, short_name, kind, parent_id FROM unit ORDER BY id"));
    return db_collect(db, st, arena, sizeof(Unit), unit_row, (void **)out, n, err);
}

int person_store_insert(Db *db, Person *p, Err *err)
{
    DbStmt *st =
        db_prepare(db, DB_SQL("INSERT INTO person(name, post, unit_id) VALUES(?1, ?2, ?3)"));
    db_bind_text(st, 1, p->name);
    db_bind_text(st, 2, p->post ? p->post : "");
    db_bind_id(st, 3, p->unit_id);
    if (db_step_done(db, st, err) < 0)
        return -1;
    p->id = db_last_id(db);
    return 0;
}

int person_store_find(Db *db, const char *name, int64_t *id, Err *err)
{
    DbStmt *st = db_prepare(db, DB_SQL("SELECT id FROM person WHERE name = ?1 ORDER BY id LIMIT 1"));
    db_bind_text(st, 1, name);
    return db_find_id(db, st, id, err);
}

int person_store_get(Db *db, Arena *arena, int64_t id, Person *out, Err *err)
{
    DbStmt *st =
        db_prepare(db, DB_SQL("SELECT id, name, post, unit_id FROM person WHERE id = ?1"));
    db_bind_int(st, 1, id);
    int rc = db_step(db, st, err);
    if (rc == 1) {
        out->id = db_col_int(st, 0);
        out->name = arena_strdup(arena, db_col_text(st, 1));
        out->post = arena_strdup(arena, db_col_text(st, 2));
        out->unit_id = db_col_int(st, 3);
    }
    db_reset(st);
    if (rc == 0)
        return err_fail(err, ERR_NOTFOUND, "no person with id %lld", (long long)id);
    return rc < 0 ? -1 : 0;
}
