/*
** page_feedback.c: 意见建议, the office's register of what the public wrote through the form
** of the public pages: newest first, by state (待处理, 已转交, 已答复, 不予受理), with the
** reply; a feedback may be turned into a petition of the clue register for the discipline
** staff. The same through the JSON API.
*/
#include "db/inspection_store.h"
#include "ledger/registers.h"
#include "web/access.h"
#include "web/api.h"
#include "web/handlers.h"
#include "web/regpage.h"
#include "web/routes.h"
#include "web/view.h"

enum { PAGE = 50 };

/* ?state (a stored feedback state or absent) and ?before; false after replying. */
static bool list_params(Request *r, const char **state, int64_t *before)
{
    *state = request_query(r, "state");
    if (*state && !**state)
        *state = NULL;
    if (*state && vocab_parse(VOCAB_FEEDBACK_STATE, *state) < 0) {
        route_fail(r, 400, "bad_request", "state is not a feedback state");
        return false;
    }
    if (request_query_id(r, "before", before) < 0) {
        route_fail(r, 400, "bad_request", "before is not an id");
        return false;
    }
    return true;
}

/*
** True when r's user may see feedback f: feedback about no inspection in particular goes to
** every office; feedback about one goes to the offices that see that inspection.
*/
static bool visible(Request *r, const Feedback *f)
{
    if (!f->inspection_id)
        return true;
    Inspection in;
    Err err = ERR_INIT;
    return inspection_store_get(r->db, &r->arena, f->inspection_id, &in, &err) == 0 &&
           access_inspection(&r->user, &in);
}

/* Feedback path_id when r's user may handle it; false after replying 404 / 403. */
static bool feedback_or_reply(Request *r)
{
    Feedback f;
    if (feedback_store_get(r->db, &r->arena, r->path_id, &f, &r->err) < 0) {
        route_fail_err(r, &r->err);
        return false;
    }
    if (!visible(r, &f)) {
        route_fail(r, 403, "forbidden", "this feedback is about another organisation's inspection");
        return false;
    }
    return true;
}

static const char *state_label(const char *state)
{
    return vocab_label_of(VOCAB_FEEDBACK_STATE, state, state);
}

static void feedback_row(Request *r, const Feedback *f, const Inspection *list, int n_list)
{
    Buf *h = &r->out;
    HTML_INT(h, "<article class=\"card feedback\" id=\"feedback-", f->id, "\"><p class=\"sub\">");
    html_time(r, h, f->received_at);
    HTML_TEXT(h, " · ", *f->name ? f->name : "匿名", "");
    if (*f->contact)
        HTML_TEXT(h, " · ", f->contact, "");
    HTML_TEXT(h, " · <span class=\"tag\">", state_label(f->state), "</span>");
    if (f->clue_id)
        HTML_INT(h, " · 已转线索台账（线索 ", f->clue_id, "）");
    HTML_TEXT(h, "</p><blockquote>", f->body, "</blockquote>");
    html_form_post(r, "stack", "/feedback/", f->id, NULL);
    HTML(h, "<div class=\"grid\"><label>处理状态 <select name=\"state\">");
    for (int k = 0; k < FEEDBACK__COUNT; k++)
        html_option(h, vocab_name(VOCAB_FEEDBACK_STATE, (FeedbackState)k),
                    vocab_label(VOCAB_FEEDBACK_STATE, (FeedbackState)k),
                    strcmp(f->state, vocab_name(VOCAB_FEEDBACK_STATE, (FeedbackState)k)) == 0);
    HTML(h, "</select></label></div><label>答复 <textarea name=\"reply\" rows=\"3\">");
    html_text(h, f->reply);
    HTML(h, "</textarea></label><p><button type=\"submit\">保存答复</button></p></form>");
    if (!f->clue_id && n_list) {
        html_form_post(r, "inline", "/feedback/", f->id, "/clue");
        HTML(h, "<select name=\"inspection\" aria-label=\"整改事项\">");
        for (int i = 0; i < n_list; i++) {
            char id[24];
            snprintf(id, sizeof id, "%lld", (long long)list[i].id);
            html_option(h, id, list[i].title, f->inspection_id == list[i].id);
        }
        HTML(h, "</select> <button type=\"submit\">转为线索，移交纪检</button></form>");
    }
    HTML(h, "</article>");
}

void page_feedback(Request *r)
{
    const char *state;
    int64_t before;
    Feedback *fs;
    int n;
    const Inspection *list;
    int n_list;
    if (!list_params(r, &state, &before) || view_inspections(r, &list, &n_list) < 0)
        return;
    if (feedback_store_list(r->db, &r->arena, state, before, PAGE, &fs, &n, &r->err) < 0) {
        route_fail_err(r, &r->err);
        return;
    }
    r->cacheable = false;
    Buf *h = &r->out;
    page_begin(r, "意见建议", NAV_FEEDBACK);
    HTML(h, "<h1>意见建议</h1><p class=\"subtitle\">公众通过公开页面提交的意见建议</p>");
    html_messages(h, NULL, request_query(r, "saved") ? "已保存。" : NULL);
    HTML(h, "<form class=\"filters\" method=\"get\"><label>处理状态 <select name=\"state\">"
            "<option value=\"\">全部</option>");
    for (int k = 0; k < FEEDBACK__COUNT; k++)
        html_option(h, vocab_name(VOCAB_FEEDBACK_STATE, (FeedbackState)k),
                    vocab_label(VOCAB_FEEDBACK_STATE, (FeedbackState)k),
                    state &&
                        strcmp(state, vocab_name(VOCAB_FEEDBACK_STATE, (FeedbackState)k)) == 0);
    HTML(h, "</select></label><button type=\"submit\">筛选</button></form>");
    for (int i = 0; i < n; i++)
        if (visible(r, &fs[i]))
            feedback_row(r, &fs[i], list, n_list);
    if (!n)
        HTML(h, "<p class=\"empty\">没有意见建议。</p>");
    /* state is one of the feedback states' names (list_params), safe in a URL as it is. */
    view_pager(h, n == PAGE,
               state ? arena_printf(&r->arena, "/feedback?state=%s", state) : "/feedback", "before",
               n ? fs[n - 1].id : 0, "下一页");
    page_end(r);
}

/* Answer feedback path_id from f; true when done (else replied). */
static bool answer(Request *r, const Fields *f)
{
    if (!feedback_or_reply(r))
        return false;
    const char *state = fields_text(f, "state"), *field = NULL;
    Actor actor = workflow_actor(&r->user);
    Err err = ERR_INIT;
    if (registers_feedback_answer(r->db, &actor, r->path_id, state ? state : "",
                                  fields_text(f, "reply"), &field, &err) < 0) {
        api_refused(r, field, &err);
        return false;
    }
    return true;
}

/* Turn feedback path_id into a clue of f's inspection; *clue_id; true when done. */
static bool to_clue(Request *r, const Fields *f, int64_t *clue_id)
{
    int64_t id;
    Inspection in;
    if (!feedback_or_reply(r))
        return false;
    if (!fields_id(f, "inspection", &id) || !id) {
        fields_fail(r, "inspection", "inspection is required");
        return false;
    }
    if (!access_inspection_or_reply(r, id, &in))
        return false;
    Actor actor = workflow_actor(&r->user);
    Err err = ERR_INIT;
    if (registers_feedback_to_clue(r->db, &actor, r->path_id, in.id, clue_id, &err) < 0) {
        route_fail_err(r, &err);
        return false;
    }
    return true;
}

void page_feedback_answer(Request *r)
{
    Fields f = {r, NULL};
    if (answer(r, &f))
        request_redirect(
            r, arena_printf(&r->arena, "/feedback?saved=1#feedback-%lld", (long long)r->path_id));
}

void page_feedback_clue(Request *r)
{
    Fields f = {r, NULL};
    int64_t clue_id;
    if (to_clue(r, &f, &clue_id))
        request_redirect(
            r, arena_printf(&r->arena, "/feedback?saved=1#feedback-%lld", (long long)r->path_id));
}

void api_feedback_list(Request *r)
{
    const char *state;
    int64_t before;
    Feedback *fs;
    int n;
    if (!list_params(r, &state, &before))
        return;
    JsonW j;
    if (!api_items_or_reply(
            r, feedback_store_list(r->db, &r->arena, state, before, PAGE, &fs, &n, &r->err), &j))
        return;
    for (int i = 0; i < n; i++) {
        if (!visible(r, &fs[i]))
            continue;
        json_obj(&j);
        json_kint(&j, "id", fs[i].id);
        if (fs[i].inspection_id)
            json_kint(&j, "inspection_id", fs[i].inspection_id);
        json_kstr(&j, "received_at", fs[i].received_at);
        json_kstr(&j, "name", fs[i].name);
        json_kstr(&j, "contact", fs[i].contact);
        json_kstr(&j, "body", fs[i].body);
        json_kstr(&j, "state", fs[i].state);
        json_kstr(&j, "reply", fs[i].reply);
        if (fs[i].clue_id)
            json_kint(&j, "clue_id", fs[i].clue_id);
        json_end(&j);
    }
    fields_items_end(r, &j, n, PAGE, n ? fs[n - 1].id : 0);
}

void api_feedback_answer(Request *r)
{
    json_t *body = api_body_or_reply(r);
    if (!body)
        return;
    Fields f = {r, body};
    if (answer(r, &f))
        fields_reply_id(r, 200, "id", r->path_id);
    json_decref(body);
}

void api_feedback_clue(Request *r)
{
    json_t *body = api_body_or_reply(r);
    if (!body)
        return;
    Fields f = {r, body};
    int64_t clue_id;
    if (to_clue(r, &f, &clue_id))
        fields_reply_id(r, 201, "clue_id", clue_id);
    json_decref(body);
}
