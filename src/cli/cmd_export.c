/*
** cmd_export.c: `zhenggai export ledger [--inspection ID] -o FILE.xlsx|FILE.csv [--format
** xlsx|csv] [--as-of DATE]`: the ledger (台账) as a spreadsheet in the layout of SPEC §7.2 —
** Chinese headers, a problem's cells merged over its measures, lights as cell colours, frozen
** and filtered header, A3 landscape. CSV may go to stdout. Recorded and audited as every
** report is (emit.h).
*/
#include "cli.h"

#include "cli/emit.h"

/* The format named by --format, else by the file's extension. */
static int export_format(Cli *cli, const char *format_text, const char *path)
{
    const char *name = format_text;
    if (!name && path) {
        const char *dot = strrchr(path, '.');
        name = dot ? dot + 1 : NULL;
    }
    int f = report_format_parse(name);
    if (f < 0 || !report_supports(REPORT_LEDGER, (ReportFormat)f)) {
        if (format_text)
            return err_fail(&cli->err, ERR_USAGE, "unknown --format '%s' (one of %s)", format_text,
                            report_formats_of(REPORT_LEDGER));
        return err_fail(&cli->err, ERR_USAGE,
                        "cannot tell the format of '%s': name it .xlsx or .csv, or give --format",
                        path ? path : "-");
    }
    return f;
}

int cmd_export(Cli *cli)
{
    /* What to export comes first; -o is not an option to cli_arg, so look before taking it. */
    if (cli->argc == 0 || strcmp(cli->argv[0], "ledger") != 0)
        return err_fail(&cli->err, ERR_USAGE,
                        "usage: zhenggai export ledger [--inspection ID] -o FILE.xlsx|FILE.csv");
    cli_arg(cli, 0);
    const char *path = report_output_opt(cli);
    const char *format_text = cli_opt(cli, "--format");
    int64_t id;
    Day as_of;
    int format = export_format(cli, format_text, path);
    if (format < 0 || cli_inspection(cli, &id) < 0 ||
        cli_date(cli, "--as-of", &as_of) < 0 || cli_finish(cli) < 0)
        return -1;
    ReportData d;
    if (report_load(&cli->db, &cli->arena, id, as_of, false, &d, &cli->err) < 0)
        return -1;
    return report_emit(cli, &d, REPORT_LEDGER, (ReportFormat)format, path);
}
