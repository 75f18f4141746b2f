/*
** page_unit.c: 责任单位, the lead units of an inspection with their rates (a unit user sees
** only their own), and one unit's page: its rates, what it owes now, and the measures it leads
** or shares, with their lights.
*/
#include "db/org_store.h"
#include "web/access.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/routes.h"
#include "web/view.h"

void page_units(Request *r)
{
    Inspection *list;
    int n_list;
    const ViewLedger *v = view_inspection_page(r, "责任单位", NAV_UNITS, &list, &n_list);
    if (!v)
        return;
    Buf *h = &r->out;
    HTML(h, "<p class=\"subtitle\">");
    html_text(h, v->ledger.in.title);
    HTML(h, "</p>");
    view_inspection_selector(r, list, n_list, v->ledger.in.id);
    view_rates_table(h, v, true, v->scope_unit);
    page_end(r);
}

/* True when unit id leads or shares m. */
static bool unit_in(const Measure *m, int64_t id)
{
    if (m->lead_unit_id == id)
        return true;
    for (int k = 0; k < m->n_co_units; k++)
        if (m->co_unit_ids[k] == id)
            return true;
    return false;
}

static void owes_section(Request *r, const ViewLedger *v, int64_t unit_id)
{
    Buf *h = &r->out;
    HTML(h, "<section><h2>当前应办事项</h2>");
    int shown = 0;
    for (int i = 0; i < v->ledger.n_measures; i++) {
        const Measure *m = &v->ledger.measures[i];
        if (m->lead_unit_id != unit_id)
            continue;
        Owe owes[OWE__COUNT];
        int n = ledger_owes(m, &v->rules, v->ledger.in.require_signoff, r->today, owes);
        for (int k = 0; k < n; k++) {
            if (owes[k].kind != OWE_REPORT && owes[k].kind != OWE_COMPLETION &&
                owes[k].kind != OWE_LEAD_REVIEW)
                continue;
            if (!shown++)
                HTML(h, "<ul class=\"owes\">");
            HTML(h, "<li><strong>");
            buf_puts(h, ledger_owe_label(owes[k].kind));
            HTML(h, "</strong> <a href=\"/measures/");
            html_int(h, m->id);
            HTML(h, "\">");
            html_text(h, m->title);
            HTML(h, "</a> · 截止 ");
            html_day(r, h, owes[k].due);
            HTML(h, "</li>");
        }
    }
    if (shown)
        HTML(h, "</ul>");
    else
        HTML(h, "<p class=\"empty\">当前没有应办事项。</p>");
    HTML(h, "</section>");
}

static void measures_section(Request *r, const ViewLedger *v, int64_t unit_id)
{
    Buf *h = &r->out;
    HTML(h, "<section><h2>承担的整改措施</h2><table class=\"responsive measures\"><thead><tr>"
            "<th>亮灯</th><th>整改措施</th><th>职责</th><th>整改时限</th><th>状态</th>"
            "<th>原因</th></tr></thead><tbody>");
    int rows = 0;
    for (int i = 0; i < v->ledger.n_measures; i++) {
        const Measure *m = &v->ledger.measures[i];
        if (!unit_in(m, unit_id))
            continue;
        rows++;
        HTML(h, "<tr>");
        view_measure_cells(h, v->stats.lights[i], m);
        view_td(h, "职责");
        if (m->lead_unit_id == unit_id)
            HTML(h, "牵头");
        else
            HTML(h, "配合");
        HTML(h, "</td>");
        view_td(h, "整改时限");
        html_day(r, h, m->deadline);
        HTML(h, "</td>");
        view_td(h, "状态");
        view_state(h, m->state);
        HTML(h, "</td>");
        view_td(h, "原因");
        view_why(h, v->stats.why[i]);
        HTML(h, "</td></tr>");
    }
    HTML(h, "</tbody></table>");
    if (!rows)
        HTML(h, "<p class=\"empty\">本次整改中该单位没有承担整改措施。</p>");
    HTML(h, "</section>");
}

void page_unit(Request *r)
{
    Unit unit;
    Err err = ERR_INIT;
    if (unit_store_get(r->db, &r->arena, r->path_id, &unit, &err) < 0) {
        route_fail_err(r, &err);
        return;
    }
    if (access_unit_only(&r->user) && r->user.unit_id != unit.id) {
        route_fail(r, 403, "forbidden", "you may see only your own unit");
        return;
    }
    Inspection *list;
    int n_list;
    const ViewLedger *v = view_inspection_page(r, unit.name, NAV_UNITS, &list, &n_list);
    if (!v)
        return;
    int64_t inspection_id = v->ledger.in.id;
    Buf *h = &r->out;
    HTML(h, "<p class=\"subtitle\">");
    html_text(h, v->ledger.in.title);
    HTML(h, " · <a href=\"/measures?inspection=");
    html_int(h, inspection_id);
    HTML(h, "&amp;unit=");
    html_int(h, unit.id);
    HTML(h, "\">在措施清单中查看</a></p>");
    view_inspection_selector(r, list, n_list, inspection_id);
    view_rates_table(h, v, true, unit.id);
    owes_section(r, v, unit.id);
    page_unit_supervisions(r, unit.id, inspection_id);
    measures_section(r, v, unit.id);
    page_unit_supervise_form(r, unit.id, inspection_id);
    page_end(r);
}
