/*
** err.h: expected failures. A function that can fail for reasons outside the program (bad
** input, I/O, a busy database, a refused transition) returns int, 0 on success and -1 on
** failure, and fills an Err. Only the front doors print an Err or turn it into an exit code
** or an HTTP status (err_exit_code here, the web layer for statuses).
*/
#ifndef ZG_ERR_H
#define ZG_ERR_H

#include "base.h"

typedef enum ErrCode {
    ERR_NONE = 0,
    ERR_INPUT,     /* bad input from a user or a file: 400 / 422, exit 1 */
    ERR_USAGE,     /* bad command-line usage: exit 2 */
    ERR_NOTFOUND,  /* no such object: 404 */
    ERR_FORBIDDEN, /* not allowed for this actor: 403 */
    ERR_CONFLICT,  /* the object's state does not allow it: 409 */
    ERR_IO,        /* file system or network */
    ERR_DB,        /* database failure (busy, corrupt, constraint) */
    ERR_TOO_LARGE, /* input over a size limit: 413 */
    ERR_AUTH,      /* not authenticated: 401 */
} ErrCode;

/*
** Stable ids of the failures that a user may be shown in the web pages. The layer that fails
** picks the id; the English text stays for the CLI, the API and the logs, and web/texts.c holds
** the one table of the Chinese for each id. A new refusal a page shows gets its id here.
*/
typedef enum MsgId {
    MSG_NONE, /* no id: the page says its generic text */
    /* passwords (base/password.c, web/auth.c, ledger/admin.c) */
    MSG_PASSWORD_TOO_SHORT,
    MSG_PASSWORD_TOO_SIMPLE,
    MSG_PASSWORD_TOO_LONG,
    MSG_PASSWORD_WRONG,
    MSG_PASSWORD_UNCHANGED,
    MSG_PASSWORD_COMMON,   /* on the list of common passwords */
    MSG_PASSWORD_HAS_LOGIN,
    MSG_PASSWORD_HAS_NAME,
    MSG_PASSWORD_DEMO,     /* the published demo password outside the demo */
    /* accounts and units (ledger/admin.c) */
    MSG_LOGIN_INVALID,
    MSG_LOGIN_TAKEN,
    MSG_DISPLAY_NAME_MISSING,
    MSG_UNIT_UNKNOWN,
    MSG_ROLE_UNKNOWN,
    MSG_ROLES_TWO_ADMINS,
    MSG_ROLES_ADMIN_AND_BUSINESS,
    MSG_OWN_ROLES,
    MSG_OWN_LOCK,
    MSG_ADMIN_SEPARATION,  /* 三员分立: administrator accounts are handled from the CLI only */
    MSG_ADMIN_LAST,        /* the last active holder of an administrator role */
    MSG_ADMIN_CHOOSES_PASSWORD, /* an administrator never chooses another person's password */
    MSG_UNIT_NAME_MISSING,
    MSG_UNIT_NAME_TAKEN,
    /* the measure workflow (ledger/workflow.c) */
    MSG_ACTION_FORBIDDEN,
    MSG_ACTION_STATE,
    MSG_ACTION_NEEDS_TEXT,
    MSG_ACTION_NEEDS_REASON,
    MSG_CLOSE_NO_REPORT,
    MSG_CLOSE_NO_EVIDENCE,
    MSG_SIGNOFF_NOT_REQUIRED,
    MSG_SIGNOFF_FIRST,
    MSG_ONSITE_PENDING,
    MSG_RETURN_AFTER_LEAD,
    MSG_FOUR_EYES_SUBMITTER, /* the submitter of a close-out may not approve it */
    MSG_FOUR_EYES_APPROVER,  /* nor may one who approved it at an earlier stage */
    MSG__COUNT
} MsgId;

typedef struct Err {
    ErrCode code;  /* ERR_NONE while no failure was recorded */
    char msg[512]; /* one line: the failure first, lowercase, no full stop */
    MsgId id;      /* what a page tells its user, MSG_NONE for its generic text */
} Err;

#define ERR_INIT {ERR_NONE, {0}, MSG_NONE}

/* Record a failure in err (which may be NULL) and return -1, for `return err_fail(...)`. */
int err_fail(Err *err, ErrCode code, const char *fmt, ...) FORMAT(3, 4);
/* err_fail with the message id a page shows its user. */
int err_failm(Err *err, ErrCode code, MsgId id, const char *fmt, ...) FORMAT(4, 5);
/* Clear err. */
void err_clear(Err *err);
/* The process exit code for err: 0 none, 2 usage, 1 anything else. */
int err_exit_code(const Err *err);

#endif
