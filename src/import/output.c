/*
** output.c: an ImportDoc printed (import.h): the dry-run JSON of SPEC §7.1, a contract that
** other tools read (absent values are omitted, dates ISO 8601, lines 1-based), and the tree
** that debug-parse shows people. JSON goes through the JsonW writer only.
*/
#include "import.h"

#include "base/json.h"
#include "base/utf8.h"

static void kdate(JsonW *j, const char *key, Day d)
{
    if (d == DAY_NONE)
        return;
    char iso[DATE_ISO_SIZE];
    json_kstr(j, key, date_format(d, iso));
}

static void lines(JsonW *j, int first, int last)
{
    json_karr(j, "lines");
    json_int(j, first);
    json_int(j, last);
    json_end(j);
}

static void name_json(JsonW *j, const ImportName *v)
{
    json_obj(j);
    json_kstr(j, "name", v->name);
    if (v->id)
        json_kint(j, "id", v->id);
    json_end(j);
}

static void names_json(JsonW *j, const char *key, const ImportName *v, int n)
{
    if (!n)
        return;
    json_karr(j, key);
    for (int i = 0; i < n; i++)
        name_json(j, &v[i]);
    json_end(j);
}

static void measure_json(JsonW *j, const ImportMeasure *m)
{
    json_obj(j);
    if (m->label)
        json_kstr(j, "label", m->label);
    if (m->title)
        json_kstr(j, "title", m->title);
    json_kstr(j, "text", m->text);
    kdate(j, "deadline", m->deadline);
    if (m->long_term) {
        json_kbool(j, "long_term", true);
    }
    if (m->immediate) {
        json_kbool(j, "immediate", true);
    }
    if (m->target)
        json_kstr(j, "target", m->target);
    names_json(j, "leaders", m->leaders, m->n_leaders);
    if (m->lead_unit.name) {
        json_key(j, "lead_unit");
        name_json(j, &m->lead_unit);
    }
    names_json(j, "co_units", m->co_units, m->n_co_units);
    if (m->state >= 0)
        json_kstr(j, "state", vocab_name(VOCAB_MEASURE_STATE, m->state));
    if (m->progress)
        json_kstr(j, "progress", m->progress);
    lines(j, m->line_first, m->line_last);
    json_end(j);
}

static void node_json(JsonW *j, const ImportNode *x)
{
    json_obj(j);
    json_kstr(j, "level", model_level_name(x->level));
    if (x->label)
        json_kstr(j, "label", x->label);
    json_kstr(j, "title", x->title);
    if (x->status != STATUS_NONE)
        json_kstr(j, "status", model_status_name((ProblemStatus)x->status));
    kdate(j, "deadline", x->deadline);
    if (x->long_term) {
        json_kbool(j, "long_term", true);
    }
    lines(j, x->line_first, x->line_last);
    json_karr(j, "children");
    for (const ImportNode *c = x->children; c; c = c->next)
        node_json(j, c);
    json_end(j);
    json_karr(j, "measures");
    for (const ImportMeasure *m = x->measures; m; m = m->next)
        measure_json(j, m);
    json_end(j);
    json_end(j);
}

/* key: [items…], nothing when there are none. */
static void strings_json(JsonW *j, const char *key, const char *const *items, int n)
{
    if (!n)
        return;
    json_karr(j, key);
    for (int i = 0; i < n; i++)
        json_str(j, items[i]);
    json_end(j);
}

/* "inspection": what the document says of the inspection (group, dates, signer, contact). */
static void inspection_json(JsonW *j, const ImportDoc *doc)
{
    json_kobj(j, "inspection");
    if (doc->group)
        json_kstr(j, "group", doc->group);
    if (doc->target)
        json_kstr(j, "target", doc->target);
    kdate(j, "onsite_start", doc->onsite_start);
    kdate(j, "onsite_end", doc->onsite_end);
    kdate(j, "feedback_on", doc->feedback_on);
    kdate(j, "published_on", doc->published_on);
    if (doc->signer)
        json_kstr(j, "signer", doc->signer);
    if (doc->n_phones || doc->n_emails || doc->address) {
        json_kobj(j, "contact");
        strings_json(j, "phone", doc->phones, doc->n_phones);
        strings_json(j, "email", doc->emails, doc->n_emails);
        if (doc->address)
            json_kstr(j, "address", doc->address);
        json_end(j);
    }
    json_end(j);
}

void import_json(const ImportDoc *doc, Buf *out)
{
    JsonW j;
    json_init(&j, out, false);
    json_obj(&j);

    json_kobj(&j, "source");
    json_kstr(&j, "file", doc->file);
    json_kstr(&j, "sha256", doc->sha256);
    json_kstr(&j, "encoding", doc->encoding);
    json_end(&j);

    inspection_json(&j, doc);

    json_kobj(&j, "figures");
    for (size_t i = 0; i < (size_t)FIGURE__COUNT; i++) {
        if (!doc->has_figure[i])
            continue;
        json_key(&j, vocab_name(VOCAB_FIGURE, (int)i));
        json_double(&j, doc->figures[i]);
    }
    json_end(&j);

    json_karr(&j, "findings");
    for (const ImportNode *x = doc->findings; x; x = x->next)
        node_json(&j, x);
    json_end(&j);

    json_kobj(&j, "clues");
    json_karr(&j, "outcomes");
    for (const ImportOutcome *o = doc->outcomes; o; o = o->next) {
        json_obj(&j);
        json_kstr(&j, "type", o->type);
        json_kint(&j, "count", o->count);
        json_end(&j);
    }
    json_end(&j);
    json_end(&j);

    if (doc->n_unknown) {
        json_karr(&j, "unknown");
        for (int i = 0; i < doc->n_unknown; i++) {
            json_obj(&j);
            json_kstr(&j, "kind", doc->unknown[i].is_unit ? "unit" : "person");
            json_kstr(&j, "name", doc->unknown[i].name);
            json_kstr(&j, "where", doc->unknown[i].where);
            json_end(&j);
        }
        json_end(&j);
    }

    json_karr(&j, "warnings");
    for (const ImportWarning *w = doc->warnings; w; w = w->next) {
        json_obj(&j);
        json_kint(&j, "line", w->line);
        json_kstr(&j, "message", w->message);
        json_end(&j);
    }
    json_end(&j);

    json_end(&j);
    buf_putc(out, '\n');
}

/* ---- the tree for people ---- */

static void indent(Buf *b, int depth)
{
    for (int i = 0; i < depth; i++)
        buf_puts(b, "  ");
}

static void range(Buf *b, int first, int last)
{
    if (first == last)
        buf_printf(b, "  [L%d]", first);
    else
        buf_printf(b, "  [L%d-%d]", first, last);
}

static void deadline_text(Buf *b, Day d, bool long_term)
{
    char iso[DATE_ISO_SIZE];
    if (d != DAY_NONE)
        buf_printf(b, "  due %s", date_format(d, iso));
    if (long_term)
        buf_puts(b, " +long-term");
}

static void node_debug(Buf *b, const ImportNode *x, int depth)
{
    indent(b, depth);
    buf_printf(b, "%s %s%s%s", model_level_name(x->level), x->label ? x->label : "",
               x->label ? " " : "", x->title);
    if (x->status != STATUS_NONE)
        buf_printf(b, "  <%s>", model_status_name((ProblemStatus)x->status));
    deadline_text(b, x->deadline, x->long_term);
    range(b, x->line_first, x->line_last);
    buf_putc(b, '\n');
    for (const ImportMeasure *m = x->measures; m; m = m->next) {
        indent(b, depth + 1);
        buf_printf(b, "measure %s%s", m->label ? m->label : "-", " ");
        if (m->title) {
            buf_puts(b, m->title);
        } else {
            /* the first 20 characters of the text */
            size_t i = utf8_prefix(m->text, strlen(m->text), 20);
            buf_printf(b, "%.*s%s", (int)i, m->text, m->text[i] ? "…" : "");
        }
        deadline_text(b, m->deadline, m->long_term);
        range(b, m->line_first, m->line_last);
        buf_putc(b, '\n');
    }
    for (const ImportNode *c = x->children; c; c = c->next)
        node_debug(b, c, depth + 1);
}

void import_debug(const ImportDoc *doc, Buf *b)
{
    char iso[DATE_ISO_SIZE];
    buf_printf(b, "file      %s (%s, %s, %d lines)\nsha256    %s\n", doc->file, doc->format,
               doc->encoding, doc->n_lines, doc->sha256);
    if (doc->title)
        buf_printf(b, "title     %s\n", doc->title);
    buf_printf(b, "group     %s\ntarget    %s\n", doc->group ? doc->group : "-",
               doc->target ? doc->target : "-");
    buf_printf(b, "on site   %s",
               doc->onsite_start != DAY_NONE ? date_format(doc->onsite_start, iso) : "-");
    buf_printf(b, " .. %s\n",
               doc->onsite_end != DAY_NONE ? date_format(doc->onsite_end, iso) : "-");
    buf_printf(b, "feedback  %s\n",
               doc->feedback_on != DAY_NONE ? date_format(doc->feedback_on, iso) : "-");
    buf_printf(b, "published %s\n",
               doc->published_on != DAY_NONE ? date_format(doc->published_on, iso) : "-");
    buf_printf(b, "signer    %s\n", doc->signer ? doc->signer : "-");
    for (int i = 0; i < doc->n_phones; i++)
        buf_printf(b, "phone     %s\n", doc->phones[i]);
    for (int i = 0; i < doc->n_emails; i++)
        buf_printf(b, "email     %s\n", doc->emails[i]);
    if (doc->address)
        buf_printf(b, "address   %s\n", doc->address);
    buf_puts(b, "\nsections\n");
    for (const ImportSection *s = doc->sections; s; s = s->next)
        buf_printf(b, "  L%-5d %-9s %s\n", s->line, grammar_section_name(s->role), s->heading);
    buf_puts(b, "\nfigures\n");
    for (size_t i = 0; i < (size_t)FIGURE__COUNT; i++)
        if (doc->has_figure[i])
            buf_printf(b, "  %-30s %.10g\n", vocab_name(VOCAB_FIGURE, (int)i), doc->figures[i]);
    if (doc->outcomes) {
        buf_puts(b, "\nclue outcomes\n");
        for (const ImportOutcome *o = doc->outcomes; o; o = o->next)
            buf_printf(b, "  %s %lld\n", o->type, (long long)o->count);
    }
    ImportCounts c;
    import_count(doc, &c);
    buf_printf(b, "\nfindings: %d aspects, %d items, %d problems, %d sub-problems; %d measures\n",
               c.by_level[LEVEL_ASPECT], c.by_level[LEVEL_ITEM], c.by_level[LEVEL_PROBLEM],
               c.by_level[LEVEL_SUBPROBLEM], c.measures);
    for (const ImportNode *x = doc->findings; x; x = x->next)
        node_debug(b, x, 1);
    if (doc->warnings) {
        buf_printf(b, "\nwarnings (%d)\n", doc->n_warnings);
        for (const ImportWarning *w = doc->warnings; w; w = w->next)
            buf_printf(b, "  line %d: %s\n", w->line, w->message);
    }
}
