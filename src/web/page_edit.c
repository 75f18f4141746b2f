/*
** page_edit.c: the pieces the office's edit pages share (edit.h): labelled fields with their
** faults, selects of enumerations, one-button forms.
*/
#include "web/edit.h"
#include "web/html.h"
#include "web/routes.h"

void edit_back_to_tree(Request *r, int64_t inspection_id, const char *done, int64_t finding_id)
{
    request_redirect(r, arena_printf(&r->arena, "/inspections/%lld/edit?done=%s&problem=%lld#f%lld",
                                     (long long)inspection_id, done, (long long)finding_id,
                                     (long long)finding_id));
}

void edit_html_faults(Buf *h, const EditFaults *f)
{
    if (!f || !f->n)
        return;
    HTML(h, "<div class=\"alert\" role=\"alert\"><p>请修改以下各项后再保存：</p><ul>");
    for (int i = 0; i < f->n; i++) {
        HTML(h, "<li>");
        html_text(h, f->texts[i] ? f->texts[i] : "有一项填写不正确，请检查标出的输入框。");
        HTML(h, "</li>");
    }
    HTML(h, "</ul></div>");
}

/* The fault text under a field, and aria-invalid on it. */
static void field_fault(Buf *h, const char *name, const EditFaults *f)
{
    const char *text = f ? edit_fault_text(f, name) : NULL;
    if (text) {
        HTML(h, "<span class=\"field-error\">");
        html_text(h, text);
        HTML(h, "</span>");
    }
}

static void invalid_attr(Buf *h, const char *name, const EditFaults *f)
{
    if (f && edit_fault_text(f, name))
        HTML(h, " aria-invalid=\"true\"");
}

void edit_html_input(Buf *h, const char *label, const char *name, const char *type,
                     const char *value, bool required, const EditFaults *f)
{
    HTML(h, "<label>");
    html_text(h, label);
    HTML(h, "<input type=\"");
    html_text(h, type);
    HTML(h, "\" name=\"");
    html_text(h, name);
    HTML(h, "\" value=\"");
    html_text(h, value ? value : "");
    HTML(h, "\"");
    if (required)
        HTML(h, " required");
    invalid_attr(h, name, f);
    HTML(h, ">");
    field_fault(h, name, f);
    HTML(h, "</label>");
}

void edit_html_textarea(Buf *h, const char *label, const char *name, const char *value, int rows,
                        const EditFaults *f)
{
    HTML(h, "<label>");
    html_text(h, label);
    HTML(h, "<textarea name=\"");
    html_text(h, name);
    HTML(h, "\" rows=\"");
    html_int(h, rows);
    HTML(h, "\"");
    invalid_attr(h, name, f);
    HTML(h, ">");
    html_text(h, value ? value : "");
    HTML(h, "</textarea>");
    field_fault(h, name, f);
    HTML(h, "</label>");
}

void edit_html_day(Buf *h, const char *label, const char *name, Day d, const EditFaults *f)
{
    char iso[DATE_ISO_SIZE];
    edit_html_input(h, label, name, "date", d == DAY_NONE ? "" : date_format(d, iso), false, f);
}

void edit_html_check(Buf *h, const char *label, const char *name, bool on)
{
    HTML(h, "<label class=\"check\"><input type=\"checkbox\" value=\"1\" name=\"");
    html_text(h, name);
    HTML(h, "\"");
    if (on)
        HTML(h, " checked");
    HTML(h, "> ");
    html_text(h, label);
    HTML(h, "</label>");
}

void edit_html_select(Buf *h, const char *label, const char *name, const char *const *names,
                      const char *const *labels, int n, int current)
{
    HTML(h, "<label>");
    html_text(h, label);
    HTML(h, "<select name=\"");
    html_text(h, name);
    HTML(h, "\">");
    for (int i = 0; i < n; i++)
        html_option(h, names[i], labels[i], i == current);
    HTML(h, "</select></label>");
}

void edit_html_finding_option(Request *r, const Finding *f, bool selected)
{
    html_option(&r->out, arena_printf(&r->arena, "%lld", (long long)f->id),
                arena_printf(&r->arena, "%s%s", f->label ? f->label : "", f->title), selected);
}

void edit_html_hidden(Buf *h, const char *name, const char *value)
{
    HTML(h, "<input type=\"hidden\" name=\"");
    html_text(h, name);
    HTML(h, "\" value=\"");
    html_text(h, value);
    HTML(h, "\">");
}

void edit_html_version(Buf *h, int64_t version)
{
    char v[24];
    snprintf(v, sizeof v, "%lld", (long long)version);
    edit_html_hidden(h, "version", v);
}

void edit_html_form(Request *r, const char *cls, const char *action)
{
    Buf *h = &r->out;
    HTML(h, "<form method=\"post\" class=\"");
    html_text(h, cls);
    HTML(h, "\" action=\"");
    html_text(h, action);
    HTML(h, "\">");
    html_csrf(r);
}

void edit_html_record(Buf *h, const char *href, const char *label, const char *title)
{
    HTML(h, "<a href=\"");
    html_text(h, href);
    HTML(h, "\">");
    html_text(h, label);
    html_text(h, title);
    HTML(h, "</a>");
}

void edit_html_crumbs(Request *r, const Inspection *in, const char *href, const char *label,
                      const char *title)
{
    Buf *h = &r->out;
    HTML(h, "<nav class=\"crumbs\" aria-label=\"位置\">");
    edit_html_record(h, arena_printf(&r->arena, "/inspections/%lld/edit", (long long)in->id), "",
                     in->title);
    if (title && href) {
        HTML(h, " › ");
        edit_html_record(h, href, label, title);
    } else if (title) {
        HTML(h, " › <span>");
        html_text(h, label);
        html_text(h, title);
        HTML(h, "</span>");
    }
    HTML(h, "</nav>");
}

void edit_html_button(Request *r, const char *action, const char *name, const char *value,
                      const char *text, const char *confirm)
{
    Buf *h = &r->out;
    edit_html_form(r, "inline", action);
    if (name)
        edit_html_hidden(h, name, value);
    HTML(h, "<button type=\"submit\" class=\"small\"");
    if (confirm) {
        HTML(h, " data-confirm=\"");
        html_text(h, confirm);
        HTML(h, "\"");
    }
    HTML(h, ">");
    html_text(h, text);
    HTML(h, "</button></form>");
}

void edit_html_updown(Request *r, const char *action)
{
    Buf *h = &r->out;
    edit_html_form(r, "inline", action);
    HTML(
        h,
        "<button type=\"submit\" class=\"small\" name=\"dir\" value=\"up\">上移</button>"
        "<button type=\"submit\" class=\"small\" name=\"dir\" value=\"down\">下移</button></form>");
}

void edit_html_refused(Request *r, const char *text, const char *back_href, const char *back_text)
{
    if (!route_refusal_or_reply(r, &r->err))
        return;
    page_refused(r, NAV_INSPECTIONS, NULL, text, back_href, back_text);
}
