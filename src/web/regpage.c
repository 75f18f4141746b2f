/*
** regpage.c: markup shared by the register pages (regpage.h).
*/
#include "web/regpage.h"

#include "db/report_store.h"
#include "report/report.h"
#include "web/routes.h"
#include "web/view.h"

void regpage_input(Buf *h, const char *label, const char *name, const char *type, const char *value,
                   bool required)
{
    HTML_TEXT(h, "<label>", label, " <input name=\"");
    HTML_TEXT(h, "", name, "\" type=\"");
    HTML_TEXT(h, "", type, "\"");
    if (value)
        HTML_TEXT(h, " value=\"", value, "\"");
    if (required)
        HTML(h, " required");
    HTML(h, "></label>");
}

void regpage_day(Buf *h, const char *label, const char *name, Day value, bool required)
{
    char iso[DATE_ISO_SIZE];
    regpage_input(h, label, name, "date", value == DAY_NONE ? NULL : date_format(value, iso),
                  required);
}

void regpage_form_begin(Request *r, const char *action, const char *heading, int64_t inspection_id)
{
    Buf *h = &r->out;
    html_form_post(r, "card stack", action, 0, NULL);
    HTML_TEXT(h, "<h3>", heading, "</h3>");
    html_hidden_int(h, "inspection", inspection_id);
    HTML(h, "<div class=\"grid\">");
}

void regpage_vocab_select(Buf *h, const char *label, const char *name, VocabId v)
{
    HTML_TEXT(h, "<label>", label, " <select name=\"");
    HTML_TEXT(h, "", name, "\">");
    for (int k = 0; k < vocab_count(v); k++)
        html_option(h, vocab_name(v, k), vocab_label(v, k), false);
    HTML(h, "</select></label>");
}

void regpage_form_end(Buf *h)
{
    HTML(h, "</div><p><button type=\"submit\" class=\"primary\">登记</button></p></form>");
}

bool regpage_begin(Request *r, const char *title, Nav nav, Inspection *in)
{
    const Inspection *list;
    int n;
    if (view_pick_inspection(r, &list, &n, in) < 0)
        return false;
    Buf *h = &r->out;
    page_begin_h1(r, title, nav);
    if (!in->id) {
        HTML(h, "<p class=\"empty\">暂无可查看的整改事项。</p>");
        page_end(r);
        return false;
    }
    HTML_TEXT(h, "<p class=\"subtitle\">", in->title, "</p>");
    view_inspection_selector(r, list, n, in->id);
    return true;
}

static void count_card(Buf *h, const char *label, int64_t v)
{
    HTML_INT(h, "<div class=\"count\"><b>", v, "</b>");
    HTML_TEXT(h, "", label, "</div>");
}

bool regpage_clue_figures(Request *r, int64_t inspection_id, ReportCounts *rc, ReportOutcome **os,
                          int *n)
{
    if (report_store_counts(r->db, inspection_id, DAY_NONE, rc, &r->err) < 0 ||
        report_store_outcomes(r->db, &r->arena, inspection_id, DAY_NONE, os, n, &r->err) < 0) {
        route_fail_err(r, &r->err);
        return false;
    }
    return true;
}

bool regpage_clue_counts(Request *r, int64_t inspection_id)
{
    ReportCounts rc;
    ReportOutcome *os;
    int n;
    if (!regpage_clue_figures(r, inspection_id, &rc, &os, &n))
        return false;
    Buf *h = &r->out;
    HTML(h, "<section><h2>线索办理统计</h2><div class=\"counts\">");
    count_card(h, "问题线索（件）", rc.clues);
    count_card(h, "信访件（件）", rc.petitions);
    count_card(h, "已办结（件）", rc.concluded);
    count_card(h, "正在办理（件）", rc.clues + rc.petitions - rc.concluded);
    HTML(h, "</div>");
    if (n) {
        HTML(h, "<table class=\"outcomes\"><thead><tr><th>处理方式</th><th>种类</th>"
                "<th class=\"num\">人数</th></tr></thead><tbody>");
        for (int i = 0; i < n; i++) {
            HTML(h, "<tr>");
            view_cell_text(h, "处理方式", os[i].type);
            view_cell_text(h, "种类", *os[i].subtype ? os[i].subtype : "—");
            view_cell_int(h, "人数", os[i].persons);
            HTML(h, "</tr>");
        }
        HTML(h, "</tbody></table>");
    } else {
        HTML(h, "<p class=\"empty\">尚无处理结果。</p>");
    }
    HTML(h, "</section>");
    return true;
}

void regpage_wan(Buf *h, int64_t fen)
{
    /* 1 万元 = 1,000,000 fen; four decimals keep every fen-hundred visible. */
    int64_t whole = fen / 1000000, rest = fen % 1000000;
    char frac[8];
    snprintf(frac, sizeof frac, "%04lld", (long long)(rest / 100));
    int len = 4;
    while (len > 0 && frac[len - 1] == '0')
        len--;
    html_int(h, whole);
    if (len) {
        frac[len] = 0;
        HTML(h, ".");
        html_text(h, frac);
    }
}

bool regpage_write(Request *r, RegWriteFn fn, void *ctx)
{
    Err err = ERR_INIT;
    /* GETs run in a read transaction (routes.c); a page shown after a refused write does not. */
    bool reading = r->db->tx_depth > 0;
    bool ok = (!reading || db_commit(r->db, &err) == 0) && db_begin(r->db, &err) == 0;
    if (ok) {
        ok = fn(r, ctx, &err) == 0;
        if (ok)
            ok = db_commit(r->db, &err) == 0;
        else
            db_rollback(r->db);
    }
    Err again = ERR_INIT;
    if (reading && db_begin_read(r->db, &again) < 0)
        BUG("cannot read again after a write: %s", again.msg);
    if (!ok)
        route_fail_err(r, &err);
    return ok;
}

void regpage_report_body(Buf *h, const Buf *html)
{
    size_t start, n;
    HTML(h, "<article class=\"report-doc\">");
    /* The renderer wrote these bytes from its literals and escaped text (render_html.c). */
    if (report_html_body(html->data, html->len, &start, &n))
        buf_append(h, html->data + start, n);
    HTML(h, "</article>");
}
