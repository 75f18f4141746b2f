/*
** cmd_user.c: `zhenggai user add|passwd|lock|unlock|roles|list`, the accounts from the shell of
** the machine (SPEC §6), for the first administrators and for rescue. The rules and the audit
** entries are those of the web's administration (ledger/admin.h), with the actor "cli".
**   add LOGIN --name NAME [--unit UNIT] --role ROLE[,ROLE] [--password-stdin]
**   passwd LOGIN [--password-stdin]
**   lock LOGIN | unlock LOGIN
**   roles LOGIN ROLE[,ROLE]
**   list
** Without --password-stdin a random initial password is generated and printed once; either way
** the user must change it at the next login.
*/
#include "cli.h"

#include "base/hash.h"
#include "cli/names.h"
#include "db/org_store.h"
#include "db/user_store.h"
#include "ledger/admin.h"

static const Actor cli_actor = {0, "cli", 0, 0, 0};

/*
** The password: one line of stdin (--password-stdin) into out; without the option out is left
** empty and *generated set, so that the admin layer makes a one-time password.
*/
static int read_password(Cli *cli, bool from_stdin, char *out, size_t cap, bool *generated)
{
    *generated = !from_stdin;
    out[0] = 0;
    if (!from_stdin)
        return 0;
    if (!fgets(out, (int)cap, stdin))
        return err_fail(&cli->err, ERR_INPUT, "no password on standard input");
    size_t n = strcspn(out, "\r\n");
    if (out[n] == 0 && n == cap - 1)
        return err_fail(&cli->err, ERR_INPUT, "the password on standard input is too long");
    out[n] = 0;
    return 0;
}

static int parse_roles(Cli *cli, const char *list, unsigned *roles)
{
    if (!list)
        return err_fail(&cli->err, ERR_USAGE, "missing roles (e.g. --role office,leader)");
    if (roles_parse(list, roles, &cli->err) < 0)
        cli->err.code = ERR_USAGE;
    return cli->err.code == ERR_NONE ? 0 : -1;
}

static int find_user(Cli *cli, const char *login, User *u)
{
    if (!login)
        return err_fail(&cli->err, ERR_USAGE, "missing LOGIN");
    return user_store_find(&cli->db, &cli->arena, login, u, &cli->err);
}

static int user_add(Cli *cli)
{
    User u = {0};
    Names names;
    u.login = cli_arg(cli, 1);
    u.display_name = cli_opt(cli, "--name");
    const char *unit = cli_opt(cli, "--unit");
    const char *roles = cli_opt(cli, "--role");
    bool from_stdin = cli_flag(cli, "--password-stdin");
    if (cli_finish(cli) < 0 || names_init(&names, cli) < 0)
        return -1;
    if (!u.login)
        return err_fail(&cli->err, ERR_USAGE, "usage: zhenggai user add LOGIN --name NAME "
                                              "[--unit UNIT] --role ROLE[,ROLE] [--password-stdin]");
    if (!u.display_name)
        return err_fail(&cli->err, ERR_USAGE, "missing --name NAME");
    if (parse_roles(cli, roles, &u.roles) < 0 ||
        (unit && names_find_unit(&names, unit, &u.unit_id) < 0))
        return -1;
    char pw[160], otp[PASSWORD_OTP_SIZE];
    bool generated;
    if (read_password(cli, from_stdin, pw, sizeof pw, &generated) < 0 ||
        admin_user_create(&cli->db, &cli_actor, &u, generated ? NULL : pw, otp, &cli->err) < 0)
        return -1;
    printf("user %lld '%s' created with roles '%s'\n", (long long)u.id, u.login,
           roles_format(&cli->arena, u.roles));
    if (generated)
        printf("initial password (shown once, to be changed at first login): %s\n", otp);
    return 0;
}

static int user_passwd(Cli *cli)
{
    const char *login = cli_arg(cli, 1);
    bool from_stdin = cli_flag(cli, "--password-stdin");
    User u;
    char pw[160], otp[PASSWORD_OTP_SIZE];
    bool generated;
    if (cli_finish(cli) < 0 || find_user(cli, login, &u) < 0 ||
        read_password(cli, from_stdin, pw, sizeof pw, &generated) < 0 ||
        admin_user_reset_password(&cli->db, &cli_actor, u.id, generated ? NULL : pw, otp,
                                  &cli->err) < 0)
        return -1;
    printf("password of '%s' reset; it must be changed at the next login\n", u.login);
    if (generated)
        printf("new password (shown once): %s\n", otp);
    return 0;
}

static int user_lock(Cli *cli, bool lock)
{
    const char *login = cli_arg(cli, 1);
    User u;
    if (cli_finish(cli) < 0 || find_user(cli, login, &u) < 0 ||
        admin_user_lock(&cli->db, &cli_actor, u.id, lock, &cli->err) < 0)
        return -1;
    printf("user '%s' is now %s\n", u.login,
           vocab_name(VOCAB_USER_STATE, lock ? USER_LOCKED : USER_ACTIVE));
    return 0;
}

static int user_roles(Cli *cli)
{
    const char *login = cli_arg(cli, 1);
    const char *list = cli_arg(cli, 2);
    User u;
    unsigned roles;
    if (cli_finish(cli) < 0 || find_user(cli, login, &u) < 0 || parse_roles(cli, list, &roles) < 0 ||
        admin_user_set_roles(&cli->db, &cli_actor, u.id, roles, &cli->err) < 0)
        return -1;
    printf("user '%s': roles '%s' -> '%s'\n", u.login, roles_format(&cli->arena, u.roles),
           roles_format(&cli->arena, roles));
    return 0;
}

static int user_list(Cli *cli)
{
    Names names;
    User *us;
    int n;
    if (cli_finish(cli) < 0 || names_init(&names, cli) < 0 ||
        user_store_list(&cli->db, &cli->arena, &us, &n, &cli->err) < 0)
        return -1;
    Buf out = BUF_INIT;
    buf_puts(&out, "login                 state     failed  last login            roles / unit\n");
    for (int i = 0; i < n; i++)
        buf_printf(&out, "%-20s  %-8s  %6d  %-20s  %s / %s\n", us[i].login,
                   vocab_name(VOCAB_USER_STATE, (int)us[i].state),
                   us[i].failed_logins, us[i].last_login_at ? us[i].last_login_at : "-",
                   roles_format(&cli->arena, us[i].roles), names_unit(&names, us[i].unit_id));
    buf_printf(&out, "%d users\n", n);
    int rc = cli_write(cli, out.data, out.len);
    buf_free(&out);
    return rc;
}

int cmd_user(Cli *cli)
{
    const char *sub = cli_arg(cli, 0);
    if (!sub)
        return err_fail(&cli->err, ERR_USAGE,
                        "usage: zhenggai user add|passwd|lock|unlock|roles|list …");
    if (strcmp(sub, "add") == 0)
        return user_add(cli);
    if (strcmp(sub, "passwd") == 0)
        return user_passwd(cli);
    if (strcmp(sub, "lock") == 0 || strcmp(sub, "unlock") == 0)
        return user_lock(cli, sub[0] == 'l');
    if (strcmp(sub, "roles") == 0)
        return user_roles(cli);
    if (strcmp(sub, "list") == 0)
        return user_list(cli);
    return err_fail(&cli->err, ERR_USAGE,
                    "unknown user command '%s' (add, passwd, lock, unlock, roles, list)", sub);
}
