/*
** import_store.c: SQL for the document importer's look-ups (import_store.h).
*/
#include "import_store.h"

int import_store_find_similar(Db *db, Arena *arena, const char *group, const char *target,
                              int64_t *id, const char **source_file, Err *err)
{
    sqlite3_stmt *st = db_prepare(
        db, DB_SQL("SELECT id, source_file FROM inspection WHERE group_name = ?1 AND target = ?2"
                   " AND source_sha256 IS NOT NULL ORDER BY id DESC LIMIT 1"));
    db_bind_text(st, 1, group);
    db_bind_text(st, 2, target);
    *id = 0;
    *source_file = NULL;
    int rc = db_step(db, st, err);
    if (rc == 1) {
        *id = db_col_int(st, 0);
        *source_file = arena_strdup(arena, db_col_text(st, 1));
    }
    sqlite3_reset(st);
    return rc < 0 ? -1 : 0;
}
