/*
** fuzz_json.c: a JSON body as an API handler receives it (api_body_or_reply: a JSON object,
** duplicate keys refused, every string within its field's limit), then the object written back
** with the server's own JSON writer (base/json.h), as replies echo what was sent. Properties:
** an accepted body is an object; the echo and every refusal are valid JSON that jansson reads.
*/
#include "fuzz.h"

#include "base/json.h"
#include "web/api.h"
#include "web/request.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* Write v with the server's writer (strings escaped and UTF-8 checked by json_str). */
static void echo(JsonW *j, json_t *v)
{
    if (json_is_object(v)) {
        const char *k;
        json_t *m;
        json_obj(j);
        json_object_foreach(v, k, m) {
            json_key(j, k);
            echo(j, m);
        }
        json_end(j);
    } else if (json_is_array(v)) {
        size_t i;
        json_t *m;
        json_arr(j);
        json_array_foreach(v, i, m) echo(j, m);
        json_end(j);
    } else if (json_is_string(v)) {
        json_strn(j, json_string_value(v), json_string_length(v));
    } else if (json_is_integer(v)) {
        json_int(j, (int64_t)json_integer_value(v));
    } else if (json_is_real(v)) {
        json_double(j, json_real_value(v));
    } else if (json_is_boolean(v)) {
        json_bool(j, json_is_true(v));
    } else {
        json_nul(j);
    }
}

/* abort() unless out[0..n) is one JSON value. */
static void must_parse(const char *out, size_t n)
{
    json_t *v = json_loadb(out, n, 0, NULL);
    if (!v)
        abort();
    json_decref(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Request r;
    memset(&r, 0, sizeof r);
    r.arena = (Arena)ARENA_INIT;
    buf_init(&r.out);
    r.json = true;
    r.content_type = "application/json";
    r.body = arena_strndup(&r.arena, (const char *)data, size); /* NUL-terminated, as served */
    r.body_len = size;
    json_t *v = api_body_or_reply(&r);
    if (v) {
        if (!json_is_object(v))
            abort();
        JsonW j;
        json_init(&j, &r.out, false);
        echo(&j, v);
        must_parse(r.out.data, r.out.len);
        json_decref(v);
    } else {
        must_parse(r.out.data, r.out.len);
    }
    buf_free(&r.out);
    arena_free(&r.arena);
    return 0;
}
