/*
** workflow.c: the transition table of the measure state machine (workflow.h).
**
**   not_started ─report─▶ in_progress ─request_close─▶ submitted ─lead_approve─▶ lead_approved
**   lead_approved ─sign_off─▶ signed_off (when the inspection wants a leader's sign-off)
**   lead_approved | signed_off ─verify─▶ closed (phase_complete for a long-term measure)
**   submitted | lead_approved | signed_off ─return─▶ returned ─report─▶ in_progress
**   closed | phase_complete ─relapse─▶ relapsed ─report─▶ in_progress
*/
#include "workflow.h"

#define S(x) (1u << STATE_##x)

enum {
    WHO_OFFICE = 1,    /* a user with the office role */
    WHO_LEAD_UNIT = 2, /* a unit user of the measure's lead unit */
    WHO_CO_UNIT = 4,   /* a unit user of one of its co-units */
    WHO_LEADER = 8,    /* a leader user who leads this measure */
};

typedef struct Rule {
    Action action;        /* the action */
    unsigned from;        /* states it applies to, S() bits */
    unsigned who;         /* WHO_* allowed */
    bool needs_comment;   /* a reason (or the progress text) is required */
    MeasureState to;      /* the state after */
} Rule;

static const Rule rules[] = {
    {ACTION_REPORT, S(NOT_STARTED) | S(IN_PROGRESS) | S(RETURNED) | S(RELAPSED) | S(PHASE_COMPLETE),
     WHO_LEAD_UNIT | WHO_CO_UNIT | WHO_OFFICE, true, STATE_IN_PROGRESS},
    {ACTION_REQUEST_CLOSE, S(IN_PROGRESS), WHO_LEAD_UNIT | WHO_OFFICE, false, STATE_SUBMITTED},
    {ACTION_LEAD_APPROVE, S(SUBMITTED), WHO_LEAD_UNIT, false, STATE_LEAD_APPROVED},
    {ACTION_SIGN_OFF, S(LEAD_APPROVED), WHO_LEADER, false, STATE_SIGNED_OFF},
    {ACTION_VERIFY, S(LEAD_APPROVED) | S(SIGNED_OFF), WHO_OFFICE, false, STATE_CLOSED},
    {ACTION_RETURN, S(SUBMITTED) | S(LEAD_APPROVED) | S(SIGNED_OFF), WHO_LEAD_UNIT | WHO_OFFICE, true,
     STATE_RETURNED},
    {ACTION_RELAPSE, S(CLOSED) | S(PHASE_COMPLETE), WHO_OFFICE, true, STATE_RELAPSED},
    {ACTION_WAIVE_EVIDENCE, S(NOT_STARTED) | S(IN_PROGRESS) | S(RETURNED) | S(RELAPSED), WHO_OFFICE,
     true, STATE_NOT_STARTED /* unchanged; see workflow_check */},
};

_Static_assert(ARRAY_SIZE(rules) == ACTION__COUNT, "one rule per action");

static const Rule *rule_of(Action a)
{
    if ((unsigned)a >= ACTION__COUNT || rules[a].action != a)
        BUG("rules table out of order at action %d", (int)a);
    return &rules[a];
}

const char *workflow_action_name(Action a)
{
    return vocab_name(VOCAB_ACTION, (int)rule_of(a)->action);
}

const char *workflow_action_label(Action a)
{
    return vocab_label(VOCAB_ACTION, (int)rule_of(a)->action);
}

unsigned workflow_action_from(Action a)
{
    return rule_of(a)->from;
}

MeasureState workflow_action_to(Action a)
{
    return rule_of(a)->to;
}

const char *workflow_action_who_label(Action a)
{
    switch (rule_of(a)->who) {
    case WHO_OFFICE:
        return "巡改办";
    case WHO_LEAD_UNIT:
        return "牵头单位（无牵头单位时由巡改办）";
    case WHO_LEADER:
        return "该措施的责任领导";
    case WHO_LEAD_UNIT | WHO_OFFICE:
        return "牵头单位或巡改办";
    default:
        return "牵头单位、责任单位或巡改办";
    }
}

int workflow_action_parse(const char *s)
{
    return vocab_parse(VOCAB_ACTION, s);
}

Actor workflow_actor(const User *u)
{
    return (Actor){u->id, u->login, u->roles, u->unit_id, u->person_id};
}

bool workflow_is_lead_unit(const Measure *m, const Actor *a)
{
    return (a->roles & ROLE_BIT(ROLE_UNIT)) && a->unit_id && a->unit_id == m->lead_unit_id;
}

/* True when id (not 0) is one of ids[0..n). */
static bool among(int64_t id, const int64_t *ids, int n)
{
    for (int i = 0; id && i < n; i++)
        if (ids[i] == id)
            return true;
    return false;
}

bool workflow_is_co_unit(const Measure *m, const Actor *a)
{
    return (a->roles & ROLE_BIT(ROLE_UNIT)) && among(a->unit_id, m->co_unit_ids, m->n_co_units);
}

bool workflow_is_leader(const Measure *m, const Actor *a)
{
    return (a->roles & ROLE_BIT(ROLE_LEADER)) && among(a->person_id, m->leader_ids, m->n_leaders);
}

static unsigned who_of(const Measure *m, const Actor *a)
{
    unsigned who = 0;
    if (a->roles & ROLE_BIT(ROLE_OFFICE))
        who |= WHO_OFFICE;
    if (workflow_is_lead_unit(m, a))
        who |= WHO_LEAD_UNIT;
    if (workflow_is_co_unit(m, a))
        who |= WHO_CO_UNIT;
    if (workflow_is_leader(m, a))
        who |= WHO_LEADER;
    return who;
}

static const char *who_text(unsigned who)
{
    switch (who) {
    case WHO_OFFICE:
        return "the office";
    case WHO_LEAD_UNIT:
        return "the lead unit";
    case WHO_LEADER:
        return "a leader of the measure";
    case WHO_LEAD_UNIT | WHO_OFFICE:
        return "the lead unit or the office";
    default:
        return "the lead unit, a co-unit or the office";
    }
}

/*
** Four eyes on close-out: whoever requested it, or approved it at an earlier stage, may not
** approve it again. A lead unit's liaison who submits needs a colleague (its head) to approve;
** the same holds at the leader's and the office's stage. System actions (user id 0) are exempt.
*/
bool workflow_four_eyes(Action action)
{
    return action == ACTION_LEAD_APPROVE || action == ACTION_SIGN_OFF || action == ACTION_VERIFY;
}

static int check_four_eyes(const Measure *m, const Actor *actor, Action action, Err *err)
{
    if (!actor->user_id || !workflow_four_eyes(action))
        return 0;
    for (int i = 0; i < m->n_closeout_actors; i++)
        if (m->closeout_actor_ids[i] == actor->user_id)
            return err_failm(err, ERR_FORBIDDEN,
                             i == 0 ? MSG_FOUR_EYES_SUBMITTER : MSG_FOUR_EYES_APPROVER,
                             i == 0 ? "user '%s' requested the close-out of measure %lld and may "
                                      "not approve it: another user must (four eyes)"
                                    : "user '%s' already approved the close-out of measure %lld "
                                      "at an earlier stage: another user must (four eyes)",
                             actor->login, (long long)m->id);
    return 0;
}

int workflow_check(const Measure *m, const Actor *actor, Action action, const char *comment,
                   bool require_signoff, MeasureState *to, Err *err)
{
    const Rule *r = rule_of(action);
    const char *name = workflow_action_name(action);
    long long id = (long long)m->id;
    unsigned who = who_of(m, actor);
    unsigned allowed = r->who;
    /* A measure without a lead unit is reviewed by the office instead. */
    if (action == ACTION_LEAD_APPROVE && !m->lead_unit_id)
        allowed |= WHO_OFFICE;
    if (!(who & allowed))
        return err_failm(err, ERR_FORBIDDEN, MSG_ACTION_FORBIDDEN,
                         "user '%s' may not %s measure %lld (only %s may)", actor->login, name, id,
                         who_text(r->who));
    if (!(r->from & (1u << m->state)))
        return err_failm(err, ERR_CONFLICT, MSG_ACTION_STATE, "cannot %s measure %lld: it is %s",
                         name, id, model_state_name(m->state));
    if (check_four_eyes(m, actor, action, err) < 0)
        return -1;
    if (r->needs_comment && (!comment || !*comment))
        return err_failm(err, ERR_INPUT,
                         action == ACTION_REPORT ? MSG_ACTION_NEEDS_TEXT : MSG_ACTION_NEEDS_REASON,
                         "%s needs %s (--comment)", name,
                         action == ACTION_REPORT ? "the progress text" : "a reason");

    MeasureState next = r->to;
    switch (action) {
    case ACTION_REPORT:
        if (m->state == STATE_PHASE_COMPLETE)
            next = STATE_PHASE_COMPLETE;
        break;
    case ACTION_REQUEST_CLOSE:
        if (m->n_reports == 0)
            return err_failm(err, ERR_INPUT, MSG_CLOSE_NO_REPORT,
                             "cannot request_close measure %lld: no progress report yet", id);
        if (m->n_evidence == 0 && !m->evidence_waived)
            return err_failm(err, ERR_INPUT, MSG_CLOSE_NO_EVIDENCE,
                             "cannot request_close measure %lld: no evidence file and no waiver",
                             id);
        break;
    case ACTION_SIGN_OFF:
        if (!require_signoff)
            return err_failm(err, ERR_CONFLICT, MSG_SIGNOFF_NOT_REQUIRED,
                             "cannot sign_off measure %lld: this inspection has no leader sign-off",
                             id);
        break;
    case ACTION_VERIFY:
        if (require_signoff && m->state != STATE_SIGNED_OFF)
            return err_failm(err, ERR_CONFLICT, MSG_SIGNOFF_FIRST,
                             "cannot verify measure %lld: it needs a leader's sign-off first", id);
        if (m->onsite_required && !m->onsite_passed)
            return err_failm(err, ERR_INPUT, MSG_ONSITE_PENDING,
                             "cannot verify measure %lld: the on-site check has not passed", id);
        if (m->long_term || m->kind == KIND_LONG_TERM)
            next = STATE_PHASE_COMPLETE;
        break;
    case ACTION_RETURN:
        /* A lead unit returns what was submitted to it; later stages belong to the office. */
        if (m->state != STATE_SUBMITTED && !(who & WHO_OFFICE))
            return err_failm(err, ERR_FORBIDDEN, MSG_RETURN_AFTER_LEAD,
                             "user '%s' may not return measure %lld once the lead unit approved it",
                             actor->login, id);
        break;
    case ACTION_WAIVE_EVIDENCE:
        next = m->state;
        break;
    default:
        break;
    }
    *to = next;
    return 0;
}
