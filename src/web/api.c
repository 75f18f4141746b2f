/*
** api.c: JSON reply and body helpers (api.h).
*/
#include "web/api.h"

#include "db/org_store.h"
#include "web/routes.h"

void api_begin(Request *r, JsonW *j)
{
    r->reply_type = "application/json; charset=utf-8";
    json_init(j, &r->out, false);
}

void api_end(Request *r)
{
    buf_putc(&r->out, '\n');
}

json_t *api_body_or_reply(Request *r)
{
    if (!r->content_type || strncmp(r->content_type, "application/json", 16) != 0) {
        route_fail(r, 415, "unsupported_media_type", "the body must be application/json");
        return NULL;
    }
    json_error_t e;
    json_t *v = json_loadb(r->body ? r->body : "", r->body_len, JSON_REJECT_DUPLICATES, &e);
    if (!v || !json_is_object(v)) {
        json_decref(v);
        route_fail(r, 400, "bad_request", "the body is not a JSON object");
        return NULL;
    }
    return v;
}

const char *api_str(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

const char *api_unit_name(void *ctx, int64_t id)
{
    Request *r = ctx;
    Unit u;
    Err ignored = ERR_INIT;
    if (!id || unit_store_get(r->db, &r->arena, id, &u, &ignored) < 0)
        return "";
    return u.name;
}

const char *api_person_name(void *ctx, int64_t id)
{
    Request *r = ctx;
    Person p;
    Err ignored = ERR_INIT;
    if (!id || person_store_get(r->db, &r->arena, id, &p, &ignored) < 0)
        return "";
    return p.name;
}

/*
** Names by id for one request, each looked up once: a list of 25 measures names the same units
** and leaders over and over. Small linear memos; the store answers what they miss.
*/
#define NAME_MEMO 64

typedef struct NameMemo {
    Request *r;
    int64_t ids[2][NAME_MEMO];     /* [0] units, [1] persons */
    const char *names[2][NAME_MEMO];
    int n[2];
} NameMemo;

static const char *memo_name(NameMemo *m, int kind, int64_t id)
{
    for (int i = 0; i < m->n[kind]; i++)
        if (m->ids[kind][i] == id)
            return m->names[kind][i];
    const char *name = kind == 0 ? api_unit_name(m->r, id) : api_person_name(m->r, id);
    if (m->n[kind] < NAME_MEMO) {
        m->ids[kind][m->n[kind]] = id;
        m->names[kind][m->n[kind]++] = name;
    }
    return name;
}

static const char *memo_unit(void *ctx, int64_t id)
{
    return memo_name(ctx, 0, id);
}

static const char *memo_person(void *ctx, int64_t id)
{
    return memo_name(ctx, 1, id);
}

NameLookup api_names(Request *r)
{
    NameMemo *m = arena_zalloc(&r->arena, sizeof *m);
    m->r = r;
    NameLookup l = {memo_unit, memo_person, m};
    return l;
}

void api_items_begin(Request *r, JsonW *j)
{
    api_begin(r, j);
    json_obj(j);
    json_key(j, "items");
    json_arr(j);
}

void api_day(JsonW *j, const char *key, Day d)
{
    char iso[DATE_ISO_SIZE];
    if (d != DAY_NONE)
        json_kstr(j, key, date_format(d, iso));
}

static const struct {
    unsigned bit;
    const char *name;
} why_names[] = {
    {WHY_OVERDUE, "overdue"},   {WHY_RETURNED, "returned_twice"}, {WHY_RELAPSED, "relapsed"},
    {WHY_DUE_SOON, "due_soon"}, {WHY_NO_REPORT, "no_report"},
};

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

void api_measure_members(JsonW *j, const NameLookup *names, const Measure *m, Light light,
                         unsigned why)
{
    json_kint(j, "id", m->id);
    json_kint(j, "inspection_id", m->inspection_id);
    json_kint(j, "finding_id", m->finding_id);
    json_kstr(j, "label", m->label);
    json_kstr(j, "title", m->title);
    json_kstr(j, "kind", model_kind_name(m->kind));
    api_day(j, "deadline", m->deadline);
    json_key(j, "long_term");
    json_bool(j, m->long_term);
    json_kstr(j, "state", model_state_name(m->state));
    json_kint(j, "percent", m->percent);
    json_kstr(j, "light", ledger_light_name(light));
    json_key(j, "light_reasons");
    json_arr(j);
    for (size_t i = 0; i < ARRAY_SIZE(why_names); i++)
        if (why & why_names[i].bit)
            json_str(j, why_names[i].name);
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
