/*
** page_unit_supervise.c: supervision (督办) of a unit from its page: the office's form and the
** POST that issues it through ledger/followup.h within the inspection the page shows; the list
** of the supervisions the unit answers that are not on a measure (on the unit itself, on its
** problems) with their state and response deadline; and the one page POST that responds to,
** records the talk of, or lifts any supervision (POST /supervisions/:id/actions), so that a
** unit answers in the page what it could answer only through the API.
*/
#include "db/org_store.h"
#include "db/supervision_store.h"
#include "ledger/followup.h"
#include "ledger/loop.h"
#include "ledger/workflow.h"
#include "web/access.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/page_loop.h"
#include "web/routes.h"
#include "web/view.h"

void page_unit_supervise_form(Request *r, int64_t unit_id, int64_t inspection_id)
{
    if (!access_has(&r->user, ROLE_BIT(ROLE_OFFICE)))
        return;
    Buf *h = &r->out;
    HTML(h, "<section id=\"supervise\"><h2>督办本单位</h2><form method=\"post\" action=\"/units/");
    html_int(h, unit_id);
    HTML(h, "/supervisions\">");
    html_csrf(r);
    HTML(h, "<input type=\"hidden\" name=\"inspection\" value=\"");
    html_int(h, inspection_id);
    HTML(h, "\">");
    page_loop_supervision_fields(h);
    HTML(h, "</form></section>");
}

/* A date field of the form, DAY_NONE when empty; false when present and malformed. */
static bool form_day(Request *r, const char *name, Day *out)
{
    const char *v = request_form(r, name);
    *out = DAY_NONE;
    return !v || !*v || date_parse(v, strlen(v), out) == 0;
}

void page_unit_supervise(Request *r)
{
    Unit unit;
    Inspection in;
    Err err = ERR_INIT;
    const char *ins = request_form(r, "inspection");
    int64_t inspection_id = 0;
    if (!ins || !request_parse_id(ins, strlen(ins), &inspection_id)) {
        route_fail(r, 400, "bad_request", "the form names no inspection");
        return;
    }
    if (unit_store_get(r->db, &r->arena, r->path_id, &unit, &err) < 0) {
        route_fail_err(r, &err);
        return;
    }
    if (!access_inspection_or_reply(r, inspection_id, &in))
        return;
    Supervision s = {0};
    int k = vocab_parse(VOCAB_SUPERVISION_KIND, request_form(r, "kind"));
    if (k < 0 || !form_day(r, "respond_by", &s.respond_by) || !form_day(r, "talk_on", &s.talk_on)) {
        route_fail(r, 422, "invalid", "unknown supervision kind or a malformed date");
        return;
    }
    s.kind = (SupervisionKind)k;
    s.unit_id = unit.id;
    s.inspection_id = in.id;
    s.body = request_form(r, "comment");
    Actor actor = workflow_actor(&r->user);
    if (ledger_supervision_issue(r->db, &actor, &s, r->today, &err) < 0) {
        route_fail_err(r, &err);
        return;
    }
    request_redirect(r, arena_printf(&r->arena, "/units/%lld?inspection=%lld", (long long)unit.id,
                                     (long long)in.id));
}

/* The supervisions listed on a unit's page at most (newest first). */
#define UNIT_SUPERVISIONS 50

/* True when r's user may do a to s now (ledger/loop.c decides; the text is checked on post). */
static bool may_act(Request *r, const Supervision *s, LoopAction a)
{
    LoopSubject subj = loop_subject_supervision(NULL, s);
    Actor actor = workflow_actor(&r->user);
    Err err = ERR_INIT;
    return loop_check(a, &subj, &actor, "-", &err) == 0;
}

/* The form of action a on s, with its required text labelled what. */
static void act_form(Request *r, const Supervision *s, LoopAction a, const char *what)
{
    if (!may_act(r, s, a))
        return;
    Buf *h = &r->out;
    html_form_post(r, "stack", "/supervisions/", s->id, "/actions");
    html_hidden(h, "action", loop_action_name(a));
    HTML_TEXT(h, "<label>", what,
              " <textarea name=\"comment\" rows=\"2\" required maxlength=\"20000\"></textarea>"
              "</label><button type=\"submit\">");
    html_text(h, loop_action_label(a));
    HTML(h, "</button></form>");
}

/* One supervision as a row: kind, target, state, issued, deadline, text and answer, forms. */
static void supervision_row(Request *r, const Supervision *s)
{
    Buf *h = &r->out;
    HTML(h, "<tr>");
    view_cell_text(h, "方式", vocab_label(VOCAB_SUPERVISION_KIND, s->kind));
    view_td(h, "督办对象");
    if (s->finding_id)
        HTML_TEXT(h, "问题：", s->target, "</td>");
    else
        HTML(h, "本单位</td>");
    view_td(h, "状态");
    HTML_TEXT(h, "<span class=\"tag\">", vocab_label(VOCAB_SUPERVISION_STATE, s->state),
              "</span></td>");
    view_td(h, "发起");
    html_day(r, h, s->issued_on);
    HTML_TEXT(h, " ", s->issuer, "</td>");
    view_td(h, "反馈时限");
    html_day(r, h, s->respond_by);
    if (s->state == SUPERVISION_OPEN && s->respond_by != DAY_NONE && r->today > s->respond_by)
        HTML(h, " <strong class=\"why\">已逾期</strong>");
    if (s->talk_on != DAY_NONE) {
        HTML(h, "<br>约谈日期 ");
        html_day(r, h, s->talk_on);
    }
    HTML(h, "</td>");
    view_td(h, "督办事项");
    html_text(h, s->body);
    if (s->talk_record)
        HTML_TEXT(h, "<p>约谈记录：", s->talk_record, "</p>");
    if (s->response) {
        HTML(h, "<p>反馈（");
        html_day(r, h, s->responded_on);
        HTML_TEXT(h, "）：", s->response, "</p>");
    }
    HTML(h, "</td>");
    view_td(h, "办理");
    act_form(r, s, LOOP_SUPERVISION_RESPOND, "反馈内容");
    if (s->kind == SUPERVISION_TALK)
        act_form(r, s, LOOP_SUPERVISION_TALK, "约谈记录");
    act_form(r, s, LOOP_SUPERVISION_LIFT, "解除理由");
    HTML(h, "</td></tr>");
}

void page_unit_supervisions(Request *r, int64_t unit_id, int64_t inspection_id)
{
    Buf *h = &r->out;
    Supervision *ss;
    int n;
    if (supervision_store_of_unit(r->db, &r->arena, unit_id, inspection_id, UNIT_SUPERVISIONS, &ss,
                                  &n, &r->err) < 0) {
        fprintf(stderr, "serve: supervisions of unit %lld: %s\n", (long long)unit_id, r->err.msg);
        n = 0;
    }
    HTML(h, "<section id=\"supervisions\"><h2>督办事项</h2>");
    const char *done = request_query(r, "done");
    html_messages(h, NULL, done ? page_loop_done(done) : NULL);
    if (!n) {
        HTML(h, "<p class=\"empty\">本次整改中没有对本单位或其牵头问题的督办（对具体措施的督办见措施页面）。"
                "</p></section>");
        return;
    }
    HTML(h, "<p class=\"hint\">对本单位和本单位牵头问题的督办；对具体措施的督办见措施页面。</p>"
            "<table class=\"responsive\"><thead><tr><th>方式</th><th>督办对象</th><th>状态</th>"
            "<th>发起</th><th>反馈时限</th><th>督办事项</th><th>办理</th></tr></thead><tbody>");
    for (int i = 0; i < n; i++)
        supervision_row(r, &ss[i]);
    HTML(h, "</tbody></table></section>");
}

void page_supervision_act(Request *r)
{
    Supervision s;
    Inspection in;
    Measure m;
    Err err = ERR_INIT;
    if (supervision_store_get(r->db, &r->arena, r->path_id, &s, &err) < 0) {
        route_fail_err(r, &err);
        return;
    }
    bool ok = s.measure_id ? access_measure_or_reply(r, s.measure_id, &m, &in)
                           : access_inspection_or_reply(r, s.inspection_id, &in);
    if (!ok)
        return;
    int a = loop_action_parse(request_form(r, "action"));
    if (a != LOOP_SUPERVISION_RESPOND && a != LOOP_SUPERVISION_TALK && a != LOOP_SUPERVISION_LIFT) {
        route_fail(r, 422, "invalid", "action is supervision_respond, supervision_talk or "
                                      "supervision_lift");
        return;
    }
    Actor actor = workflow_actor(&r->user);
    if (ledger_supervision_act(r->db, &actor, s.id, (LoopAction)a, request_form(r, "comment"),
                               r->today, &err) < 0) {
        route_fail_err(r, &err);
        return;
    }
    const char *name = loop_action_name((LoopAction)a);
    request_redirect(r, s.measure_id
                            ? arena_printf(&r->arena, "/measures/%lld?done=%s#supervision",
                                           (long long)s.measure_id, name)
                            : arena_printf(&r->arena, "/units/%lld?inspection=%lld&done=%s#supervisions",
                                           (long long)s.unit_id, (long long)in.id, name));
}
