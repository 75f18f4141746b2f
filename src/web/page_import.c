/*
** page_import.c: the import wizard (/import, office). The clerk uploads a feedback document, a
** plan or a progress report (.docx, .txt or .md in UTF-8, UTF-16 or GB18030); the server keeps
** the file under the data folder by its SHA-256 (never at a path the user chose), parses it with
** the code of `import doc` and shows the preview: the metadata, the headline figures, the
** importer's warnings (figures the document states against what was found) and the tree. On
** confirmation the ledger is written in one transaction with its audit entry and opens as a
** draft plan for the office to complete and issue. A file imported before is recognised by its
** SHA-256: the wizard says where it went and changes nothing. Unconfirmed previews expire after
** a day.
*/
#include "base/tz.h"
#include "db/edit_store.h"
#include "db/inspection_store.h"
#include "db/preview_store.h"
#include "import/import.h"
#include "web/access.h"
#include "web/edit.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/routes.h"
#include "web/server.h"
#include "web/view.h"

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#define PREVIEW_KEEP_SECONDS (24 * 3600)

/* DATA/imports (created 0700 on first use), in r's arena; NULL after logging when impossible. */
static const char *imports_dir(Request *r)
{
    const char *dir = arena_printf(&r->arena, "%s-files/imports",
                                   db_local_path(r->config->db_path));
    if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
        fprintf(stderr, "serve: cannot create '%s': %s\n", dir, strerror(errno));
        return NULL;
    }
    return dir;
}

/* True for 64 lowercase hex digits: the only names the wizard's files ever have. */
static bool is_sha256(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
            return false;
    return n == 64;
}

/* Remove the files of previews left unconfirmed for a day. */
static void expire(Request *r, const char *dir)
{
    char before[TIME_ISO_SIZE];
    date_time_iso(r->now - PREVIEW_KEEP_SECONDS, before);
    const char **gone;
    int n;
    Err err = ERR_INIT;
    if (db_begin(r->db, &err) < 0)
        return;
    if (preview_store_expire(r->db, &r->arena, before, &gone, &n, &err) < 0 ||
        db_commit(r->db, &err) < 0) {
        if (r->db->tx_depth)
            db_rollback(r->db);
        return;
    }
    for (int i = 0; i < n; i++)
        if (is_sha256(gone[i]))
            unlink(arena_printf(&r->arena, "%s/%s", dir, gone[i]));
}

static void upload_form(Request *r, const char *error)
{
    Buf *h = &r->out;
    page_begin_h1(r, "导入文件", NAV_INSPECTIONS);
    html_messages(h, error, NULL);
    HTML(
        h,
        "<p>上传巡视（察）反馈意见、整改方案或整改进展情况通报，系统识别其中的问题和措施，"
        "先显示预览，确认后生成整改方案草稿。支持 .docx、.txt、.md（UTF-8、UTF-16 或 GB18030 编码）"
        "以及表格台账 .xlsx、.csv。</p>"
        "<form method=\"post\" enctype=\"multipart/form-data\" class=\"stack edit\" "
        "action=\"/import\">");
    html_csrf(r);
    HTML(h, "<label>选择文件<input type=\"file\" name=\"file\" required "
            "accept=\".docx,.txt,.md,.xlsx,.csv\"></label>"
            "<p><button type=\"submit\">上传并预览</button></p></form>");
    page_end(r);
}

void page_import(Request *r)
{
    upload_form(r, request_query(r, "expired") ? "预览已过期或不存在，请重新上传文件。" : NULL);
}

/* The extension of a file the wizard reads (documents and ledger spreadsheets), or NULL. */
static const char *format_of(const char *name)
{
    static const char *const docs[] = {".docx", ".txt",  ".md", ".markdown",
                                       ".text", ".xlsx", ".csv"};
    size_t n = strlen(name);
    for (size_t i = 0; i < ARRAY_SIZE(docs); i++) {
        size_t k = strlen(docs[i]);
        if (n > k && strcasecmp(name + n - k, docs[i]) == 0)
            return docs[i];
    }
    return NULL;
}

void page_import_upload(Request *r)
{
    const char *dir = imports_dir(r);
    if (!dir) {
        route_fail(r, 500, "internal", "no folder for imports");
        return;
    }
    expire(r, dir);
    Upload *u = NULL;
    for (int i = 0; i < r->n_uploads; i++)
        if (strcmp(r->uploads[i].field, "file") == 0)
            u = &r->uploads[i];
    r->status = 422;
    if (!u || u->size == 0) {
        upload_form(r, "请选择要导入的文件（文件不能为空）。");
        return;
    }
    if (!format_of(u->filename)) {
        r->status = 415;
        upload_form(r, "不支持该文件类型。请上传 .docx、.txt、.md、.xlsx 或 .csv 文件。");
        return;
    }
    if (u->size > (int64_t)IMPORT_MAX_BYTES) {
        r->status = 413;
        upload_form(r, "文件过大（不超过32MB）。");
        return;
    }
    /* The file moves into place by its SHA-256: a path no user chose. */
    const char *path = arena_printf(&r->arena, "%s/%s", dir, u->sha256);
    if (rename(u->tmp_path, path) < 0) {
        fprintf(stderr, "serve: cannot keep '%s': %s\n", path, strerror(errno));
        route_fail(r, 500, "internal", "cannot keep the upload");
        return;
    }
    u->tmp_path = NULL;
    Err err = ERR_INIT;
    if (db_begin(r->db, &err) < 0 ||
        preview_store_put(r->db, u->sha256, u->filename, u->size, r->user.id, &err) < 0 ||
        db_commit(r->db, &err) < 0) {
        if (r->db->tx_depth)
            db_rollback(r->db);
        route_fail_err(r, &err);
        return;
    }
    r->status = 200;
    request_redirect(r, arena_printf(&r->arena, "/import/%s", u->sha256));
}

/* The upload named by the path, kept by r's user; else reply and false. */
static bool preview_or_reply(Request *r, Preview *p, const char **path)
{
    const char *sha = r->path_arg;
    Err err = ERR_INIT;
    if (!sha || !is_sha256(sha) || preview_store_get(r->db, &r->arena, sha, p, &err) < 0) {
        if (err.code != ERR_NONE && err.code != ERR_NOTFOUND)
            route_fail_err(r, &err);
        else if (r->method == HTTP_GET) /* an expired preview: back to the upload */
            request_redirect(r, "/import?expired=1");
        else
            route_fail(r, 404, "not_found", "no such upload");
        return false;
    }
    if (p->uploaded_by != r->user.id) {
        route_fail(r, 403, "forbidden", "another user's upload");
        return false;
    }
    const char *dir = imports_dir(r);
    *path = dir ? arena_printf(&r->arena, "%s/%s", dir, sha) : NULL;
    return true;
}

/* Parse the kept file under its original name (the name tells Markdown from text). */
static int load(Request *r, const Preview *p, const char *path, ImportDoc *doc, Err *err)
{
    FILE *f = path ? fopen(path, "rb") : NULL;
    if (!f)
        return err_fail(err, ERR_NOTFOUND, "the upload has expired");
    Buf data = BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && data.len <= IMPORT_MAX_BYTES)
        buf_append(&data, chunk, n);
    fclose(f);
    int rc = import_load_bytes(doc, &r->arena, p->file_name, data.data, data.len, err);
    buf_free(&data);
    return rc;
}

static void tree_nodes(Buf *h, const ImportNode *x, int depth)
{
    if (!x || depth > 8)
        return;
    HTML(h, "<ul class=\"preview-tree\">");
    for (; x; x = x->next) {
        HTML(h, "<li><span class=\"tag\">");
        html_text(h, vocab_label(VOCAB_FINDING_LEVEL, x->level));
        HTML(h, "</span> ");
        html_text(h, x->label);
        html_text(h, x->title);
        if (x->n_measures) {
            HTML(h, " <span class=\"muted\">（");
            html_int(h, x->n_measures);
            HTML(h, " 项措施）</span><ul class=\"preview-measures\">");
            for (const ImportMeasure *m = x->measures; m; m = m->next) {
                HTML(h, "<li>");
                html_text(h, m->label);
                html_text(h, m->title ? m->title : m->text);
                if (m->deadline != DAY_NONE) {
                    HTML(h, " <span class=\"muted\">时限 ");
                    char cn[TZ_TEXT_SIZE];
                    html_text(h, tz_format_day(m->deadline, DAY_NONE, cn));
                    HTML(h, "</span>");
                }
                HTML(h, "</li>");
            }
            HTML(h, "</ul>");
        }
        tree_nodes(h, x->children, depth + 1);
        HTML(h, "</li>");
    }
    HTML(h, "</ul>");
}

/* A fact the document states; nothing when it states none. */
static void meta_row(Buf *h, const char *label, const char *value)
{
    if (value && *value)
        view_fact_text(h, label, value);
}

/* A document's date, always with its year: the document may be of another year. */
static void meta_day(Buf *h, const char *label, Day d)
{
    char cn[TZ_TEXT_SIZE];
    if (d != DAY_NONE)
        meta_row(h, label, tz_format_day(d, DAY_NONE, cn));
}

/*
** The figures the document states, each beside what this import found where the two can be
** compared (measures, problems): a document that states more than was found is flagged, so the
** clerk knows what is missing (a progress report describes measures by problem; a plan lists
** them all).
*/
static void figures(Buf *h, const ImportDoc *doc, const ImportCounts *c)
{
    bool any = false;
    for (int i = 0; i < FIGURE__COUNT && i < (int)ARRAY_SIZE(doc->has_figure); i++) {
        if (!doc->has_figure[i])
            continue;
        const char *label = vocab_label(VOCAB_FIGURE, i);
        int found = -1;
        if (i == FIGURE_MEASURES_PLANNED)
            found = c->measures;
        else if (i == FIGURE_PROBLEMS_TOTAL)
            found = c->by_level[LEVEL_PROBLEM] + c->by_level[LEVEL_SUBPROBLEM];
        if (!any)
            HTML(
                h,
                "<section id=\"figures\"><h2>文件载明的数据</h2><table class=\"responsive\"><thead>"
                "<tr><th>指标</th><th>文件载明</th><th>本次识别</th></tr></thead><tbody>");
        any = true;
        bool short_of = found >= 0 && (double)found < doc->figures[i];
        HTML(h, "<tr");
        if (short_of)
            HTML(h, " class=\"warn\"");
        HTML(h, "><td>");
        html_text(h, label);
        char stated[48];
        snprintf(stated, sizeof stated, "%.10g", doc->figures[i]);
        HTML(h, "</td><td>");
        html_text(h, stated);
        HTML(h, "</td><td>");
        if (found >= 0)
            html_int(h, found);
        else
            HTML(h, "—");
        if (short_of) {
            HTML(h, "<br><span class=\"why\">文件载明 ");
            html_text(h, stated);
            HTML(h, "，本次识别 ");
            html_int(h, found);
            HTML(h, "，请核对：进展通报通常按问题概述措施，整改方案才逐项列出。</span>");
        }
        HTML(h, "</td></tr>");
    }
    if (any)
        HTML(h, "</tbody></table></section>");
}

/* The importer's warnings by line, and the names it could not match. */
static void notes(Buf *h, const ImportDoc *doc)
{
    HTML(h, "<section id=\"warnings\"><h2>提示</h2>");
    if (!doc->warnings)
        HTML(h, "<p class=\"empty\">没有需要注意的地方。</p>");
    else
        HTML(h, "<ul class=\"warnings\">");
    for (const ImportWarning *w = doc->warnings; w; w = w->next) {
        HTML_INT(h, "<li>第 ", w->line, " 行：");
        HTML_TEXT(h, "", w->message, "</li>");
    }
    if (doc->warnings)
        HTML(h, "</ul>");
    HTML(h, "</section>");
    if (doc->n_unknown) {
        HTML(h, "<section id=\"unknown\"><h2>未能匹配的单位和人员</h2><p>以下名称在系统中没有找到。"
                "请在下方“名称对应关系”中写明对应的单位或人员，或勾选“新建未匹配的名称”；"
                "系统不会擅自新建。</p><ul class=\"warnings\">");
        for (int i = 0; i < doc->n_unknown && i < 200; i++) {
            HTML(h, "<li>");
            html_text(h, doc->unknown[i].is_unit ? "单位" : "人员");
            HTML(h, "“");
            html_text(h, doc->unknown[i].name);
            HTML(h, "”（");
            html_text(h, doc->unknown[i].where);
            HTML(h, "）</li>");
        }
        HTML(h, "</ul></section>");
    }
}

/* The form that confirms the import: into a new inspection or a draft plan, with a map of names. */
static void confirm_form(Request *r, const Preview *p, const ImportDoc *doc)
{
    Buf *h = &r->out;
    HTML(h, "<section><h2>确认导入</h2><form method=\"post\" class=\"stack edit\" "
            "action=\"/import/");
    html_text(h, p->sha256);
    HTML(h, "/confirm\">");
    html_csrf(r);
    HTML(h,
         "<p>确认后整改方案为草稿：巡改办完善责任单位、责任领导和整改时限，通过完整性检查后印发。</"
         "p>"
         "<fieldset><legend>导入到</legend><label class=\"check\"><input type=\"radio\" "
         "name=\"into\" "
         "value=\"new\" checked> 新的整改事项</label>");
    /* Merging goes only into a draft plan the office may edit: nothing reaches units unissued. */
    const Inspection *list;
    int n = 0;
    if (view_inspections(r, &list, &n) < 0)
        n = 0;
    for (int i = 0; i < n; i++) {
        if (list[i].plan_state != PLAN_DRAFT || !access_edit(&r->user, &list[i]))
            continue;
        HTML_INT(h, "<label class=\"check\"><input type=\"radio\" name=\"into\" value=\"",
                 list[i].id, "\"> 并入草稿：");
        HTML_TEXT(h, "", list[i].title, "</label>");
    }
    HTML(h, "</fieldset>");
    if (doc->n_unknown) {
        const char *typed = r->method == HTTP_POST ? request_form(r, "map") : NULL;
        HTML(h, "<label>名称对应关系（每行一对：文件中的名称=系统中的名称）<textarea name=\"map\" "
                "rows=\"4\">");
        html_text(h, typed);
        HTML(h, "</textarea></label><label class=\"check\"><input type=\"checkbox\" "
                "name=\"create_unknown\" value=\"1\"> 新建未匹配的名称（单位、人员）</label>");
    }
    HTML(h, "<p><button type=\"submit\">确认导入</button> "
            "<a href=\"/import\">重新选择文件</a></p></form></section>");
}

/* The document's own facts: file, encoding, title, group, target, its dates and signer. */
static void meta_facts(Buf *h, const Preview *p, const ImportDoc *doc)
{
    const struct {
        const char *label;
        Day day;
    } days[] = {
        {"进驻开始", doc->onsite_start},
        {"进驻结束", doc->onsite_end},
        {"反馈日期", doc->feedback_on},
        {"发布日期", doc->published_on},
    };
    HTML(h, "<section><h2>基本信息</h2><dl class=\"facts\">");
    meta_row(h, "文件", p->file_name);
    meta_row(h, "编码", doc->encoding);
    meta_row(h, "标题", doc->title);
    meta_row(h, "巡视（察）组", doc->group);
    meta_row(h, "被巡视（察）党组织", doc->target);
    for (size_t i = 0; i < ARRAY_SIZE(days); i++)
        meta_day(h, days[i].label, days[i].day);
    meta_row(h, "署名", doc->signer);
    HTML(h, "</dl></section>");
}

static void preview_page(Request *r, const Preview *p, const ImportDoc *doc, const char *error)
{
    Buf *h = &r->out;
    page_begin(r, "导入预览", NAV_INSPECTIONS);
    HTML_TEXT(h,
              "<nav class=\"crumbs\" aria-label=\"位置\"><a href=\"/import\">导入文件</a> › <span>",
              p->file_name, "</span></nav><h1>导入预览</h1>");
    html_messages(h, error, NULL);
    ImportCounts c;
    import_count(doc, &c);
    HTML_INT(h, "<p class=\"summary\">识别出 <strong>", c.by_level[LEVEL_ASPECT],
             "</strong> 个方面、");
    HTML_INT(h, "<strong>", c.by_level[LEVEL_ITEM], "</strong> 项、");
    HTML_INT(h, "<strong>", c.by_level[LEVEL_PROBLEM] + c.by_level[LEVEL_SUBPROBLEM],
             "</strong> 个问题、");
    HTML_INT(h, "<strong>", c.measures, "</strong> 项整改措施。</p>");
    meta_facts(h, p, doc);
    figures(h, doc, &c);
    notes(h, doc);
    HTML(h, "<section><h2>问题与措施</h2>");
    tree_nodes(h, doc->findings, 0);
    HTML(h, "</section>");
    confirm_form(r, p, doc);
    page_end(r);
}

/* The page for a file that was imported before: where it went; nothing changes. */
static void already(Request *r, int64_t inspection_id, bool merged)
{
    Buf *h = &r->out;
    page_begin(r, "文件已导入", NAV_INSPECTIONS);
    if (merged)
        HTML(h, "<h1>文件已导入</h1><p class=\"notice\" "
                "role=\"status\">该文件的问题和措施已全部在所选整改方案中，"
                "本次未作任何更改。</p><p><a href=\"/inspections/");
    else
        HTML(h, "<h1>文件已导入</h1><p class=\"notice\" "
                "role=\"status\">该文件此前已经导入，本次未作任何更改。</p>"
                "<p><a href=\"/inspections/");
    html_int(h, inspection_id);
    HTML(h, "/edit\">查看已导入的整改方案</a> · <a href=\"/import\">导入其他文件</a></p>");
    page_end(r);
}

/* The inspection a file already went into (the wizard's record or an earlier import), or 0. */
static int64_t imported_into(Request *r, const Preview *p)
{
    int64_t id = p->inspection_id;
    Err err = ERR_INIT;
    if (!id && inspection_store_find_source(r->db, p->sha256, &id, &err) < 0)
        id = 0;
    return id;
}

/* The upload of the path as preview_or_reply reads it, not yet imported; else reply and false. */
static bool fresh_preview_or_reply(Request *r, Preview *p, const char **path)
{
    if (!preview_or_reply(r, p, path))
        return false;
    int64_t done = imported_into(r, p);
    if (done)
        already(r, done, false);
    return !done;
}

void page_import_preview(Request *r)
{
    Preview p;
    const char *path;
    if (!fresh_preview_or_reply(r, &p, &path))
        return;
    ImportDoc doc;
    Err err = ERR_INIT;
    if (load(r, &p, path, &doc, &err) < 0) {
        r->status = err.code == ERR_NOTFOUND ? 404 : 422;
        upload_form(r, err.code == ERR_NOTFOUND
                           ? "预览已过期，请重新上传。"
                           : "无法读取该文件：文件已损坏、为空或编码无法识别。");
        return;
    }
    /* Which owners the document names that nothing matches (read only). */
    if (import_resolve(r->db, &doc, NULL, false, &err) < 0) {
        route_fail_err(r, &err);
        return;
    }
    preview_page(r, &p, &doc,
                 doc.findings ? NULL : "未能识别出任何问题，无法导入。请检查文件内容。");
}

/*
** The form's "into": "new" (or absent), 0; else the id of a draft inspection the user may edit,
** to merge into. False after replying (400, 403, 404, 409).
*/
static bool into_or_reply(Request *r, int64_t *into)
{
    const char *into_text = request_form(r, "into");
    *into = 0;
    if (!into_text || strcmp(into_text, "new") == 0)
        return true;
    Inspection target;
    if (!request_parse_id(into_text, strlen(into_text), into)) {
        route_fail(r, 400, "bad_request", "into: new or an inspection id");
        return false;
    }
    if (!access_edit_or_reply(r, *into, &target))
        return false;
    if (target.plan_state != PLAN_DRAFT) {
        route_fail(r, 409, "conflict", "imports merge only into a draft plan");
        return false;
    }
    return true;
}

/* A newly imported inspection id becomes a draft plan, owned by the user's organisation. */
static int new_draft(Request *r, int64_t id, Err *err)
{
    Inspection in;
    if (edit_store_plan_state(r->db, id, PLAN_DRAFT, err) < 0 ||
        inspection_store_get(r->db, &r->arena, id, &in, err) < 0)
        return -1;
    if (in.org_unit_id)
        return 0;
    in.org_unit_id = r->user.org_unit_id;
    return edit_store_inspection_update(r->db, &in, in.version, err);
}

void page_import_confirm(Request *r)
{
    Preview p;
    const char *path;
    if (!fresh_preview_or_reply(r, &p, &path))
        return;
    int64_t into;
    if (!into_or_reply(r, &into))
        return;
    ImportDoc doc;
    if (load(r, &p, path, &doc, &r->err) < 0) {
        r->status = 422;
        upload_form(r, "预览已过期或文件无法读取，请重新上传。");
        return;
    }
    /* The clerk's mapping of unknown names, and whether to create the ones left. */
    ImportMap map = {0};
    const char *map_text = request_form(r, "map");
    if (map_text && *map_text &&
        import_map_parse(&r->arena, map_text, strlen(map_text), &map, &r->err) < 0) {
        r->status = 422;
        preview_page(r, &p, &doc, "名称对应关系有误：每行一对，写成“文件中的名称=系统中的名称”。");
        return;
    }
    ImportOptions opts = {0};
    opts.as_new = true;
    opts.inspection_id = into;
    opts.create_unknown = request_form(r, "create_unknown") != NULL;
    opts.map = &map;
    opts.actor = r->user.login;
    /* One transaction: the ledger (with its audit entry), its draft state, the wizard's record. */
    ImportResult res;
    Buf diff = BUF_INIT;
    Err err = ERR_INIT;
    int rc = db_begin(r->db, &err);
    if (rc == 0)
        rc = import_write_opts(r->db, &doc, &opts, &res, &diff, &err);
    buf_free(&diff);
    if (rc == 0 && res.unchanged) {
        db_rollback(r->db);
        already(r, res.inspection_id, into != 0);
        return;
    }
    if (rc == 0 && !into)
        rc = new_draft(r, res.inspection_id, &err);
    if (rc == 0)
        rc = preview_store_confirm(r->db, p.sha256, res.inspection_id, &err);
    if (rc == 0)
        rc = db_commit(r->db, &err);
    else if (r->db->tx_depth)
        db_rollback(r->db);
    if (rc < 0) {
        if (err.code == ERR_INPUT) {
            r->status = 422;
            /* Unknown names, or nothing recognised: the preview again, with the reason. */
            Err ignored = ERR_INIT;
            import_resolve(r->db, &doc, &map, false, &ignored);
            preview_page(r, &p, &doc,
                         doc.n_unknown ? "文件中有未能匹配的单位或人员：请在下方填写对应关系，或勾"
                                         "选“新建未匹配的名称”。"
                                       : "未能识别出任何问题，无法导入。");
            return;
        }
        route_fail_err(r, &err);
        return;
    }
    unlink(path);
    request_redirect(r, arena_printf(&r->arena, "/inspections/%lld/edit?done=imported",
                                     (long long)res.inspection_id));
}
