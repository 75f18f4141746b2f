/*
** apply.c: one workflow action, one transaction (apply.h).
*/
#include "apply.h"

#include "base/arena.h"
#include "db/activity_store.h"
#include "db/audit_store.h"
#include "db/inspection_store.h"
#include "db/measure_store.h"
#include "db/revisit_store.h"

Day ledger_add_months(Day day, int months)
{
    int y, m, d;
    date_to_ymd(day, &y, &m, &d);
    int k = (m - 1) + months;
    y += k / 12;
    m = k % 12 + 1;
    int last = date_days_in_month(y, m);
    return date_from_ymd(y, m, d < last ? d : last);
}

/* The review row an action leaves, if any. */
static int record_review(Db *db, const Measure *m, const Actor *actor, Action action,
                         const char *comment, Err *err)
{
    ReviewStage stage;
    ReviewDecision decision = DECISION_APPROVED;
    switch (action) {
    case ACTION_LEAD_APPROVE:
        stage = STAGE_LEAD_REVIEW;
        break;
    case ACTION_SIGN_OFF:
        stage = STAGE_LEADER_SIGNOFF;
        break;
    case ACTION_VERIFY:
        stage = STAGE_OFFICE_VERIFY;
        break;
    case ACTION_RETURN:
        stage = m->state == STATE_SUBMITTED && workflow_is_lead_unit(m, actor) ? STAGE_LEAD_REVIEW
                                                                               : STAGE_OFFICE_VERIFY;
        decision = DECISION_RETURNED;
        break;
    default:
        return 0;
    }
    return review_store_insert(db, m->id, stage, decision, comment, actor->user_id, err);
}

/*
** The measure and its inspection, as workflow_check reads them for action. Only the approvals
** of a close-out look at who took part in it (four eyes), and only a request to close at the
** reports' days (there must be one): for the other actions, progress reports above all, the
** measure's events and its report history are not read inside the write lock.
*/
static int load_for(Db *db, Arena *arena, int64_t measure_id, Action action, Measure *m,
                    Inspection *in, Err *err)
{
    unsigned parts = MEASURE_LOAD_OWNERS |
                     (action == ACTION_REQUEST_CLOSE ? (unsigned)MEASURE_LOAD_REPORTS : 0u);
    if (measure_store_get_parts(db, arena, measure_id, parts, m, err) < 0 ||
        inspection_store_get(db, arena, m->inspection_id, in, err) < 0)
        return -1;
    m->closeout_actor_ids = NULL;
    m->n_closeout_actors = 0;
    if (!workflow_four_eyes(action))
        return 0;
    return event_store_closeout_actors(db, arena, m->id, &m->closeout_actor_ids,
                                       &m->n_closeout_actors, err);
}

int ledger_apply_in(Db *db, Arena *arena, const Actor *actor, int64_t measure_id, Action action,
                    const char *comment, Day today, int64_t progress_id, ApplyResult *res,
                    Err *err)
{
    Measure m;
    Inspection in;
    if (load_for(db, arena, measure_id, action, &m, &in, err) < 0)
        return -1;
    MeasureState to;
    if (workflow_check(&m, actor, action, comment, in.require_signoff, &to, err) < 0)
        return -1;
    res->from = m.state;
    res->to = to;

    if (record_review(db, &m, actor, action, comment, err) < 0)
        return -1;
    Measure next = m;
    next.state = to;
    switch (action) {
    case ACTION_REPORT: {
        if (progress_id)
            break; /* the report was written as a draft and is being submitted */
        Progress p = {0};
        p.measure_id = m.id;
        p.unit_id = actor->unit_id;
        p.author_id = actor->user_id;
        p.body = comment;
        p.percent = m.percent;
        p.reported_on = today;
        /* The lead unit's (or the office's) own report needs nobody's acceptance. */
        p.state = workflow_is_co_unit(&m, actor) && !workflow_is_lead_unit(&m, actor)
                      ? PROGRESS_SUBMITTED
                      : PROGRESS_ACCEPTED;
        if (progress_store_insert(db, &p, err) < 0)
            return -1;
        break;
    }
    case ACTION_VERIFY: {
        int months;
        if (revisit_store_months(db, m.inspection_id, &months, err) < 0)
            return -1;
        next.closed_on = today;
        next.percent = 100;
        next.revisit_due = ledger_add_months(today, months);
        break;
    }
    case ACTION_RETURN:
        next.return_count++;
        break;
    case ACTION_RELAPSE:
        next.closed_on = DAY_NONE;
        next.revisit_due = DAY_NONE;
        break;
    case ACTION_WAIVE_EVIDENCE:
        if (measure_store_set_waiver(db, m.id, comment, err) < 0)
            return -1;
        break;
    default:
        break;
    }
    if (to != m.state && measure_store_update_state(db, &next, m.state, err) < 0)
        return -1;

    Event e = {0};
    e.measure_id = m.id;
    e.inspection_id = m.inspection_id;
    e.actor_id = actor->user_id;
    e.action = workflow_action_name(action);
    e.from_state = model_state_name(m.state);
    e.to_state = model_state_name(to);
    e.comment = comment;
    if (event_store_insert(db, &e, err) < 0)
        return -1;
    char object[32];
    snprintf(object, sizeof object, "measure:%lld", (long long)m.id);
    const char *detail = arena_printf(arena, "%s -> %s%s%s", e.from_state, e.to_state,
                                      comment ? ": " : "", comment ? comment : "");
    return audit_store_append(db, actor->login, AUDIT_OF_ACTION(action), object, detail, err);
}

int ledger_apply(Db *db, const Actor *actor, int64_t measure_id, Action action,
                 const char *comment, Day today, ApplyResult *res, Err *err)
{
    if (db_begin(db, err) < 0)
        return -1;
    Arena arena = ARENA_INIT;
    int rc = ledger_apply_in(db, &arena, actor, measure_id, action, comment, today, 0, res, err);
    rc = db_finish(db, rc, err);
    arena_free(&arena);
    return rc;
}
