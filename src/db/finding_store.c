/*
** finding_store.c: SQL for findings (finding_store.h).
*/
#include "finding_store.h"

int finding_store_insert(Db *db, Finding *f, Err *err)
{
    return db_insert(
        db,
        DB_SQL("INSERT INTO finding(inspection_id, parent_id, level, ordinal, label, title, body,"
               " line_first, line_last) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)"),
        DB_ARGS(DB_INT(f->inspection_id), DB_ID(f->parent_id), DB_TEXT(model_level_name(f->level)),
                DB_INT(f->ordinal), DB_STR(f->label), DB_TEXT(f->title), DB_STR(f->body),
                DB_ID(f->line_first), DB_ID(f->line_last)),
        &f->id, err);
}

static const DbCol finding_cols[] = {
    DB_COL_INT(Finding, id),
    DB_COL_INT(Finding, inspection_id),
    DB_COL_INT(Finding, parent_id),
    DB_COL_VOCAB(Finding, level, VOCAB_FINDING_LEVEL, LEVEL_PROBLEM),
    DB_COL_INT(Finding, ordinal),
    DB_COL_TEXT(Finding, label),
    DB_COL_TEXT(Finding, title),
    DB_COL_TEXT(Finding, body),
    DB_COL_VOCAB(Finding, override, VOCAB_PROBLEM_STATUS, STATUS_NONE),
    DB_COL_TEXT(Finding, override_reason),
    DB_COL_INT(Finding, line_first),
    DB_COL_INT(Finding, line_last),
    DB_COL_INT(Finding, version),
};

static const DbRowMap finding_map = DB_MAP(Finding, finding_cols, NULL);

int finding_store_list(Db *db, Arena *arena, int64_t inspection_id, Finding **out, int *n, Err *err)
{
    /* Ids grow with insertion, and importers and the demo insert parents first. */
    return db_list(db,
                   DB_SQL("SELECT id, inspection_id, parent_id, level, ordinal, label, title, body,"
                          " status_override, override_reason, line_first, line_last, version"
                          " FROM finding WHERE inspection_id = ?1 ORDER BY id"),
                   DB_ARGS(DB_INT(inspection_id)), &finding_map, arena, out, n, err);
}

int finding_store_get(Db *db, Arena *arena, int64_t id, Finding *out, Err *err)
{
    return db_get_id(
        db,
        DB_SQL("SELECT id, inspection_id, parent_id, level, ordinal, label, title, body,"
               " status_override, override_reason, line_first, line_last, version"
               " FROM finding WHERE id = ?1"),
        id, &finding_map, arena, out, "finding", err);
}

int finding_store_set_override(Db *db, int64_t id, ProblemStatus status, const char *reason,
                               Err *err)
{
    if (status != STATUS_NONE && (!reason || !*reason))
        return err_fail(err, ERR_INPUT, "a status override needs a reason");
    return db_change(
        db, DB_SQL("UPDATE finding SET status_override = ?2, override_reason = ?3 WHERE id = ?1"),
        DB_ARGS(DB_INT(id), DB_TEXT(status == STATUS_NONE ? NULL : model_status_name(status)),
                DB_TEXT(status == STATUS_NONE ? NULL : reason)),
        "finding", id, err);
}
