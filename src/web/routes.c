/*
** routes.c: the route table and the dispatcher (routes.h). Reading the table tells who may do
** what: the flags and roles of each entry are all the checks a request passes before its handler.
*/
#include "web/routes.h"

#include "base/json.h"
#include "ledger/fields.h"
#include "web/access.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/ratelimit.h"
#include "web/refusal.h"
#include "web/replycache.h"
#include "web/server.h"

#include <jansson.h>
#include <time.h>

#define LEDGER_PAGE ROUTE_LOGIN | ROUTE_CACHE, ROLES_LEDGER
#define LEDGER_API ROUTE_LOGIN | ROUTE_JSON | ROUTE_CACHE, ROLES_LEDGER
#define EDIT_PAGE ROUTE_LOGIN, ROLE_BIT(ROLE_OFFICE)
#define EDIT_WRITE ROUTE_LOGIN | ROUTE_CSRF, ROLE_BIT(ROLE_OFFICE)
#define EDIT_API ROUTE_LOGIN | ROUTE_JSON | ROUTE_CSRF, ROLE_BIT(ROLE_OFFICE)

const Route web_routes[] = {
    {HTTP_GET, "/", page_home, ROUTE_LOGIN | ROUTE_FRESH, ROLES_ANY},
    {HTTP_GET, "/assets/:name", page_asset, 0, ROLES_ANY},
    {HTTP_GET, "/login", page_login, 0, ROLES_ANY},
    {HTTP_POST, "/login", page_login_post, ROUTE_AUTHN, ROLES_ANY},
    {HTTP_POST, "/logout", page_logout, ROUTE_LOGIN | ROUTE_CSRF | ROUTE_FRESH, ROLES_ANY},
    {HTTP_GET, "/account", page_account, ROUTE_LOGIN | ROUTE_FRESH, ROLES_ANY},
    {HTTP_POST, "/account/password", page_password_post, ROUTE_LOGIN | ROUTE_CSRF | ROUTE_FRESH,
     ROLES_ANY},

    /* The ledger pages (web-pages). */
    {HTTP_GET, "/dashboard", page_dashboard, LEDGER_PAGE},
    {HTTP_GET, "/inspections", page_inspections, LEDGER_PAGE},
    {HTTP_GET, "/inspections/:id", page_inspection, LEDGER_PAGE},
    {HTTP_GET, "/measures", page_measures, LEDGER_PAGE},
    {HTTP_GET, "/measures/:id", page_measure, LEDGER_PAGE},
    {HTTP_POST, "/measures/:id/transition", page_measure_transition, ROUTE_LOGIN | ROUTE_CSRF,
     ROLES_LEDGER},
    {HTTP_GET, "/units", page_units, LEDGER_PAGE},
    {HTTP_GET, "/units/:id", page_unit, LEDGER_PAGE},
    /* The daily loop (evidence branch): progress reports and files, supervision, revisits. */
    {HTTP_POST, "/measures/:id/loop", page_measure_loop, ROUTE_LOGIN | ROUTE_CSRF, ROLES_LOOP},
    {HTTP_POST, "/units/:id/supervisions", page_unit_supervise, ROUTE_LOGIN | ROUTE_CSRF,
     ROLE_BIT(ROLE_OFFICE)},
    {HTTP_POST, "/supervisions/:id/actions", page_supervision_act, ROUTE_LOGIN | ROUTE_CSRF,
     ROLES_LOOP},
    {HTTP_POST, "/measures/:id/files", page_measure_loop, ROUTE_LOGIN | ROUTE_CSRF | ROUTE_UPLOAD,
     ROLES_LOOP},
    {HTTP_GET, "/evidence/:id", page_evidence_download, ROUTE_LOGIN, ROLES_LEDGER},
    {HTTP_GET, "/evidence/:id/preview", page_evidence_preview, ROUTE_LOGIN, ROLES_LEDGER},
    {HTTP_GET, "/evidence/:id/view", page_evidence_view, ROUTE_LOGIN, ROLES_LEDGER},
    {HTTP_GET, "/inbox", page_inbox, ROUTE_LOGIN, ROLES_LEDGER},
    {HTTP_GET, "/deliveries", page_deliveries, ROUTE_LOGIN, ROLE_BIT(ROLE_OFFICE)},
    {HTTP_GET, "/inspections/:id/spot-checks", page_spot_checks, ROUTE_LOGIN, ROLE_BIT(ROLE_OFFICE)},
    {HTTP_POST, "/inspections/:id/spot-checks", page_spot_draw, ROUTE_LOGIN | ROUTE_CSRF,
     ROLE_BIT(ROLE_OFFICE)},
    {HTTP_POST, "/spot-checks/:id/record", page_spot_record, ROUTE_LOGIN | ROUTE_CSRF,
     ROLE_BIT(ROLE_OFFICE)},
    {HTTP_GET, "/api/v1/measures/:id/evidence", api_evidence_list, LEDGER_API},
    {HTTP_GET, "/api/v1/evidence/:id", page_evidence_download, ROUTE_LOGIN | ROUTE_JSON, ROLES_LEDGER},
    {HTTP_POST, "/api/v1/measures/:id/progress", api_progress_create,
     ROUTE_LOGIN | ROUTE_JSON | ROUTE_CSRF, ROLES_LOOP},
    {HTTP_POST, "/api/v1/progress/:id/submit", api_progress_submit,
     ROUTE_LOGIN | ROUTE_JSON | ROUTE_CSRF, ROLES_LOOP},
    {HTTP_POST, "/api/v1/progress/:id/review", api_progress_review,
     ROUTE_LOGIN | ROUTE_JSON | ROUTE_CSRF, ROLES_LOOP},
    {HTTP_POST, "/api/v1/progress/:id/evidence", api_evidence_upload,
     ROUTE_LOGIN | ROUTE_JSON | ROUTE_CSRF | ROUTE_UPLOAD, ROLES_LOOP},
    {HTTP_POST, "/api/v1/measures/:id/supervisions", api_supervision_create,
     ROUTE_LOGIN | ROUTE_JSON | ROUTE_CSRF, ROLES_LOOP},
    {HTTP_POST, "/api/v1/findings/:id/supervisions", api_supervision_create_finding,
     ROUTE_LOGIN | ROUTE_JSON | ROUTE_CSRF, ROLES_LOOP},
    {HTTP_POST, "/api/v1/units/:id/supervisions", api_supervision_create_unit,
     ROUTE_LOGIN | ROUTE_JSON | ROUTE_CSRF, ROLES_LOOP},
    {HTTP_POST, "/api/v1/supervisions/:id/actions", api_supervision_action,
     ROUTE_LOGIN | ROUTE_JSON | ROUTE_CSRF, ROLES_LOOP},
    {HTTP_POST, "/api/v1/measures/:id/revisits", api_revisit_create,
     ROUTE_LOGIN | ROUTE_JSON | ROUTE_CSRF, ROLE_BIT(ROLE_OFFICE)},

    {HTTP_POST, "/api/v1/session", api_session_create, ROUTE_JSON | ROUTE_AUTHN, ROLES_ANY},
    {HTTP_GET, "/api/v1/session", api_session_get, ROUTE_LOGIN | ROUTE_JSON | ROUTE_FRESH, ROLES_ANY},
    {HTTP_DELETE, "/api/v1/session", api_session_delete,
     ROUTE_LOGIN | ROUTE_JSON | ROUTE_CSRF | ROUTE_FRESH, ROLES_ANY},

    /* --- web-api branch: the JSON API v1 (reads for ledger roles, transitions), tokens,
       the audit log (auditor only), administration (sysadmin: accounts and units;
       secadmin: roles, locks, passwords). --- */
    {HTTP_GET, "/api/v1/inspections", api_inspection_list, LEDGER_API},
    {HTTP_GET, "/api/v1/inspections/:id", api_inspection_get, LEDGER_API},
    {HTTP_GET, "/api/v1/inspections/:id/tree", api_inspection_tree, LEDGER_API},
    {HTTP_GET, "/api/v1/measures", api_measure_list, LEDGER_API},
    {HTTP_GET, "/api/v1/measures/:id", api_measure_get, LEDGER_API},
    {HTTP_POST, "/api/v1/measures/:id/transitions", api_measure_transition,
     ROUTE_LOGIN | ROUTE_JSON | ROUTE_CSRF, ROLES_LEDGER},
    {HTTP_GET, "/api/v1/units", api_unit_list, LEDGER_API},
    {HTTP_GET, "/api/v1/units/:id", api_unit_get, LEDGER_API},
    {HTTP_GET, "/api/v1/stats", api_stats, LEDGER_API},
    {HTTP_GET, "/api/v1/audit", api_audit_list,
     ROUTE_LOGIN | ROUTE_JSON | ROUTE_CACHE | ROUTE_AUDITED, ROLE_BIT(ROLE_AUDITOR)},
    {HTTP_GET, "/api/v1/tokens", api_token_list, ROUTE_LOGIN | ROUTE_JSON, ROLES_ANY},
    {HTTP_POST, "/api/v1/tokens", api_token_create, ROUTE_LOGIN | ROUTE_JSON | ROUTE_CSRF,
     ROLES_ANY},
    {HTTP_DELETE, "/api/v1/tokens/:id", api_token_delete, ROUTE_LOGIN | ROUTE_JSON | ROUTE_CSRF,
     ROLES_ANY},
    {HTTP_GET, "/api/v1/admin/tokens", api_token_admin_list, ROUTE_LOGIN | ROUTE_JSON,
     ROLE_BIT(ROLE_SECADMIN)},
    {HTTP_DELETE, "/api/v1/admin/tokens/:id", api_token_admin_delete,
     ROUTE_LOGIN | ROUTE_JSON | ROUTE_CSRF, ROLE_BIT(ROLE_SECADMIN)},
    {HTTP_GET, "/audit", page_audit, ROUTE_LOGIN | ROUTE_AUDITED, ROLE_BIT(ROLE_AUDITOR)},
    {HTTP_POST, "/audit/export", page_audit_export, ROUTE_LOGIN | ROUTE_CSRF, ROLE_BIT(ROLE_AUDITOR)},
    {HTTP_GET, "/help", page_help, ROUTE_LOGIN, ROLES_ANY},
    {HTTP_GET, "/admin/users", page_admin_users, ROUTE_LOGIN, ROLES_ADMIN},
    {HTTP_GET, "/admin/users/new", page_admin_user_new, ROUTE_LOGIN, ROLE_BIT(ROLE_SYSADMIN)},
    {HTTP_POST, "/admin/users/new", page_admin_user_create, ROUTE_LOGIN | ROUTE_CSRF,
     ROLE_BIT(ROLE_SYSADMIN)},
    {HTTP_GET, "/admin/users/:id", page_admin_user, ROUTE_LOGIN, ROLES_ADMIN},
    {HTTP_POST, "/admin/users/:id", page_admin_user_update, ROUTE_LOGIN | ROUTE_CSRF,
     ROLE_BIT(ROLE_SYSADMIN)},
    {HTTP_POST, "/admin/users/:id/roles", page_admin_user_roles, ROUTE_LOGIN | ROUTE_CSRF,
     ROLE_BIT(ROLE_SECADMIN)},
    {HTTP_POST, "/admin/users/:id/lock", page_admin_user_lock, ROUTE_LOGIN | ROUTE_CSRF,
     ROLE_BIT(ROLE_SECADMIN)},
    {HTTP_POST, "/admin/users/:id/unlock", page_admin_user_unlock, ROUTE_LOGIN | ROUTE_CSRF,
     ROLE_BIT(ROLE_SECADMIN)},
    {HTTP_POST, "/admin/users/:id/reset-password", page_admin_user_password,
     ROUTE_LOGIN | ROUTE_CSRF, ROLE_BIT(ROLE_SECADMIN)},
    {HTTP_GET, "/admin/units", page_admin_units, ROUTE_LOGIN, ROLES_ADMIN},

    /* --- ledgerweb branch: the office edits the ledger (pages and API), the OpenAPI document. */
    {HTTP_GET, "/inspections/new", page_inspection_new, EDIT_PAGE},
    {HTTP_POST, "/inspections/new", page_inspection_create, EDIT_WRITE},
    {HTTP_GET, "/inspections/:id/edit", page_inspection_edit, EDIT_PAGE},
    {HTTP_POST, "/inspections/:id/edit", page_inspection_save, EDIT_WRITE},
    {HTTP_POST, "/inspections/:id/issue", page_inspection_issue, EDIT_WRITE},
    {HTTP_POST, "/inspections/:id/findings", page_finding_create, EDIT_WRITE},
    {HTTP_GET, "/findings/:id/edit", page_finding_edit, EDIT_PAGE},
    {HTTP_POST, "/findings/:id/edit", page_finding_save, EDIT_WRITE},
    {HTTP_POST, "/findings/:id/move", page_finding_move, EDIT_WRITE},
    {HTTP_POST, "/findings/:id/delete", page_finding_delete, EDIT_WRITE},
    {HTTP_GET, "/findings/:id/measures/new", page_measure_new, EDIT_PAGE},
    {HTTP_POST, "/findings/:id/measures", page_measure_create, EDIT_WRITE},
    {HTTP_GET, "/measures/:id/edit", page_measure_edit, EDIT_PAGE},
    {HTTP_POST, "/measures/:id/edit", page_measure_save, EDIT_WRITE},
    {HTTP_POST, "/measures/:id/move", page_measure_move, EDIT_WRITE},
    {HTTP_POST, "/measures/:id/delete", page_measure_delete, EDIT_WRITE},
    {HTTP_POST, "/measures/:id/withdraw", page_measure_withdraw, EDIT_WRITE},
    {HTTP_POST, "/api/v1/inspections", api_inspection_create, EDIT_API},
    {HTTP_PATCH, "/api/v1/inspections/:id", api_inspection_patch, EDIT_API},
    {HTTP_GET, "/api/v1/inspections/:id/coverage", api_inspection_coverage,
     ROUTE_LOGIN | ROUTE_JSON, ROLE_BIT(ROLE_OFFICE)},
    {HTTP_POST, "/api/v1/inspections/:id/issue", api_inspection_issue, EDIT_API},
    {HTTP_POST, "/api/v1/inspections/:id/findings", api_finding_create, EDIT_API},
    {HTTP_PATCH, "/api/v1/findings/:id", api_finding_patch, EDIT_API},
    {HTTP_DELETE, "/api/v1/findings/:id", api_finding_delete, EDIT_API},
    {HTTP_POST, "/api/v1/findings/:id/measures", api_measure_create, EDIT_API},
    {HTTP_PATCH, "/api/v1/measures/:id", api_measure_patch, EDIT_API},
    {HTTP_DELETE, "/api/v1/measures/:id", api_measure_delete, EDIT_API},
    {HTTP_POST, "/api/v1/measures/:id/withdraw", api_measure_withdraw, EDIT_API},
    {HTTP_GET, "/api/v1/persons", api_person_list, ROUTE_LOGIN | ROUTE_JSON, ROLE_BIT(ROLE_OFFICE)},
    {HTTP_GET, "/import", page_import, EDIT_PAGE},
    {HTTP_POST, "/import", page_import_upload, ROUTE_LOGIN | ROUTE_CSRF | ROUTE_UPLOAD,
     ROLE_BIT(ROLE_OFFICE)},
    {HTTP_GET, "/import/:sha", page_import_preview, EDIT_PAGE},
    {HTTP_POST, "/import/:sha/confirm", page_import_confirm, EDIT_WRITE},
    {HTTP_GET, "/api/v1/openapi.json", api_openapi, ROUTE_JSON | ROUTE_CACHE | ROUTE_FRESH,
     ROLES_ANY},
    {HTTP_POST, "/admin/units", page_admin_unit_create, ROUTE_LOGIN | ROUTE_CSRF,
     ROLE_BIT(ROLE_SYSADMIN)},

    /* --- registers branch: the clue register (discipline), the office's registers, reports
       (generate, preview, download, publish), the feedback register and the public pages
       (no login: published reports and the feedback form). --- */
    {HTTP_GET, "/clues", page_clues, ROUTE_LOGIN, ROLES_LEDGER},
    {HTTP_GET, "/clues/:id", page_clue, ROUTE_LOGIN, ROLE_BIT(ROLE_DISCIPLINE)},
    {HTTP_POST, "/clues", page_clue_create, ROUTE_LOGIN | ROUTE_CSRF, ROLE_BIT(ROLE_DISCIPLINE)},
    {HTTP_POST, "/clues/:id", page_clue_update, ROUTE_LOGIN | ROUTE_CSRF,
     ROLE_BIT(ROLE_DISCIPLINE)},
    {HTTP_POST, "/clues/:id/outcomes", page_clue_outcome, ROUTE_LOGIN | ROUTE_CSRF,
     ROLE_BIT(ROLE_DISCIPLINE)},
    {HTTP_GET, "/registers", page_registers, ROUTE_LOGIN, ROLES_LEDGER},
    {HTTP_POST, "/registers/mechanisms", page_mechanism_create, ROUTE_LOGIN | ROUTE_CSRF,
     ROLE_BIT(ROLE_OFFICE)},
    {HTTP_POST, "/registers/meetings", page_meeting_create, ROUTE_LOGIN | ROUTE_CSRF,
     ROLE_BIT(ROLE_OFFICE)},
    {HTTP_POST, "/registers/recoveries", page_recovery_create, ROUTE_LOGIN | ROUTE_CSRF,
     ROLE_BIT(ROLE_OFFICE)},
    {HTTP_GET, "/reports", page_reports, ROUTE_LOGIN, ROLE_BIT(ROLE_OFFICE)},
    {HTTP_GET, "/reports/preview", page_report_preview, ROUTE_LOGIN, ROLE_BIT(ROLE_OFFICE)},
    {HTTP_GET, "/reports/download", page_report_download, ROUTE_LOGIN, ROLE_BIT(ROLE_OFFICE)},
    {HTTP_POST, "/reports/text", page_report_text, ROUTE_LOGIN | ROUTE_CSRF, ROLE_BIT(ROLE_OFFICE)},
    {HTTP_POST, "/reports/publish", page_report_publish, ROUTE_LOGIN | ROUTE_CSRF,
     ROLE_BIT(ROLE_OFFICE)},
    {HTTP_GET, "/feedback", page_feedback, ROUTE_LOGIN, ROLE_BIT(ROLE_OFFICE)},
    {HTTP_POST, "/feedback/:id", page_feedback_answer, ROUTE_LOGIN | ROUTE_CSRF,
     ROLE_BIT(ROLE_OFFICE)},
    {HTTP_POST, "/feedback/:id/clue", page_feedback_clue, ROUTE_LOGIN | ROUTE_CSRF,
     ROLE_BIT(ROLE_OFFICE)},
    {HTTP_GET, "/public", page_public, 0, ROLES_ANY},
    {HTTP_GET, "/public/reports/:id", page_public_report, 0, ROLES_ANY},
    {HTTP_GET, "/public/reports/:id/docx", page_public_docx, 0, ROLES_ANY},
    {HTTP_GET, "/public/feedback", page_public_feedback, 0, ROLES_ANY},
    {HTTP_POST, "/public/feedback", page_public_feedback_post, 0, ROLES_ANY},
    {HTTP_GET, "/api/v1/clues", api_clue_list, ROUTE_LOGIN | ROUTE_JSON, ROLES_LEDGER},
    {HTTP_GET, "/api/v1/clues/:id", api_clue_get, ROUTE_LOGIN | ROUTE_JSON,
     ROLE_BIT(ROLE_DISCIPLINE)},
    {HTTP_POST, "/api/v1/clues", api_clue_create, ROUTE_LOGIN | ROUTE_JSON | ROUTE_CSRF,
     ROLE_BIT(ROLE_DISCIPLINE)},
    {HTTP_PUT, "/api/v1/clues/:id", api_clue_update, ROUTE_LOGIN | ROUTE_JSON | ROUTE_CSRF,
     ROLE_BIT(ROLE_DISCIPLINE)},
    {HTTP_POST, "/api/v1/clues/:id/outcomes", api_clue_outcome,
     ROUTE_LOGIN | ROUTE_JSON | ROUTE_CSRF, ROLE_BIT(ROLE_DISCIPLINE)},
    {HTTP_GET, "/api/v1/mechanisms", api_mechanism_list, LEDGER_API},
    {HTTP_POST, "/api/v1/mechanisms", api_mechanism_create, ROUTE_LOGIN | ROUTE_JSON | ROUTE_CSRF,
     ROLE_BIT(ROLE_OFFICE)},
    {HTTP_GET, "/api/v1/meetings", api_meeting_list, LEDGER_API},
    {HTTP_POST, "/api/v1/meetings", api_meeting_create, ROUTE_LOGIN | ROUTE_JSON | ROUTE_CSRF,
     ROLE_BIT(ROLE_OFFICE)},
    {HTTP_GET, "/api/v1/recoveries", api_recovery_list, LEDGER_API},
    {HTTP_POST, "/api/v1/recoveries", api_recovery_create, ROUTE_LOGIN | ROUTE_JSON | ROUTE_CSRF,
     ROLE_BIT(ROLE_OFFICE)},
    {HTTP_GET, "/api/v1/reports", api_report_list, ROUTE_LOGIN | ROUTE_JSON, ROLE_BIT(ROLE_OFFICE)},
    {HTTP_GET, "/api/v1/reports/generate", api_report_generate, ROUTE_LOGIN | ROUTE_JSON,
     ROLE_BIT(ROLE_OFFICE)},
    {HTTP_PUT, "/api/v1/reports/text", api_report_text, ROUTE_LOGIN | ROUTE_JSON | ROUTE_CSRF,
     ROLE_BIT(ROLE_OFFICE)},
    {HTTP_POST, "/api/v1/reports/publish", api_report_publish,
     ROUTE_LOGIN | ROUTE_JSON | ROUTE_CSRF, ROLE_BIT(ROLE_OFFICE)},
    {HTTP_GET, "/api/v1/reports/:id", api_report_get, ROUTE_LOGIN | ROUTE_JSON,
     ROLE_BIT(ROLE_OFFICE)},
    {HTTP_GET, "/api/v1/reports/:id/file", api_report_file, ROUTE_LOGIN | ROUTE_JSON,
     ROLE_BIT(ROLE_OFFICE)},
    {HTTP_GET, "/api/v1/feedback", api_feedback_list, ROUTE_LOGIN | ROUTE_JSON,
     ROLE_BIT(ROLE_OFFICE)},
    {HTTP_POST, "/api/v1/feedback/:id", api_feedback_answer, ROUTE_LOGIN | ROUTE_JSON | ROUTE_CSRF,
     ROLE_BIT(ROLE_OFFICE)},
    {HTTP_POST, "/api/v1/feedback/:id/clue", api_feedback_clue,
     ROUTE_LOGIN | ROUTE_JSON | ROUTE_CSRF, ROLE_BIT(ROLE_OFFICE)},
};
const size_t web_n_routes = sizeof web_routes / sizeof web_routes[0];

/* One table of the Chinese words of each status for pages. */
static const struct {
    int status;
    const char *title;
    const char *text;
} status_words[] = {
    {400, "请求有误", "请求格式不正确，请检查后重试。"},
    {401, "请先登录", "登录已失效或尚未登录，请重新登录。"},
    {403, "无权访问", "您的账号没有访问该内容的权限。如需访问，请联系巡改办或系统管理员。"},
    {404, "未找到", "您要访问的页面或记录不存在。"},
    {405, "不支持的操作", "该地址不支持此种请求方式。"},
    {409, "状态冲突", "该事项的当前状态不允许此操作，可能已被他人处理，请刷新后重试。"},
    {413, "内容过大", "提交的内容超过了大小限制。"},
    {415, "格式不支持", "提交内容的格式不受支持。"},
    {422, "输入有误", "提交的内容未通过校验，请修改后重试。"},
    {429, "请求过于频繁", "请稍后再试。"},
    {507, "磁盘空间不足", "服务器磁盘空间不足，暂时无法保存。已有内容仍可查看，请联系系统管理员。"},
    {500, "系统内部错误", "系统暂时无法完成该请求，请稍后重试或联系系统管理员。"},
};

int route_status_of(ErrCode code)
{
    switch (code) {
    case ERR_NONE: return 200;
    case ERR_INPUT: return 422;
    case ERR_USAGE: return 400;
    case ERR_NOTFOUND: return 404;
    case ERR_FORBIDDEN: return 403;
    case ERR_CONFLICT: return 409;
    case ERR_TOO_LARGE: return 413;
    case ERR_AUTH: return 401;
    case ERR_IO:
    case ERR_DB: return 500;
    }
    return 500;
}

static const char *code_of_status(int status)
{
    switch (status) {
    case 400: return "bad_request";
    case 401: return "unauthorized";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 409: return "conflict";
    case 413: return "too_large";
    case 415: return "unsupported_media_type";
    case 422: return "invalid";
    case 429: return "too_many_requests";
    case 507: return "disk_full";
    default: return "internal";
    }
}

void route_fail(Request *r, int status, const char *code, const char *message)
{
    route_fail_fields(r, status, code, message, NULL, 0);
}

void route_error_members(JsonW *j, const char *code, const char *message, const char *const *fields,
                         int n_fields)
{
    json_kobj(j, "error");
    json_kstr(j, "code", code);
    json_kstr(j, "message", message);
    json_karr(j, "fields");
    for (int i = 0; i < n_fields; i++)
        json_str(j, fields[i]);
    json_end(j);
}

/* The error reply: JSON with message, or a page with the status words (or text_zh when given). */
static void fail_reply(Request *r, int status, const char *code, const char *message,
                       const char *text_zh, const char *const *fields, int n_fields)
{
    buf_reset(&r->out);
    r->n_headers = 0;
    r->status = status;
    r->cacheable = false;
    if (r->json) {
        JsonW j;
        r->reply_type = "application/json; charset=utf-8";
        json_init(&j, &r->out, false);
        json_obj(&j);
        route_error_members(&j, code, message, fields, n_fields);
        json_end(&j);
        json_end(&j);
        buf_putc(&r->out, '\n');
        return;
    }
    const char *title = "出错了", *text = "";
    for (size_t i = 0; i < sizeof status_words / sizeof status_words[0]; i++)
        if (status_words[i].status == status) {
            title = status_words[i].title;
            text = status_words[i].text;
        }
    if (text_zh)
        text = text_zh;
    Buf *h = &r->out;
    page_begin(r, title, NAV_NONE);
    HTML(h, "<section class=\"error\"><h1>");
    html_text(h, title);
    HTML(h, "</h1><p>");
    html_text(h, text);
    HTML(h, "</p><p><a href=\"/\">返回首页</a></p></section>");
    page_end(r);
}

static void audit_refusal(Request *r, AuditAction action);

void route_refuse(Request *r, int status)
{
    static const struct {
        int status;
        const char *message;
    } messages[] = {
        {400, "malformed request body"},
        {403, "missing or wrong CSRF token before the first file"},
        {413, "request body too large"},
        {415, "this address takes multipart/form-data"},
        {507, "not enough disk space"},
    };
    const char *message = "internal error";
    for (size_t i = 0; i < sizeof messages / sizeof messages[0]; i++)
        if (messages[i].status == status)
            message = messages[i].message;
    /* The only 403 of a refused upload is the CSRF check's: the same code as on other routes. */
    route_fail(r, status, status == 403 ? "csrf" : code_of_status(status), message);
    if (status == 403)
        audit_refusal(r, AUDIT_REFUSED_CSRF);
}

void route_fail_fields(Request *r, int status, const char *code, const char *message,
                       const char *const *fields, int n_fields)
{
    fail_reply(r, status, code, message, NULL, fields, n_fields);
}

bool route_fields_ok_or_reply(Request *r, const char *name, const char *value, size_t len)
{
    const char *zh = fields_check(&r->arena, name, value, len);
    if (!zh)
        return true;
    const char *field = name;
    const FieldLimit *f = fields_limit(name);
    fail_reply(r, 422, "too_long",
               arena_printf(&r->arena, "%s: at most %d characters", name, f->max_chars), zh,
               &field, 1);
    return false;
}

void route_fail_err(Request *r, const Err *err)
{
    int status = route_status_of(err->code);
    /* A full disk: say so (磁盘空间不足, 507); reads and logins that write nothing go on. */
    if (strstr(err->msg, "database or disk is full") || strstr(err->msg, "No space left")) {
        fprintf(stderr, "serve: %s %s: %s\n", r->client, r->path, err->msg);
        route_refuse(r, 507);
        return;
    }
    if (status == 500) {
        fprintf(stderr, "serve: %s %s: %s\n", r->client, r->path, err->msg);
        route_fail(r, 500, "internal", "internal error");
        return;
    }
    route_fail(r, status, code_of_status(status), err->msg);
}

bool route_ok_or_reply(Request *r, int rc, const Err *err)
{
    if (rc >= 0)
        return true;
    route_fail_err(r, err);
    return false;
}

bool route_allowed_or_reply(Request *r, bool ok, const char *why)
{
    if (!ok)
        route_fail(r, 403, "forbidden", why);
    return ok;
}

bool route_refusal_or_reply(Request *r, const Err *err)
{
    int status = route_status_of(err->code);
    if (status == 500) {
        route_fail_err(r, err);
        return false;
    }
    r->status = status;
    r->cacheable = false;
    return true;
}

/* Match path against pattern; fill r->path_id / r->path_arg. */
static bool match(Request *r, const char *pattern, const char *path)
{
    int64_t id = 0;
    const char *arg = NULL;
    while (*pattern && *path) {
        if (*pattern == ':') {
            const char *pend = strchr(pattern, '/');
            const char *send = strchr(path, '/');
            size_t pn = pend ? (size_t)(pend - pattern) : strlen(pattern);
            size_t sn = send ? (size_t)(send - path) : strlen(path);
            if (sn == 0)
                return false;
            if (pn == 3 && strncmp(pattern, ":id", 3) == 0) {
                if (!request_parse_id(path, sn, &id))
                    return false;
            } else {
                arg = arena_strndup(&r->arena, path, sn);
            }
            pattern += pn;
            path += sn;
            continue;
        }
        if (*pattern != *path)
            return false;
        pattern++;
        path++;
    }
    if (*pattern || *path)
        return false;
    r->path_id = id;
    r->path_arg = arg;
    return true;
}

/* True when the Origin header, if any, names this server (Host). */
static bool same_origin(const Request *r)
{
    if (!r->origin)
        return true;
    if (!r->host)
        return false;
    const char *o = r->origin;
    if (strncmp(o, "http://", 7) == 0)
        o += 7;
    else if (strncmp(o, "https://", 8) == 0)
        o += 8;
    else
        return false;
    return strcmp(o, r->host) == 0;
}

static int64_t now_ms(void);

/* The object a path names: "measure:12" for /measures/12/…, else the path itself. */
static const char *object_of(Request *r, const Route *route)
{
    const char *id = route ? strstr(route->pattern, "/:id") : NULL;
    if (!id || r->path_id <= 0)
        return r->path;
    const char *seg = id;
    while (seg > route->pattern && seg[-1] != '/')
        seg--;
    size_t n = (size_t)(id - seg);
    if (n > 1 && seg[n - 1] == 's' && seg[n - 2] != 's') /* measures → measure, not progress */
        n--;
    return arena_printf(&r->arena, "%.*s:%lld", (int)n, seg, (long long)r->path_id);
}

/*
** A refusal (403, 404 of a handler), audited in a transaction of its own with the actor, the
** route and the object; a failure is only logged. One actor's refusals beyond REFUSAL_BURST a
** minute are counted instead and named in its next row (web/refusal.h).
*/
static void audit_refusal(Request *r, AuditAction action)
{
    const char *who = r->authed ? r->user.login : "anonymous";
    const char *key = r->authed ? arena_printf(&r->arena, "user:%lld", (long long)r->user.id)
                                : arena_printf(&r->arena, "addr:%s", r->client);
    int64_t coalesced = 0;
    bool first_quiet = false;
    if (!refusal_admit(key, now_ms(), &coalesced, &first_quiet)) {
        if (first_quiet)
            fprintf(stderr, "serve: more than %d refusals a minute for %s: counting the rest, "
                    "audited in one row\n", REFUSAL_BURST, who);
        return;
    }
    static const char *const names[] = {"GET", "POST", "PUT", "DELETE", "HEAD", "PATCH"};
    const char *method = "?";
    for (int i = 0; i < 6; i++)
        if ((unsigned)r->method == 1u << i)
            method = names[i];
    const Route *route = r->route;
    const char *detail = arena_printf(&r->arena, "%d %s %s (route %s) from %s", r->status, method,
                                      r->path, route ? route->pattern : "-", r->client);
    if (coalesced)
        detail = arena_printf(&r->arena, "%s; and %lld earlier refusals of %s not audited singly",
                              detail, (long long)coalesced, who);
    Err err = ERR_INIT;
    if (auth_audit(r, who, action, object_of(r, route), detail, &err) < 0)
        fprintf(stderr, "serve: auditing a refusal: %s\n", err.msg);
}

/* An audited read (ROUTE_AUDITED): who read which path with which query. */
static void audit_read(Request *r)
{
    Buf q = BUF_INIT;
    for (int i = 0; i < r->n_query; i++)
        buf_printf(&q, "%s%s=%s", i ? "&" : "?", r->query[i].name, r->query[i].value);
    Err err = ERR_INIT;
    if (auth_audit(r, r->user.login, AUDIT_READ, r->path,
                   arena_printf(&r->arena, "%s%s from %s", r->path, q.data, r->client), &err) < 0)
        fprintf(stderr, "serve: auditing a read of %s: %s\n", r->path, err.msg);
    buf_free(&q);
}

static int64_t now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

bool route_rate_ok_or_reply(Request *r, const char *kind, double burst, double per_second,
                             const char *key)
{
    RateRule rule = {kind, burst, per_second};
    int wait = ratelimit_take(&rule, key, now_ms());
    if (wait == 0)
        return true;
    route_fail(r, 429, "too_many_requests", "too many requests; try again later");
    request_header(r, "Retry-After", arena_printf(&r->arena, "%d", wait));
    return false;
}

/* The rate limits a route's headers decide: logins per address, API calls per address and user. */
static bool rates_ok_or_reply(Request *r, const Route *route)
{
    const WebConfig *c = r->config;
    if ((route->flags & ROUTE_AUTHN) && c->rate_login)
        return route_rate_ok_or_reply(r, "login-ip", c->rate_login, c->rate_login / 60.0, r->client);
    if (!(route->flags & ROUTE_JSON) || !c->rate_api)
        return true;
    if (!route_rate_ok_or_reply(r, "api-ip", 2.0 * c->rate_api, c->rate_api, r->client))
        return false;
    return !r->authed ||
           route_rate_ok_or_reply(r, "api-account", 2.0 * c->rate_api, c->rate_api,
                            arena_printf(&r->arena, "%lld", (long long)r->user.id));
}

/* The login a login request names (form field or JSON member), or NULL. */
static const char *login_named(Request *r)
{
    const char *login = request_form(r, "login");
    if (login || !r->body)
        return login;
    json_t *v = json_loadb(r->body, r->body_len, 0, NULL);
    json_t *l = json_is_object(v) ? json_object_get(v, "login") : NULL;
    if (json_is_string(l))
        login = arena_strdup(&r->arena, json_string_value(l));
    json_decref(v);
    return login;
}

const Route *route_head(Request *r)
{
    const Route *route = NULL;
    unsigned allowed = 0; /* methods of the routes on this path */
    r->route = NULL;
    Method m = r->method == HTTP_HEAD ? HTTP_GET : r->method;
    r->json = strncmp(r->path, "/api/", 5) == 0;
    for (size_t i = 0; i < web_n_routes; i++) {
        if (!match(r, web_routes[i].pattern, r->path))
            continue;
        if (web_routes[i].method == m) {
            route = &web_routes[i];
            break;
        }
        allowed |= web_routes[i].method;
    }
    if (!route) {
        /* A page that does not exist still carries the navigation of who is reading it. */
        if (!r->json && auth_resolve(r, false) < 0)
            r->authed = false;
        if (allowed) {
            /* RFC 9110 §15.5.6: a 405 lists the methods the path has (GET implies HEAD). */
            static const struct {
                Method m;
                const char *name;
            } names[] = {{HTTP_GET, "GET, HEAD"}, {HTTP_POST, "POST"}, {HTTP_PUT, "PUT"},
                         {HTTP_DELETE, "DELETE"}};
            Buf allow = BUF_INIT;
            for (size_t i = 0; i < ARRAY_SIZE(names); i++)
                if (allowed & names[i].m)
                    buf_printf(&allow, "%s%s", allow.len ? ", " : "", names[i].name);
            route_fail(r, 405, "method_not_allowed", "method not allowed on this path");
            request_header(r, "Allow", arena_strndup(&r->arena, allow.data, allow.len));
            buf_free(&allow);
        } else
            route_fail(r, 404, "not_found", "no such path");
        return NULL;
    }
    r->route = route;
    r->json = (route->flags & ROUTE_JSON) != 0;
    if (auth_resolve(r, r->json) < 0) {
        route_fail_err(r, &r->err);
        return NULL;
    }
    if (!rates_ok_or_reply(r, route))
        return NULL;
    if ((route->flags & ROUTE_LOGIN) && !r->authed) {
        if (r->json || m != HTTP_GET) {
            route_fail(r, 401, "unauthorized", "log in first");
        } else {
            Buf to = BUF_INIT;
            buf_puts(&to, "/login?next=");
            html_url(&to, r->path);
            request_redirect(r, arena_strdup(&r->arena, to.data));
            buf_free(&to);
        }
        return NULL;
    }
    if (r->authed && r->user.must_change_password && !r->via_token &&
        !(route->flags & ROUTE_FRESH)) {
        if (r->json || m != HTTP_GET)
            route_fail(r, 403, "password_change_required", "change the first password first");
        else
            request_redirect(r, "/account?first=1");
        return NULL;
    }
    if (route->roles && !access_has(&r->user, route->roles)) {
        route_fail(r, 403, "forbidden", "your roles do not allow this");
        audit_refusal(r, AUDIT_REFUSED_ROLE);
        return NULL;
    }
    /* State changes: same Origin always (login included). */
    if (request_is_write(r) && !r->via_token && !same_origin(r)) {
        route_fail(r, 403, "csrf", "cross-origin request refused");
        audit_refusal(r, AUDIT_REFUSED_ORIGIN);
        return NULL;
    }
    return route;
}

/* One path segment of a route shape: ":id" digits, ":name" plain characters, else literal. */
static bool shape_match(const char *pattern, const char *path, size_t n)
{
    while (*pattern) {
        const char *pend = strchr(pattern, '/');
        size_t pn = pend ? (size_t)(pend - pattern) : strlen(pattern);
        const char *send = memchr(path, '/', n);
        size_t sn = send ? (size_t)(send - path) : n;
        if (pattern[0] == ':') {
            if (sn == 0)
                return false;
            for (size_t i = 0; i < sn; i++)
                if (pn == 3 && strncmp(pattern, ":id", 3) == 0 && (path[i] < '0' || path[i] > '9'))
                    return false;
        } else if (pn != sn || strncmp(pattern, path, pn) != 0) {
            return false;
        }
        pattern += pn;
        path += sn;
        n -= sn;
        if (*pattern != (n ? *path : 0))
            return false;
        if (*pattern) {
            pattern++;
            path++;
            n--;
        }
    }
    return n == 0;
}

bool route_local_page(const char *target)
{
    size_t n = strcspn(target, "?");
    if (n == 0 || target[0] != '/' || n > 512)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = target[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '/' || c == '.' || c == '_' || c == '-'))
            return false;
    }
    for (const char *q = target + n + (target[n] == '?'); *q; q++)
        if (!((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') ||
              strchr("=&_.,%-", *q)))
            return false;
    for (size_t i = 0; i < web_n_routes; i++) {
        const Route *rt = &web_routes[i];
        if (rt->method == HTTP_GET && (rt->flags & ROUTE_LOGIN) && !(rt->flags & ROUTE_JSON) &&
            shape_match(rt->pattern, target, n))
            return true;
    }
    return false;
}

size_t route_body_limit(const Route *route, size_t upload_limit)
{
    return (route->flags & ROUTE_UPLOAD) ? upload_limit : ROUTE_MAX_BODY;
}

/*
** A handler's refusal, audited: its access check's 403, or a 404 to a logged-in user on a route
** behind login (not a stale asset's name).
*/
static void audit_handler_refusal(Request *r, const Route *route)
{
    if (r->status == 403 || (r->status == 404 && r->authed && (route->flags & ROUTE_LOGIN)))
        audit_refusal(r, r->status == 403 ? AUDIT_REFUSED_ROLE : AUDIT_REFUSED_UNSEEN);
}

void route_run(Request *r, const Route *route)
{
    for (int i = 0; i < r->n_form; i++)
        if (!route_fields_ok_or_reply(r, r->form[i].name, r->form[i].value,
                                      strlen(r->form[i].value)))
            return;
    if ((route->flags & ROUTE_CSRF) && !auth_csrf_ok(r)) {
        route_fail(r, 403, "csrf", "missing or wrong CSRF token");
        audit_refusal(r, AUDIT_REFUSED_CSRF);
        return;
    }
    if ((route->flags & ROUTE_AUTHN) && r->config->rate_login) {
        const char *login = login_named(r);
        double n = r->config->rate_login / 6.0; /* an account: a sixth of an address's share */
        if (login && !route_rate_ok_or_reply(r, "login-account", n < 5 ? 5 : n, n / 60.0, login))
            return;
    }
    r->cacheable = (route->flags & ROUTE_CACHE) != 0;
    if (request_is_write(r)) {
        route->fn(r);
        audit_handler_refusal(r, route);
        return;
    }
    /* A logged-in read of the ledger may be answered as the same read was at this version,
       without reading anything. */
    bool keep = r->authed && r->cacheable && !(route->flags & ROUTE_AUDITED);
    int first_header = r->n_headers;
    if (keep && replycache_answer(r))
        return;
    /* A read sees one snapshot and takes the read lock once (db_begin_read). */
    if (db_begin_read(r->db, &r->err) < 0) {
        route_fail_err(r, &r->err);
        return;
    }
    route->fn(r);
    if (keep)
        replycache_keep(r, first_header);
    Err err = ERR_INIT;
    if (db_commit(r->db, &err) < 0)
        fprintf(stderr, "serve: %s: ending a read: %s\n", r->path, err.msg);
    if ((route->flags & ROUTE_AUDITED) && r->status < 400)
        audit_read(r);
    audit_handler_refusal(r, route);
}
