/*
** stats_json.c: statistics as JSON (stats_json.h).
*/
#include "stats_json.h"

/* The object of counts[v] by the stored names of vocabulary vocab, after a total (when >= 0). */
static void counts_json(JsonW *j, const char *key, VocabId vocab, const int *counts, int total)
{
    json_kobj(j, key);
    if (total >= 0)
        json_kint(j, "total", total);
    for (int v = 0; v < vocab_count(vocab); v++)
        json_kint(j, vocab_name(vocab, v), counts[v]);
    json_end(j);
}

void report_stats_counts_json(JsonW *j, const Stats *st)
{
    json_kint(j, "measures", st->n_measures);
    counts_json(j, "by_state", VOCAB_MEASURE_STATE, st->by_state, -1);
    counts_json(j, "by_light", VOCAB_LIGHT, st->by_light, -1);
    counts_json(j, "problems", VOCAB_PROBLEM_STATUS, st->problems, st->n_problems);
    json_kobj(j, "reporting");
    json_kint(j, "expected", st->expected_reports);
    json_kint(j, "on_time", st->on_time_reports);
    json_kdouble(j, "on_time_rate", ledger_rate(st->on_time_reports, st->expected_reports));
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
        json_kdouble(j, "completion_rate", ledger_rate(r->closed, r->total));
        json_kdouble(j, "on_time_rate", ledger_rate(r->on_time_reports, r->expected_reports));
        json_end(j);
    }
    json_end(j);
}

/* The overdue measures from..to-1 as an array. */
static void overdue_json(JsonW *j, const Stats *st, const NameLookup *names, int from, int to)
{
    char iso[DATE_ISO_SIZE];
    json_arr(j);
    for (int i = from; i < to; i++) {
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
}

/* The "inspection" and "as_of" members. */
static void stats_head_json(JsonW *j, const Inspection *in, const Stats *st)
{
    char iso[DATE_ISO_SIZE];
    json_kobj(j, "inspection");
    json_kint(j, "id", in->id);
    json_kstr(j, "title", in->title);
    json_kstr(j, "kind", model_inspection_kind_name(in->kind));
    json_kstr(j, "report_cycle", model_cycle_name(in->report_cycle));
    json_end(j);
    json_kstr(j, "as_of", date_format(st->as_of, iso));
}

void report_stats_json(JsonW *j, const Inspection *in, const Stats *st, const NameLookup *names)
{
    json_obj(j);
    stats_head_json(j, in, st);
    report_stats_counts_json(j, st);
    json_key(j, "units");
    rates_json(j, st->units, st->n_units, names ? names->unit : NULL, names ? names->ctx : NULL);
    json_key(j, "leaders");
    rates_json(j, st->leaders, st->n_leaders, names ? names->person : NULL,
               names ? names->ctx : NULL);
    json_key(j, "overdue");
    overdue_json(j, st, names, 0, st->n_overdue);
    json_end(j);
}

void report_stats_page_json(JsonW *j, const Inspection *in, const Stats *st,
                            const NameLookup *names, StatsList list, int total, bool more)
{
    json_obj(j);
    stats_head_json(j, in, st);
    report_stats_counts_json(j, st);
    if (list == STATS_LIST_NONE) {
        json_end(j);
        return;
    }
    int n = list == STATS_LIST_UNITS ? st->n_units
          : list == STATS_LIST_LEADERS ? st->n_leaders
                                       : st->n_overdue;
    json_key(j, "items");
    if (list == STATS_LIST_UNITS)
        rates_json(j, st->units, n, names ? names->unit : NULL, names ? names->ctx : NULL);
    else if (list == STATS_LIST_LEADERS)
        rates_json(j, st->leaders, n, names ? names->person : NULL, names ? names->ctx : NULL);
    else
        overdue_json(j, st, names, 0, n);
    json_kint(j, "total", total);
    json_key(j, "next");
    if (more && n > 0)
        json_int(j, list == STATS_LIST_UNITS     ? st->units[n - 1].id
                    : list == STATS_LIST_LEADERS ? st->leaders[n - 1].id
                                                 : st->overdue[n - 1]->id);
    else
        json_nul(j);
    json_end(j);
}

static void id_names(JsonW *j, const char *key, const int64_t *ids, int n,
                     const char *(*name)(void *, int64_t), void *ctx)
{
    json_karr(j, key);
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
    json_kbool(j, "long_term", m->long_term);
    json_kstr(j, "state", model_state_name(m->state));
    json_kint(j, "percent", m->percent);
    if (m->version) /* what an edit names (If-Match or "version") */
        json_kint(j, "version", m->version);
    if (m->withdrawn)
        json_kstr(j, "withdrawn_reason", m->withdrawn);
    json_kint(j, "return_count", m->return_count);
    json_kstr(j, "light", ledger_light_name(light));
    json_karr(j, "light_reasons");
    for (int i = 0; i < REASON__COUNT; i++)
        if (why & (1u << i))
            json_str(j, vocab_name(VOCAB_WHY, i));
    json_end(j);
    if (m->lead_unit_id) {
        json_kobj(j, "lead_unit");
        json_kint(j, "id", m->lead_unit_id);
        json_kstr(j, "name", names->unit(names->ctx, m->lead_unit_id));
        json_end(j);
    }
    id_names(j, "co_units", m->co_unit_ids, m->n_co_units, names->unit, names->ctx);
    id_names(j, "leaders", m->leader_ids, m->n_leaders, names->person, names->ctx);
}
