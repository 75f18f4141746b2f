/*
** auth.c: login, sessions, CSRF and API tokens (auth.h). The cookie carries 256 random bits; the
** database keeps only their SHA-256, so neither a database copy nor the audit log lets anyone in.
*/
#include "web/auth.h"

#include "base/hash.h"
#include "base/password.h"
#include "db/audit_store.h"
#include "db/session_store.h"
#include "db/user_store.h"
#include "web/server.h"

#include <pthread.h>

/*
** A hash to verify against when the login is unknown, so both cases take the same time. Made
** once (pthread_once) and immutable afterwards.
*/
static char dummy[PASSWORD_HASH_SIZE];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void dummy_make(void)
{
    password_hash("no such account, no such password", dummy);
}

static const char *dummy_hash(void)
{
    pthread_once(&dummy_once, dummy_make);
    return dummy;
}

static int audit(Request *r, const char *actor, const char *action, const char *detail, Err *err)
{
    const char *object = r->authed ? arena_printf(&r->arena, "user:%lld", (long long)r->user.id)
                                   : "user";
    return audit_store_append(r->db, actor, action, object, detail, err);
}

/* One audit entry in a transaction of its own (a refusal that changes nothing else). */
static int audit_alone(Request *r, const char *actor, const char *action, const char *object,
                       const char *detail, Err *err)
{
    if (db_begin(r->db, err) < 0)
        return -1;
    if (audit_store_append(r->db, actor, action, object, detail, err) < 0) {
        db_rollback(r->db);
        return -1;
    }
    return db_commit(r->db, err);
}

static bool is_token_shaped(const char *s, size_t n)
{
    if (strlen(s) != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return false;
    return true;
}

int auth_resolve(Request *r, bool allow_token)
{
    char hash[HASH_HEX_SIZE];
    Err *err = &r->err;
    if (allow_token && r->authorization && strncmp(r->authorization, "Bearer ", 7) == 0) {
        const char *tok = r->authorization + 7;
        int64_t user_id = 0;
        if (!is_token_shaped(tok, 64))
            return 0;
        if (token_store_find(r->db, hash_sha256_hex(tok, 64, hash), &user_id, err) < 0)
            return -1;
        if (!user_id)
            return 0;
        if (user_store_get(r->db, &r->arena, user_id, &r->user, err) < 0)
            return -1;
        if (strcmp(r->user.state, "active") != 0)
            return 0;
        r->authed = r->via_token = true;
        return 0;
    }
    if (!r->cookie_sid || !is_token_shaped(r->cookie_sid, 64))
        return 0;
    hash_sha256_hex(r->cookie_sid, 64, hash);
    Session s;
    if (session_store_get(r->db, &r->arena, hash, &s, err) < 0) {
        if (err->code == ERR_NOTFOUND) {
            err_clear(err);
            return 0;
        }
        return -1;
    }
    const WebConfig *c = r->config;
    if (r->now - s.seen > c->idle_timeout || r->now - s.created > c->absolute_timeout ||
        s.seen < 0 || s.created < 0)
        return session_store_delete(r->db, hash, err);
    if (user_store_get(r->db, &r->arena, s.user_id, &r->user, err) < 0)
        return -1;
    if (strcmp(r->user.state, "active") != 0 || r->user.locked_until > r->now)
        return session_store_delete(r->db, hash, err);
    if (r->now - s.seen >= AUTH_TOUCH_SECONDS && session_store_touch(r->db, hash, r->now, err) < 0)
        return -1;
    r->session = s;
    r->authed = true;
    return 0;
}

/* A new session for r->user: random id and CSRF token, stored by hash, cookie set. */
static int new_session(Request *r, Err *err)
{
    char sid[HASH_HEX_SIZE], hash[HASH_HEX_SIZE], csrf[HASH_HEX_SIZE];
    hash_random_hex(sid, 32);
    hash_random_hex(csrf, 32);
    Session s = {hash_sha256_hex(sid, 64, hash), r->user.id, csrf, r->now, r->now};
    if (session_store_insert(r->db, &s, err) < 0)
        return -1;
    s.id_hash = arena_strdup(&r->arena, hash);
    s.csrf = arena_strdup(&r->arena, csrf);
    r->session = s;
    r->authed = true;
    r->via_token = false;
    request_set_cookie(r, arena_strdup(&r->arena, sid));
    return 0;
}

int auth_login(Request *r, const char *login, const char *password, Err *err)
{
    static const char *const refused = "wrong login or password, or the account is locked";
    User u;
    Err lookup = ERR_INIT;
    bool known = *login && user_store_find(r->db, &r->arena, login, &u, &lookup) == 0;
    if (!known && lookup.code != ERR_NOTFOUND && lookup.code != ERR_NONE) {
        *err = lookup;
        return -1;
    }
    if (!known) {
        (void)password_verify(dummy_hash(), password); /* the same time as a real check */
        if (audit_alone(r, "anonymous", "login.failed", "user",
                               arena_printf(&r->arena, "login '%s' from %s", login, r->client),
                               err) < 0)
            return -1;
        return err_fail(err, ERR_AUTH, "%s", refused);
    }
    const char *actor = u.login;
    const char *detail = arena_printf(&r->arena, "login '%s' from %s", login, r->client);
    const char *object = arena_printf(&r->arena, "user:%lld", (long long)u.id);
    if (strcmp(u.state, "active") != 0) {
        if (audit_alone(r, actor, "login.refused", object,
                        arena_printf(&r->arena, "%s; account %s", detail, u.state), err) < 0)
            return -1;
        return err_fail(err, ERR_AUTH, "%s", refused);
    }
    /*
    ** The attempt is counted before the password is checked, atomically: of parallel guesses
    ** only those that find the account unlocked are checked, at most AUTH_MAX_FAILURES.
    */
    int failures = 0;
    if (user_store_login_attempt(r->db, u.id, r->now, AUTH_MAX_FAILURES,
                                 r->now + AUTH_LOCK_SECONDS, &failures, err) < 0)
        return -1;
    if (failures > AUTH_MAX_FAILURES) {
        if (audit_alone(r, actor, "login.refused", object,
                        arena_printf(&r->arena, "%s; account locked after failures", detail),
                        err) < 0)
            return -1;
        return err_fail(err, ERR_AUTH, "%s", refused);
    }
    bool match = password_verify(u.password_hash, password);
    if (db_begin(r->db, err) < 0)
        return -1;
    if (!match) {
        if (audit_store_append(r->db, actor, "login.failed", object, detail, err) < 0 ||
            (failures == AUTH_MAX_FAILURES &&
             audit_store_append(r->db, "system", "login.lockout", object,
                                arena_printf(&r->arena, "%d failures in a row; locked for %d minutes",
                                             failures, AUTH_LOCK_SECONDS / 60),
                                err) < 0))
            goto fail;
        if (db_commit(r->db, err) < 0)
            return -1;
        return err_fail(err, ERR_AUTH, "%s", refused);
    }
    /* A new session id at login, whatever cookie came in (no fixation). */
    if (r->cookie_sid && is_token_shaped(r->cookie_sid, 64)) {
        char old[HASH_HEX_SIZE];
        if (session_store_delete(r->db, hash_sha256_hex(r->cookie_sid, 64, old), err) < 0)
            goto fail;
    }
    r->user = u;
    if (user_store_login_ok(r->db, u.id, r->now, err) < 0 || new_session(r, err) < 0 ||
        audit_store_append(r->db, actor, "login", object, detail, err) < 0)
        goto fail;
    return db_commit(r->db, err);
fail:
    db_rollback(r->db);
    return -1;
}

int auth_logout(Request *r, Err *err)
{
    request_set_cookie(r, NULL);
    if (!r->authed || r->via_token)
        return 0;
    if (db_begin(r->db, err) < 0)
        return -1;
    if (session_store_delete(r->db, r->session.id_hash, err) < 0 ||
        audit(r, r->user.login, "logout", "", err) < 0) {
        db_rollback(r->db);
        return -1;
    }
    r->authed = false;
    return db_commit(r->db, err);
}

bool auth_csrf_ok(const Request *r)
{
    if (!r->authed || r->via_token)
        return r->via_token;
    const char *t = r->csrf_header ? r->csrf_header : request_form(r, "csrf");
    return t && hash_equal(t, r->session.csrf);
}

int auth_change_password(Request *r, const char *old, const char *new_pw, Err *err)
{
    if (!password_verify(r->user.password_hash, old))
        return err_fail(err, ERR_INPUT, "the current password is wrong");
    PasswordProblem problem = password_check(new_pw);
    if (problem != PASSWORD_OK)
        return err_fail(err, ERR_INPUT, "%s", password_problem_message(problem));
    if (strcmp(old, new_pw) == 0)
        return err_fail(err, ERR_INPUT, "the new password must differ from the current one");
    char hash[PASSWORD_HASH_SIZE];
    password_hash(new_pw, hash);
    if (db_begin(r->db, err) < 0)
        return -1;
    if (user_store_set_password(r->db, r->user.id, hash, false, err) < 0 ||
        session_store_delete_user(r->db, r->user.id, err) < 0 || new_session(r, err) < 0 ||
        audit(r, r->user.login, "password.change", "", err) < 0) {
        db_rollback(r->db);
        return -1;
    }
    r->user.must_change_password = false;
    r->user.password_hash = arena_strdup(&r->arena, hash);
    return db_commit(r->db, err);
}

int auth_token_create(Request *r, const char *name, const char **token, int64_t *id, Err *err)
{
    char tok[HASH_HEX_SIZE], hash[HASH_HEX_SIZE];
    hash_random_hex(tok, 32);
    if (db_begin(r->db, err) < 0)
        return -1;
    if (token_store_insert(r->db, r->user.id, name, hash_sha256_hex(tok, 64, hash), id, err) < 0 ||
        audit(r, r->user.login, "token.create", arena_printf(&r->arena, "token %lld '%s'",
                                                            (long long)*id, name), err) < 0) {
        db_rollback(r->db);
        return -1;
    }
    *token = arena_strdup(&r->arena, tok);
    return db_commit(r->db, err);
}
