/*
** cmd_report.c: `zhenggai report`, the generated reports of an inspection (report.h):
**   report [--inspection ID] --kind tongbao|dispatch|stats --format md|html|docx|xlsx|json
**          [--as-of DATE] [--names] [--attach-ledger] [-o FILE]
** A report as of a past day is the ledger as it stood at the end of that day (report_load_on).
**   report text set [--inspection ID] --block organise|leader|plan --file F
**   report text show [--inspection ID] --block NAME
**   report publish [--inspection ID] [--as-of DATE] [--attach-ledger] [--confirm NAME,…]
** and the delivery every report and export shares (report_emit, emit.h): render, then record
** the report row and its audit entry and hand the bytes out in one transaction.
*/
#include "cli.h"

#include "cli/emit.h"
#include "db/audit_store.h"

#include <errno.h>
#include <pwd.h>
#include <unistd.h>

/* Who runs the command, for the report row's audit entry: cli:LOGIN of the operating system's
   user (the process's real user, not an environment variable a caller could set). */
static const char *operator_of(Cli *cli)
{
    struct passwd pw, *found = NULL;
    char buf[1024];
    if (getpwuid_r(getuid(), &pw, buf, sizeof buf, &found) == 0 && found && found->pw_name)
        return arena_printf(&cli->arena, "cli:%s", found->pw_name);
    return arena_printf(&cli->arena, "cli:uid%ld", (long)getuid());
}

/* Write out to path through a temporary file renamed into place, so that a failed write
   leaves no half file behind. */
static int write_file(Cli *cli, const char *path, const Buf *out)
{
    Buf tmp = BUF_INIT;
    buf_printf(&tmp, "%s.tmp-%ld", path, (long)getpid());
    FILE *f = fopen(tmp.data, "wb");
    int rc = -1;
    if (!f) {
        err_fail(&cli->err, ERR_IO, "cannot write '%s': %s", path, strerror(errno));
        goto done;
    }
    bool ok = fwrite(out->data, 1, out->len, f) == out->len;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp.data, path) != 0) {
        err_fail(&cli->err, ERR_IO, "cannot write '%s': %s", path, strerror(errno));
        remove(tmp.data);
        goto done;
    }
    rc = 0;
done:
    buf_free(&tmp);
    return rc;
}

int report_emit(Cli *cli, const ReportData *d, ReportKind kind, ReportFormat format,
                const char *path)
{
    bool to_stdout = !path || strcmp(path, "-") == 0;
    if (to_stdout && report_format_binary(format))
        return err_fail(&cli->err, ERR_USAGE, "a %s file needs -o FILE",
                        report_format_name(format));
    Buf out = BUF_INIT;
    Arena scratch = ARENA_INIT;
    int rc = -1;
    if (report_render(d, &scratch, kind, format, &out, &cli->err) < 0)
        goto done;
    char sha[65];
    if (db_begin(&cli->db, &cli->err) < 0)
        goto done;
    if (report_record(&cli->db, d->l.in.id, report_kind_name(kind), report_format_name(format),
                      &out, operator_of(cli), to_stdout ? "stdout" : path, sha, &cli->err) < 0 ||
        (to_stdout ? cli_write(cli, out.data, out.len) : write_file(cli, path, &out)) < 0) {
        db_rollback(&cli->db);
        goto done;
    }
    if (db_commit(&cli->db, &cli->err) < 0) {
        if (!to_stdout)
            remove(path);
        goto done;
    }
    if (!to_stdout)
        fprintf(stderr, "zhenggai: wrote '%s' (%zu bytes, sha256 %.12s…)\n", path, out.len, sha);
    rc = 0;
done:
    arena_free(&scratch);
    buf_free(&out);
    return rc;
}

/* -o FILE or --output FILE; NULL when absent. Read before any positional argument. */
const char *report_output_opt(Cli *cli)
{
    const char *o = cli_opt(cli, "-o");
    return o ? o : cli_opt(cli, "--output");
}

static int parse_enum(Cli *cli, const char *opt, const char *value, int parsed, const char *list)
{
    if (!value)
        return err_fail(&cli->err, ERR_USAGE, "missing %s %s", opt, list);
    if (parsed < 0)
        return err_fail(&cli->err, ERR_USAGE, "unknown %s '%s' (one of %s)", opt, value, list);
    return parsed;
}

static int report_text(Cli *cli)
{
    const char *verb = cli_arg(cli, 1);
    const char *block = cli_opt(cli, "--block");
    const char *file = verb && strcmp(verb, "set") == 0 ? cli_opt(cli, "--file") : NULL;
    if (!verb || (strcmp(verb, "set") != 0 && strcmp(verb, "show") != 0))
        return err_fail(&cli->err, ERR_USAGE,
                        "usage: zhenggai report text set|show [--inspection ID] --block NAME "
                        "[--file F]");
    int64_t id;
    int t = parse_enum(cli, "--block", block, report_text_parse(block), report_text_list());
    if (t < 0 || cli_inspection(cli, &id) < 0 || cli_finish(cli) < 0)
        return -1;
    if (strcmp(verb, "show") == 0) {
        const char *body;
        if (report_store_text_get(&cli->db, &cli->arena, id, block, &body, &cli->err) < 0)
            return -1;
        if (!body)
            return err_fail(&cli->err, ERR_NOTFOUND, "inspection %lld has no '%s' text",
                            (long long)id, block);
        return cli_write(cli, body, strlen(body)) < 0 ? -1 : cli_write(cli, "\n", 1);
    }
    if (!file)
        return err_fail(&cli->err, ERR_USAGE, "missing --file F (the text of block '%s')", block);
    /* Read a little over the limit, so that report_text_clean names the size. */
    Buf raw = BUF_INIT;
    Err read_err = ERR_INIT;
    const char *body;
    int rc = -1;
    if (buf_read_file(&raw, file, 64 * 1024 + 4096, &read_err) < 0 &&
        read_err.code != ERR_TOO_LARGE) {
        cli->err = read_err;
        goto done;
    }
    if (report_text_clean(&cli->arena, raw.data, raw.len, &body, &cli->err) < 0) {
        /* Name the file: "'x.txt': text is not valid UTF-8". */
        Err inner = cli->err;
        err_fail(&cli->err, inner.code, "'%s': %s", file, inner.msg);
        goto done;
    }
    if (db_begin(&cli->db, &cli->err) < 0)
        goto done;
    char object[32], detail[96];
    snprintf(object, sizeof object, "inspection:%lld", (long long)id);
    snprintf(detail, sizeof detail, "block %s (%s), %zu bytes", block,
             report_text_label((ReportText)t), strlen(body));
    rc = report_store_text_set(&cli->db, id, block, body, &cli->err) < 0 ||
                 audit_store_append(&cli->db, "cli", AUDIT_REPORT_TEXT_SET, object, detail,
                                    &cli->err) < 0
             ? -1
             : 0;
    rc = db_finish(&cli->db, rc, &cli->err);
done:
    buf_free(&raw);
    return rc;
}

/*
** report publish [--inspection ID] [--as-of DATE] [--attach-ledger] [--confirm NAME[,NAME…]]:
** freeze the 通报 as published (report_publish); names the redaction check finds stop it
** unless confirmed.
*/
static int report_publish_cmd(Cli *cli)
{
    const char *confirm = cli_opt(cli, "--confirm");
    bool attach = cli_flag(cli, "--attach-ledger");
    int64_t id;
    Day as_of;
    if (cli_inspection(cli, &id) < 0 || cli_date(cli, "--as-of", &as_of) < 0 || cli_finish(cli) < 0)
        return -1;
    const char **names = ARENA_ARRAY(&cli->arena, const char *, 201);
    int n = 0;
    for (const char *s = confirm; s && *s && n < 200;) {
        const char *e = strchr(s, ',');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (len)
            names[n++] = arena_strndup(&cli->arena, s, len);
        s += len + (e != NULL);
    }
    ReportData d;
    if (report_load_on(&cli->db, &cli->arena, id, as_of, date_today(), false, &d, &cli->err) < 0)
        return -1;
    d.attach_ledger = attach;
    ReportPublished out;
    if (report_publish(&cli->db, &cli->arena, &d, operator_of(cli), 0, names, n, &out, &cli->err) <
        0) {
        if (!out.n_hits)
            return -1;
        Buf list = BUF_INIT;
        for (int i = 0; i < out.n_hits; i++)
            buf_printf(&list, "%s%s", i ? "," : "", out.hits[i]);
        err_fail(&cli->err, ERR_CONFLICT, "the report names '%s': check and confirm with --confirm",
                 list.data);
        buf_free(&list);
        return -1;
    }
    char line[64];
    int len = snprintf(line, sizeof line, "published report %lld\n", (long long)out.id);
    return cli_write(cli, line, (size_t)len);
}

int cmd_report(Cli *cli)
{
    if (cli->argc > 0 && strcmp(cli->argv[0], "text") == 0) {
        cli_arg(cli, 0);
        return report_text(cli);
    }
    if (cli->argc > 0 && strcmp(cli->argv[0], "publish") == 0) {
        cli_arg(cli, 0);
        return report_publish_cmd(cli);
    }
    const char *path = report_output_opt(cli);
    const char *kind_text = cli_opt(cli, "--kind");
    const char *format_text = cli_opt(cli, "--format");
    bool names = cli_flag(cli, "--names");
    bool attach = cli_flag(cli, "--attach-ledger");
    Day as_of;
    int64_t id;
    int kind =
        parse_enum(cli, "--kind", kind_text, report_kind_parse(kind_text), report_kind_list());
    /* The ledger is `export ledger`'s. */
    if (kind == REPORT_LEDGER)
        kind = err_fail(&cli->err, ERR_USAGE,
                        "no --kind 'ledger' here (one of %s): use 'export ledger'",
                        report_kind_list());
    if (kind < 0)
        return -1;
    int format = parse_enum(cli, "--format", format_text, report_format_parse(format_text),
                            report_formats_of((ReportKind)kind));
    if (format < 0 || cli_inspection(cli, &id) < 0 ||
        cli_date(cli, "--as-of", &as_of) < 0 || cli_finish(cli) < 0)
        return -1;
    if (!report_supports((ReportKind)kind, (ReportFormat)format))
        return err_fail(&cli->err, ERR_USAGE, "a %s report comes as %s, not '%s'", kind_text,
                        report_formats_of((ReportKind)kind), format_text);
    ReportData d;
    if (report_load_on(&cli->db, &cli->arena, id, as_of, date_today(), names, &d, &cli->err) < 0)
        return -1;
    d.attach_ledger = attach;
    return report_emit(cli, &d, (ReportKind)kind, (ReportFormat)format, path);
}
