/*
** api.c: JSON reply and body helpers (api.h).
*/
#include "web/api.h"

#include "db/org_store.h"
#include "db/view_store.h"
#include "web/routes.h"
#include "web/view.h"

void api_begin(Request *r, JsonW *j)
{
    r->reply_type = "application/json; charset=utf-8";
    json_init(j, &r->out, false);
}

void api_end(Request *r)
{
    buf_putc(&r->out, '\n');
}

void api_object_begin(Request *r, int status, JsonW *j)
{
    if (status)
        r->status = status;
    api_begin(r, j);
    json_obj(j);
}

void api_object_end(Request *r, JsonW *j)
{
    json_end(j);
    api_end(r);
}

void api_refused(Request *r, const char *field, const Err *err)
{
    if (err->code == ERR_INPUT)
        fields_fail(r, field, err->msg);
    else
        route_fail_err(r, err);
}

bool api_change_begin_or_reply(Request *r, ApiChange *c)
{
    json_t *body = api_body_or_reply(r);
    if (!body)
        return false;
    *c = (ApiChange){{r, body}, workflow_actor(&r->user), NULL, ERR_INIT};
    return true;
}

void api_change_reply(ApiChange *c, int rc, int status, const int64_t *id)
{
    if (rc < 0)
        api_refused(c->f.r, c->field, &c->err);
    else
        fields_reply_id(c->f.r, status, "id", *id);
}

void api_change_end(ApiChange *c)
{
    json_decref(c->f.json);
}

/* Every string in v within the limit of its member's name (ledger/fields.h); else replied. */
static bool strings_fit(Request *r, json_t *v, const char *key)
{
    if (json_is_string(v))
        return route_fields_ok_or_reply(r, key, json_string_value(v), json_string_length(v));
    if (json_is_object(v)) {
        const char *k;
        json_t *m;
        json_object_foreach(v, k, m) {
            if (!strings_fit(r, m, k))
                return false;
        }
    } else if (json_is_array(v)) {
        size_t i;
        json_t *m;
        json_array_foreach(v, i, m) {
            if (!strings_fit(r, m, key))
                return false;
        }
    }
    return true;
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
    if (!strings_fit(r, v, "")) {
        json_decref(v);
        return NULL;
    }
    return v;
}

bool api_query_id_or_reply(Request *r, const char *name, int64_t *id)
{
    if (request_query_id(r, name, id) == 0 && *id)
        return true;
    const char *fields[] = {name};
    route_fail_fields(r, 400, "bad_request", arena_printf(&r->arena, "%s=ID is required", name),
                      fields, 1);
    return false;
}

int64_t api_id(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_integer(v) && json_integer_value(v) > 0 ? json_integer_value(v) : 0;
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

int api_names(Request *r, const Measure *const *ms, int n, NameLookup *out)
{
    ViewPartyIds ids;
    view_party_ids(&r->arena, ms, n, &ids);
    IdNames *p = arena_zalloc(&r->arena, sizeof *p);
    if (view_store_page_names(r->db, &r->arena, ids.units, ids.n_units, ids.persons,
                              ids.n_persons, &p->units, &p->n_units, &p->persons, &p->n_persons,
                              &r->err) < 0) {
        route_fail_err(r, &r->err);
        return -1;
    }
    *out = (NameLookup){idname_unit, idname_person, p};
    return 0;
}

void api_items_begin(Request *r, JsonW *j)
{
    api_begin(r, j);
    json_obj(j);
    json_karr(j, "items");
}

bool api_items_or_reply(Request *r, int rc, JsonW *j)
{
    if (rc < 0) {
        route_fail_err(r, &r->err);
        return false;
    }
    api_items_begin(r, j);
    return true;
}

void api_day(JsonW *j, const char *key, Day d)
{
    char iso[DATE_ISO_SIZE];
    if (d != DAY_NONE)
        json_kstr(j, key, date_format(d, iso));
}

