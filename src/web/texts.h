/*
** texts.h: the Chinese words of the pages' refusals, in one table (STYLE: user-facing messages
** in the web UI come from one table). The layers below fail with one English line; a page that
** shows the failure to its user asks here for the Chinese of it.
*/
#ifndef ZG_WEB_TEXTS_H
#define ZG_WEB_TEXTS_H

/* The Chinese text of the English failure message msg, or fallback when the table lacks it. */
const char *texts_error(const char *msg, const char *fallback);

#include "ledger/workflow.h"

/*
** The Chinese reason why ledger_apply refused action a on measure m (as loaded for the check,
** closeout actors included) for actor, from err's code: the role, the four eyes of close-out,
** the state, a missing reason, report or evidence. A static string.
*/
const char *texts_refusal(const Measure *m, const Actor *actor, Action a, bool require_signoff,
                          const Err *err);

#endif
