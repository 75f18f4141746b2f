/*
** listing.c: the flat, filtered, sorted and keyset-paged list of measures (listing.h).
**
** A page is one index range read (measure_store_page_ids): the ids of the rows after the cursor
** in the sort's order, under the driving filter's index, limit + 1 of them (the extra one says
** whether a next page exists); the rows come from the thread's cache (listcache_rows), which
** reads the missing ones by id. The light filter and the light sort are SQL predicates on stored columns for
** the request's day (one read per light, in deadline order, for the light sort); the page's
** lights are then computed by ledger_light, the one definition, from the page's rows and their
** latest report days. The total is a count over the same index (or the tally). Leaders and
** co-units come from the thread's cache (listcache.c), or one query over the page's ids
** (view_store_parts), which reads report days too when a row's latest one is after the day;
** their names, and the lead units', come from the thread's cache of names, as do the page's
** inspections.
*/
#include "web/listing.h"

#include "db/measure_store.h"
#include "db/view_store.h"
#include "web/access.h"
#include "web/listcache.h"
#include "web/routes.h"
#include "web/view.h"


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

bool listing_cursor_numbers(const char *text, int64_t *v, int n)
{
    const char *p = text;
    for (int i = 0; i < n; i++) {
        if (i && *p++ != '.')
            return false;
        if (!parse_num(&p, &v[i]))
            return false;
    }
    return *p == '\0';
}

/*
** A cursor is "<letter><k0>.<k1>.<k2>.<id>~<position>" for sort s: the key of the row a page
** ends on and how many rows come up to it. The position is shown only ("第 26–50 条"), so that
** a page costs no count of the rows before it, which grew with the depth (docs/ARCHITECTURE.md);
** previous_page corrects it near the start and bounds it by the total. A cursor without one (a
** link of an older version) reads as position 0. False when malformed or of another sort.
*/
#define CURSOR_MAX 100

static bool cursor_parse(const char *text, ListingSort s, ListingKey *key, int64_t *at)
{
    char body[CURSOR_MAX + 1];
    size_t len = strlen(text);
    if (text[0] != sort_letters[s] || len > CURSOR_MAX)
        return false;
    memcpy(body, text + 1, len); /* with its NUL */
    char *tilde = strchr(body, '~');
    *at = 0;
    if (tilde) {
        *tilde = '\0';
        if (!listing_cursor_numbers(tilde + 1, at, 1) || *at < 0)
            return false;
    }
    int64_t v[4];
    if (!listing_cursor_numbers(body, v, 4) || v[3] <= 0)
        return false;
    *key = (ListingKey){{v[0], v[1], v[2]}, v[3]};
    return true;
}

static const char *cursor_format(Arena *arena, ListingSort s, const ListingKey *k, int64_t at)
{
    return arena_printf(arena, "%c%lld.%lld.%lld.%lld~%lld", sort_letters[s], (long long)k->k[0],
                        (long long)k->k[1], (long long)k->k[2], (long long)k->id, (long long)at);
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
    if ((v = request_query(r, "state")) && *v) {
        if (strcmp(v, LISTING_STATE_OPEN) == 0)
            q->open = true;
        else if ((q->state = model_state_parse(v)) < 0)
            return bad_param(r, "state");
    }
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
        if (!cursor_parse(v, q->sort, &q->after, &q->after_at))
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

/* The inspection of id among ins[0..n) (by id), or NULL. */
static const Inspection *inspection_of(const Inspection *ins, int n, int64_t id)
{
    return view_by_id(ins, n, sizeof *ins, id);
}

/* Fill each row's lead unit and leaders from the page's names. */
static void page_names(Request *r, ListingPage *out)
{
    const IdNames *names = &out->names;
    for (int i = 0; i < out->n_rows; i++) {
        ListingRow *row = &out->rows[i];
        const Measure *m = row->measure;
        row->lead_unit = m->lead_unit_id ? idname_unit((void *)names, m->lead_unit_id) : NULL;
        if (row->lead_unit && !*row->lead_unit)
            row->lead_unit = NULL;
        Buf b = BUF_INIT;
        for (int j = 0; j < m->n_leaders; j++) {
            const char *name = idname_person((void *)names, m->leader_ids[j]);
            if (!*name)
                continue;
            if (b.len)
                buf_puts(&b, "、");
            buf_puts(&b, name);
        }
        row->leaders = arena_strndup(&r->arena, b.data, b.len);
        buf_free(&b);
    }
}

/* The store's order of a sort other than by light (which reads per light, by deadline). */
static MeasureOrder order_of(ListingSort s)
{
    switch (s) {
    case LISTING_SORT_LEDGER:
        return MEASURE_ORDER_LEDGER;
    case LISTING_SORT_STATE:
        return MEASURE_ORDER_STATE;
    case LISTING_SORT_UNIT:
        return MEASURE_ORDER_UNIT;
    default:
        return MEASURE_ORDER_DEADLINE;
    }
}

/* The lights in the order of the light sort (light_rank). */
static const Light rank_light[] = {LIGHT_RED, LIGHT_YELLOW, LIGHT_GREEN, LIGHT_CLOSED};

/* The rows of pq's page: its ids from one index range read, the rows from the thread's cache. */
static int page_rows(Request *r, const MeasurePageQuery *pq, Measure **ms, int *n)
{
    int64_t *ids;
    int n_ids;
    if (measure_store_page_ids(r->db, &r->arena, pq, &ids, &n_ids, &r->err) < 0)
        return -1;
    return listcache_rows(r, ids, n_ids, ms, n);
}

/*
** Up to want rows of q's list into *ms (*n): forwards, the rows after the cursor; backwards, the
** rows up to and including it, last first. One index range read; sorted by light, one read per
** light in deadline order, from the cursor's light on (or back), with each row's light in
** lights[] (arena array; NULL unless sorted by light).
*/
static int read_rows(Request *r, const ListingQuery *q, const MeasureFilter *f,
                     const MeasureLightDay *day, bool backward, int want, Measure **ms, int *n,
                     Light **lights)
{
    MeasurePageQuery pq = {*f, q->light, day, order_of(q->sort), q->has_after,
                           {{q->after.k[0], q->after.k[1], q->after.k[2]}, q->after.id}, want,
                           backward};
    *lights = NULL;
    if (q->sort != LISTING_SORT_LIGHT)
        return page_rows(r, &pq, ms, n);
    Measure *all = ARENA_ARRAY(&r->arena, Measure, want);
    Light *ls = ARENA_ARRAY(&r->arena, Light, want);
    int got = 0, n_ranks = (int)ARRAY_SIZE(rank_light);
    int first = q->has_after ? (int)q->after.k[0] : 0;
    if (first < 0 || first >= n_ranks)
        first = n_ranks; /* a cursor past the last light: nothing after, everything before */
    for (int k = first; got < want && (backward ? k >= 0 : k < n_ranks); k += backward ? -1 : 1) {
        if (k >= n_ranks || (q->light >= 0 && q->light != (int)rank_light[k]))
            continue;
        pq.light = (int)rank_light[k];
        pq.has_after = (q->has_after && k == first) || backward;
        pq.after = k == first && q->has_after
                       ? (MeasureKey){{q->after.k[1], 0, 0}, q->after.id}
                       : (MeasureKey){{INT32_MAX, 0, 0}, INT64_MAX}; /* backwards: all of it */
        pq.limit = want - got;
        Measure *part;
        int n_part;
        if (page_rows(r, &pq, &part, &n_part) < 0)
            return -1;
        memcpy(all + got, part, (size_t)n_part * sizeof *part);
        for (int i = 0; i < n_part; i++)
            ls[got + i] = rank_light[k];
        got += n_part;
    }
    *ms = all;
    *n = got;
    *lights = ls;
    return 0;
}

int64_t listing_rows_before(int64_t carried, int back, int limit, int64_t total, int n)
{
    int64_t at = back <= limit ? back : carried > limit ? carried : limit + 1;
    if (at > total - n)
        at = total - n;
    return at < 0 ? 0 : at;
}

/*
** The previous page of out (whose cursor is q's), from one backward read: whether there is one,
** the cursor that leads to it (NULL when it is the first page), and out's position (its n rows
** read, *before: the rows before them; listing_rows_before).
*/
static int previous_page(Request *r, const ListingQuery *q, const MeasureFilter *f,
                         const MeasureLightDay *day, int n, ListingPage *out, int64_t *before)
{
    Measure *back = NULL;
    Light *lights = NULL;
    int nb = 0;
    if (q->has_after && read_rows(r, q, f, day, true, q->limit + 1, &back, &nb, &lights) < 0)
        return -1;
    int64_t at = listing_rows_before(q->after_at, nb, q->limit, out->total, n);
    out->has_prev = nb > 0;
    if (nb > q->limit) {
        ListingKey k = listing_key(q->sort, &back[q->limit], lights ? lights[q->limit] : LIGHT_GREEN);
        out->prev = cursor_format(&r->arena, q->sort, &k, at - q->limit);
    }
    out->first = out->n_rows > 0 ? (int)at + 1 : 0;
    *before = at;
    return 0;
}

/*
** The day from which the page's rows need their report days read, or DAY_NONE: a row carries
** its latest report day, which answers ledger_light for the request's day unless it comes after
** it (a light for a past day); then every row's days are read again (lights look at the current
** cycle only, a month at the most: two months are plenty).
*/
static Day reports_since(const Request *r, const Measure *ms, int n)
{
    bool later = false;
    for (int i = 0; i < n; i++)
        later |= ms[i].n_reports > 0 && ms[i].report_days[0] > r->today;
    return later ? r->today - LISTING_REPORT_DAYS : DAY_NONE;
}

int listing_filter(Request *r, const ListingQuery *q, MeasureFilter *f)
{
    *f = (MeasureFilter)MEASURE_FILTER_ALL;
    f->inspection_id = q->inspection_id;
    f->unit_id = q->unit_id;
    f->leader_id = q->leader_id;
    f->state = q->state;
    f->text = q->text;
    f->open = q->open;
    return access_scope(&r->user, f) ? 0 : -1;
}

int listing_count(Request *r, const ListingQuery *q, int64_t *n)
{
    MeasureFilter f;
    *n = 0;
    if (listing_filter(r, q, &f) < 0)
        return 0; /* nothing visible */
    MeasureLightDay day;
    ledger_light_day(r->today, &day);
    if (listcache_count(r, &f, q->light, &day, n) < 0) {
        route_fail_err(r, &r->err);
        return -1;
    }
    return 0;
}

int listing_measures(Request *r, const ListingQuery *q, ListingPage *out)
{
    memset(out, 0, sizeof *out);
    MeasureFilter f;
    if (listing_filter(r, q, &f) < 0)
        return 0; /* nothing visible: an empty list, not an error */
    MeasureLightDay day;
    ledger_light_day(r->today, &day);
    int64_t total;
    if (listcache_count(r, &f, q->light, &day, &total) < 0)
        goto fail;
    out->total = (int)total;

    /* One row more than the page tells whether another page follows. */
    Measure *ms;
    int n;
    Light *lights;
    if (read_rows(r, q, &f, &day, false, q->limit + 1, &ms, &n, &lights) < 0)
        goto fail;
    bool more = n > q->limit;
    if (more)
        n = q->limit;

    /* The rules of the page's inspections, by their distinct ids (a page of one inspection asks
       for one id, not 25 copies of it), from the thread's cache or one query. */
    int64_t *ins_ids = ARENA_ARRAY(&r->arena, int64_t, n + 1);
    int n_ids = 0;
    for (int i = 0; i < n; i++) {
        int k = 0;
        while (k < n_ids && ins_ids[k] != ms[i].inspection_id)
            k++;
        if (k == n_ids)
            ins_ids[n_ids++] = ms[i].inspection_id;
    }
    Inspection *ins = NULL;
    int n_ins = 0;
    if (n && listcache_inspections(r, ins_ids, n_ids, &ins, &n_ins) < 0)
        goto fail;

    Measure **page = ARENA_ARRAY(&r->arena, Measure *, n + 1);
    for (int i = 0; i < n; i++)
        page[i] = &ms[i];
    /* The owners from the thread's cache; with the report days, when those must be read
       again (a light for a past day), in the one parts query. */
    Day since = reports_since(r, ms, n);
    if ((since == DAY_NONE ? listcache_owners(r, page, n)
                           : view_store_parts(r->db, &r->arena, page, n, since, &r->err)) < 0 ||
        listcache_names(r, page, n, &out->names) < 0)
        goto fail;
    out->rows = ARENA_ARRAY(&r->arena, ListingRow, n + 1);
    ListingKey last = {{0, 0, 0}, 0};
    for (int i = 0; i < n; i++) {
        const Inspection *in = inspection_of(ins, n_ins, ms[i].inspection_id);
        ListingRow *row = &out->rows[out->n_rows];
        LightRules rules = in ? ledger_rules(in) : (LightRules){7, CYCLE_MONTHLY, 0, DAY_NONE};
        row->measure = &ms[i];
        row->light = ledger_light(&ms[i], &rules, r->today, &row->why);
        last = listing_key(q->sort, &ms[i], row->light);
        /* A unit's measure in an inspection it may not read stays out (it still moves the
           cursor, so the next page goes on after it). */
        if (!in || !access_inspection(&r->user, in))
            continue;
        out->n_rows++;
    }
    int64_t before;
    if (previous_page(r, q, &f, &day, n, out, &before) < 0)
        goto fail;
    if (more)
        out->next = cursor_format(&r->arena, q->sort, &last, before + n);
    page_names(r, out);
    return 0;
fail:
    route_fail_err(r, &r->err);
    return -1;
}
