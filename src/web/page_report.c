/*
** page_report.c: 报告, the office's reports page: choose the inspection, the kind (通报, 台账,
** 调度表), the format and the day; preview the 通报 or the 调度表 in the page; download any
** kind as an attachment; edit the 通报's narrative blocks; publish the 通报 (frozen, after the
** redaction check: names found are listed and must each be confirmed).
*/
#include "db/publication_store.h"
#include "db/report_store.h"
#include "web/access.h"
#include "web/handlers.h"
#include "web/regpage.h"
#include "web/report_view.h"
#include "web/routes.h"
#include "web/view.h"

static const struct {
    ReportKind kind;
    const char *label;
} kinds[] = {
    {REPORT_TONGBAO, "整改进展情况通报"}, {REPORT_LEDGER, "整改台账"}, {REPORT_DISPATCH, "调度表"}};

static const ReportFormat formats[] = {FORMAT_HTML, FORMAT_DOCX, FORMAT_MD, FORMAT_XLSX, FORMAT_CSV};
static const char *const format_labels[] = {"网页（HTML）", "Word（docx）", "Markdown（md）",
                                            "Excel（xlsx）", "CSV"};

/* "整改台账提供以下格式：网页（HTML）、Excel（xlsx）、CSV。" for a format the kind lacks. */
static const char *formats_text(Request *r, ReportKind kind)
{
    Buf b = BUF_INIT;
    for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
        if (kinds[i].kind == kind)
            buf_puts(&b, kinds[i].label);
    buf_puts(&b, "不提供所选格式，可选择：");
    bool first = true;
    for (size_t i = 0; i < ARRAY_SIZE(formats); i++)
        if (report_supports(kind, formats[i])) {
            if (!first)
                buf_puts(&b, "、");
            buf_puts(&b, format_labels[i]);
            first = false;
        }
    buf_puts(&b, "。");
    const char *out = arena_strdup(&r->arena, b.data);
    buf_free(&b);
    return out;
}

static void generate_form(Request *r, const Inspection *in, const ReportParams *p)
{
    Buf *h = &r->out;
    char iso[DATE_ISO_SIZE];
    HTML(h,
         "<section class=\"card\"><h2>生成报告</h2><form method=\"get\" action=\"/reports/preview\""
         " class=\"stack\">");
    html_hidden_int(h, "inspection", in->id);
    HTML(h, "<div class=\"grid\"><label>报告类型 <select name=\"kind\">");
    for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
        html_option(h, report_kind_name(kinds[i].kind), kinds[i].label,
                    p && p->kind == kinds[i].kind);
    HTML(h,
         "</select></label><label>格式 <select name=\"format\"><option value=\"\">默认</option>");
    for (size_t i = 0; i < ARRAY_SIZE(formats); i++)
        html_option(h, report_format_name(formats[i]), format_labels[i],
                    p && p->format == formats[i] && request_query(r, "format"));
    HTML(h, "</select></label>");
    regpage_input(h, "截至日期", "as_of", "date", date_format(p ? p->as_of : r->today, iso), true);
    HTML(h, "<label class=\"check\"><input type=\"checkbox\" name=\"attach\" value=\"1\"");
    if (p && p->attach)
        HTML(h, " checked");
    HTML(h,
         "> 通报附整改台账</label></div><p class=\"actions\">"
         "<button type=\"submit\" class=\"primary\">预览</button> "
         "<button type=\"submit\" formaction=\"/reports/download\">下载</button></p>"
         "<p class=\"hint\">截至过去某日的报告按当日日终的台账状态生成，可随时重新生成且内容不变。"
         "</p></form></section>");
}

static bool texts_form(Request *r, const Inspection *in)
{
    Buf *h = &r->out;
    HTML(h, "<section class=\"card\"><h2>通报文字</h2>");
    html_form_post(r, "stack", "/reports/text", 0, NULL);
    html_hidden_int(h, "inspection", in->id);
    for (int t = 0; t < TEXT__COUNT; t++) {
        const char *body;
        if (report_store_text_get(r->db, &r->arena, in->id, report_text_name((ReportText)t), &body,
                                  &r->err) < 0) {
            route_fail_err(r, &r->err);
            return false;
        }
        HTML_TEXT(h, "<label>", report_text_label((ReportText)t), " <textarea rows=\"5\" name=\"");
        HTML_TEXT(h, "", report_text_name((ReportText)t), "\">");
        html_text(h, body);
        HTML(h, "</textarea></label>");
    }
    HTML(h, "<p class=\"hint\">留空的部分按台账数据自动生成。</p>"
            "<p><button type=\"submit\">保存文字</button></p></form></section>");
    return true;
}

/* The publish form; hits: names found by the check, to confirm one by one. */
static void publish_form(Request *r, const Inspection *in, Day as_of, const char *const *hits,
                         int n_hits)
{
    Buf *h = &r->out;
    char iso[DATE_ISO_SIZE];
    HTML(h, "<section class=\"card\" id=\"publish\"><h2>发布通报</h2>");
    html_form_post(r, "stack", "/reports/publish", 0, NULL);
    html_hidden_int(h, "inspection", in->id);
    HTML(h, "<div class=\"grid\">");
    regpage_input(h, "截至日期", "as_of", "date", date_format(as_of, iso), true);
    HTML(h, "<label class=\"check\"><input type=\"checkbox\" name=\"attach\" value=\"1\">"
            " 通报附整改台账</label></div>");
    if (n_hits) {
        HTML(h,
             "<div class=\"alert\" role=\"alert\"><p>通报中出现以下人员姓名，发布前请逐一核实确认"
             "（或修改通报文字后重新发布）：</p><ul class=\"hits\">");
        for (int i = 0; i < n_hits; i++) {
            HTML_TEXT(
                h, "<li><label class=\"check\"><input type=\"checkbox\" name=\"confirm\" value=\"",
                hits[i], "\"> ");
            HTML_TEXT(h, "", hits[i], "</label></li>");
        }
        HTML(h, "</ul></div>");
    }
    HTML(h, "<p class=\"hint\">发布后通报即固定保存（含 SHA-256 校验值），在公开页面上供公众查阅，"
            "此后台账的变化不影响已发布的通报。</p>"
            "<p><button type=\"submit\" class=\"primary\">发布</button></p></form></section>");
}

static bool published_list(Request *r, const Inspection *in)
{
    Publication *ps;
    int n;
    if (publication_store_list(r->db, &r->arena, in->id, 0, 20, &ps, &n, &r->err) < 0) {
        route_fail_err(r, &r->err);
        return false;
    }
    Buf *h = &r->out;
    HTML(h, "<section><h2>已发布的通报</h2>");
    if (!n) {
        HTML(h, "<p class=\"empty\">尚未发布通报。</p></section>");
        return true;
    }
    HTML(h, "<table class=\"responsive\"><thead><tr><th>标题</th><th>截至日期</th><th>发布时间</th>"
            "<th>文件</th></tr></thead><tbody>");
    for (int i = 0; i < n; i++) {
        HTML(h, "<tr>");
        view_cell_link(h, "标题", "/public/reports/", ps[i].id, ps[i].title);
        view_td(h, "截至日期");
        html_day(r, h, ps[i].as_of);
        HTML(h, "</td>");
        view_td(h, "发布时间");
        html_time(r, h, ps[i].published_at);
        HTML(h, "</td>");
        view_td(h, "文件");
        HTML(h, "<a href=\"/public/reports/");
        html_int(h, ps[i].id);
        HTML(h, "/docx\">docx</a></td></tr>");
    }
    HTML(h, "</tbody></table></section>");
    return true;
}

static void reports_page(Request *r, const char *error, const char *const *hits, int n_hits,
                         Day as_of)
{
    Inspection in;
    r->cacheable = false;
    if (!regpage_begin(r, "报告", NAV_REPORTS, &in))
        return;
    const char *notice = request_query(r, "published") ? "通报已发布。"
                         : request_query(r, "saved")   ? "已保存。"
                                                       : NULL;
    html_messages(&r->out, error, notice);
    generate_form(r, &in, NULL);
    publish_form(r, &in, as_of, hits, n_hits);
    if (texts_form(r, &in) && published_list(r, &in))
        page_end(r);
}

void page_reports(Request *r)
{
    reports_page(r, NULL, NULL, 0, r->today);
}

void page_report_preview(Request *r)
{
    ReportParams p;
    if (!report_view_params(r, &p))
        return;
    ReportData d;
    Buf out = BUF_INIT;
    /* Every kind a page offers (通报, 台账, 调度表) previews as HTML, whatever format is chosen. */
    ReportFormat chosen = p.format;
    p.format = FORMAT_HTML;
    if (!report_view_render(r, &p, &d, &out))
        goto done;
    p.format = chosen;
    r->cacheable = false;
    Buf *h = &r->out;
    page_begin_h1(r, "报告预览", NAV_REPORTS);
    if (p.format_refused)
        html_messages(h, formats_text(r, p.kind), NULL);
    HTML_TEXT(h, "<p class=\"subtitle\">", p.in.title, " · ");
    html_link(h, "/reports?inspection=", p.in.id, NULL, "返回报告");
    HTML(h, "</p>");
    generate_form(r, &p.in, &p);
    regpage_report_body(h, &out);
    page_end(r);
done:
    buf_free(&out);
}

static void again(Request *r, int64_t id, int status, const char *error, const char *const *hits,
                  int n_hits, Day as_of);

void page_report_download(Request *r)
{
    ReportParams p;
    ReportData d;
    Buf out = BUF_INIT;
    if (!report_view_params(r, &p))
        goto done;
    /* A download in a format the kind lacks is refused on the page, not given another format. */
    if (p.format_refused)
        again(r, p.in.id, 422, formats_text(r, p.kind), NULL, 0, p.as_of);
    else if (report_view_render(r, &p, &d, &out) && report_view_record(r, &p, &out))
        report_view_attachment(r, out.data, out.len, p.format, report_view_file_name(r, &p));
done:
    buf_free(&out);
}

/* The inspection of the form's "inspection" field; false after replying. */
static bool form_inspection(Request *r, Inspection *in)
{
    const char *s = request_form(r, "inspection");
    int64_t id;
    if (!s || !request_parse_id(s, strlen(s), &id)) {
        const char *fields[] = {"inspection"};
        route_fail_fields(r, 422, "invalid", "inspection is required", fields, 1);
        return false;
    }
    return access_inspection_or_reply(r, id, in);
}

/* The reports page again after a refused post, for inspection id. */
static void again(Request *r, int64_t id, int status, const char *error, const char *const *hits,
                  int n_hits, Day as_of)
{
    Param *q = ARENA_ARRAY(&r->arena, Param, 1);
    q[0].name = "inspection";
    q[0].value = arena_printf(&r->arena, "%lld", (long long)id);
    r->query = q;
    r->n_query = 1;
    r->status = status;
    reports_page(r, error, hits, n_hits, as_of);
}

void page_report_text(Request *r)
{
    Inspection in;
    if (!form_inspection(r, &in))
        return;
    for (int t = 0; t < TEXT__COUNT; t++) {
        const char *body = request_form(r, report_text_name((ReportText)t)), *clean;
        Err err = ERR_INIT;
        if (!body || !*body)
            continue;
        if (report_text_clean(&r->arena, body, strlen(body), &clean, &err) < 0) {
            again(r, in.id, 422, arena_printf(&r->arena, "输入有误：%s", err.msg), NULL, 0,
                  r->today);
            return;
        }
        if (report_view_text_set(r, in.id, report_text_name((ReportText)t), clean, &err) < 0) {
            route_fail_err(r, &err);
            return;
        }
    }
    request_redirect(r,
                     arena_printf(&r->arena, "/reports?inspection=%lld&saved=1", (long long)in.id));
}

void page_report_publish(Request *r)
{
    Inspection in;
    if (!form_inspection(r, &in))
        return;
    const char *as_of_text = request_form(r, "as_of");
    Day as_of = r->today;
    if (as_of_text && *as_of_text &&
        (date_parse(as_of_text, strlen(as_of_text), &as_of) < 0 || as_of > r->today)) {
        again(r, in.id, 422, "截至日期应为今天或之前的日期。", NULL, 0, r->today);
        return;
    }
    const char **confirmed = ARENA_ARRAY(&r->arena, const char *, (size_t)r->n_form + 1);
    int n = 0;
    for (int i = 0; i < r->n_form; i++)
        if (strcmp(r->form[i].name, "confirm") == 0)
            confirmed[n++] = r->form[i].value;
    const char *attach = request_form(r, "attach");
    ReportPublished out;
    if (report_view_publish(r, &in, as_of, attach && strcmp(attach, "1") == 0, confirmed, n,
                            &out)) {
        request_redirect(r, arena_printf(&r->arena, "/reports?inspection=%lld&published=%lld",
                                         (long long)in.id, (long long)out.id));
        return;
    }
    if (out.n_hits)
        again(r, in.id, 409, "通报中出现人员姓名，未发布。", out.hits, out.n_hits, as_of);
}
