/*
** texts.h: the Chinese words of the pages' refusals, in one table (STYLE: user-facing messages
** in the web UI come from one table). The layers below fail with an Err that carries a message
** id beside its English line (base/err.h); a page that shows the failure to its user asks here
** for the Chinese of the id.
*/
#ifndef ZG_WEB_TEXTS_H
#define ZG_WEB_TEXTS_H

#include "base/err.h"

/* The Chinese text of message id, or NULL for MSG_NONE (and ids out of range). */
const char *texts_message(MsgId id);
/* The Chinese text of err's message id, or fallback when it has none. */
const char *texts_error(const Err *err, const char *fallback);

#endif
