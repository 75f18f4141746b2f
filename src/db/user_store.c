/*
** user_store.c: SQL for users and roles (user_store.h).
*/
#include "user_store.h"

static int insert_roles(Db *db, int64_t id, unsigned roles, Err *err)
{
    for (int r = 0; r < ROLE__COUNT; r++) {
        if (!(roles & ROLE_BIT(r)))
            continue;
        DbStmt *st =
            db_prepare(db, DB_SQL("INSERT INTO user_role(user_id, role) VALUES(?1, ?2)"));
        db_bind_int(st, 1, id);
        db_bind_text(st, 2, model_role_name((Role)r));
        if (db_step_done(db, st, err) < 0)
            return -1;
    }
    return 0;
}

int user_store_insert(Db *db, User *u, Err *err)
{
    char now[TIME_ISO_SIZE];
    DbStmt *st = db_prepare(
        db, DB_SQL("INSERT INTO users(login, display_name, unit_id, person_id, password_hash,"
                   " state, created_at) VALUES(?1,?2,?3,?4,?5,?6,?7)"));
    db_bind_text(st, 1, u->login);
    db_bind_text(st, 2, u->display_name);
    db_bind_id(st, 3, u->unit_id);
    db_bind_id(st, 4, u->person_id);
    db_bind_text(st, 5, u->password_hash ? u->password_hash : "");
    db_bind_text(st, 6, vocab_name(VOCAB_USER_STATE, (int)u->state));
    db_bind_text(st, 7, date_now_iso(now));
    if (db_step_done(db, st, err) < 0)
        return -1;
    u->id = db_last_id(db);
    return insert_roles(db, u->id, u->roles, err);
}

/* The columns every user query reads, org_unit_id found by walking up the unit tree. */
#define USER_COLUMNS                                                                               \
    "SELECT u.id, u.login, u.display_name, u.unit_id, u.person_id, u.state, u.password_hash,"     \
    " u.failed_logins, u.locked_until, u.must_change_password, u.last_login_at,"                   \
    " (WITH RECURSIVE up(id, parent_id) AS (SELECT id, parent_id FROM unit WHERE id = u.unit_id"  \
    "   UNION ALL SELECT x.id, x.parent_id FROM unit x JOIN up ON x.id = up.parent_id)"           \
    "   SELECT id FROM up WHERE parent_id IS NULL),"                                               \
    " (SELECT group_concat(role) FROM user_role r WHERE r.user_id = u.id),"                        \
    " coalesce(u.password_changed_at, u.created_at)"                                               \
    " FROM users u"

static void user_row(DbStmt *st, Arena *arena, void *out)
{
    User *u = out;
    u->id = db_col_int(st, 0);
    u->login = arena_strdup(arena, db_col_text(st, 1));
    u->display_name = arena_strdup(arena, db_col_text(st, 2));
    u->unit_id = db_col_int(st, 3);
    u->person_id = db_col_int(st, 4);
    /* A bad row reads as disabled: it never lets anyone in. */
    u->state = vocab_parse_or(VOCAB_USER_STATE, db_col_text(st, 5), USER_DISABLED);
    u->password_hash = arena_strdup(arena, db_col_text(st, 6));
    u->failed_logins = (int)db_col_int(st, 7);
    const char *locked = db_col_text(st, 8);
    u->locked_until = locked ? date_time_parse(locked) : 0;
    u->must_change_password = db_col_int(st, 9) != 0;
    u->last_login_at = arena_strdup(arena, db_col_text(st, 10));
    u->org_unit_id = db_col_int(st, 11);
    const char *changed = db_col_text(st, 13);
    u->password_changed = changed ? date_time_parse(changed) : 0;
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

static int load_one(Db *db, DbStmt *st, Arena *arena, User *out, const char *what, Err *err)
{
    User *us;
    int n;
    if (db_collect(db, st, arena, sizeof(User), user_row, (void **)&us, &n, err) < 0)
        return -1;
    if (n == 0)
        return err_fail(err, ERR_NOTFOUND, "no user %s", what);
    *out = us[0];
    return 0;
}

int user_store_find(Db *db, Arena *arena, const char *login, User *out, Err *err)
{
    DbStmt *st = db_prepare(db, DB_SQL(USER_COLUMNS " WHERE u.login = ?1"));
    db_bind_text(st, 1, login);
    return load_one(db, st, arena, out, arena_printf(arena, "'%s'", login), err);
}

int user_store_get(Db *db, Arena *arena, int64_t id, User *out, Err *err)
{
    DbStmt *st = db_prepare(db, DB_SQL(USER_COLUMNS " WHERE u.id = ?1"));
    db_bind_int(st, 1, id);
    return load_one(db, st, arena, out, arena_printf(arena, "with id %lld", (long long)id), err);
}

int user_store_list(Db *db, Arena *arena, User **out, int *n, Err *err)
{
    DbStmt *st = db_prepare(db, DB_SQL(USER_COLUMNS " ORDER BY u.login"));
    if (db_collect(db, st, arena, sizeof(User), user_row, (void **)out, n, err) < 0)
        return -1;
    for (int i = 0; i < *n; i++)
        (*out)[i].password_hash = NULL;
    return 0;
}

/* Step an UPDATE of one user; ERR_NOTFOUND when no row changed. */
static int update_one(Db *db, DbStmt *st, int64_t id, Err *err)
{
    if (db_step_done(db, st, err) < 0)
        return -1;
    if (db_changes(db) == 0)
        return err_fail(err, ERR_NOTFOUND, "no user with id %lld", (long long)id);
    return 0;
}

int user_store_login_attempt(Db *db, int64_t id, int64_t now, int max, int64_t lock_until,
                             int *failures, Err *err)
{
    char at[TIME_ISO_SIZE], until[TIME_ISO_SIZE];
    /* On the right-hand side every column is the old value (the CTE-free form is portable). */
    DbStmt *st = db_prepare(
        db, DB_SQL("UPDATE users SET"
                   " failed_logins = CASE WHEN locked_until IS NOT NULL AND locked_until <= ?2"
                   "   THEN 1 ELSE failed_logins + 1 END,"
                   " locked_until = CASE"
                   "   WHEN locked_until IS NOT NULL AND locked_until > ?2 THEN locked_until"
                   "   WHEN (CASE WHEN locked_until IS NOT NULL AND locked_until <= ?2"
                   "     THEN 1 ELSE failed_logins + 1 END) >= ?3 THEN ?4"
                   "   ELSE NULL END"
                   " WHERE id = ?1 RETURNING failed_logins"));
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, date_time_iso(now, at));
    db_bind_int(st, 3, max);
    db_bind_text(st, 4, date_time_iso(lock_until, until));
    int rc = db_step(db, st, err);
    if (rc < 0)
        return -1;
    if (rc == 0) {
        db_reset(st);
        return err_fail(err, ERR_NOTFOUND, "no user with id %lld", (long long)id);
    }
    *failures = (int)db_col_int(st, 0);
    return db_step_done(db, st, err);
}

int user_store_login_ok(Db *db, int64_t id, int64_t now, Err *err)
{
    char at[TIME_ISO_SIZE];
    DbStmt *st = db_prepare(db, DB_SQL("UPDATE users SET failed_logins = 0, locked_until ="
                                             " NULL, last_login_at = ?2 WHERE id = ?1"));
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, date_time_iso(now, at));
    return update_one(db, st, id, err);
}

int user_store_set_password(Db *db, int64_t id, const char *hash, bool must_change, Err *err)
{
    char now[TIME_ISO_SIZE];
    DbStmt *st = db_prepare(
        db, DB_SQL("UPDATE users SET password_hash = ?2, must_change_password = ?3,"
                   " password_changed_at = ?4 WHERE id = ?1"));
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, hash);
    db_bind_int(st, 3, must_change);
    db_bind_text(st, 4, date_now_iso(now));
    return update_one(db, st, id, err);
}

int user_store_set_state(Db *db, int64_t id, UserState state, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("UPDATE users SET state = ?2, failed_logins = CASE WHEN ?2 = 'active' THEN 0"
                   " ELSE failed_logins END, locked_until = CASE WHEN ?2 = 'active' THEN NULL"
                   " ELSE locked_until END WHERE id = ?1"));
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, vocab_name(VOCAB_USER_STATE, (int)state));
    return update_one(db, st, id, err);
}

int user_store_set_roles(Db *db, int64_t id, unsigned roles, Err *err)
{
    DbStmt *st = db_prepare(db, DB_SQL("DELETE FROM user_role WHERE user_id = ?1"));
    db_bind_int(st, 1, id);
    if (db_step_done(db, st, err) < 0)
        return -1;
    return insert_roles(db, id, roles, err);
}

int user_store_update(Db *db, int64_t id, const char *display_name, int64_t unit_id, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("UPDATE users SET display_name = ?2, unit_id = ?3 WHERE id = ?1"));
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, display_name);
    db_bind_id(st, 3, unit_id);
    return update_one(db, st, id, err);
}

int user_store_count_role(Db *db, Role role, int *n, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("SELECT count(*) FROM user_role r JOIN users u ON u.id = r.user_id"
                   " WHERE r.role = ?1 AND u.state = 'active'"));
    db_bind_text(st, 1, model_role_name(role));
    int rc = db_step(db, st, err);
    if (rc < 0)
        return -1;
    *n = rc ? (int)db_col_int(st, 0) : 0;
    db_reset(st);
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
