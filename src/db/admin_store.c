/*
** admin_store.c: SQL of the audit log reads (admin_store.h).
*/
#include "admin_store.h"

static const DbCol audit_cols[] = {
    DB_COL_INT(AuditEntry, seq),     DB_COL_TEXT(AuditEntry, at),
    DB_COL_TEXT(AuditEntry, actor),  DB_COL_TEXT(AuditEntry, action),
    DB_COL_TEXT(AuditEntry, object), DB_COL_TEXT(AuditEntry, detail),
};

static const DbRowMap audit_map = DB_MAP(AuditEntry, audit_cols, NULL);

/* The bounds and filters shared by the three variants of the audit query. */
#define AUDIT_COLS "SELECT seq, at, actor, action, object, detail FROM audit"
#define AUDIT_RANGE                                                                               \
    " seq < ?3 AND seq >= CASE WHEN ?5 IS NULL THEN 0 ELSE coalesce((SELECT seq FROM audit"     \
    " WHERE at >= ?5 ORDER BY at LIMIT 1), 1 << 62) END"                                         \
    " AND seq < coalesce((SELECT seq FROM audit WHERE at >= ?6 ORDER BY at LIMIT 1), 1 << 62)"   \
    " AND (?2 IS NULL OR substr(action, 1, length(?2)) = ?2)"

int admin_store_audit(Db *db, Arena *arena, const AuditQuery *q, AuditEntry **out, int *n, Err *err)
{
    /* seq is the rowid: the descending scan from ?3 reads only the rows it returns, plus those
       the filters skip; an actor or object walks its own index (one variant per driving
       filter, as a bound "?1 IS NULL OR" cannot use an index). */
    const char *sql =
        q->object
            ? DB_SQL(AUDIT_COLS " WHERE object = ?7 AND (?1 IS NULL OR actor = ?1) AND" AUDIT_RANGE
                                " ORDER BY seq DESC LIMIT ?4")
        : q->actor ? DB_SQL(AUDIT_COLS " WHERE actor = ?1 AND ?7 IS NULL AND" AUDIT_RANGE
                                       " ORDER BY seq DESC LIMIT ?4")
                   : DB_SQL(AUDIT_COLS " WHERE ?1 IS NULL AND ?7 IS NULL AND" AUDIT_RANGE
                                       " ORDER BY seq DESC LIMIT ?4");
    return db_list(db, sql,
                   DB_ARGS(DB_TEXT(q->actor), DB_TEXT(q->action),
                           DB_INT(q->before > 0 ? q->before : INT64_MAX), DB_INT(q->limit),
                           DB_TEXT(q->from), DB_TEXT(q->to), DB_TEXT(q->object)),
                   &audit_map, arena, out, n, err);
}

int admin_store_object_name(Db *db, Arena *arena, const char *kind, int64_t id, const char **name,
                            Err *err)
{
    const char *sql;
    if (strcmp(kind, "measure") == 0)
        sql = DB_SQL("SELECT title FROM measure WHERE id = ?1");
    else if (strcmp(kind, "user") == 0)
        sql = DB_SQL("SELECT display_name FROM users WHERE id = ?1");
    else if (strcmp(kind, "unit") == 0)
        sql = DB_SQL("SELECT name FROM unit WHERE id = ?1");
    else if (strcmp(kind, "inspection") == 0)
        sql = DB_SQL("SELECT title FROM inspection WHERE id = ?1");
    else {
        *name = NULL;
        return 0;
    }
    return db_scalar_text(db, sql, DB_ARGS(DB_INT(id)), arena, name, err);
}

int admin_store_actor(Db *db, Arena *arena, const char *login, const char **name, const char **unit,
                      Err *err)
{
    DbStmt *st = db_query(
        db,
        DB_SQL("SELECT u.display_name, n.name FROM users u LEFT JOIN unit n ON n.id = u.unit_id"
               " WHERE u.login = ?1"),
        DB_ARGS(DB_TEXT(login)));
    *name = *unit = NULL;
    int rc = db_step(db, st, err);
    if (rc == 1) {
        *name = arena_strdup(arena, db_col_text(st, 0));
        *unit = arena_strdup(arena, db_col_text(st, 1));
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}
