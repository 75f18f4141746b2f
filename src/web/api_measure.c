/*
** api_measure.c: measures through the JSON API (SPEC §6): the list (the same filters, scope,
** sort orders and keyset cursor as the 措施清单 page, from listing.h), one measure with its owners,
** light and reasons, what is owed and its timeline, and the workflow transitions, which call
** ledger_apply like the CLI and the pages do: 409 with the reason when the state does not allow
** the action, 403 when this user may not, 422 naming the field when an input is missing.
*/
#include "db/activity_store.h"
#include "ledger/apply.h"
#include "ledger/light.h"
#include "ledger/stats.h"
#include "web/access.h"
#include "web/api.h"
#include "web/handlers.h"
#include "web/listing.h"
#include "web/routes.h"
#include "web/texts.h"

#define MEASURE_PROGRESS_SHOWN 10 /* latest progress reports in a measure's reply */

void api_measure_list(Request *r)
{
    ListingQuery q;
    ListingPage page;
    if (listing_parse(r, &q) < 0 || listing_measures(r, &q, &page) < 0)
        return;
    NameLookup names = {idname_unit, idname_person, &page.names};
    JsonW j;
    api_items_begin(r, &j);
    for (int i = 0; i < page.n_rows; i++) {
        json_obj(&j);
        report_measure_json(&j, &names, page.rows[i].measure, page.rows[i].light,
                            page.rows[i].why);
        json_end(&j);
    }
    json_end(&j);
    json_kint(&j, "total", page.total);
    json_kstr(&j, "sort", listing_sort_name(q.sort));
    json_kstr(&j, "next", page.next);
    api_object_end(r, &j);
}

/* The measure's progress reports and events as the members "progress" and "events". */
static void history_json(Request *r, JsonW *j, const Progress *progress, int n_progress,
                         const Event *events, int n_events)
{
    json_key(j, "progress");
    json_arr(j);
    for (int i = 0; i < n_progress; i++) {
        const Progress *p = &progress[i];
        json_obj(j);
        json_kint(j, "id", p->id);
        api_day(j, "reported_on", p->reported_on);
        json_kstr(j, "state", vocab_name(VOCAB_PROGRESS_STATE, (int)p->state));
        json_kint(j, "percent", p->percent);
        json_kstr(j, "text", p->body);
        if (p->unit_id)
            json_kstr(j, "unit", api_unit_name(r, p->unit_id));
        json_end(j);
    }
    json_end(j);
    json_key(j, "events");
    json_arr(j);
    for (int i = 0; i < n_events; i++) {
        const Event *e = &events[i];
        json_obj(j);
        json_kstr(j, "at", e->at);
        json_kstr(j, "action", e->action);
        json_kstr(j, "from", e->from_state);
        json_kstr(j, "to", e->to_state);
        json_kstr(j, "actor", e->actor ? e->actor : "system");
        json_kstr(j, "comment", e->comment);
        json_end(j);
    }
}

void api_measure_get(Request *r)
{
    Measure m;
    Inspection in;
    Event *events;
    Progress *progress;
    int n_events, n_progress;
    if (!access_measure_or_reply(r, r->path_id, &m, &in))
        return;
    if (event_store_list(r->db, &r->arena, m.id, &events, &n_events, &r->err) < 0 ||
        progress_store_list(r->db, &r->arena, m.id, MEASURE_PROGRESS_SHOWN, &progress, &n_progress,
                            &r->err) < 0) {
        route_fail_err(r, &r->err);
        return;
    }
    LightRules rules = ledger_rules(&in);
    unsigned why;
    Light light = ledger_light(&m, &rules, r->today, &why);
    Owe owes[OWE__COUNT];
    int n_owes = ledger_owes(&m, &rules, in.require_signoff, r->today, owes);
    const Measure *one = &m;
    NameLookup names;
    if (api_names(r, &one, 1, &names) < 0)
        return;
    r->etag_version = m.version;
    JsonW j;
    api_object_begin(r, 0, &j);
    report_measure_json(&j, &names, &m, light, why);
    json_kstr(&j, "body", m.body);
    json_kstr(&j, "target", m.target);
    json_kint(&j, "return_count", m.return_count);
    json_kint(&j, "evidence", m.n_evidence);
    if (m.evidence_waived)
        json_kstr(&j, "evidence_waived", m.evidence_waived);
    json_key(&j, "onsite_required");
    json_bool(&j, m.onsite_required);
    api_day(&j, "closed_on", m.closed_on);
    api_day(&j, "revisit_due", m.revisit_due);
    char iso[DATE_ISO_SIZE];
    json_kstr(&j, "as_of", date_format(r->today, iso));
    json_key(&j, "owed");
    json_arr(&j);
    for (int i = 0; i < n_owes; i++) {
        json_obj(&j);
        json_kstr(&j, "kind", ledger_owe_name(owes[i].kind));
        api_day(&j, "due", owes[i].due);
        json_end(&j);
    }
    json_end(&j);
    history_json(r, &j, progress, n_progress, events, n_events);
    json_end(&j);
    api_object_end(r, &j);
}

/* The field a refused action lacks, when it is one of the body's (else NULL). */
static const char *missing_field(Action action, const char *comment)
{
    if (comment && *comment)
        return NULL;
    switch (action) {
    case ACTION_REPORT:
        return "text";
    case ACTION_RETURN:
    case ACTION_RELAPSE:
    case ACTION_WAIVE_EVIDENCE:
        return "comment";
    default:
        return NULL;
    }
}

static void transition(Request *r, json_t *body)
{
    const char *bad[4];
    int n_bad = 0;
    json_t *action_v = json_object_get(body, "action");
    json_t *comment_v = json_object_get(body, "comment");
    json_t *text_v = json_object_get(body, "text");
    int action = json_is_string(action_v) ? workflow_action_parse(json_string_value(action_v)) : -1;
    if (action < 0)
        bad[n_bad++] = "action";
    if (comment_v && !json_is_string(comment_v) && !json_is_null(comment_v))
        bad[n_bad++] = "comment";
    if (text_v && !json_is_string(text_v) && !json_is_null(text_v))
        bad[n_bad++] = "text";
    /* ledger_apply keeps the measure's percent; the workflow has no way to set it yet. */
    if (json_object_get(body, "percent"))
        bad[n_bad++] = "percent";
    if (n_bad) {
        route_fail_fields(r, 422, "invalid",
                          "action must be one of report, request_close, lead_approve, sign_off, "
                          "verify, return, relapse, waive_evidence; comment and text strings; "
                          "percent is not accepted (the measure keeps its percentage)",
                          bad, n_bad);
        return;
    }
    Measure m;
    Inspection in;
    if (!access_measure_owners_or_reply(r, r->path_id, &m, &in))
        return;
    const char *comment = json_is_string(comment_v) ? json_string_value(comment_v) : NULL;
    if (action == ACTION_REPORT && json_is_string(text_v))
        comment = json_string_value(text_v);
    Actor actor = workflow_actor(&r->user);
    ApplyResult res;
    Err err = ERR_INIT;
    if (ledger_apply(r->db, &actor, m.id, (Action)action, comment, r->today, &res, &err) < 0) {
        const char *field = missing_field((Action)action, comment);
        if (err.code == ERR_FORBIDDEN) /* the reason in Chinese, as the page gives it */
            route_fail(r, 403, "forbidden", texts_error(&err, err.msg));
        else if (err.code == ERR_INPUT)
            route_fail_fields(r, 422, "invalid", err.msg, &field, field ? 1 : 0);
        else
            route_fail_err(r, &err);
        return;
    }
    JsonW j;
    api_object_begin(r, 0, &j);
    json_kint(&j, "measure_id", m.id);
    json_kstr(&j, "action", workflow_action_name((Action)action));
    json_kstr(&j, "from", model_state_name(res.from));
    json_kstr(&j, "to", model_state_name(res.to));
    api_object_end(r, &j);
}

void api_measure_transition(Request *r)
{
    json_t *body = api_body_or_reply(r);
    if (!body)
        return;
    transition(r, body);
    json_decref(body);
}
