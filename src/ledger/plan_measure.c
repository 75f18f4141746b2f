/*
** plan_measure.c: the measures of a plan (plan.h): add, edit (after issue a change of deadline or
** owners needs a reason and leaves a timeline event), reorder or move, delete while a draft,
** withdraw (撤销) once issued.
*/
#include "plan.h"

#include "base/buf.h"
#include "db/edit_store.h"
#include "db/finding_store.h"
#include "db/inspection_store.h"
#include "db/measure_store.h"
#include "db/org_store.h"
#include "ledger/plan_internal.h"

/* Measures */

typedef struct MeasureCtx {
    const Actor *actor;
    Measure *m;
    int64_t id;
    int64_t version;
    const char *reason;
    int64_t new_finding;
    int delta;
} MeasureCtx;

static int measure_add_tx(Db *db, Arena *arena, void *ctx, Err *err)
{
    MeasureCtx *c = ctx;
    Measure *m = c->m;
    Finding f;
    if (finding_store_get(db, arena, m->finding_id, &f, err) < 0)
        return err->code == ERR_NOTFOUND
                   ? err_fail(err, ERR_INPUT, "no finding %lld", (long long)m->finding_id)
                   : -1;
    if (f.inspection_id != m->inspection_id)
        return err_fail(err, ERR_INPUT, "the finding belongs to another inspection");
    if (edit_store_measure_next(db, m->finding_id, &m->ordinal, err) < 0)
        return -1;
    m->label = plan_measure_label(arena, m->ordinal);
    m->state = STATE_NOT_STARTED;
    if (measure_store_insert(db, m, err) < 0 ||
        plan_event(db, c->actor, m, EVENT_CREATE, NULL, NULL, NULL, err) < 0)
        return -1;
    return plan_audit(db, arena, c->actor, AUDIT_MEASURE_CREATE, "measure", m->id, m->title, err);
}

int plan_measure_add(Db *db, const Actor *actor, Measure *m, Err *err)
{
    MeasureCtx c = {.actor = actor, .m = m};
    return ledger_tx(db, measure_add_tx, &c, err);
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* True when the two id sets differ (order aside). */
static bool ids_differ(Arena *arena, const int64_t *a, int na, const int64_t *b, int nb)
{
    if (na != nb)
        return true;
    int64_t *x = ARENA_ARRAY(arena, int64_t, na + 1), *y = ARENA_ARRAY(arena, int64_t, nb + 1);
    if (na) {
        memcpy(x, a, (size_t)na * sizeof *x);
        memcpy(y, b, (size_t)nb * sizeof *y);
    }
    qsort(x, (size_t)na, sizeof *x, cmp_i64);
    qsort(y, (size_t)nb, sizeof *y, cmp_i64);
    return na && memcmp(x, y, (size_t)na * sizeof *x) != 0;
}

/* The ids as text, "3,7" ("" for none), for an event's old and new values. */
static const char *ids_text(Arena *arena, const int64_t *ids, int n)
{
    Buf b = BUF_INIT;
    for (int i = 0; i < n; i++)
        buf_printf(&b, "%s%lld", i ? "," : "", (long long)ids[i]);
    const char *out = arena_strdup(arena, b.data);
    buf_free(&b);
    return out;
}

/*
** Owners for the timeline, as people read them: "牵头单位：区财政局", "责任领导：张三、李四",
** "责任单位：（无）"; an id whose row is gone shows as #id.
*/
static const char *owner_text(Db *db, Arena *arena, const char *what, const int64_t *ids, int n,
                              bool units)
{
    Buf b = BUF_INIT;
    buf_printf(&b, "%s：", what);
    if (n == 0)
        buf_puts(&b, "（无）");
    for (int i = 0; i < n; i++) {
        Err ignored = ERR_INIT;
        Unit u;
        Person p;
        const char *name = NULL;
        if (units && unit_store_get(db, arena, ids[i], &u, &ignored) == 0)
            name = u.name;
        else if (!units && person_store_get(db, arena, ids[i], &p, &ignored) == 0)
            name = p.name;
        if (i)
            buf_puts(&b, "、");
        if (name)
            buf_puts(&b, name);
        else
            buf_printf(&b, "#%lld", (long long)ids[i]);
    }
    const char *out = arena_strdup(arena, b.data);
    buf_free(&b);
    return out;
}

static const char *day_text(Arena *arena, Day d, bool long_term)
{
    char iso[DATE_ISO_SIZE];
    if (d == DAY_NONE)
        return long_term ? "long_term" : "";
    return arena_printf(arena, "%s%s", date_format(d, iso), long_term ? "+long_term" : "");
}

static int measure_update_tx(Db *db, Arena *arena, void *ctx, Err *err)
{
    MeasureCtx *c = ctx;
    const Measure *m = c->m;
    Measure old;
    Inspection in;
    if (measure_store_get(db, arena, m->id, &old, err) < 0 ||
        inspection_store_get(db, arena, old.inspection_id, &in, err) < 0)
        return -1;
    if (old.withdrawn)
        return err_fail(err, ERR_CONFLICT, "measure %lld is withdrawn", (long long)m->id);
    if (old.version != c->version)
        return err_fail(err, ERR_CONFLICT, "measure %lld was changed by someone else",
                        (long long)m->id);
    bool deadline = old.deadline != m->deadline || old.long_term != m->long_term;
    bool lead = old.lead_unit_id != m->lead_unit_id;
    bool co = ids_differ(arena, old.co_unit_ids, old.n_co_units, m->co_unit_ids, m->n_co_units);
    bool leaders = ids_differ(arena, old.leader_ids, old.n_leaders, m->leader_ids, m->n_leaders);
    bool issued = in.plan_state == PLAN_ISSUED;
    if (issued && (deadline || lead || co || leaders) && (!c->reason || !*c->reason))
        return err_fail(err, ERR_INPUT,
                        "a change of the deadline or the owners of an issued plan needs a reason");
    Measure next = *m;
    next.inspection_id = old.inspection_id;
    if (edit_store_measure_update(db, &next, c->version, err) < 0)
        return -1;
    if (issued) {
        const char *why = c->reason;
        if ((deadline && plan_event(db, c->actor, &next, EVENT_DEADLINE_CHANGE,
                                    day_text(arena, old.deadline, old.long_term),
                                    day_text(arena, m->deadline, m->long_term), why, err) < 0) ||
            (lead && plan_event(db, c->actor, &next, EVENT_OWNER_CHANGE,
                                owner_text(db, arena, "牵头单位", &old.lead_unit_id,
                                           old.lead_unit_id ? 1 : 0, true),
                                owner_text(db, arena, "牵头单位", &m->lead_unit_id,
                                           m->lead_unit_id ? 1 : 0, true),
                                why, err) < 0) ||
            (co &&
             plan_event(db, c->actor, &next, EVENT_OWNER_CHANGE,
                        owner_text(db, arena, "责任单位", old.co_unit_ids, old.n_co_units, true),
                        owner_text(db, arena, "责任单位", m->co_unit_ids, m->n_co_units, true), why,
                        err) < 0) ||
            (leaders &&
             plan_event(db, c->actor, &next, EVENT_OWNER_CHANGE,
                        owner_text(db, arena, "责任领导", old.leader_ids, old.n_leaders, false),
                        owner_text(db, arena, "责任领导", m->leader_ids, m->n_leaders, false), why,
                        err) < 0))
            return -1;
    }
    Buf d = BUF_INIT;
    buf_puts(&d, m->title);
    if (deadline)
        buf_printf(&d, "; deadline %s -> %s", day_text(arena, old.deadline, old.long_term),
                   day_text(arena, m->deadline, m->long_term));
    if (lead)
        buf_printf(&d, "; lead unit %lld -> %lld", (long long)old.lead_unit_id,
                   (long long)m->lead_unit_id);
    if (co)
        buf_printf(&d, "; co-units %s -> %s", ids_text(arena, old.co_unit_ids, old.n_co_units),
                   ids_text(arena, m->co_unit_ids, m->n_co_units));
    if (leaders)
        buf_printf(&d, "; leaders %s -> %s", ids_text(arena, old.leader_ids, old.n_leaders),
                   ids_text(arena, m->leader_ids, m->n_leaders));
    if (c->reason && *c->reason)
        buf_printf(&d, "; reason: %s", c->reason);
    int rc = plan_audit(db, arena, c->actor, AUDIT_MEASURE_EDIT, "measure", m->id, d.data, err);
    buf_free(&d);
    return rc;
}

int plan_measure_update(Db *db, const Actor *actor, const Measure *m, int64_t version,
                        const char *reason, Err *err)
{
    MeasureCtx c = {.actor = actor, .m = (Measure *)m, .version = version, .reason = reason};
    return ledger_tx(db, measure_update_tx, &c, err);
}

/* Write ordinals 1..n and labels to the measures ms[0..n) in this order. */
static int renumber_measures(Db *db, Arena *arena, const Measure *ms, int n, Err *err)
{
    for (int k = 0; k < n; k++) {
        const char *label = plan_measure_label(arena, k + 1);
        if (ms[k].ordinal == k + 1 && strcmp(ms[k].label, label) == 0)
            continue;
        if (edit_store_measure_place(db, ms[k].id, ms[k].finding_id, k + 1, label, err) < 0)
            return -1;
    }
    return 0;
}

/* Renumber the measures still in force under finding_id (一是, 二是 … without a gap). */
static int renumber_finding(Db *db, Arena *arena, int64_t finding_id, Err *err)
{
    Measure *ms;
    int n;
    if (edit_store_measures_of(db, arena, finding_id, &ms, &n, err) < 0)
        return -1;
    return renumber_measures(db, arena, ms, n, err);
}

static int measure_move_tx(Db *db, Arena *arena, void *ctx, Err *err)
{
    MeasureCtx *c = ctx;
    Measure m;
    if (measure_store_get(db, arena, c->id, &m, err) < 0)
        return -1;
    Measure *ms;
    int n;
    if (edit_store_measures_of(db, arena, m.finding_id, &ms, &n, err) < 0)
        return -1;
    const char *detail;
    if (c->new_finding && c->new_finding != m.finding_id) {
        Finding f;
        if (finding_store_get(db, arena, c->new_finding, &f, err) < 0)
            return err->code == ERR_NOTFOUND
                       ? err_fail(err, ERR_INPUT, "no finding %lld", (long long)c->new_finding)
                       : -1;
        if (f.inspection_id != m.inspection_id)
            return err_fail(err, ERR_INPUT, "the finding belongs to another inspection");
        int ordinal;
        if (edit_store_measure_next(db, f.id, &ordinal, err) < 0 ||
            edit_store_measure_place(db, m.id, f.id, ordinal, plan_measure_label(arena, ordinal),
                                     err) < 0)
            return -1;
        int k = 0;
        for (int i = 0; i < n; i++)
            if (ms[i].id != m.id)
                ms[k++] = ms[i];
        if (renumber_measures(db, arena, ms, k, err) < 0)
            return -1;
        detail =
            arena_printf(arena, "finding %lld -> %lld", (long long)m.finding_id, (long long)f.id);
    } else {
        int k;
        for (k = 0; k < n && ms[k].id != m.id; k++)
            ;
        int other = k + (c->delta < 0 ? -1 : 1);
        if (c->delta == 0 || k == n || other < 0 || other >= n)
            return 0;
        Measure tmp = ms[k];
        ms[k] = ms[other];
        ms[other] = tmp;
        if (renumber_measures(db, arena, ms, n, err) < 0)
            return -1;
        detail = c->delta < 0 ? "up" : "down";
    }
    return plan_audit(db, arena, c->actor, AUDIT_MEASURE_MOVE, "measure", m.id, detail, err);
}

int plan_measure_move(Db *db, const Actor *actor, int64_t id, int64_t new_finding, int delta,
                      Err *err)
{
    MeasureCtx c = {.actor = actor, .id = id, .new_finding = new_finding, .delta = delta};
    return ledger_tx(db, measure_move_tx, &c, err);
}

/*
** Measure id into *m when its plan is issued (issued) or a draft (!issued); else ERR_CONFLICT
** with refusal. A measure of a draft plan is deleted, one of an issued plan withdrawn.
*/
static int measure_in_plan(Db *db, Arena *arena, int64_t id, bool issued, const char *refusal,
                           Measure *m, Err *err)
{
    Inspection in;
    if (measure_store_get(db, arena, id, m, err) < 0 ||
        inspection_store_get(db, arena, m->inspection_id, &in, err) < 0)
        return -1;
    if ((in.plan_state == PLAN_ISSUED) != issued)
        return err_fail(err, ERR_CONFLICT, "%s", refusal);
    return 0;
}

/*
** After measure m of c left the measures in force: the ones left under its finding close ranks
** (一是, 二是 … without a gap), and the action goes to the audit log with detail.
*/
static int close_ranks(Db *db, Arena *arena, const MeasureCtx *c, const Measure *m,
                       AuditAction action, const char *detail, Err *err)
{
    if (renumber_finding(db, arena, m->finding_id, err) < 0)
        return -1;
    return plan_audit(db, arena, c->actor, action, "measure", c->id, detail, err);
}

static int measure_delete_tx(Db *db, Arena *arena, void *ctx, Err *err)
{
    MeasureCtx *c = ctx;
    Measure m;
    const char *refusal = arena_printf(
        arena, "measure %lld belongs to an issued plan: withdraw it instead", (long long)c->id);
    if (measure_in_plan(db, arena, c->id, false, refusal, &m, err) < 0)
        return -1;
    if (edit_store_measure_delete(db, c->id, err) < 0)
        return -1;
    return close_ranks(db, arena, c, &m, AUDIT_MEASURE_DELETE, m.title, err);
}

int plan_measure_delete(Db *db, const Actor *actor, int64_t id, Err *err)
{
    MeasureCtx c = {.actor = actor, .id = id};
    return ledger_tx(db, measure_delete_tx, &c, err);
}

static int measure_withdraw_tx(Db *db, Arena *arena, void *ctx, Err *err)
{
    MeasureCtx *c = ctx;
    if (!c->reason || !*c->reason)
        return err_fail(err, ERR_INPUT, "withdrawing a measure needs a reason");
    if (strlen(c->reason) > PLAN_TEXT_MAX)
        return err_fail(err, ERR_TOO_LARGE, "the reason is too long");
    Measure m;
    if (measure_in_plan(db, arena, c->id, true,
                        "a measure of a draft plan is deleted, not withdrawn", &m, err) < 0)
        return -1;
    if (m.withdrawn)
        return err_fail(err, ERR_CONFLICT, "measure %lld is already withdrawn", (long long)c->id);
    if (edit_store_measure_withdraw(db, c->id, c->reason, c->version, err) < 0 ||
        plan_event(db, c->actor, &m, EVENT_WITHDRAW, NULL, NULL, c->reason, err) < 0)
        return -1;
    return close_ranks(db, arena, c, &m, AUDIT_MEASURE_WITHDRAW,
                       arena_printf(arena, "%s; reason: %s", m.title, c->reason), err);
}

int plan_measure_withdraw(Db *db, const Actor *actor, int64_t id, const char *reason,
                          int64_t version, Err *err)
{
    MeasureCtx c = {.actor = actor, .id = id, .reason = reason, .version = version};
    return ledger_tx(db, measure_withdraw_tx, &c, err);
}
