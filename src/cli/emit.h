/*
** emit.h: handing a generated report out, shared by `report` and `export` (cmd_report.c).
*/
#ifndef ZG_CLI_EMIT_H
#define ZG_CLI_EMIT_H

#include "cli/cli.h"
#include "report/report.h"

/*
** Render report kind in format for d and deliver it to path (a file, written through a
** temporary and renamed into place) or to stdout (path NULL or "-", text formats only), in one
** transaction with its `report` row and audit entry: nothing is recorded unless the bytes were
** delivered, and a failed delivery records nothing. 0, or -1 with cli->err.
*/
int report_emit(Cli *cli, const ReportData *d, ReportKind kind, ReportFormat format,
                const char *path);
/* The value of -o FILE or --output FILE, or NULL. */
const char *report_output_opt(Cli *cli);

#endif
