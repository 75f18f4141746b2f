/*
** page_audit.c: the audit log for the auditor (SPEC §5, §9), as a page (GET /audit), as a CSV
** export (POST /audit/export, itself audited) and through the API (GET /api/v1/audit): newest
** first, a page at a time by sequence number (the cursor `after` is the sequence number of the
** previous page's last entry), filtered by a range of local dates, the actor's login, the
** action (a name or the beginning of one: "user.", "login") and the object (kind and id). All
** three read their parameters with one parser, which refuses anything malformed with 400
** before the query runs. The page speaks the auditor's language (audit_view.c): actions by
** their Chinese labels, people by name and unit, objects by kind and name, details as
** sentences, times in the office's zone.
*/
#include "base/tz.h"
#include "db/audit_store.h"
#include "db/inspection_store.h"
#include "db/measure_store.h"
#include "db/vocab.h"
#include "web/access.h"
#include "web/api.h"
#include "web/audit_view.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/routes.h"
#include "web/server.h"
#include "web/view.h"

#define AUDIT_PAGE_SIZE 50
#define AUDIT_MAX_LIMIT 100
#define AUDIT_EXPORT_MAX 10000 /* entries in one export; narrow the filters for more */
#define AUDIT_FILTER_MAX 64    /* bytes of the actor and action filters */

/* One page of the log as the request asks for it. */
typedef struct AuditPage {
    AuditQuery q;         /* the filters and cursor */
    Day from, to;         /* the local date range, DAY_NONE when open */
    const char *kind;     /* object kind filter or NULL */
    int64_t object_id;    /* object id filter or 0 */
    AuditEntry *items;    /* at most q.limit entries */
    int n_items;
    int64_t next;         /* cursor of the next page, 0 on the last */
} AuditPage;

static bool action_prefix_ok(const char *s)
{
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || *s == '.' || *s == '_'))
            return false;
    return true;
}

/* The parameter name of the query (GET) or form (POST), NULL when absent or empty. */
static const char *param(const Request *r, const char *name)
{
    const char *v = r->method == HTTP_POST ? request_form(r, name) : request_query(r, name);
    return v && *v ? v : NULL;
}

/* A local date parameter into *out (DAY_NONE when absent); -1 when malformed. */
static int date_param(const Request *r, const char *name, Day *out)
{
    const char *v = param(r, name);
    *out = DAY_NONE;
    return v && date_parse(v, strlen(v), out) < 0 ? -1 : 0;
}

/* The UTC timestamp at which local day d begins, in r's arena. */
static const char *day_start_iso(Request *r, Day d)
{
    char iso[TIME_ISO_SIZE];
    return arena_strdup(&r->arena, date_time_iso(tz_day_start(r->config->tz, d), iso));
}

/* Read the filters, after and limit (at most max_limit) into p->q. -1 after replying 400. */
static int audit_filters(Request *r, AuditPage *p, int max_limit)
{
    memset(p, 0, sizeof *p);
    p->q.actor = param(r, "actor");
    p->q.action = param(r, "action");
    p->kind = param(r, "kind");
    const char *limit = param(r, "limit");
    p->q.limit = AUDIT_PAGE_SIZE;
    int64_t n = 0;
    char kind_buf[16];
    const char *kind_label;
    if ((p->q.actor && strlen(p->q.actor) > AUDIT_FILTER_MAX) ||
        (p->q.action && (strlen(p->q.action) > AUDIT_FILTER_MAX || !action_prefix_ok(p->q.action)))) {
        route_fail(r, 400, "bad_request", "actor and action: up to 64 bytes; action of a-z . _");
        return -1;
    }
    if (date_param(r, "from", &p->from) < 0 || date_param(r, "to", &p->to) < 0 ||
        (p->from != DAY_NONE && p->to != DAY_NONE && p->to < p->from)) {
        route_fail(r, 400, "bad_request", "from and to: dates YYYY-MM-DD, from not after to");
        return -1;
    }
    if (request_query_id(r, "after", &p->q.before) < 0 ||
        (r->method == HTTP_GET && request_query_id(r, "id", &p->object_id) < 0) ||
        (limit && (!request_parse_id(limit, strlen(limit), &n) || n > max_limit))) {
        route_fail(r, 400, "bad_request", "after and id must be numbers, limit 1 to 100");
        return -1;
    }
    if (r->method == HTTP_POST) {
        const char *id = param(r, "id");
        if (id && !request_parse_id(id, strlen(id), &p->object_id)) {
            route_fail(r, 400, "bad_request", "id must be a number");
            return -1;
        }
    }
    if (p->kind && p->object_id) {
        const char *object = arena_printf(&r->arena, "%s:%lld", p->kind, (long long)p->object_id);
        int64_t check;
        if (!audit_view_object(object, kind_buf, &check, &kind_label)) {
            route_fail(r, 400, "bad_request", "kind: measure, user, unit or inspection");
            return -1;
        }
        p->q.object = object;
    }
    if (n)
        p->q.limit = (int)n;
    if (p->from != DAY_NONE)
        p->q.from = day_start_iso(r, p->from);
    if (p->to != DAY_NONE)
        p->q.to = day_start_iso(r, p->to + 1);
    return 0;
}

/* Fetch the page p's filters select. -1 after replying. */
static int audit_fetch(Request *r, AuditPage *p)
{
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
    if (audit_filters(r, &p, AUDIT_MAX_LIMIT) < 0 || audit_fetch(r, &p) < 0)
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
        json_kstr(&j, "action_label", audit_view_action_label(e->action));
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

/* An actor's display name and unit, looked up once per login on a page. */
typedef struct ActorName {
    const char *login; /* the stored actor */
    const char *name;  /* display name, or the Chinese for system actors */
    const char *unit;  /* unit name or NULL */
} ActorName;

typedef struct Names {
    ActorName items[AUDIT_PAGE_SIZE * 2];
    int n;
} Names;

static const ActorName *actor_name(Request *r, Names *names, const char *login)
{
    for (int i = 0; i < names->n; i++)
        if (strcmp(names->items[i].login, login) == 0)
            return &names->items[i];
    ActorName a = {login, NULL, NULL};
    if (strcmp(login, "system") == 0)
        a.name = "系统";
    else if (strcmp(login, "cli") == 0)
        a.name = "命令行（服务器管理员）";
    else if (strcmp(login, "anonymous") == 0)
        a.name = "未登录用户";
    else if (admin_store_actor(r->db, &r->arena, login, &a.name, &a.unit, &r->err) < 0 || !a.name)
        a.name = "（已不存在的账号）";
    if (names->n == (int)ARRAY_SIZE(names->items))
        names->n = 0; /* only a cache */
    names->items[names->n] = a;
    return &names->items[names->n++];
}

/* The page r's user may open for object kind:id, or NULL: never link what the reader may not
   open (the auditor, holding no other role, opens none of them). */
static const char *object_href(Request *r, const char *kind, int64_t id)
{
    const User *u = &r->user;
    if (strcmp(kind, "user") == 0)
        return access_has(u, ROLES_ADMIN) ? arena_printf(&r->arena, "/admin/users/%lld", (long long)id)
                                          : NULL;
    if (!access_has(u, ROLES_LEDGER))
        return NULL;
    Inspection in;
    Measure m;
    Err err = ERR_INIT;
    if (strcmp(kind, "measure") == 0)
        return measure_store_get(r->db, &r->arena, id, &m, &err) == 0 &&
                       inspection_store_get(r->db, &r->arena, m.inspection_id, &in, &err) == 0 &&
                       access_measure(u, &in, &m)
                   ? arena_printf(&r->arena, "/measures/%lld", (long long)id)
                   : NULL;
    if (strcmp(kind, "inspection") == 0)
        return inspection_store_get(r->db, &r->arena, id, &in, &err) == 0 && access_inspection(u, &in)
                   ? arena_printf(&r->arena, "/inspections/%lld", (long long)id)
                   : NULL;
    return NULL;
}

/* The object of e as text into b: 措施“完善干部队伍建设”; *href set when r's user may open it. */
static void object_text(Request *r, const AuditEntry *e, Buf *b, const char **href)
{
    char kind[16];
    int64_t id;
    const char *kind_label, *name = NULL;
    *href = NULL;
    if (strncmp(e->object, "login:", 6) == 0) {
        buf_puts(b, "账号名“");
        buf_puts(b, e->object + 6);
        buf_puts(b, "”（不存在）");
        return;
    }
    if (!audit_view_object(e->object, kind, &id, &kind_label)) {
        buf_puts(b, strcmp(e->object, "user") == 0       ? "账号"
                    : strcmp(e->object, "database") == 0 ? "数据库"
                    : strcmp(e->object, "audit") == 0    ? "审计日志"
                    : *e->object ? e->object : "—");
        return;
    }
    if (admin_store_object_name(r->db, &r->arena, kind, id, &name, &r->err) < 0)
        name = NULL;
    buf_puts(b, kind_label);
    if (name) {
        buf_puts(b, "“");
        buf_puts(b, name);
        buf_puts(b, "”");
        *href = object_href(r, kind, id);
    } else {
        buf_puts(b, arena_printf(&r->arena, "（编号 %lld，已不存在）", (long long)id));
    }
}

/* Append the filters of p as a query string (a=1&amp;b=2), for links. */
static void filter_query(Buf *h, const AuditPage *p)
{
    char d[DATE_ISO_SIZE];
    const char *sep = "";
#define ADD(name, value)                                                                          \
    do {                                                                                          \
        buf_puts(h, sep);                                                                         \
        HTML(h, name "=");                                                                        \
        html_url(h, value);                                                                       \
        sep = "&amp;";                                                                            \
    } while (0)
    if (p->from != DAY_NONE)
        ADD("from", date_format(p->from, d));
    if (p->to != DAY_NONE)
        ADD("to", date_format(p->to, d));
    if (p->q.actor)
        ADD("actor", p->q.actor);
    if (p->q.action)
        ADD("action", p->q.action);
    if (p->q.object) {
        ADD("kind", p->kind);
        buf_puts(h, "&amp;id=");
        html_int(h, p->object_id);
    }
#undef ADD
}

/* The hidden fields that carry p's filters into the export form. */
static void filter_hidden(Buf *h, const AuditPage *p)
{
    char d[DATE_ISO_SIZE];
    const struct {
        const char *name, *value;
    } fields[] = {
        {"from", p->from != DAY_NONE ? date_format(p->from, d) : NULL},
        {"actor", p->q.actor},
        {"action", p->q.action},
        {"kind", p->q.object ? p->kind : NULL},
    };
    for (size_t i = 0; i < ARRAY_SIZE(fields); i++)
        if (fields[i].value)
            html_hidden(h, fields[i].name, fields[i].value);
    char t[DATE_ISO_SIZE];
    if (p->to != DAY_NONE)
        html_hidden(h, "to", date_format(p->to, t));
    if (p->q.object)
        html_hidden_int(h, "id", p->object_id);
}

/* The filter form: date range, actor, action (by label), object kind and id; a 筛选 button. */
static void filter_form(Buf *h, const AuditPage *p)
{
    char d[DATE_ISO_SIZE];
    HTML(h, "<form method=\"get\" action=\"/audit\" class=\"filters\"><label>起始日期"
            "<input type=\"date\" name=\"from\" value=\"");
    if (p->from != DAY_NONE)
        html_text(h, date_format(p->from, d));
    HTML(h, "\"></label><label>截止日期<input type=\"date\" name=\"to\" value=\"");
    if (p->to != DAY_NONE)
        html_text(h, date_format(p->to, d));
    HTML(h, "\"></label><label>操作人账号<input name=\"actor\" maxlength=\"64\" value=\"");
    html_text(h, p->q.actor);
    HTML(h, "\"></label><label>操作<select name=\"action\"><option value=\"\">全部</option>");
    static const struct {
        const char *prefix, *label;
    } groups[] = {{"login", "登录类（全部）"}, {"user.", "账号管理类（全部）"},
                  {"measure.", "整改措施办理类（全部）"}, {"report.", "报告类（全部）"},
                  {"export.", "导出类（全部）"}};
    for (size_t i = 0; i < ARRAY_SIZE(groups); i++)
        html_option(h, groups[i].prefix, groups[i].label,
                    p->q.action && strcmp(p->q.action, groups[i].prefix) == 0);
    for (int i = 0; i < vocab_count(VOCAB_AUDIT_ACTION); i++) {
        const char *name = vocab_name(VOCAB_AUDIT_ACTION, i);
        html_option(h, name, vocab_label(VOCAB_AUDIT_ACTION, i),
                    p->q.action && strcmp(p->q.action, name) == 0);
    }
    HTML(h, "</select></label><label>对象类型<select name=\"kind\"><option value=\"\">全部</option>");
    static const struct {
        const char *kind, *label;
    } kinds[] = {{"measure", "措施"}, {"user", "账号"}, {"unit", "单位"}, {"inspection", "整改任务"}};
    for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
        html_option(h, kinds[i].kind, kinds[i].label, p->kind && strcmp(p->kind, kinds[i].kind) == 0);
    HTML(h, "</select></label><label>对象编号<input name=\"id\" inputmode=\"numeric\" "
            "pattern=\"[0-9]*\" size=\"8\" value=\"");
    if (p->object_id)
        html_int(h, p->object_id);
    HTML(h, "\"></label><button type=\"submit\">筛选</button>"
            "<a href=\"/audit\">清除筛选</a></form>");
}

/* One row of the table. */
static void entry_row(Request *r, Names *names, const AuditEntry *e)
{
    Buf *h = &r->out;
    Buf t = BUF_INIT;
    HTML_INT(h, "<tr><td data-label=\"序号\">", e->seq, "</td>");
    HTML_TEXT(h, "<td data-label=\"时间\"><time datetime=\"", e->at, "\">");
    html_time(r, h, e->at);
    HTML(h, "</time></td><td data-label=\"操作人\">");
    const ActorName *a = actor_name(r, names, e->actor);
    HTML(h, "<a class=\"who\" href=\"/audit?actor=");
    html_url(h, e->actor);
    HTML_TEXT(h, "\" title=\"只看此人的记录\">", a->name, "</a>");
    if (a->unit)
        HTML_TEXT(h, "<span class=\"sub\">", a->unit, "</span>");
    HTML(h, "</td><td data-label=\"操作\">");
    const char *label = audit_view_action_label(e->action);
    if (label)
        html_text(h, label);
    else
        HTML_TEXT(h, "<code>", e->action, "</code>");
    HTML(h, "</td><td data-label=\"对象\">");
    const char *href;
    object_text(r, e, &t, &href);
    if (href)
        html_link(h, href, 0, NULL, t.data);
    else
        html_text(h, t.data);
    HTML(h, "</td><td data-label=\"详情\" class=\"detail\">");
    buf_reset(&t);
    audit_view_detail(&t, e);
    html_text(h, t.data);
    HTML(h, "</td></tr>");
    buf_free(&t);
}

void page_audit(Request *r)
{
    AuditPage p;
    if (audit_filters(r, &p, AUDIT_MAX_LIMIT) < 0 || audit_fetch(r, &p) < 0)
        return;
    Buf *h = &r->out;
    page_begin(r, "审计日志", NAV_AUDIT);
    HTML(h, "<h1>审计日志</h1><p class=\"hint\">记录登录、账号与权限变更、整改事项流转、报告生成与导出等"
            "全部操作，只可追加、不可修改，按哈希链串联；可用命令 <code>zhenggai audit verify</code> "
            "校验完整性。时间为本单位所在时区的时间。</p>");
    filter_form(h, &p);
    html_form_post(r, "inline export", "/audit/export", 0, NULL);
    filter_hidden(h, &p);
    HTML(h, "<button type=\"submit\">导出当前筛选结果（CSV）</button> <span class=\"hint\">"
            "最多 10000 条；导出操作本身也记入审计日志。</span></form>");
    if (p.n_items == 0) {
        HTML(h, "<p class=\"empty\">没有符合条件的审计记录。</p>");
        page_end(r);
        return;
    }
    static const char *const heads[] = {"序号", "时间", "操作人", "操作", "对象", "详情", NULL};
    view_table_begin(h, "responsive audit", heads, 0);
    Names *names = ARENA_ARRAY(&r->arena, Names, 1);
    for (int i = 0; i < p.n_items; i++)
        entry_row(r, names, &p.items[i]);
    HTML(h, "</tbody></table><nav class=\"pager\" aria-label=\"翻页\">");
    if (p.q.before) {
        HTML(h, "<a href=\"/audit?");
        filter_query(h, &p);
        HTML(h, "\">回到最新记录</a>");
    }
    if (p.next) {
        HTML(h, "<a rel=\"next\" href=\"/audit?");
        filter_query(h, &p);
        HTML_INT(h, "&amp;after=", p.next, "\">下一页（更早的记录）</a>");
    }
    HTML(h, "</nav>");
    page_end(r);
}

/* One CSV field, quoted; a leading = + - @ is neutralised so a spreadsheet shows it as text. */
static void csv_field(Buf *b, const char *s, bool last)
{
    buf_putc(b, '"');
    if (s && (*s == '=' || *s == '+' || *s == '-' || *s == '@'))
        buf_putc(b, '\'');
    for (; s && *s; s++) {
        if (*s == '"')
            buf_putc(b, '"');
        buf_putc(b, *s);
    }
    buf_puts(b, last ? "\"\r\n" : "\",");
}

void page_audit_export(Request *r)
{
    AuditPage p;
    if (audit_filters(r, &p, AUDIT_EXPORT_MAX) < 0)
        return;
    p.q.limit = AUDIT_EXPORT_MAX;
    /* The read and its audit entry in one transaction: what was exported is what is logged. */
    if (db_begin(r->db, &r->err) < 0) {
        route_fail_err(r, &r->err);
        return;
    }
    if (audit_fetch(r, &p) < 0) {
        db_rollback(r->db);
        return;
    }
    Buf *b = &r->out;
    Buf t = BUF_INIT;
    Names *names = ARENA_ARRAY(&r->arena, Names, 1);
    buf_puts(b, "\xEF\xBB\xBF"); /* a BOM: spreadsheets then read UTF-8 */
    buf_puts(b, "序号,时间,操作人,账号,单位,操作,对象,详情,操作代码,对象代码,原始记录\r\n");
    for (int i = 0; i < p.n_items; i++) {
        const AuditEntry *e = &p.items[i];
        const ActorName *a = actor_name(r, names, e->actor);
        char at[TZ_TEXT_SIZE];
        const char *href;
        html_int(b, e->seq);
        buf_putc(b, ',');
        const char *local = tz_format_iso(r->config->tz, e->at, 0, at);
        csv_field(b, local ? local : e->at, false);
        csv_field(b, a->name, false);
        csv_field(b, e->actor, false);
        csv_field(b, a->unit, false);
        const char *label = audit_view_action_label(e->action);
        csv_field(b, label ? label : e->action, false);
        buf_reset(&t);
        object_text(r, e, &t, &href);
        csv_field(b, t.data, false);
        buf_reset(&t);
        audit_view_detail(&t, e);
        csv_field(b, t.data, false);
        csv_field(b, e->action, false);
        csv_field(b, e->object, false);
        csv_field(b, e->detail, true);
    }
    buf_free(&t);
    const char *detail = arena_printf(&r->arena, "%d entries%s%s%s%s%s%s", p.n_items,
                                      p.q.from ? ", from " : "", p.q.from ? p.q.from : "",
                                      p.q.to ? ", before " : "", p.q.to ? p.q.to : "",
                                      p.q.actor || p.q.action || p.q.object ? ", filtered" : "",
                                      p.next ? ", truncated" : "");
    if (audit_store_append(r->db, r->user.login, AUDIT_EXPORT_AUDIT, "audit", detail, &r->err) < 0 ||
        db_commit(r->db, &r->err) < 0) {
        db_rollback(r->db);
        route_fail_err(r, &r->err);
        return;
    }
    r->reply_type = "text/csv; charset=utf-8";
    char day[DATE_ISO_SIZE];
    request_header(r, "Content-Disposition",
                   arena_printf(&r->arena,
                                "attachment; filename=\"audit-%s.csv\"; "
                                "filename*=UTF-8''%%E5%%AE%%A1%%E8%%AE%%A1%%E6%%97%%A5%%E5%%BF%%97-%s.csv",
                                date_format(r->today, day), day));
    request_header(r, "Cache-Control", "no-store");
}
