/*
** page_evidence.c: one evidence file: the download (GET /evidence/:id, an attachment under its
** original Chinese name, RFC 5987), the inline preview of images and PDFs (GET
** /evidence/:id/preview, under a CSP sandbox so that nothing in the file can script the site) and
** the page that shows it (GET /evidence/:id/view). Access is access.c's: whoever may read the
** measure may read its files, through every route. Every download and preview is audited.
*/
#include "base/filetype.h"
#include "db/audit_store.h"
#include "db/evidence_seal.h"
#include "db/evidence_store.h"
#include "web/access.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/page_loop.h"
#include "web/routes.h"
#include "web/server.h"

/*
** Audit a read from inside the dispatcher's read transaction: end it, write the entry in its own
** write transaction, and open a read transaction again for the dispatcher to end.
*/
static int audit_read(Request *r, AuditAction action, const Evidence *e, Err *err)
{
    Db *db = r->db;
    int rc = db_commit(db, err);
    if (rc == 0 && db_begin(db, err) == 0) {
        char object[40];
        snprintf(object, sizeof object, "evidence:%lld", (long long)e->id);
        const char *detail = arena_printf(&r->arena, "%s (%s, measure %lld)", e->file_name, e->sha256,
                                          (long long)e->measure_id);
        if (audit_store_append(db, r->user.login, action, object, detail, err) < 0) {
            db_rollback(db);
            rc = -1;
        } else {
            rc = db_commit(db, err);
        }
    } else {
        rc = -1;
    }
    Err ignore = ERR_INIT;
    if (db_begin_read(db, &ignore) < 0)
        db->tx_depth = 1; /* the dispatcher's commit then fails and logs; nothing is left open */
    return rc;
}

/*
** The evidence's file as r's reply body: streamed from the file by the server (never read into
** memory), or under --crypto sm the opened seal in r->out. False after replying (a missing file
** is a 404; a changed one a 500 and a log line).
*/
static bool open_file(Request *r, const Evidence *e)
{
    const char *path = evidence_file_path(&r->arena, evidence_files_dir(&r->arena, r->config->db_path),
                                          e->sha256);
    Err err = ERR_INIT;
    int fd;
    uint64_t size = 0;
    buf_reset(&r->out);
    /* A stored file is at most one upload (plus a seal's few bytes). */
    if (evidence_seal_open(r->db, path, (size_t)r->config->max_upload + 4096, &fd, &size, &r->out,
                           &err) < 0) {
        fprintf(stderr, "serve: evidence %lld: %s\n", (long long)e->id, err.msg);
        buf_reset(&r->out);
        if (err.code == ERR_NOTFOUND)
            route_fail(r, 404, "not_found", "the evidence file is missing");
        else
            route_fail(r, 500, "internal", "cannot read the evidence file");
        return false;
    }
    if (fd >= 0)
        request_reply_fd(r, fd, size);
    return true;
}

/* Content-Disposition: kind; filename="ascii fallback"; filename*=UTF-8''percent-encoded. */
static const char *disposition(Request *r, const char *kind, const char *name)
{
    static const char hex[] = "0123456789ABCDEF";
    Buf b = BUF_INIT;
    buf_puts(&b, kind);
    buf_puts(&b, "; filename=\"");
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        buf_putc(&b, *p < 0x20 || *p >= 0x7f || *p == '"' || *p == '\\' || *p == '%' ? '_' : (char)*p);
    buf_puts(&b, "\"; filename*=UTF-8''");
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        bool plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                     (*p >= '0' && *p <= '9') || strchr("!#$&+-.^_`|~", *p);
        if (plain)
            buf_putc(&b, (char)*p);
        else {
            buf_putc(&b, '%');
            buf_putc(&b, hex[*p >> 4]);
            buf_putc(&b, hex[*p & 15]);
        }
    }
    const char *out = arena_strdup(&r->arena, b.data);
    buf_free(&b);
    return out;
}

/* The reply type of a stored media type: only the allow-list's, else a download of bytes. */
static const char *reply_type(const Evidence *e)
{
    FileType t = filetype_from_media(e->media_type);
    return t == FILETYPE_NONE ? "application/octet-stream" : filetype_media(t);
}

/*
** The bytes of the path's evidence for r's user, audited as action, with Content-Disposition
** kind (attachment or inline); inline only for images and PDF (415 otherwise). False after
** replying with a failure.
*/
static bool send_file(Request *r, AuditAction action, const char *kind)
{
    Evidence e;
    Measure m;
    Inspection in;
    if (!access_evidence_or_reply(r, r->path_id, &e, &m, &in))
        return false;
    if (strcmp(kind, "inline") == 0 && !filetype_inline(filetype_from_media(e.media_type))) {
        route_fail(r, 415, "unsupported_media_type", "only images and PDF files have a preview");
        return false;
    }
    if (!open_file(r, &e))
        return false;
    Err err = ERR_INIT;
    if (audit_read(r, action, &e, &err) < 0) {
        request_drop_fd(r);
        route_fail_err(r, &err);
        return false;
    }
    r->cacheable = false;
    r->reply_type = reply_type(&e);
    request_header(r, "Content-Disposition", disposition(r, kind, e.file_name));
    return true;
}

void page_evidence_download(Request *r)
{
    send_file(r, AUDIT_EVIDENCE_DOWNLOAD, "attachment");
}

void page_evidence_preview(Request *r)
{
    if (!send_file(r, AUDIT_EVIDENCE_PREVIEW, "inline"))
        return;
    /* A document of its own origin-less sandbox: no script, no forms, no same-origin access. */
    request_header(r, "Content-Security-Policy",
                   "sandbox; default-src 'none'; img-src 'self'; object-src 'self'; "
                   "frame-ancestors 'self'");
}

void page_evidence_view(Request *r)
{
    Evidence e;
    Measure m;
    Inspection in;
    if (!access_evidence_or_reply(r, r->path_id, &e, &m, &in))
        return;
    FileType t = filetype_from_media(e.media_type);
    Buf *h = &r->out;
    r->cacheable = false;
    page_begin(r, e.file_name, NAV_MEASURES);
    HTML(h, "<nav class=\"crumbs\"><a href=\"/measures/");
    html_int(h, m.id);
    HTML(h, "\">");
    html_text(h, m.label);
    html_text(h, m.title);
    HTML(h, "</a> › 佐证材料</nav><h1>");
    html_text(h, e.file_name);
    HTML(h, "</h1><p class=\"status-line\">");
    html_text(h, t == FILETYPE_NONE ? "其他文件" : filetype_label(t));
    HTML(h, " · ");
    html_size(h, e.size);
    HTML(h, " · ");
    html_text(h, e.uploader ? e.uploader : "—");
    HTML(h, " 于 ");
    html_time(r, h, e.uploaded_at);
    HTML(h, " 上传");
    if (e.withdrawn_at) {
        HTML(h, " · <span class=\"tag\">已撤回</span> ");
        html_text(h, e.withdraw_reason);
    }
    HTML(h, "</p><div class=\"actions\"><a class=\"button\" href=\"/evidence/");
    html_int(h, e.id);
    HTML(h, "\">下载</a>");
    if (filetype_inline(t)) {
        HTML(h, "<a class=\"button\" target=\"_blank\" rel=\"noopener\" href=\"/evidence/");
        html_int(h, e.id);
        HTML(h, "/preview\">在新窗口中预览</a>");
    }
    HTML(h, "</div>");
    if (t == FILETYPE_JPEG || t == FILETYPE_PNG) {
        HTML(h, "<figure class=\"preview\"><img alt=\"");
        html_text(h, e.file_name);
        HTML(h, "\" src=\"/evidence/");
        html_int(h, e.id);
        HTML(h, "/preview\"></figure>");
    } else if (t == FILETYPE_PDF) {
        /* The file is sandboxed by its own reply (CSP sandbox, as when opened on its own): a
           sandbox attribute here would also forbid the browser's PDF viewer, a plugin, and
           Chromium then draws nothing. */
        HTML(h, "<iframe class=\"preview\" title=\"");
        html_text(h, e.file_name);
        HTML(h, "\" src=\"/evidence/");
        html_int(h, e.id);
        HTML(h, "/preview\"></iframe><p class=\"summary\">预览在隔离的沙箱中打开；浏览器如未显示 PDF，"
                "请点击“在新窗口中预览”或下载后查看。</p>");
    }
    page_end(r);
}
