/*
** admin.c: accounts and units, one audited transaction per change (admin.h).
*/
#include "admin.h"

#include "base/buf.h"
#include "base/password.h"
#include "db/audit_store.h"
#include "db/org_store.h"
#include "db/session_store.h"
#include "db/user_store.h"

#define ADMIN_ROLES (ROLE_BIT(ROLE_SYSADMIN) | ROLE_BIT(ROLE_SECADMIN) | ROLE_BIT(ROLE_AUDITOR))

/* The English of each problem (CLI, API); pages show the Chinese of its MsgId (web/texts.c). */
static const struct {
    const char *message; /* English: CLI and API */
    MsgId id;            /* what a page says */
} roles_problems[] = {
    [ROLES_OK] = {"the roles are valid", MSG_NONE},
    [ROLES_TWO_ADMINS] = {"sysadmin, secadmin and auditor must be three different accounts",
                          MSG_ROLES_TWO_ADMINS},
    [ROLES_ADMIN_AND_BUSINESS] = {"an administrator role cannot be combined with a business role",
                                  MSG_ROLES_ADMIN_AND_BUSINESS},
};
_Static_assert(ARRAY_SIZE(roles_problems) == ROLES__COUNT, "roles problems");

bool roles_valid(unsigned roles, RolesProblem *why)
{
    unsigned admin = roles & ADMIN_ROLES;
    RolesProblem p = ROLES_OK;
    if (admin & (admin - 1))
        p = ROLES_TWO_ADMINS;
    else if (admin && (roles & ~ADMIN_ROLES))
        p = ROLES_ADMIN_AND_BUSINESS;
    if (why)
        *why = p;
    return p == ROLES_OK;
}

const char *roles_problem_message(RolesProblem p)
{
    return p >= 0 && p < ROLES__COUNT ? roles_problems[p].message : "";
}

int roles_parse(const char *list, unsigned *roles, Err *err)
{
    *roles = 0;
    while (list && *list) {
        size_t n = strcspn(list, ",");
        char name[32];
        int r = -1;
        if (n > 0 && n < sizeof name) {
            memcpy(name, list, n);
            name[n] = 0;
            r = model_role_parse(name);
        }
        if (r < 0)
            return err_failm(err, ERR_INPUT, MSG_ROLE_UNKNOWN,
                             "unknown role '%.*s' (sysadmin, secadmin, auditor, "
                             "office, leader, unit, discipline, observer)",
                             (int)(n > 64 ? 64 : n), list);
        *roles |= ROLE_BIT(r);
        list += n + (list[n] == ',');
    }
    return 0;
}

const char *roles_format(Arena *arena, unsigned roles)
{
    Buf b = BUF_INIT;
    for (int r = 0; r < ROLE__COUNT; r++)
        if (roles & ROLE_BIT(r))
            buf_printf(&b, "%s%s", b.len ? "," : "", model_role_name((Role)r));
    const char *s = arena_strdup(arena, b.data);
    buf_free(&b);
    return s;
}

/*
** The Argon2id hash of a new password for login / name: password after the policy check, or when
** password is NULL a one-time password made into otp.
*/
static int hash_new_password(Db *db, const char *password, const char *login, const char *name,
                             char otp[PASSWORD_OTP_SIZE], char hash[PASSWORD_HASH_SIZE], Err *err)
{
    bool demo = false;
    if (!password) {
        password_generate(otp);
        password = otp;
    } else if (user_store_is_demo(db, &demo, err) < 0) {
        return -1;
    }
    PasswordProblem problem = password_check_user(password, login, name, demo);
    if (problem != PASSWORD_OK)
        return password_fail(problem, err);
    password_hash(password, hash);
    return 0;
}

/* True for an actor on the web (an administrator's account), false for the command line. */
static bool web_actor(const Actor *actor)
{
    return actor->user_id != 0;
}

/* ERR_FORBIDDEN unless every administrator role in roles keeps another active holder. */
static int keep_admin_holders(Db *db, unsigned roles, Err *err)
{
    static const Role admin_roles[] = {ROLE_SYSADMIN, ROLE_SECADMIN, ROLE_AUDITOR};
    for (size_t i = 0; i < ARRAY_SIZE(admin_roles); i++) {
        int n;
        if (!(roles & ROLE_BIT(admin_roles[i])))
            continue;
        if (user_store_count_role(db, admin_roles[i], &n, err) < 0)
            return -1;
        if (n <= 1)
            return err_failm(err, ERR_FORBIDDEN, MSG_ADMIN_LAST, "the last active %s cannot lose the role",
                            model_role_name(admin_roles[i]));
    }
    return 0;
}

static bool login_ok(const char *login)
{
    size_t n = strlen(login);
    if (n == 0 || n > 64)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = login[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-'))
            return false;
    }
    return true;
}

static int check_roles(unsigned roles, Err *err)
{
    RolesProblem why;
    if (!roles_valid(roles, &why))
        return err_failm(err, ERR_INPUT, roles_problems[why].id, "%s", roles_problem_message(why));
    return 0;
}

static int check_unit(Db *db, Arena *arena, int64_t unit_id, Err *err)
{
    Unit u;
    if (unit_id && unit_store_get(db, arena, unit_id, &u, err) < 0) {
        if (err->code == ERR_NOTFOUND) {
            err->code = ERR_INPUT;
            err->id = MSG_UNIT_UNKNOWN;
        }
        return -1;
    }
    return 0;
}

/* The audit entry of a change to user id. */
static int audit_user(Db *db, Arena *arena, const Actor *actor, AuditAction action, int64_t id,
                      const char *detail, Err *err)
{
    return audit_store_append(db, actor->login, action,
                              arena_printf(arena, "user:%lld", (long long)id), detail, err);
}

/* Commit, or roll back when rc says the change failed; frees arena either way. */
static int finish(Db *db, Arena *arena, int rc, Err *err)
{
    rc = db_finish(db, rc, err);
    arena_free(arena);
    return rc;
}

int admin_user_create(Db *db, const Actor *actor, User *u, const char *password,
                      char otp[PASSWORD_OTP_SIZE], Err *err)
{
    if (!u->login || !login_ok(u->login))
        return err_failm(err, ERR_INPUT, MSG_LOGIN_INVALID,
                         "a login needs 1 to 64 of the characters A-Z a-z 0-9 . _ -");
    if (!u->display_name || !*u->display_name)
        return err_failm(err, ERR_INPUT, MSG_DISPLAY_NAME_MISSING, "a user needs a display name");
    if (check_roles(u->roles, err) < 0)
        return -1;
    if (web_actor(actor) && (u->roles & ADMIN_ROLES))
        return err_failm(err, ERR_FORBIDDEN, MSG_ADMIN_SEPARATION, "administrator accounts are made from the command line"
                                            " (separation of the three administrators)");
    if (web_actor(actor) && password)
        return err_failm(err, ERR_FORBIDDEN, MSG_ADMIN_CHOOSES_PASSWORD, "an administrator never chooses another person's password");
    char hash[PASSWORD_HASH_SIZE];
    if (hash_new_password(db, password, u->login, u->display_name, otp, hash, err) < 0)
        return -1;
    Arena arena = ARENA_INIT;
    if (db_begin(db, err) < 0)
        return -1;
    User row = *u;
    row.password_hash = hash;
    row.state = USER_ACTIVE;
    User same;
    Err lookup = ERR_INIT;
    int rc = check_unit(db, &arena, u->unit_id, err);
    if (rc == 0 && user_store_find(db, &arena, u->login, &same, &lookup) == 0)
        rc = err_failm(err, ERR_CONFLICT, MSG_LOGIN_TAKEN, "the login '%s' is taken", u->login);
    else if (rc == 0 && lookup.code != ERR_NOTFOUND)
        rc = (*err = lookup, -1);
    if (rc == 0 && (rc = user_store_insert(db, &row, err)) == 0)
        rc = audit_user(db, &arena, actor, AUDIT_USER_CREATE, row.id,
                        arena_printf(&arena, "login '%s', name '%s', unit %lld, roles '%s'",
                                     u->login, u->display_name, (long long)u->unit_id,
                                     roles_format(&arena, u->roles)),
                        err);
    u->id = row.id;
    return finish(db, &arena, rc, err);
}

int admin_user_set_roles(Db *db, const Actor *actor, int64_t id, unsigned roles, Err *err)
{
    if (actor->user_id && actor->user_id == id)
        return err_failm(err, ERR_INPUT, MSG_OWN_ROLES,
                         "an administrator cannot change their own roles");
    if (check_roles(roles, err) < 0)
        return -1;
    Arena arena = ARENA_INIT;
    User old;
    if (db_begin(db, err) < 0)
        return -1;
    int rc = user_store_get(db, &arena, id, &old, err);
    if (rc == 0 && web_actor(actor) && ((old.roles | roles) & ADMIN_ROLES))
        rc = err_failm(err, ERR_FORBIDDEN, MSG_ADMIN_SEPARATION, "administrator roles are changed only from the command"
                                          " line (separation of the three administrators)");
    if (rc == 0 && old.state == USER_ACTIVE)
        rc = keep_admin_holders(db, old.roles & ~roles & ADMIN_ROLES, err);
    if (rc == 0 && (rc = user_store_set_roles(db, id, roles, err)) == 0 &&
        (rc = session_store_delete_user(db, id, err)) == 0)
        rc = audit_user(db, &arena, actor, AUDIT_USER_ROLES, id,
                        arena_printf(&arena, "'%s': '%s' -> '%s'", old.login,
                                     roles_format(&arena, old.roles), roles_format(&arena, roles)),
                        err);
    return finish(db, &arena, rc, err);
}

int admin_user_lock(Db *db, const Actor *actor, int64_t id, bool lock, Err *err)
{
    if (lock && actor->user_id && actor->user_id == id)
        return err_failm(err, ERR_INPUT, MSG_OWN_LOCK,
                         "an administrator cannot lock their own account");
    Arena arena = ARENA_INIT;
    User u;
    if (db_begin(db, err) < 0)
        return -1;
    int rc = user_store_get(db, &arena, id, &u, err);
    if (rc == 0 && lock && u.state == USER_ACTIVE)
        rc = keep_admin_holders(db, u.roles & ADMIN_ROLES, err);
    if (rc == 0)
        rc = user_store_set_state(db, id, lock ? USER_LOCKED : USER_ACTIVE, err);
    if (rc == 0 && lock)
        rc = session_store_delete_user(db, id, err);
    if (rc == 0)
        rc = audit_user(db, &arena, actor, lock ? AUDIT_USER_LOCK : AUDIT_USER_UNLOCK, id,
                        arena_printf(&arena, "'%s': %s -> %s", u.login,
                                     vocab_name(VOCAB_USER_STATE, (int)u.state),
                                     vocab_name(VOCAB_USER_STATE, lock ? USER_LOCKED : USER_ACTIVE)),
                        err);
    return finish(db, &arena, rc, err);
}

int admin_user_reset_password(Db *db, const Actor *actor, int64_t id, const char *password,
                              char otp[PASSWORD_OTP_SIZE], Err *err)
{
    char hash[PASSWORD_HASH_SIZE];
    Arena arena = ARENA_INIT;
    User u;
    if (db_begin(db, err) < 0)
        return -1;
    int rc = user_store_get(db, &arena, id, &u, err);
    if (rc == 0 && web_actor(actor) && password)
        rc = err_failm(err, ERR_FORBIDDEN, MSG_ADMIN_CHOOSES_PASSWORD, "an administrator never chooses another person's password");
    if (rc == 0 && web_actor(actor) && (u.roles & ADMIN_ROLES))
        rc = err_failm(err, ERR_FORBIDDEN, MSG_ADMIN_SEPARATION, "an administrator account's password is reset from the"
                                          " command line (separation of the three administrators)");
    if (rc == 0)
        rc = hash_new_password(db, password, u.login, u.display_name, otp, hash, err);
    if (rc == 0 && (rc = user_store_set_password(db, id, hash, true, err)) == 0 &&
        (rc = session_store_delete_user(db, id, err)) == 0)
        rc = audit_user(db, &arena, actor, AUDIT_USER_PASSWORD_RESET, id,
                        arena_printf(&arena, "'%s': %s, must change at next login", u.login,
                                     password ? "set by the operator" : "one-time password"),
                        err);
    return finish(db, &arena, rc, err);
}

int admin_user_update(Db *db, const Actor *actor, int64_t id, const char *display_name,
                      int64_t unit_id, Err *err)
{
    if (!display_name || !*display_name)
        return err_failm(err, ERR_INPUT, MSG_DISPLAY_NAME_MISSING, "a user needs a display name");
    Arena arena = ARENA_INIT;
    User u;
    if (db_begin(db, err) < 0)
        return -1;
    int rc = user_store_get(db, &arena, id, &u, err);
    if (rc == 0 && (rc = check_unit(db, &arena, unit_id, err)) == 0 &&
        (rc = user_store_update(db, id, display_name, unit_id, err)) == 0)
        rc = audit_user(db, &arena, actor, AUDIT_USER_UPDATE, id,
                        arena_printf(&arena, "'%s': name '%s' -> '%s', unit %lld -> %lld", u.login,
                                     u.display_name, display_name, (long long)u.unit_id,
                                     (long long)unit_id),
                        err);
    return finish(db, &arena, rc, err);
}

int admin_unit_create(Db *db, const Actor *actor, Unit *u, Err *err)
{
    if (!u->name || !*u->name)
        return err_failm(err, ERR_INPUT, MSG_UNIT_NAME_MISSING, "a unit needs a name");
    if (u->short_name && !*u->short_name)
        u->short_name = NULL;
    Arena arena = ARENA_INIT;
    if (db_begin(db, err) < 0)
        return -1;
    int64_t taken = 0;
    int rc = check_unit(db, &arena, u->parent_id, err);
    if (rc == 0 && (rc = unit_store_find(db, u->name, &taken, err)) == 0 && taken)
        rc = err_failm(err, ERR_CONFLICT, MSG_UNIT_NAME_TAKEN, "a unit named '%s' exists", u->name);
    if (rc == 0 && (rc = unit_store_insert(db, u, err)) == 0)
        rc = audit_store_append(db, actor->login, AUDIT_UNIT_CREATE,
                                arena_printf(&arena, "unit:%lld", (long long)u->id),
                                arena_printf(&arena, "'%s', parent %lld, kind %s", u->name,
                                             (long long)u->parent_id, model_unit_kind_name(u->kind)),
                                err);
    return finish(db, &arena, rc, err);
}
