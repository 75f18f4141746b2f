/*
** user_store.c: SQL for users and roles (user_store.h).
*/
#include "user_store.h"

static int insert_roles(Db *db, int64_t id, unsigned roles, Err *err)
{
    for (int r = 0; r < ROLE__COUNT; r++) {
        if (!(roles & ROLE_BIT(r)))
            continue;
        if (db_run(db, DB_SQL("INSERT INTO user_role(user_id, role) VALUES(?1, ?2)"),
                   DB_ARGS(DB_INT(id), DB_TEXT(model_role_name((Role)r))), err) < 0)
            return -1;
    }
    return 0;
}

int user_store_insert(Db *db, User *u, Err *err)
{
    if (db_run(db,
               DB_SQL("INSERT INTO users(login, display_name, unit_id, person_id, password_hash,"
                      " state, created_at) VALUES(?1,?2,?3,?4,?5,?6,?7)"),
               DB_ARGS(DB_TEXT(u->login), DB_TEXT(u->display_name), DB_ID(u->unit_id),
                       DB_ID(u->person_id), DB_STR(u->password_hash),
                       DB_TEXT(vocab_name(VOCAB_USER_STATE, (int)u->state)), DB_NOW),
               err) < 0)
        return -1;
    u->id = db_last_id(db);
    return insert_roles(db, u->id, u->roles, err);
}

/*
** The columns every user query reads, org_unit_id found by walking up the unit tree (UNION:
** parents that end in a cycle give no organisation rather than a walk without end); the roles
** joined by commas with each dialect's aggregate (SQLite's group_concat, PostgreSQL's
** string_agg).
*/
#define USER_COLUMNS USER_COLUMNS_("group_concat(role)")
#define USER_COLUMNS_PG USER_COLUMNS_("string_agg(role, ',')")
#define USER_COLUMNS_(roles)                                                                       \
    "SELECT u.id, u.login, u.display_name, u.unit_id, u.person_id, u.state, u.password_hash,"      \
    " u.failed_logins, u.locked_until, u.must_change_password, u.last_login_at,"                   \
    " (WITH RECURSIVE up(id, parent_id) AS (SELECT id, parent_id FROM unit WHERE id = u.unit_id"   \
    "   UNION SELECT x.id, x.parent_id FROM unit x JOIN up ON x.id = up.parent_id)"                \
    "   SELECT id FROM up WHERE parent_id IS NULL),"                                               \
    " (SELECT " roles " FROM user_role r WHERE r.user_id = u.id),"                                 \
    " coalesce(u.password_changed_at, u.created_at)"                                               \
    " FROM users u"

static const DbCol user_cols[] = {
    DB_COL_INT(User, id),
    DB_COL_TEXT(User, login),
    DB_COL_TEXT(User, display_name),
    DB_COL_INT(User, unit_id),
    DB_COL_INT(User, person_id),
    /* A bad row reads as disabled: it never lets anyone in. */
    DB_COL_VOCAB(User, state, VOCAB_USER_STATE, USER_DISABLED),
    DB_COL_TEXT(User, password_hash),
    DB_COL_INT(User, failed_logins),
    DB_COL_TIME(User, locked_until),
    DB_COL_INT(User, must_change_password),
    DB_COL_TEXT(User, last_login_at),
    DB_COL_INT(User, org_unit_id),
    DB_COL_SKIP,
    DB_COL_TIME(User, password_changed),
};

/* The roles, one comma-separated column, into their bits; an unknown role gives nothing. */
static void user_row(DbStmt *st, Arena *arena, void *out)
{
    (void)arena;
    User *u = out;
    const char *roles = db_col_text(st, 12);
    u->roles = 0;
    while (roles && *roles) {
        size_t n = strcspn(roles, ",");
        char name[32];
        if (n < sizeof name) {
            memcpy(name, roles, n);
            name[n] = 0;
            int r = model_role_parse(name);
            if (r >= 0)
                u->roles |= ROLE_BIT(r);
        }
        roles += n + (roles[n] == ',');
    }
}

static const DbRowMap user_map = DB_MAP(User, user_cols, user_row);

int user_store_find(Db *db, Arena *arena, const char *login, User *out, Err *err)
{
    int rc = db_get(
        db, DB_PICK(db, USER_COLUMNS " WHERE u.login = ?1", USER_COLUMNS_PG " WHERE u.login = ?1"),
        DB_ARGS(DB_TEXT(login)), &user_map, arena, out, err);
    if (rc == 0)
        return err_fail(err, ERR_NOTFOUND, "no user '%s'", login);
    return rc < 0 ? -1 : 0;
}

int user_store_get(Db *db, Arena *arena, int64_t id, User *out, Err *err)
{
    return db_get_id(
        db, DB_PICK(db, USER_COLUMNS " WHERE u.id = ?1", USER_COLUMNS_PG " WHERE u.id = ?1"), id,
        &user_map, arena, out, "user", err);
}

/* The users whose login or name holds the pattern of parameter p (all when parameter on is 0). */
#define USER_FOUND(p, on)                                                                          \
    " (" on " = 0 OR u.login LIKE " p " ESCAPE '\\' OR u.display_name LIKE " p " ESCAPE '\\')"

int user_store_page(Db *db, Arena *arena, const char *find, int64_t after, int limit, User **out,
                    int *n, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_PICK(db,
                    USER_COLUMNS
                    " WHERE u.id > ?1 AND" USER_FOUND("?2", "?3") " ORDER BY u.id LIMIT ?4",
                    USER_COLUMNS_PG
                    " WHERE u.id > ?1 AND" USER_FOUND("?2", "?3") " ORDER BY u.id LIMIT ?4"));
    db_bind_int(st, 1, after);
    db_bind_contains(st, 2, find ? find : "");
    db_bind_int(st, 3, find && *find);
    db_bind_int(st, 4, limit);
    if (db_rows(db, st, &user_map, arena, out, n, err) < 0)
        return -1;
    for (int i = 0; i < *n; i++)
        (*out)[i].password_hash = NULL;
    return 0;
}

int user_store_count(Db *db, const char *find, int64_t *n, Err *err)
{
    if (!find || !*find) /* a count of the table, not of a condition on each row */
        return db_scalar(db, DB_SQL("SELECT count(*) FROM users"), DB_NOARGS, n, err);
    DbStmt *st =
        db_prepare(db, DB_SQL("SELECT count(*) FROM users u WHERE" USER_FOUND("?1", "?2")));
    db_bind_contains(st, 1, find);
    db_bind_int(st, 2, 1);
    int rc = db_step(db, st, err);
    *n = rc == 1 ? db_col_int(st, 0) : 0;
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

int user_store_list(Db *db, Arena *arena, User **out, int *n, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_PICK(db, USER_COLUMNS " ORDER BY u.login", USER_COLUMNS_PG " ORDER BY u.login"));
    if (db_rows(db, st, &user_map, arena, out, n, err) < 0)
        return -1;
    for (int i = 0; i < *n; i++)
        (*out)[i].password_hash = NULL;
    return 0;
}

int user_store_login_attempt(Db *db, int64_t id, int64_t now, int max, int64_t lock_until,
                             int *failures, Err *err)
{
    /* On the right-hand side every column is the old value (the CTE-free form is portable). */
    int64_t failed;
    if (db_change_int(db,
                      DB_SQL("UPDATE users SET"
                             " failed_logins = CASE WHEN locked_until IS NOT NULL"
                             "   AND locked_until <= ?2 THEN 1 ELSE failed_logins + 1 END,"
                             " locked_until = CASE"
                             "   WHEN locked_until IS NOT NULL AND locked_until > ?2"
                             "   THEN locked_until"
                             "   WHEN (CASE WHEN locked_until IS NOT NULL AND locked_until <= ?2"
                             "     THEN 1 ELSE failed_logins + 1 END) >= ?3 THEN ?4"
                             "   ELSE NULL END"
                             " WHERE id = ?1 RETURNING failed_logins"),
                      DB_ARGS(DB_INT(id), DB_TIME(now), DB_INT(max), DB_TIME(lock_until)), "user",
                      id, &failed, err) < 0)
        return -1;
    *failures = (int)failed;
    return 0;
}

int user_store_login_ok(Db *db, int64_t id, int64_t now, Err *err)
{
    return db_change(db,
                     DB_SQL("UPDATE users SET failed_logins = 0, locked_until ="
                            " NULL, last_login_at = ?2 WHERE id = ?1"),
                     DB_ARGS(DB_INT(id), DB_TIME(now)), "user", id, err);
}

int user_store_set_password(Db *db, int64_t id, const char *hash, bool must_change, Err *err)
{
    return db_change(db,
                     DB_SQL("UPDATE users SET password_hash = ?2, must_change_password = ?3,"
                            " password_changed_at = ?4 WHERE id = ?1"),
                     DB_ARGS(DB_INT(id), DB_TEXT(hash), DB_INT(must_change), DB_NOW), "user", id,
                     err);
}

int user_store_set_state(Db *db, int64_t id, UserState state, Err *err)
{
    return db_change(
        db,
        DB_SQL("UPDATE users SET state = ?2, failed_logins = CASE WHEN ?2 = 'active' THEN 0"
               " ELSE failed_logins END, locked_until = CASE WHEN ?2 = 'active' THEN NULL"
               " ELSE locked_until END WHERE id = ?1"),
        DB_ARGS(DB_INT(id), DB_TEXT(vocab_name(VOCAB_USER_STATE, (int)state))), "user", id, err);
}

int user_store_set_roles(Db *db, int64_t id, unsigned roles, Err *err)
{
    if (db_run(db, DB_SQL("DELETE FROM user_role WHERE user_id = ?1"), DB_ARGS(DB_INT(id)), err) <
        0)
        return -1;
    return insert_roles(db, id, roles, err);
}

int user_store_update(Db *db, int64_t id, const char *display_name, int64_t unit_id, Err *err)
{
    return db_change(db, DB_SQL("UPDATE users SET display_name = ?2, unit_id = ?3 WHERE id = ?1"),
                     DB_ARGS(DB_INT(id), DB_TEXT(display_name), DB_ID(unit_id)), "user", id, err);
}

int user_store_count_role(Db *db, Role role, int *n, Err *err)
{
    int64_t count;
    if (db_scalar(db,
                  DB_SQL("SELECT count(*) FROM user_role r JOIN users u ON u.id = r.user_id"
                         " WHERE r.role = ?1 AND u.state = 'active'"),
                  DB_ARGS(DB_TEXT(model_role_name(role))), &count, err) < 0)
        return -1;
    *n = (int)count;
    return 0;
}

int user_store_is_demo(Db *db, bool *demo, Err *err)
{
    DbStmt *st =
        db_prepare(db, DB_SQL("SELECT 1 FROM audit WHERE action = 'demo.generate' LIMIT 1"));
    int rc = db_step(db, st, err);
    db_reset(st);
    if (rc < 0)
        return -1;
    *demo = rc == 1;
    return 0;
}
