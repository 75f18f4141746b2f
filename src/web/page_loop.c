/*
** page_loop.c: the daily loop on the measure page (page_loop.h) and its form post
** (POST /measures/:id/loop, handlers.h). Every action goes through ledger/followup.h, which asks
** loop.c's table; the forms shown are those loop_check allows r's user now, so a page never
** offers what the post would refuse.
*/
#include "web/page_loop.h"

#include "base/filetype.h"
#include "db/activity_store.h"
#include "db/evidence_store.h"
#include "ledger/followup.h"
#include "web/access.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/routes.h"
#include "web/server.h"
#include "web/view.h"

/* True when r's user may do action to s now (the same check the post makes). */
static bool may(Request *r, LoopAction a, const LoopSubject *s)
{
    Actor actor = workflow_actor(&r->user);
    Err err = ERR_INIT;
    return loop_check(a, s, &actor, "-", &err) == 0;
}

/* Open a loop form: <form method=post action=/measures/ID/loop> with csrf, action and object. */
static void form_open(Request *r, const Measure *m, LoopAction a, int64_t object, const char *cls,
                      bool files)
{
    Buf *h = &r->out;
    HTML(h, "<form method=\"post\" class=\"");
    html_text(h, cls);
    HTML(h, "\" action=\"/measures/");
    html_int(h, m->id);
    if (files)
        HTML(h, "/files\" enctype=\"multipart/form-data\"");
    else
        HTML(h, "/loop\"");
    HTML(h, ">");
    html_csrf(r);
    HTML(h, "<input type=\"hidden\" name=\"action\" value=\"");
    html_text(h, loop_action_name(a));
    HTML(h, "\">");
    if (object) {
        HTML(h, "<input type=\"hidden\" name=\"object\" value=\"");
        html_int(h, object);
        HTML(h, "\">");
    }
}

/* A one-button form, with a required reason field when reason is a label. */
static void button_form(Request *r, const Measure *m, LoopAction a, int64_t object,
                        const char *reason)
{
    Buf *h = &r->out;
    form_open(r, m, a, object, "inline-action", false);
    if (reason) {
        HTML(h, "<input type=\"text\" name=\"comment\" required maxlength=\"2000\" placeholder=\"");
        html_text(h, reason);
        HTML(h, "\" aria-label=\"");
        html_text(h, reason);
        HTML(h, "\">");
    }
    HTML(h, "<button type=\"submit\">");
    html_text(h, loop_action_label(a));
    HTML(h, "</button></form>");
}

void page_loop_instructions(Request *r, const Measure *m)
{
    Buf *h = &r->out;
    Instruction *is;
    int n;
    if (instruction_store_of_measure(r->db, &r->arena, m->id, 20, &is, &n, &r->err) < 0)
        n = 0;
    for (int i = 0; i < n; i++) {
        if (is[i].acknowledged_on != DAY_NONE)
            continue;
        HTML_TEXT(h, "<aside class=\"instruction\" role=\"note\"><strong>领导批示</strong> ",
                  is[i].leader, "（");
        html_day(r, h, is[i].given_on);
        HTML_TEXT(h, "）：", is[i].body, "");
        LoopSubject s = loop_subject_instruction(m, &is[i]);
        if (may(r, LOOP_INSTRUCTION_ACK, &s))
            button_form(r, m, LOOP_INSTRUCTION_ACK, is[i].id, NULL);
        HTML(h, "</aside>");
    }
}

/* The label of a media type: PDF 文件, 图片, Word 文档 … */
static const char *type_label(const char *media)
{
    FileType t = filetype_from_media(media);
    return t == FILETYPE_NONE ? "其他文件" : filetype_label(t);
}

/* The evidence rows of one report (progress_id) or of the measure itself (0). */
static void evidence_table(Request *r, const Measure *m, const Evidence *ev, int ne,
                           int64_t progress_id)
{
    Buf *h = &r->out;
    int shown = 0;
    for (int i = 0; i < ne; i++) {
        const Evidence *e = &ev[i];
        if (e->progress_id != progress_id)
            continue;
        if (!shown++)
            HTML(h, "<table class=\"responsive evidence\"><thead><tr><th>文件名</th><th>类型</th>"
                    "<th>大小</th><th>上传人</th><th>上传时间</th><th></th></tr></thead><tbody>");
        if (e->withdrawn_at)
            HTML(h, "<tr class=\"withdrawn\">");
        else
            HTML(h, "<tr>");
        view_td(h, "文件名");
        html_link(h, "/evidence/", e->id, NULL, e->file_name);
        if (e->withdrawn_at)
            HTML_TEXT(h, " <span class=\"tag\">已撤回</span> <small>", e->withdraw_reason,
                      "</small>");
        HTML(h, "</td>");
        view_cell_text(h, "类型", type_label(e->media_type));
        view_td(h, "大小");
        html_size(h, e->size);
        HTML(h, "</td>");
        view_cell_text(h, "上传人", e->uploader ? e->uploader : "—");
        view_td(h, "上传时间");
        html_time(r, h, e->uploaded_at);
        HTML(h, "</td>");
        view_td(h, "操作");
        if (filetype_inline(filetype_from_media(e->media_type))) {
            html_link(h, "/evidence/", e->id, "/view", "预览");
            HTML(h, " ");
        }
        LoopSubject s = loop_subject_evidence(m, e);
        if (may(r, LOOP_EVIDENCE_WITHDRAW, &s))
            button_form(r, m, LOOP_EVIDENCE_WITHDRAW, e->id, "撤回理由");
        HTML(h, "</td></tr>");
    }
    if (shown)
        HTML(h, "</tbody></table>");
}

/* The form attaching files to a draft (progress_id) or to the measure (0). */
static void upload_form(Request *r, const Measure *m, LoopAction a, int64_t progress_id)
{
    Buf *h = &r->out;
    form_open(r, m, a, progress_id, "upload", true);
    HTML(h, "<label>佐证材料 <input type=\"file\" name=\"files\" multiple required "
            "accept=\".pdf,.ofd,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,.wps,.et,.zip\"></label>"
            "<button type=\"submit\">上传</button></form>");
}

static void progress_section(Request *r, const Measure *m, const IdName *units, int nu)
{
    Buf *h = &r->out;
    Progress *ps;
    int np;
    Evidence *ev;
    int ne;
    if (progress_store_list(r->db, &r->arena, m->id, 20, &ps, &np, &r->err) < 0)
        np = 0;
    if (evidence_store_list(r->db, &r->arena, m->id, 500, &ev, &ne, &r->err) < 0)
        ne = 0;
    HTML(h, "<section id=\"progress\"><h2>整改进展</h2>");
    int shown = 0;
    for (int i = 0; i < np; i++) {
        const Progress *p = &ps[i];
        int st = (int)p->state;
        LoopSubject s = loop_subject_progress(m, p);
        /* A draft is its unit's business until submitted. */
        if (st == PROGRESS_DRAFT && !may(r, LOOP_PROGRESS_SUBMIT, &s))
            continue;
        shown++;
        HTML(h, "<article class=\"progress\"><header>");
        html_day(r, h, p->reported_on);
        HTML_TEXT(h, " · ", p->unit_id ? view_name(units, nu, p->unit_id) : "巡改办", " · ");
        HTML_INT(h, "", p->percent, "% <span class=\"tag\">");
        HTML_TEXT(h, "", vocab_label(VOCAB_PROGRESS_STATE, st), "</span></header>");
        HTML_TEXT(h, "<p>", p->body, "</p>");
        evidence_table(r, m, ev, ne, p->id);
        if (st == PROGRESS_DRAFT) {
            upload_form(r, m, LOOP_EVIDENCE_ATTACH, p->id);
            button_form(r, m, LOOP_PROGRESS_SUBMIT, p->id, NULL);
        }
        if (may(r, LOOP_PROGRESS_ACCEPT, &s)) {
            HTML(h, "<div class=\"actions\">");
            button_form(r, m, LOOP_PROGRESS_ACCEPT, p->id, NULL);
            button_form(r, m, LOOP_PROGRESS_RETURN, p->id, "退回理由");
            HTML(h, "</div>");
        }
        HTML(h, "</article>");
    }
    if (!shown)
        HTML(h, "<p class=\"empty\">尚未报送整改进展。</p>");
    LoopSubject s = {m, -1, 0, 0, false};
    if (may(r, LOOP_PROGRESS_DRAFT, &s)) {
        form_open(r, m, LOOP_PROGRESS_DRAFT, 0, "progress-form", true);
        HTML(h, "<h3>报送整改进展</h3><label>整改进展情况 <textarea name=\"comment\" rows=\"4\" "
                "required maxlength=\"20000\"></textarea></label><label>完成进度（%） "
                "<input type=\"number\" name=\"percent\" min=\"0\" max=\"100\" value=\"");
        html_int(h, m->percent);
        HTML(h, "\" required></label><label>佐证材料（可多选：PDF、OFD、图片、Word、Excel、WPS、"
                "压缩包） <input type=\"file\" name=\"files\" multiple "
                "accept=\".pdf,.ofd,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,.wps,.et,.zip\"></label>"
                "<div class=\"actions\"><button type=\"submit\" name=\"submit\" value=\"1\">报送</button>"
                "<button type=\"submit\" name=\"submit\" value=\"0\" class=\"secondary\">保存草稿"
                "</button></div></form>");
    }
    HTML(h, "</section>");

    HTML(h, "<section id=\"evidence\"><h2>佐证材料（措施）</h2>");
    bool any = false;
    for (int i = 0; i < ne && !any; i++)
        any = ev[i].progress_id == 0;
    if (any)
        evidence_table(r, m, ev, ne, 0);
    else
        HTML(h, "<p class=\"empty\">暂无直接附于措施的佐证材料。</p>");
    if (may(r, LOOP_EVIDENCE_ATTACH_MEASURE, &s))
        upload_form(r, m, LOOP_EVIDENCE_ATTACH_MEASURE, 0);
    HTML(h, "</section>");
}

void page_loop_supervision_fields(Buf *h)
{
    HTML(h, "<label>方式 <select name=\"kind\">");
    for (int k = 0; k < SUPERVISION__COUNT; k++)
        html_option(h, vocab_name(VOCAB_SUPERVISION_KIND, k),
                    vocab_label(VOCAB_SUPERVISION_KIND, k), false);
    HTML(h, "</select></label><label>督办事项 <textarea name=\"comment\" rows=\"2\" required "
            "maxlength=\"20000\"></textarea></label><label>反馈时限（督办） <input type=\"date\" "
            "name=\"respond_by\"></label><label>约谈日期（约谈） <input type=\"date\" "
            "name=\"talk_on\"></label><button type=\"submit\">发起督办</button>");
}

/*
** Open the section id headed title of m's n records when there is one or r may take action a
** (*can says which); false, writing nothing, when neither.
*/
static bool section_open(Request *r, const Measure *m, LoopAction a, int n, const char *id,
                         const char *title, bool *can)
{
    LoopSubject s = {m, -1, 0, 0, false};
    *can = may(r, a, &s);
    if (n == 0 && !*can)
        return false;
    HTML_TEXT(&r->out, "<section id=\"", id, "\">");
    HTML_TEXT(&r->out, "<h2>", title, "</h2>");
    return true;
}

static void supervision_section(Request *r, const Measure *m)
{
    Buf *h = &r->out;
    Supervision *ss;
    int n;
    if (supervision_store_of_measure(r->db, &r->arena, m->id, 50, &ss, &n, &r->err) < 0)
        n = 0;
    bool can_issue;
    if (!section_open(r, m, LOOP_SUPERVISION_ISSUE, n, "supervision", "督办", &can_issue))
        return;
    if (n)
        HTML(h, "<ul class=\"supervisions\">");
    for (int i = 0; i < n; i++) {
        const Supervision *s = &ss[i];
        HTML_TEXT(h, "<li><strong>", vocab_label(VOCAB_SUPERVISION_KIND, s->kind), "</strong> ");
        HTML_TEXT(h, "<span class=\"tag\">", vocab_label(VOCAB_SUPERVISION_STATE, s->state),
                  "</span> ");
        html_day(r, h, s->issued_on);
        HTML_TEXT(h, " ", s->issuer, "：");
        html_text(h, s->body);
        if (s->respond_by != DAY_NONE) {
            HTML(h, " <span class=\"due\">反馈时限 ");
            html_day(r, h, s->respond_by);
            if (s->state == SUPERVISION_OPEN && r->today > s->respond_by)
                HTML(h, "（已逾期）");
            HTML(h, "</span>");
        }
        if (s->talk_on != DAY_NONE) {
            HTML(h, " <span>约谈日期 ");
            html_day(r, h, s->talk_on);
            HTML(h, "</span>");
        }
        if (s->talk_record)
            HTML_TEXT(h, "<p>约谈记录：", s->talk_record, "</p>");
        if (s->response)
            HTML_TEXT(h, "<p>反馈：", s->response, "</p>");
        LoopSubject subj = loop_subject_supervision(m, s);
        if (may(r, LOOP_SUPERVISION_RESPOND, &subj))
            button_form(r, m, LOOP_SUPERVISION_RESPOND, s->id, "反馈内容");
        if (s->kind == SUPERVISION_TALK && may(r, LOOP_SUPERVISION_TALK, &subj))
            button_form(r, m, LOOP_SUPERVISION_TALK, s->id, "约谈记录");
        if (may(r, LOOP_SUPERVISION_LIFT, &subj))
            button_form(r, m, LOOP_SUPERVISION_LIFT, s->id, "解除理由");
        HTML(h, "</li>");
    }
    if (n)
        HTML(h, "</ul>");
    if (can_issue) {
        form_open(r, m, LOOP_SUPERVISION_ISSUE, 0, "supervise", false);
        HTML(h, "<h3>发起督办</h3>");
        page_loop_supervision_fields(h);
        HTML(h, "</form>");
    }
    HTML(h, "</section>");
}

static void revisit_section(Request *r, const Measure *m)
{
    Buf *h = &r->out;
    Revisit *vs;
    int n;
    if (revisit_store_of_measure(r->db, &r->arena, m->id, 20, &vs, &n, &r->err) < 0)
        n = 0;
    bool can;
    if (!section_open(r, m, LOOP_REVISIT_RECORD, n, "revisit", "回头看", &can))
        return;
    for (int i = 0; i < n; i++) {
        HTML(h, "<p>");
        html_day(r, h, vs[i].done_on);
        HTML_TEXT(h, " <span class=\"tag\">", vocab_label(VOCAB_REVISIT_RESULT, vs[i].result),
                  "</span> ");
        HTML_TEXT(h, "", vs[i].comment, "</p>");
    }
    if (can) {
        form_open(r, m, LOOP_REVISIT_RECORD, 0, "revisit", false);
        HTML(h, "<label>回头看结论 <select name=\"result\"><option value=\"held\">巩固</option>"
                "<option value=\"relapsed\">反弹</option></select></label><label>情况说明（反弹须填写）"
                " <input type=\"text\" name=\"comment\" maxlength=\"2000\"></label>"
                "<button type=\"submit\">记录回头看</button></form>");
    }
    HTML(h, "</section>");
}

static void instruction_form(Request *r, const Measure *m)
{
    LoopSubject s = {m, -1, 0, 0, false};
    if (!may(r, LOOP_INSTRUCTION_GIVE, &s))
        return;
    Buf *h = &r->out;
    HTML(h, "<section id=\"instruct\"><h2>领导批示</h2>");
    form_open(r, m, LOOP_INSTRUCTION_GIVE, 0, "instruct", false);
    HTML(h, "<label>批示内容 <textarea name=\"comment\" rows=\"2\" required maxlength=\"20000\">"
            "</textarea></label><button type=\"submit\">作出批示</button></form></section>");
}

void page_loop_sections(Request *r, const Measure *m, const Inspection *in, const IdName *units,
                        int n_units)
{
    (void)in;
    progress_section(r, m, units, n_units);
    supervision_section(r, m);
    instruction_form(r, m);
    revisit_section(r, m);
}

void page_loop_listed(Request *r, int64_t inspection_id)
{
    Buf *h = &r->out;
    Supervision *ss;
    int n;
    if (supervision_store_listed(r->db, &r->arena, r->user.org_unit_id, 20, &ss, &n, &r->err) < 0)
        return;
    int shown = 0;
    for (int i = 0; i < n; i++) {
        const Supervision *s = &ss[i];
        if (s->inspection_id != inspection_id)
            continue;
        /* A unit sees the listings of its own unit and measures only. */
        if (access_unit_only(&r->user) && s->unit_id != r->user.unit_id)
            continue;
        if (!shown++)
            HTML(h, "<section class=\"listed\"><h2>挂牌督办</h2><ul>");
        HTML(h, "<li><strong>");
        if (s->measure_id)
            html_link(h, "/measures/", s->measure_id, "#supervision", s->target);
        else
            html_text(h, s->target);
        HTML(h, "</strong> ");
        html_day(r, h, s->issued_on);
        HTML_TEXT(h, " 挂牌：", s->body, "</li>");
    }
    if (shown)
        HTML(h, "</ul></section>");
}

const char *page_loop_done(const char *name)
{
    static const struct {
        LoopAction action;
        const char *text;
    } texts[] = {
        {LOOP_PROGRESS_DRAFT, "已保存整改进展草稿，可继续上传佐证材料后报送。"},
        {LOOP_PROGRESS_SUBMIT, "已报送整改进展，已记入办理过程。"},
        {LOOP_PROGRESS_ACCEPT, "已采纳责任单位报送的整改进展。"},
        {LOOP_PROGRESS_RETURN, "已退回整改进展，退回理由已通知报送单位。"},
        {LOOP_EVIDENCE_ATTACH, "佐证材料已上传。"},
        {LOOP_EVIDENCE_ATTACH_MEASURE, "佐证材料已上传。"},
        {LOOP_EVIDENCE_WITHDRAW, "佐证材料已撤回，撤回理由已记入办理过程。"},
        {LOOP_SUPERVISION_ISSUE, "已发起督办，责任单位将在待办中看到。"},
        {LOOP_SUPERVISION_RESPOND, "已反馈督办事项。"},
        {LOOP_SUPERVISION_TALK, "已记录约谈情况。"},
        {LOOP_SUPERVISION_LIFT, "已解除督办。"},
        {LOOP_INSTRUCTION_GIVE, "批示已送达，将显示在该措施页面顶部直至阅知。"},
        {LOOP_INSTRUCTION_ACK, "已阅知领导批示。"},
        {LOOP_REVISIT_RECORD, "回头看情况已记录。"},
    };
    int a = loop_action_parse(name);
    for (size_t i = 0; i < ARRAY_SIZE(texts); i++)
        if ((int)texts[i].action == a)
            return texts[i].text;
    return NULL;
}

/* ---- The post: POST /measures/:id/loop (forms) and /measures/:id/files (with files). ---- */

/* The Chinese reason of a refusal. */
static const char *refusal(LoopAction a, const Err *err)
{
    switch (err->code) {
    case ERR_FORBIDDEN:
        if (a == LOOP_PROGRESS_ACCEPT || a == LOOP_PROGRESS_RETURN)
            return "您的账号不能审核该进展（报送人本人不能审核，责任单位的进展由牵头单位审核）。";
        return "您的账号不能对该事项执行此项操作。";
    case ERR_CONFLICT:
        if (a == LOOP_EVIDENCE_ATTACH)
            return "进展报送后佐证材料不可更改；如有误传，请撤回并说明理由。";
        return "该事项的当前状态不允许此项操作，可能已被他人办理，请刷新后重试。";
    case ERR_TOO_LARGE:
        return "填写的内容过长。";
    case ERR_NOTFOUND:
        return "要办理的记录不存在。";
    case ERR_INPUT:
        switch (a) {
        case LOOP_SUPERVISION_ISSUE:
            return "请填写督办事项；督办须设定不早于今天的反馈时限，约谈须填写约谈日期。";
        case LOOP_REVISIT_RECORD:
            return "认定反弹须说明情况。";
        case LOOP_PROGRESS_DRAFT:
            return "请填写整改进展情况，完成进度须在 0 至 100 之间。";
        default:
            return "请填写必要的内容或理由。";
        }
    default:
        return "系统暂时无法完成该操作，请稍后重试。";
    }
}

static void refuse(Request *r, const Measure *m, LoopAction a, int status, const char *text)
{
    buf_reset(&r->out);
    r->status = status;
    r->cacheable = false;
    page_refused(r, NAV_MEASURES, loop_action_label(a), text,
                 arena_printf(&r->arena, "/measures/%lld", (long long)m->id), "返回整改措施");
}

static void fail(Request *r, const Measure *m, LoopAction a, const Err *err)
{
    int status = route_status_of(err->code);
    if (status == 500) {
        route_fail_err(r, err);
        return;
    }
    refuse(r, m, a, status, refusal(a, err));
}

/* The files of the request, checked by content before anything is written: false after a 415. */
static bool files_allowed(Request *r, const Measure *m, LoopAction a)
{
    for (int i = 0; i < r->n_uploads; i++) {
        const Upload *u = &r->uploads[i];
        if (!u->tmp_path)
            continue;
        const char *reason = NULL;
        int t = filetype_detect_file(u->tmp_path, u->filename, &reason);
        if (t <= 0) {
            refuse(r, m, a, 415, reason ? reason : "无法读取上传的文件。");
            return false;
        }
    }
    return true;
}

/* Attach every uploaded file to progress_id (or the measure); false after replying. */
static bool attach_all(Request *r, const Measure *m, int64_t progress_id)
{
    Actor actor = workflow_actor(&r->user);
    const char *files = evidence_files_dir(&r->arena, r->config->db_path);
    LoopAction a = progress_id ? LOOP_EVIDENCE_ATTACH : LOOP_EVIDENCE_ATTACH_MEASURE;
    for (int i = 0; i < r->n_uploads; i++) {
        Upload *u = &r->uploads[i];
        if (!u->tmp_path || u->size == 0)
            continue;
        EvidenceUpload e = {u->filename, u->tmp_path, u->size, u->sha256};
        int64_t id;
        const char *refused;
        Err err = ERR_INIT;
        if (ledger_evidence_attach(r->db, files, &actor, m->id, progress_id, &e, &id, &refused,
                                   &err) < 0) {
            if (refused)
                refuse(r, m, a, 415, refused);
            else
                fail(r, m, a, &err);
            return false;
        }
        u->tmp_path = NULL; /* placed (or, when stored already, removed) */
    }
    return true;
}

static Day form_day(Request *r, const char *name)
{
    const char *v = request_form(r, name);
    Day d;
    if (!v || !*v || date_parse(v, strlen(v), &d) < 0)
        return DAY_NONE;
    return d;
}

/* The measure of each kind of object, to refuse an object of another measure (404). */
static int64_t object_measure(Request *r, LoopAction a, int64_t id)
{
    Err err = ERR_INIT;
    switch (a) {
    case LOOP_PROGRESS_SUBMIT:
    case LOOP_PROGRESS_ACCEPT:
    case LOOP_PROGRESS_RETURN:
    case LOOP_EVIDENCE_ATTACH: {
        Progress p;
        return progress_store_get(r->db, &r->arena, id, &p, &err) < 0 ? 0 : p.measure_id;
    }
    case LOOP_EVIDENCE_WITHDRAW: {
        Evidence e;
        return evidence_store_get(r->db, &r->arena, id, &e, &err) < 0 ? 0 : e.measure_id;
    }
    case LOOP_SUPERVISION_RESPOND:
    case LOOP_SUPERVISION_TALK:
    case LOOP_SUPERVISION_LIFT: {
        Supervision s;
        return supervision_store_get(r->db, &r->arena, id, &s, &err) < 0 ? 0 : s.measure_id;
    }
    case LOOP_INSTRUCTION_ACK: {
        Instruction i;
        return instruction_store_get(r->db, &r->arena, id, &i, &err) < 0 ? 0 : i.measure_id;
    }
    default:
        return -1; /* no object */
    }
}

static int perform(Request *r, const Measure *m, LoopAction a, int64_t object, const char *comment,
                   Err *err)
{
    Actor actor = workflow_actor(&r->user);
    switch (a) {
    case LOOP_PROGRESS_SUBMIT:
        return ledger_progress_submit(r->db, &actor, object, r->today, err);
    case LOOP_PROGRESS_ACCEPT:
    case LOOP_PROGRESS_RETURN:
        return ledger_progress_review(r->db, &actor, object, a == LOOP_PROGRESS_ACCEPT, comment,
                                      r->today, err);
    case LOOP_EVIDENCE_WITHDRAW:
        return ledger_evidence_withdraw(r->db, &actor, object, comment, err);
    case LOOP_SUPERVISION_ISSUE: {
        Supervision s = {0};
        int k = vocab_parse(VOCAB_SUPERVISION_KIND, request_form(r, "kind"));
        if (k < 0)
            return err_fail(err, ERR_INPUT, "unknown supervision kind");
        s.kind = (SupervisionKind)k;
        s.measure_id = m->id;
        s.body = comment;
        s.respond_by = form_day(r, "respond_by");
        s.talk_on = form_day(r, "talk_on");
        return ledger_supervision_issue(r->db, &actor, &s, r->today, err);
    }
    case LOOP_SUPERVISION_RESPOND:
    case LOOP_SUPERVISION_TALK:
    case LOOP_SUPERVISION_LIFT:
        return ledger_supervision_act(r->db, &actor, object, a, comment, r->today, err);
    case LOOP_INSTRUCTION_GIVE: {
        int64_t id;
        return ledger_instruction_give(r->db, &actor, m->id, comment, r->today, &id, err);
    }
    case LOOP_INSTRUCTION_ACK:
        return ledger_instruction_ack(r->db, &actor, object, r->today, err);
    case LOOP_REVISIT_RECORD: {
        int v = vocab_parse(VOCAB_REVISIT_RESULT, request_form(r, "result"));
        if (v < 0)
            return err_fail(err, ERR_INPUT, "unknown revisit finding");
        return ledger_revisit_record(r->db, &actor, m->id, (RevisitResult)v, comment, r->today,
                                     err);
    }
    default:
        return err_fail(err, ERR_USAGE, "not an action of this form");
    }
}

void page_measure_loop(Request *r)
{
    Measure m;
    Inspection in;
    if (!access_measure_or_reply(r, r->path_id, &m, &in))
        return;
    int a = loop_action_parse(request_form(r, "action"));
    const char *object_text = request_form(r, "object");
    int64_t object = 0;
    if (a < 0 || (object_text && !request_parse_id(object_text, strlen(object_text), &object))) {
        route_fail(r, 400, "bad_request", "unknown action or object");
        return;
    }
    const char *comment = request_form(r, "comment");
    if (comment && !*comment)
        comment = NULL;
    int64_t owner = object_measure(r, (LoopAction)a, object);
    if (owner == 0 || (owner > 0 && owner != m.id)) {
        route_fail(r, 404, "not_found", "no such object on this measure");
        return;
    }
    Err err = ERR_INIT;
    const char *submit = request_form(r, "submit");
    bool submit_now = submit && strcmp(submit, "1") == 0;
    if (a == LOOP_PROGRESS_DRAFT || a == LOOP_EVIDENCE_ATTACH || a == LOOP_EVIDENCE_ATTACH_MEASURE) {
        if (!files_allowed(r, &m, (LoopAction)a))
            return;
        int64_t progress = object;
        if (a == LOOP_PROGRESS_DRAFT) {
            const char *pct = request_form(r, "percent");
            char *end = NULL;
            long percent = pct ? strtol(pct, &end, 10) : m.percent;
            if (pct && (end == pct || *end))
                percent = -1;
            Actor actor = workflow_actor(&r->user);
            if (ledger_progress_draft(r->db, &actor, m.id, comment, (int)percent, r->today, false,
                                      &progress, &err) < 0) {
                fail(r, &m, (LoopAction)a, &err);
                return;
            }
        }
        if (!attach_all(r, &m, progress))
            return;
        if (a == LOOP_PROGRESS_DRAFT && submit_now &&
            perform(r, &m, LOOP_PROGRESS_SUBMIT, progress, NULL, &err) < 0) {
            fail(r, &m, LOOP_PROGRESS_SUBMIT, &err);
            return;
        }
    } else if (perform(r, &m, (LoopAction)a, object, comment, &err) < 0) {
        if (err.code == ERR_USAGE)
            route_fail(r, 400, "bad_request", err.msg);
        else
            fail(r, &m, (LoopAction)a, &err);
        return;
    }
    /* A report written with "报送" is said as submitted. */
    LoopAction said = a == LOOP_PROGRESS_DRAFT && submit_now ? LOOP_PROGRESS_SUBMIT : (LoopAction)a;
    /* No #section: the page puts the focus on the notice that says what happened. */
    request_redirect(r, arena_printf(&r->arena, "/measures/%lld?done=%s", (long long)m.id,
                                     loop_action_name(said)));
}
