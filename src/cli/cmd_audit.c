/*
** cmd_audit.c: `zhenggai audit verify` recomputes the audit log's hash chain and says whether
** it is intact (exit 0) or where it breaks (exit 1).
*/
#include "cli.h"

#include "db/audit_store.h"

int cmd_audit(Cli *cli)
{
    const char *sub = cli_arg(cli, 0);
    if (cli_finish(cli) < 0)
        return -1;
    if (!sub || strcmp(sub, "verify") != 0)
        return err_fail(&cli->err, ERR_USAGE, "usage: zhenggai audit verify");
    int64_t rows;
    if (audit_store_verify(&cli->db, &rows, &cli->err) < 0)
        return -1;
    printf("audit log intact: %lld entries\n", (long long)rows);
    return 0;
}
