/*
** finding_store.c: SQL for findings (finding_store.h).
*/
#include "finding_store.h"

int finding_store_insert(Db *db, Finding *f, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("INSERT INTO finding(inspection_id, parent_id, level, ordinal, label, title, body,"
                   " line_first, line_last) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)"));
    db_bind_int(st, 1, f->inspection_id);
    db_bind_id(st, 2, f->parent_id);
    db_bind_text(st, 3, model_level_name(f->level));
    db_bind_int(st, 4, f->ordinal);
    db_bind_text(st, 5, f->label ? f->label : "");
    db_bind_text(st, 6, f->title);
    db_bind_text(st, 7, f->body ? f->body : "");
    db_bind_id(st, 8, f->line_first);
    db_bind_id(st, 9, f->line_last);
    if (db_step_done(db, st, err) < 0)
        return -1;
    f->id = db_last_id(db);
    return 0;
}

static void finding_row(DbStmt *st, Arena *arena, void *out)
{
    Finding *f = out;
    f->id = db_col_int(st, 0);
    f->inspection_id = db_col_int(st, 1);
    f->parent_id = db_col_int(st, 2);
    int level = model_level_parse(db_col_text(st, 3));
    f->level = level < 0 ? LEVEL_PROBLEM : (FindingLevel)level;
    f->ordinal = (int)db_col_int(st, 4);
    f->label = arena_strdup(arena, db_col_text(st, 5));
    f->title = arena_strdup(arena, db_col_text(st, 6));
    f->body = arena_strdup(arena, db_col_text(st, 7));
    int status = model_status_parse(db_col_text(st, 8));
    f->override = status < 0 ? STATUS_NONE : (ProblemStatus)status;
    f->override_reason = arena_strdup(arena, db_col_text(st, 9));
    f->line_first = (int)db_col_int(st, 10);
    f->line_last = (int)db_col_int(st, 11);
    f->version = db_col_int(st, 12);
}

int finding_store_list(Db *db, Arena *arena, int64_t inspection_id, Finding **out, int *n,
                       Err *err)
{
    /* Ids grow with insertion, and importers and the demo insert parents first. */
    DbStmt *st = db_prepare(
        db, DB_SQL("SELECT id, inspection_id, parent_id, level, ordinal, label, title, body,"
                   " status_override, override_reason, line_first, line_last, version"
                   " FROM finding WHERE inspection_id = ?1 ORDER BY id"));
    db_bind_int(st, 1, inspection_id);
    return db_collect(db, st, arena, sizeof(Finding), finding_row, (void **)out, n, err);
}

int finding_store_get(Db *db, Arena *arena, int64_t id, Finding *out, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("SELECT id, inspection_id, parent_id, level, ordinal, label, title, body,"
                   " status_override, override_reason, line_first, line_last, version"
                   " FROM finding WHERE id = ?1"));
    db_bind_int(st, 1, id);
    Finding *fs;
    int n;
    if (db_collect(db, st, arena, sizeof(Finding), finding_row, (void **)&fs, &n, err) < 0)
        return -1;
    if (n == 0)
        return err_fail(err, ERR_NOTFOUND, "no finding with id %lld", (long long)id);
    *out = fs[0];
    return 0;
}

int finding_store_set_override(Db *db, int64_t id, ProblemStatus status, const char *reason,
                               Err *err)
{
    if (status != STATUS_NONE && (!reason || !*reason))
        return err_fail(err, ERR_INPUT, "a status override needs a reason");
    DbStmt *st = db_prepare(
        db, DB_SQL("UPDATE finding SET status_override = ?2, override_reason = ?3 WHERE id = ?1"));
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, status == STATUS_NONE ? NULL : model_status_name(status));
    db_bind_text(st, 3, status == STATUS_NONE ? NULL : reason);
    if (db_step_done(db, st, err) < 0)
        return -1;
    if (db_changes(db) == 0)
        return err_fail(err, ERR_NOTFOUND, "no finding with id %lld", (long long)id);
    return 0;
}
