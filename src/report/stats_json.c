/*
** stats_json.c: statistics as JSON (stats_json.h).
*/
#include "stats_json.h"

void report_stats_counts_json(JsonW *j, const Stats *st)
{
    json_kint(j, "measures", st->n_measures);
    json_key(j, "by_state");
    json_obj(j);
    for (int s = 0; s < STATE__COUNT; s++)
        json_kint(j, model_state_name((MeasureState)s), st->by_state[s]);
    json_end(j);
    json_key(j, "by_light");
    json_obj(j);
    for (int l = 0; l < LIGHT__COUNT; l++)
        json_kint(j, ledger_light_name((Light)l), st->by_light[l]);
    json_end(j);
    json_key(j, "problems");
    json_obj(j);
    json_kint(j, "total", st->n_problems);
    for (int s = 0; s < STATUS__COUNT; s++)
        json_kint(j, model_status_name((ProblemStatus)s), st->problems[s]);
    json_end(j);
    json_key(j, "reporting");
    json_obj(j);
    json_kint(j, "expected", st->expected_reports);
    json_kint(j, "on_time", st->on_time_reports);
    json_key(j, "on_time_rate");
    json_double(j, ledger_rate(st->on_time_reports, st->expected_reports));
    json_end(j);
}

static void rates_json(JsonW *j, const Rate *rates, int n, const char *(*name)(void *, int64_t),
                       void *ctx)
{
    json_arr(j);
    for (int i = 0; i < n; i++) {
        const Rate *r = &rates[i];
        json_obj(j);
        json_kint(j, "id", r->id);
        if (name)
            json_kstr(j, "name", name(ctx, r->id));
        json_kint(j, "measures", r->total);
        json_kint(j, "closed", r->closed);
        json_kint(j, "overdue", r->overdue);
        json_kint(j, "red", r->red);
        json_kint(j, "yellow", r->yellow);
        json_key(j, "completion_rate");
        json_double(j, ledger_rate(r->closed, r->total));
        json_key(j, "on_time_rate");
        json_double(j, ledger_rate(r->on_time_reports, r->expected_reports));
        json_end(j);
    }
    json_end(j);
}

void report_stats_json(JsonW *j, const Ledger *l, const Stats *st, const NameLookup *names)
{
    char iso[DATE_ISO_SIZE];
    json_obj(j);
    json_key(j, "inspection");
    json_obj(j);
    json_kint(j, "id", l->in.id);
    json_kstr(j, "title", l->in.title);
    json_kstr(j, "kind", model_inspection_kind_name(l->in.kind));
    json_kstr(j, "report_cycle", model_cycle_name(l->in.report_cycle));
    json_end(j);
    json_kstr(j, "as_of", date_format(st->as_of, iso));
    report_stats_counts_json(j, st);
    json_key(j, "units");
    rates_json(j, st->units, st->n_units, names ? names->unit : NULL, names ? names->ctx : NULL);
    json_key(j, "leaders");
    rates_json(j, st->leaders, st->n_leaders, names ? names->person : NULL,
               names ? names->ctx : NULL);
    json_key(j, "overdue");
    json_arr(j);
    for (int i = 0; i < st->n_overdue; i++) {
        const Measure *m = st->overdue[i];
        json_obj(j);
        json_kint(j, "id", m->id);
        json_kstr(j, "title", m->title);
        json_kstr(j, "deadline", date_format(m->deadline, iso));
        json_kint(j, "days_overdue", st->as_of - m->deadline);
        json_kstr(j, "state", model_state_name(m->state));
        if (names && m->lead_unit_id)
            json_kstr(j, "lead_unit", names->unit(names->ctx, m->lead_unit_id));
        json_end(j);
    }
    json_end(j);
    json_end(j);
}

static void id_names(JsonW *j, const char *key, const int64_t *ids, int n,
                     const char *(*name)(void *, int64_t), void *ctx)
{
    json_key(j, key);
    json_arr(j);
    for (int i = 0; i < n; i++) {
        json_obj(j);
        json_kint(j, "id", ids[i]);
        json_kstr(j, "name", name(ctx, ids[i]));
        json_end(j);
    }
    json_end(j);
}

void report_measure_json(JsonW *j, const NameLookup *names, const Measure *m, Light light,
                         unsigned why)
{
    char iso[DATE_ISO_SIZE];
    json_kint(j, "id", m->id);
    json_kint(j, "inspection_id", m->inspection_id);
    json_kint(j, "finding_id", m->finding_id);
    json_kstr(j, "label", m->label);
    json_kstr(j, "title", m->title);
    json_kstr(j, "kind", model_kind_name(m->kind));
    if (m->deadline != DAY_NONE)
        json_kstr(j, "deadline", date_format(m->deadline, iso));
    json_key(j, "long_term");
    json_bool(j, m->long_term);
    json_kstr(j, "state", model_state_name(m->state));
    json_kint(j, "percent", m->percent);
    if (m->version) /* what an edit names (If-Match or "version") */
        json_kint(j, "version", m->version);
    if (m->withdrawn)
        json_kstr(j, "withdrawn_reason", m->withdrawn);
    json_kint(j, "return_count", m->return_count);
    json_kstr(j, "light", ledger_light_name(light));
    json_key(j, "light_reasons");
    json_arr(j);
    for (int i = 0; i < REASON__COUNT; i++)
        if (why & (1u << i))
            json_str(j, vocab_name(VOCAB_WHY, i));
    json_end(j);
    if (m->lead_unit_id) {
        json_key(j, "lead_unit");
        json_obj(j);
        json_kint(j, "id", m->lead_unit_id);
        json_kstr(j, "name", names->unit(names->ctx, m->lead_unit_id));
        json_end(j);
    }
    id_names(j, "co_units", m->co_unit_ids, m->n_co_units, names->unit, names->ctx);
    id_names(j, "leaders", m->leader_ids, m->n_leaders, names->person, names->ctx);
}
