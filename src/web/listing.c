/*
** listing.c: the flat, filtered, sorted and keyset-paged list of measures (listing.h).
**
** A request loads the measures its filters select through measure_store_load, whose query per
** driving filter (unit, inspection, leader) picks rows by an index; it computes lights for all
** of them only when the light is filtered or sorted on, otherwise for the page's rows alone;
** it sorts by the allow-listed key in memory and takes the rows after the cursor. Leaders,
** co-units and report days of the page's rows and the names on the page come in a few queries
** over the page's ids (view_store.h), never one query per row.
*/
#include "web/listing.h"

#include "db/measure_store.h"
#include "db/view_store.h"
#include "web/access.h"
#include "web/routes.h"
#include "web/view.h"

/* How far back a page's rows load their report days when the lights were not computed yet. */
#define LISTING_REPORT_DAYS 62

static const char *const sort_names[] = {"deadline", "ledger", "state", "light", "unit"};
static const char *const sort_labels[] = {"按整改时限", "按台账顺序", "按办理状态", "按亮灯",
                                          "按牵头单位"};
_Static_assert(ARRAY_SIZE(sort_names) == LISTING_SORT__COUNT, "sort names");
_Static_assert(ARRAY_SIZE(sort_labels) == LISTING_SORT__COUNT, "sort labels");

/* The cursor's first letter names its sort order, so a cursor of another order is refused. */
static const char sort_letters[] = "dlsgu";

const char *listing_sort_name(ListingSort s)
{
    return sort_names[s];
}

const char *listing_sort_label(ListingSort s)
{
    return sort_labels[s];
}

/* Parse a decimal int64 (optionally negative) from s up to end or a '.'; *s advanced. */
static bool parse_num(const char **s, int64_t *out)
{
    const char *p = *s;
    bool neg = *p == '-';
    if (neg)
        p++;
    if (*p < '0' || *p > '9')
        return false;
    int64_t v = 0;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (v > INT64_MAX / 10 - 10)
            return false;
        v = v * 10 + (*p - '0');
    }
    *out = neg ? -v : v;
    *s = p;
    return true;
}

/* Decode "<letter><k0>.<k1>.<k2>.<id>" for sort s; false when malformed or of another sort. */
static bool cursor_parse(const char *text, ListingSort s, ListingKey *key)
{
    if (text[0] != sort_letters[s])
        return false;
    const char *p = text + 1;
    int64_t v[4];
    for (int i = 0; i < 4; i++) {
        if (i && *p++ != '.')
            return false;
        if (!parse_num(&p, &v[i]))
            return false;
    }
    if (*p || v[3] <= 0)
        return false;
    *key = (ListingKey){{v[0], v[1], v[2]}, v[3]};
    return true;
}

static const char *cursor_format(Arena *arena, ListingSort s, const ListingKey *k)
{
    return arena_printf(arena, "%c%lld.%lld.%lld.%lld", sort_letters[s], (long long)k->k[0],
                        (long long)k->k[1], (long long)k->k[2], (long long)k->id);
}

static int bad_param(Request *r, const char *name)
{
    route_fail(r, 400, "bad_request",
               arena_printf(&r->arena, "invalid value of the parameter '%s'", name));
    return -1;
}

int listing_parse(Request *r, ListingQuery *q)
{
    memset(q, 0, sizeof *q);
    q->state = -1;
    q->light = -1;
    q->limit = LISTING_PAGE_SIZE;
    q->sort = LISTING_SORT_DEADLINE;
    static const char *const id_params[] = {"inspection", "unit", "leader"};
    int64_t *ids[] = {&q->inspection_id, &q->unit_id, &q->leader_id};
    for (size_t i = 0; i < ARRAY_SIZE(id_params); i++)
        if (request_query_id(r, id_params[i], ids[i]) < 0)
            return bad_param(r, id_params[i]);
    const char *v;
    if ((v = request_query(r, "state")) && *v && (q->state = model_state_parse(v)) < 0)
        return bad_param(r, "state");
    if ((v = request_query(r, "light")) && *v && (q->light = ledger_light_parse(v)) < 0)
        return bad_param(r, "light");
    if ((v = request_query(r, "sort")) && *v) {
        int s = -1;
        for (int i = 0; i < LISTING_SORT__COUNT; i++)
            if (strcmp(v, sort_names[i]) == 0)
                s = i;
        if (s < 0)
            return bad_param(r, "sort");
        q->sort = (ListingSort)s;
    }
    if ((v = request_query(r, "limit")) && *v) {
        int64_t n;
        const char *p = v;
        if (!parse_num(&p, &n) || *p || n < 1 || n > LISTING_MAX_LIMIT)
            return bad_param(r, "limit");
        q->limit = (int)n;
    }
    if ((v = request_query(r, "q")) && *v) {
        if (strlen(v) > 200)
            return bad_param(r, "q");
        q->text = v;
    }
    if ((v = request_query(r, "after")) && *v) {
        if (!cursor_parse(v, q->sort, &q->after))
            return bad_param(r, "after");
        q->has_after = true;
    }
    return 0;
}

/* Lights sort by urgency: red, yellow, green, closed. */
static int64_t light_rank(Light l)
{
    static const int rank[LIGHT__COUNT] = {[LIGHT_RED] = 0, [LIGHT_YELLOW] = 1,
                                           [LIGHT_GREEN] = 2, [LIGHT_CLOSED] = 3};
    return rank[l];
}

/* Measures without a deadline sort after every dated one. */
static int64_t deadline_key(const Measure *m)
{
    return m->deadline == DAY_NONE ? INT32_MAX : m->deadline;
}

ListingKey listing_key(ListingSort s, const Measure *m, Light light)
{
    ListingKey k = {{0, 0, 0}, m->id};
    switch (s) {
    case LISTING_SORT_DEADLINE:
        k.k[0] = deadline_key(m);
        break;
    case LISTING_SORT_LEDGER:
        k.k[0] = m->inspection_id;
        k.k[1] = m->finding_id;
        k.k[2] = m->ordinal;
        break;
    case LISTING_SORT_STATE:
        k.k[0] = m->state;
        k.k[1] = deadline_key(m);
        break;
    case LISTING_SORT_LIGHT:
        k.k[0] = light_rank(light);
        k.k[1] = deadline_key(m);
        break;
    case LISTING_SORT_UNIT:
        k.k[0] = m->lead_unit_id ? m->lead_unit_id : INT64_MAX;
        k.k[1] = deadline_key(m);
        break;
    case LISTING_SORT__COUNT:
        BUG("bad sort");
    }
    return k;
}

int listing_key_cmp(const ListingKey *a, const ListingKey *b)
{
    for (int i = 0; i < 3; i++)
        if (a->k[i] != b->k[i])
            return a->k[i] < b->k[i] ? -1 : 1;
    return (a->id > b->id) - (a->id < b->id);
}

typedef struct Item {
    ListingKey key; /* the sort key */
    int index;      /* into the loaded measures */
    Light light;    /* when computed */
    unsigned why;
} Item;

static int item_cmp(const void *a, const void *b)
{
    return listing_key_cmp(&((const Item *)a)->key, &((const Item *)b)->key);
}

/* Inspection id among ins[0..n) (by id), or NULL when the user may not read it. */
static const Inspection *inspection_of(const Inspection *ins, int n, int64_t id)
{
    return view_by_id(ins, n, sizeof *ins, id);
}

/* Fill each page row's names from one query per table over the page's ids. */
static int page_names(Request *r, ListingPage *out)
{
    int n = out->n_rows, n_people = 0;
    for (int i = 0; i < n; i++)
        n_people += out->rows[i].measure->n_leaders;
    int64_t *unit_ids = ARENA_ARRAY(&r->arena, int64_t, n + 1);
    int64_t *person_ids = ARENA_ARRAY(&r->arena, int64_t, n_people + 1);
    int nu = 0, np = 0;
    for (int i = 0; i < n; i++) {
        const Measure *m = out->rows[i].measure;
        if (m->lead_unit_id)
            unit_ids[nu++] = m->lead_unit_id;
        for (int k = 0; k < m->n_leaders; k++)
            person_ids[np++] = m->leader_ids[k];
    }
    IdName *units = NULL, *persons = NULL;
    int n_units = 0, n_persons = 0;
    if ((nu || np) && view_store_page_names(r->db, &r->arena, unit_ids, nu, person_ids, np, &units,
                                            &n_units, &persons, &n_persons, &r->err) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        ListingRow *row = &out->rows[i];
        const Measure *m = row->measure;
        row->lead_unit = NULL;
        for (int k = 0; k < n_units; k++)
            if (units[k].id == m->lead_unit_id)
                row->lead_unit = units[k].name;
        Buf b = BUF_INIT;
        for (int j = 0; j < m->n_leaders; j++)
            for (int k = 0; k < n_persons; k++)
                if (persons[k].id == m->leader_ids[j]) {
                    if (b.len)
                        buf_puts(&b, "、");
                    buf_puts(&b, persons[k].name);
                }
        row->leaders = arena_strndup(&r->arena, b.data, b.len);
        buf_free(&b);
    }
    return 0;
}

int listing_measures(Request *r, const ListingQuery *q, ListingPage *out)
{
    memset(out, 0, sizeof *out);
    MeasureFilter f = MEASURE_FILTER_ALL;
    f.inspection_id = q->inspection_id;
    f.unit_id = q->unit_id;
    f.leader_id = q->leader_id;
    f.state = q->state;
    f.text = q->text;
    if (!access_scope(&r->user, &f))
        return 0; /* nothing visible: an empty list, not an error */

    bool all_lights = q->light >= 0 || q->sort == LISTING_SORT_LIGHT;
    Measure *ms;
    int n;
    if (measure_store_load(r->db, &r->arena, &f, all_lights ? MEASURE_LOAD_REPORTS : 0, &ms, &n,
                           &r->err) < 0)
        goto fail;

    /* The light rules come from the visible inspections; the scope keeps rows within them. */
    Inspection *ins = NULL;
    int n_ins = 0;
    if (n && view_inspections(r, &ins, &n_ins) < 0)
        return -1;

    Item *items = ARENA_ARRAY(&r->arena, Item, n + 1);
    int n_items = 0;
    for (int i = 0; i < n; i++) {
        Item *it = &items[n_items];
        const Inspection *in = inspection_of(ins, n_ins, ms[i].inspection_id);
        if (!in)
            continue; /* a unit's measure in an inspection it may not read */
        it->index = i;
        it->light = LIGHT_GREEN;
        if (all_lights) {
            LightRules rules = ledger_rules(in);
            it->light = ledger_light(&ms[i], &rules, r->today, &it->why);
            if (q->light >= 0 && it->light != (Light)q->light)
                continue;
        }
        it->key = listing_key(q->sort, &ms[i], it->light);
        n_items++;
    }
    out->total = n_items;
    qsort(items, (size_t)n_items, sizeof *items, item_cmp);

    /* The first row after the cursor, by binary search over the sorted keys. */
    int lo = 0, hi = n_items;
    if (q->has_after)
        while (lo < hi) {
            int mid = lo + (hi - lo) / 2;
            if (listing_key_cmp(&items[mid].key, &q->after) <= 0)
                lo = mid + 1;
            else
                hi = mid;
        }
    int count = n_items - lo < q->limit ? n_items - lo : q->limit;
    out->rows = ARENA_ARRAY(&r->arena, ListingRow, count + 1);
    out->n_rows = count;
    Measure **page = ARENA_ARRAY(&r->arena, Measure *, count + 1);
    for (int i = 0; i < count; i++)
        page[i] = &ms[items[lo + i].index];
    /* Lights look at the current cycle only (a month at the most): two months are plenty. */
    Day since = all_lights ? DAY_NONE : r->today - LISTING_REPORT_DAYS;
    if (view_store_parts(r->db, &r->arena, page, count, since, &r->err) < 0)
        goto fail;
    for (int i = 0; i < count; i++) {
        const Item *it = &items[lo + i];
        ListingRow *row = &out->rows[i];
        row->measure = page[i];
        row->light = it->light;
        row->why = it->why;
        if (!all_lights) {
            LightRules rules = ledger_rules(inspection_of(ins, n_ins, page[i]->inspection_id));
            row->light = ledger_light(page[i], &rules, r->today, &row->why);
        }
    }
    if (lo + count < n_items && count > 0)
        out->next = cursor_format(&r->arena, q->sort, &items[lo + count - 1].key);
    out->first = count > 0 ? lo + 1 : 0;
    out->has_prev = lo > 0;
    if (lo > q->limit)
        out->prev = cursor_format(&r->arena, q->sort, &items[lo - q->limit - 1].key);
    if (page_names(r, out) < 0)
        goto fail;
    return 0;
fail:
    route_fail_err(r, &r->err);
    return -1;
}
