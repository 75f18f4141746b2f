/*
** fuzz_request.c: what the web layer itself parses of a request: the redirect target after
** login (route_local_page against the route table), and a JSON body with every string checked
** against the field limits (ledger/fields.c). The input is "PATH\0BODY".
*/
#include "fuzz.h"

#include "base/arena.h"
#include "ledger/fields.h"
#include "web/routes.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static void walk(Arena *a, json_t *v, const char *key)
{
    if (json_is_string(v)) {
        (void)fields_check(a, key, json_string_value(v), json_string_length(v));
    } else if (json_is_object(v)) {
        const char *k;
        json_t *m;
        json_object_foreach(v, k, m) walk(a, m, k);
    } else if (json_is_array(v)) {
        size_t i;
        json_t *m;
        json_array_foreach(v, i, m) walk(a, m, key);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *nul = memchr(data, 0, size);
    size_t path_len = nul ? (size_t)(nul - (const char *)data) : size;
    char *path = malloc(path_len + 1);
    memcpy(path, data, path_len);
    path[path_len] = 0;
    bool ok = route_local_page(path);
    /* Whatever is accepted stays on this site: one leading slash, no scheme, no backslash. */
    if (ok && (path[0] != '/' || path[1] == '/' || strchr(path, '\\') || strchr(path, ':')))
        abort();
    free(path);
    if (nul) {
        Arena a = ARENA_INIT;
        json_t *v = json_loadb(nul + 1, size - path_len - 1, JSON_REJECT_DUPLICATES, NULL);
        walk(&a, v, "");
        json_decref(v);
        arena_free(&a);
    }
    return 0;
}
