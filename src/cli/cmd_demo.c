/*
** cmd_demo.c: `zhenggai demo [--scale county|province|city|nation] [--seed N] [--today DATE]
** [--crypto default|sm]` (sm: as `init --crypto sm`, before the data is written).
*/
#include "cli.h"

#include "base/crypto.h"
#include "db/evidence_store.h"
#include "db/keys.h"
#include "demo/demo.h"

int cmd_demo(Cli *cli)
{
    DemoOptions opt = {DEMO_COUNTY, 1, 0, evidence_files_dir(&cli->arena, cli->db_path)};
    const char *scale = cli_opt(cli, "--scale");
    const char *seed = cli_opt(cli, "--seed");
    const char *crypto = cli_opt(cli, "--crypto");
    CryptoSuite suite = CRYPTO_DEFAULT;
    if (cli_date(cli, "--today", &opt.today) < 0 || cli_finish(cli) < 0 ||
        (crypto && (crypto_suite_parse(crypto, &suite, &cli->err) < 0 ||
                    keys_init(&cli->db, suite, true, &cli->err) < 0)))
        return -1;
    if (scale) {
        int s = demo_scale_parse(scale);
        if (s < 0)
            return err_fail(&cli->err, ERR_USAGE,
                            "--scale must be county, province, city or nation, not '%s'", scale);
        opt.scale = (DemoScale)s;
    }
    if (seed) {
        int64_t v;
        if (cli_parse_id(cli, seed, "--seed", &v) < 0)
            return -1;
        opt.seed = (uint64_t)v;
    }
    DemoSummary s;
    if (demo_generate(&cli->db, &opt, &s, &cli->err) < 0)
        return -1;
    printf("demo data written to '%s': %d units, %d persons, %d users, %d inspections, "
           "%d findings, %d measures, %d progress reports\n",
           cli->db_path, s.units, s.persons, s.users, s.inspections, s.findings, s.measures,
           s.progress);
    printf("every demo account's password is %s (changed at first login)\n", DEMO_PASSWORD);
    return 0;
}
