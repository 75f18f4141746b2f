/*
** report.c: loading a report's data and choosing the builder and writer of each kind and
** format (report.h).
*/
#include "report.h"

#include "base/hash.h"
#include "base/json.h"
#include "base/utf8.h"
#include "db/audit_store.h"
#include "report/doc.h"
#include "report/stats_json.h"

static const char *const kind_names[] = {"tongbao", "dispatch", "stats", "ledger"};
static const char *const format_names[] = {"md", "html", "docx", "xlsx", "csv", "json"};
static const char *const text_names[] = {"organise", "leader", "plan"};
static const char *const text_labels[] = {"组织整改落实情况", "主要负责人履行第一责任人职责情况",
                                          "下一步工作打算"};
/* Per kind: the formats it comes in, as a bit set and as usage text. */
static const unsigned kind_formats[] = {
    1u << FORMAT_MD | 1u << FORMAT_HTML | 1u << FORMAT_DOCX,
    1u << FORMAT_MD | 1u << FORMAT_HTML | 1u << FORMAT_XLSX,
    1u << FORMAT_JSON,
    1u << FORMAT_XLSX | 1u << FORMAT_CSV | 1u << FORMAT_HTML,
};
static const char *const kind_format_lists[] = {"md|html|docx", "md|html|xlsx", "json",
                                                "xlsx|csv|html"};
_Static_assert(ARRAY_SIZE(kind_names) == REPORT__COUNT, "report kinds");
_Static_assert(ARRAY_SIZE(kind_formats) == REPORT__COUNT, "report kinds' formats");
_Static_assert(ARRAY_SIZE(kind_format_lists) == REPORT__COUNT, "report kinds' format lists");
_Static_assert(ARRAY_SIZE(format_names) == FORMAT__COUNT, "report formats");
_Static_assert(ARRAY_SIZE(text_names) == TEXT__COUNT, "report text blocks");
_Static_assert(ARRAY_SIZE(text_labels) == TEXT__COUNT, "report text labels");

const char *report_kind_word(InspectionKind k)
{
    return vocab_label(VOCAB_INSPECTION_KIND, (int)k);
}

void report_doc_name(Buf *b, const Inspection *in, const char *what)
{
    const char *who = in->target && *in->target ? in->target : in->signer ? in->signer : "";
    buf_printf(b, "%s%s%s", who, report_kind_word(in->kind), what);
}

static int parse_name(const char *const *names, int n, const char *s)
{
    for (int i = 0; s && i < n; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return -1;
}

const char *report_kind_name(ReportKind k)
{
    return kind_names[k];
}

int report_kind_parse(const char *s)
{
    return parse_name(kind_names, REPORT__COUNT, s);
}

const char *report_format_name(ReportFormat f)
{
    return format_names[f];
}

int report_format_parse(const char *s)
{
    return parse_name(format_names, FORMAT__COUNT, s);
}

const char *report_text_name(ReportText t)
{
    return text_names[t];
}

const char *report_text_label(ReportText t)
{
    return text_labels[t];
}

int report_text_parse(const char *s)
{
    return parse_name(text_names, TEXT__COUNT, s);
}

const char *report_kind_list(void)
{
    /* The kinds `report --kind` takes; the ledger has its own command (export ledger). */
    return "tongbao|dispatch|stats";
}

const char *report_text_list(void)
{
    return "organise|leader|plan";
}

const char *report_formats_of(ReportKind k)
{
    return kind_format_lists[k];
}

bool report_supports(ReportKind k, ReportFormat f)
{
    return (kind_formats[k] >> f) & 1u;
}

bool report_format_binary(ReportFormat f)
{
    return f == FORMAT_DOCX || f == FORMAT_XLSX;
}

const char *report_unit_name(const ReportData *d, int64_t id)
{
    return idname_find(d->units, d->n_units, id);
}

const char *report_person_name(const ReportData *d, int64_t id)
{
    return idname_find(d->persons, d->n_persons, id);
}

int report_finding_index(const ReportData *d, int64_t id)
{
    int lo = 0, hi = d->l.n_findings - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (d->l.findings[mid].id == id)
            return mid;
        if (d->l.findings[mid].id < id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

/* Link findings into a tree (siblings by ordinal) and measures to their findings. */
static void build_tree(ReportData *d, Arena *arena)
{
    int nf = d->l.n_findings, nm = d->l.n_measures;
    d->first_child = ARENA_ARRAY(arena, int, (size_t)nf + 1);
    d->next_sibling = ARENA_ARRAY(arena, int, (size_t)nf + 1);
    d->first_measure = ARENA_ARRAY(arena, int, (size_t)nf + 1);
    d->n_measures = ARENA_ARRAY(arena, int, (size_t)nf + 1);
    d->finding_of = ARENA_ARRAY(arena, int, (size_t)nm + 1);
    d->first_root = -1;
    for (int i = 0; i < nf; i++)
        d->first_child[i] = d->next_sibling[i] = d->first_measure[i] = -1;
    /* Insert each finding into its parent's list, kept sorted by ordinal (then id). Lists are
       short (a parent has a few dozen children), and ids mostly come in ordinal order, so
       the walk to the insertion point is short. */
    for (int i = 0; i < nf; i++) {
        const Finding *f = &d->l.findings[i];
        int parent = f->parent_id ? report_finding_index(d, f->parent_id) : -1;
        int *link = parent >= 0 ? &d->first_child[parent] : &d->first_root;
        while (*link >= 0 && d->l.findings[*link].ordinal <= f->ordinal)
            link = &d->next_sibling[*link];
        d->next_sibling[i] = *link;
        *link = i;
    }
    for (int k = 0; k < nm; k++) {
        int fi = report_finding_index(d, d->l.measures[k].finding_id);
        d->finding_of[k] = fi;
        if (fi < 0)
            continue;
        if (d->first_measure[fi] < 0)
            d->first_measure[fi] = k;
        d->n_measures[fi]++;
    }
}

/*
** Imported documents state clue outcomes as figures (vocab.h FigureKey); they stand until the
** register has entries. Each figure is the persons of one outcome type.
*/
static const struct {
    FigureKey key;
    OutcomeType type;
} outcome_figures[] = {
    {FIGURE_CASE_FILED, OUTCOME_CASE},
    {FIGURE_PARTY_DISCIPLINE, OUTCOME_PARTY_SANCTION},
    {FIGURE_GOV_DISCIPLINE, OUTCOME_GOV_SANCTION},
    {FIGURE_ORG_HANDLING, OUTCOME_ORG_HANDLING},
    {FIGURE_ADMONITION, OUTCOME_ADMONITION},
    {FIGURE_TALK_REMINDER, OUTCOME_TALK_REMINDER},
    {FIGURE_CRITICISM_EDUCATION, OUTCOME_CRITICISM},
};

/* The document's clue figures as outcomes, when the register holds nothing. */
static int document_outcomes(Db *db, Arena *arena, ReportData *out, Err *err)
{
    int n = 0;
    ReportOutcome *v = ARENA_ARRAY(arena, ReportOutcome, ARRAY_SIZE(outcome_figures) + 1);
    for (size_t i = 0; i < ARRAY_SIZE(outcome_figures); i++) {
        const char *value;
        if (report_store_figure(db, arena, out->l.in.id,
                                vocab_name(VOCAB_FIGURE, outcome_figures[i].key), &value, err) < 0)
            return -1;
        long long persons = value ? strtoll(value, NULL, 10) : 0;
        if (persons <= 0)
            continue;
        v[n].type = vocab_label(VOCAB_OUTCOME_TYPE, outcome_figures[i].type);
        v[n].subtype = "";
        v[n].persons = persons;
        n++;
    }
    if (n) {
        out->outcomes = v;
        out->n_outcomes = n;
        out->clues_from_document = true;
    }
    return 0;
}

static int load(Db *db, Arena *arena, int64_t inspection_id, Day as_of, bool history, bool names,
                ReportData *out, Err *err)
{
    memset(out, 0, sizeof *out);
    out->as_of = as_of;
    out->names = names;
    out->history = history;
    Day cutoff = history ? as_of : DAY_NONE;
    if (ledger_load(db, arena, inspection_id, &out->l, err) < 0)
        return -1;
    if (history && report_rewind(db, arena, &out->l, as_of, err) < 0)
        return -1;
    const Ledger *l = &out->l;
    ledger_stats(&l->in, l->findings, l->n_findings, l->measures, l->n_measures, as_of, arena,
                 &out->st);
    build_tree(out, arena);

    ReportProgress *pv;
    int np;
    if (report_store_latest_progress(db, arena, inspection_id, cutoff, &pv, &np, err) < 0)
        return -1;
    /* Both lists are sorted: measures by ledger order, which is not id order, so look each up. */
    out->progress = ARENA_ARRAY(arena, const char *, (size_t)l->n_measures + 1);
    for (int k = 0; k < l->n_measures; k++) {
        int64_t id = l->measures[k].id;
        int lo = 0, hi = np - 1;
        while (lo <= hi) {
            int mid = lo + (hi - lo) / 2;
            if (pv[mid].measure_id == id) {
                out->progress[k] = pv[mid].body;
                break;
            }
            if (pv[mid].measure_id < id)
                lo = mid + 1;
            else
                hi = mid - 1;
        }
    }
    for (int t = 0; t < TEXT__COUNT; t++)
        if (report_store_text_get(db, arena, inspection_id, text_names[t], &out->text[t], err) < 0)
            return -1;
    if (report_store_counts(db, inspection_id, cutoff, &out->counts, err) < 0 ||
        report_store_outcomes(db, arena, inspection_id, cutoff, &out->outcomes, &out->n_outcomes,
                              err) < 0 ||
        report_store_unit_names(db, arena, inspection_id, &out->units, &out->n_units, err) < 0 ||
        report_store_person_names(db, arena, inspection_id, &out->persons, &out->n_persons, err) <
            0)
        return -1;
    if (names && report_store_subjects(db, arena, inspection_id, cutoff, &out->subjects,
                                       &out->n_subjects, err) < 0)
        return -1;
    if (!out->counts.clues && !out->counts.petitions && !out->n_outcomes &&
        document_outcomes(db, arena, out, err) < 0)
        return -1;
    return 0;
}

int report_load(Db *db, Arena *arena, int64_t inspection_id, Day as_of, bool names, ReportData *out,
                Err *err)
{
    return load(db, arena, inspection_id, as_of, false, names, out, err);
}

int report_load_on(Db *db, Arena *arena, int64_t inspection_id, Day as_of, Day today, bool names,
                   ReportData *out, Err *err)
{
    return load(db, arena, inspection_id, as_of, as_of < today, names, out, err);
}

static const char *lookup_unit(void *ctx, int64_t id)
{
    return report_unit_name(ctx, id);
}

static const char *lookup_person(void *ctx, int64_t id)
{
    return report_person_name(ctx, id);
}

int report_render(const ReportData *d, Arena *scratch, ReportKind kind, ReportFormat f, Buf *out,
                  Err *err)
{
    if (!report_supports(kind, f))
        return err_fail(err, ERR_USAGE, "a %s report comes as %s, not '%s'", kind_names[kind],
                        kind_format_lists[kind], format_names[f]);
    if (kind == REPORT_STATS) {
        JsonW j;
        json_init(&j, out, true);
        NameLookup names = {lookup_unit, lookup_person, (void *)d};
        report_stats_json(&j, &d->l.in, &d->st, &names);
        buf_putc(out, '\n');
        return 0;
    }
    ReportDoc doc;
    doc_init(&doc, scratch);
    if (kind == REPORT_TONGBAO)
        report_tongbao(d, &doc);
    else if (kind == REPORT_DISPATCH)
        report_dispatch(d, &doc);
    else
        report_ledger(d, &doc);
    switch (f) {
    case FORMAT_MD:
        render_md(&doc, out);
        return 0;
    case FORMAT_HTML:
        render_html(&doc, out);
        return 0;
    case FORMAT_DOCX:
        return render_docx(&doc, out, err);
    case FORMAT_XLSX:
        return render_xlsx(&doc, out, err);
    case FORMAT_CSV:
        render_csv(&doc, out);
        return 0;
    default:
        BUG("format %d of kind %d", (int)f, (int)kind);
    }
}

int report_record(Db *db, int64_t inspection_id, const char *kind, const char *format,
                  const Buf *out, const char *actor, const char *target, char sha256[65], Err *err)
{
    hash_sha256_hex(out->data, out->len, sha256);
    int64_t id;
    if (report_store_record(db, inspection_id, kind, format, sha256, &id, err) < 0)
        return -1;
    char object[32];
    snprintf(object, sizeof object, "inspection:%lld", (long long)inspection_id);
    Buf detail = BUF_INIT;
    buf_printf(&detail, "report %lld: %s %s, %zu bytes, sha256 %s, to %s", (long long)id, kind,
               format, out->len, sha256, target);
    int rc = audit_store_append(db, actor, AUDIT_REPORT_GENERATE, object, detail.data, err);
    buf_free(&detail);
    return rc;
}

int report_text_clean(Arena *arena, const char *data, size_t len, const char **out, Err *err)
{
    if (len > 64 * 1024)
        return err_fail(err, ERR_TOO_LARGE, "text of %zu bytes is over the limit of 64 KiB", len);
    if (!utf8_valid(data, len))
        return err_fail(err, ERR_INPUT, "text is not valid UTF-8");
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    Buf b = BUF_INIT;
    for (size_t i = 0; i < len; i++) {
        if (data[i] == 0) {
            buf_free(&b);
            return err_fail(err, ERR_INPUT, "text holds a NUL byte");
        }
        if (data[i] != '\r')
            buf_putc(&b, data[i]);
    }
    size_t start = 0, end = b.len;
    while (start < end && (b.data[start] == '\n' || b.data[start] == ' ' || b.data[start] == '\t'))
        start++;
    while (end > start &&
           (b.data[end - 1] == '\n' || b.data[end - 1] == ' ' || b.data[end - 1] == '\t'))
        end--;
    if (start == end) {
        buf_free(&b);
        return err_fail(err, ERR_INPUT, "text is empty");
    }
    *out = arena_strndup(arena, b.data + start, end - start);
    buf_free(&b);
    return 0;
}
