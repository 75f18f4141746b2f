/*
** page_unit_supervise.c: supervision (督办) of a unit from its page: the office's form, and
** the POST that issues it through ledger/followup.h within the inspection the page shows.
*/
#include "db/org_store.h"
#include "ledger/followup.h"
#include "ledger/workflow.h"
#include "web/access.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/page_loop.h"
#include "web/routes.h"

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
