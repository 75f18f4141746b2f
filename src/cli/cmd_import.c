/*
** cmd_import.c: `import doc|ledger FILE [--inspection ID] [--map FILE] [--create-unknown]
** [--new] [--dry-run] [--json]` (ledger: .xlsx or .csv only) and the hidden
** `debug-parse FILE [--json]` / `debug-parse --bench [--repeat N] FILE…`. The dry run needs no
** database; writing opens (or creates) it and imports in one transaction (import.h).
*/
#include "cli.h"

#include "base/json.h"
#include "import/import.h"

#include <errno.h>
#include <time.h>
#include <unistd.h>

/* Warnings on stderr, one line each, naming the file and line. */
static void print_warnings(const ImportDoc *doc)
{
    for (const ImportWarning *w = doc->warnings; w; w = w->next)
        fprintf(stderr, "zhenggai: warning: %s:%d: %s\n", doc->file, w->line, w->message);
}

/* The unknown names, one line each, on stderr (a dry run shows them all). */
static void print_unknown(const ImportDoc *doc)
{
    for (int i = 0; i < doc->n_unknown; i++)
        fprintf(stderr, "zhenggai: unknown %s '%s' at %s\n",
                doc->unknown[i].is_unit ? "unit" : "person", doc->unknown[i].name,
                doc->unknown[i].where);
}

static int read_map(Cli *cli, const char *path, ImportMap *map)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return err_fail(&cli->err, ERR_IO, "cannot open '%s': %s", path, strerror(errno));
    Buf b = BUF_INIT;
    char chunk[4096];
    size_t k;
    int rc = 0;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + k > 4u * 1024 * 1024) {
            rc = err_fail(&cli->err, ERR_TOO_LARGE, "'%s' is larger than 4 MB", path);
            break;
        }
        buf_append(&b, chunk, k);
    }
    fclose(f);
    if (rc == 0 && import_map_parse(&cli->arena, b.data, b.len, map, &cli->err) < 0)
        rc = err_fail(&cli->err, ERR_INPUT, "'%s': %s", path, cli->err.msg);
    buf_free(&b);
    return rc;
}

/* Is doc a spreadsheet (.xlsx or .csv)? */
static bool is_sheet(const ImportDoc *doc)
{
    return strcmp(doc->format, "xlsx") == 0 || strcmp(doc->format, "csv") == 0;
}

/* What an import wrote, as JSON or a line of text, into out. */
static void written(const ImportDoc *doc, const ImportOptions *opts, const ImportResult *res,
                    bool json, const char *path, Buf *out)
{
    if (json) {
        JsonW j;
        json_init(&j, out, false);
        json_obj(&j);
        json_kint(&j, "inspection_id", res->inspection_id);
        json_kbool(&j, "unchanged", res->unchanged);
        json_kint(&j, "findings", res->findings);
        json_kint(&j, "measures", res->measures);
        json_kint(&j, "warnings", doc->n_warnings);
        json_end(&j);
        buf_putc(out, '\n');
    } else if (res->unchanged && opts->inspection_id) {
        buf_printf(out, "'%s' adds nothing to inspection %lld: nothing changed\n", path,
                   (long long)res->inspection_id);
    } else if (res->unchanged) {
        buf_printf(out, "'%s' was already imported as inspection %lld: nothing changed\n", path,
                   (long long)res->inspection_id);
    } else {
        buf_printf(out,
                   "imported %s'%s' %s inspection %lld: %d findings, %d measures, %d warnings\n",
                   is_sheet(doc) ? "ledger " : "", path, opts->inspection_id ? "into" : "as",
                   (long long)res->inspection_id, res->findings, res->measures, doc->n_warnings);
    }
}

/*
** import doc|ledger: load, then either print the dry run (names matched against the database
** when there is one, nothing written) or write in one transaction. ledger insists on a
** spreadsheet; doc takes any document (a plan's owner lines are matched the same way).
*/
static int import_file(Cli *cli, const char *path, bool ledger)
{
    bool dry = cli_flag(cli, "--dry-run");
    bool json = cli_flag(cli, "--json");
    ImportOptions opts = {0};
    opts.as_new = cli_flag(cli, "--new");
    opts.create_unknown = cli_flag(cli, "--create-unknown");
    const char *id_text = cli_opt(cli, "--inspection");
    const char *map_path = cli_opt(cli, "--map");
    if (id_text && cli_parse_id(cli, id_text, "--inspection", &opts.inspection_id) < 0)
        return -1;
    if (cli_finish(cli) < 0)
        return -1;
    ImportMap map;
    if (map_path) {
        if (read_map(cli, map_path, &map) < 0)
            return -1;
        opts.map = &map;
    }
    ImportDoc doc;
    if (import_load_file(&doc, &cli->arena, path, &cli->err) < 0)
        return -1;
    if (ledger && !is_sheet(&doc))
        return err_fail(&cli->err, ERR_INPUT,
                        "'%s' is no spreadsheet (.xlsx or .csv): use 'import doc'", path);
    Buf out = BUF_INIT;
    int rc = 0;
    if (dry) {
        if (db_exists(cli->db_path)) {
            if (db_open(&cli->db, cli->db_path, DB_READONLY, &cli->err) < 0 ||
                import_resolve(&cli->db, &doc, opts.map, false, &cli->err) < 0)
                return -1;
        }
        print_unknown(&doc);
        if (json)
            import_json(&doc, &out);
        else
            import_debug(&doc, &out);
        rc = cli_write(cli, out.data, out.len);
        buf_free(&out);
        return rc;
    }
    if (db_open(&cli->db, cli->db_path, DB_CREATE, &cli->err) < 0 ||
        db_migrate(&cli->db, &cli->err) < 0)
        return -1;
    ImportResult res;
    Buf diff = BUF_INIT;
    rc = import_write_opts(&cli->db, &doc, &opts, &res, &diff, &cli->err);
    /* The differences go to stdout; stderr keeps its one line of error. */
    if (diff.len && cli_write(cli, diff.data, diff.len) < 0)
        rc = -1;
    buf_free(&diff);
    if (rc < 0)
        return -1;
    print_warnings(&doc);
    written(&doc, &opts, &res, json, path, &out);
    rc = cli_write(cli, out.data, out.len);
    buf_free(&out);
    return rc;
}

#define IMPORT_USAGE                                                                               \
    "usage: zhenggai import doc|ledger FILE [--inspection ID] [--map FILE] [--create-unknown] "   \
    "[--new] [--dry-run] [--json]"

int cmd_import(Cli *cli)
{
    const char *what = cli_arg(cli, 0);
    const char *path = cli_arg(cli, 1);
    if (!what || !path || (strcmp(what, "doc") != 0 && strcmp(what, "ledger") != 0))
        return err_fail(&cli->err, ERR_USAGE, IMPORT_USAGE);
    return import_file(cli, path, strcmp(what, "ledger") == 0);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Parse throughput: the files concatenated, repeated, parsed as one document. */
static int bench(Cli *cli)
{
    const char *rep = cli_opt(cli, "--repeat");
    int repeat = rep ? atoi(rep) : 200;
    if (repeat < 1)
        return err_fail(&cli->err, ERR_USAGE, "--repeat '%s' is not a positive number", rep);
    Buf one = BUF_INIT;
    const char *path;
    for (int i = 0; (path = cli_arg(cli, i)) != NULL; i++) {
        ImportDoc doc;
        Arena a = ARENA_INIT;
        if (import_load_file(&doc, &a, path, &cli->err) < 0) {
            arena_free(&a);
            buf_free(&one);
            return -1;
        }
        /* Re-read the decoded lines to rebuild the text in UTF-8. */
        for (int k = 0; k < doc.n_lines; k++) {
            buf_append(&one, doc.lines[k].s, doc.lines[k].n);
            buf_putc(&one, '\n');
        }
        arena_free(&a);
    }
    if (cli_finish(cli) < 0) {
        buf_free(&one);
        return -1;
    }
    if (one.len == 0)
        return err_fail(&cli->err, ERR_USAGE,
                        "usage: zhenggai debug-parse --bench [--repeat N] FILE...");
    Buf all = BUF_INIT;
    for (int i = 0; i < repeat; i++)
        buf_append(&all, one.data, one.len);
    Buf out = BUF_INIT;
    double best = 0;
    ImportCounts c = {0};
    for (int run = 0; run < 5; run++) {
        Arena a = ARENA_INIT;
        ImportDoc doc;
        memset(&doc, 0, sizeof doc);
        doc.arena = &a;
        const char *text, *enc;
        size_t len;
        Err e = ERR_INIT;
        double t0 = now_seconds();
        if (import_decode(&a, all.data, all.len, &text, &len, &enc, &e) == 0)
            import_parse(&doc, text, len, false);
        double dt = now_seconds() - t0;
        import_count(&doc, &c);
        double mbs = (double)all.len / (1024.0 * 1024.0) / dt;
        if (mbs > best)
            best = mbs;
        arena_free(&a);
    }
    buf_printf(&out, "%zu bytes (%d copies), %d findings, %d measures: best of 5 %.1f MB/s\n",
               all.len, repeat,
               c.by_level[LEVEL_ASPECT] + c.by_level[LEVEL_ITEM] + c.by_level[LEVEL_PROBLEM] +
                   c.by_level[LEVEL_SUBPROBLEM],
               c.measures, best);
    int rc = cli_write(cli, out.data, out.len);
    buf_free(&out);
    buf_free(&all);
    buf_free(&one);
    return rc;
}

int cmd_debug_parse(Cli *cli)
{
    if (cli_flag(cli, "--bench"))
        return bench(cli);
    bool json = cli_flag(cli, "--json");
    const char *path = cli_arg(cli, 0);
    if (!path)
        return err_fail(&cli->err, ERR_USAGE, "usage: zhenggai debug-parse FILE [--json]");
    if (cli_finish(cli) < 0)
        return -1;
    ImportDoc doc;
    if (import_load_file(&doc, &cli->arena, path, &cli->err) < 0)
        return -1;
    Buf out = BUF_INIT;
    if (json)
        import_json(&doc, &out);
    else
        import_debug(&doc, &out);
    int rc = cli_write(cli, out.data, out.len);
    buf_free(&out);
    return rc;
}
