/*
** api_session.c: sessions for API clients: POST logs in (the cookie is set as for the pages, and
** the CSRF token returned), GET tells who is logged in, DELETE logs out.
*/
#include "web/api.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/routes.h"

static void write_user(Request *r, JsonW *j)
{
    const User *u = &r->user;
    json_kobj(j, "user");
    json_kint(j, "id", u->id);
    json_kstr(j, "login", u->login);
    json_kstr(j, "display_name", u->display_name);
    if (u->unit_id)
        json_kint(j, "unit_id", u->unit_id);
    json_karr(j, "roles");
    for (int i = 0; i < ROLE__COUNT; i++)
        if (u->roles & ROLE_BIT(i))
            json_str(j, model_role_name((Role)i));
    json_end(j);
    json_kbool(j, "must_change_password", u->must_change_password);
    json_end(j);
}

static void reply_session(Request *r)
{
    JsonW j;
    api_object_begin(r, 0, &j);
    write_user(r, &j);
    if (!r->via_token)
        json_kstr(&j, "csrf", r->session.csrf);
    api_object_end(r, &j);
}

void api_session_create(Request *r)
{
    json_t *body = api_body_or_reply(r);
    if (!body)
        return;
    const char *login = api_str(body, "login"), *password = api_str(body, "password");
    Err err = ERR_INIT;
    if (!login || !password) {
        route_fail(r, 400, "bad_request", "login and password are required");
    } else if (auth_login(r, login, password, &err) < 0) {
        route_fail_err(r, &err);
    } else {
        r->status = 201;
        reply_session(r);
    }
    json_decref(body);
}

void api_session_get(Request *r)
{
    reply_session(r);
}

void api_session_delete(Request *r)
{
    Err err = ERR_INIT;
    if (!route_ok_or_reply(r, auth_logout(r, &err), &err))
        return;
    r->status = 204;
}
