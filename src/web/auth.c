/*
** auth.c: login, sessions, CSRF and API tokens (auth.h). The cookie carries 256 random bits; the
** database keeps only their SHA-256, so neither a database copy nor the audit log lets anyone in.
*/
#include "web/auth.h"

#include "base/hash.h"
#include "base/password.h"
#include "db/admin_store.h"
#include "db/audit_store.h"
#include "db/session_store.h"
#include "db/user_store.h"
#include "web/server.h"
#include "web/session_cache.h"

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

static int audit(Request *r, const char *actor, AuditAction action, const char *detail, Err *err)
{
    const char *object = r->authed ? arena_printf(&r->arena, "user:%lld", (long long)r->user.id)
                                   : "user";
    return audit_store_append(r->db, actor, action, object, detail, err);
}

int auth_audit(Request *r, const char *actor, AuditAction action, const char *object,
               const char *detail, Err *err)
{
    if (db_begin(r->db, err) < 0)
        return -1;
    return db_finish(r->db, audit_store_append(r->db, actor, action, object, detail, err), err);
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

/* Session s is within its idle and absolute timeouts at r->now. */
static bool session_in_time(const Request *r, const Session *s)
{
    const WebConfig *c = r->config;
    return r->now - s->seen <= c->idle_timeout && r->now - s->created <= c->absolute_timeout &&
           s->seen >= 0 && s->created >= 0;
}

/* r->user's account may act now: active and not locked. */
static bool user_may_act(const Request *r)
{
    return r->user.state == USER_ACTIVE && r->user.locked_until <= r->now;
}

/* A cached session answers only while it is valid and no last-seen write is due. */
static bool session_fresh(const Request *r, const Session *s)
{
    return session_in_time(r, s) && user_may_act(r) && r->now - s->seen < AUTH_TOUCH_SECONDS;
}

/*
** The session of r's cookie and its user (into *s and r->user) from the database: 1 when
** valid (its last-seen time written when due), 0 when there is none or it is no longer valid
** (then deleted), -1 on a database error.
*/
static int session_lookup(Request *r, Session *s, Err *err)
{
    char hash[HASH_HEX_SIZE];
    hash_sha256_hex(r->cookie_sid, 64, hash);
    if (session_store_get(r->db, &r->arena, hash, s, err) < 0) {
        if (err->code == ERR_NOTFOUND) {
            err_clear(err);
            return 0;
        }
        return -1;
    }
    if (!session_in_time(r, s))
        return session_store_delete(r->db, hash, err);
    if (user_store_get(r->db, &r->arena, s->user_id, &r->user, err) < 0)
        return -1;
    if (!user_may_act(r))
        return session_store_delete(r->db, hash, err);
    if (r->now - s->seen >= AUTH_TOUCH_SECONDS && session_store_touch(r->db, hash, r->now, err) < 0)
        return -1;
    return 1;
}

int auth_resolve(Request *r, bool allow_token)
{
    char hash[HASH_HEX_SIZE];
    Err *err = &r->err;
    if (allow_token && r->authorization && strncmp(r->authorization, "Bearer ", 7) == 0) {
        const char *tok = r->authorization + 7;
        if (!is_token_shaped(tok, 64))
            return 0;
        /* A read's entry of this second answers as the token's row would (its expiry is in
           whole seconds); a write reads the rows, as the version moves with every write. */
        int64_t version[2];
        Session at;
        bool read = !request_is_write(r);
        if (read && request_data_version(r, version) < 0)
            return -1;
        if (!read || !session_cache_find(r, SESSION_CACHE_TOKEN, tok, version, &at, &r->user) ||
            at.seen != r->now) {
            int64_t user_id = 0;
            if (token_store_find(r->db, hash_sha256_hex(tok, 64, hash), r->now, &user_id, err) < 0)
                return -1;
            if (!user_id)
                return 0;
            if (user_store_get(r->db, &r->arena, user_id, &r->user, err) < 0)
                return -1;
            at = (Session){.user_id = user_id, .seen = r->now};
            if (read)
                session_cache_put(SESSION_CACHE_TOKEN, tok, version, &at, &r->user);
        }
        if (r->user.state != USER_ACTIVE || r->user.locked_until > r->now)
            return 0;
        r->authed = r->via_token = true;
        return 0;
    }
    if (!r->cookie_sid || !is_token_shaped(r->cookie_sid, 64))
        return 0;
    /* The version first: an entry read after it is never older than the version says. */
    int64_t version[2];
    if (request_data_version(r, version) < 0)
        return -1;
    Session s;
    if (!session_cache_find(r, SESSION_CACHE_COOKIE, r->cookie_sid, version, &s, &r->user) ||
        !session_fresh(r, &s)) {
        int rc = session_lookup(r, &s, err);
        if (rc <= 0)
            return rc;
        User stored = r->user;
        Session kept = s;
        if (r->now - s.seen >= AUTH_TOUCH_SECONDS)
            kept.seen = r->now; /* session_lookup wrote it */
        session_cache_put(SESSION_CACHE_COOKIE, r->cookie_sid, version, &kept, &stored);
    }
    /* An expired password is changed before anything else, like a first one. */
    const WebConfig *c = r->config;
    if (c->password_days > 0 && r->user.password_changed > 0 &&
        r->now - r->user.password_changed > (int64_t)c->password_days * 86400)
        r->user.must_change_password = true;
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

/*
** Telling a locked account that it is locked, and until when, without revealing which logins
** exist. Two designs were weighed. Telling the lock only when the password is right leaks
** nothing about existence, but turns the lock into an oracle: during the 15 minutes an attacker
** keeps guessing and learns which guess was right, so the lock no longer slows guessing. So
** the lock is told for every attempt on that login, whatever the password, and unknown logins
** are locked the same way: their failures are audited under the object "login:NAME", and five
** in a row (with no lock-out since) lock that name for 15 minutes exactly as they lock an
** account, so a probe sees the same replies for a login that exists and one that does not.
** The audit rows are read newest first through the object index, at most six of them.
** An account an administrator locked or disabled reads as a wrong password: nobody can cause
** that state by guessing, and its owner learns of it from the administrator.
*/
static const char *const refused = "wrong login or password, or the account is locked";

/* The lock-out state of an unknown login from its latest audit rows: *until (0 when not
   locked) and *failed, the failures in a row since its last lock-out. */
static int unknown_login_state(Request *r, const char *object, int64_t *until, int *failed,
                               Err *err)
{
    AuditQuery q = {.object = object, .limit = AUTH_MAX_FAILURES + 1};
    AuditEntry *rows;
    int n;
    *until = 0;
    *failed = 0;
    if (admin_store_audit(r->db, &r->arena, &q, &rows, &n, err) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        int action = vocab_parse(VOCAB_AUDIT_ACTION, rows[i].action);
        if (action != AUDIT_LOGIN_FAILED) {
            int64_t at = date_time_parse(rows[i].at);
            if (action == AUDIT_LOGIN_LOCKOUT && at >= 0 &&
                at + AUTH_LOCK_SECONDS > r->now)
                *until = at + AUTH_LOCK_SECONDS;
            break;
        }
        (*failed)++;
    }
    return 0;
}

/* An attempt on a login nobody has: audited, and locked like an account (see above). */
static int login_unknown(Request *r, const char *login, const char *detail, Err *err)
{
    const char *object = strlen(login) <= 64 ? arena_printf(&r->arena, "login:%s", login)
                                             : "login:(too long)";
    int64_t until;
    int failed;
    if (unknown_login_state(r, object, &until, &failed, err) < 0)
        return -1;
    if (until) {
        r->login_locked_until = until;
        return audit_store_append(r->db, "anonymous", AUDIT_LOGIN_REFUSED, object,
                                  arena_printf(&r->arena, "%s; account locked after failures",
                                               detail),
                                  err);
    }
    if (audit_store_append(r->db, "anonymous", AUDIT_LOGIN_FAILED, object, detail, err) < 0)
        return -1;
    if (failed + 1 < AUTH_MAX_FAILURES)
        return 0;
    r->login_locked_until = r->now + AUTH_LOCK_SECONDS;
    return audit_store_append(r->db, "system", AUDIT_LOGIN_LOCKOUT, object,
                              arena_printf(&r->arena, "%d failures in a row; locked for %d minutes",
                                           failed + 1, AUTH_LOCK_SECONDS / 60),
                              err);
}

int auth_login(Request *r, const char *login, const char *password, Err *err)
{
    User u;
    Err lookup = ERR_INIT;
    bool known = *login && user_store_find(r->db, &r->arena, login, &u, &lookup) == 0;
    if (!known && lookup.code != ERR_NOTFOUND && lookup.code != ERR_NONE) {
        *err = lookup;
        return -1;
    }
    const char *detail = arena_printf(&r->arena, "login '%s' from %s", login, r->client);
    if (!known) {
        (void)password_verify(dummy_hash(), password); /* the same time as a real check */
        if (db_begin(r->db, err) < 0)
            return -1;
        if (login_unknown(r, login, detail, err) < 0)
            goto fail;
        if (db_commit(r->db, err) < 0)
            return -1;
        return err_fail(err, ERR_AUTH, "%s", refused);
    }
    const char *actor = u.login;
    const char *object = arena_printf(&r->arena, "user:%lld", (long long)u.id);
    if (u.state != USER_ACTIVE) {
        if (auth_audit(r, actor, AUDIT_LOGIN_REFUSED, object,
                        arena_printf(&r->arena, "%s; account %s", detail,
                                     vocab_name(VOCAB_USER_STATE, (int)u.state)),
                        err) < 0)
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
        /* Locked before this attempt (u was read before it counted). */
        r->login_locked_until = u.locked_until > r->now ? u.locked_until : r->now + AUTH_LOCK_SECONDS;
        if (auth_audit(r, actor, AUDIT_LOGIN_REFUSED, object,
                        arena_printf(&r->arena, "%s; account locked after failures", detail),
                        err) < 0)
            return -1;
        return err_fail(err, ERR_AUTH, "%s", refused);
    }
    bool match = password_verify(u.password_hash, password);
    if (db_begin(r->db, err) < 0)
        return -1;
    if (!match) {
        if (failures == AUTH_MAX_FAILURES)
            r->login_locked_until = r->now + AUTH_LOCK_SECONDS;
        if (audit_store_append(r->db, actor, AUDIT_LOGIN_FAILED, object, detail, err) < 0 ||
            (failures == AUTH_MAX_FAILURES &&
             audit_store_append(r->db, "system", AUDIT_LOGIN_LOCKOUT, object,
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
        audit_store_append(r->db, actor, AUDIT_LOGIN, object, detail, err) < 0)
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
    int rc = session_store_delete(r->db, r->session.id_hash, err) < 0 ||
                     audit(r, r->user.login, AUDIT_LOGOUT, "", err) < 0
                 ? -1
                 : 0;
    if (rc == 0)
        r->authed = false;
    return db_finish(r->db, rc, err);
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
        return err_failm(err, ERR_INPUT, MSG_PASSWORD_WRONG, "the current password is wrong");
    bool demo = false;
    if (user_store_is_demo(r->db, &demo, err) < 0)
        return -1;
    PasswordProblem problem =
        password_check_user(new_pw, r->user.login, r->user.display_name, demo);
    if (problem != PASSWORD_OK)
        return password_fail(problem, err);
    if (strcmp(old, new_pw) == 0)
        return err_failm(err, ERR_INPUT, MSG_PASSWORD_UNCHANGED,
                         "the new password must differ from the current one");
    char hash[PASSWORD_HASH_SIZE];
    password_hash(new_pw, hash);
    if (db_begin(r->db, err) < 0)
        return -1;
    if (user_store_set_password(r->db, r->user.id, hash, false, err) < 0 ||
        session_store_delete_user(r->db, r->user.id, err) < 0 || new_session(r, err) < 0 ||
        audit(r, r->user.login, AUDIT_PASSWORD_CHANGE, "", err) < 0) {
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
    int64_t expires = r->now + (int64_t)r->config->token_days * 86400;
    if (token_store_insert(r->db, r->user.id, name, hash_sha256_hex(tok, 64, hash), expires, id,
                           err) < 0 ||
        audit(r, r->user.login, AUDIT_TOKEN_CREATE, arena_printf(&r->arena, "token %lld '%s'",
                                                            (long long)*id, name), err) < 0) {
        db_rollback(r->db);
        return -1;
    }
    *token = arena_strdup(&r->arena, tok);
    return db_commit(r->db, err);
}
