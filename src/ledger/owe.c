/*
** owe.c: who owes what (owe.h).
*/
#include "owe.h"

#include "db/inspection_store.h"
#include "db/measure_store.h"
#include "db/owe_store.h"

/* The loop's own kinds after OweKind's, whose words are the vocabulary's (VOCAB_OWE). */
static const char *const names[] = {"accept", "respond", "acknowledge", "spot_check"};
static const char *const labels[] = {"采纳责任单位进展", "反馈督办", "阅知领导批示", "实地抽查"};
_Static_assert(ARRAY_SIZE(names) == DUTY__COUNT - OWE__COUNT, "owed names");
_Static_assert(ARRAY_SIZE(labels) == DUTY__COUNT - OWE__COUNT, "owed labels");
_Static_assert((int)DUTY_REVISIT == (int)OWE_REVISIT && (int)DUTY_REPORT == (int)OWE_REPORT,
               "DutyKind extends OweKind");

const char *ledger_owed_name(OwedKind k)
{
    if ((unsigned)k >= DUTY__COUNT)
        BUG("owed kind %d", (int)k);
    return (int)k < OWE__COUNT ? vocab_name(VOCAB_OWE, (int)k) : names[k - OWE__COUNT];
}

const char *ledger_owed_label(OwedKind k)
{
    if ((unsigned)k >= DUTY__COUNT)
        BUG("owed kind %d", (int)k);
    return (int)k < OWE__COUNT ? vocab_label(VOCAB_OWE, (int)k) : labels[k - OWE__COUNT];
}

typedef struct List {
    Owed *items;
    int n, cap;
} List;

static Owed *push(List *l)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->items = xrealloc(l->items, (size_t)l->cap * sizeof *l->items);
    }
    Owed *o = &l->items[l->n++];
    memset(o, 0, sizeof *o);
    return o;
}

/* The inspections met so far and their rules. */
typedef struct Rules {
    int64_t ids[64];
    LightRules rules[64];
    bool signoff[64];
    int n;
} Rules;

static int rules_of(Db *db, Arena *arena, Rules *c, int64_t id, int *k, Err *err)
{
    for (int i = 0; i < c->n; i++)
        if (c->ids[i] == id)
            return *k = i, 0;
    Inspection in;
    if (inspection_store_get(db, arena, id, &in, err) < 0)
        return -1;
    int i = c->n < 64 ? c->n++ : 63;
    c->ids[i] = id;
    c->rules[i] = ledger_rules(&in);
    c->signoff[i] = in.require_signoff;
    *k = i;
    return 0;
}

typedef enum Party { PARTY_UNIT, PARTY_LEADER, PARTY_OFFICE } Party;

static Party party_of(OweKind k)
{
    switch (k) {
    case OWE_SIGNOFF:
        return PARTY_LEADER;
    case OWE_VERIFY:
    case OWE_REVISIT:
        return PARTY_OFFICE;
    default:
        return PARTY_UNIT;
    }
}

/* The duties of the measures filter selects that fall to party (for_id: its unit or person). */
static int measure_duties(Db *db, Arena *arena, const MeasureFilter *f, Party party, int64_t for_id,
                          bool any, Day as_of, List *l, Err *err)
{
    Measure *ms;
    int nm;
    Rules rules = {.n = 0};
    if (measure_store_load(db, arena, f, MEASURE_LOAD_OWNERS | MEASURE_LOAD_REPORTS, &ms, &nm,
                           err) < 0)
        return -1;
    for (int i = 0; i < nm && l->n < OWE_MAX_ITEMS * 3; i++) {
        const Measure *m = &ms[i];
        int k;
        if (rules_of(db, arena, &rules, m->inspection_id, &k, err) < 0)
            return -1;
        Owe owes[OWE__COUNT];
        int n = ledger_owes(m, &rules.rules[k], rules.signoff[k], as_of, owes);
        for (int j = 0; j < n; j++) {
            Party p = party_of(owes[j].kind);
            if (!any && p != party)
                continue;
            if (p == PARTY_UNIT && (!m->lead_unit_id || (!any && m->lead_unit_id != for_id)))
                continue;
            int leaders = p == PARTY_LEADER ? m->n_leaders : 1;
            for (int x = 0; x < leaders; x++) {
                if (p == PARTY_LEADER && !any && m->leader_ids[x] != for_id)
                    continue;
                Owed *o = push(l);
                o->kind = (OwedKind)owes[j].kind;
                o->unit_id = p == PARTY_UNIT ? m->lead_unit_id : 0;
                o->person_id = p == PARTY_LEADER ? m->leader_ids[x] : 0;
                o->office = p == PARTY_OFFICE;
                o->inspection_id = m->inspection_id;
                o->measure_id = m->id;
                o->title = m->title;
                o->due = owes[j].due;
                o->since = owes[j].due;
            }
        }
    }
    return 0;
}

static int loop_items(Db *db, Arena *arena, int64_t unit_id, bool units, int64_t org, bool office,
                      List *l, Err *err)
{
    OweRow *rows;
    int n;
    if (owe_store_loop(db, arena, unit_id, units, org, office, OWE_MAX_ITEMS, &rows, &n, err) < 0)
        return -1;
    static const OwedKind kinds[] = {DUTY_ACCEPT, DUTY_RESPOND, DUTY_ACK, DUTY_SPOT};
    for (int i = 0; i < n; i++) {
        if ((unsigned)rows[i].kind >= ARRAY_SIZE(kinds))
            continue;
        Owed *o = push(l);
        o->kind = kinds[rows[i].kind];
        o->unit_id = rows[i].unit_id;
        o->office = rows[i].kind == OWE_STORE_SPOT;
        o->inspection_id = rows[i].inspection_id;
        o->measure_id = rows[i].measure_id;
        o->object_id = rows[i].object_id;
        o->title = rows[i].title;
        o->due = rows[i].due;
        o->since = rows[i].since;
    }
    return 0;
}

static int cmp_newest(const void *a, const void *b)
{
    const Owed *x = a, *y = b;
    if (x->since != y->since)
        return x->since > y->since ? -1 : 1;
    if (x->measure_id != y->measure_id)
        return x->measure_id > y->measure_id ? -1 : 1;
    if (x->kind != y->kind)
        return (int)x->kind - (int)y->kind;
    if (x->object_id != y->object_id)
        return x->object_id > y->object_id ? -1 : 1;
    if (x->unit_id != y->unit_id)
        return x->unit_id > y->unit_id ? -1 : 1;
    return x->person_id > y->person_id ? -1 : x->person_id < y->person_id;
}

int ledger_owed(Db *db, Arena *arena, const OweScope *s, Day as_of, Owed **out, int *n, Err *err)
{
    List l = {NULL, 0, 0};
    int rc = -1;
    if (s->everyone) {
        MeasureFilter f = MEASURE_FILTER_ALL;
        if (measure_duties(db, arena, &f, PARTY_UNIT, 0, true, as_of, &l, err) < 0 ||
            loop_items(db, arena, 0, true, 0, true, &l, err) < 0)
            goto done;
    } else {
        if (s->unit_id) {
            MeasureFilter f = MEASURE_FILTER_ALL;
            f.unit_id = s->unit_id;
            if (measure_duties(db, arena, &f, PARTY_UNIT, s->unit_id, false, as_of, &l, err) < 0 ||
                loop_items(db, arena, s->unit_id, true, 0, false, &l, err) < 0)
                goto done;
        }
        if (s->person_id) {
            MeasureFilter f = MEASURE_FILTER_ALL;
            f.leader_id = s->person_id;
            if (measure_duties(db, arena, &f, PARTY_LEADER, s->person_id, false, as_of, &l, err) <
                0)
                goto done;
        }
        if (s->office) {
            MeasureFilter f = MEASURE_FILTER_ALL;
            f.org_unit_id = s->org_unit_id;
            if (measure_duties(db, arena, &f, PARTY_OFFICE, 0, false, as_of, &l, err) < 0 ||
                loop_items(db, arena, 0, false, s->org_unit_id, true, &l, err) < 0)
                goto done;
        }
    }
    if (l.n)
        qsort(l.items, (size_t)l.n, sizeof *l.items, cmp_newest);
    *out = ARENA_ARRAY(arena, Owed, l.n + 1);
    if (l.n)
        memcpy(*out, l.items, (size_t)l.n * sizeof *l.items);
    *n = l.n;
    rc = 0;
done:
    free(l.items);
    return rc;
}

static DutyScope duty_scope(const OweScope *s)
{
    if (s->everyone)
        BUG("a duty count or page for everyone");
    return (DutyScope){s->unit_id, s->person_id, s->office, s->org_unit_id};
}

int ledger_owed_count(Db *db, const OweScope *scope, Day as_of, int64_t counts[DUTY__COUNT],
                      int64_t *total, Err *err)
{
    DutyScope s = duty_scope(scope);
    MeasureLightDay day;
    ledger_light_day(as_of, &day);
    *total = 0;
    if (duty_store_count(db, &s, &day, counts, err) < 0)
        return -1;
    for (int k = 0; k < DUTY__COUNT; k++)
        *total += counts[k];
    return 0;
}

int ledger_owed_page(Db *db, Arena *arena, const OweScope *scope, Day as_of, const DutyKey *after,
                     bool backward, int limit, Owed **out, int *n, Err *err)
{
    DutyScope s = duty_scope(scope);
    MeasureLightDay day;
    ledger_light_day(as_of, &day);
    return duty_store_page(db, arena, &s, &day, after, backward, limit, out, n, err);
}

DutyKey ledger_owed_key(const Owed *o)
{
    return (DutyKey){o->since, o->measure_id, (int)o->kind, o->object_id};
}
