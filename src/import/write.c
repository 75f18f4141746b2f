/*
** write.c: an ImportDoc → a new inspection's ledger (import.h). One BEGIN IMMEDIATE
** transaction writes the inspection (with the source file and its SHA-256), its figures, its
** findings (statuses the document states become overrides with the line as reason) and its
** measures, each with its source lines. The same file again changes nothing; a different file
** for the same group and target is compared with what was imported before and, unless the
** caller asks for a new inspection, refused with the list of differences.
*/
#include "import_internal.h"

#include "base/utf8.h"
#include "db/activity_store.h"
#include "db/audit_store.h"
#include "db/finding_store.h"
#include "db/inspection_store.h"
#include "db/measure_store.h"

/* At most max code points of s, for titles and keys. */
static const char *cut(Arena *a, const char *s, size_t max)
{
    return arena_strndup(a, s, utf8_prefix(s, strlen(s), max));
}

/* Join strings with "; ". */
static const char *join(Arena *a, const char *const *v, int n)
{
    Buf b = BUF_INIT;
    for (int i = 0; i < n; i++)
        buf_printf(&b, "%s%s", i ? "; " : "", v[i]);
    const char *s = arena_strndup(a, b.data, b.len);
    buf_free(&b);
    return s;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* What a merge finds already there: the inspection's findings and measures. */
typedef struct Existing {
    Finding *findings;
    int n_findings;
    Measure *measures; /* sorted by finding, then ordinal */
    int n_measures;
} Existing;

typedef struct Writer {
    Db *db;
    const ImportDoc *doc;
    int64_t inspection_id;
    int findings, measures;
    Existing *old; /* NULL for a new inspection */
    Day today;
} Writer;

/* The ids of names, each once. */
static int64_t *name_ids(Arena *a, const ImportName *v, int n, int *n_out)
{
    int64_t *ids = ARENA_ARRAY(a, int64_t, (size_t)(n ? n : 1));
    int k = 0;
    for (int i = 0; i < n; i++) {
        bool dup = !v[i].id;
        for (int j = 0; j < k && !dup; j++)
            dup = ids[j] == v[i].id;
        if (!dup)
            ids[k++] = v[i].id;
    }
    *n_out = k;
    return ids;
}

static int cmp_measure(const void *a, const void *b)
{
    const Measure *x = a, *y = b;
    if (x->finding_id != y->finding_id)
        return (x->finding_id > y->finding_id) - (x->finding_id < y->finding_id);
    return (x->ordinal > y->ordinal) - (x->ordinal < y->ordinal);
}

/* The existing measures of a finding: their first index and count in old->measures. */
static int old_measures(const Existing *old, int64_t finding_id, int *count)
{
    int lo = 0, hi = old->n_measures;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (old->measures[mid].finding_id < finding_id)
            lo = mid + 1;
        else
            hi = mid;
    }
    int k = lo;
    while (k < old->n_measures && old->measures[k].finding_id == finding_id)
        k++;
    *count = k - lo;
    return lo;
}

/* The accepted progress report a ledger or a progress report states for a new measure. */
static int write_progress(Writer *w, const Measure *m, const ImportMeasure *im, Err *err)
{
    Progress p = {0};
    p.measure_id = m->id;
    p.unit_id = m->lead_unit_id;
    p.body = im->progress;
    p.percent = m->percent;
    p.state = PROGRESS_ACCEPTED;
    p.reported_on = im->progress_on != DAY_NONE ? im->progress_on : w->today;
    char period[16];
    int y, mo, d;
    date_to_ymd(p.reported_on, &y, &mo, &d);
    snprintf(period, sizeof period, "%04d-%02d", y, mo);
    p.period = period;
    return progress_store_insert(w->db, &p, err);
}

static int write_measures(Writer *w, const ImportNode *x, int64_t finding_id, Day deadline,
                          bool long_term, Err *err)
{
    int ordinal = 0, first = 0, n_old = 0;
    if (w->old) {
        first = old_measures(w->old, finding_id, &n_old);
        for (int i = 0; i < n_old; i++)
            if (w->old->measures[first + i].ordinal > ordinal)
                ordinal = w->old->measures[first + i].ordinal;
    }
    Arena *a = w->doc->arena;
    for (const ImportMeasure *im = x->measures; im; im = im->next) {
        bool there = false;
        for (int i = 0; i < n_old && !there; i++)
            there = strcmp(w->old->measures[first + i].body, im->text) == 0;
        if (there)
            continue;
        Measure m;
        memset(&m, 0, sizeof m);
        m.inspection_id = w->inspection_id;
        m.finding_id = finding_id;
        m.ordinal = ++ordinal;
        m.label = im->label;
        m.title = im->title ? im->title : cut(w->doc->arena, im->text, 30);
        m.body = im->text;
        /* A measure without its own deadline keeps its finding's (完成时限 under a problem). */
        m.deadline = im->deadline != DAY_NONE ? im->deadline : deadline;
        m.long_term = im->long_term || (im->deadline == DAY_NONE && long_term);
        m.kind = im->immediate                             ? KIND_IMMEDIATE
                 : (m.long_term && m.deadline == DAY_NONE) ? KIND_LONG_TERM
                                                           : KIND_DATED;
        if (im->has_kind)
            m.kind = im->kind;
        m.target = im->target;
        m.state = im->state >= 0 ? (MeasureState)im->state : STATE_NOT_STARTED;
        m.closed_on = m.revisit_due = DAY_NONE;
        if (m.state == STATE_CLOSED || m.state == STATE_PHASE_COMPLETE)
            m.closed_on = w->today;
        m.percent = im->percent >= 0 ? im->percent : m.state == STATE_CLOSED ? 100 : 0;
        m.line_first = im->line_first;
        m.line_last = im->line_last;
        m.lead_unit_id = im->lead_unit.id;
        m.leader_ids = name_ids(a, im->leaders, im->n_leaders, &m.n_leaders);
        m.co_unit_ids = name_ids(a, im->co_units, im->n_co_units, &m.n_co_units);
        if (measure_store_insert(w->db, &m, err) < 0)
            return -1;
        if (im->progress && write_progress(w, &m, im, err) < 0)
            return -1;
        w->measures++;
    }
    return 0;
}

static int write_nodes(Writer *w, const ImportNode *x, int64_t parent_id, Day deadline,
                       bool long_term, Err *err)
{
    int ordinal = 0;
    if (w->old)
        for (int i = 0; i < w->old->n_findings; i++)
            if (w->old->findings[i].parent_id == parent_id &&
                w->old->findings[i].ordinal > ordinal)
                ordinal = w->old->findings[i].ordinal;
    for (; x; x = x->next) {
        Day d = x->deadline != DAY_NONE ? x->deadline : deadline;
        bool lt = x->long_term || (x->deadline == DAY_NONE && long_term);
        const Finding *same = NULL;
        for (int i = 0; w->old && i < w->old->n_findings && !same; i++) {
            const Finding *o = &w->old->findings[i];
            if (o->parent_id == parent_id && o->level == x->level &&
                strcmp(o->label ? o->label : "", x->label ? x->label : "") == 0 &&
                strcmp(o->title, x->title) == 0)
                same = o;
        }
        if (same) {
            if (write_measures(w, x, same->id, d, lt, err) < 0 ||
                write_nodes(w, x->children, same->id, d, lt, err) < 0)
                return -1;
            continue;
        }
        Finding f;
        memset(&f, 0, sizeof f);
        f.inspection_id = w->inspection_id;
        f.parent_id = parent_id;
        f.level = x->level;
        f.ordinal = ++ordinal;
        f.label = x->label;
        f.title = x->title;
        f.body = x->body;
        f.override = STATUS_NONE;
        f.line_first = x->line_first;
        f.line_last = x->line_last;
        if (finding_store_insert(w->db, &f, err) < 0)
            return -1;
        w->findings++;
        if (x->status != STATUS_NONE) {
            char reason[96];
            snprintf(reason, sizeof reason, "stated by the imported document '%s'",
                     base_name(w->doc->file));
            if (finding_store_set_override(w->db, f.id, (ProblemStatus)x->status, reason, err) < 0)
                return -1;
        }
        if (write_measures(w, x, f.id, d, lt, err) < 0 ||
            write_nodes(w, x->children, f.id, d, lt, err) < 0)
            return -1;
    }
    return 0;
}

/* ---- differences against an earlier import ---- */

typedef struct Key {
    const char *text; /* "problem (一) “X”问题" or "measure (一)/1. 加强…" */
    bool seen;        /* matched on the other side */
} Key;

typedef struct Keys {
    Key *v;
    int n, cap;
} Keys;

static void key_add(Arena *a, Keys *k, const char *text)
{
    if (k->n == k->cap) {
        int cap = k->cap ? k->cap * 2 : 64;
        Key *v = ARENA_ARRAY(a, Key, (size_t)cap);
        if (k->n)
            memcpy(v, k->v, sizeof(Key) * (size_t)k->n);
        k->v = v;
        k->cap = cap;
    }
    k->v[k->n].text = text;
    k->v[k->n].seen = false;
    k->n++;
}

static const char *finding_key(Arena *a, const char *path, FindingLevel level, const char *label,
                               const char *title)
{
    return arena_printf(a, "%s%s%s %s%s%s", path, *path ? " / " : "", model_level_name(level),
                        label ? label : "", label && *label ? " " : "", title);
}

static const char *measure_key(Arena *a, const char *path, const char *label, const char *text)
{
    return arena_printf(a, "%s / measure %s%s%s", path, label ? label : "",
                        label && *label ? " " : "", cut(a, text, 24));
}

static void doc_keys(Arena *a, const ImportNode *x, const char *path, Keys *k)
{
    for (; x; x = x->next) {
        const char *fk = finding_key(a, path, x->level, x->label, x->title);
        key_add(a, k, fk);
        for (const ImportMeasure *m = x->measures; m; m = m->next)
            key_add(a, k, measure_key(a, fk, m->label, m->text));
        doc_keys(a, x->children, fk, k);
    }
}

static int db_keys(Db *db, Arena *a, int64_t inspection_id, Keys *k, Err *err)
{
    Finding *fs;
    int nf;
    if (finding_store_list(db, a, inspection_id, &fs, &nf, err) < 0)
        return -1;
    const char **paths = ARENA_ARRAY(a, const char *, (size_t)nf + 1);
    for (int i = 0; i < nf; i++) {
        const char *parent = "";
        for (int j = 0; j < i; j++)
            if (fs[j].id == fs[i].parent_id)
                parent = paths[j];
        paths[i] = finding_key(a, parent, fs[i].level, fs[i].label, fs[i].title);
        key_add(a, k, paths[i]);
    }
    MeasureFilter filter = MEASURE_FILTER_ALL;
    filter.inspection_id = inspection_id;
    Measure *ms;
    int nm;
    if (measure_store_load(db, a, &filter, 0, &ms, &nm, err) < 0)
        return -1;
    for (int i = 0; i < nm; i++) {
        const char *path = "";
        for (int j = 0; j < nf; j++)
            if (fs[j].id == ms[i].finding_id)
                path = paths[j];
        key_add(a, k, measure_key(a, path, ms[i].label, ms[i].body));
    }
    return 0;
}

/* Append "- old" and "+ new" lines; return how many. */
static int compare(Keys *before, Keys *now, Buf *diff)
{
    for (int i = 0; i < before->n; i++)
        for (int j = 0; j < now->n; j++)
            if (!now->v[j].seen && strcmp(before->v[i].text, now->v[j].text) == 0) {
                before->v[i].seen = now->v[j].seen = true;
                break;
            }
    int count = 0;
    for (int i = 0; i < before->n; i++)
        if (!before->v[i].seen) {
            buf_printf(diff, "- %s\n", before->v[i].text);
            count++;
        }
    for (int j = 0; j < now->n; j++)
        if (!now->v[j].seen) {
            buf_printf(diff, "+ %s\n", now->v[j].text);
            count++;
        }
    return count;
}

/*
** The inspection row of doc with the headline figures and clue outcomes it states, into *out
** (its id set). Inside import_write's transaction.
*/
static int write_inspection(Db *db, const ImportDoc *doc, Inspection *out, Err *err)
{
    Arena *a = doc->arena;
    Inspection in;
    memset(&in, 0, sizeof in);
    in.kind = doc->kind;
    in.title = doc->title ? doc->title : base_name(doc->file);
    in.group_name = doc->group;
    in.target = doc->target;
    in.onsite_start = doc->onsite_start;
    in.onsite_end = doc->onsite_end;
    in.feedback_on = doc->feedback_on;
    in.concentrated_end = DAY_NONE;
    in.report_cycle = CYCLE_MONTHLY;
    in.warn_days = 7;
    in.state = INSPECTION_ACTIVE;
    in.contact_phone = join(a, doc->phones, doc->n_phones);
    in.contact_email = join(a, doc->emails, doc->n_emails);
    in.contact_address = doc->address;
    in.signer = doc->signer;
    in.published_on = doc->published_on;
    in.source_file = base_name(doc->file);
    in.source_sha256 = doc->sha256;
    if (inspection_store_insert(db, &in, err) < 0)
        return -1;
    for (size_t i = 0; i < (size_t)FIGURE__COUNT; i++) {
        if (!doc->has_figure[i])
            continue;
        char value[64];
        snprintf(value, sizeof value, "%.10g", doc->figures[i]);
        if (inspection_store_set_figure(db, in.id, vocab_name(VOCAB_FIGURE, (int)i), value, err) <
            0)
            return -1;
    }
    /* Clue outcomes without a figure key of their own (责令检查 …) are kept as figures too. */
    for (const ImportOutcome *o = doc->outcomes; o; o = o->next) {
        char value[32];
        snprintf(value, sizeof value, "%lld", (long long)o->count);
        if (inspection_store_set_figure(db, in.id, arena_printf(a, "clue_outcome:%s", o->type),
                                        value, err) < 0)
            return -1;
    }
    *out = in;
    return 0;
}

/* One line naming the first unknown name and how many there are. */
static int fail_unknown(const ImportDoc *doc, Err *err)
{
    const ImportName *v = &doc->unknown[0];
    return err_fail(err, ERR_INPUT,
                    "%s: unknown %s '%s' (%d unknown units, %d unknown persons; nothing written): "
                    "map them with --map FILE or create them with --create-unknown",
                    v->where, v->is_unit ? "unit" : "person", v->name, doc->unknown_units,
                    doc->unknown_persons);
}

/* Load what a merge needs of the inspection it merges into. */
static int load_existing(Db *db, Arena *a, int64_t id, Existing *old, Err *err)
{
    Inspection in;
    if (inspection_store_get(db, a, id, &in, err) < 0)
        return -1;
    if (finding_store_list(db, a, id, &old->findings, &old->n_findings, err) < 0)
        return -1;
    MeasureFilter filter = MEASURE_FILTER_ALL;
    filter.inspection_id = id;
    if (measure_store_load(db, a, &filter, 0, &old->measures, &old->n_measures, err) < 0)
        return -1;
    qsort(old->measures, (size_t)old->n_measures, sizeof *old->measures, cmp_measure);
    return 0;
}

int import_write(Db *db, const ImportDoc *doc, bool as_new, ImportResult *res, Buf *diff, Err *err)
{
    ImportOptions opts = {0};
    opts.as_new = as_new;
    /* Resolving owners fills ids the caller's doc carries as derived data. */
    return import_write_opts(db, (ImportDoc *)doc, &opts, res, diff, err);
}

/*
** Merge doc into inspection id inside the open transaction, which this ends: rolled back when
** nothing is new or on failure (-1), else committed with its audit row.
*/
static int merge_into(Writer *w, int64_t id, const char *actor, ImportResult *res, Err *err)
{
    Db *db = w->db;
    Arena *a = w->doc->arena;
    const ImportDoc *doc = w->doc;
    Existing old;
    if (load_existing(db, a, id, &old, err) < 0)
        goto fail;
    w->inspection_id = id;
    w->old = &old;
    if (write_nodes(w, doc->findings, 0, DAY_NONE, false, err) < 0)
        goto fail;
    res->inspection_id = id;
    if (w->findings == 0 && w->measures == 0) {
        res->unchanged = true;
        db_rollback(db);
        return 0;
    }
    if (audit_store_append(
            db, actor, AUDIT_INSPECTION_IMPORT, arena_printf(a, "inspection:%lld", (long long)id),
            arena_printf(a, "file '%s' sha256 %s merged: %d findings, %d measures added",
                         base_name(doc->file), doc->sha256, w->findings, w->measures),
            err) < 0)
        goto fail;
    if (db_commit(db, err) < 0)
        return -1;
    res->findings = w->findings;
    res->measures = w->measures;
    return 0;
fail:
    db_rollback(db);
    return -1;
}

/*
** An earlier inspection of the same group and target: its differences from doc into diff and
** res->differences; unless as_new, -1 with a conflict naming it (res->inspection_id its id).
*/
static int against_similar(Db *db, ImportDoc *doc, bool as_new, ImportResult *res, Buf *diff,
                           Err *err)
{
    if (!doc->group && !doc->target)
        return 0;
    Arena *a = doc->arena;
    const char *earlier;
    int64_t id;
    if (inspection_store_find_similar(db, a, doc->group ? doc->group : "",
                                      doc->target ? doc->target : "", &id, &earlier, err) < 0)
        return -1;
    if (!id)
        return 0;
    Keys before = {0}, now = {0};
    if (db_keys(db, a, id, &before, err) < 0)
        return -1;
    doc_keys(a, doc->findings, "", &now);
    buf_printf(diff, "differences from inspection %lld (imported from '%s'):\n", (long long)id,
               earlier ? earlier : "?");
    res->differences = compare(&before, &now, diff);
    if (res->differences == 0)
        buf_puts(diff, "  (the same findings and measures; other text changed)\n");
    if (as_new)
        return 0;
    res->inspection_id = id;
    return err_fail(err, ERR_CONFLICT,
                    "'%s' changes inspection %lld (same group and target, %d "
                    "differences listed); nothing written: use --new to import it "
                    "as a new inspection",
                    doc->file, (long long)id, res->differences);
}

int import_write_opts(Db *db, ImportDoc *doc, const ImportOptions *opts, ImportResult *res,
                      Buf *diff, Err *err)
{
    memset(res, 0, sizeof *res);
    Arena *a = doc->arena;
    const char *actor = opts->actor ? opts->actor : "cli";
    if (!doc->findings)
        return err_fail(err, ERR_INPUT,
                        "'%s': no findings recognised, nothing written "
                        "(see 'import doc --dry-run')",
                        doc->file);
    if (db_begin(db, err) < 0)
        return -1;
    if (import_resolve(db, doc, opts->map, opts->create_unknown, err) < 0)
        goto fail;
    if (doc->n_unknown) {
        db_rollback(db);
        return fail_unknown(doc, err);
    }
    Writer w = {db, doc, 0, 0, 0, NULL, date_today()};
    if (opts->inspection_id)
        return merge_into(&w, opts->inspection_id, actor, res, err);
    int64_t id;
    if (inspection_store_find_source(db, doc->sha256, &id, err) < 0)
        goto fail;
    if (id) {
        res->inspection_id = id;
        res->unchanged = true;
        db_rollback(db);
        return 0;
    }
    if (against_similar(db, doc, opts->as_new, res, diff, err) < 0)
        goto fail;
    Inspection in;
    if (write_inspection(db, doc, &in, err) < 0)
        goto fail;
    w.inspection_id = in.id;
    if (write_nodes(&w, doc->findings, 0, DAY_NONE, false, err) < 0)
        goto fail;
    /* The audit row commits with the import or not at all. */
    if (audit_store_append(db, actor, AUDIT_INSPECTION_IMPORT,
                           arena_printf(a, "inspection:%lld", (long long)in.id),
                           arena_printf(a, "file '%s' sha256 %s: %d findings, %d measures",
                                        base_name(doc->file), doc->sha256, w.findings, w.measures),
                           err) < 0)
        goto fail;
    if (db_commit(db, err) < 0)
        return -1;
    res->inspection_id = in.id;
    res->findings = w.findings;
    res->measures = w.measures;
    return 0;
fail:
    db_rollback(db);
    return -1;
}
