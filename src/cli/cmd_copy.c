/*
** cmd_copy.c: `zhenggai copy --from SRC --to DST` copies a whole ledger between two databases,
** SQLite files or PostgreSQL URIs in either direction (issue 15): how a county that joins the
** province's platform brings its ledger along. DST gets its schema first and must hold nothing
** else; afterwards the row counts of every table and both audit chains are checked, and the
** counts printed. Sessions are not copied (logins belong to the server that made them).
*/
#include "cli.h"

#include "db/copy.h"

int cmd_copy(Cli *cli)
{
    const char *from = cli_opt(cli, "--from");
    const char *to = cli_opt(cli, "--to");
    if (cli_finish(cli) < 0)
        return -1;
    if (!from || !to)
        return err_fail(&cli->err, ERR_USAGE, "usage: zhenggai copy --from SRC --to DST");
    if (strcmp(from, to) == 0)
        return err_fail(&cli->err, ERR_USAGE, "copy: SRC and DST are the same database");
    Db src, dst;
    int64_t *counts = xcalloc((size_t)n_copy_tables, sizeof *counts);
    int rc = -1;
    memset(&dst, 0, sizeof dst);
    if (db_open(&src, from, 0, &cli->err) < 0)
        goto done;
    if (db_migrate(&src, &cli->err) < 0 || db_open(&dst, to, DB_CREATE, &cli->err) < 0 ||
        db_migrate(&dst, &cli->err) < 0 || copy_ledger(&src, &dst, counts, &cli->err) < 0 ||
        copy_compare(&src, &dst, counts, &cli->err) < 0)
        goto done;
    int64_t total = 0;
    for (int i = 0; i < n_copy_tables; i++) {
        if (counts[i])
            printf("%-20s %10lld\n", copy_tables[i].name, (long long)counts[i]);
        total += counts[i];
    }
    printf("copied %lld rows in %d tables from '%s' to '%s'; counts and audit chains agree\n",
           (long long)total, n_copy_tables, from, to);
    rc = 0;
done:
    db_close(&dst);
    db_close(&src);
    free(counts);
    return rc;
}
