/*
** api_edit.c: the office edits the ledger through the JSON API (issue 12): inspections (create,
** PATCH, issue, coverage), findings (create, PATCH including moves, DELETE) and measures
** (create, PATCH including moves, DELETE, withdraw), and the pickers' searches of units and
** persons. Input is read by edit.c as the forms are; invalid input is 422 with the fields,
** a state conflict (an issued plan, a measure with history, a version that moved on) is 409.
** Every edit names the version it changes (If-Match or "version"): two clerks editing the same
** object get one success and one 409, never a silent overwrite.
*/
#include "db/edit_store.h"
#include "db/finding_store.h"
#include "db/inspection_store.h"
#include "ledger/plan.h"
#include "web/access.h"
#include "web/api.h"
#include "web/edit.h"
#include "web/handlers.h"
#include "web/routes.h"
#include "web/view.h"

/* No faults in what was read: true; else false after a 422 naming their fields. */
static bool read_ok_or_reply(Request *r, const EditFaults *f)
{
    if (!f->n)
        return true;
    route_fail_fields(r, 422, "invalid", "invalid input", f->fields, f->n);
    return false;
}

/* The plan_* call's result rc: true when it passed; else false after api_refused naming field. */
static bool plan_ok_or_reply(Request *r, int rc, const char *field)
{
    if (rc >= 0)
        return true;
    api_refused(r, field, &r->err);
    return false;
}

/* The finding id as the API shows it, with status. */
static void finding_json(Request *r, int64_t id, int status)
{
    Finding f;
    if (!route_ok_or_reply(r, finding_store_get(r->db, &r->arena, id, &f, &r->err), &r->err))
        return;
    JsonW j;
    api_object_begin(r, status, &j);
    json_kint(&j, "id", f.id);
    json_kint(&j, "inspection_id", f.inspection_id);
    if (f.parent_id)
        json_kint(&j, "parent_id", f.parent_id);
    json_kstr(&j, "level", model_level_name(f.level));
    json_kint(&j, "ordinal", f.ordinal);
    json_kstr(&j, "label", f.label);
    json_kstr(&j, "title", f.title);
    json_kstr(&j, "body", f.body);
    json_kint(&j, "version", f.version);
    api_object_end(r, &j);
}

static void inspection_json(Request *r, int64_t id, int status)
{
    Inspection in;
    if (!route_ok_or_reply(r, inspection_store_get(r->db, &r->arena, id, &in, &r->err), &r->err))
        return;
    JsonW j;
    api_object_begin(r, status, &j);
    api_inspection_members(&j, &in);
    api_object_end(r, &j);
}

/* The measure as GET /api/v1/measures/:id shows its members, with status. */
static void measure_json(Request *r, int64_t id, int status)
{
    Measure m;
    Inspection in;
    if (measure_store_get(r->db, &r->arena, id, &m, &r->err) < 0 ||
        inspection_store_get(r->db, &r->arena, m.inspection_id, &in, &r->err) < 0) {
        route_fail_err(r, &r->err);
        return;
    }
    const Measure *one = &m;
    NameLookup names;
    if (api_names(r, &one, 1, &names) < 0)
        return;
    LightRules rules = ledger_rules(&in);
    unsigned why;
    Light light = ledger_light(&m, &rules, r->today, &why);
    JsonW j;
    api_object_begin(r, status, &j);
    report_measure_json(&j, &names, &m, light, why);
    json_kstr(&j, "body", m.body);
    json_kstr(&j, "target", m.target);
    api_object_end(r, &j);
}

void api_inspection_create(Request *r)
{
    EditSave s;
    if (!route_allowed_or_reply(r, access_edit(&r->user, NULL),
                                "only the office creates inspections") ||
        !edit_save_begin_or_reply(r, EDIT_JSON, EDIT_NEW, &s))
        return;
    Inspection in = edit_new_inspection(&r->user);
    edit_read_inspection(&s.in, &in, &s.faults);
    if (read_ok_or_reply(r, &s.faults) &&
        plan_ok_or_reply(r, plan_inspection_create(r->db, &s.actor, &in, &r->err), NULL))
        inspection_json(r, in.id, 201);
    edit_save_end(&s);
}

void api_inspection_patch(Request *r)
{
    Inspection in;
    EditSave s;
    if (!edit_inspection_or_reply(r, &in) ||
        !edit_save_begin_or_reply(r, EDIT_JSON, EDIT_VERSIONED, &s))
        return;
    edit_read_inspection(&s.in, &in, &s.faults);
    if (read_ok_or_reply(r, &s.faults) &&
        plan_ok_or_reply(r, plan_inspection_update(r->db, &s.actor, &in, s.version, &r->err), NULL))
        inspection_json(r, in.id, 200);
    edit_save_end(&s);
}

/* The gaps as a JSON array member "gaps". */
static void gaps_json(JsonW *j, const PlanGap *gaps, int n)
{
    json_karr(j, "gaps");
    for (int i = 0; i < n; i++) {
        json_obj(j);
        json_kstr(j, "kind", plan_gap_name(gaps[i].kind));
        json_kstr(j, "message", plan_gap_label(gaps[i].kind));
        json_kint(j, "finding_id", gaps[i].finding_id);
        if (gaps[i].measure_id)
            json_kint(j, "measure_id", gaps[i].measure_id);
        json_kstr(j, "label", gaps[i].label);
        json_kstr(j, "title", gaps[i].title);
        json_end(j);
    }
    json_end(j);
}

void api_inspection_coverage(Request *r)
{
    Inspection in;
    if (!edit_inspection_or_reply(r, &in))
        return;
    PlanGap *gaps;
    int n, total;
    if (!route_ok_or_reply(
            r,
            coverage_store_gaps(r->db, &r->arena, in.id, EDIT_GAPS_MAX, &gaps, &n, &total, &r->err),
            &r->err))
        return;
    JsonW j;
    api_object_begin(r, 0, &j);
    json_kstr(&j, "plan_state", vocab_name(VOCAB_PLAN_STATE, in.plan_state));
    json_kbool(&j, "complete", total == 0);
    json_kint(&j, "total", total);
    gaps_json(&j, gaps, n);
    api_object_end(r, &j);
}

void api_inspection_issue(Request *r)
{
    Inspection in;
    PlanGap *gaps;
    int n;
    int rc = edit_issue(r, &in, &gaps, &n);
    if (rc > 0)
        inspection_json(r, in.id, 200);
    if (rc >= 0)
        return;
    if (r->err.code != ERR_INPUT || n == 0) {
        route_fail_err(r, &r->err);
        return;
    }
    /* SPEC §6's error shape, with the gaps that block the issue. */
    JsonW j;
    r->status = 422;
    r->cacheable = false;
    api_object_begin(r, 0, &j);
    route_error_members(&j, "coverage", r->err.msg, NULL, 0);
    json_kint(&j, "total", n);
    gaps_json(&j, gaps, n < EDIT_GAPS_MAX ? n : EDIT_GAPS_MAX);
    json_end(&j);
    api_object_end(r, &j);
}

void api_finding_create(Request *r)
{
    Inspection in;
    EditSave s;
    if (!edit_inspection_or_reply(r, &in) || !edit_save_begin_or_reply(r, EDIT_JSON, EDIT_NEW, &s))
        return;
    Finding f = {.inspection_id = in.id, .level = LEVEL_PROBLEM};
    edit_read_finding(&s.in, &f, &s.faults);
    if (read_ok_or_reply(r, &s.faults) &&
        plan_ok_or_reply(r, plan_finding_add(r->db, &s.actor, &f, &r->err), "parent_id"))
        finding_json(r, f.id, 201);
    edit_save_end(&s);
}

/*
** The move a PATCH asks for: *delta from "move" ("up" -1, "down" +1, absent 0) and *target from
** the member key (an id; null, where null_is_top, -1 for the top level; absent 0). False after a
** 422 when either is something else.
*/
static bool move_or_reply(Request *r, json_t *body, const char *key, bool null_is_top, int *delta,
                          int64_t *target)
{
    const char *move = api_str(body, "move");
    json_t *to = json_object_get(body, key);
    bool bad = false;
    *delta = 0;
    *target = 0;
    if (move && strcmp(move, "up") == 0)
        *delta = -1;
    else if (move && strcmp(move, "down") == 0)
        *delta = 1;
    else if (json_object_get(body, "move"))
        bad = true;
    if (to && null_is_top && json_is_null(to))
        *target = -1;
    else if (to && json_is_integer(to) && json_integer_value(to) > 0)
        *target = json_integer_value(to);
    else if (to)
        bad = true;
    if (!bad)
        return true;
    const char *fields[] = {"move"};
    route_fail_fields(r, 422, "invalid",
                      null_is_top ? "move is up or down, parent_id an id or null"
                                  : "move is up or down, finding_id an id",
                      fields, 1);
    return false;
}

void api_finding_patch(Request *r)
{
    Finding f;
    Inspection in;
    EditSave s;
    if (!edit_finding_or_reply(r, &f, &in) ||
        !edit_save_begin_or_reply(r, EDIT_JSON, EDIT_VERSIONED, &s))
        return;
    int delta;
    int64_t new_parent, id = f.id;
    Finding next = f;
    if (s.version != f.version) {
        route_fail(r, 409, "conflict", "the finding was changed by someone else");
        goto done;
    }
    if (!move_or_reply(r, s.in.body, "parent_id", true, &delta, &new_parent))
        goto done;
    json_object_del(s.in.body, "parent_id"); /* a move, not a field */
    edit_read_finding(&s.in, &next, &s.faults);
    if (!read_ok_or_reply(r, &s.faults))
        goto done;
    if (plan_finding_update(r->db, &s.actor, f.id, next.level, next.title, next.body, s.version,
                            &r->err) < 0 ||
        ((delta || new_parent) &&
         plan_finding_move(r->db, &s.actor, f.id, new_parent, delta, &id, &r->err) < 0)) {
        api_refused(r, new_parent ? "parent_id" : "level", &r->err);
        goto done;
    }
    finding_json(r, id, 200);
done:
    edit_save_end(&s);
}

/* The reply to a DELETE with edit_delete_*'s result rc: 204, the refusal, or nothing more. */
static void deleted(Request *r, int rc)
{
    if (rc < 0)
        route_fail_err(r, &r->err);
    else if (rc > 0)
        r->status = 204;
}

void api_finding_delete(Request *r)
{
    Finding f;
    Inspection in;
    deleted(r, edit_delete_finding(r, &f, &in));
}

void api_measure_create(Request *r)
{
    Finding f;
    Inspection in;
    EditSave s;
    if (!edit_finding_or_reply(r, &f, &in) || !edit_save_begin_or_reply(r, EDIT_JSON, EDIT_NEW, &s))
        return;
    Measure m = edit_new_measure(&f, &in);
    edit_read_measure(&s.in, &m, &s.faults);
    if (read_ok_or_reply(r, &s.faults) &&
        plan_ok_or_reply(r, plan_measure_add(r->db, &s.actor, &m, &r->err), NULL))
        measure_json(r, m.id, 201);
    edit_save_end(&s);
}

void api_measure_patch(Request *r)
{
    Measure m;
    Inspection in;
    EditSave s;
    if (!edit_measure_or_reply(r, &m, &in) ||
        !edit_save_begin_or_reply(r, EDIT_JSON, EDIT_VERSIONED, &s))
        return;
    int delta;
    int64_t new_finding;
    Measure next = m;
    if (!move_or_reply(r, s.in.body, "finding_id", false, &delta, &new_finding))
        goto done;
    edit_read_measure(&s.in, &next, &s.faults);
    if (!read_ok_or_reply(r, &s.faults))
        goto done;
    if (plan_measure_update(r->db, &s.actor, &next, s.version, edit_reason(&s.in), &r->err) < 0 ||
        ((delta || new_finding) &&
         plan_measure_move(r->db, &s.actor, m.id, new_finding, delta, &r->err) < 0)) {
        api_refused(r, new_finding ? "finding_id" : "reason", &r->err);
        goto done;
    }
    measure_json(r, m.id, 200);
done:
    edit_save_end(&s);
}

void api_measure_delete(Request *r)
{
    Measure m;
    Inspection in;
    deleted(r, edit_delete_measure(r, &m, &in));
}

void api_measure_withdraw(Request *r)
{
    Measure m;
    Inspection in;
    int rc = edit_withdraw_measure(r, EDIT_JSON, &m, &in);
    if (rc < 0)
        api_refused(r, "reason", &r->err);
    else if (rc > 0)
        measure_json(r, m.id, 200);
}

/* The search words ?q= (up to 64 bytes; absent: "", the first names), or NULL after replying 400.
 */
static const char *search_words(Request *r)
{
    const char *q = request_query(r, "q");
    if (!q)
        return "";
    if (strlen(q) > 64) {
        const char *fields[] = {"q"};
        route_fail_fields(r, 400, "bad_request", "q: 1 to 64 bytes of search words", fields, 1);
        return NULL;
    }
    return q;
}

static void names_json(Request *r, const EditName *names, int n, bool persons)
{
    JsonW j;
    api_items_begin(r, &j);
    for (int i = 0; i < n; i++) {
        json_obj(&j);
        json_kint(&j, "id", names[i].id);
        json_kstr(&j, "name", names[i].name);
        if (persons)
            json_kstr(&j, "post", names[i].post);
        json_end(&j);
    }
    json_end(&j);
    api_object_end(r, &j);
}

#define SEARCH_LIMIT 20

void api_unit_search(Request *r)
{
    const char *q = search_words(r);
    if (!q)
        return;
    EditName *names;
    int n;
    int64_t org = access_has(&r->user, ROLE_BIT(ROLE_OBSERVER)) ? 0 : r->user.org_unit_id;
    if (!route_ok_or_reply(
            r, edit_store_search_units(r->db, &r->arena, q, org, SEARCH_LIMIT, &names, &n, &r->err),
            &r->err))
        return;
    names_json(r, names, n, false);
}

void api_person_list(Request *r)
{
    const char *q = search_words(r);
    if (!q)
        return;
    if (!route_allowed_or_reply(r, access_edit(&r->user, NULL), "only the office searches persons"))
        return;
    EditName *names;
    int n;
    if (!route_ok_or_reply(
            r, edit_store_search_persons(r->db, &r->arena, q, SEARCH_LIMIT, &names, &n, &r->err),
            &r->err))
        return;
    names_json(r, names, n, true);
}
