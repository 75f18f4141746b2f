/*
** html.c: escaping and the page layout (html.h).
*/
#include "web/html.h"

#include "base/tz.h"
#include "web/handlers.h"

#include "web/access.h"
#include "web/routes.h"
#include "web/server.h"

/* The entity of each byte html_text escapes (& < > " '), NULL for the others. */
static const char *const html_entities[256] = {
    ['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;", ['\''] = "&#39;",
};

void html_text(Buf *h, const char *s)
{
    if (!s)
        return;
    /* One scan; text without any of the five (nearly all of it) goes out in one append. */
    const unsigned char *run = (const unsigned char *)s, *p = run;
    for (;; p++) {
        const char *rep = html_entities[*p];
        if (!rep) {
            if (!*p)
                break;
            continue;
        }
        buf_append(h, run, (size_t)(p - run));
        buf_puts(h, rep);
        run = p + 1;
    }
    buf_append(h, run, (size_t)(p - run));
}

void html_int(Buf *h, int64_t v)
{
    buf_int(h, v);
}

void html_url(Buf *h, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.' || *p == '~') {
            buf_putc(h, (char)*p);
        } else {
            buf_putc(h, '%');
            buf_putc(h, hex[*p >> 4]);
            buf_putc(h, hex[*p & 15]);
        }
    }
}

void html_day(const Request *r, Buf *h, Day d)
{
    char s[TZ_TEXT_SIZE];
    if (d == DAY_NONE)
        buf_puts(h, "—");
    else
        buf_puts(h, tz_format_day(d, r->today, s));
}

void html_option(Buf *h, const char *value, const char *label, bool selected)
{
    HTML(h, "<option value=\"");
    html_text(h, value);
    if (selected)
        HTML(h, "\" selected>");
    else
        HTML(h, "\">");
    html_text(h, label);
    HTML(h, "</option>");
}

void html_time(Request *r, Buf *h, const char *iso)
{
    char out[TZ_TEXT_SIZE];
    const char *text = iso ? tz_format_iso(r->config->tz, iso, r->now, out) : "—";
    html_text(h, text ? text : iso);
}

void html_time_t(Request *r, Buf *h, int64_t t)
{
    char out[TZ_TEXT_SIZE];
    html_text(h, tz_format(r->config->tz, t, r->now, out));
}

void html_percent(Buf *h, double v)
{
    buf_printf(h, "%.1f%%", v);
}

void html_size(Buf *h, int64_t bytes)
{
    buf_printf(h, "%.1f KB", (double)bytes / 1024.0);
}

void html_messages(Buf *h, const char *error, const char *notice)
{
    if (error)
        HTML_TEXT(h, "<p class=\"alert\" role=\"alert\" tabindex=\"-1\">", error, "</p>");
    if (notice)
        HTML_TEXT(h, "<p class=\"notice\" role=\"status\" tabindex=\"-1\">", notice, "</p>");
}

void html_csrf(Request *r)
{
    html_hidden(&r->out, "csrf", r->session.csrf);
}

/* path ID rest, for an href or action attribute (id 0 and rest NULL left out). */
static void href(Buf *h, const char *path, int64_t id, const char *rest)
{
    html_text(h, path);
    if (id)
        html_int(h, id);
    html_text(h, rest);
}

void html_link(Buf *h, const char *path, int64_t id, const char *rest, const char *text)
{
    HTML(h, "<a href=\"");
    href(h, path, id, rest);
    HTML(h, "\">");
    html_text(h, text);
    HTML(h, "</a>");
}

void html_hidden(Buf *h, const char *name, const char *value)
{
    HTML(h, "<input type=\"hidden\" name=\"");
    html_text(h, name);
    HTML(h, "\" value=\"");
    html_text(h, value);
    HTML(h, "\">");
}

void html_hidden_int(Buf *h, const char *name, int64_t v)
{
    char num[24];
    snprintf(num, sizeof num, "%lld", (long long)v);
    html_hidden(h, name, num);
}

void html_form_post(Request *r, const char *cls, const char *path, int64_t id, const char *rest)
{
    Buf *h = &r->out;
    HTML(h, "<form method=\"post\" class=\"");
    html_text(h, cls);
    HTML(h, "\" action=\"");
    href(h, path, id, rest);
    HTML(h, "\">");
    html_csrf(r);
}

static void nav_item(Buf *h, Nav n, Nav active, const char *href, const char *label)
{
    HTML(h, "<a href=\"");
    html_text(h, href);
    if (n == active)
        HTML(h, "\" class=\"active\" aria-current=\"page\">");
    else
        HTML(h, "\">");
    html_text(h, label);
    HTML(h, "</a>");
}

void page_begin(Request *r, const char *title, Nav active)
{
    Buf *h = &r->out;
    r->reply_type = "text/html; charset=utf-8";
    HTML(h, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<title>");
    html_text(h, title);
    HTML(h, " · 整改工作平台</title>"
            "<link rel=\"stylesheet\" href=\"/assets/app.css\">"
            "<link rel=\"stylesheet\" href=\"/assets/print.css\" media=\"print\">"
            "<link rel=\"icon\" href=\"/assets/icon.svg\" type=\"image/svg+xml\">"
            "<script src=\"/assets/app.js\" defer></script></head><body>"
            "<a class=\"skip\" href=\"#main\">跳到正文</a>"
            "<header class=\"top\"><a class=\"brand\" href=\"/\">整改工作平台</a>");
    if (r->authed) {
        const User *u = &r->user;
        HTML(h, "<nav class=\"main\">");
        if (access_has(u, ROLES_LEDGER)) {
            nav_item(h, NAV_DASHBOARD, active, "/dashboard", "工作台");
            nav_item(h, NAV_INSPECTIONS, active, "/inspections", "整改台账");
            nav_item(h, NAV_MEASURES, active, "/measures", "措施清单");
            nav_item(h, NAV_UNITS, active, "/units", "责任单位");
            nav_item(h, NAV_REGISTERS, active, "/registers", "建章立制");
            nav_item(h, NAV_CLUES, active, "/clues", "线索台账");
            int owed = page_inbox_count(r);
            nav_item(h, NAV_INBOX, active, "/inbox",
                     owed ? arena_printf(&r->arena, "待办 %d", owed) : "待办");
        }
        if (access_has(u, ROLE_BIT(ROLE_OFFICE))) {
            nav_item(h, NAV_REPORTS, active, "/reports", "报告");
            nav_item(h, NAV_FEEDBACK, active, "/feedback", "意见建议");
        }
        if (access_has(u, ROLES_ADMIN))
            nav_item(h, NAV_ADMIN, active, "/admin/users", "系统管理");
        if (access_has(u, ROLE_BIT(ROLE_AUDITOR)))
            nav_item(h, NAV_AUDIT, active, "/audit", "审计日志");
        nav_item(h, NAV_HELP, active, "/help", "帮助");
        HTML(h, "</nav><div class=\"who\">");
        nav_item(h, NAV_ACCOUNT, active, "/account", u->display_name);
        HTML(h, "<form method=\"post\" action=\"/logout\" class=\"inline\">");
        html_csrf(r);
        HTML(h, "<button type=\"submit\" class=\"link\">退出</button></form></div>");
    }
    HTML(h, "</header><main id=\"main\" tabindex=\"-1\">");
}

void page_end(Request *r)
{
    HTML(&r->out, "</main><footer class=\"foot\">整改工作平台 · 内网专用</footer></body></html>\n");
}

void page_begin_h1(Request *r, const char *title, Nav active)
{
    page_begin(r, title, active);
    HTML_TEXT(&r->out, "<h1>", title, "</h1>");
}

void page_refused(Request *r, Nav active, const char *what, const char *reason,
                  const char *back_href, const char *back_text)
{
    Buf *h = &r->out;
    page_begin(r, "操作未完成", active);
    HTML(h, "<section class=\"error\" role=\"alert\" tabindex=\"-1\"><h1>操作未完成");
    if (what)
        HTML_TEXT(h, "：", what, "");
    HTML_TEXT(h, "</h1><p>", reason, "</p><p><a href=\"");
    HTML_TEXT(h, "", back_href, "\">");
    HTML_TEXT(h, "", back_text, "</a></p></section>");
    page_end(r);
}
