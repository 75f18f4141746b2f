/*
** user_store.c: SQL for users and roles (user_store.h).
*/
#include "user_store.h"

int user_store_insert(Db *db, User *u, Err *err)
{
    char now[TIME_ISO_SIZE];
    sqlite3_stmt *st = db_prepare(
        db, DB_SQL("INSERT INTO users(login, display_name, unit_id, person_id, password_hash,"
                   " state, created_at) VALUES(?1,?2,?3,?4,?5,?6,?7)"));
    db_bind_text(st, 1, u->login);
    db_bind_text(st, 2, u->display_name);
    db_bind_id(st, 3, u->unit_id);
    db_bind_id(st, 4, u->person_id);
    db_bind_text(st, 5, u->password_hash ? u->password_hash : "");
    db_bind_text(st, 6, u->state ? u->state : "active");
    db_bind_text(st, 7, date_now_iso(now));
    if (db_step_done(db, st, err) < 0)
        return -1;
    u->id = db_last_id(db);
    for (int r = 0; r < ROLE__COUNT; r++) {
        if (!(u->roles & ROLE_BIT(r)))
            continue;
        st = db_prepare(db, DB_SQL("INSERT INTO user_role(user_id, role) VALUES(?1, ?2)"));
        db_bind_int(st, 1, u->id);
        db_bind_text(st, 2, model_role_name((Role)r));
        if (db_step_done(db, st, err) < 0)
            return -1;
    }
    return 0;
}

int user_store_find(Db *db, Arena *arena, const char *login, User *out, Err *err)
{
    sqlite3_stmt *st = db_prepare(
        db, DB_SQL("SELECT id, login, display_name, unit_id, person_id, state, password_hash,"
                   " failed_logins FROM users WHERE login = ?1"));
    db_bind_text(st, 1, login);
    int rc = db_step(db, st, err);
    if (rc == 1) {
        memset(out, 0, sizeof *out);
        out->id = db_col_int(st, 0);
        out->login = arena_strdup(arena, db_col_text(st, 1));
        out->display_name = arena_strdup(arena, db_col_text(st, 2));
        out->unit_id = db_col_int(st, 3);
        out->person_id = db_col_int(st, 4);
        out->state = arena_strdup(arena, db_col_text(st, 5));
        out->password_hash = arena_strdup(arena, db_col_text(st, 6));
        out->failed_logins = (int)db_col_int(st, 7);
    }
    sqlite3_reset(st);
    if (rc < 0)
        return -1;
    if (rc == 0)
        return err_fail(err, ERR_NOTFOUND, "no user '%s'", login);
    st = db_prepare(db, DB_SQL("SELECT role FROM user_role WHERE user_id = ?1"));
    db_bind_int(st, 1, out->id);
    while ((rc = db_step(db, st, err)) == 1) {
        int r = model_role_parse(db_col_text(st, 0));
        if (r >= 0)
            out->roles |= ROLE_BIT(r);
    }
    sqlite3_reset(st);
    return rc < 0 ? -1 : 0;
}
