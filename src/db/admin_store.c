/*
** admin_store.c: SQL of the audit log reads (admin_store.h).
*/
#include "admin_store.h"

static void audit_row(DbStmt *st, Arena *arena, void *out)
{
    AuditEntry *e = out;
    e->seq = db_col_int(st, 0);
    e->at = arena_strdup(arena, db_col_text(st, 1));
    e->actor = arena_strdup(arena, db_col_text(st, 2));
    e->action = arena_strdup(arena, db_col_text(st, 3));
    e->object = arena_strdup(arena, db_col_text(st, 4));
    e->detail = arena_strdup(arena, db_col_text(st, 5));
}

/* The bounds and filters shared by the three variants of the audit query. */
#define AUDIT_COLS "SELECT seq, at, actor, action, object, detail FROM audit"
#define AUDIT_RANGE                                                                               \
    " seq < ?3 AND seq >= CASE WHEN ?5 IS NULL THEN 0 ELSE coalesce((SELECT seq FROM audit"     \
    " WHERE at >= ?5 ORDER BY at LIMIT 1), 1 << 62) END"                                         \
    " AND seq < coalesce((SELECT seq FROM audit WHERE at >= ?6 ORDER BY at LIMIT 1), 1 << 62)"   \
    " AND (?2 IS NULL OR substr(action, 1, length(?2)) = ?2)"

int admin_store_audit(Db *db, Arena *arena, const AuditQuery *q, AuditEntry **out, int *n,
                      Err *err)
{
    /* seq is the rowid: the descending scan from ?3 reads only the rows it returns, plus those
       the filters skip; an actor or object walks its own index (one variant per driving
       filter, as a bound "?1 IS NULL OR" cannot use an index). */
    DbStmt *st;
    if (q->object)
        st = db_prepare(db, DB_SQL(AUDIT_COLS " WHERE object = ?7 AND (?1 IS NULL OR actor = ?1) AND"
                                   AUDIT_RANGE " ORDER BY seq DESC LIMIT ?4"));
    else if (q->actor)
        st = db_prepare(db, DB_SQL(AUDIT_COLS " WHERE actor = ?1 AND ?7 IS NULL AND" AUDIT_RANGE
                                   " ORDER BY seq DESC LIMIT ?4"));
    else
        st = db_prepare(db, DB_SQL(AUDIT_COLS " WHERE ?1 IS NULL AND ?7 IS NULL AND" AUDIT_RANGE
                                   " ORDER BY seq DESC LIMIT ?4"));
    db_bind_text(st, 1, q->actor);
    db_bind_text(st, 2, q->action);
    db_bind_int(st, 3, q->before > 0 ? q->before : INT64_MAX);
    db_bind_int(st, 4, q->limit);
    db_bind_text(st, 5, q->from);
    db_bind_text(st, 6, q->to);
    db_bind_text(st, 7, q->object);
    return db_collect(db, st, arena, sizeof(AuditEntry), audit_row, (void **)out, n, err);
}

static int one_name(Db *db, Arena *arena, DbStmt *st, int64_t id, const char **name,
                    Err *err)
{
    db_bind_int(st, 1, id);
    *name = NULL;
    int rc = db_step(db, st, err);
    if (rc == 1)
        *name = arena_strdup(arena, db_col_text(st, 0));
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

int admin_store_object_name(Db *db, Arena *arena, const char *kind, int64_t id, const char **name,
                            Err *err)
{
    DbStmt *st;
    if (strcmp(kind, "measure") == 0)
        st = db_prepare(db, DB_SQL("SELECT title FROM measure WHERE id = ?1"));
    else if (strcmp(kind, "user") == 0)
        st = db_prepare(db, DB_SQL("SELECT display_name FROM users WHERE id = ?1"));
    else if (strcmp(kind, "unit") == 0)
        st = db_prepare(db, DB_SQL("SELECT name FROM unit WHERE id = ?1"));
    else if (strcmp(kind, "inspection") == 0)
        st = db_prepare(db, DB_SQL("SELECT title FROM inspection WHERE id = ?1"));
    else {
        *name = NULL;
        return 0;
    }
    return one_name(db, arena, st, id, name, err);
}

int admin_store_actor(Db *db, Arena *arena, const char *login, const char **name,
                      const char **unit, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("SELECT u.display_name, n.name FROM users u LEFT JOIN unit n ON n.id = u.unit_id"
                   " WHERE u.login = ?1"));
    db_bind_text(st, 1, login);
    *name = *unit = NULL;
    int rc = db_step(db, st, err);
    if (rc == 1) {
        *name = arena_strdup(arena, db_col_text(st, 0));
        *unit = arena_strdup(arena, db_col_text(st, 1));
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}
