/*
** cmd_check.c: `zhenggai check` - is this database sound? The engine's integrity and foreign
** keys (check_store.h), the keyed audit chain (audit verify, with --anchor FILE as there), the
** application's invariants over its rows, and 三员分立 (each administrator role held by one
** active account without business roles). Prints one line per problem naming table and row, then a summary;
** exit 0 when nothing is wrong, 1 otherwise.
*/
#include "cli.h"

#include "db/audit_store.h"
#include "db/check_store.h"
#include "db/user_store.h"
#include "ledger/admin.h"

/* 三员分立 over every account: roles valid, each administrator role held. */
static int check_roles(Cli *cli, Buf *out, int *n)
{
    User *us;
    int n_users;
    if (user_store_list(&cli->db, &cli->arena, &us, &n_users, &cli->err) < 0)
        return -1;
    unsigned held = 0;
    for (int i = 0; i < n_users; i++) {
        RolesProblem why;
        if (!roles_valid(us[i].roles, &why)) {
            buf_printf(out, "roles: user '%s': %s\n", us[i].login, roles_problem_message(why));
            (*n)++;
        }
        if (us[i].state == USER_ACTIVE)
            held |= us[i].roles;
    }
    static const Role admin[] = {ROLE_SYSADMIN, ROLE_SECADMIN, ROLE_AUDITOR};
    for (size_t i = 0; n_users > 0 && i < ARRAY_SIZE(admin); i++)
        if (!(held & ROLE_BIT(admin[i]))) {
            buf_printf(out, "roles: no active account holds %s\n", model_role_name(admin[i]));
            (*n)++;
        }
    return 0;
}

int cmd_check(Cli *cli)
{
    const char *anchor = cli_opt(cli, "--anchor");
    if (cli_finish(cli) < 0)
        return -1;
    Buf out = BUF_INIT;
    int n = 0;
    if (check_store_engine(&cli->db, &out, &n, &cli->err) < 0 ||
        check_store_invariants(&cli->db, &out, &n, &cli->err) < 0 ||
        check_roles(cli, &out, &n) < 0) {
        buf_free(&out);
        return -1;
    }
    int64_t rows = 0, seq = 0;
    char hash[65] = "";
    Err audit = ERR_INIT;
    if (anchor)
        audit_store_read_anchor(anchor, &seq, hash, &audit);
    if (audit.code == ERR_NONE)
        audit_store_verify_anchor(&cli->db, seq, hash, &rows, &audit);
    if (audit.code != ERR_NONE) {
        buf_printf(&out, "audit: %s\n", audit.msg);
        n++;
    }
    fputs(out.data, stdout);
    buf_free(&out);
    if (n)
        return err_fail(&cli->err, ERR_CONFLICT, "check found %d problem%s", n, n == 1 ? "" : "s");
    printf("check: database sound (integrity, foreign keys, invariants, roles, audit log of %lld "
           "entries)\n", (long long)rows);
    return 0;
}
