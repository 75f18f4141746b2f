/*
** fields.c: reading register inputs from forms and JSON (fields.h).
*/
#include "web/fields.h"

#include "base/json.h"
#include "web/access.h"
#include "web/routes.h"

const char *fields_text(const Fields *f, const char *name)
{
    if (!f->json) {
        const char *s = request_form(f->r, name);
        return s && *s ? s : NULL;
    }
    json_t *v = json_object_get(f->json, name);
    if (json_is_string(v))
        return *json_string_value(v) ? json_string_value(v) : NULL;
    if (json_is_integer(v))
        return arena_printf(&f->r->arena, "%lld", (long long)json_integer_value(v));
    if (json_is_real(v))
        return arena_printf(&f->r->arena, "%.2f", json_real_value(v));
    if (json_is_boolean(v))
        return json_is_true(v) ? "1" : "0";
    return NULL;
}

bool fields_day(const Fields *f, const char *name, Day *out)
{
    const char *s = fields_text(f, name);
    *out = DAY_NONE;
    return !s || date_parse(s, strlen(s), out) == 0;
}

bool fields_id(const Fields *f, const char *name, int64_t *out)
{
    const char *s = fields_text(f, name);
    *out = 0;
    return !s || request_parse_id(s, strlen(s), out);
}

bool fields_ids(const Fields *f, const char *name, int max, int64_t **out, int *n)
{
    *out = ARENA_ARRAY(&f->r->arena, int64_t, (size_t)max + 1);
    *n = 0;
    if (f->json) {
        json_t *v = json_object_get(f->json, name);
        if (!v)
            return true;
        if (!json_is_array(v) || json_array_size(v) > (size_t)max)
            return false;
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x)
        {
            if (!json_is_integer(x) || json_integer_value(x) <= 0)
                return false;
            (*out)[(*n)++] = json_integer_value(x);
        }
        return true;
    }
    const char *s = fields_text(f, name);
    while (s && *s) {
        if (*s == ' ' || *s == ',' || *s == '\n' || *s == '\r') {
            s++;
            continue;
        }
        if (strncmp(s, "、", strlen("、")) == 0) {
            s += strlen("、");
            continue;
        }
        size_t len = 0;
        while (s[len] >= '0' && s[len] <= '9')
            len++;
        if (len == 0 || *n == max || !request_parse_id(s, len, &(*out)[*n]))
            return false;
        (*n)++;
        s += len;
    }
    return true;
}

bool fields_fen(const Fields *f, const char *name, int64_t *out)
{
    const char *s = fields_text(f, name);
    *out = 0;
    if (!s)
        return false;
    int64_t yuan = 0, fen = 0;
    int digits = 0, decimals = -1;
    for (; *s; s++) {
        if (*s == '.' && decimals < 0) {
            decimals = 0;
            continue;
        }
        if (*s < '0' || *s > '9' || digits > 13)
            return false;
        if (decimals < 0) {
            yuan = yuan * 10 + (*s - '0');
            digits++;
        } else if (decimals < 2) {
            fen = fen * 10 + (*s - '0');
            decimals++;
        } else {
            return false;
        }
    }
    if (digits == 0)
        return false;
    if (decimals == 1)
        fen *= 10;
    *out = yuan * 100 + fen;
    return true;
}

void fields_fail(Request *r, const char *field, const char *message)
{
    const char *fields[] = {field};
    route_fail_fields(r, 422, "invalid", message, fields, field ? 1 : 0);
}

bool fields_day_or_reply(const Fields *f, const char *name, Day *out)
{
    if (fields_day(f, name, out))
        return true;
    fields_fail(f->r, name, arena_printf(&f->r->arena, "%s is not a date like 2025-06-30", name));
    return false;
}

bool fields_id_or_reply(const Fields *f, const char *name, int64_t *out)
{
    if (fields_id(f, name, out))
        return true;
    fields_fail(f->r, name, arena_printf(&f->r->arena, "%s is not an id", name));
    return false;
}

void fields_reply_id(Request *r, int status, const char *key, int64_t id)
{
    JsonW j;
    r->status = status;
    r->reply_type = "application/json; charset=utf-8";
    json_init(&j, &r->out, false);
    json_obj(&j);
    json_kint(&j, key, id);
    json_end(&j);
    buf_putc(&r->out, '\n');
}

bool fields_list_params(Request *r, const char *cursor_name, Inspection *in, int64_t *cursor)
{
    int64_t id;
    if (request_query_id(r, "inspection", &id) < 0 || id == 0) {
        const char *fields[] = {"inspection"};
        route_fail_fields(r, 400, "bad_request", "give ?inspection=ID", fields, 1);
        return false;
    }
    if (request_query_id(r, cursor_name, cursor) < 0) {
        route_fail(r, 400, "bad_request", "the page cursor is not an id");
        return false;
    }
    return access_inspection_or_reply(r, id, in);
}

void fields_items_end(Request *r, JsonW *j, int n, int page, int64_t last)
{
    json_end(j);
    if (n == page)
        json_kint(j, "next", last);
    json_end(j);
    buf_putc(&r->out, '\n');
}
