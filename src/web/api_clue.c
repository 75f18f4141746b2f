/*
** api_clue.c: the clue register through the JSON API. Discipline staff list, read (audited),
** create and update clues and add outcomes; every other ledger role gets the register's
** aggregate counts only — no subject, no reference number, no single clue.
*/
#include "db/audit_store.h"
#include "db/org_store.h"
#include "db/report_store.h"
#include "ledger/registers.h"
#include "web/access.h"
#include "web/api.h"
#include "web/clue_view.h"
#include "web/handlers.h"
#include "web/regpage.h"
#include "web/routes.h"
#include "web/view.h"

/* The value of field name in vocabulary v into *out, fallback when absent; false after 422. */
static bool field_word(const Fields *f, const char *name, VocabId v, int fallback, int *out)
{
    const char *s = fields_text(f, name);
    *out = s ? vocab_parse(v, s) : fallback;
    if (*out >= 0 || (!s && fallback < 0))
        return true;
    fields_fail(f->r, name, arena_printf(&f->r->arena, "%s: not a %s", name, vocab_title(v)));
    return false;
}

bool clue_view_read(const Fields *f, Clue *c)
{
    int kind, rank, state;
    c->ref_no = fields_text(f, "ref_no");
    c->subject_name = fields_text(f, "subject_name");
    c->subject_post = fields_text(f, "subject_post");
    if (!field_word(f, "kind", VOCAB_CLUE_KIND, CLUE_KIND_CLUE, &kind) ||
        !field_word(f, "subject_rank", VOCAB_CLUE_RANK, RANK_OTHER, &rank) ||
        !field_word(f, "disposal", VOCAB_CLUE_DISPOSAL, -1, &c->disposal) ||
        !field_word(f, "state", VOCAB_CLUE_STATE, CLUE_OPEN, &state))
        return false;
    c->kind = (ClueKind)kind;
    c->subject_rank = (ClueRank)rank;
    c->state = (ClueState)state;
    if (!fields_day_or_reply(f, "received_on", &c->received_on))
        return false;
    if (!fields_day_or_reply(f, "concluded_on", &c->concluded_on))
        return false;
    /* 承办单位: an id, or (the page's field) a unit's full or short name. */
    const char *unit = fields_text(f, "unit");
    if (!unit || !*unit || (*unit >= '0' && *unit <= '9'))
        return fields_id_or_reply(f, "unit", &c->unit_id);
    Err err = ERR_INIT;
    if (unit_store_find(f->r->db, unit, &c->unit_id, &err) < 0 || !c->unit_id) {
        fields_fail(f->r, "unit", arena_printf(&f->r->arena, "没有名为“%s”的单位。", unit));
        return false;
    }
    return true;
}

bool clue_view_read_outcome(const Fields *f, ClueOutcome *o)
{
    o->type = fields_text(f, "type");
    o->subtype = fields_text(f, "subtype");
    const char *persons = fields_text(f, "persons");
    o->persons = 1;
    if (persons && !request_parse_id(persons, strlen(persons), &o->persons)) {
        fields_fail(f->r, "persons", "persons is not a positive number");
        return false;
    }
    if (!fields_day_or_reply(f, "decided_on", &o->decided_on))
        return false;
    return true;
}

bool clue_view_load(Request *r, int64_t id, Clue *c)
{
    Err err = ERR_INIT;
    Inspection in;
    return route_ok_or_reply(r, clue_store_get(r->db, &r->arena, id, c, &err), &err) &&
           access_inspection_or_reply(r, c->inspection_id, &in);
}

static int audit_read_fn(Request *r, void *ctx, Err *err)
{
    char object[32];
    snprintf(object, sizeof object, "clue:%lld", (long long)*(const int64_t *)ctx);
    return audit_store_append(r->db, r->user.login, AUDIT_CLUE_READ, object, r->client, err);
}

bool clue_view_audit_read(Request *r, int64_t id)
{
    return regpage_write(r, audit_read_fn, &id);
}

static void clue_members(JsonW *j, const Clue *c)
{
    json_kint(j, "id", c->id);
    json_kint(j, "inspection_id", c->inspection_id);
    json_kstr(j, "kind", vocab_name(VOCAB_CLUE_KIND, c->kind));
    json_kstr(j, "ref_no", c->ref_no);
    api_day(j, "received_on", c->received_on);
    json_kstr(j, "subject_name", c->subject_name);
    json_kstr(j, "subject_post", c->subject_post);
    json_kstr(j, "subject_rank", vocab_name(VOCAB_CLUE_RANK, c->subject_rank));
    if (c->unit_id)
        json_kint(j, "unit_id", c->unit_id);
    if (c->disposal >= 0)
        json_kstr(j, "disposal", vocab_name(VOCAB_CLUE_DISPOSAL, c->disposal));
    json_kstr(j, "state", vocab_name(VOCAB_CLUE_STATE, c->state));
    api_day(j, "concluded_on", c->concluded_on);
}

/* The register's aggregate counts: what every ledger role may know. */
static bool counts_members(Request *r, JsonW *j, int64_t inspection_id)
{
    ReportCounts rc;
    ReportOutcome *os;
    int n;
    if (!regpage_clue_figures(r, inspection_id, &rc, &os, &n))
        return false;
    json_kobj(j, "counts");
    json_kint(j, "clues", rc.clues);
    json_kint(j, "petitions", rc.petitions);
    json_kint(j, "concluded", rc.concluded);
    json_kobj(j, "by_disposal");
    for (int d = 0; d < DISPOSAL__COUNT; d++)
        json_kint(j, vocab_name(VOCAB_CLUE_DISPOSAL, (ClueDisposal)d), rc.disposal[d]);
    json_end(j);
    json_karr(j, "outcomes");
    for (int i = 0; i < n; i++) {
        json_obj(j);
        int t = vocab_parse_label(VOCAB_OUTCOME_TYPE, os[i].type);
        json_kstr(j, "type", t >= 0 ? vocab_name(VOCAB_OUTCOME_TYPE, (OutcomeType)t) : os[i].type);
        json_kstr(j, "label", os[i].type);
        json_kstr(j, "subtype", os[i].subtype);
        json_kint(j, "persons", os[i].persons);
        json_end(j);
    }
    json_end(j);
    json_end(j);
    return true;
}

void api_clue_list(Request *r)
{
    Inspection in;
    int64_t after;
    if (!fields_list_params(r, "after", &in, &after))
        return;
    bool names = access_clue_names(&r->user);
    Clue *cs = NULL;
    int n = 0;
    enum { PAGE = 50 };
    if (names && clue_store_list(r->db, &r->arena, in.id, after, PAGE, &cs, &n, &r->err) < 0) {
        route_fail_err(r, &r->err);
        return;
    }
    JsonW j;
    api_object_begin(r, 0, &j);
    json_kint(&j, "inspection_id", in.id);
    if (!counts_members(r, &j, in.id))
        return;
    if (names) {
        json_karr(&j, "items");
        for (int i = 0; i < n; i++) {
            json_obj(&j);
            clue_members(&j, &cs[i]);
            json_end(&j);
        }
        json_end(&j);
        if (n == PAGE)
            json_kint(&j, "next", cs[n - 1].id);
    }
    api_object_end(r, &j);
}

void api_clue_get(Request *r)
{
    Clue c;
    ClueOutcome *os;
    int n;
    if (!clue_view_load(r, r->path_id, &c))
        return;
    if (!route_ok_or_reply(r, clue_store_outcomes(r->db, &r->arena, c.id, &os, &n, &r->err),
                           &r->err))
        return;
    if (!clue_view_audit_read(r, c.id))
        return;
    r->cacheable = false;
    JsonW j;
    api_object_begin(r, 0, &j);
    clue_members(&j, &c);
    json_karr(&j, "outcomes");
    for (int i = 0; i < n; i++) {
        json_obj(&j);
        int t = vocab_parse_label(VOCAB_OUTCOME_TYPE, os[i].type);
        json_kint(&j, "id", os[i].id);
        json_kstr(&j, "type", t >= 0 ? vocab_name(VOCAB_OUTCOME_TYPE, (OutcomeType)t) : os[i].type);
        json_kstr(&j, "label", os[i].type);
        int form = t >= 0 ? reg_outcome_form((OutcomeType)t) : -1;
        if (form >= 0)
            json_kstr(&j, "form", vocab_name(VOCAB_DISCIPLINE_FORM, form));
        json_kstr(&j, "subtype", os[i].subtype);
        json_kint(&j, "persons", os[i].persons);
        api_day(&j, "decided_on", os[i].decided_on);
        json_end(&j);
    }
    json_end(&j);
    api_object_end(r, &j);
}

/*
** A clue read from the body and saved, answered with its id: a new one in the inspection the
** body names (create, 201) or the clue of the path (200).
*/
static void clue_save(Request *r, bool create)
{
    ApiChange c;
    if (!api_change_begin_or_reply(r, &c))
        return;
    Clue clue = {0};
    Inspection in;
    bool found;
    if (!create) {
        found = clue_view_load(r, r->path_id, &clue);
    } else if (!fields_id(&c.f, "inspection", &clue.inspection_id) || clue.inspection_id == 0) {
        fields_fail(r, "inspection", "inspection is required");
        found = false;
    } else {
        found = access_inspection_or_reply(r, clue.inspection_id, &in);
    }
    if (found && clue_view_read(&c.f, &clue))
        api_change_reply(&c, registers_clue_save(r->db, &c.actor, &clue, &c.field, &c.err),
                         create ? 201 : 200, &clue.id);
    api_change_end(&c);
}

void api_clue_create(Request *r)
{
    clue_save(r, true);
}

void api_clue_update(Request *r)
{
    clue_save(r, false);
}

void api_clue_outcome(Request *r)
{
    ApiChange c;
    if (!api_change_begin_or_reply(r, &c))
        return;
    Clue clue;
    ClueOutcome o = {0};
    if (clue_view_load(r, r->path_id, &clue) && clue_view_read_outcome(&c.f, &o)) {
        o.clue_id = clue.id;
        api_change_reply(&c, registers_outcome_add(r->db, &c.actor, &o, &c.field, &c.err), 201,
                         &o.id);
    }
    api_change_end(&c);
}
