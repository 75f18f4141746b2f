/*
** page_inbox.c: 我的待办, what r's user must do now, newest first, 25 to a page with a keyset
** cursor (GET /inbox?after=…), and the count beside 待办 in the navigation bar: both from the
** SQL duties (ledger_owed_count, ledger_owed_page), which a test holds to ledger_owed, the
** computation of `remind` and the webhook; the office's log of reminder deliveries (GET
** /deliveries).
*/
#include "db/delivery_store.h"
#include "db/view_store.h"
#include "ledger/owe.h"
#include "web/access.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/listing.h"
#include "web/page_loop.h"
#include "web/routes.h"
#include "web/view.h"

#include <pthread.h>

/* The scope of r's user: its unit's, its own as a leader, its organisation's office's. */
static OweScope scope_of(const Request *r)
{
    const User *u = &r->user;
    OweScope s = {0};
    if (access_has(u, ROLE_BIT(ROLE_UNIT)))
        s.unit_id = u->unit_id;
    if (access_has(u, ROLE_BIT(ROLE_LEADER)))
        s.person_id = u->person_id;
    if (access_has(u, ROLE_BIT(ROLE_OFFICE))) {
        s.office = true;
        s.org_unit_id = u->org_unit_id;
    }
    return s;
}

static bool scope_empty(const OweScope *s)
{
    return !s->unit_id && !s->person_id && !s->office;
}

/*
** The count of the navigation bar: one SQL count over the scope's duties (ledger_owed_count),
** cached per thread by user, day and data version (the newest audit sequence: every change
** writes one), so most pages cost one small query and a cold count costs the duties only.
*/
typedef struct CountCache {
    int64_t user, version;
    Day day;
    int count;
} CountCache;
enum { COUNT_SLOTS = 32 };
static _Thread_local CountCache count_cache[COUNT_SLOTS];

int page_inbox_count(Request *r)
{
    OweScope s = scope_of(r);
    if (!r->authed || scope_empty(&s) || !r->db)
        return 0;
    int64_t version;
    if (request_audit_version(r, &version) < 0) {
        err_clear(&r->err); /* the navigation bar goes without its count */
        return 0;
    }
    CountCache *slot = &count_cache[(uint64_t)r->user.id % COUNT_SLOTS];
    if (slot->user == r->user.id && slot->version == version && slot->day == r->today)
        return slot->count;
    Err err = ERR_INIT;
    int64_t counts[DUTY__COUNT], n;
    if (ledger_owed_count(r->db, &s, r->today, counts, &n, &err) < 0) {
        err_clear(&err);
        n = 0;
    }
    *slot = (CountCache){r->user.id, version, r->today, (int)n};
    return (int)n;
}

/* Where an item is done: the measure page's section, the unit's page, or the spot check. */
static void item_link(Buf *h, const Owed *o)
{
    if (o->kind == DUTY_SPOT) {
        HTML(h, "/inspections/");
        html_int(h, o->inspection_id);
        HTML(h, "/spot-checks");
        return;
    }
    /* A supervision of a unit or of a problem is answered on the unit's page. */
    if (!o->measure_id && o->kind == DUTY_RESPOND && o->unit_id) {
        HTML(h, "/units/");
        html_int(h, o->unit_id);
        HTML(h, "?inspection=");
        html_int(h, o->inspection_id);
        HTML(h, "#supervisions");
        return;
    }
    if (!o->measure_id) {
        HTML(h, "/inbox");
        return;
    }
    HTML(h, "/measures/");
    html_int(h, o->measure_id);
    switch (o->kind) {
    case DUTY_RESPOND:
        HTML(h, "#supervision");
        break;
    case DUTY_REVISIT:
        HTML(h, "#revisit");
        break;
    case DUTY_REPORT:
    case DUTY_ACCEPT:
        HTML(h, "#progress");
        break;
    default:
        break;
    }
}

/* The office's other daily pages: each inspection's spot checks, the reminders' log. */
static void office_links(Buf *h, const Inspection *list, int n)
{
    HTML(h, "<p class=\"links\">");
    for (int i = 0; i < n && i < 5; i++) {
        HTML_INT(h, "<a href=\"/inspections/", list[i].id, "/spot-checks\">");
        HTML_TEXT(h, "抽查：", list[i].title, "</a> · ");
    }
    HTML(h, "<a href=\"/deliveries\">提醒推送记录</a></p>");
}

enum { INBOX_PAGE = 25 };

/*
** The cursor after an item: its place in the order and its position (1-based) among the
** duties, "since.measure.kind.object.position" (since a Day). The position is shown only, so a
** page costs no count of the rows before it; the page before corrects it near the start.
*/
static const char *cursor_format(Arena *arena, const Owed *o, int64_t position)
{
    DutyKey k = ledger_owed_key(o);
    return arena_printf(arena, "%d.%lld.%d.%lld.%lld", (int)k.since, (long long)k.measure_id,
                        k.kind, (long long)k.object_id, (long long)position);
}

static bool cursor_parse(const char *text, DutyKey *k, int64_t *position)
{
    int64_t v[5];
    if (strlen(text) > 100 || strchr(text, '-') || !listing_cursor_numbers(text, v, 5))
        return false; /* every part is a non-negative number */
    if (v[0] > INT32_MAX || v[2] >= DUTY__COUNT)
        return false;
    *k = (DutyKey){(Day)v[0], v[1], (int)v[2], v[3]};
    *position = v[4];
    return true;
}

/*
** The page after the cursor `after` (or the first), its position and the cursors around it,
** in the measure lists' pager (ListingPage without rows): a page of the duties and, after a
** cursor, the page before it, never the whole inbox.
*/
static int inbox_page(Request *r, const OweScope *s, int64_t total, Owed **items, ListingPage *pg)
{
    memset(pg, 0, sizeof *pg);
    pg->total = (int)total;
    DutyKey after;
    int64_t at = 0; /* the cursor's position: rows before this page */
    const char *v = request_query(r, "after");
    bool has_after = v && *v;
    if (has_after && !cursor_parse(v, &after, &at)) {
        route_fail(r, 400, "bad_request", "invalid value of the parameter 'after'");
        return -1;
    }
    int n;
    if (ledger_owed_page(r->db, &r->arena, s, r->today, has_after ? &after : NULL, false,
                         INBOX_PAGE + 1, items, &n, &r->err) < 0)
        goto fail;
    /* The page before: its first item's cursor, and the exact position near the start. */
    Owed *back = NULL;
    int nb = 0;
    if (has_after && n > 0) {
        DutyKey first = ledger_owed_key(&(*items)[0]);
        if (ledger_owed_page(r->db, &r->arena, s, r->today, &first, true, INBOX_PAGE + 1, &back,
                             &nb, &r->err) < 0)
            goto fail;
    }
    at = listing_rows_before(at, nb, INBOX_PAGE, total, n < INBOX_PAGE ? n : INBOX_PAGE);
    pg->has_prev = nb > 0;
    if (nb > INBOX_PAGE)
        pg->prev = cursor_format(&r->arena, &back[0], at - INBOX_PAGE);
    if (n > INBOX_PAGE) {
        n = INBOX_PAGE;
        pg->next = cursor_format(&r->arena, &(*items)[n - 1], at + n);
    }
    pg->n_rows = n;
    pg->first = n ? (int)at + 1 : 0;
    if (has_after && n == 0 && total > 0)
        pg->has_prev = true; /* a cursor past the end (done since): back to the first page */
    return 0;
fail:
    route_fail_err(r, &r->err);
    return -1;
}

void page_inbox(Request *r)
{
    OweScope s = scope_of(r);
    int64_t counts[DUTY__COUNT] = {0}, n = 0;
    Owed *items = NULL;
    ListingPage pg = {0};
    if (!scope_empty(&s)) {
        if (ledger_owed_count(r->db, &s, r->today, counts, &n, &r->err) < 0) {
            route_fail_err(r, &r->err);
            return;
        }
        if (inbox_page(r, &s, n, &items, &pg) < 0)
            return;
    }
    const Inspection *list = NULL;
    int n_list = 0;
    if (s.office && view_inspections(r, &list, &n_list) < 0)
        return;
    Buf *h = &r->out;
    page_begin(r, "我的待办", NAV_INBOX);
    HTML(h, "<h1>我的待办</h1>");
    if (s.office)
        office_links(h, list, n_list);
    HTML(h, "<p class=\"summary\">截至 ");
    html_day(r, h, r->today);
    HTML(h, "，共 <strong id=\"inbox-count\">");
    html_int(h, n);
    HTML(h, "</strong> 项待办事项（按时间由近及远）。</p>");
    if (n == 0) {
        HTML(h, "<p class=\"empty\">暂无待办事项。</p>");
        page_end(r);
        return;
    }
    HTML(h, "<ul class=\"chips\">");
    for (int k = 0; k < DUTY__COUNT; k++) {
        if (!counts[k])
            continue;
        HTML(h, "<li>");
        html_text(h, ledger_owed_label((OwedKind)k));
        HTML(h, " <strong>");
        html_int(h, counts[k]);
        HTML(h, "</strong></li>");
    }
    HTML(h, "</ul><table class=\"responsive inbox\"><thead><tr><th>事项</th><th>整改措施</th>"
            "<th>时限</th><th>日期</th></tr></thead><tbody>");
    for (int i = 0; i < pg.n_rows; i++) {
        const Owed *o = &items[i];
        HTML(h, "<tr class=\"owe-");
        html_text(h, ledger_owed_name(o->kind));
        HTML(h, "\">");
        view_cell_text(h, "事项", ledger_owed_label(o->kind));
        view_td(h, "整改措施");
        HTML(h, "<a href=\"");
        item_link(h, o);
        HTML(h, "\">");
        html_text(h, o->title && *o->title ? o->title : "（查看）");
        HTML(h, "</a></td>");
        view_td(h, "时限");
        html_day(r, h, o->due);
        if (o->due != DAY_NONE && o->due < r->today)
            HTML(h, " <span class=\"tag state-returned\">已逾期</span>");
        HTML(h, "</td>");
        view_td(h, "日期");
        html_day(r, h, o->since);
        HTML(h, "</td></tr>");
    }
    HTML(h, "</tbody></table>");
    Buf href = BUF_INIT;
    HTML(&href, "/inbox?");
    view_list_pager(h, &pg, &href, "");
    buf_free(&href);
    page_end(r);
}

void page_deliveries(Request *r)
{
    int64_t before = 0;
    if (request_query_id(r, "before", &before) < 0) {
        route_fail(r, 400, "bad_request", "bad cursor");
        return;
    }
    Delivery *ds;
    int n;
    if (delivery_store_list(r->db, &r->arena, before, 50, &ds, &n, &r->err) < 0) {
        route_fail_err(r, &r->err);
        return;
    }
    Buf *h = &r->out;
    page_begin_h1(r, "提醒推送记录", NAV_INBOX);
    HTML(h, "<p class=\"summary\">每日待办提醒经 Webhook 推送到消息平台的每一次尝试。</p>");
    if (n == 0) {
        HTML(h, "<p class=\"empty\">暂无推送记录。</p>");
        page_end(r);
        return;
    }
    static const char *const heads[] = {"提醒日期", "接收方", "第几次", "时间",
                                        "结果",     "说明",   NULL};
    view_table_begin(h, "responsive deliveries", heads, 0);
    for (int i = 0; i < n; i++) {
        const Delivery *d = &ds[i];
        HTML(h, "<tr>");
        view_td(h, "提醒日期");
        html_day(r, h, d->day);
        HTML(h, "</td>");
        view_cell_text(h, "接收方", d->recipient);
        view_cell_int(h, "第几次", d->attempt);
        view_td(h, "时间");
        html_time(r, h, d->at);
        HTML(h, "</td>");
        view_cell_text(h, "结果", d->ok ? "成功" : "失败");
        view_td(h, "说明");
        if (d->status)
            HTML_INT(h, "HTTP ", d->status, " ");
        html_text(h, d->error);
        HTML(h, "</td></tr>");
    }
    HTML(h, "</tbody></table>");
    view_pager(h, n == 50, "/deliveries", "before", n ? ds[n - 1].id : 0, "更早的记录");
    page_end(r);
}
