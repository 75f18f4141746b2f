/*
** cmd_init.c: `zhenggai init [--crypto default|sm]` creates the database file with the current
** schema. The work is done by the dispatcher (CMD_CREATE opens and migrates); this makes the key
** file (DB.audit-key, kept outside the database: db/keys.h) with the chosen crypto suite and
** reports what it found. The suite is chosen once: `init --crypto sm` on a database that already
** has a default key file is refused, and so is the reverse.
*/
#include "cli.h"

#include "base/crypto.h"
#include "db/keys.h"

int cmd_init(Cli *cli)
{
    const char *name = cli_opt(cli, "--crypto");
    CryptoSuite suite = CRYPTO_DEFAULT;
    if (cli_finish(cli) < 0 || (name && crypto_suite_parse(name, &suite, &cli->err) < 0) ||
        keys_init(&cli->db, suite, name != NULL, &cli->err) < 0)
        return -1;
    printf("database '%s' ready (schema version %d, crypto %s)\n", cli->db_path,
           db_schema_version(&cli->db), crypto_suite_name((CryptoSuite)cli->db.crypto));
    return 0;
}
