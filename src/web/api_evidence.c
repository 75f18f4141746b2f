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
    json_key(j, "withdrawn");
    json_bool(j, e->withdrawn_at != NULL);
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
    json_end(&j);
    api_end(r);
}

/* The JSON body of a call on the path's measure, which r's user may read; NULL after replying. */
static json_t *measure_body_or_reply(Request *r, Measure *m, Inspection *in)
{
    json_t *body = api_body_or_reply(r);
    if (body && !access_measure_or_reply(r, r->path_id, m, in)) {
        json_decref(body);
        return NULL;
    }
    return body;
}

/* Reply with a ledger failure: 422 naming field for missing input, else by the error's code. */
static void fail(Request *r, const Err *err, const char *field)
{
    if (err->code == ERR_INPUT && field)
        route_fail_fields(r, 422, "invalid", err->msg, &field, 1);
    else
        route_fail_err(r, err);
}

/* The progress report of the path, when its measure is readable by r's user. */
static bool report_or_reply(Request *r, Progress *p)
{
    Err err = ERR_INIT;
    if (progress_store_get(r->db, &r->arena, r->path_id, p, &err) < 0) {
        route_fail_err(r, &err);
        return false;
    }
    Measure m;
    Inspection in;
    return access_measure_or_reply(r, p->measure_id, &m, &in);
}

static void reply_report(Request *r, int status, int64_t id)
{
    Progress p;
    Err err = ERR_INIT;
    if (progress_store_get(r->db, &r->arena, id, &p, &err) < 0) {
        route_fail_err(r, &err);
        return;
    }
    r->status = status;
    JsonW j;
    api_begin(r, &j);
    json_obj(&j);
    json_kint(&j, "id", p.id);
    json_kint(&j, "measure_id", p.measure_id);
    json_kstr(&j, "state", vocab_name(VOCAB_PROGRESS_STATE, (int)p.state));
    json_kint(&j, "percent", p.percent);
    api_day(&j, "reported_on", p.reported_on);
    json_end(&j);
    api_end(r);
}

void api_progress_create(Request *r)
{
    Measure m;
    Inspection in;
    json_t *body = measure_body_or_reply(r, &m, &in);
    if (!body)
        return;
    json_t *pct = json_object_get(body, "percent");
    json_t *submit = json_object_get(body, "submit");
    const char *text = api_str(body, "text");
    if ((pct && !json_is_integer(pct)) || (submit && !json_is_boolean(submit))) {
        const char *f = pct && !json_is_integer(pct) ? "percent" : "submit";
        route_fail_fields(r, 422, "invalid", "percent is an integer, submit a boolean", &f, 1);
        json_decref(body);
        return;
    }
    int percent = pct ? (int)json_integer_value(pct) : m.percent;
    Actor actor = workflow_actor(&r->user);
    Err err = ERR_INIT;
    int64_t id;
    if (ledger_progress_draft(r->db, &actor, m.id, text, percent, r->today, json_is_true(submit),
                              &id, &err) < 0)
        fail(r, &err, strstr(err.msg, "percent") ? "percent" : "text");
    else
        reply_report(r, 201, id);
    json_decref(body);
}

void api_progress_submit(Request *r)
{
    Progress p;
    if (!report_or_reply(r, &p))
        return;
    Actor actor = workflow_actor(&r->user);
    Err err = ERR_INIT;
    if (ledger_progress_submit(r->db, &actor, p.id, r->today, &err) < 0)
        fail(r, &err, NULL);
    else
        reply_report(r, 200, p.id);
}

void api_progress_review(Request *r)
{
    json_t *body = api_body_or_reply(r);
    if (!body)
        return;
    Progress p;
    if (!report_or_reply(r, &p)) {
        json_decref(body);
        return;
    }
    json_t *accept = json_object_get(body, "accept");
    if (!json_is_boolean(accept)) {
        const char *f = "accept";
        route_fail_fields(r, 422, "invalid", "accept must be true or false", &f, 1);
        json_decref(body);
        return;
    }
    Actor actor = workflow_actor(&r->user);
    Err err = ERR_INIT;
    if (ledger_progress_review(r->db, &actor, p.id, json_is_true(accept), api_str(body, "comment"),
                               r->today, &err) < 0)
        fail(r, &err, "comment");
    else
        reply_report(r, 200, p.id);
    json_decref(body);
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
                fail(r, &err, "files");
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
    json_end(&j);
    api_end(r);
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
        route_fail_fields(r, 422, "invalid",
                          "kind is remind, written, talk, listed or onsite; dates are YYYY-MM-DD",
                          &bad, 1);
        return false;
    }
    s->kind = (SupervisionKind)kind;
    s->body = api_str(body, "text");
    return true;
}

/* Issue s through the ledger and reply 201 with it, or the ledger's failure. */
static void supervision_issue_reply(Request *r, Supervision *s)
{
    Actor actor = workflow_actor(&r->user);
    Err err = ERR_INIT;
    if (ledger_supervision_issue(r->db, &actor, s, r->today, &err) < 0) {
        fail(r, &err, "text");
        return;
    }
    r->status = 201;
    JsonW j;
    api_begin(r, &j);
    json_obj(&j);
    json_kint(&j, "id", s->id);
    json_kint(&j, "inspection_id", s->inspection_id);
    json_kint(&j, "measure_id", s->measure_id);
    json_kint(&j, "finding_id", s->finding_id);
    json_kint(&j, "unit_id", s->unit_id);
    json_kstr(&j, "kind", vocab_name(VOCAB_SUPERVISION_KIND, s->kind));
    json_kstr(&j, "state", vocab_name(VOCAB_SUPERVISION_STATE, s->state));
    api_day(&j, "respond_by", s->respond_by);
    json_end(&j);
    api_end(r);
}

void api_supervision_create(Request *r)
{
    Measure m;
    Inspection in;
    json_t *body = measure_body_or_reply(r, &m, &in);
    if (!body)
        return;
    Supervision s = {0};
    if (supervision_body(r, body, &s)) {
        s.measure_id = m.id;
        supervision_issue_reply(r, &s);
    }
    json_decref(body);
}

void api_supervision_create_finding(Request *r)
{
    json_t *body = api_body_or_reply(r);
    if (!body)
        return;
    Finding f;
    Inspection in;
    Err err = ERR_INIT;
    Supervision s = {0};
    if (finding_store_get(r->db, &r->arena, r->path_id, &f, &err) < 0)
        route_fail_err(r, &err);
    else if (access_inspection_or_reply(r, f.inspection_id, &in) && supervision_body(r, body, &s)) {
        s.finding_id = f.id;
        supervision_issue_reply(r, &s);
    }
    json_decref(body);
}

void api_supervision_create_unit(Request *r)
{
    json_t *body = api_body_or_reply(r);
    if (!body)
        return;
    Unit u;
    Inspection in;
    Err err = ERR_INIT;
    Supervision s = {0};
    json_t *ins = json_object_get(body, "inspection_id");
    if (!json_is_integer(ins) || json_integer_value(ins) <= 0) {
        const char *f = "inspection_id";
        route_fail_fields(r, 422, "invalid", "inspection_id names the inspection", &f, 1);
    } else if (unit_store_get(r->db, &r->arena, r->path_id, &u, &err) < 0) {
        route_fail_err(r, &err);
    } else if (access_inspection_or_reply(r, json_integer_value(ins), &in) &&
               supervision_body(r, body, &s)) {
        s.unit_id = u.id;
        s.inspection_id = in.id;
        supervision_issue_reply(r, &s);
    }
    json_decref(body);
}

void api_supervision_action(Request *r)
{
    json_t *body = api_body_or_reply(r);
    if (!body)
        return;
    Supervision s;
    Err err = ERR_INIT;
    if (supervision_store_get(r->db, &r->arena, r->path_id, &s, &err) < 0) {
        route_fail_err(r, &err);
        json_decref(body);
        return;
    }
    Inspection in;
    Measure m;
    bool ok = s.measure_id ? access_measure_or_reply(r, s.measure_id, &m, &in)
                           : access_inspection_or_reply(r, s.inspection_id, &in);
    if (!ok) {
        json_decref(body);
        return;
    }
    int a = loop_action_parse(api_str(body, "action"));
    if (a != LOOP_SUPERVISION_RESPOND && a != LOOP_SUPERVISION_TALK && a != LOOP_SUPERVISION_LIFT) {
        const char *f = "action";
        route_fail_fields(r, 422, "invalid",
                          "action is supervision_respond, supervision_talk or supervision_lift", &f, 1);
        json_decref(body);
        return;
    }
    Actor actor = workflow_actor(&r->user);
    if (ledger_supervision_act(r->db, &actor, s.id, (LoopAction)a, api_str(body, "text"), r->today,
                               &err) < 0) {
        fail(r, &err, "text");
    } else {
        JsonW j;
        api_begin(r, &j);
        json_obj(&j);
        json_kint(&j, "id", s.id);
        json_kstr(&j, "action", loop_action_name((LoopAction)a));
        json_end(&j);
        api_end(r);
    }
    json_decref(body);
}

void api_revisit_create(Request *r)
{
    Measure m;
    Inspection in;
    json_t *body = measure_body_or_reply(r, &m, &in);
    if (!body)
        return;
    int result = vocab_parse(VOCAB_REVISIT_RESULT, api_str(body, "result"));
    if (result < 0) {
        const char *f = "result";
        route_fail_fields(r, 422, "invalid", "result is held or relapsed", &f, 1);
        json_decref(body);
        return;
    }
    Actor actor = workflow_actor(&r->user);
    Err err = ERR_INIT;
    if (ledger_revisit_record(r->db, &actor, m.id, (RevisitResult)result, api_str(body, "comment"),
                              r->today, &err) < 0) {
        fail(r, &err, "comment");
    } else {
        r->status = 201;
        JsonW j;
        api_begin(r, &j);
        json_obj(&j);
        json_kint(&j, "measure_id", m.id);
        json_kstr(&j, "result", vocab_name(VOCAB_REVISIT_RESULT, (RevisitResult)result));
        json_end(&j);
        api_end(r);
    }
    json_decref(body);
}
