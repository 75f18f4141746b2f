/*
** page_edit_inspection.c: the office creates an inspection (/inspections/new) and keeps it
** (/inspections/:id/edit): every field of SPEC §3, the plan's state, the coverage check with a
** link to each gap, the issue button (印发), and the tree editor: each finding with its
** measures, buttons to move them up and down, links to edit them, forms to add a child finding
** or a measure. Without JavaScript everything works; picker.js only adds suggestions.
*/
#include "db/coverage_store.h"
#include "db/edit_store.h"
#include "db/finding_store.h"
#include "db/inspection_store.h"
#include "ledger/plan.h"
#include "web/access.h"
#include "web/edit.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/routes.h"
#include "web/view.h"

/* The form of every editable field; action is where it posts. */
static void inspection_form(Request *r, const Inspection *in, const char *action,
                            const EditFaults *f)
{
    Buf *h = &r->out;
    const char *kind_names[INSPECTION__COUNT], *kind_labels[INSPECTION__COUNT];
    for (int i = 0; i < INSPECTION__COUNT; i++) {
        kind_names[i] = model_inspection_kind_name((InspectionKind)i);
        kind_labels[i] = vocab_label(VOCAB_INSPECTION_KIND, (InspectionKind)i);
    }
    const char *cycle_names[CYCLE__COUNT], *cycle_labels[CYCLE__COUNT];
    for (int i = 0; i < CYCLE__COUNT; i++) {
        cycle_names[i] = model_cycle_name((ReportCycle)i);
        cycle_labels[i] = vocab_label(VOCAB_REPORT_CYCLE, (ReportCycle)i);
    }
    edit_html_faults(h, f);
    edit_html_form(r, "stack edit", action);
    if (in->id)
        edit_html_version(h, in->version);
    HTML(h, "<fieldset><legend>基本信息</legend>");
    edit_html_select(h, "类型", "kind", kind_names, kind_labels, INSPECTION__COUNT, (int)in->kind);
    edit_html_input(h, "整改事项名称", "title", "text", in->title, true, f);
    edit_html_input(h, "上级机关（如 省委、市委、区委）", "superior", "text", in->superior, false,
                    f);
    edit_html_input(h, "巡视（察）组", "group_name", "text", in->group_name, false, f);
    edit_html_input(h, "被巡视（察）党组织", "target", "text", in->target, false, f);
    HTML(h, "</fieldset><fieldset><legend>时间</legend>");
    edit_html_day(h, "进驻开始", "onsite_start", in->onsite_start, f);
    edit_html_day(h, "进驻结束", "onsite_end", in->onsite_end, f);
    edit_html_day(h, "反馈日期", "feedback_on", in->feedback_on, f);
    edit_html_day(h, "集中整改期截止", "concentrated_end", in->concentrated_end, f);
    HTML(h, "</fieldset><fieldset><legend>报送与预警</legend>");
    edit_html_select(h, "报送周期", "report_cycle", cycle_names, cycle_labels, CYCLE__COUNT,
                     (int)in->report_cycle);
    char num[16];
    snprintf(num, sizeof num, "%d", in->report_due_day);
    edit_html_input(h, "报送日（每周第几天或每月几日，0 为默认）", "report_due_day", "number", num,
                    false, f);
    snprintf(num, sizeof num, "%d", in->warn_days);
    edit_html_input(h, "临近时限预警天数", "warn_days", "number", num, false, f);
    snprintf(num, sizeof num, "%d",
             in->revisit_months > 0 ? in->revisit_months : INSPECTION_REVISIT_DEFAULT);
    edit_html_input(h, "销号后回头看间隔（月，1～36）", "revisit_months", "number", num, false, f);
    edit_html_check(h, "销号前须经责任领导签批", "require_signoff", in->require_signoff);
    edit_html_check(h, "新增措施须经实地复核", "require_onsite", in->require_onsite);
    HTML(h, "</fieldset><fieldset><legend>联系方式（公开通报中使用）</legend>");
    edit_html_input(h, "联系电话", "contact_phone", "text", in->contact_phone, false, f);
    edit_html_input(h, "电子邮箱", "contact_email", "text", in->contact_email, false, f);
    edit_html_input(h, "通信地址", "contact_address", "text", in->contact_address, false, f);
    HTML(h, "</fieldset><p><button type=\"submit\">保存</button></p></form>");
}

void page_inspection_new(Request *r)
{
    Inspection in = edit_new_inspection(&r->user);
    page_begin(r, "新建整改事项", NAV_INSPECTIONS);
    HTML(&r->out, "<h1>新建整改事项</h1><p class=\"hint\">新建的整改方案为草稿，"
                  "巡改办完善问题和措施并通过完整性检查后印发，责任单位方可看到。</p>");
    inspection_form(r, &in, "/inspections/new", NULL);
    page_end(r);
}

static void form_again(Request *r, int status, const char *title, const Inspection *in,
                       const char *action, const EditFaults *f)
{
    r->status = status;
    r->cacheable = false;
    page_begin_h1(r, title, NAV_INSPECTIONS);
    inspection_form(r, in, action, f);
    page_end(r);
}

void page_inspection_create(Request *r)
{
    if (!route_allowed_or_reply(r, access_edit(&r->user, NULL),
                                "only the office creates inspections"))
        return;
    Inspection in = edit_new_inspection(&r->user);
    EditSave s;
    edit_save_begin_or_reply(r, EDIT_FORM, EDIT_NEW, &s); /* a form: always true */
    edit_read_inspection(&s.in, &in, &s.faults);
    if (s.faults.n) {
        form_again(r, 422, "新建整改事项", &in, "/inspections/new", &s.faults);
        return;
    }
    if (plan_inspection_create(r->db, &s.actor, &in, &r->err) < 0) {
        route_fail_err(r, &r->err);
        return;
    }
    request_redirect(
        r, arena_printf(&r->arena, "/inspections/%lld/edit?done=created", (long long)in.id));
}

/* The gaps of the coverage check (the first n of total), each a link to where it is mended. */
static void coverage(Request *r, const Inspection *in, const PlanGap *gaps, int n, int total)
{
    Buf *h = &r->out;
    HTML(h, "<section id=\"coverage\"><h2>完整性检查</h2>");
    if (total == 0) {
        HTML(
            h,
            "<p class=\"notice\">每个问题都有整改措施，每项措施都明确了牵头单位、责任领导和整改时限"
            "（或长期坚持）。</p>");
    } else {
        HTML(h, "<p>尚有 <strong>");
        html_int(h, total);
        HTML(h, "</strong> 处需要完善：</p><ul class=\"gaps\">");
        for (int i = 0; i < n; i++) {
            if (i == 10) /* the rest folded: a ledger just imported lacks owners everywhere */
                HTML(h, "</ul><details><summary>展开其余各处</summary><ul class=\"gaps\">");
            const char *href =
                gaps[i].measure_id
                    ? arena_printf(&r->arena, "/measures/%lld/edit", (long long)gaps[i].measure_id)
                    : arena_printf(&r->arena, "/findings/%lld/edit", (long long)gaps[i].finding_id);
            HTML(h, "<li>");
            edit_html_record(h, href, gaps[i].label, gaps[i].title);
            HTML(h, "：");
            html_text(h, plan_gap_label(gaps[i].kind));
            HTML(h, "</li>");
        }
        if (total > n) {
            HTML(h, "<li>……（仅列出前 ");
            html_int(h, n);
            HTML(h, " 处）</li>");
        }
        HTML(h, "</ul>");
        if (n > 10)
            HTML(h, "</details>");
    }
    if (in->plan_state == PLAN_DRAFT) {
        char action[64];
        snprintf(action, sizeof action, "/inspections/%lld/issue", (long long)in->id);
        edit_html_button(r, action, NULL, NULL, "印发整改方案",
                         "印发后责任单位即可看到本方案的措施并开始报送，调整时限和责任主体须说明理"
                         "由。确定印发？");
    }
    HTML(h, "</section>");
}

/* One measure line of the tree editor. */
static void tree_measure(Request *r, const Measure *m)
{
    Buf *h = &r->out;
    HTML(h, "<li class=\"measure\">");
    edit_html_record(h, arena_printf(&r->arena, "/measures/%lld/edit", (long long)m->id), m->label,
                     m->title);
    HTML(h, " ");
    edit_html_updown(r, arena_printf(&r->arena, "/measures/%lld/move", (long long)m->id));
    HTML(h, "</li>");
}

/*
** The tree editor: findings in tree order, indented by depth, with their measures in force. A
** plan of up to EDIT_TREE_ROWS measures shows them all; a larger one shows each finding's count
** with a link that opens it (?problem=ID), and the measures of the finding opened, so that the
** page costs what it shows (a city's plan holds 10,000).
*/
typedef struct TreeEdit {
    Finding *fs; /* the inspection's findings, by id */
    int nf;
    FindingCount *counts; /* the findings' measures in force, by finding id */
    int n_counts;
    int64_t total; /* the measures in force */
    bool lazy;     /* more than EDIT_TREE_ROWS: each finding opened on its own */
    int64_t open;  /* the finding opened (?problem=ID, as on the tree page), 0 for none */
    Measure *ms;   /* the measure lines shown, in ledger order */
    int nm;
} TreeEdit;

/* What the tree editor shows of inspection id, finding `open` opened. 0, or -1 with r->err. */
static int tree_read(Request *r, int64_t id, int64_t open, TreeEdit *t)
{
    *t = (TreeEdit){.open = open};
    if (finding_store_list(r->db, &r->arena, id, &t->fs, &t->nf, &r->err) < 0 ||
        edit_store_finding_counts(r->db, &r->arena, id, &t->counts, &t->n_counts, &r->err) < 0)
        return -1;
    for (int i = 0; i < t->n_counts; i++)
        t->total += t->counts[i].n;
    t->lazy = t->total > EDIT_TREE_ROWS;
    if (!t->lazy)
        t->open = 0; /* every measure is on the page */
    else if (!t->open)
        return 0;
    return edit_store_measure_lines(r->db, &r->arena, id, t->open, EDIT_TREE_ROWS, &t->ms, &t->nm,
                                    &r->err);
}

/* A large plan's link that opens finding id's n measures, or closes it (n 0: it is open). */
static void open_link(Buf *h, int64_t id, int64_t n)
{
    if (!n) {
        HTML(h, " <a class=\"small\" href=\"?#f");
        html_int(h, id);
        HTML(h, "\">收起</a>");
        return;
    }
    HTML(h, " <a class=\"small\" href=\"?problem=");
    html_int(h, id);
    HTML(h, "#f");
    html_int(h, id);
    HTML(h, "\">展开本问题的 ");
    html_int(h, n);
    HTML(h, " 项措施</a>");
}

static void tree_editor(Request *r, const Inspection *in, const TreeEdit *t)
{
    Buf *h = &r->out;
    const Finding *fs = t->fs;
    int nf = t->nf;
    const char *level_names[LEVEL__COUNT], *level_labels[LEVEL__COUNT];
    for (int i = 0; i < LEVEL__COUNT; i++) {
        level_names[i] = model_level_name((FindingLevel)i);
        level_labels[i] = vocab_label(VOCAB_FINDING_LEVEL, (FindingLevel)i);
    }
    const char *add = arena_printf(&r->arena, "/inspections/%lld/findings", (long long)in->id);
    HTML(h, "<section id=\"tree\"><h2>反馈问题与整改措施</h2>");
    if (t->lazy) {
        HTML(h, "<p class=\"hint\">本方案共有 ");
        html_int(h, t->total);
        HTML(h, " 项整改措施，按问题分别展开编辑。</p>");
    }
    HTML(h, "<ol class=\"edit-tree\">");
    int *depth = ARENA_ARRAY(&r->arena, int, nf + 1);
    int m = 0, c = 0;
    for (int i = 0; i < nf; i++) {
        const Finding *f = &fs[i];
        const Finding *p = f->parent_id ? view_by_id(fs, nf, sizeof *f, f->parent_id) : NULL;
        depth[i] = p ? depth[p - fs] + 1 : 0;
        if (depth[i] > 6)
            depth[i] = 6;
        HTML(h, "<li class=\"finding depth-");
        html_int(h, depth[i]);
        HTML(h, "\" id=\"f");
        html_int(h, f->id);
        HTML(h, "\"><span class=\"tag\">");
        html_text(h, vocab_label(VOCAB_FINDING_LEVEL, f->level));
        HTML(h, "</span> ");
        edit_html_record(h, arena_printf(&r->arena, "/findings/%lld/edit", (long long)f->id),
                         f->label, f->title);
        HTML(h, " ");
        edit_html_updown(r, arena_printf(&r->arena, "/findings/%lld/move", (long long)f->id));
        HTML(h, " <a class=\"small\" href=\"/findings/");
        html_int(h, f->id);
        HTML(h, "/measures/new\">＋措施</a>");
        /* Counts, findings and measures all come in finding id order. */
        while (c < t->n_counts && t->counts[c].finding_id < f->id)
            c++;
        int64_t n_own = c < t->n_counts && t->counts[c].finding_id == f->id ? t->counts[c].n : 0;
        if (t->lazy && n_own)
            open_link(h, f->id, f->id == t->open ? 0 : n_own);
        HTML(h, "<ul>");
        while (m < t->nm && t->ms[m].finding_id < f->id)
            m++;
        for (; m < t->nm && t->ms[m].finding_id == f->id; m++)
            tree_measure(r, &t->ms[m]);
        if (t->lazy && f->id == t->open && n_own > EDIT_TREE_ROWS) {
            HTML(h, "<li class=\"hint\">仅列出前 ");
            html_int(h, EDIT_TREE_ROWS);
            HTML(h, " 项，其余措施请在措施清单中查看。</li>");
        }
        HTML(h, "</ul>");
        if (f->level < LEVEL_SUBPROBLEM) {
            HTML(h, "<details><summary>添加下级</summary>");
            edit_html_form(r, "inline-add", add);
            edit_html_hidden(h, "parent_id", arena_printf(&r->arena, "%lld", (long long)f->id));
            edit_html_select(h, "层级", "level", level_names, level_labels, LEVEL__COUNT,
                             (int)f->level + 1);
            edit_html_input(h, "标题", "title", "text", "", true, NULL);
            HTML(h, "<button type=\"submit\">添加</button></form></details>");
        }
        HTML(h, "</li>");
    }
    HTML(h, "</ol>");
    edit_html_form(r, "inline-add", add);
    HTML(h, "<h3>添加问题方面</h3>");
    edit_html_select(h, "层级", "level", level_names, level_labels, LEVEL__COUNT, LEVEL_ASPECT);
    edit_html_input(h, "标题", "title", "text", "", true, NULL);
    HTML(h, "<button type=\"submit\">添加</button></form></section>");
}

static const struct {
    const char *key;
    const char *text;
} done_words[] = {
    {"imported",
     "已导入，整改方案为草稿。请完善责任单位、责任领导和整改时限，通过完整性检查后印发。"},
    {"created", "已新建整改事项（草稿）。请添加反馈问题和整改措施，完善后印发。"},
    {"saved", "已保存。"},
    {"plan", "整改方案已印发，责任单位现在可以看到各自的整改措施。"},
    {"finding", "已保存反馈问题。"},
    {"moved", "已调整顺序，编号已重排。"},
    {"deleted", "已删除。"},
};

/* The edit page, with faults and a form shown again when an edit was refused. */
static void edit_page(Request *r, const Inspection *shown, const EditFaults *f, const char *error)
{
    int64_t open;
    if (request_query_id(r, "problem", &open) < 0) {
        route_fail(r, 400, "bad_request", "problem must be a positive id");
        return;
    }
    Inspection in; /* as stored: shown may hold a refused form's values */
    TreeEdit t;
    int n_gaps, total_gaps;
    PlanGap *gaps;
    if (inspection_store_get(r->db, &r->arena, shown->id, &in, &r->err) < 0 ||
        tree_read(r, in.id, open, &t) < 0 ||
        coverage_store_gaps(r->db, &r->arena, in.id, EDIT_GAPS_MAX, &gaps, &n_gaps, &total_gaps,
                            &r->err) < 0) {
        route_fail_err(r, &r->err);
        return;
    }
    Buf *h = &r->out;
    page_begin(r, shown->title, NAV_INSPECTIONS);
    HTML(h, "<nav class=\"crumbs\" aria-label=\"位置\"><a href=\"/inspections\">整改台账</a> › "
            "<a href=\"/inspections/");
    html_int(h, in.id);
    HTML(h, "\">");
    html_text(h, in.title);
    HTML(h, "</a> › <span>编辑</span></nav>");
    const char *done = request_query(r, "done");
    const char *notice = NULL;
    for (size_t i = 0; done && i < ARRAY_SIZE(done_words); i++)
        if (strcmp(done, done_words[i].key) == 0)
            notice = done_words[i].text;
    html_messages(h, error, notice);
    HTML(h, "<h1>");
    html_text(h, in.title);
    HTML(h, " <span class=\"tag plan-");
    buf_puts(h, vocab_name(VOCAB_PLAN_STATE, in.plan_state));
    HTML(h, "\">");
    html_text(h, vocab_label(VOCAB_PLAN_STATE, in.plan_state));
    HTML(h, "</span></h1>");
    coverage(r, &in, gaps, n_gaps, total_gaps);
    tree_editor(r, &in, &t);
    HTML(h, "<section id=\"fields\"><h2>整改事项信息</h2>");
    char action[64];
    snprintf(action, sizeof action, "/inspections/%lld/edit", (long long)in.id);
    inspection_form(r, shown, action, f);
    HTML(h, "</section>");
    page_end(r);
}

void page_inspection_edit(Request *r)
{
    Inspection in;
    if (!edit_inspection_or_reply(r, &in))
        return;
    edit_page(r, &in, NULL, NULL);
}

void page_inspection_save(Request *r)
{
    Inspection in;
    if (!edit_inspection_or_reply(r, &in))
        return;
    EditSave s;
    if (!edit_save_begin_or_reply(r, EDIT_FORM, EDIT_VERSIONED, &s))
        return;
    edit_read_inspection(&s.in, &in, &s.faults);
    if (!s.faults.n && plan_inspection_update(r->db, &s.actor, &in, s.version, &r->err) == 0) {
        request_redirect(
            r, arena_printf(&r->arena, "/inspections/%lld/edit?done=saved", (long long)in.id));
        return;
    }
    if (!edit_refused_or_reply(r, &s.faults))
        return;
    in.version = s.version;
    edit_page(r, &in, &s.faults,
              r->status == 409
                  ? "保存未成功：该整改事项已被他人修改。请刷新页面查看最新内容后再修改。"
                  : NULL);
}

void page_inspection_issue(Request *r)
{
    Inspection in;
    int rc = edit_issue(r, &in, NULL, NULL); /* the page shows the gaps again itself */
    if (rc > 0)
        request_redirect(
            r, arena_printf(&r->arena, "/inspections/%lld/edit?done=plan", (long long)in.id));
    if (rc >= 0 || !route_refusal_or_reply(r, &r->err))
        return;
    edit_page(r, &in, NULL,
              r->status == 409 ? "整改方案已经印发，无需重复印发。"
                               : "未能印发：整改方案尚不完整，请先完善下列各项。");
}
