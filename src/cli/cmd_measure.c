/*
** cmd_measure.c: `zhenggai measure list|show|transition`.
**   list [--inspection ID] [--unit ID|NAME] [--leader ID|NAME] [--state S] [--light L]
**        [--as-of DATE] [--json]
**   show ID [--as-of DATE] [--json]
**   transition ID ACTION --as LOGIN [--comment TEXT] [--today DATE]
*/
#include "cli.h"

#include "base/json.h"
#include "cli/names.h"
#include "db/activity_store.h"
#include "db/inspection_store.h"
#include "db/measure_store.h"
#include "db/user_store.h"
#include "ledger/apply.h"
#include "ledger/light.h"
#include "ledger/stats.h"

/* The light rules of an inspection, fetched once per inspection of a listing. */
typedef struct RulesCache {
    int64_t ids[8];     /* most recent inspections */
    LightRules rules[8];
    bool signoff[8];
    int n;
} RulesCache;

static int rules_for(Cli *cli, RulesCache *c, int64_t inspection_id, LightRules *out,
                     bool *signoff)
{
    for (int i = 0; i < c->n; i++) {
        if (c->ids[i] == inspection_id) {
            *out = c->rules[i];
            *signoff = c->signoff[i];
            return 0;
        }
    }
    Inspection in;
    if (inspection_store_get(&cli->db, &cli->arena, inspection_id, &in, &cli->err) < 0)
        return -1;
    int k = c->n < 8 ? c->n++ : (int)(inspection_id % 8);
    c->ids[k] = inspection_id;
    c->rules[k] = ledger_rules(&in);
    c->signoff[k] = in.require_signoff;
    *out = c->rules[k];
    *signoff = in.require_signoff;
    return 0;
}

/* The reasons of a light, by their stored names: "overdue, returned_twice". */
static void why_text(Buf *b, unsigned why)
{
    bool first = true;
    for (int i = 0; i < REASON__COUNT; i++) {
        if (why & (1u << i)) {
            buf_printf(b, "%s%s", first ? "" : ", ", vocab_name(VOCAB_WHY, i));
            first = false;
        }
    }
}

static void measure_json(JsonW *j, const Measure *m, Light light, unsigned why, Names *names)
{
    NameLookup lookup = names_lookup(names);
    json_obj(j);
    report_measure_json(j, &lookup, m, light, why);
    json_end(j);
}

static int measure_list(Cli *cli)
{
    MeasureFilter f = MEASURE_FILTER_ALL;
    Names names;
    const char *insp = cli_opt(cli, "--inspection");
    const char *unit = cli_opt(cli, "--unit");
    const char *leader = cli_opt(cli, "--leader");
    const char *state = cli_opt(cli, "--state");
    const char *light_text = cli_opt(cli, "--light");
    bool json = cli_flag(cli, "--json");
    Day as_of;
    if (cli_date(cli, "--as-of", &as_of) < 0 || cli_finish(cli) < 0 || names_init(&names, cli) < 0)
        return -1;
    if (insp && cli_parse_id(cli, insp, "--inspection", &f.inspection_id) < 0)
        return -1;
    if (unit && names_find_unit(&names, unit, &f.unit_id) < 0)
        return -1;
    if (leader && names_find_person(&names, leader, &f.leader_id) < 0)
        return -1;
    if (state && (f.state = model_state_parse(state)) < 0)
        return err_fail(&cli->err, ERR_USAGE, "unknown --state '%s'", state);
    int want_light = -1;
    if (light_text && (want_light = ledger_light_parse(light_text)) < 0)
        return err_fail(&cli->err, ERR_USAGE, "--light must be red, yellow, green or closed");

    Measure *ms;
    int n;
    if (measure_store_load(&cli->db, &cli->arena, &f, MEASURE_LOAD_OWNERS | MEASURE_LOAD_REPORTS,
                           &ms, &n, &cli->err) < 0)
        return -1;
    RulesCache cache = {0};
    Buf out = BUF_INIT;
    JsonW j;
    json_init(&j, &out, true);
    if (json)
        json_arr(&j);
    else
        buf_puts(&out, "id      light   state           deadline    lead unit / title\n");
    int shown = 0, rc = 0;
    char iso[DATE_ISO_SIZE];
    for (int i = 0; i < n; i++) {
        LightRules rules;
        bool signoff;
        if ((rc = rules_for(cli, &cache, ms[i].inspection_id, &rules, &signoff)) < 0)
            break;
        unsigned why;
        Light light = ledger_light(&ms[i], &rules, as_of, &why);
        if (want_light >= 0 && (int)light != want_light)
            continue;
        shown++;
        if (json) {
            measure_json(&j, &ms[i], light, why, &names);
            continue;
        }
        buf_printf(&out, "%-6lld  %-6s  %-14s  %-10s  %s / %s\n", (long long)ms[i].id,
                   ledger_light_name(light), model_state_name(ms[i].state),
                   date_format(ms[i].deadline, iso), names_unit(&names, ms[i].lead_unit_id),
                   ms[i].title);
    }
    if (json) {
        json_end(&j);
        buf_putc(&out, '\n');
    } else {
        buf_printf(&out, "%d measures\n", shown);
    }
    if (rc == 0)
        rc = cli_write(cli, out.data, out.len);
    buf_free(&out);
    return rc;
}

static int measure_show(Cli *cli)
{
    int64_t id;
    Names names;
    const char *id_text = cli_arg(cli, 1);
    bool json = cli_flag(cli, "--json");
    Day as_of;
    if (cli_date(cli, "--as-of", &as_of) < 0 || cli_finish(cli) < 0 ||
        cli_parse_id(cli, id_text, "measure id", &id) < 0 || names_init(&names, cli) < 0)
        return -1;
    Measure m;
    Inspection in;
    Event *events;
    Progress *progress;
    int n_events, n_progress;
    if (measure_store_get(&cli->db, &cli->arena, id, &m, &cli->err) < 0 ||
        inspection_store_get(&cli->db, &cli->arena, m.inspection_id, &in, &cli->err) < 0 ||
        event_store_list(&cli->db, &cli->arena, id, &events, &n_events, &cli->err) < 0 ||
        progress_store_list(&cli->db, &cli->arena, id, 5, &progress, &n_progress, &cli->err) < 0)
        return -1;
    LightRules rules = ledger_rules(&in);
    unsigned why;
    Light light = ledger_light(&m, &rules, as_of, &why);
    Buf out = BUF_INIT;
    char iso[DATE_ISO_SIZE];
    if (json) {
        JsonW j;
        json_init(&j, &out, true);
        measure_json(&j, &m, light, why, &names);
        buf_putc(&out, '\n');
    } else {
        buf_printf(&out, "measure %lld  %s%s\n", (long long)m.id, m.label, m.title);
        buf_printf(&out, "inspection  %lld %s\n", (long long)in.id, in.title);
        buf_printf(&out, "text        %s\n", m.body);
        buf_printf(&out, "kind        %s%s\n", model_kind_name(m.kind), m.long_term ? " (long-term)" : "");
        buf_printf(&out, "deadline    %s\n", m.deadline == DAY_NONE ? "-" : date_format(m.deadline, iso));
        buf_printf(&out, "state       %s, %d%%, returned %d time(s)\n", model_state_name(m.state),
                   m.percent, m.return_count);
        buf_printf(&out, "light       %s", ledger_light_name(light));
        if (why) {
            buf_puts(&out, " (");
            why_text(&out, why);
            buf_puts(&out, ")");
        }
        buf_printf(&out, " as of %s\n", date_format(as_of, iso));
        buf_printf(&out, "lead unit   %s\n", names_unit(&names, m.lead_unit_id));
        buf_puts(&out, "co-units   ");
        for (int i = 0; i < m.n_co_units; i++)
            buf_printf(&out, " %s", names_unit(&names, m.co_unit_ids[i]));
        buf_puts(&out, "\nleaders    ");
        for (int i = 0; i < m.n_leaders; i++)
            buf_printf(&out, " %s", names_person(&names, m.leader_ids[i]));
        buf_printf(&out, "\nevidence    %d file(s)%s\n", m.n_evidence,
                   m.evidence_waived ? " (waived by the office)" : "");
        Owe owes[OWE__COUNT];
        int n_owes = ledger_owes(&m, &rules, in.require_signoff, as_of, owes);
        for (int i = 0; i < n_owes; i++)
            buf_printf(&out, "owed        %s by %s\n", ledger_owe_name(owes[i].kind),
                       date_format(owes[i].due, iso));
        buf_printf(&out, "\nprogress (latest %d of %d):\n", n_progress, m.n_reports);
        for (int i = 0; i < n_progress; i++)
            buf_printf(&out, "  %s  %-9s  %3d%%  %s\n", date_format(progress[i].reported_on, iso),
                       vocab_name(VOCAB_PROGRESS_STATE, (int)progress[i].state),
                       progress[i].percent, progress[i].body);
        buf_puts(&out, "\ntimeline:\n");
        for (int i = 0; i < n_events; i++)
            buf_printf(&out, "  %s  %-14s %s -> %s  %s  %s\n", events[i].at, events[i].action,
                       events[i].from_state ? events[i].from_state : "-",
                       events[i].to_state ? events[i].to_state : "-",
                       events[i].actor ? events[i].actor : "system", events[i].comment);
    }
    int rc = cli_write(cli, out.data, out.len);
    buf_free(&out);
    return rc;
}

static int measure_transition(Cli *cli)
{
    const char *id_text = cli_arg(cli, 1);
    const char *action_text = cli_arg(cli, 2);
    const char *login = cli_opt(cli, "--as");
    const char *comment = cli_opt(cli, "--comment");
    Day today;
    if (cli_date(cli, "--today", &today) < 0 || cli_finish(cli) < 0)
        return -1;
    int64_t id;
    if (cli_parse_id(cli, id_text, "measure id", &id) < 0)
        return -1;
    if (!action_text)
        return err_fail(&cli->err, ERR_USAGE, "missing action (report, request_close, lead_approve, "
                                              "sign_off, verify, return, relapse, waive_evidence)");
    int action = workflow_action_parse(action_text);
    if (action < 0)
        return err_fail(&cli->err, ERR_USAGE, "unknown action '%s'", action_text);
    if (!login)
        return err_fail(&cli->err, ERR_USAGE, "missing --as LOGIN");
    User u;
    if (user_store_find(&cli->db, &cli->arena, login, &u, &cli->err) < 0)
        return -1;
    if (u.state != USER_ACTIVE)
        return err_fail(&cli->err, ERR_FORBIDDEN, "user '%s' is %s", login,
                        vocab_name(VOCAB_USER_STATE, (int)u.state));
    Actor actor = workflow_actor(&u);
    ApplyResult res;
    if (ledger_apply(&cli->db, &actor, id, (Action)action, comment, today, &res, &cli->err) < 0)
        return -1;
    printf("measure %lld: %s -> %s\n", (long long)id, model_state_name(res.from),
           model_state_name(res.to));
    return 0;
}

int cmd_measure(Cli *cli)
{
    const char *sub = cli_arg(cli, 0);
    if (!sub)
        return err_fail(&cli->err, ERR_USAGE, "usage: zhenggai measure list|show|transition …");
    if (strcmp(sub, "list") == 0)
        return measure_list(cli);
    if (strcmp(sub, "show") == 0)
        return measure_show(cli);
    if (strcmp(sub, "transition") == 0)
        return measure_transition(cli);
    return err_fail(&cli->err, ERR_USAGE, "unknown measure command '%s' (list, show, transition)", sub);
}
