/*
** registers.h: the rules of the registers beside the ledger, one transaction per action with
** its audit entry: the clue register (discipline staff), mechanisms, meetings and recoveries
** (the office), and the public's feedback (anyone; answered and forwarded by the office).
** Every text is bounded and every kind checked against register_model.h. Audit details never
** hold a clue subject's name.
*/
#ifndef ZG_LEDGER_REGISTERS_H
#define ZG_LEDGER_REGISTERS_H

#include "db/clue_store.h"
#include "db/feedback_store.h"
#include "db/register_store.h"
#include "ledger/workflow.h"

/* Longest feedback text, in characters. */
#define REGISTERS_FEEDBACK_MAX 2000

/*
** Create (c->id == 0) or update clue c after checking its fields (ERR_INPUT naming the field in
** *field): kind, rank, disposal, state as stored names; texts bounded; the inspection exists.
*/
int registers_clue_save(Db *db, const Actor *actor, Clue *c, const char **field, Err *err);
/* Add outcome o (o->type a stored outcome name, turned into its label) to clue o->clue_id. */
int registers_outcome_add(Db *db, const Actor *actor, ClueOutcome *o, const char **field, Err *err);
/*
** Add mechanism m linked to the problems finding_ids[0..n_f) and measures measure_ids[0..n_m),
** which must belong to m's inspection.
*/
int registers_mechanism_add(Db *db, const Actor *actor, Mechanism *m, const int64_t *finding_ids,
                            int n_f, const int64_t *measure_ids, int n_m, const char **field,
                            Err *err);
int registers_meeting_add(Db *db, const Actor *actor, Meeting *m, const char **field, Err *err);
int registers_recovery_add(Db *db, const Actor *actor, Recovery *r, const char **field, Err *err);
/* Store the public's feedback f (client: the sender's address, for the audit only). */
int registers_feedback_submit(Db *db, Feedback *f, const char *client, const char **field,
                              Err *err);
/* Set feedback id's state (stored name) and reply. */
int registers_feedback_answer(Db *db, const Actor *actor, int64_t id, const char *state,
                              const char *reply, const char **field, Err *err);
/*
** Turn feedback id into a petition (信访件) of inspection_id in the clue register, for the
** discipline staff; the feedback becomes forwarded. *clue_id the new clue.
*/
int registers_feedback_to_clue(Db *db, const Actor *actor, int64_t id, int64_t inspection_id,
                               int64_t *clue_id, Err *err);

#endif
