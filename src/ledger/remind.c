/*
** remind.c: everyone's duties grouped by recipient (remind.h).
*/
#include "remind.h"

#include "base/json.h"
#include "db/view_store.h"

/* The recipient of a duty: 0 a unit, 1 a leader, 2 the office; and its id. */
static int party(const Owed *o, int64_t *id)
{
    *id = o->office ? 0 : o->person_id ? o->person_id : o->unit_id;
    return o->office ? 2 : o->person_id ? 1 : 0;
}

static bool same_recipient(const Owed *x, const Owed *y)
{
    int64_t ix, iy;
    return party(x, &ix) == party(y, &iy) && ix == iy;
}

static int cmp_party(const void *a, const void *b)
{
    const Owed *x = *(const Owed *const *)a, *y = *(const Owed *const *)b;
    int64_t ix, iy;
    int kx = party(x, &ix), ky = party(y, &iy);
    if (kx != ky)
        return kx - ky;
    if (ix != iy)
        return ix < iy ? -1 : 1;
    /* Within one recipient: newest first, as ledger_owed sorted them. */
    if (x->since != y->since)
        return x->since > y->since ? -1 : 1;
    return x < y ? -1 : x > y;
}

int ledger_remind(Db *db, Arena *arena, Day as_of, Recipient **out, int *n, Err *err)
{
    Owed *items;
    int ni;
    OweScope all = {.everyone = true};
    if (ledger_owed(db, arena, &all, as_of, &items, &ni, err) < 0)
        return -1;
    const Owed **sorted = ARENA_ARRAY(arena, const Owed *, ni + 1);
    int64_t *unit_ids = ARENA_ARRAY(arena, int64_t, ni + 1);
    int64_t *person_ids = ARENA_ARRAY(arena, int64_t, ni + 1);
    int nu = 0, np = 0;
    for (int i = 0; i < ni; i++) {
        sorted[i] = &items[i];
        if (items[i].person_id)
            person_ids[np++] = items[i].person_id;
        else if (!items[i].office && items[i].unit_id)
            unit_ids[nu++] = items[i].unit_id;
    }
    qsort(sorted, (size_t)ni, sizeof *sorted, cmp_party);
    IdName *units, *persons;
    int n_units, n_persons;
    if (view_store_page_names(db, arena, unit_ids, nu, person_ids, np, &units, &n_units, &persons,
                              &n_persons, err) < 0)
        return -1;
    Recipient *rs = ARENA_ARRAY(arena, Recipient, ni + 1);
    int nr = 0;
    for (int i = 0; i < ni;) {
        const Owed *o = sorted[i];
        if (!o->office && !o->person_id && !o->unit_id) {
            i++; /* a unit-less duty (a measure without a lead unit): nobody to tell */
            continue;
        }
        Recipient *r = &rs[nr++];
        r->kind = o->office ? RECIPIENT_OFFICE : o->person_id ? RECIPIENT_PERSON : RECIPIENT_UNIT;
        r->id = r->kind == RECIPIENT_UNIT ? o->unit_id : r->kind == RECIPIENT_PERSON ? o->person_id : 0;
        r->name = r->kind == RECIPIENT_OFFICE ? "巡改办"
                  : r->kind == RECIPIENT_PERSON ? idname_find(persons, n_persons, r->id)
                                                : idname_find(units, n_units, r->id);
        r->items = &sorted[i];
        int j = i;
        while (j < ni && same_recipient(o, sorted[j]))
            j++;
        r->n_items = j - i;
        i = j;
    }
    *out = rs;
    *n = nr;
    return 0;
}

const char *ledger_recipient_key(Arena *arena, const Recipient *r)
{
    switch (r->kind) {
    case RECIPIENT_UNIT:
        return arena_printf(arena, "unit:%lld", (long long)r->id);
    case RECIPIENT_PERSON:
        return arena_printf(arena, "person:%lld", (long long)r->id);
    default:
        return "office";
    }
}

void ledger_remind_json(Buf *out, const Recipient *r, Day as_of)
{
    static const char *const kinds[] = {"unit", "person", "office"};
    char iso[DATE_ISO_SIZE];
    JsonW j;
    json_init(&j, out, false);
    json_obj(&j);
    json_kobj(&j, "recipient");
    json_kstr(&j, "kind", kinds[r->kind]);
    json_kint(&j, "id", r->id);
    json_kstr(&j, "name", r->name ? r->name : "");
    json_end(&j);
    json_kstr(&j, "as_of", date_format(as_of, iso));
    json_kint(&j, "count", r->n_items);
    json_karr(&j, "items");
    for (int i = 0; i < r->n_items; i++) {
        const Owed *o = r->items[i];
        json_obj(&j);
        json_kstr(&j, "kind", ledger_owed_name(o->kind));
        json_kstr(&j, "label", ledger_owed_label(o->kind));
        json_kint(&j, "inspection_id", o->inspection_id);
        if (o->measure_id)
            json_kint(&j, "measure_id", o->measure_id);
        if (o->object_id)
            json_kint(&j, "object_id", o->object_id);
        json_kstr(&j, "title", o->title ? o->title : "");
        if (o->due != DAY_NONE)
            json_kstr(&j, "due", date_format(o->due, iso));
        json_end(&j);
    }
    json_end(&j);
    json_end(&j);
}
