/*
** cli.c: command dispatch, option parsing and error reporting for the CLI (cli.h).
*/
#include "cli.h"

#include <pwd.h>
#include <unistd.h>

#include "db/audit_store.h"

#include <errno.h>

#include "base/buf.h"
#include "db/view_store.h"

static const Command *find_command(const char *name)
{
    for (size_t i = 0; i < cli_n_commands; i++)
        if (strcmp(cli_commands[i].name, name) == 0)
            return &cli_commands[i];
    return NULL;
}

static bool is_option(const char *a)
{
    return a[0] == '-' && a[1] == '-' && a[2];
}

const char *cli_opt(Cli *cli, const char *name)
{
    size_t n = strlen(name);
    for (int i = 0; i < cli->argc; i++) {
        if (cli->used[i])
            continue;
        const char *a = cli->argv[i];
        if (strncmp(a, name, n) != 0)
            continue;
        if (a[n] == '=') {
            cli->used[i] = true;
            return a + n + 1;
        }
        if (a[n] == 0 && i + 1 < cli->argc) {
            cli->used[i] = cli->used[i + 1] = true;
            return cli->argv[i + 1];
        }
    }
    return NULL;
}

bool cli_flag(Cli *cli, const char *name)
{
    for (int i = 0; i < cli->argc; i++) {
        if (!cli->used[i] && strcmp(cli->argv[i], name) == 0) {
            cli->used[i] = true;
            return true;
        }
    }
    return false;
}

const char *cli_arg(Cli *cli, int k)
{
    for (int i = 0; i < cli->argc; i++) {
        if (is_option(cli->argv[i]))
            continue;
        /* A value already taken by an option is not a positional argument. */
        if (cli->used[i] && i > 0 && is_option(cli->argv[i - 1]))
            continue;
        if (k-- == 0) {
            cli->used[i] = true;
            return cli->argv[i];
        }
    }
    return NULL;
}

int cli_finish(Cli *cli)
{
    for (int i = 0; i < cli->argc; i++)
        if (!cli->used[i])
            return err_fail(&cli->err, ERR_USAGE, "unexpected argument '%s' (see 'zhenggai help')",
                            cli->argv[i]);
    return 0;
}

int cli_parse_id(Cli *cli, const char *text, const char *what, int64_t *out)
{
    if (!text)
        return err_fail(&cli->err, ERR_USAGE, "missing %s", what);
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (errno || end == text || *end || v <= 0)
        return err_fail(&cli->err, ERR_USAGE, "%s '%s' is not a positive number", what, text);
    *out = v;
    return 0;
}

int cli_inspection(Cli *cli, int64_t *id)
{
    const char *text = cli_opt(cli, "--inspection");
    if (text)
        return cli_parse_id(cli, text, "--inspection", id);
    Inspection *ins;
    int n;
    if (view_store_inspections(&cli->db, &cli->arena, NULL, 0, &ins, &n, &cli->err) < 0)
        return -1;
    if (n == 1) {
        *id = ins[0].id;
        return 0;
    }
    if (n == 0)
        return err_fail(&cli->err, ERR_USAGE,
                        "no inspection in the database: import one (import doc FILE) first");
    Buf b = BUF_INIT;
    for (int i = 0; i < n; i++)
        buf_printf(&b, "\n  %lld  %s", (long long)ins[i].id, ins[i].title);
    err_fail(&cli->err, ERR_USAGE, "missing --inspection: the database has %d inspections:%s", n,
             b.data);
    buf_free(&b);
    return -1;
}

int cli_date(Cli *cli, const char *name, Day *out)
{
    const char *s = cli_opt(cli, name);
    if (!s) {
        *out = date_today();
        return 0;
    }
    if (date_parse(s, strlen(s), out) < 0)
        return err_fail(&cli->err, ERR_USAGE, "%s '%s' is not a date like 2025-06-30", name, s);
    return 0;
}

int cli_write(Cli *cli, const char *s, size_t n)
{
    if (fwrite(s, 1, n, stdout) != n)
        return err_fail(&cli->err, ERR_IO, "cannot write to standard output");
    return 0;
}

int cmd_help(Cli *cli)
{
    if (cli_finish(cli) < 0)
        return -1;
    Buf b = BUF_INIT;
    buf_puts(&b, "usage: zhenggai [--db PATH] [--files DIR] COMMAND [ARGS]\n\n"
                 "Zhenggai runs the rectification ledger that follows an inspection tour.\n"
                 "The database is --db PATH, $ZHENGGAI_DB or ./zhenggai.db. A PostgreSQL URI\n"
                 "(postgresql://...) also needs --files DIR or $ZHENGGAI_FILES: the folder of its\n"
                 "audit key and evidence files, shared by every server of the database.\n\n"
                 "commands:\n");
    for (size_t i = 0; i < cli_n_commands; i++) {
        const Command *c = &cli_commands[i];
        if (c->flags & CMD_HIDDEN)
            continue;
        buf_printf(&b, "  %s\n      %s\n", c->usage, c->help);
    }
    buf_puts(&b, "\nexit status: 0 ok, 1 failure, 2 usage error\n");
    int rc = cli_write(cli, b.data, b.len);
    buf_free(&b);
    return rc;
}

/* Take --db and --files out of argv wherever they stand; return the remaining arguments' count. */
static int take_global_options(int argc, char **argv, const char **db_path, Err *err)
{
    int n = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0) {
            if (i + 1 >= argc)
                return err_fail(err, ERR_USAGE, "--db needs a path");
            *db_path = argv[++i];
        } else if (strncmp(argv[i], "--db=", 5) == 0) {
            *db_path = argv[i] + 5;
        } else if (strcmp(argv[i], "--files") == 0) {
            if (i + 1 >= argc || !argv[i + 1][0])
                return err_fail(err, ERR_USAGE, "--files needs a folder");
            db_set_files_dir(argv[++i]);
        } else if (strncmp(argv[i], "--files=", 8) == 0) {
            db_set_files_dir(argv[i] + 8);
        } else {
            argv[n++] = argv[i];
        }
    }
    return n;
}

static int run(const Command *cmd, Cli *cli)
{
    if (cmd->flags & (CMD_DB | CMD_CREATE)) {
        int flags = (cmd->flags & CMD_CREATE) ? DB_CREATE : 0;
        /* A database we may not write (a copy on read-only media): reads still work. */
        if (!(cmd->flags & CMD_CREATE) && access(cli->db_path, F_OK) == 0 &&
            access(cli->db_path, W_OK) != 0)
            flags = DB_READONLY;
        if (db_open(&cli->db, cli->db_path, flags, &cli->err) < 0)
            return -1;
        if (flags != DB_READONLY && db_migrate(&cli->db, &cli->err) < 0)
            return -1;
    }
    return cmd->fn(cli);
}

int cli_main(int argc, char **argv)
{
    Cli cli;
    memset(&cli, 0, sizeof cli);
    const char *env = getenv("ZHENGGAI_DB");
    cli.db_path = env && *env ? env : "zhenggai.db";
    int rc;

    argv++;
    argc = take_global_options(argc - 1, argv, &cli.db_path, &cli.err);
    if (argc < 0)
        goto done;
    if (argc == 0) {
        err_fail(&cli.err, ERR_USAGE, "no command given (see 'zhenggai help')");
        goto done;
    }
    const Command *cmd = find_command(argv[0]);
    if (!cmd && (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0))
        cmd = find_command("help");
    if (!cmd) {
        err_fail(&cli.err, ERR_USAGE, "unknown command '%s' (see 'zhenggai help')", argv[0]);
        goto done;
    }
    cli.name = cmd->name;
    /* Command-line rows name the OS user; the server's name their web users alone. */
    if (strcmp(cmd->name, "serve") != 0) {
        struct passwd *pw = getpwuid(geteuid());
        char uid[32];
        snprintf(uid, sizeof uid, "uid %u", (unsigned)geteuid());
        audit_store_set_operator(pw && pw->pw_name ? pw->pw_name : uid);
    }
    cli.argc = argc - 1;
    cli.argv = argv + 1;
    cli.used = xcalloc((size_t)argc, sizeof(bool));
    if (run(cmd, &cli) < 0 && cli.err.code == ERR_NONE)
        BUG("command '%s' failed without saying why", cmd->name);
done:
    if (fflush(stdout) != 0 && cli.err.code == ERR_NONE)
        err_fail(&cli.err, ERR_IO, "cannot write to standard output");
    rc = err_exit_code(&cli.err);
    if (rc)
        fprintf(stderr, "zhenggai: %s\n", cli.err.msg);
    if (db_is_open(&cli.db))
        db_close(&cli.db);
    arena_free(&cli.arena);
    free(cli.used);
    return rc;
}
