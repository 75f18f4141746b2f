/*
** err.c: recording expected failures (err.h).
*/
#include "err.h"

int err_fail(Err *err, ErrCode code, const char *fmt, ...)
{
    if (!err)
        return -1;
    err->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return -1;
}

void err_clear(Err *err)
{
    err->code = ERR_NONE;
    err->msg[0] = 0;
}

int err_exit_code(const Err *err)
{
    switch (err->code) {
    case ERR_NONE:
        return 0;
    case ERR_USAGE:
        return 2;
    default:
        return 1;
    }
}

const char *err_code_name(ErrCode code)
{
    static const char *const names[] = {
        [ERR_NONE] = "none",           [ERR_INPUT] = "invalid_input", [ERR_USAGE] = "usage",
        [ERR_NOTFOUND] = "not_found",  [ERR_FORBIDDEN] = "forbidden", [ERR_CONFLICT] = "conflict",
        [ERR_IO] = "io",               [ERR_DB] = "database",         [ERR_TOO_LARGE] = "too_large",
        [ERR_AUTH] = "unauthenticated",
    };
    if ((size_t)code >= ARRAY_SIZE(names) || !names[code])
        BUG("unknown error code %d", (int)code);
    return names[code];
}
