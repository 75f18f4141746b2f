/*
** page_edit_finding.c: the office adds, edits, moves and deletes findings of the feedback
** (方面 / 项 / 问题 / 子问题). Moving up or down renumbers the printed labels of the siblings;
** moving under another parent (by its id, chosen from the parents offered) relabels the moved
** branch. A finding with measures is not deleted.
*/
#include "db/finding_store.h"
#include "ledger/plan.h"
#include "web/access.h"
#include "web/edit.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/routes.h"
#include "web/view.h"

/* A refusal as a page, with the way back to the plan. */
static void refused(Request *r, int64_t inspection_id, const char *text)
{
    edit_html_refused(r, text,
                      arena_printf(&r->arena, "/inspections/%lld/edit", (long long)inspection_id),
                      "返回编辑整改方案");
}

/* The Chinese of a refused finding edit. */
static const char *finding_refusal(const Err *err)
{
    if (err->code == ERR_CONFLICT && strstr(err->msg, "measures"))
        return "该问题（或其下级问题）已有整改措施，不能删除。请先调整或删除其措施。";
    if (err->code == ERR_CONFLICT)
        return "该问题已被他人修改，请刷新后重试。";
    if (err->code == ERR_INPUT && strstr(err->msg, "cannot sit"))
        return "层级不符：下级的层级须低于上级（方面 › 项 › 问题 › 子问题）。";
    if (err->code == ERR_INPUT && strstr(err->msg, "below itself"))
        return "不能把问题移到它自己的下级。";
    return "提交的内容未通过校验，请检查后重试。";
}

void page_finding_create(Request *r)
{
    Inspection in;
    if (!edit_inspection_or_reply(r, &in))
        return;
    Finding f = {0};
    f.inspection_id = in.id;
    f.level = LEVEL_PROBLEM;
    EditSave s;
    edit_save_begin_or_reply(r, EDIT_FORM, EDIT_NEW, &s); /* a form: always true */
    edit_read_finding(&s.in, &f, &s.faults);
    if (s.faults.n) {
        r->err.code = ERR_INPUT;
        refused(r, in.id, "请填写标题并选择层级。");
        return;
    }
    if (plan_finding_add(r->db, &s.actor, &f, &r->err) < 0) {
        refused(r, in.id, finding_refusal(&r->err));
        return;
    }
    edit_back_to_tree(r, in.id, "finding", f.id);
}

static void finding_form(Request *r, const Finding *f, const Inspection *in,
                         const EditFaults *faults, const char *error)
{
    Buf *h = &r->out;
    page_begin(r, "编辑反馈问题", NAV_INSPECTIONS);
    edit_html_crumbs(r, in, NULL, f->label, f->title);
    html_messages(h, error, NULL);
    HTML(h, "<h1>编辑反馈问题</h1>");
    edit_html_faults(h, faults);
    const char *names[LEVEL__COUNT], *labels[LEVEL__COUNT];
    for (int i = 0; i < LEVEL__COUNT; i++) {
        names[i] = model_level_name((FindingLevel)i);
        labels[i] = vocab_label(VOCAB_FINDING_LEVEL, (FindingLevel)i);
    }
    edit_html_form(r, "stack edit",
                   arena_printf(&r->arena, "/findings/%lld/edit", (long long)f->id));
    edit_html_version(h, f->version);
    edit_html_select(h, "层级", "level", names, labels, LEVEL__COUNT, (int)f->level);
    edit_html_input(h, "标题", "title", "text", f->title, true, faults);
    edit_html_textarea(h, "内容", "body", f->body, 6, faults);
    HTML(h, "<p><button type=\"submit\">保存</button></p></form>");

    /* Moving under another parent: the findings of a higher level are the candidates. */
    Finding *fs;
    int n;
    if (finding_store_list(r->db, &r->arena, in->id, &fs, &n, &r->err) < 0)
        n = 0;
    HTML(h, "<section><h2>调整位置</h2>");
    edit_html_form(r, "stack edit",
                   arena_printf(&r->arena, "/findings/%lld/move", (long long)f->id));
    HTML(h, "<label>移至<select name=\"parent_id\"><option value=\"top\">（作为顶层）</option>");
    for (int i = 0; i < n; i++) {
        if (fs[i].level < f->level && fs[i].id != f->id)
            edit_html_finding_option(r, &fs[i], fs[i].id == f->parent_id);
    }
    HTML(h, "</select></label><p><button type=\"submit\">移动</button></p></form>");
    char path[64];
    snprintf(path, sizeof path, "/findings/%lld/delete", (long long)f->id);
    edit_html_button(r, path, NULL, NULL, "删除该问题",
                     "删除后不可恢复（其下级问题一并删除）。确定删除？");
    HTML(h, "</section>");
    page_end(r);
}

void page_finding_edit(Request *r)
{
    Finding f;
    Inspection in;
    if (!edit_finding_or_reply(r, &f, &in))
        return;
    finding_form(r, &f, &in, NULL, NULL);
}

void page_finding_save(Request *r)
{
    Finding f;
    Inspection in;
    if (!edit_finding_or_reply(r, &f, &in))
        return;
    EditSave s;
    if (!edit_save_begin_or_reply(r, EDIT_FORM, EDIT_VERSIONED, &s))
        return;
    edit_read_finding(&s.in, &f, &s.faults);
    if (!s.faults.n && plan_finding_update(r->db, &s.actor, f.id, f.level, f.title, f.body,
                                           s.version, &r->err) == 0) {
        edit_back_to_tree(r, in.id, "finding", f.id);
        return;
    }
    if (!edit_refused_or_reply(r, &s.faults))
        return;
    f.version = s.version;
    finding_form(r, &f, &in, &s.faults, s.faults.n ? NULL : finding_refusal(&r->err));
}

void page_finding_move(Request *r)
{
    Finding f;
    Inspection in;
    if (!edit_finding_or_reply(r, &f, &in))
        return;
    const char *parent = request_form(r, "parent_id");
    int delta = edit_form_dir(r);
    int64_t new_parent = 0;
    if (parent && strcmp(parent, "top") == 0)
        new_parent = -1;
    else if (parent && !request_parse_id(parent, strlen(parent), &new_parent))
        new_parent = 0;
    if (!delta && !new_parent) {
        route_fail(r, 400, "bad_request", "dir up|down or parent_id");
        return;
    }
    int64_t id;
    Actor actor = workflow_actor(&r->user);
    if (plan_finding_move(r->db, &actor, f.id, new_parent, delta, &id, &r->err) < 0) {
        refused(r, in.id, finding_refusal(&r->err));
        return;
    }
    edit_back_to_tree(r, in.id, "moved", id);
}

void page_finding_delete(Request *r)
{
    Finding f;
    Inspection in;
    int rc = edit_delete_finding(r, &f, &in);
    if (rc < 0)
        refused(r, in.id, finding_refusal(&r->err));
    else if (rc > 0)
        edit_back_to_tree(r, in.id, "deleted", f.parent_id);
}
