/*
** fuzz_form.c: an application/x-www-form-urlencoded body as server.c decodes it into a
** Request's form (server_parse_form), and the lookups handlers make on it. Properties: every
** accepted name and value is valid UTF-8 with no NUL inside and a non-empty name, and a refused
** body is one with invalid UTF-8 after decoding.
*/
#include "fuzz.h"

#include "base/utf8.h"
#include "web/request.h"
#include "web/server.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Request r;
    memset(&r, 0, sizeof r);
    r.arena = (Arena)ARENA_INIT;
    char *body = arena_strndup(&r.arena, (const char *)data, size);
    bool ok = server_parse_form(&r, body);
    if (ok) {
        for (int i = 0; i < r.n_form; i++) {
            const Param *p = &r.form[i];
            if (!*p->name || !utf8_valid(p->name, strlen(p->name)) ||
                !utf8_valid(p->value, strlen(p->value)))
                abort();
            /* The first field of a name is what a handler reads. */
            const char *v = request_form(&r, p->name);
            if (!v)
                abort();
        }
        int64_t id;
        (void)request_form(&r, "csrf");
        if (request_parse_id(request_form(&r, "id") ? request_form(&r, "id") : "", 0, &id))
            (void)id;
    }
    arena_free(&r.arena);
    return 0;
}
