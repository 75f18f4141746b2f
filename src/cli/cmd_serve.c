/*
** cmd_serve.c: `zhenggai serve [--listen ADDR:PORT] [--threads N] [--today DATE] [--quiet]
** [--secure-cookies] [--session-idle SECONDS] [--session-max SECONDS]`: run the web application
** on the database until SIGINT or SIGTERM. The session limits default to SPEC §9 (30 minutes
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
    bool has_today = cli_opt(cli, "--today") != NULL;
    Day today;
    if ((listen && parse_listen(cli, listen, &c) < 0) || cli_date(cli, "--today", &today) < 0)
        return -1;
    if (has_today)
        c.today = today;
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
    c.quiet = cli_flag(cli, "--quiet");
    c.secure_cookies = cli_flag(cli, "--secure-cookies");
    if (cli_finish(cli) < 0 || serve_jobs_start(cli, c.today) < 0)
        return -1;
    return web_serve(&c, &cli->err);
}
