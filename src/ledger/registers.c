/*
** registers.c: checking and recording the registers' entries (registers.h).
*/
#include "registers.h"

#include "base/buf.h"
#include "base/utf8.h"
#include "db/audit_store.h"
#include "db/inspection_store.h"

/* Fail with ERR_INPUT naming field. */
static int bad(const char **field, const char *name, Err *err, const char *what)
{
    *field = name;
    return err_fail(err, ERR_INPUT, "%s: %s", name, what);
}

/* A text of at most max characters (NULL allowed unless required). */
static bool text_ok(const char *s, size_t max, bool required)
{
    if (!s)
        return !required;
    size_t n = strlen(s);
    if (required && n == 0)
        return false;
    return utf8_valid(s, n) && utf8_length(s, n) <= max && !memchr(s, 0, n);
}

/* The text field name (text_ok); else -1 with bad(), saying the limit. */
static int text_field(const char **field, const char *name, const char *s, size_t max,
                      bool required, Err *err)
{
    if (text_ok(s, max, required))
        return 0;
    char what[64];
    snprintf(what, sizeof what, "%sat most %zu characters", required ? "required, " : "", max);
    return bad(field, name, err, what);
}

/* Run fn(ctx) and the audit entry in one transaction. */
typedef int (*TxFn)(Db *db, void *ctx, Err *err);

static int in_tx(Db *db, TxFn fn, void *ctx, Err *err)
{
    if (db_begin(db, err) < 0)
        return -1;
    if (fn(db, ctx, err) < 0) {
        db_rollback(db);
        return -1;
    }
    return db_commit(db, err);
}

static int inspection_ok(Db *db, int64_t id, const char **field, Err *err)
{
    Arena a = ARENA_INIT;
    Inspection in;
    int rc = inspection_store_get(db, &a, id, &in, err);
    arena_free(&a);
    if (rc < 0 && err->code == ERR_NOTFOUND)
        return bad(field, "inspection", err, "no such inspection");
    return rc;
}

typedef struct ClueTx {
    const Actor *actor;
    Clue *c;
    bool create;
} ClueTx;

static int clue_tx(Db *db, void *ctx, Err *err)
{
    ClueTx *t = ctx;
    Arena a = ARENA_INIT;
    int rc =
        t->create ? clue_store_create(db, &a, t->c, err) : clue_store_update(db, &a, t->c, err);
    arena_free(&a);
    if (rc < 0)
        return -1;
    char object[32], detail[160];
    snprintf(object, sizeof object, "clue:%lld", (long long)t->c->id);
    /* The subject stays out of the audit log: kind, state and disposal only. */
    snprintf(detail, sizeof detail, "%s, state %s, disposal %s",
             vocab_name(VOCAB_CLUE_KIND, t->c->kind), vocab_name(VOCAB_CLUE_STATE, t->c->state),
             t->c->disposal >= 0 ? vocab_name(VOCAB_CLUE_DISPOSAL, t->c->disposal) : "-");
    return audit_store_append(db, t->actor->login,
                              t->create ? AUDIT_CLUE_CREATE : AUDIT_CLUE_UPDATE, object, detail,
                              err);
}

int registers_clue_save(Db *db, const Actor *actor, Clue *c, const char **field, Err *err)
{
    if ((int)c->kind < 0 || c->kind >= CLUE_KIND__COUNT)
        return bad(field, "kind", err, "not a clue kind");
    if ((int)c->subject_rank < 0 || c->subject_rank >= RANK__COUNT)
        return bad(field, "subject_rank", err, "not a rank");
    if (c->disposal < -1 || c->disposal >= DISPOSAL__COUNT)
        return bad(field, "disposal", err, "not a disposal");
    int state = (int)c->state;
    if (state < 0 || state >= CLUE__COUNT)
        return bad(field, "state", err, "not a clue state");
    if (text_field(field, "ref_no", c->ref_no, 64, false, err) < 0 ||
        text_field(field, "subject_name", c->subject_name, 32, false, err) < 0 ||
        text_field(field, "subject_post", c->subject_post, 100, false, err) < 0)
        return -1;
    if (state == CLUE_CONCLUDED && c->concluded_on == DAY_NONE)
        return bad(field, "concluded_on", err, "a concluded clue needs its day");
    if (state != CLUE_CONCLUDED)
        c->concluded_on = DAY_NONE;
    if (inspection_ok(db, c->inspection_id, field, err) < 0)
        return -1;
    ClueTx t = {actor, c, c->id == 0};
    return in_tx(db, clue_tx, &t, err);
}

/* A register entry's transaction: who enters it, and the record (ClueOutcome, Meeting …). */
typedef struct SimpleTx {
    const Actor *actor;
    void *rec;
} SimpleTx;

static int outcome_tx(Db *db, void *ctx, Err *err)
{
    SimpleTx *t = ctx;
    ClueOutcome *o = t->rec;
    if (clue_store_outcome_add(db, o, &o->id, err) < 0)
        return -1;
    char object[32], detail[160];
    snprintf(object, sizeof object, "clue:%lld", (long long)o->clue_id);
    snprintf(detail, sizeof detail, "outcome %s%s%s, %lld persons", o->type, *o->subtype ? "/" : "",
             o->subtype, (long long)o->persons);
    return audit_store_append(db, t->actor->login, AUDIT_CLUE_OUTCOME, object, detail, err);
}

int registers_outcome_add(Db *db, const Actor *actor, ClueOutcome *o, const char **field, Err *err)
{
    int type = vocab_parse(VOCAB_OUTCOME_TYPE, o->type);
    if (type < 0)
        return bad(field, "type", err, "not an outcome type");
    if (!o->subtype)
        o->subtype = "";
    if (!reg_outcome_subtype_ok((OutcomeType)type, o->subtype))
        return bad(field, "subtype", err, "not a sub-type of this outcome");
    if (o->persons < 1 || o->persons > 10000)
        return bad(field, "persons", err, "from 1 to 10000");
    Arena a = ARENA_INIT;
    Clue c;
    int rc = clue_store_get(db, &a, o->clue_id, &c, err);
    arena_free(&a);
    if (rc < 0)
        return -1;
    o->type = vocab_label(VOCAB_OUTCOME_TYPE, (OutcomeType)type);
    SimpleTx t = {actor, o};
    return in_tx(db, outcome_tx, &t, err);
}

typedef struct MechanismTx {
    const Actor *actor;
    Mechanism *m;
    const int64_t *findings, *measures;
    int n_f, n_m;
} MechanismTx;

static int mechanism_tx(Db *db, void *ctx, Err *err)
{
    MechanismTx *t = ctx;
    if (mechanism_store_create(db, t->m, err) < 0)
        return -1;
    for (int i = 0; i < t->n_f; i++)
        if (mechanism_store_link(db, t->m->id, t->findings[i], 0, err) < 0)
            return -1;
    for (int i = 0; i < t->n_m; i++)
        if (mechanism_store_link(db, t->m->id, 0, t->measures[i], err) < 0)
            return -1;
    char object[32];
    snprintf(object, sizeof object, "mechanism:%lld", (long long)t->m->id);
    Buf d = BUF_INIT;
    buf_printf(
        &d, "%s %s, %d problems, %d measures",
        vocab_label(VOCAB_MECHANISM_KIND, (t->m->is_new) ? MECHANISM_NEW : MECHANISM_REVISED),
        t->m->title, t->n_f, t->n_m);
    int rc = audit_store_append(db, t->actor->login, AUDIT_MECHANISM_CREATE, object, d.data, err);
    buf_free(&d);
    return rc;
}

/* Every id must name a finding (or a measure) of inspection_id. */
static int owned(Db *db, int64_t inspection_id, const int64_t *ids, int n, bool findings,
                 const char **field, Err *err)
{
    for (int i = 0; i < n; i++) {
        int64_t owner;
        if (register_store_owner(db, findings ? ids[i] : 0, findings ? 0 : ids[i], &owner, err) < 0)
            return -1;
        if (owner != inspection_id)
            return bad(field, findings ? "findings" : "measures", err, "not of this inspection");
    }
    return 0;
}

int registers_mechanism_add(Db *db, const Actor *actor, Mechanism *m, const int64_t *finding_ids,
                            int n_f, const int64_t *measure_ids, int n_m, const char **field,
                            Err *err)
{
    if (text_field(field, "title", m->title, 120, true, err) < 0 ||
        text_field(field, "number", m->number, 64, false, err) < 0 ||
        text_field(field, "issuer", m->issuer, 64, false, err) < 0)
        return -1;
    if (n_f > 50 || n_m > 50)
        return bad(field, n_f > 50 ? "findings" : "measures", err, "at most 50 links");
    if (inspection_ok(db, m->inspection_id, field, err) < 0 ||
        owned(db, m->inspection_id, finding_ids, n_f, true, field, err) < 0 ||
        owned(db, m->inspection_id, measure_ids, n_m, false, field, err) < 0)
        return -1;
    /* A rule's title is printed in 《》; add them when the office left them out. */
    Arena a = ARENA_INIT;
    const char *open = "《";
    if (strncmp(m->title, open, strlen(open)) != 0)
        m->title = arena_printf(&a, "《%s》", m->title);
    MechanismTx t = {actor, m, finding_ids, measure_ids, n_f, n_m};
    int rc = in_tx(db, mechanism_tx, &t, err);
    m->title = NULL;
    arena_free(&a);
    return rc;
}

static int meeting_tx(Db *db, void *ctx, Err *err)
{
    SimpleTx *t = ctx;
    Meeting *m = t->rec;
    if (meeting_store_create(db, m, err) < 0)
        return -1;
    char object[32];
    snprintf(object, sizeof object, "meeting:%lld", (long long)m->id);
    Buf d = BUF_INIT;
    buf_printf(&d, "%s %s", m->kind, m->topic ? m->topic : "");
    int rc = audit_store_append(db, t->actor->login, AUDIT_MEETING_CREATE, object, d.data, err);
    buf_free(&d);
    return rc;
}

int registers_meeting_add(Db *db, const Actor *actor, Meeting *m, const char **field, Err *err)
{
    if (vocab_parse(VOCAB_MEETING_KIND, m->kind) < 0)
        return bad(field, "kind", err, "not a meeting kind");
    if (m->held_on == DAY_NONE)
        return bad(field, "held_on", err, "required");
    if (text_field(field, "topic", m->topic, 200, false, err) < 0 ||
        inspection_ok(db, m->inspection_id, field, err) < 0)
        return -1;
    SimpleTx t = {actor, m};
    return in_tx(db, meeting_tx, &t, err);
}

static int recovery_tx(Db *db, void *ctx, Err *err)
{
    SimpleTx *t = ctx;
    Recovery *r = t->rec;
    if (recovery_store_create(db, r, err) < 0)
        return -1;
    char object[32], detail[96];
    snprintf(object, sizeof object, "recovery:%lld", (long long)r->id);
    snprintf(detail, sizeof detail, "%s %lld fen", r->kind, (long long)r->amount_fen);
    return audit_store_append(db, t->actor->login, AUDIT_RECOVERY_CREATE, object, detail, err);
}

int registers_recovery_add(Db *db, const Actor *actor, Recovery *r, const char **field, Err *err)
{
    if (vocab_parse(VOCAB_RECOVERY_KIND, r->kind) < 0)
        return bad(field, "kind", err, "not a recovery kind");
    /* Up to 10^13 fen (a hundred billion yuan): no sum of them overflows. */
    if (r->amount_fen <= 0 || r->amount_fen > 10000000000000LL)
        return bad(field, "amount", err, "a positive amount");
    if (r->recorded_on == DAY_NONE)
        return bad(field, "recorded_on", err, "required");
    if (text_field(field, "note", r->note, 200, false, err) < 0 ||
        inspection_ok(db, r->inspection_id, field, err) < 0 ||
        (r->finding_id && owned(db, r->inspection_id, &r->finding_id, 1, true, field, err) < 0))
        return -1;
    SimpleTx t = {actor, r};
    return in_tx(db, recovery_tx, &t, err);
}

typedef struct FeedbackTx {
    Feedback *f;
    const char *client;
} FeedbackTx;

static int feedback_tx(Db *db, void *ctx, Err *err)
{
    FeedbackTx *t = ctx;
    if (feedback_store_create(db, t->f, err) < 0)
        return -1;
    char object[32], detail[96];
    snprintf(object, sizeof object, "feedback:%lld", (long long)t->f->id);
    snprintf(detail, sizeof detail, "from %s, %zu bytes", t->client, strlen(t->f->body));
    return audit_store_append(db, "public", AUDIT_FEEDBACK_SUBMIT, object, detail, err);
}

int registers_feedback_submit(Db *db, Feedback *f, const char *client, const char **field, Err *err)
{
    if (text_field(field, "body", f->body, REGISTERS_FEEDBACK_MAX, true, err) < 0 ||
        text_field(field, "name", f->name, 32, false, err) < 0 ||
        text_field(field, "contact", f->contact, 64, false, err) < 0 ||
        (f->inspection_id && inspection_ok(db, f->inspection_id, field, err) < 0))
        return -1;
    FeedbackTx t = {f, client};
    return in_tx(db, feedback_tx, &t, err);
}

typedef struct AnswerTx {
    const Actor *actor;
    int64_t id;
    const char *state, *reply;
} AnswerTx;

static int answer_tx(Db *db, void *ctx, Err *err)
{
    AnswerTx *t = ctx;
    if (feedback_store_answer(db, t->id, t->state, t->reply, t->actor->user_id, err) < 0)
        return -1;
    char object[32];
    snprintf(object, sizeof object, "feedback:%lld", (long long)t->id);
    return audit_store_append(db, t->actor->login, AUDIT_FEEDBACK_HANDLE, object, t->state, err);
}

int registers_feedback_answer(Db *db, const Actor *actor, int64_t id, const char *state,
                              const char *reply, const char **field, Err *err)
{
    if (vocab_parse(VOCAB_FEEDBACK_STATE, state) < 0)
        return bad(field, "state", err, "not a feedback state");
    if (text_field(field, "reply", reply, 2000, false, err) < 0)
        return -1;
    AnswerTx t = {actor, id, state, reply};
    return in_tx(db, answer_tx, &t, err);
}

typedef struct ForwardTx {
    const Actor *actor;
    int64_t id, inspection_id, clue_id;
} ForwardTx;

static int forward_tx(Db *db, void *ctx, Err *err)
{
    ForwardTx *t = ctx;
    Arena a = ARENA_INIT;
    Feedback f;
    int rc = feedback_store_get(db, &a, t->id, &f, err);
    if (rc == 0 && f.clue_id)
        rc = err_fail(err, ERR_CONFLICT, "feedback %lld is already clue %lld", (long long)t->id,
                      (long long)f.clue_id);
    Clue c = {0};
    c.inspection_id = t->inspection_id;
    c.kind = CLUE_KIND_PETITION;
    c.ref_no = arena_printf(&a, "公众来信%lld", (long long)t->id);
    c.received_on = DAY_NONE;
    c.concluded_on = DAY_NONE;
    c.state = CLUE_OPEN;
    c.subject_rank = RANK_OTHER;
    c.disposal = -1;
    if (rc == 0)
        rc = clue_store_create(db, &a, &c, err);
    arena_free(&a);
    if (rc < 0 || feedback_store_forward(db, t->id, c.id, err) < 0)
        return -1;
    t->clue_id = c.id;
    char object[32], detail[48];
    snprintf(object, sizeof object, "feedback:%lld", (long long)t->id);
    snprintf(detail, sizeof detail, "clue:%lld", (long long)c.id);
    return audit_store_append(db, t->actor->login, AUDIT_FEEDBACK_FORWARD, object, detail, err);
}

int registers_feedback_to_clue(Db *db, const Actor *actor, int64_t id, int64_t inspection_id,
                               int64_t *clue_id, Err *err)
{
    const char *field;
    if (inspection_ok(db, inspection_id, &field, err) < 0)
        return -1;
    ForwardTx t = {actor, id, inspection_id, 0};
    if (in_tx(db, forward_tx, &t, err) < 0)
        return -1;
    *clue_id = t.clue_id;
    return 0;
}
