/*
** followup.c: progress reports and evidence files, one transaction per action (followup.h).
*/
#include "followup.h"

#include <errno.h>

#include "base/arena.h"
#include "base/filetype.h"
#include "base/utf8.h"
#include "db/activity_store.h"
#include "db/audit_store.h"
#include "db/evidence_seal.h"
#include "db/evidence_store.h"
#include "db/measure_store.h"
#include "ledger/apply.h"

/* The timeline event of a loop action on a measure. */
static int timeline_event(Db *db, const Actor *actor, int64_t measure_id, int64_t inspection_id,
                          LoopAction action, const char *comment, Err *err)
{
    Event e = {0};
    e.measure_id = measure_id;
    e.inspection_id = inspection_id;
    e.actor_id = actor->user_id;
    e.action = loop_action_name(action);
    e.comment = comment;
    return event_store_insert(db, &e, err);
}

int ledger_loop_record(Db *db, const Actor *actor, int64_t measure_id, int64_t inspection_id,
                       LoopAction action, const char *object, const char *detail, Err *err)
{
    if (measure_id && timeline_event(db, actor, measure_id, inspection_id, action, detail, err) < 0)
        return -1;
    return audit_store_append(db, actor->login, loop_action_audit(action), object,
                              detail ? detail : "", err);
}

int ledger_loop_measure(Db *db, Arena *arena, LoopAction action, int64_t measure_id,
                        const Actor *actor, const char *comment, Measure *m, Err *err)
{
    if (measure_store_get(db, arena, measure_id, m, err) < 0)
        return -1;
    LoopSubject s = {m, -1, 0, 0, false};
    return loop_check(action, &s, actor, comment, err);
}

int ledger_loop_object(Db *db, Arena *arena, LoopAction action, int64_t measure_id, LoopSubject *s,
                       const Actor *actor, const char *comment, Measure *m, Err *err)
{
    if (measure_id) {
        if (measure_store_get(db, arena, measure_id, m, err) < 0)
            return -1;
        s->measure = m;
    }
    return loop_check(action, s, actor, comment, err);
}

int ledger_loop_text_ok(const char *s, Err *err)
{
    if (!s)
        return 0;
    size_t n = strlen(s);
    if (n > FOLLOWUP_TEXT_MAX)
        return err_fail(err, ERR_TOO_LARGE, "text longer than %d bytes", FOLLOWUP_TEXT_MAX);
    if (!utf8_valid(s, n))
        return err_fail(err, ERR_INPUT, "text is not valid UTF-8");
    return 0;
}

typedef struct Ctx {
    const Actor *actor;
    int64_t measure_id;
    int64_t id;
    const char *text;
    int percent;
    bool accept;
    bool submit; /* a draft submitted in its own transaction */
    Day today;
    const char *files_dir;
    const EvidenceUpload *upload;
    const char *media;
    int64_t *out_id;
} Ctx;

static int submit_tx(Db *db, Arena *arena, void *p, Err *err);

static int draft_tx(Db *db, Arena *arena, void *p, Err *err)
{
    Ctx *c = p;
    Measure m;
    if (ledger_loop_measure(db, arena, LOOP_PROGRESS_DRAFT, c->measure_id, c->actor, c->text, &m,
                            err) < 0)
        return -1;
    Progress pr = {0};
    pr.measure_id = m.id;
    pr.unit_id = workflow_is_lead_unit(&m, c->actor) || workflow_is_co_unit(&m, c->actor)
                     ? c->actor->unit_id
                     : 0;
    pr.author_id = c->actor->user_id;
    pr.body = c->text;
    pr.percent = c->percent;
    pr.state = PROGRESS_DRAFT;
    pr.reported_on = c->today;
    if (progress_store_insert(db, &pr, err) < 0)
        return -1;
    *c->out_id = pr.id;
    if (ledger_loop_record(db, c->actor, 0, m.inspection_id, LOOP_PROGRESS_DRAFT,
                           arena_printf(arena, "progress:%lld", (long long)pr.id), NULL, err) < 0)
        return -1;
    if (!c->submit)
        return 0;
    /* Written and submitted at once: one transaction, one commit. */
    c->id = pr.id;
    return submit_tx(db, arena, c, err);
}

int ledger_progress_draft(Db *db, const Actor *actor, int64_t measure_id, const char *body,
                          int percent, Day today, bool submit, int64_t *id, Err *err)
{
    if (percent < 0 || percent > 100)
        return err_fail(err, ERR_INPUT, "percent %d is not between 0 and 100", percent);
    if (ledger_loop_text_ok(body, err) < 0)
        return -1;
    Ctx c = {.actor = actor, .measure_id = measure_id, .text = body, .percent = percent,
             .submit = submit, .today = today, .out_id = id};
    return ledger_tx(db, draft_tx, &c, err);
}

/* Load report id and its measure; the subject for loop_check. */
static int load_report(Db *db, Arena *arena, int64_t id, Progress *pr, Measure *m,
                       LoopSubject *s, Err *err)
{
    if (progress_store_get(db, arena, id, pr, err) < 0 ||
        measure_store_get(db, arena, pr->measure_id, m, err) < 0)
        return -1;
    *s = loop_subject_progress(m, pr);
    return 0;
}

static int submit_tx(Db *db, Arena *arena, void *p, Err *err)
{
    Ctx *c = p;
    Progress pr;
    Measure m;
    LoopSubject s;
    if (load_report(db, arena, c->id, &pr, &m, &s, err) < 0 ||
        loop_check(LOOP_PROGRESS_SUBMIT, &s, c->actor, NULL, err) < 0)
        return -1;
    /* Only a co-unit's report waits for the lead unit; the lead unit's is its own word. */
    bool co = pr.unit_id && pr.unit_id != m.lead_unit_id;
    ProgressState to = co ? PROGRESS_SUBMITTED : PROGRESS_ACCEPTED;
    if (progress_store_move(db, pr.id, PROGRESS_DRAFT, to, 0, NULL, c->today, err) < 0)
        return -1;
    /* The lead unit's own report states where the measure stands; a co-unit's, its share. Set
       before the action's audit entry, whose digest of the measure must include it. */
    if (to == PROGRESS_ACCEPTED && pr.percent != m.percent &&
        progress_store_set_measure_percent(db, m.id, pr.percent, err) < 0)
        return -1;
    ApplyResult res;
    if (ledger_apply_in(db, arena, c->actor, m.id, ACTION_REPORT, pr.body, c->today, pr.id, &res,
                        err) < 0)
        return -1;
    return ledger_loop_record(db, c->actor, 0, m.inspection_id, LOOP_PROGRESS_SUBMIT,
                              arena_printf(arena, "progress:%lld", (long long)pr.id),
                              vocab_name(VOCAB_PROGRESS_STATE, to), err);
}

int ledger_progress_submit(Db *db, const Actor *actor, int64_t id, Day today, Err *err)
{
    Ctx c = {.actor = actor, .id = id, .today = today};
    return ledger_tx(db, submit_tx, &c, err);
}

static int review_tx(Db *db, Arena *arena, void *p, Err *err)
{
    Ctx *c = p;
    Progress pr;
    Measure m;
    LoopSubject s;
    LoopAction a = c->accept ? LOOP_PROGRESS_ACCEPT : LOOP_PROGRESS_RETURN;
    if (load_report(db, arena, c->id, &pr, &m, &s, err) < 0 ||
        loop_check(a, &s, c->actor, c->text, err) < 0)
        return -1;
    ProgressState to = c->accept ? PROGRESS_ACCEPTED : PROGRESS_RETURNED;
    if (progress_store_move(db, pr.id, PROGRESS_SUBMITTED, to, c->actor->user_id,
                            c->text ? c->text : "", DAY_NONE, err) < 0)
        return -1;
    return ledger_loop_record(db, c->actor, m.id, m.inspection_id, a,
                              arena_printf(arena, "progress:%lld", (long long)pr.id), c->text, err);
}

int ledger_progress_review(Db *db, const Actor *actor, int64_t id, bool accept,
                           const char *comment, Day today, Err *err)
{
    if (ledger_loop_text_ok(comment, err) < 0)
        return -1;
    Ctx c = {.actor = actor, .id = id, .accept = accept, .text = comment, .today = today};
    return ledger_tx(db, review_tx, &c, err);
}

/* A file name to keep: its last path component, valid UTF-8, no control characters. */
static int name_ok(const char *name, Err *err)
{
    size_t n = name ? strlen(name) : 0;
    if (n == 0 || n > FOLLOWUP_NAME_MAX || !utf8_valid(name, n))
        return err_fail(err, ERR_INPUT, "bad file name");
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f || name[i] == '/' || name[i] == '\\')
            return err_fail(err, ERR_INPUT, "bad file name");
    return 0;
}

static int attach_tx(Db *db, Arena *arena, void *p, Err *err)
{
    Ctx *c = p;
    Measure m;
    LoopSubject s;
    LoopAction a = LOOP_EVIDENCE_ATTACH_MEASURE;
    if (c->id) {
        Progress pr;
        if (load_report(db, arena, c->id, &pr, &m, &s, err) < 0)
            return -1;
        if (c->measure_id && c->measure_id != m.id)
            return err_fail(err, ERR_NOTFOUND, "progress report %lld is not on measure %lld",
                            (long long)c->id, (long long)c->measure_id);
        a = LOOP_EVIDENCE_ATTACH;
    } else {
        if (measure_store_get(db, arena, c->measure_id, &m, err) < 0)
            return -1;
        s = (LoopSubject){&m, -1, 0, 0, false};
    }
    if (loop_check(a, &s, c->actor, NULL, err) < 0)
        return -1;
    bool deduped;
    if (evidence_file_place(c->files_dir, c->upload->tmp_path, c->upload->sha256, &deduped, err) < 0)
        return -1;
    Evidence e = {0};
    e.measure_id = m.id;
    e.progress_id = c->id;
    e.file_name = c->upload->name;
    e.media_type = c->media;
    e.size = c->upload->size;
    e.sha256 = c->upload->sha256;
    e.uploaded_by = c->actor->user_id;
    if (evidence_store_add(db, &e, err) < 0)
        return -1;
    *c->out_id = e.id;
    /* The timeline names the file; the audit entry also keeps its type, size and hash. */
    if (timeline_event(db, c->actor, m.id, m.inspection_id, a, e.file_name, err) < 0)
        return -1;
    return ledger_loop_record(db, c->actor, 0, m.inspection_id, a,
                              arena_printf(arena, "evidence:%lld", (long long)e.id),
                              arena_printf(arena, "%s (%s, %lld bytes, sha256 %s)%s", e.file_name,
                                           e.media_type, (long long)e.size, e.sha256,
                                           deduped ? ", stored once" : ""),
                              err);
}

int ledger_evidence_attach(Db *db, const char *files_dir, const Actor *actor, int64_t measure_id,
                           int64_t progress_id, const EvidenceUpload *u, int64_t *id,
                           const char **refused, Err *err)
{
    *refused = NULL;
    if (name_ok(u->name, err) < 0)
        return -1;
    const char *reason = NULL;
    int t = filetype_detect_file(u->tmp_path, u->name, &reason);
    if (t < 0)
        return err_fail(err, ERR_IO, "cannot read uploaded file: %s", strerror(errno));
    if (t == FILETYPE_NONE) {
        *refused = reason;
        return err_fail(err, ERR_INPUT, "file '%s' is not an allowed type", u->name);
    }
    /* Sealed (--crypto sm) and durable before the lock is taken; placed and named inside it. */
    char name[CRYPTO_HEX_SIZE];
    EvidenceUpload stored = *u;
    if (evidence_seal_file(db, u->tmp_path, name, err) < 0)
        return -1;
    if (*name)
        stored.sha256 = name; /* the suite's content address (SM3) */
    Ctx c = {.actor = actor, .measure_id = measure_id, .id = progress_id, .files_dir = files_dir,
             .upload = &stored, .media = filetype_media((FileType)t), .out_id = id};
    return ledger_tx(db, attach_tx, &c, err);
}

static int withdraw_tx(Db *db, Arena *arena, void *p, Err *err)
{
    Ctx *c = p;
    Evidence e;
    Measure m = {0};
    if (evidence_store_get(db, arena, c->id, &e, err) < 0)
        return -1;
    LoopSubject s = loop_subject_evidence(NULL, &e);
    if (ledger_loop_object(db, arena, LOOP_EVIDENCE_WITHDRAW, e.measure_id, &s, c->actor, c->text,
                           &m, err) < 0 ||
        evidence_store_withdraw(db, e.id, c->actor->user_id, c->text, err) < 0)
        return -1;
    return ledger_loop_record(db, c->actor, m.id, m.inspection_id, LOOP_EVIDENCE_WITHDRAW,
                              arena_printf(arena, "evidence:%lld", (long long)e.id),
                              arena_printf(arena, "%s: %s", e.file_name, c->text), err);
}

int ledger_evidence_withdraw(Db *db, const Actor *actor, int64_t id, const char *reason,
                             Err *err)
{
    if (ledger_loop_text_ok(reason, err) < 0)
        return -1;
    Ctx c = {.actor = actor, .id = id, .text = reason};
    return ledger_tx(db, withdraw_tx, &c, err);
}
