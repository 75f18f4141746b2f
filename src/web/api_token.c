/*
** api_token.c: API tokens for integrations (SPEC §6, §9): POST /api/v1/tokens creates one for the
** logged-in user and shows it once (only its SHA-256 is kept), GET lists the user's tokens,
** DELETE /api/v1/tokens/:id revokes one; the secadmin lists anyone's (GET
** /api/v1/admin/tokens?user=ID) and revokes any (DELETE /api/v1/admin/tokens/:id). Tokens expire
** (serve --token-days, 90) and die when their account is locked, disabled, its password reset or
** its roles changed (triggers of migrate_harden.sql). Creating needs a browser session (a token cannot breed
** tokens); creation and revocation are audited.
*/
#include "db/audit_store.h"
#include "db/session_store.h"
#include "web/api.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/routes.h"

#define TOKEN_NAME_MAX 100 /* bytes of a token's name */

void api_token_create(Request *r)
{
    if (r->via_token) {
        route_fail(r, 403, "forbidden", "tokens are created from a logged-in session, not a token");
        return;
    }
    json_t *body = api_body_or_reply(r);
    if (!body)
        return;
    static const char *const name_field[] = {"name"};
    const char *name = api_str(body, "name");
    const char *token;
    int64_t id;
    Err err = ERR_INIT;
    if (!name || !*name || strlen(name) > TOKEN_NAME_MAX) {
        route_fail_fields(r, 422, "invalid", "name: 1 to 100 bytes naming the integration",
                          name_field, 1);
    } else if (auth_token_create(r, name, &token, &id, &err) < 0) {
        route_fail_err(r, &err);
    } else {
        JsonW j;
        api_object_begin(r, 201, &j);
        json_kint(&j, "id", id);
        json_kstr(&j, "name", name);
        json_kstr(&j, "token", token);
        api_object_end(r, &j);
    }
    json_decref(body);
}

/* The tokens of user_id as {"items":[…]}: live ones say so, dead ones why. */
static void list_tokens(Request *r, int64_t user_id)
{
    ApiToken *ts;
    int n;
    char now[TIME_ISO_SIZE];
    date_time_iso(r->now, now);
    JsonW j;
    if (!api_items_or_reply(r, token_store_list(r->db, &r->arena, user_id, &ts, &n, &r->err), &j))
        return;
    for (int i = 0; i < n; i++) {
        json_obj(&j);
        json_kint(&j, "id", ts[i].id);
        json_kstr(&j, "name", ts[i].name);
        json_kstr(&j, "created_at", ts[i].created_at);
        json_kstr(&j, "revoked_at", ts[i].revoked_at);
        json_kstr(&j, "revoked_why", ts[i].revoked_why);
        json_kstr(&j, "expires_at", ts[i].expires_at);
        json_kbool(&j, "live",
                   !ts[i].revoked_at && ts[i].expires_at && strcmp(ts[i].expires_at, now) > 0);
        json_end(&j);
    }
    json_end(&j);
    api_object_end(r, &j);
}

void api_token_list(Request *r)
{
    list_tokens(r, r->user.id);
}

void api_token_admin_list(Request *r)
{
    int64_t user_id;
    if (api_query_id_or_reply(r, "user", &user_id))
        list_tokens(r, user_id);
}

void api_token_admin_delete(Request *r)
{
    Err *err = &r->err;
    int64_t owner = 0;
    if (!route_ok_or_reply(r, db_begin(r->db, err), err))
        return;
    if (token_store_revoke_any(r->db, r->path_id, &owner, err) < 0 ||
        audit_store_append(r->db, r->user.login, AUDIT_TOKEN_REVOKE,
                           arena_printf(&r->arena, "user:%lld", (long long)owner),
                           arena_printf(&r->arena, "token %lld revoked by the security admin",
                                        (long long)r->path_id),
                           err) < 0) {
        db_rollback(r->db);
        route_fail_err(r, err);
        return;
    }
    if (!route_ok_or_reply(r, db_commit(r->db, err), err))
        return;
    r->status = 204;
}

void api_token_delete(Request *r)
{
    Err *err = &r->err;
    if (!route_ok_or_reply(r, db_begin(r->db, err), err))
        return;
    int rc = token_store_revoke(r->db, r->user.id, r->path_id, err) < 0 ||
                     audit_store_append(
                         r->db, r->user.login, AUDIT_TOKEN_REVOKE,
                         arena_printf(&r->arena, "user:%lld", (long long)r->user.id),
                         arena_printf(&r->arena, "token %lld", (long long)r->path_id), err) < 0
                 ? -1
                 : 0;
    if (!route_ok_or_reply(r, db_finish(r->db, rc, err), err))
        return;
    r->status = 204;
}
