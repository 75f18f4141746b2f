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

typedef struct Err {
    ErrCode code;  /* ERR_NONE while no failure was recorded */
    char msg[512]; /* one line: the failure first, lowercase, no full stop */
} Err;

#define ERR_INIT {ERR_NONE, {0}}

/* Record a failure in err (which may be NULL) and return -1, for `return err_fail(...)`. */
int err_fail(Err *err, ErrCode code, const char *fmt, ...) FORMAT(3, 4);
/* Clear err. */
void err_clear(Err *err);
/* The process exit code for err: 0 none, 2 usage, 1 anything else. */
int err_exit_code(const Err *err);
/* A short stable name for the code ("input", "not_found" …), used in JSON errors. */
const char *err_code_name(ErrCode code);

#endif
