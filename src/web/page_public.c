/*
** page_public.c: the public side (SPEC §5 role public, no login): the published 整改进展情况
** 通报 of every inspection, each readable in the page and downloadable as docx, with the
** contact lines; and the feedback form (意见建议). These pages read only publications and
** write only feedback; they never use the session (no cookie is read for them nor set), link to
** nothing behind the login, and limit the form per client address. The form's CSRF defence is
** the dispatcher's same-Origin check and a signed, time-limited form token bound to the client
** address, not to a session.
*/
#include "base/hash.h"
#include "db/inspection_store.h"
#include "db/publication_store.h"
#include "ledger/registers.h"
#include "web/fields.h"
#include "web/handlers.h"
#include "web/regpage.h"
#include "web/report_view.h"
#include "web/routes.h"
#include "web/view.h"

#include <pthread.h>

/* The form token's key: random per process, set once, then read-only. */
static char token_key[65];
static pthread_once_t token_once = PTHREAD_ONCE_INIT;

static void token_init(void)
{
    hash_random_hex(token_key, 32);
}

/* The token for time t and client: "t.SHA-256(key|t|client)" into out (arena). */
static const char *form_token(Request *r, int64_t t)
{
    pthread_once(&token_once, token_init);
    const char *text =
        arena_printf(&r->arena, "%s|%lld|%s", token_key, (long long)t, r->client ? r->client : "-");
    char mac[65];
    hash_sha256_hex(text, strlen(text), mac);
    return arena_printf(&r->arena, "%lld.%s", (long long)t, mac);
}

/* A token made for this client within the last two hours. */
static bool token_ok(Request *r, const char *token)
{
    if (!token)
        return false;
    char *end;
    long long t = strtoll(token, &end, 10);
    if (end == token || *end != '.' || t > r->now || r->now - t > 2 * 3600)
        return false;
    const char *want = form_token(r, t);
    return strlen(want) == strlen(token) && hash_equal(want, token);
}

static void public_begin(Request *r, const char *title)
{
    Buf *h = &r->out;
    r->reply_type = "text/html; charset=utf-8";
    HTML(h, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>");
    html_text(h, title);
    HTML(h, " · 整改信息公开</title><link rel=\"stylesheet\" href=\"/assets/app.css\">"
            "<link rel=\"stylesheet\" href=\"/assets/print.css\" media=\"print\">"
            "<link rel=\"icon\" href=\"/assets/icon.svg\" type=\"image/svg+xml\"></head><body>"
            "<header class=\"top\"><a class=\"brand\" href=\"/public\">整改信息公开</a>"
            "<nav class=\"main\"><a href=\"/public\">整改通报</a>"
            "<a href=\"/public/feedback\">意见建议</a></nav></header><main>");
}

static void public_end(Request *r)
{
    HTML(&r->out, "</main><footer class=\"foot\">欢迎广大干部群众对整改落实情况进行监督</footer>"
                  "</body></html>\n");
}

/* The contact lines of an inspection. */
static void contacts(Buf *h, const Inspection *in)
{
    const struct {
        const char *label, *value;
    } lines[] = {{"联系电话", in->contact_phone},
                 {"通信地址", in->contact_address},
                 {"电子邮箱", in->contact_email}};
    HTML(h, "<ul class=\"contact\">");
    for (size_t i = 0; i < ARRAY_SIZE(lines); i++) {
        if (!lines[i].value || !*lines[i].value)
            continue;
        HTML_TEXT(h, "<li>", lines[i].label, "：");
        HTML_TEXT(h, "", lines[i].value, "</li>");
    }
    HTML(h, "</ul>");
}

void page_public(Request *r)
{
    enum { PAGE = 50 };
    int64_t before;
    Publication *ps;
    int n;
    if (request_query_id(r, "before", &before) < 0) {
        route_fail(r, 400, "bad_request", "before is not an id");
        return;
    }
    if (publication_store_list(r->db, &r->arena, 0, before, PAGE, &ps, &n, &r->err) < 0) {
        route_fail_err(r, &r->err);
        return;
    }
    Buf *h = &r->out;
    public_begin(r, "整改进展情况通报");
    HTML(h, "<h1>整改进展情况通报</h1>");
    if (!n)
        HTML(h, "<p class=\"empty\">暂无公开的通报。</p>");
    Inspection in = {0};
    for (int i = 0; i < n; i++) {
        if (ps[i].inspection_id != in.id) {
            if (in.id)
                HTML(h, "</ul></section>");
            if (inspection_store_get(r->db, &r->arena, ps[i].inspection_id, &in, &r->err) < 0) {
                route_fail_err(r, &r->err);
                return;
            }
            HTML_TEXT(h, "<section class=\"card\"><h2>", in.title, "</h2>");
            contacts(h, &in);
            HTML(h, "<ul class=\"publications\">");
        }
        HTML(h, "<li>");
        html_link(h, "/public/reports/", ps[i].id, NULL, ps[i].title);
        HTML(h, "（截至");
        html_day(r, h, ps[i].as_of);
        HTML(h, "） · ");
        html_link(h, "/public/reports/", ps[i].id, "/docx", "下载 Word 文档");
        HTML(h, "</li>");
    }
    if (in.id)
        HTML(h, "</ul></section>");
    view_pager(h, n == PAGE, "/public", "before", n ? ps[n - 1].id : 0, "更早的通报");
    HTML(h, "<p><a href=\"/public/feedback\">提出意见建议</a></p>");
    public_end(r);
}

/*
** The publication of the path, its inspection (unless in is NULL) and its file of this format;
** false after replying.
*/
static bool publication(Request *r, const char *format, Publication *p, Inspection *in,
                        PublicationFile *f)
{
    if (publication_store_get(r->db, &r->arena, r->path_id, p, &r->err) < 0 ||
        (in && inspection_store_get(r->db, &r->arena, p->inspection_id, in, &r->err) < 0) ||
        publication_store_file(r->db, &r->arena, p->id, format, f, &r->err) < 0) {
        route_fail_err(r, &r->err);
        return false;
    }
    return true;
}

void page_public_report(Request *r)
{
    Publication p;
    Inspection in;
    PublicationFile f;
    if (!publication(r, "html", &p, &in, &f))
        return;
    r->cacheable = true;
    Buf *h = &r->out;
    public_begin(r, p.title);
    HTML(h, "<p class=\"subtitle\"><a href=\"/public\">全部通报</a> · ");
    html_link(h, "/public/reports/", p.id, "/docx", "下载 Word 文档");
    HTML_TEXT(h, " · SHA-256 <code>", f.sha256, "</code></p>");
    Buf html = {(char *)f.bytes, f.len, 0};
    regpage_report_body(h, &html);
    HTML(h, "<section class=\"card\"><h2>联系我们</h2>");
    contacts(h, &in);
    HTML(h, "<p>");
    html_link(h, "/public/feedback?inspection=", in.id, NULL, "提出意见建议");
    HTML(h, "</p></section>");
    public_end(r);
}

void page_public_docx(Request *r)
{
    Publication p;
    PublicationFile f;
    if (!publication(r, "docx", &p, NULL, &f))
        return;
    report_view_attachment(r, f.bytes, f.len, FORMAT_DOCX,
                           arena_printf(&r->arena, "%s.docx", p.title));
}

static void feedback_form(Request *r, int64_t inspection_id, const char *error, const Fields *f)
{
    Buf *h = &r->out;
    public_begin(r, "意见建议");
    HTML(h, "<h1>意见建议</h1><p class=\"subtitle\">对整改落实情况的意见建议，请如实填写。"
            "姓名和联系方式可不填。</p>");
    html_messages(h, error, NULL);
    HTML(h, "<form method=\"post\" action=\"/public/feedback\" class=\"card stack\">"
            "<input type=\"hidden\" name=\"token\" value=\"");
    html_text(h, form_token(r, r->now));
    HTML(h, "\">");
    if (inspection_id) {
        HTML(h, "<input type=\"hidden\" name=\"inspection\" value=\"");
        html_int(h, inspection_id);
        HTML(h, "\">");
    }
    HTML(h, "<label>意见建议（不超过2000字） <textarea name=\"body\" rows=\"8\" maxlength=\"2000\""
            " required>");
    html_text(h, f ? fields_text(f, "body") : NULL);
    HTML(h, "</textarea></label><div class=\"grid\">");
    regpage_input(h, "姓名（可不填）", "name", "text", f ? fields_text(f, "name") : NULL, false);
    regpage_input(h, "联系方式（可不填）", "contact", "text", f ? fields_text(f, "contact") : NULL,
                  false);
    HTML(h, "</div><p><button type=\"submit\" class=\"primary\">提交</button></p></form>");
    public_end(r);
}

void page_public_feedback(Request *r)
{
    int64_t id;
    if (request_query_id(r, "inspection", &id) < 0) {
        route_fail(r, 400, "bad_request", "inspection is not an id");
        return;
    }
    r->cacheable = false;
    feedback_form(r, id, NULL, NULL);
}

void page_public_feedback_post(Request *r)
{
    Fields f = {r, NULL};
    /* Five posts per address, then one more every two minutes. */
    if (!route_rate_ok_or_reply(r, "feedback-ip", 5, 5 / 600.0, r->client ? r->client : "-"))
        return;
    Feedback fb = {0};
    if (!fields_id(&f, "inspection", &fb.inspection_id)) {
        route_fail(r, 400, "bad_request", "inspection is not an id");
        return;
    }
    if (!token_ok(r, request_form(r, "token"))) {
        r->status = 400;
        feedback_form(r, fb.inspection_id, "页面已过期，请重新提交。", &f);
        return;
    }
    fb.body = fields_text(&f, "body");
    fb.name = fields_text(&f, "name");
    fb.contact = fields_text(&f, "contact");
    const char *field = NULL;
    Err err = ERR_INIT;
    if (registers_feedback_submit(r->db, &fb, r->client ? r->client : "-", &field, &err) < 0) {
        if (err.code != ERR_INPUT) {
            route_fail_err(r, &err);
            return;
        }
        r->status = 422;
        feedback_form(r, fb.inspection_id,
                      "请填写意见建议（不超过2000字），姓名不超过32字，联系方式不超过64字。", &f);
        return;
    }
    Buf *h = &r->out;
    public_begin(r, "意见建议");
    HTML(h, "<section class=\"card\"><h1>已收到您的意见建议</h1><p>感谢您对整改工作的监督。"
            "我们将认真研究处理。</p><p><a href=\"/public\">返回整改通报</a></p></section>");
    public_end(r);
}
