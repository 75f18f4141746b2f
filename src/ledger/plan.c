/*
** plan.c: editing the plan of an inspection (plan.h).
*/
#include "plan.h"

#include "base/buf.h"
#include "base/cnum.h"
#include "base/utf8.h"
#include "db/activity_store.h"
#include "db/audit_store.h"
#include "db/edit_store.h"
#include "db/finding_store.h"
#include "db/inspection_store.h"
#include "db/measure_store.h"
#include "db/org_store.h"

static const struct {
    const char *name;
    const char *label;
} gap_words[] = {
    {"no_measure", "尚无整改措施"},
    {"no_lead_unit", "未明确牵头单位"},
    {"no_leader", "未明确责任领导"},
    {"no_deadline", "未明确整改时限（或长期坚持）"},
};
_Static_assert(ARRAY_SIZE(gap_words) == GAP__COUNT, "gap words");

const char *plan_gap_label(GapKind k)
{
    return gap_words[k].label;
}

const char *plan_gap_name(GapKind k)
{
    return gap_words[k].name;
}

const char *plan_finding_label(Arena *arena, int depth, int ordinal)
{
    Buf b = BUF_INIT;
    switch (depth) {
    case 0:
        cnum_put(&b, ordinal);
        buf_puts(&b, "、");
        break;
    case 1:
        buf_puts(&b, "（");
        cnum_put(&b, ordinal);
        buf_puts(&b, "）");
        break;
    case 2:
        buf_printf(&b, "%d.", ordinal);
        break;
    case 3:
        buf_printf(&b, "（%d）", ordinal);
        break;
    default:
        /* ① … ⑳ are U+2460 … U+2473. */
        if (ordinal >= 1 && ordinal <= 20) {
            char cp[4];
            int len = utf8_encode(0x2460 + (uint32_t)ordinal - 1, cp);
            buf_append(&b, cp, (size_t)len);
        } else {
            buf_printf(&b, "（%d）", ordinal);
        }
    }
    const char *out = arena_strdup(arena, b.data);
    buf_free(&b);
    return out;
}

const char *plan_measure_label(Arena *arena, int ordinal)
{
    Buf b = BUF_INIT;
    cnum_put(&b, ordinal);
    buf_puts(&b, "是");
    const char *out = arena_strdup(arena, b.data);
    buf_free(&b);
    return out;
}

/* --- Validation --- */

static void bad(const char **fields, int *n, const char *name)
{
    if (*n < 16)
        fields[(*n)++] = name;
}

/* Text that must be present (when required) and within max bytes. */
static void check_text(const char *s, bool required, size_t max, const char *name,
                       const char **fields, int *n)
{
    if ((required && (!s || !*s)) || (s && strlen(s) > max))
        bad(fields, n, name);
}

void plan_check_inspection(const Inspection *in, const char **fields, int *n)
{
    *n = 0;
    check_text(in->title, true, PLAN_TITLE_MAX, "title", fields, n);
    check_text(in->superior, false, PLAN_LINE_MAX, "superior", fields, n);
    check_text(in->group_name, false, PLAN_LINE_MAX, "group_name", fields, n);
    check_text(in->target, false, PLAN_LINE_MAX, "target", fields, n);
    check_text(in->contact_phone, false, PLAN_LINE_MAX, "contact_phone", fields, n);
    check_text(in->contact_email, false, PLAN_LINE_MAX, "contact_email", fields, n);
    check_text(in->contact_address, false, PLAN_LINE_MAX, "contact_address", fields, n);
    if (in->onsite_start != DAY_NONE && in->onsite_end != DAY_NONE &&
        in->onsite_end < in->onsite_start)
        bad(fields, n, "onsite_end");
    if (in->warn_days < 0 || in->warn_days > 90)
        bad(fields, n, "warn_days");
    int max_due = in->report_cycle == CYCLE_WEEKLY ? 7 : 28;
    if (in->report_due_day < 0 || in->report_due_day > max_due)
        bad(fields, n, "report_due_day");
}

void plan_check_finding(const Finding *f, const char **fields, int *n)
{
    *n = 0;
    check_text(f->title, true, PLAN_TITLE_MAX, "title", fields, n);
    check_text(f->body, false, PLAN_TEXT_MAX, "body", fields, n);
    if ((int)f->level < 0 || f->level >= LEVEL__COUNT)
        bad(fields, n, "level");
}

void plan_check_measure(const Measure *m, const char **fields, int *n)
{
    *n = 0;
    check_text(m->title, true, PLAN_TITLE_MAX, "title", fields, n);
    check_text(m->body, false, PLAN_TEXT_MAX, "body", fields, n);
    check_text(m->target, false, PLAN_TEXT_MAX, "target", fields, n);
    if ((int)m->kind < 0 || m->kind >= KIND__COUNT)
        bad(fields, n, "kind");
    if (m->n_leaders > PLAN_OWNERS_MAX)
        bad(fields, n, "leader_ids");
    if (m->n_co_units > PLAN_OWNERS_MAX)
        bad(fields, n, "co_unit_ids");
    for (int i = 0; i < m->n_co_units; i++)
        if (m->co_unit_ids[i] == m->lead_unit_id && m->lead_unit_id) {
            bad(fields, n, "co_unit_ids");
            break;
        }
}

/* --- Coverage --- */

static bool is_long_term(const Measure *m)
{
    return m->long_term || m->kind == KIND_LONG_TERM;
}

static void gap(Buf *list, GapKind kind, const Finding *f, const Measure *m)
{
    PlanGap g = {kind, f ? f->id : m->finding_id, m ? m->id : 0, m ? m->label : f->label,
                 m ? m->title : f->title};
    buf_append(list, (const char *)&g, sizeof g);
}

void plan_coverage(const Ledger *l, Arena *arena, PlanGap **out, int *n)
{
    Buf list = BUF_INIT;
    bool *has_child = ARENA_ARRAY(arena, bool, l->n_findings + 1);
    bool *has_measure = ARENA_ARRAY(arena, bool, l->n_findings + 1);
    /* Findings are sorted by id: a binary search finds a parent or a measure's finding. */
    for (int pass = 0; pass < 2; pass++) {
        int count = pass == 0 ? l->n_findings : l->n_measures;
        for (int i = 0; i < count; i++) {
            int64_t id = pass == 0 ? l->findings[i].parent_id : l->measures[i].finding_id;
            int lo = 0, hi = l->n_findings - 1;
            while (lo <= hi) {
                int mid = lo + (hi - lo) / 2;
                if (l->findings[mid].id == id) {
                    (pass == 0 ? has_child : has_measure)[mid] = true;
                    break;
                }
                if (l->findings[mid].id < id)
                    lo = mid + 1;
                else
                    hi = mid - 1;
            }
        }
    }
    for (int i = 0; i < l->n_findings; i++)
        if (!has_child[i] && !has_measure[i])
            gap(&list, GAP_NO_MEASURE, &l->findings[i], NULL);
    for (int i = 0; i < l->n_measures; i++) {
        const Measure *m = &l->measures[i];
        if (!m->lead_unit_id)
            gap(&list, GAP_NO_LEAD_UNIT, NULL, m);
        if (!m->n_leaders)
            gap(&list, GAP_NO_LEADER, NULL, m);
        if (m->deadline == DAY_NONE && !is_long_term(m))
            gap(&list, GAP_NO_DEADLINE, NULL, m);
    }
    *n = (int)(list.len / sizeof(PlanGap));
    *out = arena_alloc(arena, list.len + 1);
    memcpy(*out, list.data, list.len);
    buf_free(&list);
}

/* --- Transactions --- */

typedef int (*TxFn)(Db *db, Arena *arena, void *ctx, Err *err);

/* Run fn in one BEGIN IMMEDIATE transaction with a scratch arena; roll back when it fails. */
static int in_tx(Db *db, TxFn fn, void *ctx, Err *err)
{
    Arena arena = ARENA_INIT;
    int rc = -1;
    if (db_begin(db, err) < 0)
        goto done;
    if (fn(db, &arena, ctx, err) < 0) {
        db_rollback(db);
        goto done;
    }
    rc = db_commit(db, err);
done:
    arena_free(&arena);
    return rc;
}

static int audit(Db *db, Arena *arena, const Actor *actor, AuditAction action, const char *kind,
                 int64_t id, const char *detail, Err *err)
{
    const char *object = arena_printf(arena, "%s:%lld", kind, (long long)id);
    return audit_store_append(db, actor->login, action, object, detail ? detail : "", err);
}

static int event(Db *db, const Actor *actor, const Measure *m, EventKind kind,
                 const char *from, const char *to, const char *comment, Err *err)
{
    Event e = {0};
    e.measure_id = m->id;
    e.inspection_id = m->inspection_id;
    e.actor_id = actor->user_id;
    e.action = vocab_name(VOCAB_EVENT, kind);
    e.from_state = from;
    e.to_state = to;
    e.comment = comment;
    return event_store_insert(db, &e, err);
}

/* Inspections */

typedef struct InspectionCtx {
    const Actor *actor;
    Inspection *in;
    int64_t version;
} InspectionCtx;

static int create_tx(Db *db, Arena *arena, void *ctx, Err *err)
{
    InspectionCtx *c = ctx;
    if (inspection_store_insert(db, c->in, err) < 0 ||
        edit_store_inspection_init(db, c->in->id, PLAN_DRAFT, c->in->require_onsite, err) < 0)
        return -1;
    return audit(db, arena, c->actor, AUDIT_INSPECTION_CREATE, "inspection", c->in->id, c->in->title,
                 err);
}

int plan_inspection_create(Db *db, const Actor *actor, Inspection *in, Err *err)
{
    InspectionCtx c = {actor, in, 0};
    return in_tx(db, create_tx, &c, err);
}

static int update_tx(Db *db, Arena *arena, void *ctx, Err *err)
{
    InspectionCtx *c = ctx;
    if (edit_store_inspection_update(db, c->in, c->version, err) < 0)
        return -1;
    return audit(db, arena, c->actor, AUDIT_INSPECTION_UPDATE, "inspection", c->in->id, c->in->title,
                 err);
}

int plan_inspection_update(Db *db, const Actor *actor, const Inspection *in, int64_t version,
                           Err *err)
{
    InspectionCtx c = {actor, (Inspection *)in, version};
    return in_tx(db, update_tx, &c, err);
}

typedef struct IssueCtx {
    const Actor *actor;
    int64_t id;
    Arena *out;
    PlanGap **gaps;
    int *n_gaps;
} IssueCtx;

static int issue_tx(Db *db, Arena *arena, void *ctx, Err *err)
{
    IssueCtx *c = ctx;
    Ledger l;
    /* In the caller's arena: the gaps point into the ledger's strings. */
    if (ledger_load(db, c->out, c->id, &l, err) < 0)
        return -1;
    if (l.in.plan_state == PLAN_ISSUED)
        return err_fail(err, ERR_CONFLICT, "the plan of inspection %lld is already issued",
                        (long long)c->id);
    plan_coverage(&l, c->out, c->gaps, c->n_gaps);
    if (*c->n_gaps)
        return err_fail(err, ERR_INPUT, "the plan has %d gaps", *c->n_gaps);
    if (edit_store_plan_state(db, c->id, PLAN_ISSUED, err) < 0)
        return -1;
    const char *detail = arena_printf(arena, "%d measures", l.n_measures);
    return audit(db, arena, c->actor, AUDIT_PLAN_ISSUE, "inspection", c->id, detail, err);
}

int plan_issue(Db *db, const Actor *actor, int64_t inspection_id, Arena *arena, PlanGap **gaps,
               int *n_gaps, Err *err)
{
    *gaps = NULL;
    *n_gaps = 0;
    IssueCtx c = {actor, inspection_id, arena, gaps, n_gaps};
    return in_tx(db, issue_tx, &c, err);
}

/* The finding tree of one inspection in memory, for placing and renumbering. */
typedef struct Tree {
    Finding *fs; /* by id (finding_store_list) */
    int n;
    int *order;  /* indices sorted by (parent_id, ordinal, id): siblings are contiguous */
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
        return err->code == ERR_NOTFOUND ? err_fail(err, ERR_INPUT, "no parent finding %lld",
                                                    (long long)parent_id)
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
    return audit(db, arena, c->actor, AUDIT_FINDING_CREATE, "finding", f->id, f->title, err);
}

int plan_finding_add(Db *db, const Actor *actor, Finding *f, Err *err)
{
    FindingCtx c = {.actor = actor, .f = f};
    return in_tx(db, finding_add_tx, &c, err);
}

static int finding_update_tx(Db *db, Arena *arena, void *ctx, Err *err)
{
    FindingCtx *c = ctx;
    Finding f;
    if (finding_store_get(db, arena, c->id, &f, err) < 0 ||
        check_parent(db, arena, f.inspection_id, f.parent_id, c->level, err) < 0)
        return -1;
    Tree t;
    if (tree_load(db, arena, f.inspection_id, &t, err) < 0)
        return -1;
    int lo, hi;
    children(&t, f.id, &lo, &hi);
    for (int k = lo; k < hi; k++)
        if (t.fs[t.order[k]].level <= c->level)
            return err_fail(err, ERR_INPUT, "a %s cannot sit above a %s",
                            model_level_name(c->level), model_level_name(t.fs[t.order[k]].level));
    if (edit_store_finding_update(db, c->id, c->level, c->title, c->body, c->version, err) < 0)
        return -1;
    return audit(db, arena, c->actor, AUDIT_FINDING_UPDATE, "finding", c->id, c->title, err);
}

int plan_finding_update(Db *db, const Actor *actor, int64_t id, FindingLevel level,
                        const char *title, const char *body, int64_t version, Err *err)
{
    FindingCtx c = {.actor = actor, .id = id, .level = level, .title = title, .body = body,
                    .version = version};
    return in_tx(db, finding_update_tx, &c, err);
}

static int finding_move_tx(Db *db, Arena *arena, void *ctx, Err *err)
{
    FindingCtx *c = ctx;
    Finding f;
    Tree t;
    if (finding_store_get(db, arena, c->id, &f, err) < 0 ||
        tree_load(db, arena, f.inspection_id, &t, err) < 0)
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
        detail = arena_printf(arena, "parent %lld -> %lld", (long long)old_parent,
                              (long long)parent);
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
    return audit(db, arena, c->actor, AUDIT_FINDING_MOVE, "finding", *c->new_id, detail, err);
}

int plan_finding_move(Db *db, const Actor *actor, int64_t id, int64_t new_parent, int delta,
                      int64_t *new_id, Err *err)
{
    FindingCtx c = {.actor = actor, .id = id, .new_parent = new_parent, .delta = delta,
                    .new_id = new_id};
    return in_tx(db, finding_move_tx, &c, err);
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
    return audit(db, arena, c->actor, AUDIT_FINDING_DELETE, "finding", c->id, f.title, err);
}

int plan_finding_delete(Db *db, const Actor *actor, int64_t id, Err *err)
{
    FindingCtx c = {.actor = actor, .id = id};
    return in_tx(db, finding_delete_tx, &c, err);
}

/* Measures */

typedef struct MeasureCtx {
    const Actor *actor;
    Measure *m;
    int64_t id;
    int64_t version;
    const char *reason;
    int64_t new_finding;
    int delta;
} MeasureCtx;

static int measure_add_tx(Db *db, Arena *arena, void *ctx, Err *err)
{
    MeasureCtx *c = ctx;
    Measure *m = c->m;
    Finding f;
    if (finding_store_get(db, arena, m->finding_id, &f, err) < 0)
        return err->code == ERR_NOTFOUND ? err_fail(err, ERR_INPUT, "no finding %lld",
                                                    (long long)m->finding_id)
                                         : -1;
    if (f.inspection_id != m->inspection_id)
        return err_fail(err, ERR_INPUT, "the finding belongs to another inspection");
    if (edit_store_measure_next(db, m->finding_id, &m->ordinal, err) < 0)
        return -1;
    m->label = plan_measure_label(arena, m->ordinal);
    m->state = STATE_NOT_STARTED;
    if (measure_store_insert(db, m, err) < 0 ||
        event(db, c->actor, m, EVENT_CREATE, NULL, NULL, NULL, err) < 0)
        return -1;
    return audit(db, arena, c->actor, AUDIT_MEASURE_CREATE, "measure", m->id, m->title, err);
}

int plan_measure_add(Db *db, const Actor *actor, Measure *m, Err *err)
{
    MeasureCtx c = {.actor = actor, .m = m};
    return in_tx(db, measure_add_tx, &c, err);
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* True when the two id sets differ (order aside). */
static bool ids_differ(Arena *arena, const int64_t *a, int na, const int64_t *b, int nb)
{
    if (na != nb)
        return true;
    int64_t *x = ARENA_ARRAY(arena, int64_t, na + 1), *y = ARENA_ARRAY(arena, int64_t, nb + 1);
    if (na) {
        memcpy(x, a, (size_t)na * sizeof *x);
        memcpy(y, b, (size_t)nb * sizeof *y);
    }
    qsort(x, (size_t)na, sizeof *x, cmp_i64);
    qsort(y, (size_t)nb, sizeof *y, cmp_i64);
    return na && memcmp(x, y, (size_t)na * sizeof *x) != 0;
}

/* The ids as text, "3,7" ("" for none), for an event's old and new values. */
static const char *ids_text(Arena *arena, const int64_t *ids, int n)
{
    Buf b = BUF_INIT;
    for (int i = 0; i < n; i++)
        buf_printf(&b, "%s%lld", i ? "," : "", (long long)ids[i]);
    const char *out = arena_strdup(arena, b.data);
    buf_free(&b);
    return out;
}

/*
** Owners for the timeline, as people read them: "牵头单位：区财政局", "责任领导：张三、李四",
** "责任单位：（无）"; an id whose row is gone shows as #id.
*/
static const char *owner_text(Db *db, Arena *arena, const char *what, const int64_t *ids, int n,
                              bool units)
{
    Buf b = BUF_INIT;
    buf_printf(&b, "%s：", what);
    if (n == 0)
        buf_puts(&b, "（无）");
    for (int i = 0; i < n; i++) {
        Err ignored = ERR_INIT;
        Unit u;
        Person p;
        const char *name = NULL;
        if (units && unit_store_get(db, arena, ids[i], &u, &ignored) == 0)
            name = u.name;
        else if (!units && person_store_get(db, arena, ids[i], &p, &ignored) == 0)
            name = p.name;
        if (i)
            buf_puts(&b, "、");
        if (name)
            buf_puts(&b, name);
        else
            buf_printf(&b, "#%lld", (long long)ids[i]);
    }
    const char *out = arena_strdup(arena, b.data);
    buf_free(&b);
    return out;
}

static const char *day_text(Arena *arena, Day d, bool long_term)
{
    char iso[DATE_ISO_SIZE];
    if (d == DAY_NONE)
        return long_term ? "long_term" : "";
    return arena_printf(arena, "%s%s", date_format(d, iso), long_term ? "+long_term" : "");
}

static int measure_update_tx(Db *db, Arena *arena, void *ctx, Err *err)
{
    MeasureCtx *c = ctx;
    const Measure *m = c->m;
    Measure old;
    Inspection in;
    if (measure_store_get(db, arena, m->id, &old, err) < 0 ||
        inspection_store_get(db, arena, old.inspection_id, &in, err) < 0)
        return -1;
    if (old.withdrawn)
        return err_fail(err, ERR_CONFLICT, "measure %lld is withdrawn", (long long)m->id);
    if (old.version != c->version)
        return err_fail(err, ERR_CONFLICT, "measure %lld was changed by someone else",
                        (long long)m->id);
    bool deadline = old.deadline != m->deadline || old.long_term != m->long_term;
    bool lead = old.lead_unit_id != m->lead_unit_id;
    bool co = ids_differ(arena, old.co_unit_ids, old.n_co_units, m->co_unit_ids, m->n_co_units);
    bool leaders = ids_differ(arena, old.leader_ids, old.n_leaders, m->leader_ids, m->n_leaders);
    bool issued = in.plan_state == PLAN_ISSUED;
    if (issued && (deadline || lead || co || leaders) && (!c->reason || !*c->reason))
        return err_fail(err, ERR_INPUT,
                        "a change of the deadline or the owners of an issued plan needs a reason");
    Measure next = *m;
    next.inspection_id = old.inspection_id;
    if (edit_store_measure_update(db, &next, c->version, err) < 0)
        return -1;
    if (issued) {
        const char *why = c->reason;
        if ((deadline && event(db, c->actor, &next, EVENT_DEADLINE_CHANGE,
                               day_text(arena, old.deadline, old.long_term),
                               day_text(arena, m->deadline, m->long_term), why, err) < 0) ||
            (lead && event(db, c->actor, &next, EVENT_OWNER_CHANGE,
                           owner_text(db, arena, "牵头单位", &old.lead_unit_id,
                                      old.lead_unit_id ? 1 : 0, true),
                           owner_text(db, arena, "牵头单位", &m->lead_unit_id,
                                      m->lead_unit_id ? 1 : 0, true),
                           why, err) < 0) ||
            (co && event(db, c->actor, &next, EVENT_OWNER_CHANGE,
                         owner_text(db, arena, "责任单位", old.co_unit_ids, old.n_co_units, true),
                         owner_text(db, arena, "责任单位", m->co_unit_ids, m->n_co_units, true),
                         why, err) < 0) ||
            (leaders && event(db, c->actor, &next, EVENT_OWNER_CHANGE,
                              owner_text(db, arena, "责任领导", old.leader_ids, old.n_leaders, false),
                              owner_text(db, arena, "责任领导", m->leader_ids, m->n_leaders, false),
                              why, err) < 0))
            return -1;
    }
    Buf d = BUF_INIT;
    buf_puts(&d, m->title);
    if (deadline)
        buf_printf(&d, "; deadline %s -> %s", day_text(arena, old.deadline, old.long_term),
                   day_text(arena, m->deadline, m->long_term));
    if (lead)
        buf_printf(&d, "; lead unit %lld -> %lld", (long long)old.lead_unit_id,
                   (long long)m->lead_unit_id);
    if (co)
        buf_printf(&d, "; co-units %s -> %s", ids_text(arena, old.co_unit_ids, old.n_co_units),
                   ids_text(arena, m->co_unit_ids, m->n_co_units));
    if (leaders)
        buf_printf(&d, "; leaders %s -> %s", ids_text(arena, old.leader_ids, old.n_leaders),
                   ids_text(arena, m->leader_ids, m->n_leaders));
    if (c->reason && *c->reason)
        buf_printf(&d, "; reason: %s", c->reason);
    int rc = audit(db, arena, c->actor, AUDIT_MEASURE_EDIT, "measure", m->id, d.data, err);
    buf_free(&d);
    return rc;
}

int plan_measure_update(Db *db, const Actor *actor, const Measure *m, int64_t version,
                        const char *reason, Err *err)
{
    MeasureCtx c = {.actor = actor, .m = (Measure *)m, .version = version, .reason = reason};
    return in_tx(db, measure_update_tx, &c, err);
}

/* Write ordinals 1..n and labels to the measures ms[0..n) in this order. */
static int renumber_measures(Db *db, Arena *arena, const Measure *ms, int n, Err *err)
{
    for (int k = 0; k < n; k++) {
        const char *label = plan_measure_label(arena, k + 1);
        if (ms[k].ordinal == k + 1 && strcmp(ms[k].label, label) == 0)
            continue;
        if (edit_store_measure_place(db, ms[k].id, ms[k].finding_id, k + 1, label, err) < 0)
            return -1;
    }
    return 0;
}

static int measure_move_tx(Db *db, Arena *arena, void *ctx, Err *err)
{
    MeasureCtx *c = ctx;
    Measure m;
    if (measure_store_get(db, arena, c->id, &m, err) < 0)
        return -1;
    Measure *ms;
    int n;
    if (edit_store_measures_of(db, arena, m.finding_id, &ms, &n, err) < 0)
        return -1;
    const char *detail;
    if (c->new_finding && c->new_finding != m.finding_id) {
        Finding f;
        if (finding_store_get(db, arena, c->new_finding, &f, err) < 0)
            return err->code == ERR_NOTFOUND ? err_fail(err, ERR_INPUT, "no finding %lld",
                                                        (long long)c->new_finding)
                                             : -1;
        if (f.inspection_id != m.inspection_id)
            return err_fail(err, ERR_INPUT, "the finding belongs to another inspection");
        int ordinal;
        if (edit_store_measure_next(db, f.id, &ordinal, err) < 0 ||
            edit_store_measure_place(db, m.id, f.id, ordinal,
                                     plan_measure_label(arena, ordinal), err) < 0)
            return -1;
        int k = 0;
        for (int i = 0; i < n; i++)
            if (ms[i].id != m.id)
                ms[k++] = ms[i];
        if (renumber_measures(db, arena, ms, k, err) < 0)
            return -1;
        detail = arena_printf(arena, "finding %lld -> %lld", (long long)m.finding_id,
                              (long long)f.id);
    } else {
        int k;
        for (k = 0; k < n && ms[k].id != m.id; k++)
            ;
        int other = k + (c->delta < 0 ? -1 : 1);
        if (c->delta == 0 || k == n || other < 0 || other >= n)
            return 0;
        Measure tmp = ms[k];
        ms[k] = ms[other];
        ms[other] = tmp;
        if (renumber_measures(db, arena, ms, n, err) < 0)
            return -1;
        detail = c->delta < 0 ? "up" : "down";
    }
    return audit(db, arena, c->actor, AUDIT_MEASURE_MOVE, "measure", m.id, detail, err);
}

int plan_measure_move(Db *db, const Actor *actor, int64_t id, int64_t new_finding, int delta,
                      Err *err)
{
    MeasureCtx c = {.actor = actor, .id = id, .new_finding = new_finding, .delta = delta};
    return in_tx(db, measure_move_tx, &c, err);
}

static int measure_delete_tx(Db *db, Arena *arena, void *ctx, Err *err)
{
    MeasureCtx *c = ctx;
    Measure m;
    Inspection in;
    if (measure_store_get(db, arena, c->id, &m, err) < 0 ||
        inspection_store_get(db, arena, m.inspection_id, &in, err) < 0)
        return -1;
    if (in.plan_state == PLAN_ISSUED)
        return err_fail(err, ERR_CONFLICT,
                        "measure %lld belongs to an issued plan: withdraw it instead",
                        (long long)c->id);
    if (edit_store_measure_delete(db, c->id, err) < 0)
        return -1;
    Measure *ms;
    int n;
    if (edit_store_measures_of(db, arena, m.finding_id, &ms, &n, err) < 0 ||
        renumber_measures(db, arena, ms, n, err) < 0)
        return -1;
    return audit(db, arena, c->actor, AUDIT_MEASURE_DELETE, "measure", c->id, m.title, err);
}

int plan_measure_delete(Db *db, const Actor *actor, int64_t id, Err *err)
{
    MeasureCtx c = {.actor = actor, .id = id};
    return in_tx(db, measure_delete_tx, &c, err);
}

static int measure_withdraw_tx(Db *db, Arena *arena, void *ctx, Err *err)
{
    MeasureCtx *c = ctx;
    if (!c->reason || !*c->reason)
        return err_fail(err, ERR_INPUT, "withdrawing a measure needs a reason");
    if (strlen(c->reason) > PLAN_TEXT_MAX)
        return err_fail(err, ERR_TOO_LARGE, "the reason is too long");
    Measure m;
    Inspection in;
    if (measure_store_get(db, arena, c->id, &m, err) < 0 ||
        inspection_store_get(db, arena, m.inspection_id, &in, err) < 0)
        return -1;
    if (in.plan_state != PLAN_ISSUED)
        return err_fail(err, ERR_CONFLICT, "a measure of a draft plan is deleted, not withdrawn");
    if (m.withdrawn)
        return err_fail(err, ERR_CONFLICT, "measure %lld is already withdrawn", (long long)c->id);
    if (edit_store_measure_withdraw(db, c->id, c->reason, c->version, err) < 0 ||
        event(db, c->actor, &m, EVENT_WITHDRAW, NULL, NULL, c->reason, err) < 0)
        return -1;
    /* The measures still in force close ranks: 一是, 二是 … without a gap. */
    Measure *ms;
    int n;
    if (edit_store_measures_of(db, arena, m.finding_id, &ms, &n, err) < 0 ||
        renumber_measures(db, arena, ms, n, err) < 0)
        return -1;
    return audit(db, arena, c->actor, AUDIT_MEASURE_WITHDRAW, "measure", c->id,
                 arena_printf(arena, "%s; reason: %s", m.title, c->reason), err);
}

int plan_measure_withdraw(Db *db, const Actor *actor, int64_t id, const char *reason,
                          int64_t version, Err *err)
{
    MeasureCtx c = {.actor = actor, .id = id, .reason = reason, .version = version};
    return in_tx(db, measure_withdraw_tx, &c, err);
}
