/*
** api_report.c: reports through the JSON API (office): generate any kind and format (the bytes
** as an attachment), set the narrative blocks, publish a 通报 (409 with the names that stop
** it), and read published reports and their frozen files. The helpers the page shares
** (report_view.h) live here too.
*/
#include "db/audit_store.h"
#include "db/publication_store.h"
#include "db/report_store.h"
#include "web/access.h"
#include "web/api.h"
#include "web/fields.h"
#include "web/handlers.h"
#include "web/regpage.h"
#include "web/report_view.h"
#include "web/routes.h"
#include "web/view.h"

bool report_view_params(Request *r, ReportParams *p)
{
    memset(p, 0, sizeof *p);
    int64_t id;
    if (request_query_id(r, "inspection", &id) < 0 || (id == 0 && r->json)) {
        const char *fields[] = {"inspection"};
        route_fail_fields(r, 400, "bad_request", "give ?inspection=ID", fields, 1);
        return false;
    }
    if (id == 0) {
        /* A page without a choice yet: the first inspection the user may see. */
        const Inspection *list;
        int n;
        if (view_pick_inspection(r, &list, &n, &p->in) < 0)
            return false;
        if (!p->in.id) {
            route_fail(r, 404, "not_found", "no inspection to report on");
            return false;
        }
        id = p->in.id;
    }
    const char *kind = request_query(r, "kind"), *format = request_query(r, "format");
    const char *as_of = request_query(r, "as_of");
    int k = kind && *kind ? report_kind_parse(kind) : REPORT_TONGBAO;
    if (k < 0 || k == REPORT_STATS) {
        const char *fields[] = {"kind"};
        route_fail_fields(r, 400, "bad_request", "kind is tongbao, dispatch or ledger", fields, 1);
        return false;
    }
    int f = format && *format    ? report_format_parse(format)
            : k == REPORT_LEDGER ? FORMAT_XLSX
                                 : FORMAT_HTML;
    if (!r->json && (f < 0 || !report_supports((ReportKind)k, (ReportFormat)f))) {
        p->format_refused = true;
        f = k == REPORT_LEDGER ? FORMAT_XLSX : FORMAT_HTML;
    }
    if (f < 0 || !report_supports((ReportKind)k, (ReportFormat)f)) {
        const char *fields[] = {"format"};
        route_fail_fields(r, 400, "bad_request", "this kind does not come in this format", fields,
                          1);
        return false;
    }
    p->as_of = r->today;
    if (as_of && *as_of &&
        (date_parse(as_of, strlen(as_of), &p->as_of) < 0 || p->as_of > r->today)) {
        const char *fields[] = {"as_of"};
        route_fail_fields(r, 400, "bad_request", "as_of is a past date like 2025-06-30", fields, 1);
        return false;
    }
    const char *attach = request_query(r, "attach");
    p->attach = attach && strcmp(attach, "1") == 0;
    p->kind = (ReportKind)k;
    p->format = (ReportFormat)f;
    return access_inspection_or_reply(r, id, &p->in);
}

bool report_view_render(Request *r, const ReportParams *p, ReportData *d, Buf *out)
{
    Err err = ERR_INIT;
    if (!route_ok_or_reply(
            r, report_load_on(r->db, &r->arena, p->in.id, p->as_of, r->today, false, d, &err),
            &err))
        return false;
    d->attach_ledger = p->attach;
    if (!route_ok_or_reply(r, report_render(d, &r->arena, p->kind, p->format, out, &err), &err))
        return false;
    return true;
}

const char *report_view_file_name(Request *r, const ReportParams *p)
{
    const char *kw = report_kind_word(p->in.kind);
    const char *ext = report_format_name(p->format);
    switch (p->kind) {
    case REPORT_DISPATCH:
        return arena_printf(&r->arena, "%s整改调度表.%s", kw, ext);
    case REPORT_LEDGER:
        return arena_printf(&r->arena, "%s整改台账.%s", kw, ext);
    default:
        return arena_printf(&r->arena, "关于%s整改进展情况的通报.%s", kw, ext);
    }
}

const char *report_view_media_type(ReportFormat f)
{
    switch (f) {
    case FORMAT_MD:
        return "text/markdown; charset=utf-8";
    case FORMAT_HTML:
        return "text/html; charset=utf-8";
    case FORMAT_CSV:
        return "text/csv; charset=utf-8";
    case FORMAT_JSON:
        return "application/json; charset=utf-8";
    case FORMAT_DOCX:
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    case FORMAT_XLSX:
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    default:
        return "application/octet-stream";
    }
}

void report_view_attachment(Request *r, const char *bytes, size_t len, ReportFormat f,
                            const char *name)
{
    /* RFC 6266 / 5987: an ASCII fallback, then the UTF-8 name percent-encoded. */
    Buf cd = BUF_INIT;
    buf_printf(&cd, "attachment; filename=\"report.%s\"; filename*=UTF-8''", report_format_name(f));
    for (const unsigned char *s = (const unsigned char *)name; *s; s++) {
        if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
            *s == '.' || *s == '-' || *s == '_')
            buf_putc(&cd, (char)*s);
        else
            buf_printf(&cd, "%%%02X", *s);
    }
    request_header(r, "Content-Disposition", arena_strndup(&r->arena, cd.data, cd.len));
    buf_free(&cd);
    buf_reset(&r->out);
    buf_append(&r->out, bytes, len);
    r->reply_type = report_view_media_type(f);
    r->cacheable = false;
}

static int record_fn(Request *r, void *ctx, Err *err)
{
    const void *const *v = ctx;
    const ReportParams *p = v[0];
    const Buf *out = v[1];
    char sha[65];
    return report_record(r->db, p->in.id, report_kind_name(p->kind), report_format_name(p->format),
                         out, r->user.login, "web", sha, err);
}

bool report_view_record(Request *r, const ReportParams *p, const Buf *out)
{
    const void *ctx[] = {p, out};
    return regpage_write(r, record_fn, (void *)ctx);
}

int report_view_text_set(Request *r, int64_t inspection_id, const char *block, const char *body,
                         Err *err)
{
    if (db_begin(r->db, err) < 0)
        return -1;
    char object[32], detail[64];
    snprintf(object, sizeof object, "inspection:%lld", (long long)inspection_id);
    snprintf(detail, sizeof detail, "block %s, %zu bytes", block, strlen(body));
    if (report_store_text_set(r->db, inspection_id, block, body, err) < 0 ||
        audit_store_append(r->db, r->user.login, AUDIT_REPORT_TEXT_SET, object, detail, err) < 0) {
        db_rollback(r->db);
        return -1;
    }
    return db_commit(r->db, err);
}

bool report_view_publish(Request *r, const Inspection *in, Day as_of, bool attach,
                         const char *const *confirmed, int n_confirmed, ReportPublished *out)
{
    ReportData d;
    Err err = ERR_INIT;
    memset(out, 0, sizeof *out);
    if (!route_ok_or_reply(
            r, report_load_on(r->db, &r->arena, in->id, as_of, r->today, false, &d, &err), &err))
        return false;
    d.attach_ledger = attach;
    if (report_publish(r->db, &r->arena, &d, r->user.login, r->user.id, confirmed, n_confirmed, out,
                       &err) == 0)
        return true;
    if (!out->n_hits)
        route_fail_err(r, &err);
    return false;
}

/* The same download as the report page's form (page_report.c), for an API client. */
void api_report_generate(Request *r)
{
    page_report_download(r);
}

static void publication_members(JsonW *j, const Publication *p)
{
    json_kint(j, "id", p->id);
    json_kint(j, "inspection_id", p->inspection_id);
    json_kstr(j, "title", p->title);
    api_day(j, "as_of", p->as_of);
    json_kstr(j, "published_at", p->published_at);
}

void api_report_list(Request *r)
{
    Inspection in;
    int64_t before;
    if (!fields_list_params(r, "before", &in, &before))
        return;
    enum { PAGE = 50 };
    Publication *ps;
    int n;
    JsonW j;
    if (!api_items_or_reply(
            r, publication_store_list(r->db, &r->arena, in.id, before, PAGE, &ps, &n, &r->err), &j))
        return;
    for (int i = 0; i < n; i++) {
        json_obj(&j);
        publication_members(&j, &ps[i]);
        json_end(&j);
    }
    fields_items_end(r, &j, n, PAGE, n ? ps[n - 1].id : 0);
}

/* Publication path_id, of an inspection the user may see; false after replying. */
static bool publication_or_reply(Request *r, Publication *p)
{
    Inspection in;
    if (!route_ok_or_reply(r, publication_store_get(r->db, &r->arena, r->path_id, p, &r->err),
                           &r->err))
        return false;
    return access_inspection_or_reply(r, p->inspection_id, &in);
}

void api_report_get(Request *r)
{
    Publication p;
    if (!publication_or_reply(r, &p))
        return;
    JsonW j;
    api_object_begin(r, 0, &j);
    publication_members(&j, &p);
    json_key(&j, "files");
    json_obj(&j);
    static const char *const formats[] = {"md", "html", "docx"};
    for (size_t i = 0; i < ARRAY_SIZE(formats); i++) {
        PublicationFile f;
        if (publication_store_file(r->db, &r->arena, p.id, formats[i], &f, &r->err) < 0)
            continue;
        json_key(&j, formats[i]);
        json_obj(&j);
        json_kstr(&j, "sha256", f.sha256);
        json_kint(&j, "size", (int64_t)f.len);
        json_end(&j);
    }
    json_end(&j);
    api_object_end(r, &j);
}

void api_report_file(Request *r)
{
    Publication p;
    if (!publication_or_reply(r, &p))
        return;
    const char *format = request_query(r, "format");
    int f = report_format_parse(format ? format : "docx");
    PublicationFile file;
    if (f < 0 || publication_store_file(r->db, &r->arena, p.id, report_format_name((ReportFormat)f),
                                        &file, &r->err) < 0) {
        route_fail(r, 404, "not_found", "no such file of this published report");
        return;
    }
    const char *name = arena_printf(&r->arena, "%s.%s", p.title, file.format);
    report_view_attachment(r, file.bytes, file.len, (ReportFormat)f, name);
}

void api_report_text(Request *r)
{
    ApiChange c;
    if (!api_change_begin_or_reply(r, &c))
        return;
    Inspection in;
    int64_t id = api_id(c.f.json, "inspection");
    const char *text = api_str(c.f.json, "body");
    int t = report_text_parse(api_str(c.f.json, "block"));
    const char *clean;
    if (!id) {
        fields_fail(r, "inspection", "inspection is required");
    } else if (t < 0) {
        fields_fail(r, "block", "block is organise, leader or plan");
    } else if (!text || report_text_clean(&r->arena, text, strlen(text), &clean, &c.err) < 0) {
        fields_fail(r, "body", text ? c.err.msg : "body is required");
    } else if (access_inspection_or_reply(r, id, &in)) {
        if (report_view_text_set(r, in.id, report_text_name((ReportText)t), clean, &c.err) < 0) {
            route_fail_err(r, &c.err);
        } else {
            JsonW j;
            api_object_begin(r, 0, &j);
            json_kstr(&j, "block", report_text_name((ReportText)t));
            api_object_end(r, &j);
        }
    }
    api_change_end(&c);
}

void api_report_publish(Request *r)
{
    ApiChange c;
    if (!api_change_begin_or_reply(r, &c))
        return;
    json_t *body = c.f.json;
    Inspection in;
    int64_t id = api_id(body, "inspection");
    const char *as_of_text = api_str(body, "as_of");
    json_t *confirm = json_object_get(body, "confirm");
    Day as_of = r->today;
    if (!id) {
        fields_fail(r, "inspection", "inspection is required");
    } else if (as_of_text &&
               (date_parse(as_of_text, strlen(as_of_text), &as_of) < 0 || as_of > r->today)) {
        fields_fail(r, "as_of", "as_of is a past date");
    } else if (confirm && (!json_is_array(confirm) || json_array_size(confirm) > 200)) {
        fields_fail(r, "confirm", "confirm is a list of names");
    } else if (access_inspection_or_reply(r, id, &in)) {
        int n = 0;
        const char **names = ARENA_ARRAY(&r->arena, const char *, json_array_size(confirm) + 1);
        size_t i;
        json_t *x;
        json_array_foreach(confirm, i, x)
        {
            if (json_is_string(x))
                names[n++] = arena_strdup(&r->arena, json_string_value(x));
        }
        ReportPublished out;
        bool attach = json_is_true(json_object_get(body, "attach"));
        if (report_view_publish(r, &in, as_of, attach, names, n, &out)) {
            JsonW j;
            api_object_begin(r, 201, &j);
            json_kint(&j, "id", out.id);
            api_object_end(r, &j);
        } else if (out.n_hits) {
            JsonW j;
            const char *fields[] = {"confirm"};
            api_object_begin(r, 409, &j);
            route_error_members(&j, "names_found",
                                "the report names persons: confirm each or edit the text", fields,
                                1);
            json_key(&j, "hits");
            json_arr(&j);
            for (int k = 0; k < out.n_hits; k++)
                json_str(&j, out.hits[k]);
            json_end(&j);
            json_end(&j);
            api_object_end(r, &j);
        }
    }
    api_change_end(&c);
}
