/*
** page_clue.c: 线索台账, the clue register. Discipline staff see every clue of the inspection
** with its subject, enter clues, change their disposal and state and record outcomes; every
** read of one clue's page is audited. The other ledger roles see the register's aggregate
** counts only, never a subject, a reference number or a single clue.
*/
#include "db/org_store.h"
#include "ledger/registers.h"
#include "web/access.h"
#include "web/clue_view.h"
#include "web/handlers.h"
#include "web/regpage.h"
#include "web/routes.h"
#include "web/view.h"

/* The fields of a clue, filled from c (NULL for a new one). */
static void clue_fields(Request *r, const Clue *c, const Unit *units, int n_units)
{
    Buf *h = &r->out;
    HTML(h, "<div class=\"grid\">");
    HTML(h, "<label>类别 <select name=\"kind\">");
    for (int k = 0; k < CLUE_KIND__COUNT; k++)
        regpage_option(h, reg_clue_kind_name((ClueKind)k), reg_clue_kind_label((ClueKind)k),
                       c && strcmp(c->kind, reg_clue_kind_name((ClueKind)k)) == 0);
    HTML(h, "</select></label>");
    regpage_input(h, "编号", "ref_no", "text", c ? c->ref_no : NULL, false);
    regpage_day(h, "收到日期", "received_on", c ? c->received_on : DAY_NONE, false);
    regpage_input(h, "反映对象姓名", "subject_name", "text", c ? c->subject_name : NULL, false);
    regpage_input(h, "职务", "subject_post", "text", c ? c->subject_post : NULL, false);
    HTML(h, "<label>职级 <select name=\"subject_rank\">");
    for (int k = 0; k < RANK__COUNT; k++)
        regpage_option(h, reg_rank_name((ClueRank)k), reg_rank_label((ClueRank)k),
                       c ? strcmp(c->subject_rank, reg_rank_name((ClueRank)k)) == 0
                         : k == RANK_OTHER);
    HTML(h, "</select></label><label>承办单位 <select name=\"unit\"><option value=\"\">—</option>");
    for (int i = 0; i < n_units; i++) {
        char id[24];
        snprintf(id, sizeof id, "%lld", (long long)units[i].id);
        regpage_option(h, id, units[i].name, c && c->unit_id == units[i].id);
    }
    HTML(h, "</select></label><label>处置方式 <select name=\"disposal\"><option value=\"\">未处置</option>");
    for (int k = 0; k < DISPOSAL__COUNT; k++)
        regpage_option(h, reg_disposal_name((ClueDisposal)k), reg_disposal_label((ClueDisposal)k),
                       c && c->disposal && strcmp(c->disposal, reg_disposal_name((ClueDisposal)k)) == 0);
    HTML(h, "</select></label><label>办理状态 <select name=\"state\">");
    for (int k = 0; k < CLUE_STATE__COUNT; k++)
        regpage_option(h, reg_clue_state_name((ClueState)k), reg_clue_state_label((ClueState)k),
                       c && strcmp(c->state, reg_clue_state_name((ClueState)k)) == 0);
    HTML(h, "</select></label>");
    regpage_day(h, "办结日期", "concluded_on", c ? c->concluded_on : DAY_NONE, false);
    HTML(h, "</div>");
}

static const char *label_of(const char *stored, int v, const char *label)
{
    return v >= 0 ? label : stored ? stored : "—";
}

/* The register page: counts for everyone, the clue list and entry form for discipline. */
static void clues_page(Request *r, const char *error)
{
    Inspection in;
    if (!regpage_begin(r, "线索台账", NAV_CLUES, &in))
        return;
    Buf *h = &r->out;
    html_messages(h, error, request_query(r, "saved") ? "已保存。" : NULL);
    if (!regpage_clue_counts(r, in.id))
        return;
    if (!access_clue_names(&r->user)) {
        HTML(h, "<p class=\"hint\">线索的具体内容和反映对象仅纪检监察人员可见。</p>");
        page_end(r);
        return;
    }
    int64_t after;
    if (request_query_id(r, "after", &after) < 0) {
        route_fail(r, 400, "bad_request", "after is not an id");
        return;
    }
    enum { PAGE = 50 };
    Clue *cs;
    int n;
    Unit *units;
    int n_units;
    if (clue_store_list(r->db, &r->arena, in.id, after, PAGE, &cs, &n, &r->err) < 0 ||
        unit_store_list(r->db, &r->arena, &units, &n_units, &r->err) < 0) {
        route_fail_err(r, &r->err);
        return;
    }
    HTML(h, "<section><h2>线索登记</h2><table class=\"responsive clues\"><thead><tr><th>编号</th>"
            "<th>类别</th><th>收到日期</th><th>反映对象</th><th>职级</th><th>处置方式</th>"
            "<th>状态</th><th>办结日期</th></tr></thead><tbody>");
    for (int i = 0; i < n; i++) {
        const Clue *c = &cs[i];
        HTML(h, "<tr>");
        view_td(h, "编号");
        HTML(h, "<a href=\"/clues/");
        html_int(h, c->id);
        HTML(h, "\">");
        html_text(h, *c->ref_no ? c->ref_no : "（未编号）");
        HTML(h, "</a></td>");
        int k = reg_clue_kind_parse(c->kind);
        view_cell_text(h, "类别", label_of(c->kind, k, k >= 0 ? reg_clue_kind_label((ClueKind)k) : NULL));
        view_td(h, "收到日期");
        html_day(h, c->received_on);
        HTML(h, "</td>");
        view_td(h, "反映对象");
        html_text(h, *c->subject_name ? c->subject_name : "—");
        if (*c->subject_post) {
            HTML(h, "（");
            html_text(h, c->subject_post);
            HTML(h, "）");
        }
        HTML(h, "</td>");
        k = reg_rank_parse(c->subject_rank);
        view_cell_text(h, "职级", label_of(c->subject_rank, k, k >= 0 ? reg_rank_label((ClueRank)k) : NULL));
        k = reg_disposal_parse(c->disposal);
        view_cell_text(h, "处置方式", label_of(c->disposal, k, k >= 0 ? reg_disposal_label((ClueDisposal)k) : NULL));
        k = reg_clue_state_parse(c->state);
        view_cell_text(h, "状态", label_of(c->state, k, k >= 0 ? reg_clue_state_label((ClueState)k) : NULL));
        view_td(h, "办结日期");
        html_day(h, c->concluded_on);
        HTML(h, "</td></tr>");
    }
    HTML(h, "</tbody></table>");
    if (!n)
        HTML(h, "<p class=\"empty\">尚未登记线索。</p>");
    if (n == PAGE) {
        HTML(h, "<nav class=\"pager\"><a rel=\"next\" href=\"/clues?inspection=");
        html_int(h, in.id);
        HTML(h, "&amp;after=");
        html_int(h, cs[n - 1].id);
        HTML(h, "\">下一页</a></nav>");
    }
    HTML(h, "</section><section class=\"card\"><h2>登记新线索</h2>"
            "<form method=\"post\" action=\"/clues\" class=\"stack\">");
    html_csrf(r);
    HTML(h, "<input type=\"hidden\" name=\"inspection\" value=\"");
    html_int(h, in.id);
    HTML(h, "\">");
    clue_fields(r, NULL, units, n_units);
    HTML(h, "<p><button type=\"submit\" class=\"primary\">登记</button></p></form></section>");
    page_end(r);
}

void page_clues(Request *r)
{
    r->cacheable = false;
    clues_page(r, NULL);
}

/* The page of one clue (discipline only; audited). */
static void clue_page(Request *r, const Clue *c, const char *error)
{
    ClueOutcome *os;
    int n;
    Unit *units;
    int n_units;
    if (clue_store_outcomes(r->db, &r->arena, c->id, &os, &n, &r->err) < 0 ||
        unit_store_list(r->db, &r->arena, &units, &n_units, &r->err) < 0) {
        route_fail_err(r, &r->err);
        return;
    }
    if (!clue_view_audit_read(r, c->id))
        return;
    r->cacheable = false;
    Buf *h = &r->out;
    page_begin(r, "线索详情", NAV_CLUES);
    HTML(h, "<h1>线索 ");
    html_text(h, *c->ref_no ? c->ref_no : "（未编号）");
    HTML(h, "</h1><p class=\"subtitle\"><a href=\"/clues?inspection=");
    html_int(h, c->inspection_id);
    HTML(h, "\">返回线索台账</a> · 本页的每次查看均记入审计日志</p>");
    html_messages(h, error, request_query(r, "saved") ? "已保存。" : NULL);
    HTML(h, "<section class=\"card\"><h2>基本情况</h2><form method=\"post\" action=\"/clues/");
    html_int(h, c->id);
    HTML(h, "\" class=\"stack\">");
    html_csrf(r);
    clue_fields(r, c, units, n_units);
    HTML(h, "<p><button type=\"submit\" class=\"primary\">保存</button></p></form></section>");

    HTML(h, "<section><h2>处理结果</h2><table class=\"outcomes\"><thead><tr><th>形态</th>"
            "<th>处理方式</th><th>种类</th><th class=\"num\">人数</th><th>决定日期</th></tr></thead><tbody>");
    for (int i = 0; i < n; i++) {
        int t = reg_outcome_of_label(os[i].type);
        HTML(h, "<tr>");
        view_cell_text(h, "形态", t >= 0 && reg_outcome_form((OutcomeType)t) != FORM_NONE
                                     ? reg_form_label(reg_outcome_form((OutcomeType)t)) : "—");
        view_cell_text(h, "处理方式", os[i].type);
        view_cell_text(h, "种类", *os[i].subtype ? os[i].subtype : "—");
        view_cell_int(h, "人数", os[i].persons);
        view_td(h, "决定日期");
        html_day(h, os[i].decided_on);
        HTML(h, "</td></tr>");
    }
    HTML(h, "</tbody></table>");
    if (!n)
        HTML(h, "<p class=\"empty\">尚无处理结果。</p>");
    HTML(h, "<form method=\"post\" action=\"/clues/");
    html_int(h, c->id);
    HTML(h, "/outcomes\" class=\"card stack\"><h3>登记处理结果</h3>");
    html_csrf(r);
    HTML(h, "<div class=\"grid\"><label>处理方式（四种形态） <select name=\"type\">");
    for (int t = 0; t < OUTCOME__COUNT; t++) {
        OutcomeForm form = reg_outcome_form((OutcomeType)t);
        const char *label = reg_outcome_label((OutcomeType)t);
        const char *text = form == FORM_NONE ? label
                                             : arena_printf(&r->arena, "%s · %s",
                                                            reg_form_label(form), label);
        regpage_option(h, reg_outcome_name((OutcomeType)t), text, false);
    }
    HTML(h, "</select></label><label>种类 <select name=\"subtype\"><option value=\"\">—</option>");
    static const OutcomeType with_subs[] = {OUTCOME_PARTY_DISCIPLINE, OUTCOME_GOV_DISCIPLINE,
                                            OUTCOME_ORG_HANDLING};
    for (size_t k = 0; k < ARRAY_SIZE(with_subs); k++) {
        HTML(h, "<optgroup label=\"");
        html_text(h, reg_outcome_label(with_subs[k]));
        HTML(h, "\">");
        for (const char *const *s = reg_outcome_subtypes(with_subs[k]); *s; s++)
            regpage_option(h, *s, *s, false);
        HTML(h, "</optgroup>");
    }
    HTML(h, "</select></label>");
    regpage_input(h, "人数", "persons", "number", "1", true);
    regpage_day(h, "决定日期", "decided_on", DAY_NONE, false);
    HTML(h, "</div><p><button type=\"submit\">登记</button></p></form></section>");
    page_end(r);
}

void page_clue(Request *r)
{
    Clue c;
    if (clue_view_load(r, r->path_id, &c))
        clue_page(r, &c, NULL);
}

/* After a failed save: the page again with the message, status by the error. */
static void refused(Request *r, const Err *err, const Clue *c)
{
    if (err->code != ERR_INPUT) {
        route_fail_err(r, err);
        return;
    }
    r->status = 422;
    const char *msg = arena_printf(&r->arena, "输入有误：%s", err->msg);
    /* A write runs outside a transaction; the page's reads and its audit need none either. */
    if (c)
        clue_page(r, c, msg);
    else
        clues_page(r, msg);
}

void page_clue_create(Request *r)
{
    Fields f = {r, NULL};
    Clue c = {0};
    Inspection in;
    if (!fields_id(&f, "inspection", &c.inspection_id) || !c.inspection_id) {
        fields_fail(r, "inspection", "inspection is required");
        return;
    }
    if (!access_inspection_or_reply(r, c.inspection_id, &in) || !clue_view_read(&f, &c))
        return;
    Actor actor = view_actor(r);
    const char *field = NULL;
    Err err = ERR_INIT;
    if (registers_clue_save(r->db, &actor, &c, &field, &err) < 0) {
        refused(r, &err, NULL);
        return;
    }
    request_redirect(r, arena_printf(&r->arena, "/clues/%lld?saved=1", (long long)c.id));
}

void page_clue_update(Request *r)
{
    Fields f = {r, NULL};
    Clue c, before;
    if (!clue_view_load(r, r->path_id, &c))
        return;
    before = c;
    if (!clue_view_read(&f, &c))
        return;
    Actor actor = view_actor(r);
    const char *field = NULL;
    Err err = ERR_INIT;
    if (registers_clue_save(r->db, &actor, &c, &field, &err) < 0) {
        refused(r, &err, &before);
        return;
    }
    request_redirect(r, arena_printf(&r->arena, "/clues/%lld?saved=1", (long long)c.id));
}

void page_clue_outcome(Request *r)
{
    Fields f = {r, NULL};
    Clue c;
    ClueOutcome o = {0};
    if (!clue_view_load(r, r->path_id, &c) || !clue_view_read_outcome(&f, &o))
        return;
    o.clue_id = c.id;
    Actor actor = view_actor(r);
    const char *field = NULL;
    Err err = ERR_INIT;
    if (registers_outcome_add(r->db, &actor, &o, &field, &err) < 0) {
        refused(r, &err, &c);
        return;
    }
    request_redirect(r, arena_printf(&r->arena, "/clues/%lld?saved=1", (long long)c.id));
}
