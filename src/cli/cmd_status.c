/*
** cmd_status.c: `zhenggai status [--inspection ID] [--as-of DATE] [--json]`: counts by state and
** light, problem statuses, reporting punctuality and the overdue list of one inspection, or
** the totals over every inspection when no --inspection is given.
*/
#include "cli.h"

#include "cli/names.h"
#include "db/inspection_store.h"
#include "ledger/ledger.h"
#include "ledger/stats.h"
#include "report/stats_json.h"

static void print_counts(Buf *b, const Stats *st)
{
    buf_printf(b, "lights     red %d  yellow %d  green %d  closed %d\n", st->by_light[LIGHT_RED],
               st->by_light[LIGHT_YELLOW], st->by_light[LIGHT_GREEN], st->by_light[LIGHT_CLOSED]);
    buf_puts(b, "states    ");
    for (int s = 0; s < STATE__COUNT; s++)
        buf_printf(b, " %s %d", model_state_name((MeasureState)s), st->by_state[s]);
    buf_printf(b, "\nproblems   %d: completed %d  basically_completed %d  uncompleted %d\n",
               st->n_problems, st->problems[STATUS_COMPLETED],
               st->problems[STATUS_BASICALLY_COMPLETED], st->problems[STATUS_UNCOMPLETED]);
    buf_printf(b, "reporting  %d of %d cycle reports on time (%.1f%%)\n", st->on_time_reports,
               st->expected_reports, ledger_rate(st->on_time_reports, st->expected_reports));
}

static void print_one(Buf *b, const Ledger *l, const Stats *st, Names *names)
{
    char iso[DATE_ISO_SIZE];
    buf_printf(b, "inspection %lld: %s\n", (long long)l->in.id, l->in.title);
    buf_printf(b, "as of %s, %d measures, reported %s\n\n", date_format(st->as_of, iso),
               st->n_measures, model_cycle_name(l->in.report_cycle));
    print_counts(b, st);
    buf_printf(b, "\noverdue (%d):\n", st->n_overdue);
    if (st->n_overdue)
        buf_puts(b, "  id      deadline    days  lead unit / title\n");
    for (int i = 0; i < st->n_overdue; i++) {
        const Measure *m = st->overdue[i];
        buf_printf(b, "  %-6lld  %s  %4d  %s / %s\n", (long long)m->id, date_format(m->deadline, iso),
                   (int)(st->as_of - m->deadline), names_unit(names, m->lead_unit_id), m->title);
    }
}

/* Add b's counts into a. */
static void add_stats(Stats *a, const Stats *b)
{
    a->n_measures += b->n_measures;
    for (int s = 0; s < STATE__COUNT; s++)
        a->by_state[s] += b->by_state[s];
    for (int l = 0; l < LIGHT__COUNT; l++)
        a->by_light[l] += b->by_light[l];
    a->n_problems += b->n_problems;
    for (int s = 0; s < STATUS__COUNT; s++)
        a->problems[s] += b->problems[s];
    a->expected_reports += b->expected_reports;
    a->on_time_reports += b->on_time_reports;
    a->n_overdue += b->n_overdue;
}

static int status_all(Cli *cli, Day as_of, bool json, Buf *out)
{
    int64_t *ids;
    int n;
    if (inspection_store_ids(&cli->db, &cli->arena, &ids, &n, &cli->err) < 0)
        return -1;
    Stats total;
    memset(&total, 0, sizeof total);
    total.as_of = as_of;
    for (int i = 0; i < n; i++) {
        Arena scratch = ARENA_INIT;
        Ledger l;
        Stats st;
        int rc = ledger_load(&cli->db, &scratch, ids[i], &l, &cli->err);
        if (rc == 0) {
            ledger_stats(&l.in, l.findings, l.n_findings, l.measures, l.n_measures, as_of, &scratch,
                         &st);
            add_stats(&total, &st);
        }
        arena_free(&scratch);
        if (rc < 0)
            return -1;
    }
    char iso[DATE_ISO_SIZE];
    if (json) {
        JsonW j;
        json_init(&j, out, true);
        json_obj(&j);
        json_kint(&j, "inspections", n);
        json_kstr(&j, "as_of", date_format(as_of, iso));
        report_stats_counts_json(&j, &total);
        json_kint(&j, "overdue", total.n_overdue);
        json_end(&j);
        buf_putc(out, '\n');
        return 0;
    }
    buf_printf(out, "%d inspections as of %s, %d measures, %d overdue\n\n", n,
               date_format(as_of, iso), total.n_measures, total.n_overdue);
    print_counts(out, &total);
    return 0;
}

int cmd_status(Cli *cli)
{
    const char *id_text = cli_opt(cli, "--inspection");
    bool json = cli_flag(cli, "--json");
    Day as_of;
    if (cli_date(cli, "--as-of", &as_of) < 0 || cli_finish(cli) < 0)
        return -1;
    Buf out = BUF_INIT;
    int rc = -1;
    if (!id_text) {
        rc = status_all(cli, as_of, json, &out);
        goto done;
    }
    int64_t id;
    Ledger l;
    Names names;
    if (cli_parse_id(cli, id_text, "--inspection", &id) < 0 ||
        ledger_load(&cli->db, &cli->arena, id, &l, &cli->err) < 0 || names_init(&names, cli) < 0)
        goto done;
    Stats st;
    ledger_stats(&l.in, l.findings, l.n_findings, l.measures, l.n_measures, as_of, &cli->arena, &st);
    if (json) {
        JsonW j;
        json_init(&j, &out, true);
        NameLookup lookup = names_lookup(&names);
        report_stats_json(&j, &l.in, &st, &lookup);
        buf_putc(&out, '\n');
    } else {
        print_one(&out, &l, &st, &names);
    }
    rc = 0;
done:
    if (rc == 0)
        rc = cli_write(cli, out.data, out.len);
    buf_free(&out);
    return rc;
}
