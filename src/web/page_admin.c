/*
** page_admin.c: administration for the system and security administrators (SPEC §5, 三员分立).
** The system administrator creates accounts and units and edits names and units; the security
** administrator grants roles, locks and unlocks accounts and resets passwords. Route roles
** (routes.c) say who may post which form; the rules and the audit entries are those of
** ledger/admin.h, shared with the `user` command. A refused change shows the form again with
** the reason in Chinese (422, or 409 for a taken login).
*/
#include "db/org_store.h"
#include "db/user_store.h"
#include "ledger/admin.h"
#include "web/access.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/routes.h"
#include "web/texts.h"
#include "web/view.h"

/* The Chinese of an administration refusal. */
static const char *admin_text(const Err *err)
{
    return texts_error(err, "操作未能完成。");
}

static bool is_sysadmin(const Request *r)
{
    return access_has(&r->user, ROLE_BIT(ROLE_SYSADMIN));
}

static bool is_secadmin(const Request *r)
{
    return access_has(&r->user, ROLE_BIT(ROLE_SECADMIN));
}

#define ADMIN_PAGE 50         /* users per page */
#define ADMIN_UNIT_SELECT 200 /* up to this many units a unit field is a select of them */
#define ADMIN_TREE_MAX 2000   /* units of one organisation's tree on its page */

/*
** The units for names and unit fields: every unit while there are at most ADMIN_UNIT_SELECT
** (all set), else the first of them, the others' names read one by one, and a unit field is
** its name (a province holds tens of thousands).
*/
typedef struct Units {
    Unit *items; /* by id */
    int n;
    bool all;
} Units;

static bool units_or_reply(Request *r, Units *us)
{
    if (unit_store_page(r->db, &r->arena, 0, 0, ADMIN_UNIT_SELECT + 1, &us->items, &us->n,
                        &r->err) < 0) {
        route_fail_err(r, &r->err);
        return false;
    }
    us->all = us->n <= ADMIN_UNIT_SELECT;
    return true;
}

static const char *unit_name(Request *r, const Units *us, int64_t id)
{
    const Unit *u = view_by_id(us->items, us->n, sizeof *us->items, id);
    Unit one;
    Err err = ERR_INIT;
    if (!u && !us->all && unit_store_get(r->db, &r->arena, id, &one, &err) == 0)
        return one.name;
    return u ? u->name : "—";
}

/* A form field that is empty or a positive id; false after replying 400 when malformed. */
static bool form_id(Request *r, const char *name, int64_t *out)
{
    const char *s = request_form(r, name);
    *out = 0;
    if (!s || !*s)
        return true;
    int64_t v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9' || v > INT64_MAX / 10 - 10) {
            route_fail(r, 400, "bad_request", "malformed id in the form");
            return false;
        }
        v = v * 10 + (*p - '0');
    }
    *out = v;
    return v > 0 || (route_fail(r, 400, "bad_request", "malformed id in the form"), false);
}

/*
** A unit field of a form: empty, an id (the select) or a unit's full or short name (the text
** field). False after replying 400 to a malformed id; an unknown name sets err (ERR_INPUT).
*/
static bool form_unit(Request *r, const char *name, int64_t *out, Err *err)
{
    const char *s = request_form(r, name);
    if (!s || !*s || (*s >= '0' && *s <= '9'))
        return form_id(r, name, out);
    if (unit_store_find(r->db, s, out, err) == 0 && !*out)
        err_failm(err, ERR_INPUT, MSG_UNIT_UNKNOWN, "no unit named '%s'", s);
    return true;
}

/* A unit field: a select of every unit, or past ADMIN_UNIT_SELECT the unit's name. */
static void unit_select(Request *r, const Units *us, const char *name, int64_t selected)
{
    Buf *h = &r->out;
    if (!us->all) {
        HTML_TEXT(h, "<input name=\"", name, "\" placeholder=\"单位全称或简称\" value=\"");
        if (selected)
            html_text(h, unit_name(r, us, selected));
        HTML(h, "\">");
        return;
    }
    HTML(h, "<select name=\"");
    html_text(h, name);
    HTML(h, "\"><option value=\"\">（无）</option>");
    for (int i = 0; i < us->n; i++) {
        HTML(h, "<option value=\"");
        html_int(h, us->items[i].id);
        if (us->items[i].id == selected)
            HTML(h, "\" selected>");
        else
            HTML(h, "\">");
        html_text(h, us->items[i].name);
        HTML(h, "</option>");
    }
    HTML(h, "</select>");
}

static const char *state_label(const User *u, int64_t now)
{
    if (u->state == USER_ACTIVE && u->locked_until > now)
        return "因输错密码暂时锁定";
    return vocab_label(VOCAB_USER_STATE, (int)u->state);
}

/* "（至 11月30日 04:40）" after the state of an account locked by failures. */
static void locked_until(Request *r, const User *u)
{
    if (u->locked_until <= r->now)
        return;
    HTML(&r->out, "（至 ");
    html_time_t(r, &r->out, u->locked_until);
    HTML(&r->out, "）");
}

static void admin_tabs(Buf *h, bool units)
{
    HTML(h, "<nav class=\"tabs admin-tabs\"><a href=\"/admin/users\"");
    if (!units)
        HTML(h, " class=\"active\"");
    HTML(h, ">用户管理</a><a href=\"/admin/units\"");
    if (units)
        HTML(h, " class=\"active\"");
    HTML(h, ">单位管理</a></nav>");
}

/* 用户管理: a keyset page of the accounts by id, those found by 查找 (login or name). */
void page_admin_users(Request *r)
{
    const char *find = request_query(r, "q");
    int64_t after, total;
    if (request_query_id(r, "after", &after) < 0 || (find && strlen(find) > 64)) {
        route_fail(r, 400, "bad_request", "after an id; q at most 64 bytes");
        return;
    }
    User *us;
    int n;
    Units units;
    if (!units_or_reply(r, &units))
        return;
    if (user_store_page(r->db, &r->arena, find, after, ADMIN_PAGE + 1, &us, &n, &r->err) < 0 ||
        user_store_count(r->db, find, &total, &r->err) < 0) {
        route_fail_err(r, &r->err);
        return;
    }
    bool more = n > ADMIN_PAGE;
    if (more)
        n = ADMIN_PAGE;
    Buf *h = &r->out;
    page_begin(r, "用户管理", NAV_ADMIN);
    admin_tabs(h, false);
    HTML(h, "<h1>用户管理</h1>");
    if (is_sysadmin(r))
        HTML(h, "<p><a class=\"button primary\" href=\"/admin/users/new\">新建用户</a></p>");
    HTML(h, "<p class=\"hint\">系统管理员负责建立账号和维护单位，安全管理员负责授予角色、锁定与解锁账号、"
            "重置密码；审计管理员只能查看审计日志（三员分立）。</p>");
    HTML_TEXT(h,
              "<form class=\"filters\" method=\"get\"><label>查找 <input type=\"search\" "
              "name=\"q\" maxlength=\"64\" placeholder=\"账号或姓名\" value=\"",
              find, "\"></label><button type=\"submit\">查找</button></form>");
    static const char *const heads[] = {"账号", "姓名",     "单位",     "角色",
                                        "状态", "连续输错", "上次登录", NULL};
    view_table_begin(h, "responsive admin-users", heads, 0);
    for (int i = 0; i < n; i++) {
        const User *u = &us[i];
        HTML(h, "<tr>");
        view_cell_link(h, "账号", "/admin/users/", u->id, u->login);
        view_cell_text(h, "姓名", u->display_name);
        view_cell_text(h, "单位", u->unit_id ? unit_name(r, &units, u->unit_id) : "—");
        view_td(h, "角色");
        view_role_tags(h, u->roles);
        HTML(h, "</td>");
        view_td(h, "状态");
        html_text(h, state_label(u, r->now));
        locked_until(r, u);
        HTML(h, "</td>");
        view_cell_int(h, "连续输错", u->failed_logins);
        view_td(h, "上次登录");
        html_time(r, h, u->last_login_at);
        HTML(h, "</td></tr>");
    }
    HTML_INT(h, "</tbody></table><p class=\"hint\">共 ", total, " 个账号");
    if (find && *find)
        HTML(h, "符合查找条件");
    HTML(h, "。</p>");
    Buf href = BUF_INIT;
    buf_puts(&href, "/admin/users");
    if (find && *find) {
        buf_puts(&href, "?q=");
        html_url(&href, find);
    }
    if (after) {
        HTML(h, "<nav class=\"pager\"><a href=\"");
        html_text(h, href.data);
        HTML(h, "\">第一页</a></nav>");
    }
    view_pager(h, more, href.data, "after", n ? us[n - 1].id : 0, "下一页");
    buf_free(&href);
    page_end(r);
}

static void new_user_form(Request *r, const Units *units, const char *error)
{
    Buf *h = &r->out;
    int64_t unit_id = 0;
    const char *unit = request_form(r, "unit");
    if (unit)
        unit_id = strtoll(unit, NULL, 10);
    r->cacheable = false;
    page_begin(r, "新建用户", NAV_ADMIN);
    admin_tabs(h, false);
    HTML(h, "<h1>新建用户</h1>");
    html_messages(h, error, NULL);
    HTML(h, "<form method=\"post\" action=\"/admin/users/new\" class=\"stack narrow\">");
    html_csrf(r);
    HTML(h, "<label>账号<input name=\"login\" required maxlength=\"64\" pattern=\"[A-Za-z0-9._\\-]+\" "
            "autocomplete=\"off\" value=\"");
    html_text(h, request_form(r, "login"));
    HTML(h, "\"></label><label>姓名<input name=\"display_name\" required value=\"");
    html_text(h, request_form(r, "display_name"));
    HTML(h, "\"></label><label>所在单位");
    unit_select(r, units, "unit", unit_id);
    HTML(h, "</label><p class=\"hint\">建立后系统生成一次性初始密码，只显示一次，请告知本人；"
            "用户首次登录时须修改密码。新账号没有任何角色，由安全管理员授予。</p>"
            "<button type=\"submit\" class=\"primary\">建立账号</button></form>");
    page_end(r);
}

void page_admin_user_new(Request *r)
{
    Units units;
    if (units_or_reply(r, &units))
        new_user_form(r, &units, NULL);
}

/* The account's unit, roles, state, failed logins, last login and password state. */
static void user_facts(Request *r, const User *u, const Units *units)
{
    Buf *h = &r->out;
    HTML(h, "<dl class=\"facts\">");
    view_fact_text(h, "单位", u->unit_id ? unit_name(r, units, u->unit_id) : "—");
    view_fact(h, "角色");
    view_role_tags(h, u->roles);
    view_fact_end(h);
    view_fact(h, "状态");
    html_text(h, state_label(u, r->now));
    locked_until(r, u);
    view_fact_end(h);
    view_fact(h, "连续输错密码");
    html_int(h, u->failed_logins);
    HTML(h, " 次");
    view_fact_end(h);
    view_fact(h, "上次登录");
    html_time(r, h, u->last_login_at);
    view_fact_end(h);
    view_fact_text(h, "首次登录改密", u->must_change_password ? "待修改" : "已修改");
    HTML(h, "</dl>");
}

static void user_page(Request *r, const User *u, const Units *units, const char *error,
                      const char *notice);

void page_admin_user_create(Request *r)
{
    Units units;
    User u = {0};
    Err err = ERR_INIT;
    if (!units_or_reply(r, &units) || !form_unit(r, "unit", &u.unit_id, &err))
        return;
    u.login = request_form(r, "login");
    u.display_name = request_form(r, "display_name");
    Actor actor = workflow_actor(&r->user);
    char otp[PASSWORD_OTP_SIZE];
    if (err.code || admin_user_create(r->db, &actor, &u, NULL, otp, &err) < 0) {
        if (err.code != ERR_INPUT && err.code != ERR_CONFLICT && err.code != ERR_FORBIDDEN) {
            route_fail_err(r, &err);
            return;
        }
        r->status = route_status_of(err.code);
        new_user_form(r, &units, admin_text(&err));
        return;
    }
    /* The one-time password is shown on this reply only: no redirect could carry it safely. */
    User made;
    if (user_store_get(r->db, &r->arena, u.id, &made, &err) < 0) {
        route_fail_err(r, &err);
        return;
    }
    user_page(r, &made, &units, NULL,
              arena_printf(&r->arena, "账号已建立。一次性初始密码：%s（只显示这一次，请告知本人；"
                                      "本人首次登录时须修改）。请通知安全管理员授予角色。", otp));
}

/* Notices of the redirects after a change (?done=…). */
static const char *done_text(const char *done)
{
    static const ViewWord texts[] = {
        {"created", "账号已建立。请通知安全管理员授予角色，并将初始密码告知本人。"},
        {"updated", "姓名和单位已保存。"},
        {"roles", "角色已修改，该用户需重新登录。"},
        {"lock", "账号已锁定，该用户的登录已全部失效。"},
        {"unlock", "账号已解锁。"},
        {"password", "密码已重置，该用户下次登录时须修改密码。"},
    };
    return view_word(texts, ARRAY_SIZE(texts), done);
}

static void user_page(Request *r, const User *u, const Units *units, const char *error,
                      const char *notice)
{
    Buf *h = &r->out;
    r->cacheable = false;
    page_begin(r, "用户详情", NAV_ADMIN);
    admin_tabs(h, false);
    HTML(h, "<h1>");
    html_text(h, u->display_name);
    HTML(h, "（");
    html_text(h, u->login);
    HTML(h, "）</h1>");
    html_messages(h, error,
                  error ? NULL : notice ? notice : done_text(request_query(r, "done")));
    user_facts(r, u, units);
    const char *base = arena_printf(&r->arena, "/admin/users/%lld", (long long)u->id);
    if (is_sysadmin(r)) {
        HTML(h, "<h2>姓名和单位</h2><form method=\"post\" class=\"stack narrow\" action=\"");
        html_text(h, base);
        HTML(h, "\">");
        html_csrf(r);
        HTML(h, "<label>姓名<input name=\"display_name\" required value=\"");
        html_text(h, u->display_name);
        HTML(h, "\"></label><label>所在单位");
        unit_select(r, units, "unit", u->unit_id);
        HTML(h, "</label><button type=\"submit\" class=\"primary\">保存</button></form>");
    }
    if (!is_secadmin(r)) {
        page_end(r);
        return;
    }
    HTML(h, "<h2>角色</h2><form method=\"post\" class=\"stack narrow roles\" action=\"");
    html_text(h, base);
    HTML(h, "/roles\">");
    html_csrf(r);
    for (int i = 0; i < ROLE__COUNT; i++) {
        HTML(h, "<label class=\"check\"><input type=\"checkbox\" name=\"role\" value=\"");
        html_text(h, model_role_name((Role)i));
        if (u->roles & ROLE_BIT(i))
            HTML(h, "\" checked>");
        else
            HTML(h, "\">");
        html_text(h, model_role_label((Role)i));
        HTML(h, "</label>");
    }
    HTML(h, "<p class=\"hint\">系统管理员、安全管理员、审计管理员须由三个不同账号担任，且不能兼任业务角色。</p>"
            "<button type=\"submit\" class=\"primary\">保存角色</button></form>"
            "<h2>账号安全</h2><div class=\"actions\"><form method=\"post\" class=\"inline\" action=\"");
    html_text(h, base);
    bool locked = u->state == USER_LOCKED || u->locked_until > r->now;
    if (locked)
        HTML(h, "/unlock\">");
    else
        HTML(h, "/lock\">");
    html_csrf(r);
    if (locked)
        HTML(h, "<button type=\"submit\">解锁账号</button></form>");
    else
        HTML(h, "<button type=\"submit\" class=\"danger\">锁定账号</button></form>");
    HTML(h, "</div><form method=\"post\" class=\"stack narrow\" action=\"");
    html_text(h, base);
    HTML(h, "/reset-password\">");
    html_csrf(r);
    HTML(h, "<p class=\"hint\">重置后系统生成一次性密码（只显示一次，由您告知本人），该用户的登录和"
            "接口令牌全部失效，下次登录时须修改密码。管理员账号的密码和角色只能在服务器命令行修改。</p>"
            "<button type=\"submit\">重置密码</button></form>");
    page_end(r);
}

/* The user of the path and the units; false after replying (404 for an unknown user). */
static bool user_or_reply(Request *r, User *u, Units *units)
{
    if (!units_or_reply(r, units))
        return false;
    Err err = ERR_INIT;
    if (user_store_get(r->db, &r->arena, r->path_id, u, &err) < 0) {
        route_fail_err(r, &err);
        return false;
    }
    return true;
}

void page_admin_user(Request *r)
{
    User u;
    Units units;
    if (user_or_reply(r, &u, &units))
        user_page(r, &u, &units, NULL, NULL);
}

/*
** After a change to the user of the path: redirect with a notice, or show the page again with
** the refusal (422/409), or reply with the error.
*/
static void after_change(Request *r, int rc, const Err *err, const char *done)
{
    User u;
    Units units;
    if (rc == 0) {
        request_redirect(r, arena_printf(&r->arena, "/admin/users/%lld?done=%s",
                                         (long long)r->path_id, done));
        return;
    }
    if (err->code != ERR_INPUT && err->code != ERR_CONFLICT && err->code != ERR_FORBIDDEN) {
        route_fail_err(r, err);
        return;
    }
    if (!user_or_reply(r, &u, &units))
        return;
    r->status = route_status_of(err->code);
    user_page(r, &u, &units, admin_text(err), NULL);
}

void page_admin_user_update(Request *r)
{
    int64_t unit_id;
    Err err = ERR_INIT;
    if (!form_unit(r, "unit", &unit_id, &err))
        return;
    Actor actor = workflow_actor(&r->user);
    int rc = err.code ? -1
                      : admin_user_update(r->db, &actor, r->path_id,
                                          request_form(r, "display_name"), unit_id, &err);
    after_change(r, rc, &err, "updated");
}

void page_admin_user_roles(Request *r)
{
    unsigned roles = 0;
    for (int i = 0; i < r->n_form; i++) {
        if (strcmp(r->form[i].name, "role") != 0)
            continue;
        int role = model_role_parse(r->form[i].value);
        if (role < 0) {
            route_fail(r, 400, "bad_request", "unknown role in the form");
            return;
        }
        roles |= ROLE_BIT(role);
    }
    Actor actor = workflow_actor(&r->user);
    Err err = ERR_INIT;
    int rc = admin_user_set_roles(r->db, &actor, r->path_id, roles, &err);
    after_change(r, rc, &err, "roles");
}

static void lock_or_unlock(Request *r, bool lock)
{
    Actor actor = workflow_actor(&r->user);
    Err err = ERR_INIT;
    int rc = admin_user_lock(r->db, &actor, r->path_id, lock, &err);
    after_change(r, rc, &err, lock ? "lock" : "unlock");
}

void page_admin_user_lock(Request *r)
{
    lock_or_unlock(r, true);
}

void page_admin_user_unlock(Request *r)
{
    lock_or_unlock(r, false);
}

void page_admin_user_password(Request *r)
{
    Actor actor = workflow_actor(&r->user);
    Err err = ERR_INIT;
    char otp[PASSWORD_OTP_SIZE];
    int rc = admin_user_reset_password(r->db, &actor, r->path_id, NULL, otp, &err);
    if (rc < 0) {
        after_change(r, rc, &err, "password");
        return;
    }
    User u;
    Units units;
    if (user_or_reply(r, &u, &units))
        user_page(r, &u, &units, NULL,
                  arena_printf(&r->arena, "密码已重置。一次性密码：%s（只显示这一次，请告知本人；"
                                          "本人登录时须立即修改）。", otp));
}

/* Append the subtree of parent (0: the roots), depth first, siblings by id. */
static void unit_rows(Buf *h, const Units *us, int64_t parent, int depth)
{
    for (int i = 0; i < us->n && depth < 16; i++) {
        const Unit *u = &us->items[i];
        if (u->parent_id != parent)
            continue;
        HTML(h, "<tr><td data-label=\"单位\" class=\"depth-");
        html_int(h, depth > 3 ? 3 : depth);
        HTML(h, "\">");
        html_text(h, u->name);
        HTML(h, "</td><td data-label=\"简称\">");
        html_text(h, u->short_name ? u->short_name : "—");
        HTML(h, "</td><td data-label=\"类别\">");
        html_text(h, vocab_label(VOCAB_UNIT_KIND, (int)u->kind));
        HTML(h, "</td><td data-label=\"编号\">");
        html_int(h, u->id);
        HTML(h, "</td></tr>");
        unit_rows(h, us, u->id, depth + 1);
    }
}

/* The table of the units under parent (0: the roots), as a tree. */
static void unit_table(Buf *h, const Units *us, int64_t parent)
{
    HTML(h, "<table class=\"responsive admin-units\"><thead><tr><th>单位</th><th>简称</th>"
            "<th>类别</th><th>编号</th></tr></thead><tbody>");
    unit_rows(h, us, parent, 0);
    HTML(h, "</tbody></table>");
}

/*
** Past ADMIN_UNIT_SELECT units: the organisations a page at a time, and with ?org=ID that
** organisation's tree (at most ADMIN_TREE_MAX units of it).
*/
static void units_by_organisation(Request *r)
{
    Buf *h = &r->out;
    int64_t org, after;
    if (request_query_id(r, "org", &org) < 0 || request_query_id(r, "after", &after) < 0)
        org = after = 0;
    Units tree = {.all = true};
    const Unit *top = NULL;
    if (org && unit_store_page(r->db, &r->arena, org, 0, ADMIN_TREE_MAX, &tree.items, &tree.n,
                               &r->err) == 0)
        top = view_by_id(tree.items, tree.n, sizeof *tree.items, org);
    if (top) {
        HTML(h, "<p><a href=\"/admin/units\">返回组织列表</a></p>");
        unit_table(h, &tree, top->parent_id);
        if (tree.n == ADMIN_TREE_MAX)
            HTML_INT(h, "<p class=\"hint\">只列出前 ", ADMIN_TREE_MAX, " 个单位。</p>");
        return;
    }
    Unit *roots;
    int n;
    if (unit_store_roots(r->db, &r->arena, after, ADMIN_PAGE + 1, &roots, &n, &r->err) < 0) {
        HTML(h, "<p class=\"empty\">组织列表暂时无法读取。</p>");
        return;
    }
    bool more = n > ADMIN_PAGE;
    if (more)
        n = ADMIN_PAGE;
    HTML(h, "<p class=\"hint\">单位较多，按组织（没有上级单位的单位）分页列出；"
            "点击组织查看其下属单位。</p>");
    static const char *const heads[] = {"组织", "简称", "类别", "编号", NULL};
    view_table_begin(h, "responsive admin-units", heads, 0);
    for (int i = 0; i < n; i++) {
        HTML(h, "<tr>");
        view_cell_link(h, "组织", "/admin/units?org=", roots[i].id, roots[i].name);
        view_cell_text(h, "简称", roots[i].short_name ? roots[i].short_name : "—");
        view_cell_text(h, "类别", vocab_label(VOCAB_UNIT_KIND, (int)roots[i].kind));
        view_cell_int(h, "编号", roots[i].id);
        HTML(h, "</tr>");
    }
    HTML(h, "</tbody></table>");
    if (after)
        HTML(h, "<nav class=\"pager\"><a href=\"/admin/units\">第一页</a></nav>");
    view_pager(h, more, "/admin/units", "after", n ? roots[n - 1].id : 0, "下一页");
}

static void units_page(Request *r, const Units *us, const char *error, const char *notice)
{
    Buf *h = &r->out;
    page_begin(r, "单位管理", NAV_ADMIN);
    admin_tabs(h, true);
    HTML(h, "<h1>单位管理</h1>");
    html_messages(h, error, notice);
    if (is_sysadmin(r)) {
        HTML(h, "<h2>新建单位</h2><form method=\"post\" action=\"/admin/units\" class=\"stack narrow\">");
        html_csrf(r);
        HTML(h, "<label>单位全称<input name=\"name\" required value=\"");
        html_text(h, error ? request_form(r, "name") : NULL);
        HTML(h, "\"></label><label>简称<input name=\"short_name\" value=\"");
        html_text(h, error ? request_form(r, "short_name") : NULL);
        HTML(h, "\"></label><label>类别<select name=\"kind\">");
        for (int k = 0; k < UNIT__COUNT; k++) {
            HTML(h, "<option value=\"");
            html_text(h, model_unit_kind_name((UnitKind)k));
            HTML(h, "\">");
            html_text(h, vocab_label(VOCAB_UNIT_KIND, k));
            HTML(h, "</option>");
        }
        HTML(h, "</select></label><label>上级单位");
        unit_select(r, us, "parent", 0);
        HTML(h, "</label><p class=\"hint\">没有上级单位的即为一个组织（如区委），其巡改办、领导和纪检账号"
                "只能看到本组织的整改台账。</p><button type=\"submit\" class=\"primary\">建立单位</button>"
                "</form>");
    }
    HTML(h, "<h2>单位列表</h2>");
    if (us->all)
        unit_table(h, us, 0);
    else
        units_by_organisation(r);
    page_end(r);
}

void page_admin_units(Request *r)
{
    Units us;
    if (units_or_reply(r, &us))
        units_page(r, &us, NULL, request_query(r, "created") ? "单位已建立。" : NULL);
}

void page_admin_unit_create(Request *r)
{
    Units us;
    Unit u = {0};
    const char *kind = request_form(r, "kind");
    int k = kind ? model_unit_kind_parse(kind) : (int)UNIT_OTHER;
    if (k < 0) {
        route_fail(r, 400, "bad_request", "unknown unit kind");
        return;
    }
    Err err = ERR_INIT;
    if (!form_unit(r, "parent", &u.parent_id, &err))
        return;
    u.name = request_form(r, "name");
    u.short_name = request_form(r, "short_name");
    u.kind = (UnitKind)k;
    Actor actor = workflow_actor(&r->user);
    if (!err.code && admin_unit_create(r->db, &actor, &u, &err) == 0) {
        request_redirect(r, "/admin/units?created=1");
        return;
    }
    if (err.code != ERR_INPUT && err.code != ERR_CONFLICT) {
        route_fail_err(r, &err);
        return;
    }
    if (!units_or_reply(r, &us))
        return;
    r->status = route_status_of(err.code);
    r->cacheable = false;
    units_page(r, &us, admin_text(&err), NULL);
}
