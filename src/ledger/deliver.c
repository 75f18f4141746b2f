/*
** deliver.c: webhook deliveries of the daily reminders (deliver.h).
*/
#include "deliver.h"

#include "base/http_post.h"
#include "db/delivery_store.h"
#include "ledger/remind.h"

#include <sodium.h>
#include <time.h>

static int int_setting(Db *db, Arena *arena, const char *key, int def, int lo, int hi, int *out,
                       Err *err)
{
    const char *v;
    if (setting_store_get(db, arena, key, &v, err) < 0)
        return -1;
    long x = v ? strtol(v, NULL, 10) : def;
    *out = x >= lo && x <= hi ? (int)x : def;
    return 0;
}

int deliver_config_load(Db *db, Arena *arena, DeliverConfig *c, Err *err)
{
    memset(c, 0, sizeof *c);
    if (setting_store_get(db, arena, "remind.webhook_url", &c->url, err) < 0 ||
        setting_store_get(db, arena, "remind.webhook_secret", &c->secret, err) < 0 ||
        int_setting(db, arena, "remind.hour", 8, 0, 23, &c->hour, err) < 0 ||
        int_setting(db, arena, "remind.attempts", 4, 1, 10, &c->attempts, err) < 0 ||
        int_setting(db, arena, "remind.backoff_ms", 1000, 1, 600000, &c->backoff_ms, err) < 0)
        return -1;
    if (!c->url)
        c->url = "";
    if (!c->secret)
        c->secret = "";
    return 0;
}

int deliver_config_save(Db *db, const DeliverConfig *c, Err *err)
{
    char hour[16], attempts[16], backoff[16];
    snprintf(hour, sizeof hour, "%d", c->hour);
    snprintf(attempts, sizeof attempts, "%d", c->attempts);
    snprintf(backoff, sizeof backoff, "%d", c->backoff_ms);
    if (db_begin(db, err) < 0)
        return -1;
    if (setting_store_set(db, "remind.webhook_url", *c->url ? c->url : NULL, err) < 0 ||
        setting_store_set(db, "remind.webhook_secret", *c->secret ? c->secret : NULL, err) < 0 ||
        setting_store_set(db, "remind.hour", hour, err) < 0 ||
        setting_store_set(db, "remind.attempts", attempts, err) < 0 ||
        setting_store_set(db, "remind.backoff_ms", backoff, err) < 0) {
        db_rollback(db);
        return -1;
    }
    return db_commit(db, err);
}

void deliver_sign(const char *secret, const char *body, size_t n, char out[65])
{
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, (const unsigned char *)secret, strlen(secret));
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)body, n);
    crypto_auth_hmacsha256_final(&st, mac);
    sodium_bin2hex(out, 65, mac, sizeof mac);
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0)
        ;
}

/* Post one recipient's reminder, retrying; log each attempt. */
static int deliver_one(Db *db, Arena *arena, const DeliverConfig *c, const Recipient *r,
                       Day as_of, DeliverStats *st, Err *err)
{
    const char *key = ledger_recipient_key(arena, r);
    bool done;
    if (delivery_store_done(db, as_of, key, &done, err) < 0)
        return -1;
    if (done) {
        st->delivered++;
        return 0;
    }
    Buf body = BUF_INIT;
    ledger_remind_json(&body, r, as_of);
    char sig[65], iso[DATE_ISO_SIZE];
    deliver_sign(c->secret, body.data, body.len, sig);
    const char *headers = arena_printf(arena,
                                       "X-Zhenggai-Signature: sha256=%s\r\n"
                                       "X-Zhenggai-Delivery: %s/%s\r\n",
                                       sig, date_format(as_of, iso), key);
    int wait = c->backoff_ms;
    for (int attempt = 1; attempt <= c->attempts; attempt++) {
        int status = 0;
        Err e = ERR_INIT;
        bool ok = http_post(c->url, headers, body.data, body.len, 10, &status, &e) == 0 &&
                  status >= 200 && status < 300;
        Delivery d = {0, as_of, key, attempt, NULL, status, ok,
                      ok ? "" : e.code ? e.msg : arena_printf(arena, "HTTP status %d", status)};
        if (delivery_store_log(db, &d, err) < 0) {
            buf_free(&body);
            return -1;
        }
        if (ok) {
            st->delivered++;
            break;
        }
        st->failed_attempts++;
        if (attempt < c->attempts) {
            sleep_ms(wait);
            wait *= 2;
        }
    }
    buf_free(&body);
    return 0;
}

int deliver_run(Db *db, Day as_of, DeliverStats *st, Err *err)
{
    Arena arena = ARENA_INIT;
    int rc = -1;
    memset(st, 0, sizeof *st);
    DeliverConfig c;
    Recipient *rs;
    int n;
    if (deliver_config_load(db, &arena, &c, err) < 0)
        goto done;
    if (!*c.url) {
        err_fail(err, ERR_INPUT, "no webhook configured (zhenggai remind configure --webhook URL)");
        goto done;
    }
    if (ledger_remind(db, &arena, as_of, &rs, &n, err) < 0)
        goto done;
    st->recipients = n;
    for (int i = 0; i < n; i++)
        if (deliver_one(db, &arena, &c, &rs[i], as_of, st, err) < 0)
            goto done;
    rc = 0;
done:
    arena_free(&arena);
    return rc;
}

int deliver_daily(Db *db, Day today, int hour_now, const char *who, bool *ran, Err *err)
{
    Arena arena = ARENA_INIT;
    int rc = -1;
    *ran = false;
    DeliverConfig c;
    if (deliver_config_load(db, &arena, &c, err) < 0)
        goto done;
    if (!*c.url || hour_now < c.hour) {
        rc = 0;
        goto done;
    }
    bool claimed;
    if (delivery_store_claim(db, today, who, &claimed, err) < 0)
        goto done;
    if (!claimed) {
        rc = 0;
        goto done;
    }
    DeliverStats st;
    *ran = true;
    if (deliver_run(db, today, &st, err) < 0 || delivery_store_finish(db, today, err) < 0)
        goto done;
    rc = 0;
done:
    arena_free(&arena);
    return rc;
}
