/*
** admin_store.c: SQL of the audit log reads (admin_store.h).
*/
#include "admin_store.h"

static void audit_row(sqlite3_stmt *st, Arena *arena, void *out)
{
    AuditEntry *e = out;
    e->seq = db_col_int(st, 0);
    e->at = arena_strdup(arena, db_col_text(st, 1));
    e->actor = arena_strdup(arena, db_col_text(st, 2));
    e->action = arena_strdup(arena, db_col_text(st, 3));
    e->object = arena_strdup(arena, db_col_text(st, 4));
    e->detail = arena_strdup(arena, db_col_text(st, 5));
}

int admin_store_audit(Db *db, Arena *arena, const AuditQuery *q, AuditEntry **out, int *n,
                      Err *err)
{
    /* seq is the rowid: the descending scan from ?3 reads only the rows it returns, plus those
       the filters skip. */
    sqlite3_stmt *st = db_prepare(
        db, DB_SQL("SELECT seq, at, actor, action, object, detail FROM audit"
                   " WHERE seq < ?3 AND (?1 IS NULL OR actor = ?1)"
                   " AND (?2 IS NULL OR substr(action, 1, length(?2)) = ?2)"
                   " ORDER BY seq DESC LIMIT ?4"));
    db_bind_text(st, 1, q->actor);
    db_bind_text(st, 2, q->action);
    db_bind_int(st, 3, q->before > 0 ? q->before : INT64_MAX);
    db_bind_int(st, 4, q->limit);
    return db_collect(db, st, arena, sizeof(AuditEntry), audit_row, (void **)out, n, err);
}
