/*
** loop.c: the rule table of the daily loop (loop.h).
*/
#include "loop.h"

#define MS(x) (1u << STATE_##x)
#define ST(x) (1u << (x))
#define OPEN_MEASURE                                                                               \
    (MS(NOT_STARTED) | MS(IN_PROGRESS) | MS(SUBMITTED) | MS(LEAD_APPROVED) | MS(SIGNED_OFF) |     \
     MS(RETURNED) | MS(RELAPSED))
#define REPORTING (MS(NOT_STARTED) | MS(IN_PROGRESS) | MS(RETURNED) | MS(RELAPSED) | MS(PHASE_COMPLETE))
#define CLOSED (MS(CLOSED) | MS(PHASE_COMPLETE))

enum {
    WHO_OFFICE = 1,    /* the office role */
    WHO_LEAD_UNIT = 2, /* a user of the measure's lead unit */
    WHO_CO_UNIT = 4,   /* a user of one of its co-units */
    WHO_LEADER = 8,    /* a leader who leads the item */
    WHO_OWN_UNIT = 16, /* a user of the subject's unit (report, uploader, target) */
    WHO_SELF = 32,     /* the subject's author, uploader or issuer */
};

typedef struct LoopRule {
    LoopAction action;  /* the action */
    unsigned from;      /* object states allowed (ST() bits); 0: any */
    unsigned measure;   /* measure states allowed (MS() bits); 0: any */
    unsigned who;       /* WHO_* allowed */
    bool needs_comment; /* a text or reason is required */
    const char *name;   /* stored name (audit action, API) */
    const char *label;  /* Chinese label */
} LoopRule;

static const LoopRule rules[] = {
    {LOOP_PROGRESS_DRAFT, 0, REPORTING, WHO_LEAD_UNIT | WHO_CO_UNIT | WHO_OFFICE, true,
     "progress_draft", "填写整改进展"},
    {LOOP_PROGRESS_SUBMIT, ST(PROGRESS_DRAFT), REPORTING, WHO_SELF | WHO_OWN_UNIT, false,
     "progress_submit", "报送整改进展"},
    {LOOP_PROGRESS_ACCEPT, ST(PROGRESS_SUBMITTED), 0, WHO_LEAD_UNIT, false, "progress_accept",
     "采纳整改进展"},
    {LOOP_PROGRESS_RETURN, ST(PROGRESS_SUBMITTED), 0, WHO_LEAD_UNIT, true, "progress_return",
     "退回整改进展"},
    {LOOP_EVIDENCE_ATTACH, ST(PROGRESS_DRAFT), REPORTING, WHO_SELF | WHO_OWN_UNIT, false,
     "evidence_attach", "上传佐证材料"},
    {LOOP_EVIDENCE_ATTACH_MEASURE, 0, OPEN_MEASURE | MS(PHASE_COMPLETE), WHO_LEAD_UNIT | WHO_OFFICE,
     false, "evidence_attach_measure", "上传佐证材料"},
    {LOOP_EVIDENCE_WITHDRAW, ST(EVIDENCE_ATTACHED), OPEN_MEASURE,
     WHO_OWN_UNIT | WHO_SELF | WHO_OFFICE, true, "evidence_withdraw", "撤回佐证材料"},
    {LOOP_SUPERVISION_ISSUE, 0, 0, WHO_OFFICE | WHO_LEADER, true, "supervision_issue", "发起督办"},
    {LOOP_SUPERVISION_RESPOND, ST(SUPERVISION_OPEN), 0, WHO_OWN_UNIT, true, "supervision_respond",
     "反馈督办"},
    {LOOP_SUPERVISION_TALK, ST(SUPERVISION_OPEN) | ST(SUPERVISION_RESPONDED), 0, WHO_OFFICE, true,
     "supervision_talk", "记录约谈情况"},
    {LOOP_SUPERVISION_LIFT, ST(SUPERVISION_OPEN) | ST(SUPERVISION_RESPONDED), 0,
     WHO_OFFICE | WHO_SELF, true, "supervision_lift", "解除督办"},
    {LOOP_INSTRUCTION_GIVE, 0, 0, WHO_LEADER, true, "instruction_give", "作出批示"},
    {LOOP_INSTRUCTION_ACK, ST(INSTRUCTION_OPEN), 0, WHO_LEAD_UNIT | WHO_OFFICE, false,
     "instruction_ack", "阅知批示"},
    {LOOP_REVISIT_RECORD, 0, CLOSED, WHO_OFFICE, false, "revisit_record", "记录回头看"},
    {LOOP_SPOT_DRAW, 0, 0, WHO_OFFICE, false, "spot_draw", "抽取抽查样本"},
    {LOOP_SPOT_RECORD, ST(0), CLOSED, WHO_OFFICE, false, "spot_record", "记录抽查结果"},
};
_Static_assert(ARRAY_SIZE(rules) == LOOP__COUNT, "one rule per loop action");

/* The audit log's action of each loop action, in LoopAction order. */
static const AuditAction audits[] = {
    AUDIT_PROGRESS_DRAFT,     AUDIT_PROGRESS_SUBMIT,     AUDIT_PROGRESS_ACCEPT,
    AUDIT_PROGRESS_RETURN,    AUDIT_EVIDENCE_UPLOAD,     AUDIT_EVIDENCE_UPLOAD,
    AUDIT_EVIDENCE_WITHDRAW,  AUDIT_SUPERVISION_ISSUE,   AUDIT_SUPERVISION_RESPOND,
    AUDIT_SUPERVISION_TALK,   AUDIT_SUPERVISION_LIFT,    AUDIT_INSTRUCTION_GIVE,
    AUDIT_INSTRUCTION_ACKNOWLEDGE, AUDIT_REVISIT_RECORD, AUDIT_SPOT_CHECK_DRAW,
    AUDIT_SPOT_CHECK_RECORD,
};
_Static_assert(ARRAY_SIZE(audits) == LOOP__COUNT, "one audit action per loop action");

static const LoopRule *rule_of(LoopAction a)
{
    if ((unsigned)a >= LOOP__COUNT || rules[a].action != a)
        BUG("loop rules out of order at %d", (int)a);
    return &rules[a];
}

const char *loop_action_name(LoopAction a)
{
    return rule_of(a)->name;
}

const char *loop_action_label(LoopAction a)
{
    return rule_of(a)->label;
}

AuditAction loop_action_audit(LoopAction a)
{
    rule_of(a);
    return audits[a];
}

int loop_action_parse(const char *s)
{
    for (size_t i = 0; s && i < ARRAY_SIZE(rules); i++)
        if (strcmp(rules[i].name, s) == 0)
            return (int)i;
    return -1;
}

LoopSubject loop_subject_progress(const Measure *m, const Progress *p)
{
    return (LoopSubject){m, (int)p->state, p->unit_id, p->author_id, false};
}

LoopSubject loop_subject_evidence(const Measure *m, const Evidence *e)
{
    return (LoopSubject){m, e->withdrawn_at ? EVIDENCE_WITHDRAWN : EVIDENCE_ATTACHED,
                         e->uploader_unit, e->uploaded_by, false};
}

LoopSubject loop_subject_supervision(const Measure *m, const Supervision *s)
{
    return (LoopSubject){m, (int)s->state, s->unit_id, s->issued_by, false};
}

LoopSubject loop_subject_instruction(const Measure *m, const Instruction *i)
{
    int state = i->acknowledged_on == DAY_NONE ? INSTRUCTION_OPEN : INSTRUCTION_ACKNOWLEDGED;
    return (LoopSubject){m, state, 0, 0, false};
}

static unsigned who_of(const LoopSubject *s, const Actor *a)
{
    unsigned who = 0;
    bool unit_role = (a->roles & ROLE_BIT(ROLE_UNIT)) && a->unit_id;
    if (a->roles & ROLE_BIT(ROLE_OFFICE))
        who |= WHO_OFFICE;
    if (s->measure && workflow_is_lead_unit(s->measure, a))
        who |= WHO_LEAD_UNIT;
    if (s->measure && workflow_is_co_unit(s->measure, a))
        who |= WHO_CO_UNIT;
    if ((a->roles & ROLE_BIT(ROLE_LEADER)) &&
        (s->leads || (s->measure && workflow_is_leader(s->measure, a))))
        who |= WHO_LEADER;
    if (unit_role && s->unit_id && a->unit_id == s->unit_id)
        who |= WHO_OWN_UNIT;
    if (s->user_id && a->user_id == s->user_id)
        who |= WHO_SELF;
    return who;
}

int loop_check(LoopAction action, const LoopSubject *s, const Actor *actor, const char *comment,
               Err *err)
{
    const LoopRule *r = rule_of(action);
    unsigned who = who_of(s, actor);
    unsigned allowed = r->who;
    /* A measure without a lead unit has its co-units' reports accepted by the office. */
    if ((action == LOOP_PROGRESS_ACCEPT || action == LOOP_PROGRESS_RETURN) && s->measure &&
        !s->measure->lead_unit_id)
        allowed |= WHO_OFFICE;
    if (!(who & allowed))
        return err_fail(err, ERR_FORBIDDEN, "user '%s' may not %s here", actor->login, r->name);
    /* Four eyes: nobody accepts or returns what they wrote themselves. */
    if ((action == LOOP_PROGRESS_ACCEPT || action == LOOP_PROGRESS_RETURN) && s->user_id &&
        s->user_id == actor->user_id)
        return err_fail(err, ERR_FORBIDDEN, "user '%s' may not %s a report of their own",
                        actor->login, r->name);
    /* Only a co-unit's report waits for the lead unit; the lead unit's own is accepted. */
    if ((action == LOOP_PROGRESS_ACCEPT || action == LOOP_PROGRESS_RETURN) && s->measure &&
        s->unit_id == s->measure->lead_unit_id)
        return err_fail(err, ERR_CONFLICT, "cannot %s: a lead unit's own report needs no review",
                        r->name);
    if (r->from && (s->state < 0 || s->state >= 31 || !(r->from & (1u << s->state))))
        return err_fail(err, ERR_CONFLICT, "cannot %s: the object is in the wrong state", r->name);
    if (r->measure && s->measure && !(r->measure & (1u << s->measure->state)))
        return err_fail(err, ERR_CONFLICT, "cannot %s: measure %lld is %s", r->name,
                        (long long)s->measure->id, model_state_name(s->measure->state));
    if (r->needs_comment && (!comment || !*comment))
        return err_fail(err, ERR_INPUT, "%s needs a text or reason", r->name);
    return 0;
}
