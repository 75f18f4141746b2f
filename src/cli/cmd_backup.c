/*
** cmd_backup.c: `zhenggai backup DEST` writes an online, consistent backup of the database into
** the new folder DEST (VACUUM INTO, the audit key, the data folder's files, a MANIFEST of
** SHA-256 hashes and the audit head as an anchor); `zhenggai restore SRC` checks such a backup
** completely (every hash, SQLite's integrity, the audit chain against the anchor) and only then
** writes it to --db, which must not exist. A plain cp of a live WAL database is the wrong way:
** it may copy a torn state and misses what the -wal file holds.
*/
#include "cli.h"

#include "db/backup.h"

int cmd_backup(Cli *cli)
{
    const char *dest = cli_arg(cli, 0);
    if (cli_finish(cli) < 0)
        return -1;
    if (!dest)
        return err_fail(&cli->err, ERR_USAGE, "usage: zhenggai backup DEST");
    int64_t entries;
    if (backup_make(&cli->db, cli->db_path, dest, &entries, &cli->err) < 0)
        return -1;
    printf("backup of '%s' written to '%s' (audit log of %lld entries, anchored in its MANIFEST)\n",
           cli->db_path, dest, (long long)entries);
    return 0;
}

int cmd_restore(Cli *cli)
{
    const char *src = cli_arg(cli, 0);
    bool check_only = cli_flag(cli, "--check");
    if (cli_finish(cli) < 0)
        return -1;
    if (!src)
        return err_fail(&cli->err, ERR_USAGE, "usage: zhenggai restore SRC [--check]");
    if (check_only) {
        if (backup_verify(src, &cli->err) < 0)
            return -1;
        printf("backup '%s' verified: hashes, integrity and audit chain intact\n", src);
        return 0;
    }
    if (backup_restore(src, cli->db_path, &cli->err) < 0)
        return -1;
    printf("backup '%s' verified and restored to '%s'\n", src, cli->db_path);
    return 0;
}
