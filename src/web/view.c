/*
** view.c: shared pieces of the ledger pages and the per-thread ledger cache (view.h).
**
** The cache: computing one inspection's statistics (load 300 measures with their report days,
** lights, rates, problem statuses) costs about 3 ms, too much for the tree and units pages,
** which must answer in under 5 ms at p99 (the dashboard keeps only figures: dash.c). Each worker
** thread keeps the last few results in its own cache, reached through a pthread key, so no two
** threads ever share a mutable entry and no lock is needed.
** An entry is keyed by (inspection, day, scope, data version); the data version is the newest
** audit sequence number, and every state change writes an audit row in its transaction, so a
** write on any thread makes every thread's entries stale at once.
*/
#include "web/view.h"

#include "base/hash.h"

#include "ledger/loop.h"

#include "db/measure_store.h"
#include "web/access.h"
#include "web/html.h"
#include "web/listing.h"
#include "web/routes.h"

#include <pthread.h>
#include <stdatomic.h>

#define VIEW_CACHE_SLOTS 4

typedef struct CacheSlot {
    ViewSlot slot;         /* key and use (valid: holds a computed ledger) */
    Arena arena;           /* everything of view */
    ViewLedger view;       /* the result */
} CacheSlot;

typedef struct ViewCache {
    CacheSlot slots[VIEW_CACHE_SLOTS]; /* a few inspections at once */
    uint64_t tick;                     /* use counter */
} ViewCache;

static void cache_free(void *p)
{
    ViewCache *c = p;
    for (int i = 0; i < VIEW_CACHE_SLOTS; i++)
        arena_free(&c->slots[i].arena);
    free(c);
}

static ViewThreadKey cache_key = {.destroy = cache_free, .size = sizeof(ViewCache)};

static pthread_mutex_t keys_lock = PTHREAD_MUTEX_INITIALIZER;

void *view_thread_value(ViewThreadKey *k)
{
    if (!atomic_load_explicit(&k->made, memory_order_acquire)) {
        pthread_mutex_lock(&keys_lock);
        if (!atomic_load_explicit(&k->made, memory_order_relaxed)) {
            if (pthread_key_create(&k->key, k->destroy) != 0)
                BUG("pthread_key_create failed");
            atomic_store_explicit(&k->made, true, memory_order_release);
        }
        pthread_mutex_unlock(&keys_lock);
    }
    void *v = pthread_getspecific(k->key);
    if (!v) {
        v = xcalloc(1, k->size);
        pthread_setspecific(k->key, v);
    }
    return v;
}

void view_party_ids(Arena *arena, const Measure *const *ms, int n, ViewPartyIds *out)
{
    int nu = 0, np = 0;
    for (int i = 0; i < n; i++) {
        nu += 1 + ms[i]->n_co_units;
        np += ms[i]->n_leaders;
    }
    out->units = ARENA_ARRAY(arena, int64_t, nu + 1);
    out->persons = ARENA_ARRAY(arena, int64_t, np + 1);
    out->n_units = out->n_persons = 0;
    for (int i = 0; i < n; i++) {
        out->units[out->n_units++] = ms[i]->lead_unit_id;
        for (int k = 0; k < ms[i]->n_co_units; k++)
            out->units[out->n_units++] = ms[i]->co_unit_ids[k];
        for (int k = 0; k < ms[i]->n_leaders; k++)
            out->persons[out->n_persons++] = ms[i]->leader_ids[k];
    }
}

/*
** The scoped ledger of inspection `in` for r's user on r->today into arena (scope_unit as
** view_scope_unit). Returns 0, or -1 with err set (no reply sent).
*/
static int ledger_fill(Request *r, const Inspection *in, int64_t scope_unit, Arena *arena,
                       ViewLedger *v, Err *err)
{
    memset(v, 0, sizeof *v);
    if (ledger_load(r->db, arena, in->id, &v->ledger, err) < 0)
        return -1;
    v->scope_unit = scope_unit;
    Ledger *l = &v->ledger;
    if (scope_unit) {
        int kept = 0;
        for (int i = 0; i < l->n_measures; i++)
            if (access_measure(&r->user, &l->in, &l->measures[i]))
                l->measures[kept++] = l->measures[i];
        l->n_measures = kept;
    }
    /* The names its measures mention, not every unit and person of the platform. */
    const Measure **ms = ARENA_ARRAY(arena, const Measure *, l->n_measures + 1);
    for (int i = 0; i < l->n_measures; i++)
        ms[i] = &l->measures[i];
    ViewPartyIds ids;
    view_party_ids(arena, ms, l->n_measures, &ids);
    if (view_store_names(r->db, arena, VIEW_UNITS, ids.units, ids.n_units, &v->units,
                         &v->n_units, err) < 0 ||
        view_store_names(r->db, arena, VIEW_PERSON_POSTS, ids.persons, ids.n_persons,
                         &v->persons, &v->n_persons, err) < 0)
        return -1;
    v->rules = ledger_rules(&v->ledger.in);
    ledger_stats(&v->ledger.in, v->ledger.findings, v->ledger.n_findings, v->ledger.measures,
                 v->ledger.n_measures, r->today, arena, &v->stats);
    return 0;
}

/* Compute the scoped ledger of in into slot s (its arena emptied first). */
static int compute(Request *r, const Inspection *in, CacheSlot *s, Err *err)
{
    arena_free(&s->arena);
    return ledger_fill(r, in, s->slot.scope_unit, &s->arena, &s->view, err);
}

int64_t view_scope_unit(const Request *r)
{
    return access_unit_only(&r->user) ? r->user.unit_id : 0;
}

ViewSlot *view_slot(Request *r, const Inspection *in, void *base, size_t size, int n,
                    uint64_t *tick, bool *hit)
{
    return view_slot_variant(r, in, NULL, base, size, n, tick, hit);
}

ViewSlot *view_slot_variant(Request *r, const Inspection *in, const char *variant, void *base,
                            size_t size, int n, uint64_t *tick, bool *hit)
{
    uint64_t key = 0;
    if (variant) {
        char hex[HASH_HEX_SIZE];
        hash_sha256_hex(variant, strlen(variant), hex);
        for (int i = 0; i < 16; i++)
            key = key << 4 | (uint64_t)(hex[i] <= '9' ? hex[i] - '0' : hex[i] - 'a' + 10);
    }
    int64_t version;
    if (request_audit_version(r, &version) < 0) {
        route_fail_err(r, &r->err);
        return NULL;
    }
    int64_t scope = view_scope_unit(r);
    ViewSlot *found = NULL, *victim = base, *stale = NULL;
    for (int i = 0; i < n; i++) {
        ViewSlot *s = (ViewSlot *)((char *)base + (size_t)i * size);
        if (s->valid && s->inspection_id == in->id && s->today == r->today &&
            s->scope_unit == scope && s->variant == key)
            *(s->version == version ? &found : &stale) = s;
        if (!s->valid || (victim->valid && s->used < victim->used))
            victim = s;
    }
    /* The same result at an older version is of no more use, and what it kept may be brought
       up to date (dash.c's measures). */
    if (stale)
        victim = stale;
    *hit = found != NULL;
    if (!found) {
        found = victim;
        *found = (ViewSlot){false, in->id, r->today, scope, version, key, 0};
    }
    found->used = ++*tick;
    return found;
}

const ViewLedger *view_ledger(Request *r, const Inspection *in)
{
    Err err = ERR_INIT;
    ViewCache *c = view_thread_value(&cache_key);
    bool hit;
    CacheSlot *s = (CacheSlot *)view_slot(r, in, c->slots, sizeof c->slots[0], VIEW_CACHE_SLOTS,
                                          &c->tick, &hit);
    if (!s)
        return NULL;
    if (!hit) {
        if (compute(r, in, s, &err) < 0) {
            arena_free(&s->arena);
            route_fail_err(r, &err);
            return NULL;
        }
        s->slot.valid = true;
    }
    return &s->view;
}

/*
** Every inspection: lists, lights and the inspection selector read it on most requests, so each
** thread keeps its own copy (the same reasoning as the ledger cache above). When the data version
** moves, the inspection table's count of changes (migrate_inspection_seq.sql) says whether the
** copy is still current, so a progress report costs one row, not all inspections again.
** Requests borrow the copy rather than copy it: a refresh hands the old one's arena to the
** request that refreshed (arena_adopt), so what any call of that request returned stays valid
** until it ends, and a later request on the thread sees only the new one.
*/
/*
** Which of them one kind of user sees: access_inspection reads only the roles, the organisation
** and the unit, so users alike share an entry. A nation's office sees its own few of 3,000
** inspections; walking all of them per request cost more than the rest of its list page, and
** copying the observer's 3,000 into each request did too.
*/
typedef struct VisibleSlot {
    bool valid;
    unsigned roles;
    int64_t org_unit_id, unit_id;
    Arena arena;      /* list: each slot its own, so that a thread's many kinds of users (a unit
                         user is one kind per unit) do not pile lists up until the next refresh */
    Inspection *list; /* the records of InspectionCache.all the user sees, in its order */
    int n;
} VisibleSlot;
enum { VISIBLE_SLOTS = 8 };

typedef struct InspectionCache {
    bool valid;         /* all/n hold the inspections of seq, still current at version */
    int64_t version[2]; /* the data version they were last known current at */
    int64_t seq;        /* the inspection table's count of changes they were read at */
    Arena arena;        /* the records and their strings */
    Inspection *all;    /* by id */
    int n;
    VisibleSlot visible[VISIBLE_SLOTS]; /* emptied on a refresh */
    unsigned next;                      /* the slot a new kind of user takes */
} InspectionCache;

static void inspections_free(void *p)
{
    InspectionCache *c = p;
    arena_free(&c->arena);
    for (int i = 0; i < VISIBLE_SLOTS; i++)
        arena_free(&c->visible[i].arena);
    free(c);
}

/* Empty slot v, its list handed to r (which may hold it: view_inspections). */
static void visible_drop(Request *r, VisibleSlot *v)
{
    arena_adopt(&r->arena, &v->arena);
    memset(v, 0, sizeof *v);
}

static ViewThreadKey inspections_key = {.destroy = inspections_free,
                                        .size = sizeof(InspectionCache)};

int view_inspection_cache(Request *r, const Inspection **all, int *n)
{
    InspectionCache *c = view_thread_value(&inspections_key);
    int64_t version[2];
    if (request_data_version(r, version) < 0)
        return -1;
    if (!c->valid || c->version[0] != version[0] || c->version[1] != version[1]) {
        /* Something was written: the inspections again only when one of them changed. */
        int64_t seq;
        if (view_store_inspection_seq(r->db, &seq, &r->err) < 0)
            return -1;
        if (!c->valid || seq != c->seq) {
            arena_adopt(&r->arena, &c->arena);
            c->valid = false;
            for (int i = 0; i < VISIBLE_SLOTS; i++)
                visible_drop(r, &c->visible[i]);
            if (view_store_inspections(r->db, &c->arena, NULL, 0, &c->all, &c->n, &r->err) < 0) {
                arena_free(&c->arena);
                return -1;
            }
            c->valid = true;
            c->seq = seq;
        }
        c->version[0] = version[0];
        c->version[1] = version[1];
    }
    *all = c->all;
    *n = c->n;
    return 0;
}

/* The inspections r's user sees, from this thread's cache (filled on a miss). */
static const VisibleSlot *visible_of(Request *r)
{
    InspectionCache *c = view_thread_value(&inspections_key);
    const User *u = &r->user;
    for (int i = 0; i < VISIBLE_SLOTS; i++) {
        const VisibleSlot *v = &c->visible[i];
        if (v->valid && v->roles == u->roles && v->org_unit_id == u->org_unit_id &&
            v->unit_id == u->unit_id)
            return v;
    }
    int *at = ARENA_ARRAY(&r->arena, int, c->n + 1), n = 0;
    for (int i = 0; i < c->n; i++)
        if (access_inspection(u, &c->all[i]))
            at[n++] = i;
    VisibleSlot *v = &c->visible[c->next++ % VISIBLE_SLOTS];
    visible_drop(r, v);
    *v = (VisibleSlot){true, u->roles, u->org_unit_id, u->unit_id, ARENA_INIT, NULL, n};
    v->list = ARENA_ARRAY(&v->arena, Inspection, n + 1);
    for (int k = 0; k < n; k++)
        v->list[k] = c->all[at[k]]; /* its strings stay the cache's */
    return v;
}

int view_inspections(Request *r, const Inspection **out, int *n)
{
    const Inspection *all;
    int n_all;
    if (view_inspection_cache(r, &all, &n_all) < 0) {
        route_fail_err(r, &r->err);
        return -1;
    }
    const char *find = request_query(r, "inspection_q");
    if (find && strlen(find) > VIEW_FIND_MAX) {
        route_fail(r, 400, "bad_request", "inspection_q is too long");
        return -1;
    }
    const VisibleSlot *v = visible_of(r);
    *out = v->list;
    *n = v->n;
    return 0;
}

int view_inspections_after(const Inspection *list, int n, int64_t after, int limit, int *start,
                           bool *more)
{
    int lo = 0, hi = n; /* the first id after `after` */
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (list[mid].id <= after)
            lo = mid + 1;
        else
            hi = mid;
    }
    *start = lo;
    int count = n - lo < limit ? n - lo : limit;
    *more = lo + count < n;
    return count;
}

int view_pick_inspection(Request *r, const Inspection **list, int *n, Inspection *out)
{
    int64_t id;
    if (request_query_id(r, "inspection", &id) < 0) {
        route_fail(r, 400, "bad_request", "inspection must be a positive id");
        return -1;
    }
    if (view_inspections(r, list, n) < 0)
        return -1;
    memset(out, 0, sizeof *out);
    if (id)
        return access_inspection_or_reply(r, id, out) ? 0 : -1;
    if (*n > 0)
        *out = (*list)[0];
    return 0;
}

static void id_option(Request *r, int64_t id, const char *label, int64_t current)
{
    html_option(&r->out, arena_printf(&r->arena, "%lld", (long long)id), label, id == current);
}

/*
** The select of inspections (field "inspection") over list[0..n), "全部" first when all is set.
** A reader of a province sees thousands: past VIEW_PICK_MAX the select holds the current one and
** the first VIEW_PICK_MAX whose titles contain ?inspection_q= (the newest without it), and a
** search field follows it, so that the page costs its selector, not the ledger.
*/
static void inspection_select(Request *r, const Inspection *list, int n, int64_t current, bool all)
{
    Buf *h = &r->out;
    HTML(h, "<label>整改事项 <select name=\"inspection\">");
    if (all)
        html_option(h, "", "全部", current == 0);
    if (n <= VIEW_PICK_MAX) {
        for (int i = 0; i < n; i++)
            id_option(r, list[i].id, list[i].title, current);
        HTML(h, "</select></label>");
        return;
    }
    const Inspection *cur = view_by_id(list, n, sizeof *list, current);
    if (cur)
        id_option(r, cur->id, cur->title, current);
    const char *find = request_query(r, "inspection_q");
    int shown = 0, matched = 0;
    for (int k = 0; k < n; k++) {
        const Inspection *in = find && *find ? &list[k] : &list[n - 1 - k];
        if (in == cur || (find && *find && !strstr(in->title, find)))
            continue;
        if (shown < VIEW_PICK_MAX) {
            id_option(r, in->id, in->title, current);
            shown++;
        }
        matched++;
    }
    HTML_TEXT(h,
              "</select></label> <label>查找 <input type=\"search\" name=\"inspection_q\" value=\"",
              find ? find : "", "\" placeholder=\"整改事项名称\"></label>");
    if (find && *find)
        HTML_INT(h, "<span class=\"hint\">匹配 ", matched, " 项");
    else
        HTML_INT(h, "<span class=\"hint\">共 ", n, " 项");
    HTML_INT(h, "，列出 ", shown, " 项</span>");
}

void view_inspection_selector(Request *r, const Inspection *list, int n, int64_t current)
{
    Buf *h = &r->out;
    if (n < 2)
        return;
    HTML(h, "<form class=\"picker\" method=\"get\">");
    inspection_select(r, list, n, current, false);
    HTML(h, " <button type=\"submit\">切换</button></form>");
}

static int cmp_first_id(const void *key, const void *elem)
{
    int64_t a = *(const int64_t *)key, b;
    memcpy(&b, elem, sizeof b);
    return (a > b) - (a < b);
}

const void *view_by_id(const void *base, int n, size_t size, int64_t id)
{
    return n > 0 ? bsearch(&id, base, (size_t)n, size, cmp_first_id) : NULL;
}

const char *view_name(const IdName *names, int n, int64_t id)
{
    const IdName *hit = view_by_id(names, n, sizeof *names, id);
    return hit ? hit->name : "—";
}

void view_names(Buf *h, const IdName *names, int n, const int64_t *ids, int n_ids)
{
    if (n_ids == 0)
        buf_puts(h, "—");
    for (int i = 0; i < n_ids; i++) {
        if (i)
            buf_puts(h, "、");
        html_text(h, view_name(names, n, ids[i]));
    }
}

void view_light(Buf *h, Light l)
{
    HTML_TEXT(h, "<span class=\"lamp\"><span class=\"light ", ledger_light_name(l), "\"></span>");
    html_text(h, ledger_light_label(l));
    HTML(h, "</span>");
}

void view_state(Buf *h, MeasureState s)
{
    HTML_TEXT(h, "<span class=\"tag state-", model_state_name(s), "\">");
    html_text(h, model_state_label(s));
    HTML(h, "</span>");
}

void view_why(Buf *h, unsigned why)
{
    bool first = true;
    for (int i = 0; i < REASON__COUNT; i++) {
        if (!(why & (1u << i)))
            continue;
        if (!first)
            buf_puts(h, "、");
        buf_puts(h, vocab_label(VOCAB_WHY, i));
        first = false;
    }
}

const char *view_event_label(const char *action)
{
    if (!action)
        return "";
    int a = workflow_action_parse(action);
    if (a >= 0)
        return workflow_action_label((Action)a);
    int l = loop_action_parse(action);
    if (l >= 0)
        return loop_action_label((LoopAction)l);
    return vocab_label_of(VOCAB_EVENT, action, action);
}

const char *view_state_name_label(const char *name)
{
    if (!name)
        return NULL;
    int s = model_state_parse(name);
    return s < 0 ? name : model_state_label((MeasureState)s);
}

bool view_open(const Measure *m)
{
    return m->state != STATE_CLOSED && m->state != STATE_PHASE_COMPLETE;
}

void view_td(Buf *h, const char *label)
{
    HTML(h, "<td data-label=\"");
    html_text(h, label);
    HTML(h, "\">");
}

void view_pager(Buf *h, bool full, const char *href, const char *key, int64_t last,
                const char *text)
{
    if (!full)
        return;
    HTML(h, "<nav class=\"pager\"><a rel=\"next\" href=\"");
    html_text(h, href);
    if (strchr(href, '?'))
        HTML(h, "&amp;");
    else
        HTML(h, "?");
    html_text(h, key);
    HTML(h, "=");
    html_int(h, last);
    HTML(h, "\">");
    html_text(h, text);
    HTML(h, "</a></nav>");
}

/*
** A select of name over the choices[0..n) (by id), "全部" first; the chosen id when it is not
** among them, by its name from table.
*/
static void party_select(Request *r, const char *name, const char *label, const IdName *choices,
                         int n, ViewTable table, int64_t current)
{
    Buf *h = &r->out;
    HTML(h, "<label>");
    html_text(h, label);
    HTML(h, " <select name=\"");
    html_text(h, name);
    HTML(h, "\">");
    html_option(h, "", "全部", current == 0);
    bool seen = current == 0;
    for (int i = 0; i < n; i++) {
        id_option(r, choices[i].id, choices[i].name, current);
        seen = seen || choices[i].id == current;
    }
    if (!seen) {
        IdName *one = NULL;
        int n_one = 0;
        Err err = ERR_INIT;
        view_store_names(r->db, &r->arena, table, &current, 1, &one, &n_one, &err);
        id_option(r, current, view_name(one, n_one, current), current);
    }
    HTML(h, "</select></label>");
}

void view_filter_form(Request *r, const ListingQuery *q, const ViewChoices *c,
                      const Inspection *list, int n_list)
{
    Buf *h = &r->out;
    HTML(h, "<form class=\"filters\" method=\"get\">");
    if (list)
        inspection_select(r, list, n_list, q->inspection_id, true);
    /* Without an inspection the lists would hold every unit: show the chosen one only. */
    static const ViewChoices none;
    if (!c)
        c = &none;
    party_select(r, "unit", c == &none ? "单位" : "牵头单位", c->units, c->n_units, VIEW_UNITS,
                 q->unit_id);
    party_select(r, "leader", "责任领导", c->leaders, c->n_leaders,
                 c == &none ? VIEW_PERSONS : VIEW_PERSON_POSTS, q->leader_id);
    HTML(h, "<label>状态 <select name=\"state\">");
    html_option(h, "", "全部", q->state < 0);
    view_state_options(h, q);
    HTML(h, "</select></label>");
    view_light_select(h, q);
    HTML_TEXT(h, "<label>关键词 <input type=\"search\" name=\"q\" value=\"", q->text,
              "\" placeholder=\"措施内容\"></label>");
    view_sort_select(h, q);
    HTML(h, "<button type=\"submit\">筛选</button></form>");
}

void view_state_options(Buf *h, const struct ListingQuery *q)
{
    for (int s = 0; s < STATE__COUNT; s++)
        html_option(h, model_state_name((MeasureState)s), model_state_label((MeasureState)s),
                    q->state == s);
}

void view_light_select(Buf *h, const struct ListingQuery *q)
{
    static const Light lights[] = {LIGHT_RED, LIGHT_YELLOW, LIGHT_GREEN, LIGHT_CLOSED};
    HTML(h, "<label>亮灯 <select name=\"light\">");
    html_option(h, "", "全部", q->light < 0);
    for (size_t i = 0; i < ARRAY_SIZE(lights); i++)
        html_option(h, ledger_light_name(lights[i]), ledger_light_label(lights[i]),
                    q->light == (int)lights[i]);
    HTML(h, "</select></label>");
}

void view_sort_select(Buf *h, const struct ListingQuery *q)
{
    HTML(h, "<label>排序 <select name=\"sort\">");
    for (int s = 0; s < LISTING_SORT__COUNT; s++)
        html_option(h, listing_sort_name((ListingSort)s), listing_sort_label((ListingSort)s),
                    q->sort == (ListingSort)s);
    HTML(h, "</select></label>");
}

/* Append "&amp;name=value" for an attribute (no separator right after "?"). */
void view_query_pair(Buf *h, const char *name, const char *value)
{
    if (h->len && h->data[h->len - 1] != '?')
        buf_puts(h, "&amp;");
    buf_puts(h, name);
    buf_putc(h, '=');
    html_url(h, value);
}

void view_filter_query(Buf *h, const ListingQuery *q)
{
    char num[24];
    if (q->inspection_id) {
        snprintf(num, sizeof num, "%lld", (long long)q->inspection_id);
        view_query_pair(h, "inspection", num);
    }
    if (q->unit_id) {
        snprintf(num, sizeof num, "%lld", (long long)q->unit_id);
        view_query_pair(h, "unit", num);
    }
    if (q->leader_id) {
        snprintf(num, sizeof num, "%lld", (long long)q->leader_id);
        view_query_pair(h, "leader", num);
    }
    if (q->open)
        view_query_pair(h, "state", LISTING_STATE_OPEN);
    else if (q->state >= 0)
        view_query_pair(h, "state", model_state_name((MeasureState)q->state));
    if (q->light >= 0)
        view_query_pair(h, "light", ledger_light_name((Light)q->light));
    if (q->text)
        view_query_pair(h, "q", q->text);
    view_query_pair(h, "sort", listing_sort_name(q->sort));
    if (q->limit != LISTING_PAGE_SIZE) {
        snprintf(num, sizeof num, "%d", q->limit);
        view_query_pair(h, "limit", num);
    }
}

/* One link of a pager: href, then after=cursor when given, then the fragment. */
static void pager_link(Buf *h, const char *rel, const Buf *href, const char *cursor,
                       const char *fragment, const char *text)
{
    HTML(h, "<a");
    if (rel)
        HTML_TEXT(h, " rel=\"", rel, "\"");
    HTML(h, " href=\"");
    buf_append(h, href->data, href->len); /* written by the html_* functions: escaped */
    if (cursor) {
        HTML(h, "&amp;after=");
        html_url(h, cursor);
    }
    html_text(h, fragment);
    HTML_TEXT(h, "\">", text, "</a>");
}

void view_list_pager(Buf *h, const ListingPage *p, const Buf *href, const char *fragment)
{
    HTML(h, "<nav class=\"pager\" aria-label=\"翻页\">");
    if (p->has_prev) {
        pager_link(h, NULL, href, NULL, fragment, "第一页");
        pager_link(h, "prev", href, p->prev, fragment, "上一页");
    }
    if (p->n_rows > 0) {
        HTML_INT(h, "<span class=\"position\">第 ", p->first, "–");
        HTML_INT(h, "", p->first + p->n_rows - 1, " 条，共 ");
        HTML_INT(h, "", p->total, " 条</span>");
    }
    if (p->next)
        pager_link(h, "next", href, p->next, fragment, "下一页");
    HTML(h, "</nav>");
}

/* A cell with the rate part / whole as a percentage. */
static void rate_cell(Buf *h, const char *label, int64_t part, int64_t whole)
{
    view_td(h, label);
    html_percent(h, ledger_rate(part, whole));
    HTML(h, "</td>");
}

void view_rates_head(Buf *h, bool unit)
{
    HTML_TEXT(h, "<table class=\"responsive rates\"><thead><tr><th>", unit ? "牵头单位" : "责任领导",
              "</th><th>措施</th><th>已完成</th><th>完成率</th><th>逾期</th><th>红灯</th>"
              "<th>黄灯</th><th>按时报送率</th></tr></thead><tbody>");
}

void view_rate_row(Buf *h, const Rate *rt, const char *name, bool unit, bool link,
                   int64_t inspection_id)
{
    const char *who = unit ? "牵头单位" : "责任领导";
    HTML(h, "<tr>");
    view_td(h, who);
    if (link) {
        HTML_INT(h, "<a href=\"/units/", rt->id, "?inspection=");
        HTML_INT(h, "", inspection_id, "\">");
        HTML_TEXT(h, "", name, "</a>");
    } else {
        html_text(h, name);
    }
    HTML(h, "</td>");
    view_cell_int(h, "措施", rt->total);
    view_cell_int(h, "已完成", rt->closed);
    rate_cell(h, "完成率", rt->closed, rt->total);
    view_cell_int(h, "逾期", rt->overdue);
    view_cell_int(h, "红灯", rt->red);
    view_cell_int(h, "黄灯", rt->yellow);
    rate_cell(h, "按时报送率", rt->on_time_reports, rt->expected_reports);
    HTML(h, "</tr>");
}

void view_measure_cells(Buf *h, Light light, const Measure *m)
{
    view_td(h, "亮灯");
    view_light(h, light);
    HTML(h, "</td>");
    view_td(h, "整改措施");
    view_measure_link(h, m->id, NULL, m->label, m->title);
    HTML(h, "</td>");
}

void view_measure_link(Buf *h, int64_t id, const char *rest, const char *label, const char *title)
{
    HTML(h, "<a href=\"/measures/");
    html_int(h, id);
    html_text(h, rest);
    HTML_TEXT(h, "\">", label, "");
    html_text(h, title);
    HTML(h, "</a>");
}

void view_fact(Buf *h, const char *label)
{
    HTML(h, "<dt>");
    html_text(h, label);
    HTML(h, "</dt><dd>");
}

void view_fact_end(Buf *h)
{
    HTML(h, "</dd>");
}

void view_fact_text(Buf *h, const char *label, const char *text)
{
    view_fact(h, label);
    html_text(h, text && *text ? text : "—");
    view_fact_end(h);
}

void view_role_tags(Buf *h, unsigned roles)
{
    if (!roles)
        HTML(h, "<span class=\"muted\">未授权</span>");
    for (int i = 0; i < ROLE__COUNT; i++)
        if (roles & ROLE_BIT(i)) {
            HTML(h, "<span class=\"tag\">");
            html_text(h, model_role_label((Role)i));
            HTML(h, "</span> ");
        }
}

void view_cell_link(Buf *h, const char *label, const char *path, int64_t id, const char *text)
{
    view_td(h, label);
    html_link(h, path, id, NULL, text);
    HTML(h, "</td>");
}

void view_cell_text(Buf *h, const char *label, const char *text)
{
    view_td(h, label);
    html_text(h, text);
    HTML(h, "</td>");
}

void view_cell_int(Buf *h, const char *label, int64_t v)
{
    view_td(h, label);
    html_int(h, v);
    HTML(h, "</td>");
}

void view_table_begin(Buf *h, const char *cls, const char *const *heads, unsigned num)
{
    HTML_TEXT(h, "<table class=\"", cls, "\"><thead><tr>");
    for (int i = 0; heads[i]; i++) {
        if (num & (1u << i))
            HTML_TEXT(h, "<th class=\"num\">", heads[i], "</th>");
        else
            HTML_TEXT(h, "<th>", heads[i], "</th>");
    }
    HTML(h, "</tr></thead><tbody>");
}

void view_table_end(Buf *h, int n, const char *empty)
{
    HTML(h, "</tbody></table>");
    if (!n)
        HTML_TEXT(h, "<p class=\"empty\">", empty, "</p>");
}

const char *view_word(const ViewWord *words, size_t n, const char *name)
{
    for (size_t i = 0; name && i < n; i++)
        if (strcmp(words[i].name, name) == 0)
            return words[i].label;
    return NULL;
}
