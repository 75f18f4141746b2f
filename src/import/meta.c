/*
** meta.c: the inspection's metadata, headline figures and clue outcomes of a document
** (import_internal.h). Reads the lines pass 1 of parse.c gave roles to: the preamble names the
** group, the target, the visit and the feedback date; the organising, clue and open-matters
** sections state the figures; the end of the document carries the contact lines, the signer
** and the date. All Chinese words come from grammar.c.
*/
#include "import_internal.h"

#include "base/utf8.h"

static int year_of(Day d)
{
    int y, m, dd;
    if (d == DAY_NONE)
        return 0;
    date_to_ymd(d, &y, &m, &dd);
    return y;
}

int import_year(const ImportDoc *doc)
{
    if (doc->feedback_on != DAY_NONE)
        return year_of(doc->feedback_on);
    if (doc->onsite_start != DAY_NONE)
        return year_of(doc->onsite_start);
    return year_of(doc->published_on);
}

static size_t step(const char *s, size_t n)
{
    return grammar_step(s, n);
}

/* A date found in a sentence. */
typedef struct Found {
    size_t at, end; /* byte range in the sentence */
    Day day;
    Day range_end; /* the second date of "A至B", DAY_NONE otherwise */
} Found;

/* Dates of the preamble: the visit (a range in a sentence naming the inspection) and the
** feedback (the last date before 反馈). *year carries the year context along. */
static void scan_dates(ImportDoc *doc, const char *s, size_t n, int *year)
{
    Found found[16];
    int count = 0;
    for (size_t i = 0; i < n && count < 16;) {
        Day d;
        size_t k = grammar_date(s + i, n - i, *year, false, &d);
        if (!k) {
            i += step(s + i, n - i);
            continue;
        }
        Found *f = &found[count++];
        f->at = i;
        f->end = i + k;
        f->day = d;
        f->range_end = DAY_NONE;
        *year = year_of(d);
        size_t r = grammar_range_word(s + f->end, n - f->end);
        Day d2;
        size_t k2 = r ? grammar_date(s + f->end + r, n - f->end - r, *year, false, &d2) : 0;
        if (k2 && d2 >= d) {
            f->range_end = d2;
            f->end += r + k2;
        }
        i = f->end;
    }
    size_t gat, glen, tat, tlen;
    char group[128];
    int kind;
    bool names_visit =
        grammar_group(s, n, &gat, &glen, group, &kind) || grammar_target(s, n, &tat, &tlen);
    for (int i = 0; i < count; i++)
        if (found[i].range_end != DAY_NONE && names_visit && doc->onsite_start == DAY_NONE) {
            doc->onsite_start = found[i].day;
            doc->onsite_end = found[i].range_end;
        }
    size_t fb;
    if (doc->feedback_on == DAY_NONE && grammar_feedback(s, n, &fb)) {
        for (int i = count - 1; i >= 0; i--) {
            if (found[i].end <= fb && found[i].range_end == DAY_NONE && fb - found[i].end <= 60) {
                doc->feedback_on = found[i].day;
                break;
            }
        }
    }
}

static void scan_figures(ImportDoc *doc, const char *s, size_t n, int line)
{
    GrammarHit hits[64];
    int count = grammar_scan_figures(s, n, hits, 64);
    bool clue = count && grammar_clue_context(s, n);
    for (int i = 0; i < count; i++) {
        const GrammarHit *h = &hits[i];
        if (h->key >= 0 && !doc->has_figure[h->key]) {
            doc->has_figure[h->key] = true;
            doc->figures[h->key] = h->value;
            doc->figure_line[h->key] = line;
        }
        if (!clue || !h->type)
            continue;
        ImportOutcome **p = &doc->outcomes;
        while (*p && strcmp((*p)->type, h->type) != 0)
            p = &(*p)->next;
        if (*p)
            continue; /* the first statement of a count wins, as for figures */
        ImportOutcome *o = ARENA_NEW(doc->arena, ImportOutcome);
        o->type = h->type;
        o->count = (int64_t)h->value;
        *p = o;
    }
}

/* Phone numbers: runs of digits and dashes with at least five digits. */
static void add_phones(ImportDoc *doc, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        int d;
        if (!grammar_digit(s + i, n - i, &d)) {
            i++;
            continue;
        }
        size_t j = i, digits = 0, k;
        while (j < n && ((k = grammar_digit(s + j, n - j, &d)) || s[j] == '-')) {
            digits += k ? 1 : 0;
            j += k ? k : 1;
        }
        if (digits >= 5 && doc->n_phones < IMPORT_MAX_CONTACTS)
            doc->phones[doc->n_phones++] = arena_strndup(doc->arena, s + i, j - i);
        i = j;
    }
}

static bool email_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-' || c == '+' || c == '%';
}

static void add_emails(ImportDoc *doc, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '@')
            continue;
        size_t a = i, b = i + 1;
        while (a > 0 && email_char(s[a - 1]))
            a--;
        while (b < n && email_char(s[b]))
            b++;
        while (b > i + 1 && s[b - 1] == '.')
            b--;
        if (a < i && memchr(s + i, '.', b - i) && doc->n_emails < IMPORT_MAX_CONTACTS)
            doc->emails[doc->n_emails++] = arena_strndup(doc->arena, s + a, b - a);
    }
}

/* Contact lines: 联系电话:…；通信地址:…；电子邮箱… */
static void scan_contacts(ImportDoc *doc, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        GrammarContact kind;
        size_t k = grammar_contact_label(s + i, n - i, &kind);
        if (!k) {
            i += step(s + i, n - i);
            continue;
        }
        size_t v = i + k, e = v;
        GrammarContact other;
        while (e < n && !grammar_mark(MARK_SENTENCE_END, s + e, n - e) &&
               !grammar_contact_label(s + e, n - e, &other))
            e += step(s + e, n - e);
        size_t end = e;
        while (end > v && (grammar_mark(MARK_CLAUSE, s + end - 1, 1) || s[end - 1] == ' '))
            end--;
        if (end > v && end - v >= 3 && grammar_mark(MARK_CLAUSE, s + end - 3, 3))
            end -= 3;
        if (kind == CONTACT_PHONE)
            add_phones(doc, s + v, end - v);
        else if (kind == CONTACT_EMAIL)
            add_emails(doc, s + v, end - v);
        else if (!doc->address && end > v)
            doc->address = arena_strndup(doc->arena, s + v, end - v);
        i = e;
    }
}

/* The signature at the end: an organisation's name above a date. */
static void scan_signature(ImportDoc *doc)
{
    int seen = 0;
    for (int i = doc->n_lines - 1; i >= 0 && seen < 8; i--) {
        const ImportLine *L = &doc->lines[i];
        if (!L->n)
            continue;
        seen++;
        Day d;
        if (grammar_date(L->s, L->n, 0, false, &d) != L->n)
            continue;
        for (int j = i - 1; j >= 0; j--) {
            const ImportLine *P = &doc->lines[j];
            if (!P->n)
                continue;
            if (grammar_signer(P->s, P->n)) {
                doc->signer = arena_strndup(doc->arena, P->s, P->n);
                if (doc->published_on == DAY_NONE)
                    doc->published_on = d;
            }
            break;
        }
        return;
    }
}

/* Call fn on each sentence (up to a full stop) of a line. */
static void for_sentences(ImportDoc *doc, const ImportLine *L, int *year, bool dates, bool figures)
{
    const char *s = L->s;
    size_t n = L->n;
    for (size_t i = 0; i < n;) {
        size_t j = i, k = 0;
        while (j < n && !(k = grammar_mark(MARK_FULL_STOP, s + j, n - j)))
            j += step(s + j, n - j);
        if (dates)
            scan_dates(doc, s + i, j - i, year);
        if (figures)
            scan_figures(doc, s + i, j - i, L->no);
        i = j + k;
    }
}

void import_meta(ImportDoc *doc)
{
    int year = 0;
    int looked = 0;
    bool in_preamble_part = true; /* before the first problems section */
    for (int i = 0; i < doc->n_lines; i++) {
        const ImportLine *L = &doc->lines[i];
        if (!L->n)
            continue;
        if (looked < 10) {
            looked++;
            if (!doc->title && grammar_title(L->s, L->n))
                doc->title = arena_strndup(doc->arena, L->s, L->n);
            if (doc->published_on == DAY_NONE && grammar_published_line(L->s, L->n)) {
                for (size_t p = 0; p < L->n; p += step(L->s + p, L->n - p)) {
                    Day d;
                    if (grammar_date(L->s + p, L->n - p, 0, false, &d)) {
                        doc->published_on = d;
                        break;
                    }
                }
            }
        }
        if (L->role == SECTION_PROBLEMS)
            in_preamble_part = false;
        bool identity =
            in_preamble_part && (!doc->group || !doc->target || doc->onsite_start == DAY_NONE ||
                                 doc->feedback_on == DAY_NONE);
        if (identity) {
            size_t at, len;
            char group[128];
            int kind;
            if (!doc->group && grammar_group(L->s, L->n, &at, &len, group, &kind)) {
                doc->group = arena_strdup(doc->arena, group);
                doc->kind = kind == 1 ? INSPECTION_XUNCHA : INSPECTION_XUNSHI;
            }
            if (!doc->target && grammar_target(L->s, L->n, &at, &len))
                doc->target = arena_strndup(doc->arena, L->s + at, len);
        }
        bool figures = L->role != SECTION_PROBLEMS && L->role != SECTION_PLAN;
        if (identity || figures)
            for_sentences(doc, L, &year, identity, figures);
        if (L->role != SECTION_PROBLEMS && grammar_contact_line(L->s, L->n))
            scan_contacts(doc, L->s, L->n);
    }
    scan_signature(doc);
    if (!doc->signer && doc->title) {
        size_t k = grammar_title_signer(doc->title, strlen(doc->title));
        if (k)
            doc->signer = arena_strndup(doc->arena, doc->title, k);
    }
}
