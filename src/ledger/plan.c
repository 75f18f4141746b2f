/*
** plan.c: editing the plan of an inspection (plan.h).
*/
#include "plan.h"

#include "base/buf.h"
#include "base/cnum.h"
#include "base/utf8.h"
#include "db/activity_store.h"
#include "db/audit_store.h"
#include "db/edit_store.h"
#include "db/finding_store.h"
#include "db/inspection_store.h"
#include "db/measure_store.h"
#include "ledger/plan_internal.h"

const char *plan_gap_label(GapKind k)
{
    return vocab_label(VOCAB_PLAN_GAP, (int)k);
}

const char *plan_gap_name(GapKind k)
{
    return vocab_name(VOCAB_PLAN_GAP, (int)k);
}

const char *plan_finding_label(Arena *arena, int depth, int ordinal)
{
    Buf b = BUF_INIT;
    switch (depth) {
    case 0:
        cnum_put(&b, ordinal);
        buf_puts(&b, "、");
        break;
    case 1:
        buf_puts(&b, "（");
        cnum_put(&b, ordinal);
        buf_puts(&b, "）");
        break;
    case 2:
        buf_printf(&b, "%d.", ordinal);
        break;
    case 3:
        buf_printf(&b, "（%d）", ordinal);
        break;
    default:
        /* ① … ⑳ are U+2460 … U+2473. */
        if (ordinal >= 1 && ordinal <= 20) {
            char cp[4];
            int len = utf8_encode(0x2460 + (uint32_t)ordinal - 1, cp);
            buf_append(&b, cp, (size_t)len);
        } else {
            buf_printf(&b, "（%d）", ordinal);
        }
    }
    const char *out = arena_strdup(arena, b.data);
    buf_free(&b);
    return out;
}

const char *plan_measure_label(Arena *arena, int ordinal)
{
    Buf b = BUF_INIT;
    cnum_put(&b, ordinal);
    buf_puts(&b, "是");
    const char *out = arena_strdup(arena, b.data);
    buf_free(&b);
    return out;
}

/* --- Validation --- */

static void bad(const char **fields, int *n, const char *name)
{
    if (*n < 16)
        fields[(*n)++] = name;
}

/* Text that must be present (when required) and within max bytes. */
static void check_text(const char *s, bool required, size_t max, const char *name,
                       const char **fields, int *n)
{
    if ((required && (!s || !*s)) || (s && strlen(s) > max))
        bad(fields, n, name);
}

void plan_check_inspection(const Inspection *in, const char **fields, int *n)
{
    *n = 0;
    check_text(in->title, true, PLAN_TITLE_MAX, "title", fields, n);
    check_text(in->superior, false, PLAN_LINE_MAX, "superior", fields, n);
    check_text(in->group_name, false, PLAN_LINE_MAX, "group_name", fields, n);
    check_text(in->target, false, PLAN_LINE_MAX, "target", fields, n);
    check_text(in->contact_phone, false, PLAN_LINE_MAX, "contact_phone", fields, n);
    check_text(in->contact_email, false, PLAN_LINE_MAX, "contact_email", fields, n);
    check_text(in->contact_address, false, PLAN_LINE_MAX, "contact_address", fields, n);
    if (in->onsite_start != DAY_NONE && in->onsite_end != DAY_NONE &&
        in->onsite_end < in->onsite_start)
        bad(fields, n, "onsite_end");
    if (in->warn_days < 0 || in->warn_days > 90)
        bad(fields, n, "warn_days");
    if (in->revisit_months &&
        (in->revisit_months < INSPECTION_REVISIT_MIN || in->revisit_months > INSPECTION_REVISIT_MAX))
        bad(fields, n, "revisit_months");
    int max_due = in->report_cycle == CYCLE_WEEKLY ? 7 : 28;
    if (in->report_due_day < 0 || in->report_due_day > max_due)
        bad(fields, n, "report_due_day");
}

void plan_check_finding(const Finding *f, const char **fields, int *n)
{
    *n = 0;
    check_text(f->title, true, PLAN_TITLE_MAX, "title", fields, n);
    check_text(f->body, false, PLAN_TEXT_MAX, "body", fields, n);
    if ((int)f->level < 0 || f->level >= LEVEL__COUNT)
        bad(fields, n, "level");
}

void plan_check_measure(const Measure *m, const char **fields, int *n)
{
    *n = 0;
    check_text(m->title, true, PLAN_TITLE_MAX, "title", fields, n);
    check_text(m->body, false, PLAN_TEXT_MAX, "body", fields, n);
    check_text(m->target, false, PLAN_TEXT_MAX, "target", fields, n);
    if ((int)m->kind < 0 || m->kind >= KIND__COUNT)
        bad(fields, n, "kind");
    if (m->n_leaders > PLAN_OWNERS_MAX)
        bad(fields, n, "leader_ids");
    if (m->n_co_units > PLAN_OWNERS_MAX)
        bad(fields, n, "co_unit_ids");
    for (int i = 0; i < m->n_co_units; i++)
        if (m->co_unit_ids[i] == m->lead_unit_id && m->lead_unit_id) {
            bad(fields, n, "co_unit_ids");
            break;
        }
}

/* --- Coverage --- */

static bool is_long_term(const Measure *m)
{
    return m->long_term || m->kind == KIND_LONG_TERM;
}

static void gap(Buf *list, GapKind kind, const Finding *f, const Measure *m)
{
    PlanGap g = {kind, f ? f->id : m->finding_id, m ? m->id : 0, m ? m->label : f->label,
                 m ? m->title : f->title};
    buf_append(list, (const char *)&g, sizeof g);
}

void plan_coverage(const Ledger *l, Arena *arena, PlanGap **out, int *n)
{
    Buf list = BUF_INIT;
    bool *has_child = ARENA_ARRAY(arena, bool, l->n_findings + 1);
    bool *has_measure = ARENA_ARRAY(arena, bool, l->n_findings + 1);
    /* Findings are sorted by id: a binary search finds a parent or a measure's finding. */
    for (int pass = 0; pass < 2; pass++) {
        int count = pass == 0 ? l->n_findings : l->n_measures;
        for (int i = 0; i < count; i++) {
            int64_t id = pass == 0 ? l->findings[i].parent_id : l->measures[i].finding_id;
            int lo = 0, hi = l->n_findings - 1;
            while (lo <= hi) {
                int mid = lo + (hi - lo) / 2;
                if (l->findings[mid].id == id) {
                    (pass == 0 ? has_child : has_measure)[mid] = true;
                    break;
                }
                if (l->findings[mid].id < id)
                    lo = mid + 1;
                else
                    hi = mid - 1;
            }
        }
    }
    for (int i = 0; i < l->n_findings; i++)
        if (!has_child[i] && !has_measure[i])
            gap(&list, GAP_NO_MEASURE, &l->findings[i], NULL);
    for (int i = 0; i < l->n_measures; i++) {
        const Measure *m = &l->measures[i];
        if (!m->lead_unit_id)
            gap(&list, GAP_NO_LEAD_UNIT, NULL, m);
        if (!m->n_leaders)
            gap(&list, GAP_NO_LEADER, NULL, m);
        if (m->deadline == DAY_NONE && !is_long_term(m))
            gap(&list, GAP_NO_DEADLINE, NULL, m);
    }
    *n = (int)(list.len / sizeof(PlanGap));
    *out = arena_alloc(arena, list.len + 1);
    memcpy(*out, list.data, list.len);
    buf_free(&list);
}

/* --- Transactions --- */

int plan_audit(Db *db, Arena *arena, const Actor *actor, AuditAction action, const char *kind,
               int64_t id, const char *detail, Err *err)
{
    const char *object = arena_printf(arena, "%s:%lld", kind, (long long)id);
    return audit_store_append(db, actor->login, action, object, detail ? detail : "", err);
}

int plan_event(Db *db, const Actor *actor, const Measure *m, EventKind kind, const char *from,
               const char *to, const char *comment, Err *err)
{
    Event e = {0};
    e.measure_id = m->id;
    e.inspection_id = m->inspection_id;
    e.actor_id = actor->user_id;
    e.action = vocab_name(VOCAB_EVENT, kind);
    e.from_state = from;
    e.to_state = to;
    e.comment = comment;
    return event_store_insert(db, &e, err);
}

/* Inspections */

typedef struct InspectionCtx {
    const Actor *actor;
    Inspection *in;
    int64_t version;
} InspectionCtx;

static int create_tx(Db *db, Arena *arena, void *ctx, Err *err)
{
    InspectionCtx *c = ctx;
    if (inspection_store_insert(db, c->in, err) < 0 ||
        edit_store_inspection_init(db, c->in->id, PLAN_DRAFT, c->in->require_onsite, err) < 0)
        return -1;
    return plan_audit(db, arena, c->actor, AUDIT_INSPECTION_CREATE, "inspection", c->in->id,
                      c->in->title, err);
}

int plan_inspection_create(Db *db, const Actor *actor, Inspection *in, Err *err)
{
    InspectionCtx c = {actor, in, 0};
    return ledger_tx(db, create_tx, &c, err);
}

static int update_tx(Db *db, Arena *arena, void *ctx, Err *err)
{
    InspectionCtx *c = ctx;
    if (edit_store_inspection_update(db, c->in, c->version, err) < 0)
        return -1;
    return plan_audit(db, arena, c->actor, AUDIT_INSPECTION_UPDATE, "inspection", c->in->id,
                      c->in->title, err);
}

int plan_inspection_update(Db *db, const Actor *actor, const Inspection *in, int64_t version,
                           Err *err)
{
    InspectionCtx c = {actor, (Inspection *)in, version};
    return ledger_tx(db, update_tx, &c, err);
}

typedef struct IssueCtx {
    const Actor *actor;
    int64_t id;
    Arena *out;
    PlanGap **gaps;
    int *n_gaps;
} IssueCtx;

static int issue_tx(Db *db, Arena *arena, void *ctx, Err *err)
{
    IssueCtx *c = ctx;
    Ledger l;
    /* In the caller's arena: the gaps point into the ledger's strings. */
    if (ledger_load(db, c->out, c->id, &l, err) < 0)
        return -1;
    if (l.in.plan_state == PLAN_ISSUED)
        return err_fail(err, ERR_CONFLICT, "the plan of inspection %lld is already issued",
                        (long long)c->id);
    plan_coverage(&l, c->out, c->gaps, c->n_gaps);
    if (*c->n_gaps)
        return err_fail(err, ERR_INPUT, "the plan has %d gaps", *c->n_gaps);
    if (edit_store_plan_state(db, c->id, PLAN_ISSUED, err) < 0)
        return -1;
    const char *detail = arena_printf(arena, "%d measures", l.n_measures);
    return plan_audit(db, arena, c->actor, AUDIT_PLAN_ISSUE, "inspection", c->id, detail, err);
}

int plan_issue(Db *db, const Actor *actor, int64_t inspection_id, Arena *arena, PlanGap **gaps,
               int *n_gaps, Err *err)
{
    *gaps = NULL;
    *n_gaps = 0;
    IssueCtx c = {actor, inspection_id, arena, gaps, n_gaps};
    return ledger_tx(db, issue_tx, &c, err);
}
