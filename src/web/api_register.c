/*
** api_register.c: 建章立制 mechanisms, meetings and recoveries through the JSON API: lists of
** one inspection for the ledger roles (keyset pages by id), entries by the office.
*/
#include "ledger/registers.h"
#include "web/access.h"
#include "web/api.h"
#include "web/clue_view.h"
#include "web/handlers.h"
#include "web/register_view.h"
#include "web/routes.h"
#include "web/view.h"

enum { PAGE = 100 };

bool register_view_inspection(const Fields *f, Inspection *in)
{
    int64_t id;
    if (!fields_id(f, "inspection", &id) || id == 0) {
        fields_fail(f->r, "inspection", "inspection is required");
        return false;
    }
    return access_inspection_or_reply(f->r, id, in);
}

bool register_view_mechanism(const Fields *f, Mechanism *m, int64_t **findings, int *n_f,
                             int64_t **measures, int *n_m)
{
    m->title = fields_text(f, "title");
    m->number = fields_text(f, "number");
    m->issuer = fields_text(f, "issuer");
    const char *revised = fields_text(f, "revised");
    m->is_new = !revised || strcmp(revised, "0") == 0;
    if (!fields_day_or_reply(f, "issued_on", &m->issued_on))
        return false;
    if (!fields_ids(f, "findings", 50, findings, n_f)) {
        fields_fail(f->r, "findings", "findings: up to 50 problem ids");
        return false;
    }
    if (!fields_ids(f, "measures", 50, measures, n_m)) {
        fields_fail(f->r, "measures", "measures: up to 50 measure ids");
        return false;
    }
    return true;
}

bool register_view_meeting(const Fields *f, Meeting *m)
{
    m->kind = fields_text(f, "kind");
    m->topic = fields_text(f, "topic");
    if (!fields_day_or_reply(f, "held_on", &m->held_on))
        return false;
    return true;
}

bool register_view_recovery(const Fields *f, Recovery *rc)
{
    rc->kind = fields_text(f, "kind");
    rc->note = fields_text(f, "note");
    if (!fields_fen(f, "amount_yuan", &rc->amount_fen)) {
        fields_fail(f->r, "amount_yuan", "amount_yuan: an amount in yuan with up to 2 decimals");
        return false;
    }
    return fields_day_or_reply(f, "recorded_on", &rc->recorded_on) &&
           fields_id_or_reply(f, "finding", &rc->finding_id);
}

void api_mechanism_list(Request *r)
{
    Inspection in;
    int64_t after;
    Mechanism *ms;
    MechanismLink *ls = NULL;
    int n, n_links = 0;
    if (!fields_list_params(r, "after", &in, &after))
        return;
    if (mechanism_store_list(r->db, &r->arena, in.id, after, PAGE, &ms, &n, &r->err) < 0 ||
        (n && mechanism_store_links(r->db, &r->arena, ms[0].id, ms[n - 1].id, &ls, &n_links,
                                    &r->err) < 0)) {
        route_fail_err(r, &r->err);
        return;
    }
    JsonW j;
    api_items_begin(r, &j);
    for (int i = 0, k = 0; i < n; i++) {
        json_obj(&j);
        json_kint(&j, "id", ms[i].id);
        json_kstr(&j, "title", ms[i].title);
        json_kstr(&j, "number", ms[i].number);
        json_kstr(&j, "issuer", ms[i].issuer);
        api_day(&j, "issued_on", ms[i].issued_on);
        json_kstr(&j, "kind", ms[i].is_new ? "new" : "revised");
        json_karr(&j, "links");
        for (; k < n_links && ls[k].mechanism_id == ms[i].id; k++) {
            json_obj(&j);
            json_kint(&j, ls[k].finding_id ? "finding_id" : "measure_id",
                      ls[k].finding_id ? ls[k].finding_id : ls[k].measure_id);
            json_kstr(&j, "title", ls[k].title);
            json_end(&j);
        }
        json_end(&j);
        json_end(&j);
    }
    fields_items_end(r, &j, n, PAGE, n ? ms[n - 1].id : 0);
}

void api_mechanism_create(Request *r)
{
    ApiChange c;
    if (!api_change_begin_or_reply(r, &c))
        return;
    Inspection in;
    Mechanism m = {0};
    int64_t *fs, *ms;
    int n_f, n_m;
    if (register_view_inspection(&c.f, &in) &&
        register_view_mechanism(&c.f, &m, &fs, &n_f, &ms, &n_m)) {
        m.inspection_id = in.id;
        api_change_reply(
            &c, registers_mechanism_add(r->db, &c.actor, &m, fs, n_f, ms, n_m, &c.field, &c.err),
            201, &m.id);
    }
    api_change_end(&c);
}

void api_meeting_list(Request *r)
{
    Inspection in;
    int64_t after;
    Meeting *ms;
    int n;
    if (!fields_list_params(r, "after", &in, &after))
        return;
    JsonW j;
    if (!api_items_or_reply(
            r, meeting_store_list(r->db, &r->arena, in.id, after, PAGE, &ms, &n, &r->err), &j))
        return;
    for (int i = 0; i < n; i++) {
        json_obj(&j);
        json_kint(&j, "id", ms[i].id);
        json_kstr(&j, "kind", ms[i].kind);
        json_kstr(&j, "label", vocab_label_of(VOCAB_MEETING_KIND, ms[i].kind, ms[i].kind));
        api_day(&j, "held_on", ms[i].held_on);
        json_kstr(&j, "topic", ms[i].topic);
        json_end(&j);
    }
    fields_items_end(r, &j, n, PAGE, n ? ms[n - 1].id : 0);
}

/* Read one entry from the body and add it (e); reply 201 {"id"} or the refusal. */
static void create_entry(Request *r, const RegisterEntry *e, void *rec, int64_t *inspection_id,
                         const int64_t *id)
{
    ApiChange c;
    if (!api_change_begin_or_reply(r, &c))
        return;
    Inspection in;
    if (register_view_inspection(&c.f, &in) && e->read(&c.f, rec)) {
        *inspection_id = in.id;
        api_change_reply(&c, e->add(r->db, &c.actor, rec, &c.field, &c.err), 201, id);
    }
    api_change_end(&c);
}

static bool read_meeting(const Fields *f, void *rec)
{
    return register_view_meeting(f, rec);
}

static int add_meeting(Db *db, const Actor *actor, void *rec, const char **field, Err *err)
{
    return registers_meeting_add(db, actor, rec, field, err);
}

const RegisterEntry register_view_meeting_entry = {read_meeting, add_meeting};

void api_meeting_create(Request *r)
{
    Meeting m = {0};
    create_entry(r, &register_view_meeting_entry, &m, &m.inspection_id, &m.id);
}

void api_recovery_list(Request *r)
{
    Inspection in;
    int64_t after;
    Recovery *rs;
    int n;
    if (!fields_list_params(r, "after", &in, &after))
        return;
    JsonW j;
    if (!api_items_or_reply(
            r, recovery_store_list(r->db, &r->arena, in.id, after, PAGE, &rs, &n, &r->err), &j))
        return;
    for (int i = 0; i < n; i++) {
        json_obj(&j);
        json_kint(&j, "id", rs[i].id);
        json_kstr(&j, "kind", rs[i].kind);
        json_kint(&j, "amount_fen", rs[i].amount_fen);
        api_day(&j, "recorded_on", rs[i].recorded_on);
        if (rs[i].finding_id)
            json_kint(&j, "finding_id", rs[i].finding_id);
        json_kstr(&j, "note", rs[i].note);
        json_end(&j);
    }
    fields_items_end(r, &j, n, PAGE, n ? rs[n - 1].id : 0);
}

static bool read_recovery(const Fields *f, void *rec)
{
    return register_view_recovery(f, rec);
}

static int add_recovery(Db *db, const Actor *actor, void *rec, const char **field, Err *err)
{
    return registers_recovery_add(db, actor, rec, field, err);
}

const RegisterEntry register_view_recovery_entry = {read_recovery, add_recovery};

void api_recovery_create(Request *r)
{
    Recovery rc = {0};
    create_entry(r, &register_view_recovery_entry, &rc, &rc.inspection_id, &rc.id);
}
