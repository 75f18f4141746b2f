/*
** listcache.c: a page's rows, owners, unit and person names and its inspections from a per-thread
** cache (listcache.h).
**
** A list of 25 measures shows about 60 names (lead units, co-units, leaders) and needs its
** inspections' rules for the lights. Its rows' leaders and co-units cost about 2,600
** instructions a row in the parts query (a primary-key range read per row and part, through
** json_each), 40% of a list request once the rest was trimmed; the same pages are read again
** and again between two writes, so the owners are kept per measure too. Joining the names in
** the page's parts query cost a table lookup and a string copy per row on every request, and
** the same few hundred names and the same inspection come back on every page. Each worker thread keeps an open-addressing table per
** kind (unit, person) from id to name, reached through a pthread key, so no two threads share a
** mutable entry and no lock is taken; the inspections come from the thread's one cache of them
** (view_inspection_cache). Entries hold while the data version (request_data_version: any
** commit moves it) is the one they were read at; a new version, or a full table, empties the
** cache. Memory is bounded: two tables of NAMES_SLOTS entries with the names of at most three
** quarters of them, and a table of OWNERS_SLOTS measures' owner ids, at most three quarters full.
** The page rows themselves are kept the same way (ROWS_SLOTS measures): a page's SQL is then the
** index range of its ids, and reading 26 rows' columns (a table seek, 27 columns and the open
** supervision's subquery each) was half of a list request's SQL.
*/
#include "web/listcache.h"

#include "db/view_store.h"
#include "web/view.h"

#define NAMES_SLOTS 2048 /* per kind; a power of two */
#define NAMES_FULL (NAMES_SLOTS / 4 * 3)
#define OWNERS_SLOTS 4096 /* measures whose owners are kept; a power of two */
#define OWNERS_FULL (OWNERS_SLOTS / 4 * 3)
#define ROWS_SLOTS 2048 /* measures whose page rows are kept; a power of two */
#define ROWS_FULL (ROWS_SLOTS / 4 * 3)
#define TALLY_SLOTS 16  /* inspections whose tally by state is kept */

typedef struct NameSlot {
    int64_t id;       /* 0: empty */
    const char *name; /* in the cache's arena; NULL: no such row */
} NameSlot;

typedef struct NameTable {
    NameSlot slots[NAMES_SLOTS]; /* open addressing, linear probing */
    int n;                       /* slots in use */
    int used[NAMES_FULL];        /* their places in slots (what a reset empties) */
} NameTable;

/* One measure's leaders and co-units as view_store_parts reads them (ascending by id). */
typedef struct OwnerSlot {
    int64_t id;            /* the measure; 0: empty */
    int64_t *leader_ids;   /* in the cache's arena */
    int n_leaders;
    int64_t *co_unit_ids;  /* in the cache's arena */
    int n_co_units;
} OwnerSlot;

/* One measure's row as measure_store_page_rows reads it (strings in the cache's arena). */
typedef struct RowSlot {
    int64_t id; /* the measure; 0: empty */
    Measure m;
} RowSlot;

/* One inspection's measures in force per state (measure_store_tally). */
typedef struct TallySlot {
    int64_t inspection_id;
    int64_t by_state[STATE__COUNT + 1];
} TallySlot;

typedef struct NameCache {
    bool valid;                       /* tables hold what was read at version */
    int64_t version[2];               /* the data version they were read at */
    Arena arena;                      /* the names and the owners' ids */
    NameTable tables[2];              /* units, persons */
    OwnerSlot owners[OWNERS_SLOTS];   /* by measure id: open addressing, linear probing */
    int n_owners;                     /* owner slots in use */
    int owners_used[OWNERS_FULL];     /* their places in owners */
    RowSlot rows[ROWS_SLOTS];         /* by measure id: open addressing, linear probing */
    int n_rows;                       /* row slots in use */
    int rows_used[ROWS_FULL];         /* their places in rows */
    TallySlot tallies[TALLY_SLOTS];   /* the first n_tallies in use */
    int n_tallies;
    int next_tally;                   /* the one a new inspection replaces when all are in use */
} NameCache;

enum { KIND_UNIT, KIND_PERSON };

static void cache_free(void *p)
{
    NameCache *c = p;
    arena_free(&c->arena);
    free(c);
}

static ViewThreadKey cache_key = {.destroy = cache_free, .size = sizeof(NameCache)};

/*
** Empty c for what is read at version. Only the slots in use are cleared: the tables are ~800 KB
** and a write empties every thread's cache, so clearing them whole cost more than the request.
*/
static void cache_reset(NameCache *c, const int64_t version[2])
{
    arena_free(&c->arena);
    for (int k = 0; k < 2; k++) {
        NameTable *t = &c->tables[k];
        for (int i = 0; i < t->n; i++)
            t->slots[t->used[i]] = (NameSlot){0, NULL};
        t->n = 0;
    }
    for (int i = 0; i < c->n_owners; i++)
        c->owners[c->owners_used[i]].id = 0;
    c->n_owners = 0;
    for (int i = 0; i < c->n_rows; i++)
        c->rows[c->rows_used[i]].id = 0;
    c->n_rows = 0;
    c->n_tallies = 0;
    c->next_tally = 0;
    c->valid = true;
    c->version[0] = version[0];
    c->version[1] = version[1];
}

/* The slot of id in t: its entry, or the empty slot where it would go. */
static NameSlot *slot_of(NameTable *t, int64_t id)
{
    size_t i = (size_t)(((uint64_t)id * 0x9E3779B97F4A7C15ull) >> 40) & (NAMES_SLOTS - 1);
    while (t->slots[i].id != id && t->slots[i].id != 0)
        i = (i + 1) & (NAMES_SLOTS - 1);
    return &t->slots[i];
}

/* The owner slot of measure id in c: its entry, or the empty slot where it would go. */
static OwnerSlot *owner_slot(NameCache *c, int64_t id)
{
    size_t i = (size_t)(((uint64_t)id * 0x9E3779B97F4A7C15ull) >> 40) & (OWNERS_SLOTS - 1);
    while (c->owners[i].id != id && c->owners[i].id != 0)
        i = (i + 1) & (OWNERS_SLOTS - 1);
    return &c->owners[i];
}

/* The row slot of measure id in c: its entry, or the empty slot where it would go. */
static RowSlot *row_slot(NameCache *c, int64_t id)
{
    size_t i = (size_t)(((uint64_t)id * 0x9E3779B97F4A7C15ull) >> 40) & (ROWS_SLOTS - 1);
    while (c->rows[i].id != id && c->rows[i].id != 0)
        i = (i + 1) & (ROWS_SLOTS - 1);
    return &c->rows[i];
}

/* n ids of from copied into arena (NULL for none). */
static int64_t *ids_copy(Arena *arena, const int64_t *from, int n)
{
    if (n == 0)
        return NULL;
    int64_t *to = ARENA_ARRAY(arena, int64_t, n);
    memcpy(to, from, (size_t)n * sizeof *to);
    return to;
}

/* The ids a page shows, per kind, each without repeats (arena arrays). */
typedef struct PageIds {
    int64_t *ids[2];
    int n[2];
} PageIds;

static void page_id_add(PageIds *p, int kind, int64_t id)
{
    if (id <= 0)
        return;
    for (int i = 0; i < p->n[kind]; i++)
        if (p->ids[kind][i] == id)
            return;
    p->ids[kind][p->n[kind]++] = id;
}

static void page_ids(Arena *arena, Measure *const *ms, int n, PageIds *p)
{
    int cap[2] = {0, 0};
    for (int i = 0; i < n; i++) {
        cap[KIND_UNIT] += 1 + ms[i]->n_co_units;
        cap[KIND_PERSON] += ms[i]->n_leaders;
    }
    for (int k = 0; k < 2; k++) {
        p->ids[k] = ARENA_ARRAY(arena, int64_t, cap[k] + 1);
        p->n[k] = 0;
    }
    for (int i = 0; i < n; i++) {
        page_id_add(p, KIND_UNIT, ms[i]->lead_unit_id);
        for (int j = 0; j < ms[i]->n_co_units; j++)
            page_id_add(p, KIND_UNIT, ms[i]->co_unit_ids[j]);
        for (int j = 0; j < ms[i]->n_leaders; j++)
            page_id_add(p, KIND_PERSON, ms[i]->leader_ids[j]);
    }
}

/*
** Read the names of the ids of p not in c yet, in one query, and keep them (an id without a row
** as NULL, so it is not asked again while the version holds).
*/
static int fetch_missing(Request *r, NameCache *c, const PageIds *p)
{
    PageIds miss;
    for (int k = 0; k < 2; k++) {
        miss.ids[k] = ARENA_ARRAY(&r->arena, int64_t, p->n[k] + 1);
        miss.n[k] = 0;
        for (int i = 0; i < p->n[k]; i++)
            if (slot_of(&c->tables[k], p->ids[k][i])->id == 0)
                miss.ids[k][miss.n[k]++] = p->ids[k][i];
    }
    if (!miss.n[KIND_UNIT] && !miss.n[KIND_PERSON])
        return 0;
    IdName *got[2];
    int n_got[2];
    if (view_store_page_names(r->db, &r->arena, miss.ids[KIND_UNIT], miss.n[KIND_UNIT],
                              miss.ids[KIND_PERSON], miss.n[KIND_PERSON], &got[KIND_UNIT],
                              &n_got[KIND_UNIT], &got[KIND_PERSON], &n_got[KIND_PERSON],
                              &r->err) < 0)
        return -1;
    for (int k = 0; k < 2; k++) {
        NameTable *t = &c->tables[k];
        for (int i = 0; i < miss.n[k]; i++) {
            NameSlot *s = slot_of(t, miss.ids[k][i]);
            *s = (NameSlot){miss.ids[k][i], NULL};
            t->used[t->n++] = (int)(s - t->slots);
        }
        for (int i = 0; i < n_got[k]; i++)
            slot_of(t, got[k][i].id)->name = arena_strdup(&c->arena, got[k][i].name);
    }
    return 0;
}

/* Sort v[0..n) by id by insertion: cheaper than qsort for a page's few dozen names. */
static void sort_idnames(IdName *v, int n)
{
    for (int i = 1; i < n; i++) {
        IdName x = v[i];
        int j = i;
        for (; j > 0 && v[j - 1].id > x.id; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

/* This thread's cache, emptied unless it holds what was read at r's data version. */
static NameCache *cache_at(Request *r)
{
    int64_t version[2];
    if (request_data_version(r, version) < 0)
        return NULL;
    NameCache *c = view_thread_value(&cache_key);
    if (!c->valid || c->version[0] != version[0] || c->version[1] != version[1])
        cache_reset(c, version);
    return c;
}

int listcache_names(Request *r, Measure *const *ms, int n, IdNames *out)
{
    *out = (IdNames){0};
    if (n == 0)
        return 0;
    PageIds p;
    page_ids(&r->arena, ms, n, &p);
    NameCache *c = cache_at(r);
    if (!c)
        return -1;
    if (c->tables[KIND_UNIT].n + p.n[KIND_UNIT] > NAMES_FULL ||
        c->tables[KIND_PERSON].n + p.n[KIND_PERSON] > NAMES_FULL)
        cache_reset(c, c->version);
    if (fetch_missing(r, c, &p) < 0) {
        c->valid = false; /* a half-filled table must not answer the next request */
        return -1;
    }
    IdName *v[2];
    int count[2];
    for (int k = 0; k < 2; k++) {
        v[k] = ARENA_ARRAY(&r->arena, IdName, p.n[k] + 1);
        count[k] = 0;
        for (int i = 0; i < p.n[k]; i++) {
            const char *name = slot_of(&c->tables[k], p.ids[k][i])->name;
            if (name)
                v[k][count[k]++] = (IdName){p.ids[k][i], arena_strdup(&r->arena, name), ""};
        }
        sort_idnames(v[k], count[k]);
    }
    *out = (IdNames){v[KIND_UNIT], count[KIND_UNIT], v[KIND_PERSON], count[KIND_PERSON]};
    return 0;
}

int listcache_owners(Request *r, Measure **ms, int n)
{
    if (n == 0)
        return 0;
    NameCache *c = cache_at(r);
    if (!c)
        return -1;
    if (c->n_owners + n > OWNERS_FULL)
        cache_reset(c, c->version);
    Measure **miss = ARENA_ARRAY(&r->arena, Measure *, n);
    int n_miss = 0;
    for (int i = 0; i < n; i++) {
        const OwnerSlot *o = owner_slot(c, ms[i]->id);
        if (!o->id) {
            miss[n_miss++] = ms[i];
            continue;
        }
        /* The request's own copies: a later call may empty the cache. */
        ms[i]->leader_ids = ids_copy(&r->arena, o->leader_ids, o->n_leaders);
        ms[i]->n_leaders = o->n_leaders;
        ms[i]->co_unit_ids = ids_copy(&r->arena, o->co_unit_ids, o->n_co_units);
        ms[i]->n_co_units = o->n_co_units;
    }
    if (!n_miss)
        return 0;
    if (view_store_parts(r->db, &r->arena, miss, n_miss, DAY_NONE, &r->err) < 0)
        return -1;
    for (int i = 0; i < n_miss; i++) {
        const Measure *m = miss[i];
        OwnerSlot *o = owner_slot(c, m->id);
        if (o->id)
            continue;
        *o = (OwnerSlot){m->id, ids_copy(&c->arena, m->leader_ids, m->n_leaders), m->n_leaders,
                         ids_copy(&c->arena, m->co_unit_ids, m->n_co_units), m->n_co_units};
        c->owners_used[c->n_owners++] = (int)(o - c->owners);
    }
    return 0;
}

/*
** m with its strings and report days copied into arena (a page row has no other arrays); an
** empty string (body and target, which a page row does not read) becomes the literal "".
*/
static Measure row_copy(Arena *arena, const Measure *m)
{
    Measure c = *m;
    const char **strings[] = {&c.label,  &c.title,           &c.body,
                              &c.target, &c.evidence_waived, &c.withdrawn};
    for (size_t i = 0; i < ARRAY_SIZE(strings); i++)
        if (*strings[i])
            *strings[i] = **strings[i] ? arena_strdup(arena, *strings[i]) : "";
    if (c.n_reports) {
        c.report_days = ARENA_ARRAY(arena, Day, c.n_reports);
        memcpy(c.report_days, m->report_days, (size_t)c.n_reports * sizeof *c.report_days);
    }
    return c;
}

int listcache_rows(Request *r, const int64_t *ids, int n, Measure **out, int *n_out)
{
    /* Not zeroed: each row is written whole (row_copy). */
    *out = arena_alloc(&r->arena, sizeof **out * (size_t)(n + 1));
    *n_out = 0;
    if (n == 0)
        return 0;
    NameCache *c = cache_at(r);
    if (!c)
        return -1;
    if (c->n_rows + n > ROWS_FULL)
        cache_reset(c, c->version);
    int64_t *miss = ARENA_ARRAY(&r->arena, int64_t, n);
    int n_miss = 0;
    for (int i = 0; i < n; i++)
        if (!row_slot(c, ids[i])->id)
            miss[n_miss++] = ids[i];
    if (n_miss) {
        Measure *got;
        int n_got;
        if (measure_store_page_rows(r->db, &r->arena, miss, n_miss, &got, &n_got, &r->err) < 0)
            return -1;
        for (int k = 0; k < n_got; k++) {
            RowSlot *s = row_slot(c, got[k].id);
            if (s->id)
                continue;
            *s = (RowSlot){got[k].id, row_copy(&c->arena, &got[k])};
            c->rows_used[c->n_rows++] = (int)(s - c->rows);
        }
    }
    /* The request's own copies, in the order of ids: a later call may empty the cache. */
    for (int i = 0; i < n; i++) {
        const RowSlot *s = row_slot(c, ids[i]);
        if (s->id)
            (*out)[(*n_out)++] = row_copy(&r->arena, &s->m);
    }
    return 0;
}

int listcache_count(Request *r, const MeasureFilter *f, int light, const MeasureLightDay *day,
                    int64_t *n)
{
    if (!measure_store_tallied(f, light))
        return measure_store_count(r->db, f, light, day, n, &r->err);
    *n = 0;
    if (f->org_unit_id) {
        const Inspection *all;
        int n_all;
        if (view_inspection_cache(r, &all, &n_all) < 0)
            return -1;
        const Inspection *in = view_by_id(all, n_all, sizeof *all, f->inspection_id);
        if (!in || in->org_unit_id != f->org_unit_id)
            return 0; /* another organisation's inspection: none of its measures */
    }
    NameCache *c = cache_at(r);
    if (!c)
        return -1;
    TallySlot *t = NULL;
    for (int i = 0; i < c->n_tallies && !t; i++)
        if (c->tallies[i].inspection_id == f->inspection_id)
            t = &c->tallies[i];
    if (!t) {
        TallySlot fresh = {f->inspection_id, {0}};
        if (measure_store_tally(r->db, f->inspection_id, fresh.by_state, &r->err) < 0)
            return -1;
        int k = c->n_tallies < TALLY_SLOTS ? c->n_tallies++ : c->next_tally++ % TALLY_SLOTS;
        c->tallies[k] = fresh;
        t = &c->tallies[k];
    }
    *n = measure_tally_count(f, t->by_state);
    return 0;
}

/* in with each string copied into arena (NULL stays NULL). */
static Inspection inspection_copy(Arena *arena, const Inspection *in)
{
    Inspection c = *in;
    const char **strings[] = {&c.title,         &c.superior,        &c.group_name,
                              &c.target,        &c.contact_phone,   &c.contact_email,
                              &c.contact_address, &c.signer,        &c.source_file,
                              &c.source_sha256};
    for (size_t i = 0; i < ARRAY_SIZE(strings); i++)
        if (*strings[i])
            *strings[i] = arena_strdup(arena, *strings[i]);
    return c;
}

/* By id, for qsort. */
static int cmp_inspection(const void *a, const void *b)
{
    int64_t x = ((const Inspection *)a)->id, y = ((const Inspection *)b)->id;
    return (x > y) - (x < y);
}

int listcache_inspections(Request *r, const int64_t *ids, int n_ids, Inspection **out, int *n)
{
    *out = ARENA_ARRAY(&r->arena, Inspection, n_ids + 1);
    *n = 0;
    const Inspection *all;
    int n_all;
    if (view_inspection_cache(r, &all, &n_all) < 0)
        return -1;
    for (int i = 0; i < n_ids; i++) {
        const Inspection *in = view_by_id(all, n_all, sizeof *all, ids[i]);
        if (in)
            (*out)[(*n)++] = inspection_copy(&r->arena, in);
    }
    qsort(*out, (size_t)*n, sizeof **out, cmp_inspection);
    return 0;
}
