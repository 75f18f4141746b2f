/*
** auth.h: authentication (SPEC §9): password login with lockout, sessions with idle and absolute
** timeouts in an HttpOnly SameSite=Strict cookie, CSRF tokens, first-login password change, API
** tokens for integrations. Every login, failure and lockout is audited.
*/
#ifndef ZG_WEB_AUTH_H
#define ZG_WEB_AUTH_H

#include "web/request.h"

#define AUTH_MAX_FAILURES 5       /* failures in a row that lock an account */
#define AUTH_LOCK_SECONDS (15 * 60)
#define AUTH_TOUCH_SECONDS 60     /* a session's last-seen time is written at most this often */

/*
** Find the user of r: the session cookie, or on JSON routes a "Bearer" API token. Sets r->authed,
** r->user (and r->session, r->via_token). An expired session is deleted. 0, or -1 with r->err on a
** database failure; an unknown or expired credential is not a failure, just no user.
*/
int auth_resolve(Request *r, bool allow_token);
/*
** Log in with login and password: on success a new session (a fresh id, whatever cookie came in),
** its cookie set on the reply, r->user filled. Fails with ERR_AUTH for a wrong login or password
** or a locked or disabled account (one message for all). When the login is locked after
** failures (this attempt's or earlier ones), r->login_locked_until says until when; unknown
** logins are locked alike, so the lock tells nothing about which logins exist (see auth.c).
*/
int auth_login(Request *r, const char *login, const char *password, Err *err);
/* End r's session on the server and clear the cookie. */
int auth_logout(Request *r, Err *err);
/* True when r carries its session's CSRF token (form field "csrf" or header X-CSRF-Token). */
bool auth_csrf_ok(const Request *r);
/*
** Change r->user's password: old must match, new must pass the policy (ERR_INPUT naming the rule)
** and differ from old. Other sessions of the user end; this one gets a new id.
*/
int auth_change_password(Request *r, const char *old, const char *new_pw, Err *err);
/*
** Append one audit entry in a transaction of its own (a refusal or a read that changes nothing
** else): actor, action, object, detail as audit_store_append takes them. 0, or -1 with err.
*/
int auth_audit(Request *r, const char *actor, AuditAction action, const char *object,
               const char *detail, Err *err);
/* Create an API token for r->user; the token (shown once) into *token, in r's arena. */
int auth_token_create(Request *r, const char *name, const char **token, int64_t *id, Err *err);

#endif
