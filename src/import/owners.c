/*
** owners.c: the persons and units a document names, matched to the organisation's (import.h).
** A name is first replaced by the clerk's mapping (--map FILE, or the wizard's choices), then
** looked up by full or short name; a name that matches nothing is listed in doc->unknown with
** where it was read, and is created only when the caller says so explicitly — never silently.
*/
#include "import_internal.h"

#include "db/org_store.h"

/* One line per name: FROM=TO, FROM<TAB>TO or FROM,TO; blank lines and # comments skipped. */
int import_map_parse(Arena *a, const char *text, size_t len, ImportMap *map, Err *err)
{
    memset(map, 0, sizeof *map);
    int cap = 0, line = 0;
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && text[j] != '\n')
            j++;
        line++;
        const char *s = text + i;
        size_t n = j - i;
        i = j + 1;
        while (n && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
            n--;
        if (n == 0 || s[0] == '#')
            continue;
        size_t k = 0;
        while (k < n && s[k] != '=' && s[k] != '\t' && s[k] != ',')
            k++;
        if (k == 0 || k >= n - 1)
            return err_fail(err, ERR_INPUT, "map line %d: expected NAME=EXISTING NAME", line);
        if (map->n == cap) {
            cap = cap ? cap * 2 : 16;
            const char **from = ARENA_ARRAY(a, const char *, (size_t)cap);
            const char **to = ARENA_ARRAY(a, const char *, (size_t)cap);
            if (map->n) {
                memcpy(from, map->from, sizeof *from * (size_t)map->n);
                memcpy(to, map->to, sizeof *to * (size_t)map->n);
            }
            map->from = from;
            map->to = to;
        }
        map->from[map->n] = arena_strndup(a, s, k);
        map->to[map->n] = arena_strndup(a, s + k + 1, n - k - 1);
        map->n++;
    }
    return 0;
}

/* Bytes of a separator between names at s (、，,；;/ blanks, line breaks), or 0. */
static size_t name_sep(const char *s, size_t n)
{
    static const char *const seps[] = {"、", "，", ",", "；", ";", "/", "／", "\n", " ", "　", "\t"};
    for (size_t i = 0; i < ARRAY_SIZE(seps); i++) {
        size_t l = strlen(seps[i]);
        if (n >= l && memcmp(s, seps[i], l) == 0)
            return l;
    }
    return 0;
}

ImportName *import_names(Arena *a, const char *s, bool units, const char *where, int *n_out)
{
    ImportName *v = NULL;
    int n = 0, cap = 0;
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        size_t j = i, k = 0;
        while (j < len && !(k = name_sep(s + j, len - j)))
            j += grammar_step(s + j, len - j);
        size_t end = j;
        /* a person's post in brackets after the name: 张三（区委书记） */
        for (size_t p = i; p < j && !units; p++)
            if (s[p] == '(' || (j - p >= 3 && memcmp(s + p, "（", 3) == 0)) {
                end = p;
                break;
            }
        if (!units && end - i > 6 && memcmp(s + end - 6, "同志", 6) == 0)
            end -= 6;
        if (end > i) {
            if (n == cap) {
                cap = cap ? cap * 2 : 4;
                ImportName *nv = ARENA_ARRAY(a, ImportName, (size_t)cap);
                if (n)
                    memcpy(nv, v, sizeof *v * (size_t)n);
                v = nv;
            }
            v[n].name = arena_strndup(a, s + i, end - i);
            v[n].where = where;
            v[n].id = 0;
            v[n].is_unit = units;
            n++;
        }
        i = j + k;
    }
    *n_out = n;
    return v;
}

/* A name already looked up: the cache keeps one query per distinct name. */
typedef struct Seen {
    const char *name; /* as printed */
    bool is_unit;
    int64_t id; /* 0: unknown */
} Seen;

typedef struct Resolver {
    Db *db;
    ImportDoc *doc;
    const ImportMap *map;
    bool create;
    Seen *slots; /* open addressing, cap a power of two */
    size_t cap, used;
    int cap_unknown;
} Resolver;

static uint64_t hash_name(const char *s, bool unit)
{
    uint64_t h = unit ? 1469598103934665603ULL : 1099511628211ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static Seen *slot(Resolver *r, const char *name, bool unit)
{
    if ((r->used + 1) * 2 > r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 256;
        Seen *v = xcalloc(cap, sizeof *v);
        for (size_t i = 0; i < r->cap; i++)
            if (r->slots[i].name) {
                size_t k = hash_name(r->slots[i].name, r->slots[i].is_unit) & (cap - 1);
                while (v[k].name)
                    k = (k + 1) & (cap - 1);
                v[k] = r->slots[i];
            }
        free(r->slots);
        r->slots = v;
        r->cap = cap;
    }
    size_t k = hash_name(name, unit) & (r->cap - 1);
    while (r->slots[k].name &&
           (r->slots[k].is_unit != unit || strcmp(r->slots[k].name, name) != 0))
        k = (k + 1) & (r->cap - 1);
    return &r->slots[k];
}

static const char *mapped(const ImportMap *map, const char *name)
{
    for (int i = 0; map && i < map->n; i++)
        if (strcmp(map->from[i], name) == 0)
            return map->to[i];
    return name;
}

static void add_unknown(Resolver *r, const ImportName *v)
{
    ImportDoc *d = r->doc;
    if (d->n_unknown == r->cap_unknown) {
        r->cap_unknown = r->cap_unknown ? r->cap_unknown * 2 : 16;
        ImportName *nv = ARENA_ARRAY(d->arena, ImportName, (size_t)r->cap_unknown);
        if (d->n_unknown)
            memcpy(nv, d->unknown, sizeof *nv * (size_t)d->n_unknown);
        d->unknown = nv;
    }
    d->unknown[d->n_unknown++] = *v;
    if (v->is_unit)
        d->unknown_units++;
    else
        d->unknown_persons++;
}

static int resolve_one(Resolver *r, ImportName *v, Err *err)
{
    if (!v->name)
        return 0;
    Seen *s = slot(r, v->name, v->is_unit);
    if (s->name) {
        v->id = s->id;
        return 0;
    }
    const char *name = mapped(r->map, v->name);
    int64_t id = 0;
    if ((v->is_unit ? unit_store_find(r->db, name, &id, err)
                    : person_store_find(r->db, name, &id, err)) < 0)
        return -1;
    if (!id && r->create) {
        if (v->is_unit) {
            Unit u = {0};
            u.name = name;
            u.kind = UNIT_OTHER;
            if (unit_store_insert(r->db, &u, err) < 0)
                return -1;
            id = u.id;
        } else {
            Person p = {0};
            p.name = name;
            p.post = "";
            if (person_store_insert(r->db, &p, err) < 0)
                return -1;
            id = p.id;
        }
    }
    s->name = v->name;
    s->is_unit = v->is_unit;
    s->id = id;
    r->used++;
    v->id = id;
    if (!id)
        add_unknown(r, v);
    return 0;
}

static int resolve_node(Resolver *r, ImportNode *x, Err *err)
{
    for (; x; x = x->next) {
        for (ImportMeasure *m = x->measures; m; m = m->next) {
            for (int i = 0; i < m->n_leaders; i++)
                if (resolve_one(r, &m->leaders[i], err) < 0)
                    return -1;
            if (resolve_one(r, &m->lead_unit, err) < 0)
                return -1;
            for (int i = 0; i < m->n_co_units; i++)
                if (resolve_one(r, &m->co_units[i], err) < 0)
                    return -1;
        }
        if (resolve_node(r, x->children, err) < 0)
            return -1;
    }
    return 0;
}

int import_resolve(Db *db, ImportDoc *doc, const ImportMap *map, bool create, Err *err)
{
    doc->unknown = NULL;
    doc->n_unknown = doc->unknown_units = doc->unknown_persons = 0;
    Resolver r;
    memset(&r, 0, sizeof r);
    r.db = db;
    r.doc = doc;
    r.map = map;
    r.create = create;
    int rc = resolve_node(&r, doc->findings, err);
    free(r.slots);
    return rc;
}
