/*
** cmd_init.c: `zhenggai init` creates the database file with the current schema. The work is
** done by the dispatcher (CMD_CREATE opens and migrates); this makes the audit chain's key
** (DB.audit-key, kept outside the database) and reports what it found.
*/
#include "cli.h"

#include "db/audit_store.h"

int cmd_init(Cli *cli)
{
    if (cli_finish(cli) < 0 || audit_store_key_init(&cli->db, &cli->err) < 0)
        return -1;
    printf("database '%s' ready (schema version %d)\n", cli->db_path,
           db_schema_version(&cli->db));
    return 0;
}
