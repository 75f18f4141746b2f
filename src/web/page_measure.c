/*
** page_measure.c: the 措施清单 (a flat, filtered, paged list of measures), the page of one
** measure (where it sits in the feedback, what it asks, who owns it, its light and why, its
** timeline, progress and evidence, and the actions the user may take now) and the form post
** that performs an action through ledger_apply.
*/
#include "db/activity_store.h"
#include "db/finding_store.h"
#include "ledger/apply.h"
#include "web/access.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/listing.h"
#include "web/page_loop.h"
#include "web/register_view.h"
#include "web/routes.h"
#include "web/texts.h"
#include "web/view.h"

/* The rows of a measure table: light, title, owners, deadline, state, percent. */
static void measure_rows(const Request *r, Buf *h, const ListingPage *p)
{
    static const char *const heads[] = {"亮灯",     "整改措施", "牵头单位", "责任领导",
                                        "整改时限", "状态",     "进度",     NULL};
    view_table_begin(h, "responsive measures", heads, 0);
    for (int i = 0; i < p->n_rows; i++) {
        const ListingRow *row = &p->rows[i];
        const Measure *m = row->measure;
        HTML(h, "<tr>");
        view_measure_cells(h, row->light, m);
        view_cell_text(h, "牵头单位", row->lead_unit ? row->lead_unit : "—");
        view_cell_text(h, "责任领导", *row->leaders ? row->leaders : "—");
        view_td(h, "整改时限");
        html_day(r, h, m->deadline);
        if (m->long_term)
            HTML(h, " 并长期坚持");
        HTML(h, "</td>");
        view_td(h, "状态");
        view_state(h, m->state);
        HTML_INT(h, "</td><td data-label=\"进度\">", m->percent, "%</td></tr>");
    }
    HTML(h, "</tbody></table>");
}

void page_measures(Request *r)
{
    ListingQuery q;
    if (listing_parse(r, &q) < 0)
        return;
    ListingPage p;
    if (listing_measures(r, &q, &p) < 0)
        return;
    const Inspection *list;
    int n_list;
    if (view_inspections(r, &list, &n_list) < 0)
        return;
    Buf *h = &r->out;
    page_begin_h1(r, "措施清单", NAV_MEASURES);
    view_filter_form(r, &q, NULL, list, n_list);
    HTML_INT(h, "<p class=\"summary\">共 <strong>", p.total, "</strong> 项整改措施</p>");
    if (p.n_rows == 0)
        HTML(h, "<p class=\"empty\">没有符合条件的整改措施。</p>");
    else
        measure_rows(r, h, &p);
    Buf href;
    buf_init(&href);
    HTML(&href, "/measures?");
    view_filter_query(&href, &q);
    const char *find = request_query(r, "inspection_q"); /* the selector's, as its form sent it */
    if (find && *find)
        view_query_pair(&href, "inspection_q", find);
    view_list_pager(h, &p, &href, "");
    buf_free(&href);
    page_end(r);
}

/* The path of findings from the aspect down to the measure's problem, as breadcrumbs. */
static void breadcrumbs(Request *r, const Inspection *in, const Measure *m)
{
    Buf *h = &r->out;
    Finding *fs;
    int nf;
    if (finding_store_list(r->db, &r->arena, in->id, &fs, &nf, &r->err) < 0)
        nf = 0;
    const Finding *path[8];
    int depth = 0;
    int64_t id = m->finding_id;
    while (id && depth < (int)ARRAY_SIZE(path)) {
        const Finding *f = NULL;
        for (int i = 0; i < nf; i++)
            if (fs[i].id == id)
                f = &fs[i];
        if (!f)
            break;
        path[depth++] = f;
        id = f->parent_id;
    }
    HTML(h, "<nav class=\"crumbs\" aria-label=\"位置\"><a href=\"/inspections/");
    html_int(h, in->id);
    HTML(h, "\">");
    html_text(h, in->title);
    HTML(h, "</a>");
    for (int i = depth - 1; i >= 0; i--) {
        HTML(h, " › <span>");
        html_text(h, path[i]->label);
        html_text(h, path[i]->title);
        HTML(h, "</span>");
    }
    HTML(h, "</nav>");
}

/* The actions workflow_check allows r's user on m now, each as a small form. */
static void action_forms(Request *r, const Measure *m, const Inspection *in)
{
    Buf *h = &r->out;
    Actor actor = workflow_actor(&r->user);
    bool any = false;
    for (int a = 0; a < ACTION__COUNT; a++) {
        if (a == ACTION_REPORT)
            continue; /* the progress form of page_loop.c, with its files */
        MeasureState to;
        Err err = ERR_INIT;
        /* A placeholder comment: whether a reason is needed is the form's business. */
        if (workflow_check(m, &actor, (Action)a, "-", in->require_signoff, &to, &err) < 0)
            continue;
        if (!any)
            HTML(h, "<section class=\"actions\"><h2>办理</h2>");
        any = true;
        HTML(h, "<form method=\"post\" class=\"action\" action=\"/measures/");
        html_int(h, m->id);
        HTML(h, "/transition\">");
        html_csrf(r);
        HTML(h, "<input type=\"hidden\" name=\"action\" value=\"");
        buf_puts(h, workflow_action_name((Action)a));
        HTML(h, "\"><label>");
        if (a == ACTION_REPORT)
            HTML(h, "整改进展 <textarea name=\"comment\" rows=\"3\" required></textarea>");
        else if (a == ACTION_RETURN || a == ACTION_RELAPSE || a == ACTION_WAIVE_EVIDENCE)
            HTML(h, "理由 <textarea name=\"comment\" rows=\"2\" required></textarea>");
        else
            HTML(h, "意见（可选） <input type=\"text\" name=\"comment\">");
        HTML(h, "</label><button type=\"submit\">");
        buf_puts(h, workflow_action_label((Action)a));
        HTML(h, "</button></form>");
    }
    if (any)
        HTML(h, "</section>");
}

static void timeline(Request *r, int64_t measure_id)
{
    Buf *h = &r->out;
    Event *es;
    int n;
    if (event_store_list(r->db, &r->arena, measure_id, &es, &n, &r->err) < 0)
        n = 0;
    HTML(h, "<section><h2>办理过程</h2><ol id=\"timeline\" class=\"timeline\">");
    if (n == 0)
        HTML(h, "<li class=\"empty\">暂无记录</li>");
    for (int i = 0; i < n; i++) {
        const Event *e = &es[i];
        HTML(h, "<li><time datetime=\"");
        html_text(h, e->at);
        HTML(h, "\">");
        html_time(r, h, e->at);
        HTML(h, "</time> <strong>");
        html_text(h, view_event_label(e->action));
        HTML(h, "</strong> <span class=\"actor\">");
        html_text(h, e->actor_name ? e->actor_name : "系统");
        if (e->actor_post && *e->actor_post) {
            HTML(h, "（");
            html_text(h, e->actor_post);
            HTML(h, "）");
        }
        HTML(h, "</span>");
        if (e->from_state && e->to_state && strcmp(e->from_state, e->to_state) != 0) {
            HTML(h, " <span class=\"move\">");
            html_text(h, view_state_name_label(e->from_state));
            HTML(h, " → ");
            html_text(h, view_state_name_label(e->to_state));
            HTML(h, "</span>");
        }
        if (e->comment && *e->comment) {
            HTML(h, "<p>");
            html_text(h, e->comment);
            HTML(h, "</p>");
        }
        HTML(h, "</li>");
    }
    HTML(h, "</ol></section>");
}

/* What happened, said after action a left measure m (as it is now) in its new state. */
static const char *done_text(Action a, const Measure *m, const Inspection *in)
{
    switch (a) {
    case ACTION_REPORT:
        return "已报送整改进展，已记入办理过程。";
    case ACTION_REQUEST_CLOSE:
        return m->lead_unit_id ? "已申请销号，待牵头单位其他人员审核。" : "已申请销号，待巡改办审核。";
    case ACTION_LEAD_APPROVE:
        return in->require_signoff ? "已审核通过，待责任领导签批。" : "已审核通过，待巡改办核查销号。";
    case ACTION_SIGN_OFF:
        return "已签批，待巡改办核查销号。";
    case ACTION_VERIFY:
        return m->state == STATE_PHASE_COMPLETE ? "已核查，该长期坚持措施本阶段完成，继续按期报送进展。"
                                                : "已核查销号，该措施已关闭。";
    case ACTION_RETURN:
        return "已退回，退回理由已记入办理过程。";
    case ACTION_RELAPSE:
        return "已认定反弹，该措施重新进入整改，原因已记入办理过程。";
    case ACTION_WAIVE_EVIDENCE:
        return "已同意免交佐证材料，理由已记入办理过程。";
    default:
        return "已办理。";
    }
}

/* The measure's facts: its text, kind, deadline, owners, progress and dates. */
static void facts(const Request *r, Buf *h, const Measure *m, const IdName *units, int nu,
                  const IdName *persons, int np)
{
    HTML(h, "<dl class=\"facts\">");
    view_fact_text(h, "措施内容", m->body && *m->body ? m->body : m->title);
    view_fact_text(h, "目标要求", m->target);
    view_fact_text(h, "整改类型", model_kind_label(m->kind));
    view_fact(h, "整改时限");
    html_day(r, h, m->deadline);
    if (m->long_term)
        HTML(h, " 并长期坚持");
    view_fact_end(h);
    view_fact(h, "责任领导");
    view_names(h, persons, np, m->leader_ids, m->n_leaders);
    view_fact_end(h);
    view_fact_text(h, "牵头单位", m->lead_unit_id ? view_name(units, nu, m->lead_unit_id) : NULL);
    view_fact(h, "责任单位");
    view_names(h, units, nu, m->co_unit_ids, m->n_co_units);
    view_fact_end(h);
    view_fact(h, "完成进度");
    html_int(h, m->percent);
    HTML(h, "%");
    view_fact_end(h);
    if (m->closed_on != DAY_NONE) {
        view_fact(h, "销号日期");
        html_day(r, h, m->closed_on);
        view_fact_end(h);
    }
    if (m->revisit_due != DAY_NONE) {
        view_fact(h, "回头看");
        html_day(r, h, m->revisit_due);
        view_fact_end(h);
    }
    if (m->evidence_waived)
        view_fact_text(h, "免交佐证材料", m->evidence_waived);
    HTML(h, "</dl>");
}

void page_measure(Request *r)
{
    Measure m;
    Inspection in;
    if (!access_measure_or_reply(r, r->path_id, &m, &in))
        return;
    int n_ids = 1 + m.n_co_units;
    int64_t *unit_ids = ARENA_ARRAY(&r->arena, int64_t, n_ids);
    unit_ids[0] = m.lead_unit_id;
    for (int i = 0; i < m.n_co_units; i++) /* co_unit_ids is NULL when there are none */
        unit_ids[1 + i] = m.co_unit_ids[i];
    IdName *units, *persons;
    int nu, np;
    if (view_store_page_names(r->db, &r->arena, unit_ids, n_ids, m.leader_ids, m.n_leaders, &units,
                              &nu, &persons, &np, &r->err) < 0) {
        route_fail_err(r, &r->err);
        return;
    }
    if (event_store_closeout_actors(r->db, &r->arena, m.id, &m.closeout_actor_ids,
                                    &m.n_closeout_actors, &r->err) < 0) {
        route_fail_err(r, &r->err);
        return;
    }
    LightRules rules = ledger_rules(&in);
    unsigned why;
    Light light = ledger_light(&m, &rules, r->today, &why);

    Buf *h = &r->out;
    page_begin(r, m.title, NAV_MEASURES);
    breadcrumbs(r, &in, &m);
    const char *done = request_query(r, "done");
    int done_action = done ? workflow_action_parse(done) : -1;
    if (done_action >= 0)
        html_messages(h, NULL, done_text((Action)done_action, &m, &in));
    else if (done)
        html_messages(h, NULL, page_loop_done(done));
    HTML(h, "<h1>");
    html_text(h, m.label);
    html_text(h, m.title);
    HTML(h, "</h1>");
    if (m.withdrawn) {
        HTML(h, "<p class=\"alert\">该措施已撤销，理由：");
        html_text(h, m.withdrawn);
        HTML(h, "</p>");
    } else if (access_edit(&r->user, &in)) { /* page_edit_measure.c */
        HTML(h, "<p class=\"toolbar\"><a href=\"/measures/");
        html_int(h, m.id);
        HTML(h, "/edit\">编辑措施</a></p>");
    }
    HTML(h, "<p class=\"status-line\">");
    view_light(h, light);
    HTML(h, " ");
    view_state(h, m.state);
    if (why) {
        HTML(h, " <span class=\"why\">");
        view_why(h, why);
        HTML(h, "</span>");
    }
    HTML(h, "</p>");
    page_loop_instructions(r, &m);
    facts(r, h, &m, units, nu, persons, np);
    action_forms(r, &m, &in);
    timeline(r, m.id);
    page_loop_sections(r, &m, &in, units, nu);
    register_view_linked(r, m.finding_id, m.id);
    page_end(r);
}

void page_measure_transition(Request *r)
{
    Measure m;
    Inspection in;
    if (!access_measure_owners_or_reply(r, r->path_id, &m, &in))
        return;
    const char *name = request_form(r, "action");
    int a = name ? workflow_action_parse(name) : -1;
    if (a < 0) {
        route_fail(r, 400, "bad_request", "unknown action");
        return;
    }
    const char *comment = request_form(r, "comment");
    if (comment && !*comment)
        comment = NULL;
    if (comment && strlen(comment) > 20000) {
        route_fail(r, 413, "too_large", "comment too long");
        return;
    }
    Actor actor = workflow_actor(&r->user);
    ApplyResult res;
    Err err = ERR_INIT;
    if (ledger_apply(r->db, &actor, m.id, (Action)a, comment, r->today, &res, &err) == 0) {
        request_redirect(r, arena_printf(&r->arena, "/measures/%lld?done=%s", (long long)m.id,
                                         workflow_action_name((Action)a)));
        return;
    }
    if (!route_refusal_or_reply(r, &err))
        return;
    page_refused(r, NAV_MEASURES, workflow_action_label((Action)a),
                 texts_error(&err, "系统暂时无法完成该操作，请稍后重试。"),
                 arena_printf(&r->arena, "/measures/%lld", (long long)m.id), "返回整改措施");
}
