/*
** remind.h: who owes what for everyone on a date (ledger_owed), grouped by recipient: each unit,
** each leader (person) and the office, with their names, and each recipient's reminder as the
** JSON document that `remind --json` prints and the webhook posts.
*/
#ifndef ZG_REMIND_H
#define ZG_REMIND_H

#include "base/buf.h"
#include "ledger/owe.h"

typedef enum RecipientKind { RECIPIENT_UNIT, RECIPIENT_PERSON, RECIPIENT_OFFICE } RecipientKind;

typedef struct Recipient {
    RecipientKind kind;  /* a unit, a leader or the office */
    int64_t id;          /* unit or person id; 0 for the office */
    const char *name;    /* unit name, person name and post, or 巡改办 */
    const Owed **items;  /* what it owes, newest first */
    int n_items;
} Recipient;

/*
** Everyone's duties on as_of grouped by recipient (units by id, then leaders by id, then the
** office), recipients that owe nothing left out; all in arena.
*/
int ledger_remind(Db *db, Arena *arena, Day as_of, Recipient **out, int *n, Err *err);
/* "unit:3", "person:7" or "office": the recipient's stable key (deliveries are logged by it). */
const char *ledger_recipient_key(Arena *arena, const Recipient *r);
/*
** Append r's reminder as one JSON object: {"recipient": {"kind","id","name"}, "as_of",
** "count", "items": [{"kind","label","measure_id","object_id","title","due"}]}.
*/
void ledger_remind_json(Buf *out, const Recipient *r, Day as_of);

#endif
