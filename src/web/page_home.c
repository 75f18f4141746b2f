/*
** page_home.c: "/" sends each user to the start page of their roles.
*/
#include "web/access.h"
#include "web/handlers.h"
#include "web/routes.h"

void page_home(Request *r)
{
    const User *u = &r->user;
    if (u->must_change_password)
        request_redirect(r, "/account?first=1");
    else if (access_has(u, ROLES_LEDGER))
        request_redirect(r, "/dashboard");
    else if (access_has(u, ROLES_ADMIN))
        request_redirect(r, "/admin/users");
    else if (access_has(u, ROLE_BIT(ROLE_AUDITOR)))
        request_redirect(r, "/audit");
    else
        request_redirect(r, "/account");
}
