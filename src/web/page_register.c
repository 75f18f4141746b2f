/*
** page_register.c: 建章立制 — the office's registers beside the ledger: rules created or revised
** (linked to problems and measures), meetings held and money refunded or recovered (linked to
** a problem). Every ledger role reads them; the office enters them. The 通报 counts them.
*/
#include "db/finding_store.h"
#include "ledger/registers.h"
#include "web/access.h"
#include "web/clue_view.h"
#include "web/handlers.h"
#include "web/register_view.h"
#include "web/regpage.h"
#include "web/routes.h"
#include "web/view.h"

enum { PAGE = 100 };

/* This page of inspection_id, where each section's pager adds its own key. */
static const char *here(Request *r, int64_t inspection_id)
{
    return arena_printf(&r->arena, "/registers?inspection=%lld", (long long)inspection_id);
}

/* Open the section id headed title, and its table with heads (num: as view_table_begin). */
static Buf *section_begin(Request *r, const char *id, const char *title, const char *const *heads,
                          unsigned num)
{
    Buf *h = &r->out;
    HTML_TEXT(h, "<section id=\"", id, "\">");
    HTML_TEXT(h, "<h2>", title, "</h2>");
    view_table_begin(h, "responsive", heads, num);
    return h;
}

/*
** Close a section's table of n rows (empty: what it says without any) and offer the next page
** after the id last (the last row's; 0 for none) by the section's own cursor key.
*/
static void section_table_end(Request *r, int64_t inspection_id, int n, const char *empty,
                              const char *key, int64_t last)
{
    view_table_end(&r->out, n, empty);
    view_pager(&r->out, n == PAGE, here(r, inspection_id), key, last, "下一页");
}

/* A table cell labelled label holding the day d. */
static void day_cell(Request *r, const char *label, Day d)
{
    view_td(&r->out, label);
    html_day(r, &r->out, d);
    HTML(&r->out, "</td>");
}

/* The office's form that registers a mechanism, closing the section; false after replying. */
static bool mechanism_form(Request *r, int64_t inspection_id)
{
    Buf *h = &r->out;
    Finding *fs;
    int n_f;
    if (finding_store_list(r->db, &r->arena, inspection_id, &fs, &n_f, &r->err) < 0) {
        route_fail_err(r, &r->err);
        return false;
    }
    regpage_form_begin(r, "/registers/mechanisms", "登记制度机制", inspection_id);
    regpage_input(h, "制度名称（《…》）", "title", "text", NULL, true);
    regpage_input(h, "文号", "number", "text", NULL, false);
    regpage_input(h, "制发单位", "issuer", "text", NULL, false);
    regpage_day(h, "印发日期", "issued_on", DAY_NONE, false);
    HTML(h, "<label>类型 <select name=\"revised\">");
    html_option(h, "0", vocab_label(VOCAB_MECHANISM_KIND, MECHANISM_NEW), true);
    html_option(h, "1", vocab_label(VOCAB_MECHANISM_KIND, MECHANISM_REVISED), false);
    HTML(h, "</select></label>");
    regpage_input(h, "对应措施编号（多个用空格分隔）", "measures", "text", NULL, false);
    HTML(h, "</div><label>对应问题（可多选） <select name=\"findings\" multiple size=\"6\">");
    for (int i = 0; i < n_f; i++) {
        if (fs[i].level != LEVEL_PROBLEM)
            continue;
        char id[24];
        snprintf(id, sizeof id, "%lld", (long long)fs[i].id);
        html_option(h, id, arena_printf(&r->arena, "%s%s", fs[i].label, fs[i].title), false);
    }
    HTML(h, "</select></label><p><button type=\"submit\" class=\"primary\">登记</button></p>"
            "</form></section>");
    return true;
}

static bool mechanisms(Request *r, int64_t inspection_id, int64_t after, bool office)
{
    Mechanism *ms;
    MechanismLink *ls = NULL;
    int n, n_links = 0;
    if (mechanism_store_list(r->db, &r->arena, inspection_id, after, PAGE, &ms, &n, &r->err) < 0 ||
        (n && mechanism_store_links(r->db, &r->arena, ms[0].id, ms[n - 1].id, &ls, &n_links,
                                    &r->err) < 0)) {
        route_fail_err(r, &r->err);
        return false;
    }
    static const char *const heads[] = {"制度名称", "文号",           "制发单位", "印发日期",
                                        "类型",     "对应问题和措施", NULL};
    Buf *h = section_begin(r, "mechanisms", "建章立制", heads, 0);
    for (int i = 0, k = 0; i < n; i++) {
        HTML(h, "<tr>");
        view_cell_text(h, "制度名称", ms[i].title);
        view_cell_text(h, "文号", *ms[i].number ? ms[i].number : "—");
        view_cell_text(h, "制发单位", *ms[i].issuer ? ms[i].issuer : "—");
        day_cell(r, "印发日期", ms[i].issued_on);
        view_cell_text(
            h, "类型",
            vocab_label(VOCAB_MECHANISM_KIND, (ms[i].is_new) ? MECHANISM_NEW : MECHANISM_REVISED));
        view_td(h, "对应问题和措施");
        int shown = 0;
        for (; k < n_links && ls[k].mechanism_id == ms[i].id; k++) {
            if (shown++)
                HTML(h, "；");
            if (ls[k].measure_id) {
                view_measure_link(h, ls[k].measure_id, NULL, "", ls[k].title);
            } else {
                html_text(h, ls[k].title);
            }
        }
        if (!shown)
            HTML(h, "—");
        HTML(h, "</td></tr>");
    }
    section_table_end(r, inspection_id, n, "尚未登记制度机制。", "mafter", n ? ms[n - 1].id : 0);
    if (!office) {
        HTML(h, "</section>");
        return true;
    }
    return mechanism_form(r, inspection_id);
}

static bool meetings(Request *r, int64_t inspection_id, int64_t after, bool office)
{
    Meeting *ms;
    int n;
    if (meeting_store_list(r->db, &r->arena, inspection_id, after, PAGE, &ms, &n, &r->err) < 0) {
        route_fail_err(r, &r->err);
        return false;
    }
    static const char *const heads[] = {"日期", "会议类型", "议题", NULL};
    Buf *h = section_begin(r, "meetings", "会议", heads, 0);
    for (int i = 0; i < n; i++) {
        HTML(h, "<tr>");
        day_cell(r, "日期", ms[i].held_on);
        view_cell_text(h, "会议类型", vocab_label_of(VOCAB_MEETING_KIND, ms[i].kind, ms[i].kind));
        view_cell_text(h, "议题", *ms[i].topic ? ms[i].topic : "—");
        HTML(h, "</tr>");
    }
    section_table_end(r, inspection_id, n, "尚未登记会议。", "gafter", n ? ms[n - 1].id : 0);
    if (office) {
        regpage_form_begin(r, "/registers/meetings", "登记会议", inspection_id);
        regpage_vocab_select(h, "会议类型", "kind", VOCAB_MEETING_KIND);
        regpage_day(h, "日期", "held_on", r->today, true);
        regpage_input(h, "议题", "topic", "text", NULL, false);
        regpage_form_end(h);
    }
    HTML(h, "</section>");
    return true;
}

static bool recoveries(Request *r, int64_t inspection_id, int64_t after, bool office)
{
    Recovery *rs;
    int n;
    if (recovery_store_list(r->db, &r->arena, inspection_id, after, PAGE, &rs, &n, &r->err) < 0) {
        route_fail_err(r, &r->err);
        return false;
    }
    static const char *const heads[] = {"日期", "类型", "金额（万元）", "说明", NULL};
    Buf *h = section_begin(r, "recoveries", "退缴和挽回损失", heads, 1u << 2);
    for (int i = 0; i < n; i++) {
        HTML(h, "<tr>");
        day_cell(r, "日期", rs[i].recorded_on);
        view_cell_text(h, "类型", vocab_label_of(VOCAB_RECOVERY_KIND, rs[i].kind, rs[i].kind));
        HTML(h, "<td class=\"num\" data-label=\"金额（万元）\">");
        regpage_wan(h, rs[i].amount_fen);
        HTML(h, "</td>");
        view_cell_text(h, "说明", *rs[i].note ? rs[i].note : "—");
        HTML(h, "</tr>");
    }
    section_table_end(r, inspection_id, n, "尚未登记退缴或挽回损失。", "rafter",
                      n ? rs[n - 1].id : 0);
    if (office) {
        regpage_form_begin(r, "/registers/recoveries", "登记退缴或挽回损失", inspection_id);
        regpage_vocab_select(h, "类型", "kind", VOCAB_RECOVERY_KIND);
        regpage_input(h, "金额（元）", "amount_yuan", "text", NULL, true);
        regpage_day(h, "日期", "recorded_on", r->today, true);
        regpage_input(h, "对应问题编号", "finding", "text", NULL, false);
        regpage_input(h, "说明", "note", "text", NULL, false);
        regpage_form_end(h);
    }
    HTML(h, "</section>");
    return true;
}

static void registers_page(Request *r, const char *error)
{
    Inspection in;
    int64_t mafter, gafter, rafter;
    if (request_query_id(r, "mafter", &mafter) < 0 || request_query_id(r, "gafter", &gafter) < 0 ||
        request_query_id(r, "rafter", &rafter) < 0) {
        route_fail(r, 400, "bad_request", "a page cursor is not an id");
        return;
    }
    r->cacheable = false;
    if (!regpage_begin(r, "建章立制", NAV_REGISTERS, &in))
        return;
    html_messages(&r->out, error, request_query(r, "saved") ? "已登记。" : NULL);
    bool office = access_has(&r->user, ROLE_BIT(ROLE_OFFICE));
    if (mechanisms(r, in.id, mafter, office) && meetings(r, in.id, gafter, office) &&
        recoveries(r, in.id, rafter, office))
        page_end(r);
}

void page_registers(Request *r)
{
    registers_page(r, NULL);
}

/* After an entry: back to the register, or the page again with the refusal. */
static void done(Request *r, int64_t inspection_id, const char *anchor, int rc, const Err *err)
{
    if (rc == 0) {
        request_redirect(r, arena_printf(&r->arena, "/registers?inspection=%lld&saved=1#%s",
                                         (long long)inspection_id, anchor));
        return;
    }
    if (err->code != ERR_INPUT) {
        route_fail_err(r, err);
        return;
    }
    /* The page reads ?inspection; a form post carries it in the body. */
    Param *q = ARENA_ARRAY(&r->arena, Param, 1);
    q[0].name = "inspection";
    q[0].value = arena_printf(&r->arena, "%lld", (long long)inspection_id);
    r->query = q;
    r->n_query = 1;
    r->status = 422;
    registers_page(r, arena_printf(&r->arena, "输入有误：%s", err->msg));
}

void page_mechanism_create(Request *r)
{
    Fields f = {r, NULL};
    Inspection in;
    Mechanism m = {0};
    int64_t *fs, *ms;
    int n_f, n_m;
    if (!register_view_inspection(&f, &in) ||
        !register_view_mechanism(&f, &m, &fs, &n_f, &ms, &n_m))
        return;
    /* A multiple select sends one "findings" parameter per choice. */
    n_f = 0;
    for (int i = 0; i < r->n_form && n_f < 50; i++)
        if (strcmp(r->form[i].name, "findings") == 0 &&
            request_parse_id(r->form[i].value, strlen(r->form[i].value), &fs[n_f]))
            n_f++;
    m.inspection_id = in.id;
    Actor actor = workflow_actor(&r->user);
    const char *field = NULL;
    Err err = ERR_INIT;
    int rc = registers_mechanism_add(r->db, &actor, &m, fs, n_f, ms, n_m, &field, &err);
    done(r, in.id, "mechanisms", rc, &err);
}

/* A meeting or a recovery from the office's form (e), then back to its section (anchor). */
static void create_entry(Request *r, const RegisterEntry *e, void *rec, int64_t *inspection_id,
                         const char *anchor)
{
    Fields f = {r, NULL};
    Inspection in;
    if (!register_view_inspection(&f, &in) || !e->read(&f, rec))
        return;
    *inspection_id = in.id;
    Actor actor = workflow_actor(&r->user);
    const char *field = NULL;
    Err err = ERR_INIT;
    done(r, in.id, anchor, e->add(r->db, &actor, rec, &field, &err), &err);
}

void page_meeting_create(Request *r)
{
    Meeting m = {0};
    create_entry(r, &register_view_meeting_entry, &m, &m.inspection_id, "meetings");
}

void page_recovery_create(Request *r)
{
    Recovery rc = {0};
    create_entry(r, &register_view_recovery_entry, &rc, &rc.inspection_id, "recoveries");
}

static void linked_mechanisms(Buf *h, const Mechanism *ms, int n, const char *to)
{
    for (int i = 0; i < n; i++) {
        HTML(h, "<li>");
        html_text(h, ms[i].title);
        if (*ms[i].number) {
            HTML(h, "（");
            html_text(h, ms[i].number);
            HTML(h, "）");
        }
        HTML(h, " · ");
        html_text(h, vocab_label(VOCAB_MECHANISM_KIND,
                                 (ms[i].is_new) ? MECHANISM_NEW : MECHANISM_REVISED));
        HTML(h, " · ");
        html_text(h, to);
        HTML(h, "</li>");
    }
}

void register_view_linked(Request *r, int64_t finding_id, int64_t measure_id)
{
    Mechanism *own, *problem;
    Recovery *rs;
    int n_own, n_problem, n_rs;
    Err err = ERR_INIT;
    Buf *h = &r->out;
    HTML(h, "<section><h2>建章立制和追缴</h2>");
    if (mechanism_store_linked(r->db, &r->arena, 0, measure_id, &own, &n_own, &err) < 0 ||
        mechanism_store_linked(r->db, &r->arena, finding_id, 0, &problem, &n_problem, &err) < 0 ||
        recovery_store_linked(r->db, &r->arena, finding_id, &rs, &n_rs, &err) < 0) {
        fprintf(stderr, "serve: %s: %s\n", r->path, err.msg);
        HTML(h, "<p class=\"alert\">相关登记暂时无法读取。</p></section>");
        return;
    }
    if (!n_own && !n_problem && !n_rs) {
        HTML(h, "<p class=\"empty\">尚无关联的制度机制和追缴记录。</p></section>");
        return;
    }
    HTML(h, "<ul class=\"linked\">");
    linked_mechanisms(h, own, n_own, "对应本措施");
    linked_mechanisms(h, problem, n_problem, "对应本问题");
    for (int i = 0; i < n_rs; i++) {
        HTML(h, "<li>");
        html_text(h, vocab_label_of(VOCAB_RECOVERY_KIND, rs[i].kind, rs[i].kind));
        HTML(h, " ");
        regpage_wan(h, rs[i].amount_fen);
        HTML(h, " 万元 · ");
        html_day(r, h, rs[i].recorded_on);
        HTML(h, " · 对应本问题</li>");
    }
    HTML(h, "</ul></section>");
}
