/*
** oversight.c: supervision, instructions, revisits and spot checks, one transaction per action
** (followup.h).
*/
#include "followup.h"

#include "base/arena.h"
#include "base/hash.h"
#include "db/activity_store.h"
#include "db/measure_store.h"
#include "ledger/apply.h"

typedef struct Ctx {
    const Actor *actor;
    Supervision *sup;
    SpotCheck *spot;
    int64_t id;
    int64_t measure_id;
    LoopAction action;
    int result;
    const char *text;
    Day today;
    int64_t *out_id;
} Ctx;

static int issue_tx(Db *db, Arena *arena, void *p, Err *err)
{
    Ctx *c = p;
    Supervision *s = c->sup;
    Measure m;
    LoopSubject subj = {NULL, -1, 0, 0, false};
    if (s->measure_id) {
        if (measure_store_get(db, arena, s->measure_id, &m, err) < 0)
            return -1;
        subj.measure = &m;
        s->inspection_id = m.inspection_id;
        s->finding_id = 0;
        if (!s->unit_id)
            s->unit_id = m.lead_unit_id;
    } else if (s->finding_id) {
        int64_t lead = 0;
        if (supervision_store_problem(db, s->finding_id, c->actor->person_id, &s->inspection_id,
                                      &lead, &subj.leads, err) < 0)
            return -1;
        if (!s->unit_id)
            s->unit_id = lead;
    } else if (!s->unit_id || !s->inspection_id) {
        return err_fail(err, ERR_INPUT, "a supervision needs a measure, a problem or a unit");
    }
    if (loop_check(LOOP_SUPERVISION_ISSUE, &subj, c->actor, s->body, err) < 0)
        return -1;
    if (s->kind == SUPERVISION_WRITTEN && (s->respond_by == DAY_NONE || s->respond_by < c->today))
        return err_fail(err, ERR_INPUT, "a written supervision needs a response deadline from today on");
    if (s->kind == SUPERVISION_TALK && s->talk_on == DAY_NONE)
        return err_fail(err, ERR_INPUT, "a talk needs its date");
    if (!s->unit_id)
        return err_fail(err, ERR_INPUT, "the supervision has no unit to respond");
    s->issued_on = c->today;
    s->issued_by = c->actor->user_id;
    if (supervision_store_insert(db, s, err) < 0)
        return -1;
    return ledger_loop_record(db, c->actor, s->measure_id, s->inspection_id, LOOP_SUPERVISION_ISSUE,
                              arena_printf(arena, "supervision:%lld", (long long)s->id),
                              arena_printf(arena, "%s: %s", vocab_label(VOCAB_SUPERVISION_KIND, s->kind),
                                           s->body),
                              err);
}

int ledger_supervision_issue(Db *db, const Actor *actor, Supervision *s, Day today, Err *err)
{
    if ((unsigned)s->kind >= SUPERVISION__COUNT)
        return err_fail(err, ERR_INPUT, "unknown supervision kind");
    if (ledger_loop_text_ok(s->body, err) < 0)
        return -1;
    Ctx c = {.actor = actor, .sup = s, .today = today};
    return ledger_tx(db, issue_tx, &c, err);
}

static int act_tx(Db *db, Arena *arena, void *p, Err *err)
{
    Ctx *c = p;
    Supervision s;
    Measure m;
    if (supervision_store_get(db, arena, c->id, &s, err) < 0)
        return -1;
    LoopSubject subj = loop_subject_supervision(NULL, &s);
    if (ledger_loop_object(db, arena, c->action, s.measure_id, &subj, c->actor, c->text, &m,
                           err) < 0)
        return -1;
    int rc;
    switch (c->action) {
    case LOOP_SUPERVISION_RESPOND:
        rc = supervision_store_respond(db, s.id, c->actor->user_id, c->text, c->today, err);
        break;
    case LOOP_SUPERVISION_TALK:
        if (s.kind != SUPERVISION_TALK)
            return err_fail(err, ERR_CONFLICT, "supervision %lld is not a talk", (long long)s.id);
        rc = supervision_store_record_talk(db, s.id, c->text, err);
        break;
    case LOOP_SUPERVISION_LIFT:
        rc = supervision_store_lift(db, s.id, c->actor->user_id, c->text, c->today, err);
        break;
    default:
        return err_fail(err, ERR_INPUT, "not a supervision action");
    }
    if (rc < 0)
        return -1;
    return ledger_loop_record(db, c->actor, s.measure_id, s.inspection_id, c->action,
                              arena_printf(arena, "supervision:%lld", (long long)s.id), c->text,
                              err);
}

int ledger_supervision_act(Db *db, const Actor *actor, int64_t id, LoopAction action,
                           const char *text, Day today, Err *err)
{
    if (ledger_loop_text_ok(text, err) < 0)
        return -1;
    Ctx c = {.actor = actor, .id = id, .action = action, .text = text, .today = today};
    return ledger_tx(db, act_tx, &c, err);
}

static int give_tx(Db *db, Arena *arena, void *p, Err *err)
{
    Ctx *c = p;
    Measure m;
    if (ledger_loop_measure(db, arena, LOOP_INSTRUCTION_GIVE, c->measure_id, c->actor, c->text, &m, err) < 0)
        return -1;
    Instruction i = {0};
    i.measure_id = m.id;
    i.person_id = c->actor->person_id;
    i.given_on = c->today;
    i.body = c->text;
    if (instruction_store_insert(db, &i, c->actor->user_id, err) < 0)
        return -1;
    *c->out_id = i.id;
    return ledger_loop_record(db, c->actor, m.id, m.inspection_id, LOOP_INSTRUCTION_GIVE,
                              arena_printf(arena, "instruction:%lld", (long long)i.id), c->text,
                              err);
}

int ledger_instruction_give(Db *db, const Actor *actor, int64_t measure_id, const char *body,
                            Day today, int64_t *id, Err *err)
{
    if (ledger_loop_text_ok(body, err) < 0)
        return -1;
    Ctx c = {.actor = actor, .measure_id = measure_id, .text = body, .today = today, .out_id = id};
    return ledger_tx(db, give_tx, &c, err);
}

static int ack_tx(Db *db, Arena *arena, void *p, Err *err)
{
    Ctx *c = p;
    Instruction i;
    Measure m;
    if (instruction_store_get(db, arena, c->id, &i, err) < 0)
        return -1;
    if (!i.measure_id)
        return err_fail(err, ERR_CONFLICT, "instruction %lld is not on a measure", (long long)i.id);
    LoopSubject subj = loop_subject_instruction(NULL, &i);
    if (ledger_loop_object(db, arena, LOOP_INSTRUCTION_ACK, i.measure_id, &subj, c->actor, NULL, &m,
                           err) < 0 ||
        instruction_store_ack(db, i.id, c->actor->user_id, c->today, err) < 0)
        return -1;
    return ledger_loop_record(db, c->actor, m.id, m.inspection_id, LOOP_INSTRUCTION_ACK,
                              arena_printf(arena, "instruction:%lld", (long long)i.id), NULL, err);
}

int ledger_instruction_ack(Db *db, const Actor *actor, int64_t id, Day today, Err *err)
{
    Ctx c = {.actor = actor, .id = id, .today = today};
    return ledger_tx(db, ack_tx, &c, err);
}

static int revisit_tx(Db *db, Arena *arena, void *p, Err *err)
{
    Ctx *c = p;
    Measure m;
    if (ledger_loop_measure(db, arena, LOOP_REVISIT_RECORD, c->measure_id, c->actor, c->text, &m, err) < 0)
        return -1;
    RevisitResult result = (RevisitResult)c->result;
    if (result == REVISIT_RELAPSED && (!c->text || !*c->text))
        return err_fail(err, ERR_INPUT, "a relapse needs a reason");
    Revisit v = {0};
    v.measure_id = m.id;
    v.due_on = m.revisit_due;
    v.done_on = c->today;
    v.result = result;
    v.comment = c->text;
    if (revisit_store_insert(db, &v, c->actor->user_id, err) < 0)
        return -1;
    if (result == REVISIT_RELAPSED) {
        ApplyResult res;
        if (ledger_apply_in(db, arena, c->actor, m.id, ACTION_RELAPSE, c->text, c->today, 0, &res,
                            err) < 0)
            return -1;
    } else if (revisit_store_set_due(db, m.id, DAY_NONE, err) < 0) {
        return -1;
    }
    return ledger_loop_record(db, c->actor, m.id, m.inspection_id, LOOP_REVISIT_RECORD,
                              arena_printf(arena, "measure:%lld", (long long)m.id),
                              arena_printf(arena, "%s%s%s", vocab_label(VOCAB_REVISIT_RESULT, result),
                                           c->text && *c->text ? ": " : "", c->text ? c->text : ""),
                              err);
}

int ledger_revisit_record(Db *db, const Actor *actor, int64_t measure_id, RevisitResult result,
                          const char *comment, Day today, Err *err)
{
    if ((unsigned)result >= REVISIT__COUNT)
        return err_fail(err, ERR_INPUT, "unknown revisit finding");
    if (ledger_loop_text_ok(comment, err) < 0)
        return -1;
    Ctx c = {.actor = actor, .measure_id = measure_id, .result = (int)result, .text = comment,
             .today = today};
    return ledger_tx(db, revisit_tx, &c, err);
}

/* splitmix64: a small PRNG whose sequence a seed fixes on every platform. */
static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Draw k of ids[0..n) (partial Fisher–Yates on a copy) into out. */
static void draw(const int64_t *ids, int n, int k, uint64_t *state, int64_t *out)
{
    int64_t *pool = xmalloc((size_t)(n + 1) * sizeof *pool);
    memcpy(pool, ids, (size_t)n * sizeof *pool);
    for (int i = 0; i < k; i++) {
        int j = i + (int)(next_random(state) % (uint64_t)(n - i));
        int64_t t = pool[i];
        pool[i] = pool[j];
        pool[j] = t;
        out[i] = pool[i];
    }
    free(pool);
}

static int how_many(int n, int percent, int count)
{
    int k = percent ? (n * percent + 99) / 100 : count;
    return k < n ? k : n;
}

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

typedef struct UnitId {
    int64_t unit;
    int64_t id;
} UnitId;

static int cmp_unit_id(const void *a, const void *b)
{
    const UnitId *x = a, *y = b;
    if (x->unit != y->unit)
        return (x->unit > y->unit) - (x->unit < y->unit);
    return (x->id > y->id) - (x->id < y->id);
}

int ledger_spot_sample(const int64_t *ids, const int64_t *units, int n, int percent, int count,
                       bool per_unit, uint64_t seed, int64_t *out)
{
    uint64_t state = seed;
    int k = 0;
    if (!per_unit) {
        k = how_many(n, percent, count);
        draw(ids, n, k, &state, out);
    } else {
        UnitId *u = xmalloc((size_t)(n + 1) * sizeof *u);
        int64_t *group = xmalloc((size_t)(n + 1) * sizeof *group);
        for (int i = 0; i < n; i++)
            u[i] = (UnitId){units[i], ids[i]};
        qsort(u, (size_t)n, sizeof *u, cmp_unit_id);
        for (int i = 0; i < n;) {
            int j = i, g = 0;
            while (j < n && u[j].unit == u[i].unit)
                group[g++] = u[j++].id;
            int kk = how_many(g, percent, count);
            draw(group, g, kk, &state, out + k);
            k += kk;
            i = j;
        }
        free(group);
        free(u);
    }
    qsort(out, (size_t)k, sizeof *out, cmp_id);
    return k;
}

static int spot_draw_tx(Db *db, Arena *arena, void *p, Err *err)
{
    Ctx *c = p;
    SpotCheck *s = c->spot;
    LoopSubject subj = {NULL, -1, 0, 0, false};
    if (loop_check(LOOP_SPOT_DRAW, &subj, c->actor, NULL, err) < 0)
        return -1;
    int64_t *ids, *units;
    int n;
    if (spot_store_population(db, arena, s->inspection_id, &ids, &units, &n, err) < 0)
        return -1;
    if (n == 0)
        return err_fail(err, ERR_CONFLICT, "inspection %lld has no closed measure to check",
                        (long long)s->inspection_id);
    int64_t *out = ARENA_ARRAY(arena, int64_t, n + 1);
    int k = ledger_spot_sample(ids, units, n, s->percent, s->count, s->per_unit,
                               (uint64_t)s->seed, out);
    s->population = n;
    s->n_items = k;
    s->drawn_on = c->today;
    if (spot_store_insert(db, s, c->actor->user_id, out, k, err) < 0)
        return -1;
    return ledger_loop_record(db, c->actor, 0, s->inspection_id, LOOP_SPOT_DRAW,
                              arena_printf(arena, "spot_check:%lld", (long long)s->id),
                              arena_printf(arena, "seed %lld: %d of %d closed measures",
                                           (long long)s->seed, k, n),
                              err);
}

int ledger_spot_draw(Db *db, const Actor *actor, SpotCheck *c, Day today, Err *err)
{
    if ((c->percent != 0) == (c->count != 0))
        return err_fail(err, ERR_INPUT, "give either a percentage or a count");
    if (c->percent < 0 || c->percent > 100 || c->count < 0 || c->count > 100000)
        return err_fail(err, ERR_INPUT, "percentage or count out of range");
    if (c->seed == 0) {
        /* A fresh seed, recorded with the sample so that anyone can draw it again. */
        char hex[17];
        hash_random_hex(hex, 8);
        c->seed = (int64_t)(strtoull(hex, NULL, 16) >> 1);
    }
    Ctx x = {.actor = actor, .spot = c, .today = today};
    return ledger_tx(db, spot_draw_tx, &x, err);
}

static int spot_record_tx(Db *db, Arena *arena, void *p, Err *err)
{
    Ctx *c = p;
    Measure m;
    SpotItem *items;
    int n;
    if (spot_store_items(db, arena, c->id, &items, &n, err) < 0 ||
        measure_store_get(db, arena, c->measure_id, &m, err) < 0)
        return -1;
    const SpotItem *it = NULL;
    for (int i = 0; i < n; i++)
        if (items[i].measure_id == c->measure_id)
            it = &items[i];
    if (!it)
        return err_fail(err, ERR_NOTFOUND, "measure %lld was not drawn in spot check %lld",
                        (long long)c->measure_id, (long long)c->id);
    LoopSubject subj = {&m, it->result < 0 ? 0 : 1, 0, 0, false};
    if (loop_check(LOOP_SPOT_RECORD, &subj, c->actor, c->text, err) < 0)
        return -1;
    SpotCheckResult result = (SpotCheckResult)c->result;
    if (result == SPOT_FAILED && (!c->text || !*c->text))
        return err_fail(err, ERR_INPUT, "a failed check needs its finding");
    if (spot_store_record(db, c->id, m.id, result, c->text, c->actor->user_id, c->today, err) < 0)
        return -1;
    if (result == SPOT_FAILED) {
        /* Reopened as a reviewer's return: the unit reports again and asks again. */
        Measure next = m;
        next.state = STATE_RETURNED;
        next.return_count++;
        next.closed_on = DAY_NONE;
        next.revisit_due = DAY_NONE;
        if (measure_store_update_state(db, &next, m.state, err) < 0)
            return -1;
        Event e = {0};
        e.measure_id = m.id;
        e.inspection_id = m.inspection_id;
        e.actor_id = c->actor->user_id;
        e.action = loop_action_name(LOOP_SPOT_RECORD);
        e.from_state = model_state_name(m.state);
        e.to_state = model_state_name(STATE_RETURNED);
        e.comment = c->text;
        if (event_store_insert(db, &e, err) < 0)
            return -1;
    }
    return ledger_loop_record(db, c->actor, result == SPOT_FAILED ? 0 : m.id, m.inspection_id,
                              LOOP_SPOT_RECORD,
                              arena_printf(arena, "spot_check:%lld", (long long)c->id),
                              arena_printf(arena, "measure %lld %s%s%s", (long long)m.id,
                                           vocab_name(VOCAB_SPOT_CHECK_RESULT, result), c->text ? ": " : "",
                                           c->text ? c->text : ""),
                              err);
}

int ledger_spot_record(Db *db, const Actor *actor, int64_t check_id, int64_t measure_id,
                       SpotCheckResult result, const char *comment, Day today, Err *err)
{
    if ((unsigned)result >= SPOT__COUNT)
        return err_fail(err, ERR_INPUT, "unknown spot-check finding");
    if (ledger_loop_text_ok(comment, err) < 0)
        return -1;
    Ctx c = {.actor = actor, .id = check_id, .measure_id = measure_id, .result = (int)result,
             .text = comment, .today = today};
    return ledger_tx(db, spot_record_tx, &c, err);
}
