/*
** plan_tree.c: the finding tree of a plan (plan.h): add, edit, reorder, move and delete findings,
** with the printed labels renumbered and the finding ids kept in tree order.
*/
#include "plan.h"

#include "base/buf.h"
#include "db/edit_store.h"
#include "db/finding_store.h"
#include "db/inspection_store.h"
#include "db/measure_store.h"
#include "db/org_store.h"
#include "ledger/plan_internal.h"

/* The finding tree of one inspection in memory, for placing and renumbering. */
typedef struct Tree {
    Finding *fs; /* by id (finding_store_list) */
    int n;
    int *order; /* indices sorted by (parent_id, ordinal, id): siblings are contiguous */
} Tree;

static int find_by_id(const Tree *t, int64_t id)
{
    int lo = 0, hi = t->n - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (t->fs[mid].id == id)
            return mid;
        if (t->fs[mid].id < id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

/* A sort key of one finding: siblings by ordinal, then by id. */
typedef struct SiblingKey {
    int64_t parent_id;
    int ordinal;
    int64_t id;
    int index; /* in Tree.fs */
} SiblingKey;

static int cmp_sibling(const void *a, const void *b)
{
    const SiblingKey *x = a, *y = b;
    if (x->parent_id != y->parent_id)
        return (x->parent_id > y->parent_id) - (x->parent_id < y->parent_id);
    if (x->ordinal != y->ordinal)
        return (x->ordinal > y->ordinal) - (x->ordinal < y->ordinal);
    return (x->id > y->id) - (x->id < y->id);
}

static void tree_sort(Tree *t)
{
    SiblingKey *keys = xcalloc((size_t)t->n + 1, sizeof *keys);
    for (int i = 0; i < t->n; i++)
        keys[i] = (SiblingKey){t->fs[i].parent_id, t->fs[i].ordinal, t->fs[i].id, i};
    qsort(keys, (size_t)t->n, sizeof *keys, cmp_sibling);
    for (int i = 0; i < t->n; i++)
        t->order[i] = keys[i].index;
    free(keys);
}

/* The children of parent (0: the roots) as a range [*lo, *hi) of t->order. */
static void children(const Tree *t, int64_t parent, int *lo, int *hi)
{
    int a = 0, b = t->n;
    while (a < b) {
        int mid = (a + b) / 2;
        if (t->fs[t->order[mid]].parent_id < parent)
            a = mid + 1;
        else
            b = mid;
    }
    *lo = a;
    b = a;
    while (b < t->n && t->fs[t->order[b]].parent_id == parent)
        b++;
    *hi = b;
}

static int depth_of(const Tree *t, int i)
{
    int d = 0;
    while (t->fs[i].parent_id && d < 16) {
        i = find_by_id(t, t->fs[i].parent_id);
        if (i < 0)
            break;
        d++;
    }
    return d;
}

static int tree_load(Db *db, Arena *arena, int64_t inspection_id, Tree *t, Err *err)
{
    if (finding_store_list(db, arena, inspection_id, &t->fs, &t->n, err) < 0)
        return -1;
    t->order = ARENA_ARRAY(arena, int, t->n + 1);
    tree_sort(t);
    return 0;
}

/* Renumber the children of parent 1..n with their labels, writing the ones that changed. */
static int relabel_children(Db *db, Arena *arena, Tree *t, int64_t parent, Err *err)
{
    int lo, hi;
    children(t, parent, &lo, &hi);
    int depth = parent ? depth_of(t, find_by_id(t, parent)) + 1 : 0;
    for (int k = lo; k < hi; k++) {
        Finding *f = &t->fs[t->order[k]];
        const char *label = plan_finding_label(arena, depth, k - lo + 1);
        if (f->ordinal == k - lo + 1 && strcmp(f->label, label) == 0)
            continue;
        f->ordinal = k - lo + 1;
        f->label = label;
        if (edit_store_finding_place(db, f->id, f->parent_id, f->ordinal, f->label, err) < 0)
            return -1;
    }
    return 0;
}

/* Relabel the subtree below finding i by depth (after a move changed its depth). */
static int relabel_below(Db *db, Arena *arena, Tree *t, int i, int guard, Err *err)
{
    if (guard > 16)
        return 0;
    if (relabel_children(db, arena, t, t->fs[i].id, err) < 0)
        return -1;
    int lo, hi;
    children(t, t->fs[i].id, &lo, &hi);
    for (int k = lo; k < hi; k++)
        if (relabel_below(db, arena, t, t->order[k], guard + 1, err) < 0)
            return -1;
    return 0;
}

/* Append the pre-order of the subtree of finding i to seq. */
static void preorder(const Tree *t, int i, int64_t *seq, int *n, int guard)
{
    seq[(*n)++] = t->fs[i].id;
    if (guard > 16)
        return;
    int lo, hi;
    children(t, t->fs[i].id, &lo, &hi);
    for (int k = lo; k < hi; k++)
        preorder(t, t->order[k], seq, n, guard + 1);
}

/*
** Keep finding ids in tree order (pre-order = id order): the rules, pages and reports walk
** findings by id with parents first, and measures list in the order of their findings' ids.
** The window where the wanted order differs from the id order gets its own ids, permuted.
*/
static int keep_tree_order(Db *db, Arena *arena, Tree *t, int64_t watch, int64_t *watch_new,
                           Err *err)
{
    int64_t *seq = ARENA_ARRAY(arena, int64_t, t->n + 1);
    int n = 0, lo, hi;
    children(t, 0, &lo, &hi);
    for (int k = lo; k < hi; k++)
        preorder(t, t->order[k], seq, &n, 0);
    *watch_new = watch;
    if (n != t->n)
        return err_fail(err, ERR_CONFLICT, "the finding tree is not a tree");
    int first = 0, last = n - 1;
    while (first < n && seq[first] == t->fs[first].id)
        first++;
    while (last > first && seq[last] == t->fs[last].id)
        last--;
    if (first >= n)
        return 0;
    int w = last - first + 1;
    int64_t *old_ids = ARENA_ARRAY(arena, int64_t, w);
    int64_t *new_ids = ARENA_ARRAY(arena, int64_t, w);
    for (int k = 0; k < w; k++) {
        old_ids[k] = seq[first + k];      /* the finding wanted at this place … */
        new_ids[k] = t->fs[first + k].id; /* … gets the id of this place */
        if (old_ids[k] == watch)
            *watch_new = new_ids[k];
    }
    return edit_store_finding_renumber(db, old_ids, new_ids, w, err);
}

/* Findings */

typedef struct FindingCtx {
    const Actor *actor;
    Finding *f;
    int64_t id;
    FindingLevel level;
    const char *title, *body;
    int64_t version;
    int64_t new_parent;
    int delta;
    int64_t *new_id;
} FindingCtx;

static int check_parent(Db *db, Arena *arena, int64_t inspection_id, int64_t parent_id,
                        FindingLevel level, Err *err)
{
    if (!parent_id)
        return 0;
    Finding p;
    if (finding_store_get(db, arena, parent_id, &p, err) < 0)
        return err->code == ERR_NOTFOUND
                   ? err_fail(err, ERR_INPUT, "no parent finding %lld", (long long)parent_id)
                   : -1;
    if (p.inspection_id != inspection_id)
        return err_fail(err, ERR_INPUT, "the parent finding belongs to another inspection");
    if (level <= p.level)
        return err_fail(err, ERR_INPUT, "a %s cannot sit under a %s", model_level_name(level),
                        model_level_name(p.level));
    return 0;
}

static int finding_add_tx(Db *db, Arena *arena, void *ctx, Err *err)
{
    FindingCtx *c = ctx;
    Finding *f = c->f;
    if (check_parent(db, arena, f->inspection_id, f->parent_id, f->level, err) < 0 ||
        edit_store_finding_next(db, f->inspection_id, f->parent_id, &f->ordinal, err) < 0)
        return -1;
    Tree t;
    if (tree_load(db, arena, f->inspection_id, &t, err) < 0)
        return -1;
    int depth = f->parent_id ? depth_of(&t, find_by_id(&t, f->parent_id)) + 1 : 0;
    f->label = plan_finding_label(arena, depth, f->ordinal);
    /* The newest id: after its parent and after its siblings, which is all the rules and the
       pages need; no other finding's id changes. */
    if (finding_store_insert(db, f, err) < 0)
        return -1;
    return plan_audit(db, arena, c->actor, AUDIT_FINDING_CREATE, "finding", f->id, f->title, err);
}

int plan_finding_add(Db *db, const Actor *actor, Finding *f, Err *err)
{
    FindingCtx c = {.actor = actor, .f = f};
    return ledger_tx(db, finding_add_tx, &c, err);
}

/* Finding id into *f, and the tree of its inspection into *t. */
static int finding_tree_load(Db *db, Arena *arena, int64_t id, Finding *f, Tree *t, Err *err)
{
    if (finding_store_get(db, arena, id, f, err) < 0)
        return -1;
    return tree_load(db, arena, f->inspection_id, t, err);
}

static int finding_update_tx(Db *db, Arena *arena, void *ctx, Err *err)
{
    FindingCtx *c = ctx;
    Finding f;
    Tree t;
    if (finding_tree_load(db, arena, c->id, &f, &t, err) < 0 ||
        check_parent(db, arena, f.inspection_id, f.parent_id, c->level, err) < 0)
        return -1;
    int lo, hi;
    children(&t, f.id, &lo, &hi);
    for (int k = lo; k < hi; k++)
        if (t.fs[t.order[k]].level <= c->level)
            return err_fail(err, ERR_INPUT, "a %s cannot sit above a %s",
                            model_level_name(c->level), model_level_name(t.fs[t.order[k]].level));
    if (edit_store_finding_update(db, c->id, c->level, c->title, c->body, c->version, err) < 0)
        return -1;
    return plan_audit(db, arena, c->actor, AUDIT_FINDING_UPDATE, "finding", c->id, c->title, err);
}

int plan_finding_update(Db *db, const Actor *actor, int64_t id, FindingLevel level,
                        const char *title, const char *body, int64_t version, Err *err)
{
    FindingCtx c = {
        .actor = actor, .id = id, .level = level, .title = title, .body = body, .version = version};
    return ledger_tx(db, finding_update_tx, &c, err);
}

static int finding_move_tx(Db *db, Arena *arena, void *ctx, Err *err)
{
    FindingCtx *c = ctx;
    Finding f;
    Tree t;
    if (finding_tree_load(db, arena, c->id, &f, &t, err) < 0)
        return -1;
    int i = find_by_id(&t, f.id);
    int64_t old_parent = f.parent_id;
    int64_t parent = c->new_parent < 0 ? 0 : c->new_parent ? c->new_parent : old_parent;
    *c->new_id = f.id;
    const char *detail;
    if (parent != old_parent) {
        if (check_parent(db, arena, f.inspection_id, parent, f.level, err) < 0)
            return -1;
        for (int up = parent ? find_by_id(&t, parent) : -1, guard = 0; up >= 0 && guard < 16;
             up = t.fs[up].parent_id ? find_by_id(&t, t.fs[up].parent_id) : -1, guard++)
            if (t.fs[up].id == f.id)
                return err_fail(err, ERR_INPUT, "a finding cannot move below itself");
        int lo, hi;
        children(&t, parent, &lo, &hi);
        t.fs[i].parent_id = parent;
        t.fs[i].ordinal = hi > lo ? t.fs[t.order[hi - 1]].ordinal + 1 : 1;
        t.fs[i].label = "";
        detail =
            arena_printf(arena, "parent %lld -> %lld", (long long)old_parent, (long long)parent);
    } else {
        int lo, hi, k;
        children(&t, parent, &lo, &hi);
        for (k = lo; k < hi && t.order[k] != i; k++)
            ;
        int other = k + (c->delta < 0 ? -1 : 1);
        if (c->delta == 0 || other < lo || other >= hi)
            return 0; /* already first or last: nothing to do */
        Finding *a = &t.fs[i], *b = &t.fs[t.order[other]];
        int ord = a->ordinal;
        a->ordinal = b->ordinal;
        b->ordinal = ord;
        if (a->ordinal == b->ordinal)
            a->ordinal += c->delta < 0 ? -1 : 1;
        detail = c->delta < 0 ? "up" : "down";
    }
    tree_sort(&t);
    if (relabel_children(db, arena, &t, old_parent, err) < 0)
        return -1;
    if (parent != old_parent) {
        /* The moved finding: its new parent, place and label, then what hangs below it. */
        if (relabel_children(db, arena, &t, parent, err) < 0 ||
            relabel_below(db, arena, &t, i, 0, err) < 0)
            return -1;
    }
    if (keep_tree_order(db, arena, &t, f.id, c->new_id, err) < 0)
        return -1;
    return plan_audit(db, arena, c->actor, AUDIT_FINDING_MOVE, "finding", *c->new_id, detail, err);
}

int plan_finding_move(Db *db, const Actor *actor, int64_t id, int64_t new_parent, int delta,
                      int64_t *new_id, Err *err)
{
    FindingCtx c = {
        .actor = actor, .id = id, .new_parent = new_parent, .delta = delta, .new_id = new_id};
    return ledger_tx(db, finding_move_tx, &c, err);
}

static int finding_delete_tx(Db *db, Arena *arena, void *ctx, Err *err)
{
    FindingCtx *c = ctx;
    Finding f;
    int n;
    if (finding_store_get(db, arena, c->id, &f, err) < 0 ||
        edit_store_finding_measures(db, c->id, &n, err) < 0)
        return -1;
    if (n > 0)
        return err_fail(err, ERR_CONFLICT, "finding %lld still has %d measures", (long long)c->id,
                        n);
    if (edit_store_finding_delete(db, c->id, err) < 0)
        return -1;
    Tree t;
    if (tree_load(db, arena, f.inspection_id, &t, err) < 0 ||
        relabel_children(db, arena, &t, f.parent_id, err) < 0)
        return -1;
    return plan_audit(db, arena, c->actor, AUDIT_FINDING_DELETE, "finding", c->id, f.title, err);
}

int plan_finding_delete(Db *db, const Actor *actor, int64_t id, Err *err)
{
    FindingCtx c = {.actor = actor, .id = id};
    return ledger_tx(db, finding_delete_tx, &c, err);
}
