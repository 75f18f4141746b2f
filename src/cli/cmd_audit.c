/*
** cmd_audit.c: `zhenggai audit verify [--anchor FILE]` recomputes the audit log's keyed hash
** chain and the digests of the objects it records, and says whether all is intact (exit 0) or
** what is wrong (exit 1); `zhenggai audit anchor [-o FILE]` writes the chain's head (sequence
** and hash) for the auditor to keep outside the database, so that a later verify against it
** proves no entry up to it was removed or changed and that the database is not an older copy.
*/
#include "cli.h"

#include "db/audit_store.h"

int cmd_audit(Cli *cli)
{
    const char *sub = cli_arg(cli, 0);
    const char *anchor = cli_opt(cli, "--anchor");
    const char *out = cli_opt(cli, "-o");
    if (cli_finish(cli) < 0)
        return -1;
    if (sub && strcmp(sub, "anchor") == 0) {
        int64_t seq, rows;
        char hash[65];
        if (audit_store_verify(&cli->db, &rows, &cli->err) < 0 ||
            audit_store_head(&cli->db, &seq, hash, &cli->err) < 0)
            return -1;
        char line[160];
        snprintf(line, sizeof line, "zhenggai audit anchor seq %lld hash %s\n", (long long)seq,
                 hash);
        if (out) {
            FILE *f = fopen(out, "w");
            if (!f || fputs(line, f) < 0 || fclose(f) != 0)
                return err_fail(&cli->err, ERR_IO, "cannot write anchor '%s'", out);
        }
        fputs(line, stdout);
        return 0;
    }
    if (!sub || strcmp(sub, "verify") != 0)
        return err_fail(&cli->err, ERR_USAGE,
                        "usage: zhenggai audit verify [--anchor FILE] | audit anchor [-o FILE]");
    int64_t rows, seq = 0;
    char hash[65] = "";
    if (anchor && audit_store_read_anchor(anchor, &seq, hash, &cli->err) < 0)
        return -1;
    if (audit_store_verify_anchor(&cli->db, seq, hash, &rows, &cli->err) < 0)
        return -1;
    printf("audit log intact: %lld entries%s\n", (long long)rows,
           anchor ? ", the anchor's entry included" : "");
    return 0;
}
