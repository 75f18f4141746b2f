/*
** page_spot.c: spot checks (抽查) of one inspection for the office: the samples drawn so far with
** each drawn measure's on-site finding (GET /inspections/:id/spot-checks), drawing a sample by a
** percentage or a count, optionally of each lead unit, from a recorded seed (POST the same path),
** and recording a finding (POST /spot-checks/:id/record); a failed check reopens the measure.
*/
#include "db/revisit_store.h"
#include "ledger/followup.h"
#include "web/access.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/routes.h"
#include "web/view.h"

static void draw_form(Request *r, int64_t inspection_id)
{
    Buf *h = &r->out;
    HTML(h, "<section><h2>抽取样本</h2>");
    html_form_post(r, "spot-draw", "/inspections/", inspection_id, "/spot-checks");
    HTML(h, "<label>抽查方式 <select name=\"mode\"><option value=\"percent\">按比例（%）</option>"
            "<option value=\"count\">按数量（项）</option></select></label>"
            "<label>比例或数量 <input type=\"number\" name=\"amount\" min=\"1\" max=\"1000\" value=\"10\" "
            "required></label><label><input type=\"checkbox\" name=\"per_unit\" value=\"1\"> "
            "按牵头单位分别抽取</label><label>随机种子（可选，留空自动生成） <input type=\"number\" "
            "name=\"seed\" min=\"1\"></label><button type=\"submit\">抽取样本</button></form></section>");
}

static void items_table(Request *r, const SpotCheck *c)
{
    Buf *h = &r->out;
    SpotItem *items;
    int n;
    if (spot_store_items(r->db, &r->arena, c->id, &items, &n, &r->err) < 0)
        n = 0;
    static const char *const heads[] = {"整改措施", "结果", "核查情况", NULL};
    view_table_begin(h, "responsive spot-items", heads, 0);
    for (int i = 0; i < n; i++) {
        const SpotItem *it = &items[i];
        HTML(h, "<tr>");
        view_cell_link(h, "整改措施", "/measures/", it->measure_id, it->title);
        view_cell_text(h, "结果", it->result < 0 ? "待核查" : vocab_label(VOCAB_SPOT_CHECK_RESULT, (SpotCheckResult)it->result));
        view_td(h, "核查情况");
        if (it->result >= 0) {
            html_day(r, h, it->checked_on);
            HTML_TEXT(h, " ", it->comment, "");
        } else {
            html_form_post(r, "inline-action", "/spot-checks/", c->id, "/record");
            html_hidden_int(h, "measure", it->measure_id);
            HTML(h, "<select name=\"result\" aria-label=\"结果\"><option value=\"passed\">通过"
                    "</option><option value=\"failed\">未通过（重新整改）</option></select>"
                    "<input type=\"text\" name=\"comment\" maxlength=\"2000\" placeholder=\"实地核查情况\" "
                    "aria-label=\"实地核查情况\"><button type=\"submit\">记录</button></form>");
        }
        HTML(h, "</td></tr>");
    }
    HTML(h, "</tbody></table>");
}

/* One sample drawn: how and from how many, its seed and results so far, then its items. */
static void check_section(Request *r, const SpotCheck *c)
{
    Buf *h = &r->out;
    HTML(h, "<section class=\"spot-check\"><h2>");
    html_day(r, h, c->drawn_on);
    HTML_INT(h, " 抽查：从 ", c->population, " 项已销号措施中抽取 ");
    HTML_INT(h, "", c->n_items, " 项</h2><p class=\"summary\">");
    if (c->percent)
        HTML_INT(h, "按比例 ", c->percent, "%");
    else
        HTML_INT(h, "按数量 ", c->count, " 项");
    if (c->per_unit)
        HTML(h, "（按牵头单位分别抽取）");
    HTML_INT(h, "，随机种子 <code>", c->seed, "</code>；");
    HTML_INT(h, "已核查 ", c->n_checked, " 项，");
    HTML_INT(h, "未通过 ", c->n_failed, " 项。</p>");
    items_table(r, c);
    HTML(h, "</section>");
}

void page_spot_checks(Request *r)
{
    Inspection in;
    if (!access_inspection_or_reply(r, r->path_id, &in))
        return;
    SpotCheck *cs;
    int n;
    if (spot_store_list(r->db, &r->arena, in.id, 20, &cs, &n, &r->err) < 0) {
        route_fail_err(r, &r->err);
        return;
    }
    Buf *h = &r->out;
    page_begin(r, "抽查", NAV_INSPECTIONS);
    HTML(h, "<nav class=\"crumbs\">");
    html_link(h, "/inspections/", in.id, NULL, in.title);
    HTML(h, " › 抽查</nav><h1>已销号措施抽查</h1>");
    if (request_query(r, "done"))
        HTML(h, "<p class=\"notice\" role=\"status\">已办理。</p>");
    draw_form(r, in.id);
    if (n == 0)
        HTML(h, "<p class=\"empty\">尚未抽查。</p>");
    for (int i = 0; i < n; i++)
        check_section(r, &cs[i]);
    page_end(r);
}

static void refuse(Request *r, int64_t inspection_id, const Err *err)
{
    int status = route_status_of(err->code);
    if (status == 500) {
        route_fail_err(r, err);
        return;
    }
    buf_reset(&r->out);
    r->status = status;
    const char *why = err->code == ERR_FORBIDDEN ? "只有巡改办可以组织抽查。"
                      : err->code == ERR_CONFLICT
                          ? "没有可抽查的已销号措施，或该措施已核查、已不在销号状态。"
                          : "请填写抽查比例（1 至 100）或数量；未通过的须填写核查情况。";
    page_refused(r, NAV_INSPECTIONS, "抽查", why,
                 arena_printf(&r->arena, "/inspections/%lld/spot-checks", (long long)inspection_id),
                 "返回抽查");
}

void page_spot_draw(Request *r)
{
    Inspection in;
    if (!access_inspection_or_reply(r, r->path_id, &in))
        return;
    const char *mode = request_form(r, "mode");
    const char *amount = request_form(r, "amount");
    const char *seed = request_form(r, "seed");
    long v = amount ? strtol(amount, NULL, 10) : 0;
    SpotCheck c = {0};
    c.inspection_id = in.id;
    if (mode && strcmp(mode, "count") == 0)
        c.count = v > 0 && v <= 100000 ? (int)v : -1;
    else
        c.percent = v > 0 && v <= 100 ? (int)v : -1;
    c.per_unit = request_form(r, "per_unit") != NULL;
    c.seed = seed && *seed ? strtoll(seed, NULL, 10) : 0;
    if (c.seed < 0)
        c.seed = 0;
    Actor actor = workflow_actor(&r->user);
    Err err = ERR_INIT;
    if (ledger_spot_draw(r->db, &actor, &c, r->today, &err) < 0) {
        refuse(r, in.id, &err);
        return;
    }
    request_redirect(r, arena_printf(&r->arena, "/inspections/%lld/spot-checks?done=1",
                                     (long long)in.id));
}

void page_spot_record(Request *r)
{
    SpotCheck c;
    if (spot_store_get(r->db, &r->arena, r->path_id, &c, &r->err) < 0) {
        route_fail_err(r, &r->err);
        return;
    }
    Inspection in;
    if (!access_inspection_or_reply(r, c.inspection_id, &in))
        return;
    const char *mtext = request_form(r, "measure");
    int64_t measure = 0;
    int result = vocab_parse(VOCAB_SPOT_CHECK_RESULT, request_form(r, "result"));
    if (!mtext || !request_parse_id(mtext, strlen(mtext), &measure) || result < 0) {
        route_fail(r, 400, "bad_request", "measure and result needed");
        return;
    }
    const char *comment = request_form(r, "comment");
    if (comment && !*comment)
        comment = NULL;
    Actor actor = workflow_actor(&r->user);
    Err err = ERR_INIT;
    if (ledger_spot_record(r->db, &actor, c.id, measure, (SpotCheckResult)result, comment, r->today,
                           &err) < 0) {
        refuse(r, in.id, &err);
        return;
    }
    request_redirect(r, arena_printf(&r->arena, "/inspections/%lld/spot-checks?done=1",
                                     (long long)in.id));
}
