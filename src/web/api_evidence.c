/*
** api_evidence.c: the daily loop in the JSON API: progress reports (written, submitted,
** reviewed), their evidence files (multipart upload, list; downloads share page_evidence.c),
** supervision and revisits. Each call goes through ledger/followup.h, so the API refuses what
** the pages refuse, with SPEC §6's statuses: 403 not this user, 409 the state, 415 a file type,
** 422 a missing field.
*/
#include "base/filetype.h"
#include "db/evidence_store.h"
#include "db/finding_store.h"
#include "db/org_store.h"
#include "db/activity_store.h"
#include "ledger/followup.h"
#include "web/access.h"
#include "web/api.h"
#include "web/handlers.h"
#include "web/routes.h"
#include "web/server.h"
#include "web/view.h"

static void evidence_members(JsonW *j, const Evidence *e)
{
    FileType t = filetype_from_media(e->media_type);
    json_kint(j, "id", e->id);
    json_kint(j, "measure_id", e->measure_id);
    if (e->progress_id)
        json_kint(j, "progress_id", e->progress_id);
    json_kstr(j, "file_name", e->file_name);
    json_kstr(j, "media_type", e->media_type);
    json_kstr(j, "type_label", t == FILETYPE_NONE ? "其他文件" : filetype_label(t));
    json_kint(j, "size", e->size);
    json_kstr(j, "sha256", e->sha256);
    json_kstr(j, "uploaded_by", e->uploader ? e->uploader : "");
    json_kstr(j, "uploaded_at", e->uploaded_at ? e->uploaded_at : "");
    json_kbool(j, "withdrawn", e->withdrawn_at != NULL);
    if (e->withdrawn_at)
        json_kstr(j, "withdraw_reason", e->withdraw_reason ? e->withdraw_reason : "");
}

void api_evidence_list(Request *r)
{
    Measure m;
    Inspection in;
    if (!access_measure_or_reply(r, r->path_id, &m, &in))
        return;
    Evidence *ev;
    int n;
    JsonW j;
    if (!api_items_or_reply(r, evidence_store_list(r->db, &r->arena, m.id, 500, &ev, &n, &r->err),
                            &j))
        return;
    for (int i = 0; i < n; i++) {
        json_obj(&j);
        evidence_members(&j, &ev[i]);
        json_end(&j);
    }
    json_end(&j);
    api_object_end(r, &j);
}

/* The change of a call on the path's measure, which r's user may read; false after replying. */
static bool measure_change_or_reply(Request *r, ApiChange *c, Measure *m, Inspection *in)
{
    if (!api_change_begin_or_reply(r, c))
        return false;
    if (access_measure_or_reply(r, r->path_id, m, in))
        return true;
    api_change_end(c);
    return false;
}

/* The progress report of the path, when its measure is readable by r's user. */
static bool report_or_reply(Request *r, Progress *p)
{
    Err err = ERR_INIT;
    if (!route_ok_or_reply(r, progress_store_get(r->db, &r->arena, r->path_id, p, &err), &err))
        return false;
    Measure m;
    Inspection in;
    return access_measure_or_reply(r, p->measure_id, &m, &in);
}

static void reply_report(Request *r, int status, int64_t id)
{
    Progress p;
    Err err = ERR_INIT;
    if (!route_ok_or_reply(r, progress_store_get(r->db, &r->arena, id, &p, &err), &err))
        return;
    JsonW j;
    api_object_begin(r, status, &j);
    json_kint(&j, "id", p.id);
    json_kint(&j, "measure_id", p.measure_id);
    json_kstr(&j, "state", vocab_name(VOCAB_PROGRESS_STATE, (int)p.state));
    json_kint(&j, "percent", p.percent);
    api_day(&j, "reported_on", p.reported_on);
    api_object_end(r, &j);
}

void api_progress_create(Request *r)
{
    Measure m;
    Inspection in;
    ApiChange c;
    if (!measure_change_or_reply(r, &c, &m, &in))
        return;
    json_t *pct = json_object_get(c.f.json, "percent");
    json_t *submit = json_object_get(c.f.json, "submit");
    const char *text = api_str(c.f.json, "text");
    int64_t id;
    if ((pct && !json_is_integer(pct)) || (submit && !json_is_boolean(submit)))
        fields_fail(r, pct && !json_is_integer(pct) ? "percent" : "submit",
                    "percent is an integer, submit a boolean");
    else if (ledger_progress_draft(r->db, &c.actor, m.id, text,
                                   pct ? (int)json_integer_value(pct) : m.percent, r->today,
                                   json_is_true(submit), &id, &c.err) < 0)
        api_refused(r, strstr(c.err.msg, "percent") ? "percent" : "text", &c.err);
    else
        reply_report(r, 201, id);
    api_change_end(&c);
}

void api_progress_submit(Request *r)
{
    Progress p;
    if (!report_or_reply(r, &p))
        return;
    Actor actor = workflow_actor(&r->user);
    Err err = ERR_INIT;
    if (ledger_progress_submit(r->db, &actor, p.id, r->today, &err) < 0)
        route_fail_err(r, &err);
    else
        reply_report(r, 200, p.id);
}

void api_progress_review(Request *r)
{
    ApiChange c;
    if (!api_change_begin_or_reply(r, &c))
        return;
    Progress p;
    json_t *accept = json_object_get(c.f.json, "accept");
    if (!report_or_reply(r, &p))
        goto done;
    if (!json_is_boolean(accept))
        fields_fail(r, "accept", "accept must be true or false");
    else if (ledger_progress_review(r->db, &c.actor, p.id, json_is_true(accept),
                                    api_str(c.f.json, "comment"), r->today, &c.err) < 0)
        api_refused(r, "comment", &c.err);
    else
        reply_report(r, 200, p.id);
done:
    api_change_end(&c);
}

void api_evidence_upload(Request *r)
{
    Progress p;
    if (!report_or_reply(r, &p))
        return;
    if (r->n_uploads == 0) {
        const char *f = "files";
        route_fail_fields(r, 422, "invalid", "no file in the multipart body", &f, 1);
        return;
    }
    /* Every file is checked by content before any is kept. */
    for (int i = 0; i < r->n_uploads; i++) {
        const char *reason = NULL;
        const Upload *u = &r->uploads[i];
        if (u->tmp_path && filetype_detect_file(u->tmp_path, u->filename, &reason) <= 0) {
            route_fail(r, 415, "unsupported_media_type",
                       arena_printf(&r->arena, "'%s': %s", u->filename, reason ? reason : "unreadable"));
            return;
        }
    }
    Actor actor = workflow_actor(&r->user);
    const char *files = evidence_files_dir(&r->arena, r->config->db_path);
    int64_t *ids = ARENA_ARRAY(&r->arena, int64_t, r->n_uploads + 1);
    int n = 0;
    for (int i = 0; i < r->n_uploads; i++) {
        Upload *u = &r->uploads[i];
        if (!u->tmp_path)
            continue;
        EvidenceUpload e = {u->filename, u->tmp_path, u->size, u->sha256};
        const char *refused;
        Err err = ERR_INIT;
        if (ledger_evidence_attach(r->db, files, &actor, p.measure_id, p.id, &e, &ids[n], &refused,
                                   &err) < 0) {
            if (refused)
                route_fail(r, 415, "unsupported_media_type", refused);
            else
                api_refused(r, "files", &err);
            return;
        }
        u->tmp_path = NULL;
        n++;
    }
    r->status = 201;
    JsonW j;
    api_items_begin(r, &j);
    for (int i = 0; i < n; i++) {
        Evidence e;
        Err err = ERR_INIT;
        if (evidence_store_get(r->db, &r->arena, ids[i], &e, &err) < 0)
            continue;
        json_obj(&j);
        evidence_members(&j, &e);
        json_end(&j);
    }
    json_end(&j);
    api_object_end(r, &j);
}

/* Read a supervision's kind, text and dates from body into s; 422 and false when malformed. */
static bool supervision_body(Request *r, json_t *body, Supervision *s)
{
    int kind = vocab_parse(VOCAB_SUPERVISION_KIND, api_str(body, "kind"));
    const char *respond_by = api_str(body, "respond_by"), *talk_on = api_str(body, "talk_on");
    s->respond_by = s->talk_on = DAY_NONE;
    const char *bad = kind < 0 ? "kind" : NULL;
    if (respond_by && date_parse(respond_by, strlen(respond_by), &s->respond_by) < 0)
        bad = "respond_by";
    if (talk_on && date_parse(talk_on, strlen(talk_on), &s->talk_on) < 0)
        bad = "talk_on";
    if (bad) {
        fields_fail(r, bad,
                    "kind is remind, written, talk, listed or onsite; dates are YYYY-MM-DD");
        return false;
    }
    s->kind = (SupervisionKind)kind;
    s->body = api_str(body, "text");
    return true;
}

/* Issue s through the ledger for c's actor and reply 201 with it, or the ledger's failure. */
static void supervision_issue_reply(ApiChange *c, Supervision *s)
{
    Request *r = c->f.r;
    if (ledger_supervision_issue(r->db, &c->actor, s, r->today, &c->err) < 0) {
        api_refused(r, "text", &c->err);
        return;
    }
    JsonW j;
    api_object_begin(r, 201, &j);
    json_kint(&j, "id", s->id);
    json_kint(&j, "inspection_id", s->inspection_id);
    json_kint(&j, "measure_id", s->measure_id);
    json_kint(&j, "finding_id", s->finding_id);
    json_kint(&j, "unit_id", s->unit_id);
    json_kstr(&j, "kind", vocab_name(VOCAB_SUPERVISION_KIND, s->kind));
    json_kstr(&j, "state", vocab_name(VOCAB_SUPERVISION_STATE, s->state));
    api_day(&j, "respond_by", s->respond_by);
    api_object_end(r, &j);
}

void api_supervision_create(Request *r)
{
    Measure m;
    Inspection in;
    ApiChange c;
    if (!measure_change_or_reply(r, &c, &m, &in))
        return;
    Supervision s = {.measure_id = m.id};
    if (supervision_body(r, c.f.json, &s))
        supervision_issue_reply(&c, &s);
    api_change_end(&c);
}

void api_supervision_create_finding(Request *r)
{
    ApiChange c;
    if (!api_change_begin_or_reply(r, &c))
        return;
    Finding f;
    Inspection in;
    Supervision s = {0};
    if (finding_store_get(r->db, &r->arena, r->path_id, &f, &c.err) < 0)
        route_fail_err(r, &c.err);
    else if (access_inspection_or_reply(r, f.inspection_id, &in) &&
             supervision_body(r, c.f.json, &s)) {
        s.finding_id = f.id;
        supervision_issue_reply(&c, &s);
    }
    api_change_end(&c);
}

void api_supervision_create_unit(Request *r)
{
    ApiChange c;
    if (!api_change_begin_or_reply(r, &c))
        return;
    Unit u;
    Inspection in;
    Supervision s = {0};
    json_t *ins = json_object_get(c.f.json, "inspection_id");
    if (!json_is_integer(ins) || json_integer_value(ins) <= 0) {
        fields_fail(r, "inspection_id", "inspection_id names the inspection");
    } else if (unit_store_get(r->db, &r->arena, r->path_id, &u, &c.err) < 0) {
        route_fail_err(r, &c.err);
    } else if (access_inspection_or_reply(r, json_integer_value(ins), &in) &&
               supervision_body(r, c.f.json, &s)) {
        s.unit_id = u.id;
        s.inspection_id = in.id;
        supervision_issue_reply(&c, &s);
    }
    api_change_end(&c);
}

void api_supervision_action(Request *r)
{
    ApiChange c;
    if (!api_change_begin_or_reply(r, &c))
        return;
    Supervision s;
    Inspection in;
    Measure m;
    int a = -1;
    if (supervision_store_get(r->db, &r->arena, r->path_id, &s, &c.err) < 0) {
        route_fail_err(r, &c.err);
        goto done;
    }
    if (!(s.measure_id ? access_measure_or_reply(r, s.measure_id, &m, &in)
                       : access_inspection_or_reply(r, s.inspection_id, &in)))
        goto done;
    a = loop_action_parse(api_str(c.f.json, "action"));
    if (a != LOOP_SUPERVISION_RESPOND && a != LOOP_SUPERVISION_TALK && a != LOOP_SUPERVISION_LIFT) {
        fields_fail(r, "action",
                    "action is supervision_respond, supervision_talk or supervision_lift");
    } else if (ledger_supervision_act(r->db, &c.actor, s.id, (LoopAction)a,
                                      api_str(c.f.json, "text"), r->today, &c.err) < 0) {
        api_refused(r, "text", &c.err);
    } else {
        JsonW j;
        api_object_begin(r, 0, &j);
        json_kint(&j, "id", s.id);
        json_kstr(&j, "action", loop_action_name((LoopAction)a));
        api_object_end(r, &j);
    }
done:
    api_change_end(&c);
}

void api_revisit_create(Request *r)
{
    Measure m;
    Inspection in;
    ApiChange c;
    if (!measure_change_or_reply(r, &c, &m, &in))
        return;
    int result = vocab_parse(VOCAB_REVISIT_RESULT, api_str(c.f.json, "result"));
    if (result < 0) {
        fields_fail(r, "result", "result is held or relapsed");
    } else if (ledger_revisit_record(r->db, &c.actor, m.id, (RevisitResult)result,
                                     api_str(c.f.json, "comment"), r->today, &c.err) < 0) {
        api_refused(r, "comment", &c.err);
    } else {
        JsonW j;
        api_object_begin(r, 201, &j);
        json_kint(&j, "measure_id", m.id);
        json_kstr(&j, "result", vocab_name(VOCAB_REVISIT_RESULT, (RevisitResult)result));
        api_object_end(r, &j);
    }
    api_change_end(&c);
}
