/*
** page_audit.c: the audit log for the auditor (SPEC §5, §9), as a page (GET /audit) and through
** the API (GET /api/v1/audit): newest first, a page at a time by sequence number (the cursor
** `after` is the sequence number of the previous page's last entry), filtered by actor and by
** the beginning of the action ("user.", "login"). Both read their parameters with one parser,
** which refuses anything malformed with 400 before the query runs.
*/
#include "db/admin_store.h"
#include "web/api.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/routes.h"

#define AUDIT_PAGE_SIZE 50
#define AUDIT_MAX_LIMIT 100
#define AUDIT_FILTER_MAX 64 /* bytes of the actor and action filters */

/* One page of the log as the request asks for it. */
typedef struct AuditPage {
    AuditQuery q;       /* the filters and cursor */
    AuditEntry *items;  /* at most q.limit entries */
    int n_items;
    int64_t next;       /* cursor of the next page, 0 on the last */
} AuditPage;

static bool action_prefix_ok(const char *s)
{
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || *s == '.' || *s == '_'))
            return false;
    return true;
}

/* Read actor, action, after and limit, and fetch the page. -1 after replying. */
static int audit_page(Request *r, AuditPage *p)
{
    memset(p, 0, sizeof *p);
    const char *actor = request_query(r, "actor"), *action = request_query(r, "action");
    const char *limit = request_query(r, "limit");
    p->q.actor = actor && *actor ? actor : NULL;
    p->q.action = action && *action ? action : NULL;
    p->q.limit = AUDIT_PAGE_SIZE;
    int64_t n = 0;
    if ((p->q.actor && strlen(p->q.actor) > AUDIT_FILTER_MAX) ||
        (p->q.action && (strlen(p->q.action) > AUDIT_FILTER_MAX || !action_prefix_ok(p->q.action)))) {
        route_fail(r, 400, "bad_request", "actor and action: up to 64 bytes; action of a-z . _");
        return -1;
    }
    if (request_query_id(r, "after", &p->q.before) < 0 ||
        (limit && (request_query_id(r, "limit", &n) < 0 || n < 1 || n > AUDIT_MAX_LIMIT))) {
        route_fail(r, 400, "bad_request", "after must be an entry number, limit 1 to 100");
        return -1;
    }
    if (n)
        p->q.limit = (int)n;
    /* One more than asked tells whether there is a next page. */
    AuditQuery q = p->q;
    q.limit++;
    if (admin_store_audit(r->db, &r->arena, &q, &p->items, &p->n_items, &r->err) < 0) {
        route_fail_err(r, &r->err);
        return -1;
    }
    if (p->n_items > p->q.limit) {
        p->n_items = p->q.limit;
        p->next = p->items[p->n_items - 1].seq;
    }
    return 0;
}

void api_audit_list(Request *r)
{
    AuditPage p;
    if (audit_page(r, &p) < 0)
        return;
    JsonW j;
    api_items_begin(r, &j);
    for (int i = 0; i < p.n_items; i++) {
        const AuditEntry *e = &p.items[i];
        json_obj(&j);
        json_kint(&j, "seq", e->seq);
        json_kstr(&j, "at", e->at);
        json_kstr(&j, "actor", e->actor);
        json_kstr(&j, "action", e->action);
        json_kstr(&j, "object", e->object);
        json_kstr(&j, "detail", e->detail);
        json_end(&j);
    }
    json_end(&j);
    json_key(&j, "next");
    if (p.next)
        json_str(&j, arena_printf(&r->arena, "%lld", (long long)p.next));
    else
        json_nul(&j);
    json_end(&j);
    api_end(r);
}

/* The query string of a link to the page after `after` with the same filters. */
static void next_link(Buf *h, const AuditPage *p)
{
    HTML(h, "<p class=\"pager\"><a class=\"button\" href=\"/audit?after=");
    html_int(h, p->next);
    if (p->q.actor) {
        HTML(h, "&amp;actor=");
        html_url(h, p->q.actor);
    }
    if (p->q.action) {
        HTML(h, "&amp;action=");
        html_url(h, p->q.action);
    }
    HTML(h, "\">下一页（更早的记录）</a></p>");
}

void page_audit(Request *r)
{
    AuditPage p;
    if (audit_page(r, &p) < 0)
        return;
    Buf *h = &r->out;
    page_begin(r, "审计日志", NAV_AUDIT);
    HTML(h, "<h1>审计日志</h1><p class=\"hint\">记录登录、账号与权限变更、整改事项流转等全部操作，"
            "只可追加、不可修改，按哈希链串联；可用命令 <code>zhenggai audit verify</code> "
            "校验完整性。</p>"
            "<form method=\"get\" action=\"/audit\" class=\"filters\"><label>操作人"
            "<input name=\"actor\" maxlength=\"64\" value=\"");
    html_text(h, p.q.actor);
    HTML(h, "\"></label><label>操作类型（前缀）<input name=\"action\" maxlength=\"64\" "
            "placeholder=\"如 user. 或 login\" value=\"");
    html_text(h, p.q.action);
    HTML(h, "\"></label><button type=\"submit\">筛选</button>"
            "<a href=\"/audit\">清除筛选</a></form>");
    if (p.n_items == 0) {
        HTML(h, "<p class=\"empty\">没有符合条件的审计记录。</p>");
        page_end(r);
        return;
    }
    HTML(h, "<table class=\"responsive audit\"><thead><tr><th>序号</th><th>时间（UTC）</th><th>操作人</th>"
            "<th>操作</th><th>对象</th><th>详情</th></tr></thead><tbody>");
    for (int i = 0; i < p.n_items; i++) {
        const AuditEntry *e = &p.items[i];
        HTML(h, "<tr><td data-label=\"序号\">");
        html_int(h, e->seq);
        HTML(h, "</td><td data-label=\"时间\">");
        html_text(h, e->at);
        HTML(h, "</td><td data-label=\"操作人\">");
        html_text(h, e->actor);
        HTML(h, "</td><td data-label=\"操作\"><code>");
        html_text(h, e->action);
        HTML(h, "</code></td><td data-label=\"对象\">");
        html_text(h, e->object);
        HTML(h, "</td><td data-label=\"详情\" class=\"detail\">");
        html_text(h, e->detail);
        HTML(h, "</td></tr>");
    }
    HTML(h, "</tbody></table>");
    if (p.next)
        next_link(h, &p);
    page_end(r);
}
