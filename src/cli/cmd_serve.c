/*
** cmd_serve.c: `zhenggai serve [--listen ADDR:PORT] [--threads N] [--today DATE] [--quiet]
** [--secure-cookies] [--session-idle SECONDS] [--session-max SECONDS] [--max-upload-mb N]
** [--max-per-address N] [--receive-timeout SECONDS] [--force] [--tz ZONE] [--token-days N]
** [--password-days N] [--rate-login N] [--rate-api N] [--hosts NAME,…]
** [--backup-dir DIR] [--backup-hour H] [--backup-keep N]`: run the web application on the database
** until SIGINT or SIGTERM; pages show times in ZONE (default Asia/Shanghai). The session limits
** default to SPEC §9 (30 minutes
** idle, 12 hours in all); tests shorten them to watch a session expire.
*/
#include "cli.h"

#include "web/server.h"

/* Split "ADDR:PORT" (or ":PORT", or "PORT") into c->address and c->port. */
static int parse_listen(Cli *cli, const char *s, WebConfig *c)
{
    const char *colon = strrchr(s, ':');
    const char *port = colon ? colon + 1 : s;
    if (colon && colon > s)
        c->address = arena_strndup(&cli->arena, s, (size_t)(colon - s));
    char *end;
    long p = strtol(port, &end, 10);
    if (!*port || *end || p < 0 || p > 65535)
        return err_fail(&cli->err, ERR_USAGE, "bad --listen '%s' (want ADDR:PORT)", s);
    c->port = (int)p;
    return 0;
}

/*
** Read the positive number option name into *out when present: at most max (said as max_text in
** the error, e.g. "64" or "a year").
*/
static int parse_count(Cli *cli, const char *name, int64_t max, const char *max_text, int64_t *out)
{
    const char *text = cli_opt(cli, name);
    int64_t n;
    if (!text)
        return 0;
    if (cli_parse_id(cli, text, name, &n) < 0)
        return -1;
    if (n > max)
        return err_fail(&cli->err, ERR_USAGE, "%s %lld is more than %s", name, (long long)n,
                        max_text);
    *out = n;
    return 0;
}

/* Read the positive seconds option name into *out when present (at most 30 days). */
static int parse_seconds(Cli *cli, const char *name, int *out)
{
    int64_t n = *out;
    if (parse_count(cli, name, 30 * 86400, "30 days", &n) < 0)
        return -1;
    *out = (int)n;
    return 0;
}

/* Read the whole number option name into *out when present, from min to max (hint says so). */
static int parse_range(Cli *cli, const char *name, long min, long max, const char *hint, int *out)
{
    const char *text = cli_opt(cli, name);
    if (!text)
        return 0;
    char *end;
    long n = strtol(text, &end, 10);
    if (!*text || *end || n < min || n > max)
        return err_fail(&cli->err, ERR_USAGE, "bad %s '%s' (%s)", name, text, hint);
    *out = (int)n;
    return 0;
}

/* The limits of the server: threads, uploads, connections, timeouts, passwords, rates, tokens. */
static int parse_limits(Cli *cli, WebConfig *c)
{
    int64_t threads = c->threads, upload_mb = 0, per_address = c->max_per_address;
    int64_t token_days = c->token_days;
    if (parse_count(cli, "--threads", 64, "64", &threads) < 0 ||
        parse_seconds(cli, "--session-idle", &c->idle_timeout) < 0 ||
        parse_seconds(cli, "--session-max", &c->absolute_timeout) < 0)
        return -1;
    c->threads = (int)threads;
    const char *tz = cli_opt(cli, "--tz");
    if (tz && !(c->tz = tz_find(tz)))
        return err_fail(&cli->err, ERR_USAGE, "unknown time zone '%s' (e.g. Asia/Shanghai, UTC)",
                        tz);
    const char *no_limit = "0 to 1000000; 0: no limit";
    if (parse_count(cli, "--max-upload-mb", 4096, "4096", &upload_mb) < 0 ||
        parse_count(cli, "--max-per-address", c->max_connections,
                    arena_printf(&cli->arena, "%d", c->max_connections), &per_address) < 0 ||
        parse_seconds(cli, "--receive-timeout", &c->receive_timeout) < 0 ||
        parse_range(cli, "--password-days", 0, 3650, "0 to 3650; 0: never", &c->password_days) <
            0 ||
        parse_range(cli, "--rate-login", 0, 1000000, no_limit, &c->rate_login) < 0 ||
        parse_range(cli, "--rate-api", 0, 1000000, no_limit, &c->rate_api) < 0 ||
        parse_count(cli, "--token-days", 366, "a year", &token_days) < 0)
        return -1;
    if (upload_mb) {
        c->max_upload = upload_mb * 1000 * 1000;
        c->max_upload_request = 4 * c->max_upload;
    }
    c->max_per_address = (int)per_address;
    c->token_days = (int)token_days;
    if (c->receive_timeout > 600)
        return err_fail(&cli->err, ERR_USAGE, "--receive-timeout is more than 600 seconds");
    return 0;
}

int cmd_serve(Cli *cli)
{
    WebConfig c;
    web_config_init(&c);
    c.db_path = cli->db_path;
    const char *listen = cli_opt(cli, "--listen");
    /* cli_opt consumes the option: read it once, then parse it. */
    const char *today_text = cli_opt(cli, "--today");
    if (listen && parse_listen(cli, listen, &c) < 0)
        return -1;
    if (today_text && date_parse(today_text, strlen(today_text), &c.today) < 0)
        return err_fail(&cli->err, ERR_USAGE, "--today '%s' is not a date like 2025-06-30",
                        today_text);
    if (parse_limits(cli, &c) < 0)
        return -1;
    c.quiet = cli_flag(cli, "--quiet");
    c.force = cli_flag(cli, "--force");
    c.hosts = cli_opt(cli, "--hosts");
    c.backup_dir = cli_opt(cli, "--backup-dir");
    if (parse_range(cli, "--backup-hour", 0, 23, "0 to 23, UTC", &c.backup_hour) < 0 ||
        parse_range(cli, "--backup-keep", 1, 366, "1 to 366", &c.backup_keep) < 0)
        return -1;
    c.secure_cookies = cli_flag(cli, "--secure-cookies");
    if (cli_finish(cli) < 0 || db_checkpoints_start(c.db_path, &cli->err) < 0 ||
        serve_jobs_start(cli, c.today) < 0)
        return -1;
    int rc = web_serve(&c, &cli->err);
    db_checkpoints_stop();
    return rc;
}
