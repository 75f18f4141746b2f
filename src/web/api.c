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
    return u.short_name ? u.short_name : u.name;
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

NameLookup api_names(Request *r)
{
    NameLookup l = {api_unit_name, api_person_name, r};
    return l;
}
