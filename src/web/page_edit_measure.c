/*
** page_edit_measure.c: the office adds and edits measures (text, short title, kind, target,
** deadline, leaders, lead unit, co-units), moves them within their problem, deletes them while
** the plan is a draft and withdraws them (撤销, with a reason) once it is issued. Owners are typed
** as names (picker.js suggests them as one types; without it the server matches the names and
** says which one it does not know). After issue a change of deadline or owners asks for a reason.
*/
#include "db/finding_store.h"
#include "db/org_store.h"
#include "ledger/plan.h"
#include "web/access.h"
#include "web/edit.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/routes.h"
#include "web/view.h"

/* The names of the owners as the form shows them: units by name, persons "姓名（职务）". */
static const char *owner_names(Request *r, const int64_t *ids, int n, bool persons)
{
    Buf b = BUF_INIT;
    for (int i = 0; i < n; i++) {
        Unit u;
        Person p;
        Err err = ERR_INIT;
        const char *name = NULL, *post = "";
        if (persons && person_store_get(r->db, &r->arena, ids[i], &p, &err) == 0) {
            name = p.name;
            post = p.post;
        } else if (!persons && unit_store_get(r->db, &r->arena, ids[i], &u, &err) == 0) {
            name = u.name;
        }
        if (!name)
            continue;
        if (b.len)
            buf_puts(&b, "、");
        buf_puts(&b, name);
        if (*post) {
            buf_puts(&b, "（");
            buf_puts(&b, post);
            buf_puts(&b, "）");
        }
    }
    const char *out = arena_strdup(&r->arena, b.data);
    buf_free(&b);
    return out;
}

/* The owner text of the form: what was typed when shown again, else the stored owners. */
static const char *owner_text(Request *r, const char *name, const char *stored)
{
    const char *typed = r->method == HTTP_POST ? request_form(r, name) : NULL;
    return typed ? typed : stored;
}

/* The form of a measure; action is where it posts, issued asks for a reason. */
static void measure_form(Request *r, const Measure *m, const Inspection *in, const char *action,
                         const EditFaults *f)
{
    Buf *h = &r->out;
    const char *kind_names[KIND__COUNT], *kind_labels[KIND__COUNT];
    for (int i = 0; i < KIND__COUNT; i++) {
        kind_names[i] = model_kind_name((MeasureKind)i);
        kind_labels[i] = model_kind_label((MeasureKind)i);
    }
    edit_html_faults(h, f);
    edit_html_form(r, "stack edit", action);
    if (m->id)
        edit_html_version(h, m->version);
    edit_html_input(h, "措施简称", "title", "text", m->title, true, f);
    edit_html_textarea(h, "措施内容", "body", m->body, 5, f);
    edit_html_textarea(h, "目标要求", "target", m->target, 2, f);
    edit_html_select(h, "整改类型", "kind", kind_names, kind_labels, KIND__COUNT, (int)m->kind);
    edit_html_day(h, "整改时限", "deadline", m->deadline, f);
    edit_html_check(h, "并长期坚持", "long_term", m->long_term);
    edit_html_check(h, "须经实地复核", "onsite_required", m->onsite_required);
    HTML(h, "<div class=\"picker\" data-search=\"/api/v1/persons\" data-multi=\"1\">");
    edit_html_input(h, "责任领导（多人以“、”分隔；重名时写“姓名（职务）”）", "leaders", "text",
                    owner_text(r, "leaders", owner_names(r, m->leader_ids, m->n_leaders, true)),
                    false, f);
    HTML(h, "</div><div class=\"picker\" data-search=\"/api/v1/units\">");
    edit_html_input(h, "牵头单位", "lead_unit", "text",
                    owner_text(r, "lead_unit",
                               owner_names(r, &m->lead_unit_id, m->lead_unit_id ? 1 : 0, false)),
                    false, f);
    HTML(h, "</div><div class=\"picker\" data-search=\"/api/v1/units\" data-multi=\"1\">");
    edit_html_input(h, "责任单位（多个以“、”分隔）", "co_units", "text",
                    owner_text(r, "co_units", owner_names(r, m->co_unit_ids, m->n_co_units, false)),
                    false, f);
    HTML(h, "</div>");
    if (in->plan_state == PLAN_ISSUED && m->id) {
        const char *reason = r->method == HTTP_POST ? request_form(r, "reason") : NULL;
        edit_html_textarea(
            h, "调整理由（整改方案已印发，调整时限、牵头单位、责任单位或责任领导须说明理由）",
            "reason", reason, 2, f);
    }
    HTML(h, "<p><button type=\"submit\">保存</button></p></form>"
            "<script src=\"/assets/picker.js\" defer></script>");
}

/* The form of measure m (m->id 0: a new one of finding m->finding_id), with faults and error. */
static void measure_page(Request *r, const Measure *m, const Inspection *in, const EditFaults *f,
                         const char *error)
{
    Buf *h = &r->out;
    const char *title = m->id ? "编辑整改措施" : "新增整改措施";
    const char *action =
        m->id ? arena_printf(&r->arena, "/measures/%lld/edit", (long long)m->id)
              : arena_printf(&r->arena, "/findings/%lld/measures", (long long)m->finding_id);
    page_begin(r, title, NAV_INSPECTIONS);
    edit_html_crumbs(r, in, arena_printf(&r->arena, "/measures/%lld", (long long)m->id), m->label,
                     m->id ? m->title : NULL);
    html_messages(h, error, NULL);
    HTML(h, "<h1>");
    html_text(h, title);
    HTML(h, "</h1>");
    if (m->withdrawn) {
        HTML(h, "<p class=\"alert\">该措施已撤销，理由：");
        html_text(h, m->withdrawn);
        HTML(h, "</p>");
        page_end(r);
        return;
    }
    measure_form(r, m, in, action, f);
    if (m->id) {
        char path[64];
        HTML(h, "<section><h2>其他操作</h2>");
        /* Moving to another problem: the problems of the inspection are the candidates. */
        Finding *fs;
        int nf;
        if (finding_store_list(r->db, &r->arena, in->id, &fs, &nf, &r->err) < 0)
            nf = 0;
        edit_html_form(r, "inline-add",
                       arena_printf(&r->arena, "/measures/%lld/move", (long long)m->id));
        HTML(h, "<label>移至问题<select name=\"finding_id\">");
        for (int i = 0; i < nf; i++) {
            if (fs[i].level >= LEVEL_PROBLEM)
                edit_html_finding_option(r, &fs[i], fs[i].id == m->finding_id);
        }
        HTML(h, "</select></label><button type=\"submit\">移动</button></form>");
        if (in->plan_state == PLAN_DRAFT) {
            snprintf(path, sizeof path, "/measures/%lld/delete", (long long)m->id);
            edit_html_button(r, path, NULL, NULL, "删除该措施", "删除后不可恢复。确定删除？");
        } else {
            edit_html_form(r, "stack edit",
                           arena_printf(&r->arena, "/measures/%lld/withdraw", (long long)m->id));
            edit_html_version(h, m->version);
            edit_html_textarea(h, "撤销理由", "reason", NULL, 2, NULL);
            HTML(
                h,
                "<p><button type=\"submit\" data-confirm=\"撤销后该措施不再计入台账，办理记录保留。"
                "确定撤销？\">撤销该措施</button></p></form>");
        }
        HTML(h, "</section>");
    }
    page_end(r);
}

void page_measure_new(Request *r)
{
    Finding f;
    Inspection in;
    if (!edit_finding_or_reply(r, &f, &in))
        return;
    Measure m = edit_new_measure(&f, &in);
    measure_page(r, &m, &in, NULL, NULL);
}

void page_measure_create(Request *r)
{
    Finding f;
    Inspection in;
    if (!edit_finding_or_reply(r, &f, &in))
        return;
    Measure m = edit_new_measure(&f, &in);
    EditSave s;
    edit_save_begin_or_reply(r, EDIT_FORM, EDIT_NEW, &s); /* a form: always true */
    edit_read_measure(&s.in, &m, &s.faults);
    if (!s.faults.n && plan_measure_add(r->db, &s.actor, &m, &r->err) == 0) {
        edit_back_to_tree(r, in.id, "saved", f.id);
        return;
    }
    if (!s.faults.n) {
        route_fail_err(r, &r->err);
        return;
    }
    r->status = 422;
    r->cacheable = false;
    measure_page(r, &m, &in, &s.faults, NULL);
}

void page_measure_edit(Request *r)
{
    Measure m;
    Inspection in;
    if (!edit_measure_or_reply(r, &m, &in))
        return;
    measure_page(r, &m, &in, NULL, NULL);
}

void page_measure_save(Request *r)
{
    Measure m;
    Inspection in;
    if (!edit_measure_or_reply(r, &m, &in))
        return;
    EditSave s;
    if (!edit_save_begin_or_reply(r, EDIT_FORM, EDIT_VERSIONED, &s))
        return;
    edit_read_measure(&s.in, &m, &s.faults);
    if (!s.faults.n &&
        plan_measure_update(r->db, &s.actor, &m, s.version, edit_reason(&s.in), &r->err) == 0) {
        request_redirect(r, arena_printf(&r->arena, "/measures/%lld?done=1", (long long)m.id));
        return;
    }
    if (!edit_refused_or_reply(r, &s.faults))
        return;
    const char *error = NULL;
    if (r->status == 409)
        error = "保存未成功：该措施已被他人修改。请刷新页面查看最新内容后再修改。";
    else if (!s.faults.n)
        edit_fault(&s.faults, "reason", "整改方案已印发，调整时限或责任主体须填写调整理由。");
    m.version = s.version;
    measure_page(r, &m, &in, &s.faults, error);
}

/* A refused action on a measure, in Chinese, with the way back. */
static void refused(Request *r, const Measure *m, const char *text)
{
    edit_html_refused(r, text, arena_printf(&r->arena, "/measures/%lld/edit", (long long)m->id),
                      "返回整改措施");
}

void page_measure_move(Request *r)
{
    Measure m;
    Inspection in;
    if (!edit_measure_or_reply(r, &m, &in))
        return;
    const char *to = request_form(r, "finding_id");
    int delta = edit_form_dir(r);
    int64_t finding = 0;
    if (to && !request_parse_id(to, strlen(to), &finding))
        finding = 0;
    if (!delta && !finding) {
        route_fail(r, 400, "bad_request", "dir up|down or finding_id");
        return;
    }
    Actor actor = workflow_actor(&r->user);
    if (plan_measure_move(r->db, &actor, m.id, finding, delta, &r->err) < 0) {
        refused(r, &m, "调整未成功：目标问题不存在或不属于本整改事项，请刷新后重试。");
        return;
    }
    if (finding)
        m.finding_id = finding;
    edit_back_to_tree(r, in.id, "moved", m.finding_id);
}

void page_measure_delete(Request *r)
{
    Measure m;
    Inspection in;
    int rc = edit_delete_measure(r, &m, &in);
    if (rc < 0)
        refused(r, &m, "整改方案已印发，措施不能删除；如确需取消，请填写理由后撤销。");
    else if (rc > 0)
        edit_back_to_tree(r, in.id, "deleted", m.finding_id);
}

void page_measure_withdraw(Request *r)
{
    Measure m;
    Inspection in;
    int rc = edit_withdraw_measure(r, EDIT_FORM, &m, &in);
    if (rc < 0)
        refused(r, &m,
                r->err.code == ERR_INPUT
                    ? "撤销措施须填写理由。"
                    : "撤销未成功：该措施已被他人修改、已撤销，或方案尚未印发（草稿可直接删除）。");
    else if (rc > 0)
        request_redirect(r, arena_printf(&r->arena, "/measures/%lld", (long long)m.id));
}
