/*
** page_login.c: the login page, logout, the account page with the password change that a first
** login is sent to.
*/
#include "base/tz.h"
#include "web/access.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/routes.h"
#include "web/server.h"
#include "web/texts.h"
#include "web/view.h"

/* Where to go after login: a page of the route table (route_local_page), else "/". */
static const char *safe_next(const char *next)
{
    return next && route_local_page(next) ? next : "/";
}

static void login_form(Request *r, const char *next, const char *error)
{
    Buf *h = &r->out;
    page_begin(r, "登录", NAV_NONE);
    HTML(h, "<section class=\"login\"><h1>整改工作平台</h1>"
            "<p class=\"sub\">巡视巡察、审计、督察反馈问题整改全过程管理</p>");
    html_messages(h, error, NULL);
    HTML(h, "<form method=\"post\" action=\"/login\" class=\"stack\">"
            "<input type=\"hidden\" name=\"next\" value=\"");
    html_text(h, next);
    HTML(h, "\"><label>账号<input name=\"login\" autocomplete=\"username\" required autofocus>"
            "</label><label>密码<input name=\"password\" type=\"password\" "
            "autocomplete=\"current-password\" required></label>"
            "<button type=\"submit\" class=\"primary\">登录</button></form>"
            "<p class=\"hint\">连续5次输错密码，账号将锁定15分钟。忘记密码请联系安全管理员。</p>"
            "</section>");
    page_end(r);
}

void page_login(Request *r)
{
    login_form(r, safe_next(request_query(r, "next")), NULL);
}

void page_login_post(Request *r)
{
    const char *login = request_form(r, "login");
    const char *password = request_form(r, "password");
    const char *next = safe_next(request_form(r, "next"));
    Err err = ERR_INIT;
    if (!login || !password || auth_login(r, login, password, &err) < 0) {
        if (err.code != ERR_NONE && err.code != ERR_AUTH) {
            route_fail_err(r, &err);
            return;
        }
        r->status = 401;
        if (r->login_locked_until) {
            char until[TZ_TEXT_SIZE];
            tz_format(r->config->tz, r->login_locked_until + 59, r->now, until);
            login_form(r, next, arena_printf(&r->arena, "该账号因连续输错密码已被暂时锁定，请于%s后再试；"
                                                        "如需提前解锁，请联系安全管理员。", until));
        } else {
            login_form(r, next, "账号或密码错误；账号被管理员停用时也无法登录，请联系安全管理员。");
        }
        return;
    }
    request_redirect(r, r->user.must_change_password ? "/account?first=1" : next);
}

void page_logout(Request *r)
{
    Err err = ERR_INIT;
    if (auth_logout(r, &err) < 0) {
        route_fail_err(r, &err);
        return;
    }
    request_redirect(r, "/login");
}

static void account_page(Request *r, const char *error, const char *notice)
{
    Buf *h = &r->out;
    const User *u = &r->user;
    r->cacheable = false;
    page_begin(r, "我的账号", NAV_ACCOUNT);
    HTML(h, "<h1>我的账号</h1>");
    if (u->must_change_password)
        HTML(h, "<p class=\"alert\" role=\"alert\" tabindex=\"-1\">首次登录、密码已被重置或密码已到期，"
                "请先修改密码后再使用系统。</p>");
    html_messages(h, error, notice);
    HTML(h, "<dl class=\"facts\">");
    view_fact_text(h, "账号", u->login);
    view_fact_text(h, "姓名", u->display_name);
    view_fact(h, "角色");
    view_role_tags(h, u->roles);
    view_fact_end(h);
    view_fact(h, "上次登录");
    html_time(r, h, u->last_login_at);
    view_fact_end(h);
    HTML(h, "</dl><h2>修改密码</h2>"
            "<form method=\"post\" action=\"/account/password\" class=\"stack narrow\">");
    html_csrf(r);
    HTML(h, "<label>当前密码<input name=\"old\" type=\"password\" autocomplete=\"current-password\" "
            "required></label><label>新密码<input name=\"new\" type=\"password\" "
            "autocomplete=\"new-password\" required minlength=\"8\"></label>"
            "<label>再次输入新密码<input name=\"again\" type=\"password\" autocomplete=\"new-password\" "
            "required minlength=\"8\"></label>"
            "<p class=\"hint\">至少8个字符，包含大写字母、小写字母、数字、其他字符中的至少三类。</p>"
            "<button type=\"submit\" class=\"primary\">修改密码</button></form>");
    page_end(r);
}

void page_account(Request *r)
{
    account_page(r, NULL, request_query(r, "changed") ? "密码已修改。" : NULL);
}

void page_password_post(Request *r)
{
    const char *old = request_form(r, "old"), *new_pw = request_form(r, "new");
    const char *again = request_form(r, "again");
    if (!old || !new_pw || !again) {
        route_fail(r, 400, "bad_request", "old, new and again are required");
        return;
    }
    if (strcmp(new_pw, again) != 0) {
        r->status = 422;
        account_page(r, "两次输入的新密码不一致。", NULL);
        return;
    }
    Err err = ERR_INIT;
    if (auth_change_password(r, old, new_pw, &err) < 0) {
        if (err.code != ERR_INPUT) {
            route_fail_err(r, &err);
            return;
        }
        r->status = 422;
        account_page(r, texts_error(&err, "密码修改失败。"), NULL);
        return;
    }
    request_redirect(r, "/?changed=1");
}
