/*
** cmd_debug_routes.c: `zhenggai debug-routes` (hidden) prints the web route table, one JSON
** object per line: {"method":"GET","pattern":"/measures/:id","flags":["login","cache"],
** "roles":["office",…],"any_role":false}. The web tests (tests/web/) walk every route from it,
** so a new route is covered by the role matrix without anyone listing it twice.
*/
#include "cli.h"

#include "base/json.h"
#include "web/routes.h"

static const char *method_name(Method m)
{
    switch (m) {
    case HTTP_GET: return "GET";
    case HTTP_POST: return "POST";
    case HTTP_PUT: return "PUT";
    case HTTP_DELETE: return "DELETE";
    case HTTP_HEAD: return "HEAD";
    case HTTP_PATCH:
        return "PATCH";
    }
    return "?";
}

/* Print one route: roles lists every role admitted (all of them for ROLES_ANY). */
static void print_route(Buf *out, const Route *rt)
{
    static const struct {
        unsigned flag;
        const char *name;
    } flags[] = {{ROUTE_LOGIN, "login"}, {ROUTE_CSRF, "csrf"},   {ROUTE_JSON, "json"},
                 {ROUTE_FRESH, "fresh"}, {ROUTE_CACHE, "cache"}, {ROUTE_UPLOAD, "upload"}};
    JsonW j;
    json_init(&j, out, false);
    json_obj(&j);
    json_kstr(&j, "method", method_name(rt->method));
    json_kstr(&j, "pattern", rt->pattern);
    json_karr(&j, "flags");
    for (size_t i = 0; i < ARRAY_SIZE(flags); i++)
        if (rt->flags & flags[i].flag)
            json_str(&j, flags[i].name);
    json_end(&j);
    json_karr(&j, "roles");
    for (int i = 0; i < ROLE__COUNT; i++)
        if (rt->roles == ROLES_ANY || (rt->roles & ROLE_BIT(i)))
            json_str(&j, model_role_name((Role)i));
    json_end(&j);
    json_kbool(&j, "any_role", rt->roles == ROLES_ANY);
    json_end(&j);
    buf_putc(out, '\n');
}

/* debug-routes: the route table as JSON lines on stdout, in table order. */
int cmd_debug_routes(Cli *cli)
{
    if (cli_finish(cli) < 0)
        return -1;
    Buf out = BUF_INIT;
    for (size_t i = 0; i < web_n_routes; i++)
        print_route(&out, &web_routes[i]);
    int rc = cli_write(cli, out.data, out.len);
    buf_free(&out);
    return rc;
}
