/*
** test_workflow.c: every transition of the measure state machine, allowed and refused, from a
** table: state × action × actor × preconditions → the state after or the error.
*/
#include "testutil.h"

#include "ledger/workflow.h"

enum { LEAD = 11, CO = 12, OTHER = 13 }; /* unit ids */
enum { LEADER = 21, OTHER_LEADER = 22 }; /* person ids */

typedef enum Who { OFFICE, LEAD_UNIT, CO_UNIT, OTHER_UNIT, THE_LEADER, ANOTHER_LEADER, OBSERVER } Who;

typedef struct Case {
    MeasureState from;
    Action action;
    Who who;
    const char *comment;
    int reports;       /* progress reports on file */
    int evidence;      /* evidence files */
    unsigned flags;    /* F_* */
    int expect;        /* a MeasureState when allowed, else -ErrCode */
} Case;

enum { F_WAIVED = 1, F_SIGNOFF = 2, F_LONG_TERM = 4, F_ONSITE = 8, F_ONSITE_OK = 16, F_NO_LEAD = 32,
       F_I_SUBMITTED = 64, /* the acting user (id 1) requested the close-out */
       F_I_APPROVED = 128, /* another user (id 2) requested it, the acting user approved it */
       F_OTHER_SUBMITTED = 256 /* another user (id 2) requested it */ };

#define OK(s) STATE_##s
#define NO(e) (-(ERR_##e))

static const Case cases[] = {
    /* report: from every open state, by the lead unit, a co-unit or the office; text required */
    {STATE_NOT_STARTED, ACTION_REPORT, LEAD_UNIT, "进展", 0, 0, 0, OK(IN_PROGRESS)},
    {STATE_NOT_STARTED, ACTION_REPORT, CO_UNIT, "进展", 0, 0, 0, OK(IN_PROGRESS)},
    {STATE_NOT_STARTED, ACTION_REPORT, OFFICE, "进展", 0, 0, 0, OK(IN_PROGRESS)},
    {STATE_IN_PROGRESS, ACTION_REPORT, LEAD_UNIT, "进展", 1, 0, 0, OK(IN_PROGRESS)},
    {STATE_RETURNED, ACTION_REPORT, LEAD_UNIT, "补充材料", 1, 0, 0, OK(IN_PROGRESS)},
    {STATE_RELAPSED, ACTION_REPORT, LEAD_UNIT, "再次整改", 1, 0, 0, OK(IN_PROGRESS)},
    {STATE_PHASE_COMPLETE, ACTION_REPORT, LEAD_UNIT, "持续推进", 1, 1, F_LONG_TERM, OK(PHASE_COMPLETE)},
    {STATE_IN_PROGRESS, ACTION_REPORT, OTHER_UNIT, "进展", 1, 0, 0, NO(FORBIDDEN)},
    {STATE_IN_PROGRESS, ACTION_REPORT, THE_LEADER, "进展", 1, 0, 0, NO(FORBIDDEN)},
    {STATE_IN_PROGRESS, ACTION_REPORT, OBSERVER, "进展", 1, 0, 0, NO(FORBIDDEN)},
    {STATE_IN_PROGRESS, ACTION_REPORT, LEAD_UNIT, "", 1, 0, 0, NO(INPUT)},
    {STATE_IN_PROGRESS, ACTION_REPORT, LEAD_UNIT, NULL, 1, 0, 0, NO(INPUT)},
    {STATE_SUBMITTED, ACTION_REPORT, LEAD_UNIT, "进展", 1, 1, 0, NO(CONFLICT)},
    {STATE_LEAD_APPROVED, ACTION_REPORT, LEAD_UNIT, "进展", 1, 1, 0, NO(CONFLICT)},
    {STATE_CLOSED, ACTION_REPORT, LEAD_UNIT, "进展", 1, 1, 0, NO(CONFLICT)},

    /* request_close: from in_progress; a report and evidence (or a waiver) needed */
    {STATE_IN_PROGRESS, ACTION_REQUEST_CLOSE, LEAD_UNIT, NULL, 1, 1, 0, OK(SUBMITTED)},
    {STATE_IN_PROGRESS, ACTION_REQUEST_CLOSE, OFFICE, NULL, 1, 1, 0, OK(SUBMITTED)},
    {STATE_IN_PROGRESS, ACTION_REQUEST_CLOSE, LEAD_UNIT, NULL, 1, 0, F_WAIVED, OK(SUBMITTED)},
    {STATE_IN_PROGRESS, ACTION_REQUEST_CLOSE, LEAD_UNIT, NULL, 0, 1, 0, NO(INPUT)},
    {STATE_IN_PROGRESS, ACTION_REQUEST_CLOSE, LEAD_UNIT, NULL, 1, 0, 0, NO(INPUT)},
    {STATE_IN_PROGRESS, ACTION_REQUEST_CLOSE, CO_UNIT, NULL, 1, 1, 0, NO(FORBIDDEN)},
    {STATE_NOT_STARTED, ACTION_REQUEST_CLOSE, LEAD_UNIT, NULL, 1, 1, 0, NO(CONFLICT)},
    {STATE_RETURNED, ACTION_REQUEST_CLOSE, LEAD_UNIT, NULL, 1, 1, 0, NO(CONFLICT)},
    {STATE_SUBMITTED, ACTION_REQUEST_CLOSE, LEAD_UNIT, NULL, 1, 1, 0, NO(CONFLICT)},

    /* lead_approve: the lead unit approves a submission; the office only without a lead unit */
    {STATE_SUBMITTED, ACTION_LEAD_APPROVE, LEAD_UNIT, NULL, 1, 1, 0, OK(LEAD_APPROVED)},
    {STATE_SUBMITTED, ACTION_LEAD_APPROVE, OFFICE, NULL, 1, 1, 0, NO(FORBIDDEN)},
    {STATE_SUBMITTED, ACTION_LEAD_APPROVE, OFFICE, NULL, 1, 1, F_NO_LEAD, OK(LEAD_APPROVED)},
    {STATE_SUBMITTED, ACTION_LEAD_APPROVE, CO_UNIT, NULL, 1, 1, 0, NO(FORBIDDEN)},
    {STATE_IN_PROGRESS, ACTION_LEAD_APPROVE, LEAD_UNIT, NULL, 1, 1, 0, NO(CONFLICT)},
    /* four eyes: who requested the close-out, or approved it before, never approves it */
    {STATE_SUBMITTED, ACTION_LEAD_APPROVE, LEAD_UNIT, NULL, 1, 1, F_I_SUBMITTED, NO(FORBIDDEN)},
    {STATE_SUBMITTED, ACTION_LEAD_APPROVE, LEAD_UNIT, NULL, 1, 1, F_OTHER_SUBMITTED,
     OK(LEAD_APPROVED)},
    {STATE_SUBMITTED, ACTION_LEAD_APPROVE, OFFICE, NULL, 1, 1, F_NO_LEAD | F_I_SUBMITTED,
     NO(FORBIDDEN)},
    {STATE_LEAD_APPROVED, ACTION_SIGN_OFF, THE_LEADER, NULL, 1, 1, F_SIGNOFF | F_I_APPROVED,
     NO(FORBIDDEN)},
    {STATE_LEAD_APPROVED, ACTION_SIGN_OFF, THE_LEADER, NULL, 1, 1, F_SIGNOFF | F_OTHER_SUBMITTED,
     OK(SIGNED_OFF)},
    {STATE_LEAD_APPROVED, ACTION_VERIFY, OFFICE, NULL, 1, 1, F_I_SUBMITTED, NO(FORBIDDEN)},
    {STATE_SIGNED_OFF, ACTION_VERIFY, OFFICE, NULL, 1, 1, F_SIGNOFF | F_I_APPROVED, NO(FORBIDDEN)},
    {STATE_LEAD_APPROVED, ACTION_VERIFY, OFFICE, NULL, 1, 1, F_OTHER_SUBMITTED, OK(CLOSED)},
    /* ... but may withdraw it: a return is not an approval */
    {STATE_SUBMITTED, ACTION_RETURN, LEAD_UNIT, "撤回", 1, 1, F_I_SUBMITTED, OK(RETURNED)},

    /* sign_off: a leader of the measure, only when the inspection asks for it */
    {STATE_LEAD_APPROVED, ACTION_SIGN_OFF, THE_LEADER, NULL, 1, 1, F_SIGNOFF, OK(SIGNED_OFF)},
    {STATE_LEAD_APPROVED, ACTION_SIGN_OFF, THE_LEADER, NULL, 1, 1, 0, NO(CONFLICT)},
    {STATE_LEAD_APPROVED, ACTION_SIGN_OFF, ANOTHER_LEADER, NULL, 1, 1, F_SIGNOFF, NO(FORBIDDEN)},
    {STATE_LEAD_APPROVED, ACTION_SIGN_OFF, OFFICE, NULL, 1, 1, F_SIGNOFF, NO(FORBIDDEN)},
    {STATE_SUBMITTED, ACTION_SIGN_OFF, THE_LEADER, NULL, 1, 1, F_SIGNOFF, NO(CONFLICT)},

    /* verify: the office closes; long-term measures complete their phase */
    {STATE_LEAD_APPROVED, ACTION_VERIFY, OFFICE, NULL, 1, 1, 0, OK(CLOSED)},
    {STATE_LEAD_APPROVED, ACTION_VERIFY, OFFICE, NULL, 1, 1, F_LONG_TERM, OK(PHASE_COMPLETE)},
    {STATE_SIGNED_OFF, ACTION_VERIFY, OFFICE, NULL, 1, 1, F_SIGNOFF, OK(CLOSED)},
    {STATE_LEAD_APPROVED, ACTION_VERIFY, OFFICE, NULL, 1, 1, F_SIGNOFF, NO(CONFLICT)},
    {STATE_LEAD_APPROVED, ACTION_VERIFY, OFFICE, NULL, 1, 1, F_ONSITE, NO(INPUT)},
    {STATE_LEAD_APPROVED, ACTION_VERIFY, OFFICE, NULL, 1, 1, F_ONSITE | F_ONSITE_OK, OK(CLOSED)},
    {STATE_LEAD_APPROVED, ACTION_VERIFY, LEAD_UNIT, NULL, 1, 1, 0, NO(FORBIDDEN)},
    {STATE_LEAD_APPROVED, ACTION_VERIFY, THE_LEADER, NULL, 1, 1, 0, NO(FORBIDDEN)},
    {STATE_SUBMITTED, ACTION_VERIFY, OFFICE, NULL, 1, 1, 0, NO(CONFLICT)},
    {STATE_IN_PROGRESS, ACTION_VERIFY, OFFICE, NULL, 1, 1, 0, NO(CONFLICT)},
    {STATE_CLOSED, ACTION_VERIFY, OFFICE, NULL, 1, 1, 0, NO(CONFLICT)},

    /* return: with a reason; the lead unit only before it approved */
    {STATE_SUBMITTED, ACTION_RETURN, LEAD_UNIT, "材料不全", 1, 1, 0, OK(RETURNED)},
    {STATE_SUBMITTED, ACTION_RETURN, OFFICE, "材料不全", 1, 1, 0, OK(RETURNED)},
    {STATE_LEAD_APPROVED, ACTION_RETURN, OFFICE, "未达到目标", 1, 1, 0, OK(RETURNED)},
    {STATE_SIGNED_OFF, ACTION_RETURN, OFFICE, "未达到目标", 1, 1, F_SIGNOFF, OK(RETURNED)},
    {STATE_LEAD_APPROVED, ACTION_RETURN, LEAD_UNIT, "撤回", 1, 1, 0, NO(FORBIDDEN)},
    {STATE_SUBMITTED, ACTION_RETURN, OFFICE, "", 1, 1, 0, NO(INPUT)},
    {STATE_SUBMITTED, ACTION_RETURN, CO_UNIT, "材料不全", 1, 1, 0, NO(FORBIDDEN)},
    {STATE_IN_PROGRESS, ACTION_RETURN, OFFICE, "材料不全", 1, 1, 0, NO(CONFLICT)},
    {STATE_CLOSED, ACTION_RETURN, OFFICE, "材料不全", 1, 1, 0, NO(CONFLICT)},

    /* relapse: the office, after close-out, with a reason */
    {STATE_CLOSED, ACTION_RELAPSE, OFFICE, "回头看发现反弹", 1, 1, 0, OK(RELAPSED)},
    {STATE_PHASE_COMPLETE, ACTION_RELAPSE, OFFICE, "回头看发现反弹", 1, 1, F_LONG_TERM, OK(RELAPSED)},
    {STATE_CLOSED, ACTION_RELAPSE, OFFICE, NULL, 1, 1, 0, NO(INPUT)},
    {STATE_CLOSED, ACTION_RELAPSE, LEAD_UNIT, "反弹", 1, 1, 0, NO(FORBIDDEN)},
    {STATE_IN_PROGRESS, ACTION_RELAPSE, OFFICE, "反弹", 1, 1, 0, NO(CONFLICT)},

    /* waive_evidence: the office, with a reason, before submission; the state stays */
    {STATE_IN_PROGRESS, ACTION_WAIVE_EVIDENCE, OFFICE, "涉密材料不宜上传", 1, 0, 0, OK(IN_PROGRESS)},
    {STATE_NOT_STARTED, ACTION_WAIVE_EVIDENCE, OFFICE, "涉密材料不宜上传", 0, 0, 0, OK(NOT_STARTED)},
    {STATE_IN_PROGRESS, ACTION_WAIVE_EVIDENCE, OFFICE, "", 1, 0, 0, NO(INPUT)},
    {STATE_IN_PROGRESS, ACTION_WAIVE_EVIDENCE, LEAD_UNIT, "理由", 1, 0, 0, NO(FORBIDDEN)},
    {STATE_SUBMITTED, ACTION_WAIVE_EVIDENCE, OFFICE, "理由", 1, 0, 0, NO(CONFLICT)},
};

static Actor actor_of(Who who)
{
    Actor a = {1, "tester", 0, 0, 0};
    switch (who) {
    case OFFICE:
        a.roles = ROLE_BIT(ROLE_OFFICE);
        break;
    case LEAD_UNIT:
        a.roles = ROLE_BIT(ROLE_UNIT);
        a.unit_id = LEAD;
        break;
    case CO_UNIT:
        a.roles = ROLE_BIT(ROLE_UNIT);
        a.unit_id = CO;
        break;
    case OTHER_UNIT:
        a.roles = ROLE_BIT(ROLE_UNIT);
        a.unit_id = OTHER;
        break;
    case THE_LEADER:
        a.roles = ROLE_BIT(ROLE_LEADER);
        a.person_id = LEADER;
        break;
    case ANOTHER_LEADER:
        a.roles = ROLE_BIT(ROLE_LEADER);
        a.person_id = OTHER_LEADER;
        break;
    case OBSERVER:
        a.roles = ROLE_BIT(ROLE_OBSERVER);
        break;
    }
    return a;
}

static void test_table(void **state)
{
    (void)state;
    int64_t co[] = {CO}, leaders[] = {LEADER};
    Day days[] = {100};
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        const Case *c = &cases[i];
        Measure m;
        memset(&m, 0, sizeof m);
        m.id = 7;
        m.state = c->from;
        m.kind = c->flags & F_LONG_TERM ? KIND_LONG_TERM : KIND_DATED;
        m.long_term = c->flags & F_LONG_TERM;
        m.lead_unit_id = c->flags & F_NO_LEAD ? 0 : LEAD;
        m.co_unit_ids = co;
        m.n_co_units = 1;
        m.leader_ids = leaders;
        m.n_leaders = 1;
        m.report_days = days;
        m.n_reports = c->reports;
        m.n_evidence = c->evidence;
        m.evidence_waived = c->flags & F_WAIVED ? "理由" : NULL;
        m.onsite_required = c->flags & F_ONSITE;
        m.onsite_passed = c->flags & F_ONSITE_OK;
        int64_t mine[] = {1}, approved[] = {2, 1}, other[] = {2};
        if (c->flags & F_I_SUBMITTED) {
            m.closeout_actor_ids = mine;
            m.n_closeout_actors = 1;
        } else if (c->flags & F_I_APPROVED) {
            m.closeout_actor_ids = approved;
            m.n_closeout_actors = 2;
        } else if (c->flags & F_OTHER_SUBMITTED) {
            m.closeout_actor_ids = other;
            m.n_closeout_actors = 1;
        }
        Actor a = actor_of(c->who);
        Err err = ERR_INIT;
        MeasureState to = STATE__COUNT;
        int rc = workflow_check(&m, &a, c->action, c->comment, c->flags & F_SIGNOFF, &to, &err);
        int got = rc == 0 ? (int)to : -(int)err.code;
        if (got != c->expect)
            fail_msg("case %zu (%s from %s): expected %d, got %d (%s)", i,
                     workflow_action_name(c->action), model_state_name(c->from), c->expect, got,
                     err.msg);
        if (rc < 0)
            assert_true(strlen(err.msg) > 10 && !strchr(err.msg, '\n'));
    }
}

/* Every action has at least one allowed and one refused case above. */
static void test_every_action_covered(void **state)
{
    (void)state;
    for (int act = 0; act < ACTION__COUNT; act++) {
        bool allowed = false, refused = false;
        for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
            if ((int)cases[i].action != act)
                continue;
            if (cases[i].expect >= 0)
                allowed = true;
            else
                refused = true;
        }
        if (!allowed || !refused)
            fail_msg("action %s lacks an allowed or a refused case", workflow_action_name((Action)act));
    }
}

static void test_names(void **state)
{
    (void)state;
    for (int act = 0; act < ACTION__COUNT; act++)
        assert_int_equal(workflow_action_parse(workflow_action_name((Action)act)), act);
    assert_int_equal(workflow_action_parse("close"), -1);
    for (int s = 0; s < STATE__COUNT; s++)
        assert_int_equal(model_state_parse(model_state_name((MeasureState)s)), s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_every_action_covered),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
