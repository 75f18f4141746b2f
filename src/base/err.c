/*
** err.c: recording expected failures (err.h).
*/
#include "err.h"

FORMAT(4, 0) static int fail_v(Err *err, ErrCode code, MsgId id, const char *fmt, va_list ap)
{
    if (!err)
        return -1;
    err->code = code;
    err->id = id;
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    return -1;
}

int err_fail(Err *err, ErrCode code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fail_v(err, code, MSG_NONE, fmt, ap);
    va_end(ap);
    return -1;
}

int err_failm(Err *err, ErrCode code, MsgId id, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fail_v(err, code, id, fmt, ap);
    va_end(ap);
    return -1;
}

void err_clear(Err *err)
{
    err->code = ERR_NONE;
    err->msg[0] = 0;
    err->id = MSG_NONE;
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
