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

/*
** The fields of a clue, filled from c (NULL for a new one). 承办单位 is a name, as the measure
** form's units are: a province holds tens of thousands, too many for a select; picker.js
** suggests them as one types.
*/
static void clue_fields(Request *r, const Clue *c)
{
    Buf *h = &r->out;
    HTML(h, "<div class=\"grid\">");
    HTML(h, "<label>类别 <select name=\"kind\">");
    for (int k = 0; k < CLUE_KIND__COUNT; k++)
        html_option(h, vocab_name(VOCAB_CLUE_KIND, (ClueKind)k),
                    vocab_label(VOCAB_CLUE_KIND, (ClueKind)k), c && (int)c->kind == k);
    HTML(h, "</select></label>");
    regpage_input(h, "编号", "ref_no", "text", c ? c->ref_no : NULL, false);
    regpage_day(h, "收到日期", "received_on", c ? c->received_on : DAY_NONE, false);
    regpage_input(h, "反映对象姓名", "subject_name", "text", c ? c->subject_name : NULL, false);
    regpage_input(h, "职务", "subject_post", "text", c ? c->subject_post : NULL, false);
    HTML(h, "<label>职级 <select name=\"subject_rank\">");
    for (int k = 0; k < RANK__COUNT; k++)
        html_option(h, vocab_name(VOCAB_CLUE_RANK, (ClueRank)k),
                    vocab_label(VOCAB_CLUE_RANK, (ClueRank)k),
                    c ? (int)c->subject_rank == k : k == RANK_OTHER);
    HTML(h, "</select></label>");
    Unit u = {0};
    Err err = ERR_INIT;
    if (c && c->unit_id && unit_store_get(r->db, &r->arena, c->unit_id, &u, &err) < 0)
        u.name = "";
    HTML(h, "<div class=\"picker\" data-search=\"/api/v1/units\">");
    regpage_input(h, "承办单位（单位名称）", "unit", "text", u.name, false);
    HTML(h, "</div>");
    HTML(h, "<label>处置方式 <select name=\"disposal\"><option "
            "value=\"\">未处置</option>");
    for (int k = 0; k < DISPOSAL__COUNT; k++)
        html_option(h, vocab_name(VOCAB_CLUE_DISPOSAL, (ClueDisposal)k),
                    vocab_label(VOCAB_CLUE_DISPOSAL, (ClueDisposal)k), c && c->disposal == k);
    HTML(h, "</select></label><label>办理状态 <select name=\"state\">");
    for (int k = 0; k < CLUE__COUNT; k++)
        html_option(h, vocab_name(VOCAB_CLUE_STATE, (ClueState)k),
                    vocab_label(VOCAB_CLUE_STATE, (ClueState)k), c && (int)c->state == k);
    HTML(h, "</select></label>");
    regpage_day(h, "办结日期", "concluded_on", c ? c->concluded_on : DAY_NONE, false);
    HTML(h, "</div>");
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
    if (clue_store_list(r->db, &r->arena, in.id, after, PAGE, &cs, &n, &r->err) < 0) {
        route_fail_err(r, &r->err);
        return;
    }
    static const char *const heads[] = {"编号",     "类别", "收到日期", "反映对象", "职级",
                                        "处置方式", "状态", "办结日期", NULL};
    HTML(h, "<section><h2>线索登记</h2>");
    view_table_begin(h, "responsive clues", heads, 0);
    for (int i = 0; i < n; i++) {
        const Clue *c = &cs[i];
        HTML(h, "<tr>");
        view_cell_link(h, "编号", "/clues/", c->id, *c->ref_no ? c->ref_no : "（未编号）");
        view_cell_text(h, "类别", vocab_label(VOCAB_CLUE_KIND, c->kind));
        view_td(h, "收到日期");
        html_day(r, h, c->received_on);
        HTML(h, "</td>");
        view_td(h, "反映对象");
        html_text(h, *c->subject_name ? c->subject_name : "—");
        if (*c->subject_post)
            HTML_TEXT(h, "（", c->subject_post, "）");
        HTML(h, "</td>");
        view_cell_text(h, "职级", vocab_label(VOCAB_CLUE_RANK, c->subject_rank));
        view_cell_text(h, "处置方式",
                       c->disposal >= 0 ? vocab_label(VOCAB_CLUE_DISPOSAL, c->disposal) : "未处置");
        view_cell_text(h, "状态", vocab_label(VOCAB_CLUE_STATE, c->state));
        view_td(h, "办结日期");
        html_day(r, h, c->concluded_on);
        HTML(h, "</td></tr>");
    }
    view_table_end(h, n, "尚未登记线索。");
    view_pager(h, n == PAGE, arena_printf(&r->arena, "/clues?inspection=%lld", (long long)in.id),
               "after", n ? cs[n - 1].id : 0, "下一页");
    HTML(h, "</section><section class=\"card\"><h2>登记新线索</h2>");
    html_form_post(r, "stack", "/clues", 0, NULL);
    html_hidden_int(h, "inspection", in.id);
    clue_fields(r, NULL);
    HTML(h, "<p><button type=\"submit\" class=\"primary\">登记</button></p></form></section>"
            "<script src=\"/assets/picker.js\" defer></script>");
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
    if (clue_store_outcomes(r->db, &r->arena, c->id, &os, &n, &r->err) < 0) {
        route_fail_err(r, &r->err);
        return;
    }
    if (!clue_view_audit_read(r, c->id))
        return;
    r->cacheable = false;
    Buf *h = &r->out;
    page_begin(r, "线索详情", NAV_CLUES);
    HTML_TEXT(h, "<h1>线索 ", *c->ref_no ? c->ref_no : "（未编号）", "</h1><p class=\"subtitle\">");
    html_link(h, "/clues?inspection=", c->inspection_id, NULL, "返回线索台账");
    HTML(h, " · 本页的每次查看均记入审计日志</p>");
    html_messages(h, error, request_query(r, "saved") ? "已保存。" : NULL);
    HTML(h, "<section class=\"card\"><h2>基本情况</h2>");
    html_form_post(r, "stack", "/clues/", c->id, NULL);
    clue_fields(r, c);
    HTML(h, "<p><button type=\"submit\" class=\"primary\">保存</button></p></form></section>"
            "<script src=\"/assets/picker.js\" defer></script>");

    static const char *const heads[] = {"形态", "处理方式", "种类", "人数", "决定日期", NULL};
    HTML(h, "<section><h2>处理结果</h2>");
    view_table_begin(h, "outcomes", heads, 1u << 3);
    for (int i = 0; i < n; i++) {
        int t = vocab_parse_label(VOCAB_OUTCOME_TYPE, os[i].type);
        HTML(h, "<tr>");
        int form = t >= 0 ? reg_outcome_form((OutcomeType)t) : -1;
        view_cell_text(h, "形态", form >= 0 ? reg_form_ordinal((DisciplineForm)form) : "—");
        view_cell_text(h, "处理方式", os[i].type);
        view_cell_text(h, "种类", *os[i].subtype ? os[i].subtype : "—");
        view_cell_int(h, "人数", os[i].persons);
        view_td(h, "决定日期");
        html_day(r, h, os[i].decided_on);
        HTML(h, "</td></tr>");
    }
    view_table_end(h, n, "尚无处理结果。");
    html_form_post(r, "card stack", "/clues/", c->id, "/outcomes");
    HTML(h, "<h3>登记处理结果</h3><div class=\"grid\">"
            "<label>处理方式（四种形态） <select name=\"type\">");
    for (int t = 0; t < OUTCOME__COUNT; t++) {
        int form = reg_outcome_form((OutcomeType)t);
        const char *label = vocab_label(VOCAB_OUTCOME_TYPE, (OutcomeType)t);
        const char *text = form < 0 ? label
                                    : arena_printf(&r->arena, "%s · %s",
                                                   reg_form_ordinal((DisciplineForm)form), label);
        html_option(h, vocab_name(VOCAB_OUTCOME_TYPE, (OutcomeType)t), text, false);
    }
    HTML(h, "</select></label><label>种类 <select name=\"subtype\"><option value=\"\">—</option>");
    static const OutcomeType with_subs[] = {OUTCOME_PARTY_SANCTION, OUTCOME_GOV_SANCTION,
                                            OUTCOME_ORG_HANDLING};
    for (size_t k = 0; k < ARRAY_SIZE(with_subs); k++) {
        HTML(h, "<optgroup label=\"");
        html_text(h, vocab_label(VOCAB_OUTCOME_TYPE, with_subs[k]));
        HTML(h, "\">");
        for (int i = 0; i < reg_outcome_n_subtypes(with_subs[k]); i++)
            html_option(h, reg_outcome_subtype(with_subs[k], i),
                        reg_outcome_subtype(with_subs[k], i), false);
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

/* After a save (rc 0): to the page of clue id; else refused, showing the page of shown. */
static void saved(Request *r, int rc, const Err *err, const Clue *shown, int64_t id)
{
    if (rc < 0)
        refused(r, err, shown);
    else
        request_redirect(r, arena_printf(&r->arena, "/clues/%lld?saved=1", (long long)id));
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
    Actor actor = workflow_actor(&r->user);
    const char *field = NULL;
    Err err = ERR_INIT;
    int rc = registers_clue_save(r->db, &actor, &c, &field, &err);
    saved(r, rc, &err, NULL, c.id);
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
    Actor actor = workflow_actor(&r->user);
    const char *field = NULL;
    Err err = ERR_INIT;
    int rc = registers_clue_save(r->db, &actor, &c, &field, &err);
    saved(r, rc, &err, &before, c.id);
}

void page_clue_outcome(Request *r)
{
    Fields f = {r, NULL};
    Clue c;
    ClueOutcome o = {0};
    if (!clue_view_load(r, r->path_id, &c) || !clue_view_read_outcome(&f, &o))
        return;
    o.clue_id = c.id;
    Actor actor = workflow_actor(&r->user);
    const char *field = NULL;
    Err err = ERR_INIT;
    saved(r, registers_outcome_add(r->db, &actor, &o, &field, &err), &err, &c, c.id);
}
