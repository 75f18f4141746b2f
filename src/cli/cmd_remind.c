/*
** cmd_remind.c: `zhenggai remind [--as-of DATE] [--json] [--send]`: who owes what on a date,
** per unit, per leader and for the office (ledger/remind.h), the same computation as the web
** inbox; with --send, the reminders are delivered to the webhook of the settings
** (`remind configure`), signed, retried and logged, as `serve` does once a day.
*/
#include "cli.h"

#include "base/json.h"
#include "ledger/deliver.h"
#include "ledger/remind.h"

static void print_text(Buf *b, const Recipient *rs, int n, Day as_of)
{
    char iso[DATE_ISO_SIZE];
    static const char *const kinds[] = {"unit", "leader", "office"};
    buf_printf(b, "reminders as of %s: %d recipient(s)\n", date_format(as_of, iso), n);
    for (int i = 0; i < n; i++) {
        const Recipient *r = &rs[i];
        buf_printf(b, "\n%s %s (%d item%s)\n", kinds[r->kind], r->name, r->n_items,
                   r->n_items == 1 ? "" : "s");
        for (int k = 0; k < r->n_items; k++) {
            const Owed *o = r->items[k];
            buf_printf(b, "  %-12s measure %-6lld due %-10s %s\n", ledger_owed_name(o->kind),
                       (long long)o->measure_id, o->due != DAY_NONE ? date_format(o->due, iso) : "-",
                       o->title ? o->title : "");
        }
    }
}

/* An integer option in [lo, hi] into *out when given. */
static int int_opt(Cli *cli, const char *name, const char *text, int lo, int hi, int *out)
{
    if (!text)
        return 0;
    char *end;
    long v = strtol(text, &end, 10);
    if (!*text || *end || v < lo || v > hi)
        return err_fail(&cli->err, ERR_USAGE, "%s must be %d to %d, not '%s'", name, lo, hi, text);
    *out = (int)v;
    return 0;
}

static int remind_configure(Cli *cli, const char *url, const char *hour, const char *secret_file,
                            const char *attempts, const char *backoff)
{
    DeliverConfig c;
    if (deliver_config_load(&cli->db, &cli->arena, &c, &cli->err) < 0)
        return -1;
    if (url)
        c.url = url;
    if (int_opt(cli, "--hour", hour, 0, 23, &c.hour) < 0 ||
        int_opt(cli, "--attempts", attempts, 1, 10, &c.attempts) < 0 ||
        int_opt(cli, "--backoff-ms", backoff, 1, 600000, &c.backoff_ms) < 0)
        return -1;
    if (secret_file) {
        Buf s = BUF_INIT;
        FILE *f = fopen(secret_file, "rb");
        if (!f)
            return err_fail(&cli->err, ERR_IO, "cannot read '%s'", secret_file);
        char chunk[256];
        size_t k;
        while ((k = fread(chunk, 1, sizeof chunk, f)) > 0 && s.len < 4096)
            buf_append(&s, chunk, k);
        fclose(f);
        while (s.len && (s.data[s.len - 1] == '\n' || s.data[s.len - 1] == '\r'))
            s.data[--s.len] = 0;
        c.secret = arena_strdup(&cli->arena, s.data);
        buf_free(&s);
    }
    if (deliver_config_save(&cli->db, &c, &cli->err) < 0)
        return -1;
    Buf out = BUF_INIT;
    buf_printf(&out, "webhook %s, daily at %02d:00, secret %s, %d attempt(s) %d ms apart (doubling)\n",
               *c.url ? c.url : "(none)", c.hour, *c.secret ? "set" : "not set", c.attempts,
               c.backoff_ms);
    int rc = cli_write(cli, out.data, out.len);
    buf_free(&out);
    return rc;
}

int cmd_remind(Cli *cli)
{
    /* Options first, so that their values are not taken for the subcommand. */
    const char *url = cli_opt(cli, "--webhook");
    const char *hour = cli_opt(cli, "--hour");
    const char *secret_file = cli_opt(cli, "--secret-file");
    const char *attempts = cli_opt(cli, "--attempts");
    const char *backoff = cli_opt(cli, "--backoff-ms");
    Day as_of;
    if (cli_date(cli, "--as-of", &as_of) < 0)
        return -1;
    bool json = cli_flag(cli, "--json");
    bool send = cli_flag(cli, "--send");
    const char *sub = cli_arg(cli, 0);
    if (sub && strcmp(sub, "configure") != 0)
        return err_fail(&cli->err, ERR_USAGE, "unknown remind command '%s'", sub);
    if (cli_finish(cli) < 0)
        return -1;
    if (sub)
        return remind_configure(cli, url, hour, secret_file, attempts, backoff);
    if (url || hour || secret_file || attempts || backoff)
        return err_fail(&cli->err, ERR_USAGE, "--webhook, --hour and --secret-file go with 'remind configure'");
    if (send) {
        DeliverStats st;
        if (deliver_run(&cli->db, as_of, &st, &cli->err) < 0)
            return -1;
        Buf out = BUF_INIT;
        buf_printf(&out, "delivered %d of %d reminder(s), %d attempt(s) failed\n", st.delivered,
                   st.recipients, st.failed_attempts);
        int rc = cli_write(cli, out.data, out.len);
        buf_free(&out);
        return rc < 0 || st.delivered == st.recipients ? rc
                                                         : err_fail(&cli->err, ERR_IO,
                                                                    "%d reminder(s) not delivered",
                                                                    st.recipients - st.delivered);
    }
    Recipient *rs;
    int n;
    if (ledger_remind(&cli->db, &cli->arena, as_of, &rs, &n, &cli->err) < 0)
        return -1;
    Buf out = BUF_INIT;
    if (json) {
        char iso[DATE_ISO_SIZE];
        buf_printf(&out, "{\"as_of\":\"%s\",\"recipients\":[", date_format(as_of, iso));
        for (int i = 0; i < n; i++) {
            if (i)
                buf_putc(&out, ',');
            ledger_remind_json(&out, &rs[i], as_of);
        }
        buf_puts(&out, "]}\n");
    } else {
        print_text(&out, rs, n, as_of);
    }
    int rc = cli_write(cli, out.data, out.len);
    buf_free(&out);
    return rc;
}
