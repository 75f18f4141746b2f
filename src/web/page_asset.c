/*
** page_asset.c: the stylesheets, script and icons compiled into the binary (src/assets/), so an
** offline intranet needs nothing from outside. Only names of the embedded table are served.
*/
#include "base/embedded.h"
#include "web/handlers.h"
#include "web/routes.h"

static const char *type_of(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (dot && strcmp(dot, ".css") == 0)
        return "text/css; charset=utf-8";
    if (dot && strcmp(dot, ".js") == 0)
        return "text/javascript; charset=utf-8";
    if (dot && strcmp(dot, ".svg") == 0)
        return "image/svg+xml";
    return NULL;
}

void page_asset(Request *r)
{
    const char *name = r->path_arg;
    const EmbeddedFile *f = name ? embedded_find(name) : NULL;
    const char *type = name ? type_of(name) : NULL;
    if (!f || !type) {
        route_fail(r, 404, "not_found", "no such asset");
        return;
    }
    r->reply_type = type;
    r->cacheable = true;
    request_header(r, "Cache-Control", "private, max-age=3600");
    buf_append(&r->out, f->data, f->size);
}
