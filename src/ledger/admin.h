/*
** admin.h: the administration of accounts and units (SPEC §5, 三员分立): the rule of which roles
** may go together, and each administrative change (create a user, set roles, lock, unlock,
** reset a password, rename, create a unit) as one transaction with its audit entry. The web's
** administration pages and the `user` command both call these, so the rules hold for both
** front doors; who may call which function is the front door's business (route roles, or the
** shell account for the CLI).
*/
#ifndef ZG_ADMIN_H
#define ZG_ADMIN_H

#include "base/password.h"
#include "db/db.h"
#include "db/model.h"
#include "ledger/workflow.h"

/* Why a set of roles is refused. */
typedef enum RolesProblem {
    ROLES_OK,
    ROLES_TWO_ADMINS,         /* two of sysadmin, secadmin, auditor */
    ROLES_ADMIN_AND_BUSINESS, /* an administrator role with a business role */
    ROLES__COUNT
} RolesProblem;

/*
** The one rule of role sets (三员分立): sysadmin, secadmin and auditor are mutually exclusive, and
** none of them goes with a business role (office, leader, unit, discipline, observer). The empty
** set is valid (an account waiting for the security administrator). Returns true when roles
** (a ROLE_BIT set) are valid; otherwise false with *why (may be NULL) set.
*/
bool roles_valid(unsigned roles, RolesProblem *why);
/* The English message of a problem (CLI, API); pages show its MsgId's Chinese. */
const char *roles_problem_message(RolesProblem p);
/*
** Parse a comma-separated list of role names ("office,leader") into a ROLE_BIT set. An empty
** list gives 0. An unknown name fails with ERR_INPUT naming it.
*/
int roles_parse(const char *list, unsigned *roles, Err *err);
/* Write the names of a ROLE_BIT set, comma-separated ("office,leader"; "" for none), into arena. */
const char *roles_format(Arena *arena, unsigned roles);

/*
** Create user u (login, display_name, unit_id, roles; other fields ignored) with an initial
** password that must be changed at first login: password when given (the command line's
** --password-stdin), else a one-time password made here into otp (shown once by the caller).
** Checks: login of 1–64 characters from [A-Za-z0-9._-], a display name, valid roles (ERR_INPUT
** naming the rule), the password policy (password_check_user: ERR_INPUT), an existing unit
** (ERR_INPUT); a taken login fails with ERR_CONFLICT. Audited as user.create by actor. Sets u->id.
** 三员分立: an administrator on the web (actor->user_id != 0) cannot create an administrator
** account (ERR_FORBIDDEN); the command line's operator can.
*/
int admin_user_create(Db *db, const Actor *actor, User *u, const char *password,
                      char otp[PASSWORD_OTP_SIZE], Err *err);
/*
** Replace the roles of user id. Refused with ERR_INPUT when the set breaks roles_valid or when
** the actor changes their own roles. 三员分立 (ERR_FORBIDDEN): an administrator on the web
** (actor->user_id != 0) cannot touch an administrator account's roles nor grant an administrator
** role - only the command line's operator can; and nobody removes the last active holder of
** sysadmin, secadmin or auditor. The user's sessions end (their rights changed). Audited as
** user.roles with the old and new sets.
*/
int admin_user_set_roles(Db *db, const Actor *actor, int64_t id, unsigned roles, Err *err);
/*
** Lock (state locked; every session and the user's login ends) or unlock (active, failure count
** and failure lock cleared) user id. An actor cannot lock themselves (ERR_INPUT) nor the last
** active holder of an administrator role (ERR_FORBIDDEN). Audited as user.lock / user.unlock.
*/
int admin_user_lock(Db *db, const Actor *actor, int64_t id, bool lock, Err *err);
/*
** Reset the password of user id: to a one-time password made here into otp (password NULL: the
** web, where an administrator never chooses another person's password), or to password (the
** command line's --password-stdin; policy checked, ERR_INPUT). Either way the user must change
** it at the next login, the user's sessions and API tokens end. An administrator on the web
** cannot reset an administrator account (ERR_FORBIDDEN: the command line's operator does).
** Audited as user.password_reset (the password itself is never logged).
*/
int admin_user_reset_password(Db *db, const Actor *actor, int64_t id, const char *password,
                              char otp[PASSWORD_OTP_SIZE], Err *err);
/* Set user id's display name and unit (0: none; must exist). Audited as user.update. */
int admin_user_update(Db *db, const Actor *actor, int64_t id, const char *display_name,
                      int64_t unit_id, Err *err);
/*
** Create unit u (name, short_name or NULL, kind, parent_id or 0; the parent must exist). A taken
** name fails with ERR_CONFLICT, an empty one with ERR_INPUT. Audited as unit.create. Sets u->id.
*/
int admin_unit_create(Db *db, const Actor *actor, Unit *u, Err *err);

#endif
