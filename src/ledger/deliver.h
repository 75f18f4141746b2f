/*
** deliver.h: the daily reminders delivered to the organisation's messaging platform by webhook:
** one JSON POST per unit, leader and the office per day (ledger_remind_json), signed with
** HMAC-SHA256 of the body under a shared secret (header X-Zhenggai-Signature: sha256=<hex>),
** retried with exponential back-off, every attempt logged (delivery table) for the office.
*/
#ifndef ZG_DELIVER_H
#define ZG_DELIVER_H

#include "db/db.h"

typedef struct DeliverConfig {
    const char *url;    /* webhook URL, "" when none */
    const char *secret; /* HMAC key, "" when none */
    int hour;           /* local hour of the daily run (serve), 0..23; default 8 */
    int attempts;       /* tries per recipient; default 4 */
    int backoff_ms;     /* wait before the second try, doubled each time; default 1000 */
} DeliverConfig;

typedef struct DeliverStats {
    int recipients;      /* recipients owed a reminder */
    int delivered;       /* delivered now or earlier the same day */
    int failed_attempts; /* attempts that failed */
} DeliverStats;

/* The settings (remind.webhook_url, remind.webhook_secret, remind.hour, remind.attempts,
** remind.backoff_ms), defaults where unset; strings in arena. */
int deliver_config_load(Db *db, Arena *arena, DeliverConfig *c, Err *err);
int deliver_config_save(Db *db, const DeliverConfig *c, Err *err);
/* HMAC-SHA256 of body[0..n) under secret as 64 hex digits (out: 65 bytes). */
void deliver_sign(const char *secret, const char *body, size_t n, char out[65]);
/*
** Deliver the reminders of as_of to the configured webhook: each recipient not yet delivered
** that day gets its POST, retried on a failure or a status other than 2xx. Fails (ERR_INPUT)
** only when no webhook is configured; delivery failures are counted and logged.
*/
int deliver_run(Db *db, Day as_of, DeliverStats *st, Err *err);
/*
** The daily run of serve: when the hour has come and no server has claimed today, claim it and
** deliver. *ran tells whether this call did. who names this server in the claim.
*/
int deliver_daily(Db *db, Day today, int hour_now, const char *who, bool *ran, Err *err);

#endif
