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

/* Read the positive seconds option name into *out when present (at most 30 days). */
static int parse_seconds(Cli *cli, const char *name, int *out)
{
    const char *text = cli_opt(cli, name);
    int64_t n;
    if (!text)
        return 0;
    if (cli_parse_id(cli, text, name, &n) < 0)
        return -1;
    if (n > 30 * 86400)
        return err_fail(&cli->err, ERR_USAGE, "%s %lld is more than 30 days", name, (long long)n);
    *out = (int)n;
    return 0;
}

int cmd_serve(Cli *cli)
{
    WebConfig c;
    web_config_init(&c);
    c.db_path = cli->db_path;
    const char *listen = cli_opt(cli, "--listen");
    const char *threads = cli_opt(cli, "--threads");
    /* cli_opt consumes the option: read it once, then parse it. */
    const char *today_text = cli_opt(cli, "--today");
    if (listen && parse_listen(cli, listen, &c) < 0)
        return -1;
    if (today_text && date_parse(today_text, strlen(today_text), &c.today) < 0)
        return err_fail(&cli->err, ERR_USAGE, "--today '%s' is not a date like 2025-06-30",
                        today_text);
    if (threads) {
        int64_t n;
        if (cli_parse_id(cli, threads, "--threads", &n) < 0)
            return -1;
        if (n > 64)
            return err_fail(&cli->err, ERR_USAGE, "--threads %lld is more than 64", (long long)n);
        c.threads = (int)n;
    }
    if (parse_seconds(cli, "--session-idle", &c.idle_timeout) < 0 ||
        parse_seconds(cli, "--session-max", &c.absolute_timeout) < 0)
        return -1;
    const char *tz = cli_opt(cli, "--tz");
    if (tz && !(c.tz = tz_find(tz)))
        return err_fail(&cli->err, ERR_USAGE, "unknown time zone '%s' (e.g. Asia/Shanghai, UTC)", tz);
    const char *upload_mb = cli_opt(cli, "--max-upload-mb");
    if (upload_mb) {
        int64_t n;
        if (cli_parse_id(cli, upload_mb, "--max-upload-mb", &n) < 0)
            return -1;
        if (n > 4096)
            return err_fail(&cli->err, ERR_USAGE, "--max-upload-mb %lld is more than 4096",
                            (long long)n);
        c.max_upload = n * 1000 * 1000;
        c.max_upload_request = 4 * c.max_upload;
    }
    const char *per_address = cli_opt(cli, "--max-per-address");
    if (per_address) {
        int64_t n;
        if (cli_parse_id(cli, per_address, "--max-per-address", &n) < 0)
            return -1;
        if (n > c.max_connections)
            return err_fail(&cli->err, ERR_USAGE, "--max-per-address %lld is more than %d",
                            (long long)n, c.max_connections);
        c.max_per_address = (int)n;
    }
    if (parse_seconds(cli, "--receive-timeout", &c.receive_timeout) < 0)
        return -1;
    const char *password_days = cli_opt(cli, "--password-days");
    if (password_days) {
        char *end;
        long n = strtol(password_days, &end, 10);
        if (!*password_days || *end || n < 0 || n > 3650)
            return err_fail(&cli->err, ERR_USAGE, "bad --password-days '%s' (0 to 3650; 0: never)",
                            password_days);
        c.password_days = (int)n;
    }
    static const struct {
        const char *name;
        size_t offset;
    } rates[] = {{"--rate-login", offsetof(WebConfig, rate_login)},
                 {"--rate-api", offsetof(WebConfig, rate_api)}};
    for (size_t i = 0; i < ARRAY_SIZE(rates); i++) {
        const char *text = cli_opt(cli, rates[i].name);
        char *end;
        long n = text ? strtol(text, &end, 10) : 0;
        if (text && (!*text || *end || n < 0 || n > 1000000))
            return err_fail(&cli->err, ERR_USAGE, "bad %s '%s' (0 to 1000000; 0: no limit)",
                            rates[i].name, text);
        if (text)
            *(int *)(void *)((char *)&c + rates[i].offset) = (int)n;
    }
    const char *token_days = cli_opt(cli, "--token-days");
    if (token_days) {
        int64_t n;
        if (cli_parse_id(cli, token_days, "--token-days", &n) < 0)
            return -1;
        if (n > 366)
            return err_fail(&cli->err, ERR_USAGE, "--token-days %lld is more than a year",
                            (long long)n);
        c.token_days = (int)n;
    }
    if (c.receive_timeout > 600)
        return err_fail(&cli->err, ERR_USAGE, "--receive-timeout is more than 600 seconds");
    c.quiet = cli_flag(cli, "--quiet");
    c.force = cli_flag(cli, "--force");
    c.hosts = cli_opt(cli, "--hosts");
    c.backup_dir = cli_opt(cli, "--backup-dir");
    const char *hour = cli_opt(cli, "--backup-hour"), *keep = cli_opt(cli, "--backup-keep");
    char *end;
    if (hour) {
        long h = strtol(hour, &end, 10);
        if (!*hour || *end || h < 0 || h > 23)
            return err_fail(&cli->err, ERR_USAGE, "bad --backup-hour '%s' (0 to 23, UTC)", hour);
        c.backup_hour = (int)h;
    }
    if (keep) {
        long k = strtol(keep, &end, 10);
        if (!*keep || *end || k < 1 || k > 366)
            return err_fail(&cli->err, ERR_USAGE, "bad --backup-keep '%s' (1 to 366)", keep);
        c.backup_keep = (int)k;
    }
    c.secure_cookies = cli_flag(cli, "--secure-cookies");
    if (cli_finish(cli) < 0 || serve_jobs_start(cli, c.today) < 0)
        return -1;
    return web_serve(&c, &cli->err);
}
