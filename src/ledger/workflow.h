/*
** workflow.h: the measure state machine of SPEC §4 as data and one pure check. Who may move a
** measure, from which states, to which state, and with which preconditions is decided here
** and nowhere else; ledger_apply (apply.h) performs an allowed transition in the database.
*/
#ifndef ZG_WORKFLOW_H
#define ZG_WORKFLOW_H

#include "base/err.h"
#include "db/model.h"

/* Who is acting, as far as the rules need to know. */
typedef struct Actor {
    int64_t user_id;   /* users.id, 0 for the system */
    const char *login; /* for messages and the audit log */
    unsigned roles;    /* ROLE_BIT set */
    int64_t unit_id;   /* the user's unit or 0 */
    int64_t person_id; /* the person the user is (leaders) or 0 */
} Actor;

/* The stored name ("request_close") and the Chinese label ("申请销号") of an action. */
const char *workflow_action_name(Action a);
const char *workflow_action_label(Action a);
/* The states (bits 1 << MeasureState) an action applies to, and the state it leads to (before
** workflow_check's adjustments: phase_complete, unchanged for a waiver). For the help page. */
unsigned workflow_action_from(Action a);
MeasureState workflow_action_to(Action a);
/* Who may take an action, in Chinese ("牵头单位或巡改办"). */
const char *workflow_action_who_label(Action a);
/* Parse an action name; -1 when unknown. */
int workflow_action_parse(const char *s);

/*
** Decide whether actor may apply action to measure m (loaded with its owners, report days and
** evidence count). require_signoff is the inspection's setting. comment is the reason or, for
** ACTION_REPORT, the progress text. On success return 0 and set *to to the state after the
** action (unchanged for a report on a phase-complete measure and for a waiver). Otherwise
** return -1 with err: ERR_FORBIDDEN when this actor may not, ERR_CONFLICT when the state does
** not allow it, ERR_INPUT when a precondition is missing (reason, progress report, evidence,
** on-site check). The users in m->closeout_actor_ids (who requested or already approved the
** close-out) may not approve it (ERR_FORBIDDEN: four eyes). Pure: reads only its arguments.
*/
int workflow_check(const Measure *m, const Actor *actor, Action action, const char *comment,
                   bool require_signoff, MeasureState *to, Err *err);
/* True when workflow_check of action reads m->closeout_actor_ids (the close-out approvals). */
bool workflow_four_eyes(Action action);

/* The actor a logged-in user acts as. */
Actor workflow_actor(const User *u);

/* True when the actor is the measure's lead unit, a co-unit, a leader of it, or the office. */
bool workflow_is_lead_unit(const Measure *m, const Actor *a);
bool workflow_is_co_unit(const Measure *m, const Actor *a);
bool workflow_is_leader(const Measure *m, const Actor *a);

#endif
