/*
** parse.c: the line grammar of Chinese official documents (import.h, SPEC §7.1). Three passes:
**
**   1. lines: split, strip indentation (spaces, tabs, U+3000) and Markdown marks, give each line
**      the role of its section (from headings such as 二、…整改进展情况), and build a raw tree
**      of the numbered lines of the problem sections by marker rank (一、 (一) 1. (1) ①),
**      remembering the open matters (基本完成事项 / 正在整改尚未完成事项) for later;
**   2. meta.c reads the inspection's metadata and figures from the other sections;
**   3. classify: a raw node that names a problem (关于“X”问题的整改情况, “X”问题整改方面, or is
**      followed by 整改情况:) is a problem; its numbered children are measures, or sub-problems
**      when they have measures of their own; without children, its 一是…二是… enumeration or
**      else its whole text is its measures. Ancestors of problems are aspects and items; a
**      node whose children are all plain numbered paragraphs carries them as measures.
**
** Everything is allocated in the document's arena; a warning records what could not be placed.
*/
#include "import.h"
#include "import_internal.h"

#include "base/utf8.h"

/* A segment of text: part of a line. */
typedef struct Seg {
    int line;      /* its line */
    const char *s; /* the text (not NUL-ended) */
    size_t n;      /* bytes */
    bool deadline; /* a deadline label's value (完成时限：…) */
    struct Seg *next;
} Seg;

enum { FORCE_NONE, FORCE_PROBLEM, FORCE_MEASURE };

/* Marker ranks are scaled so that unmarked headings can sit between them. */
#define RANK_UNMARKED_PROBLEM 25
#define RANK_TABLE_PROBLEM 35

typedef struct Raw {
    int rank;          /* 10 一、 20 (一) 30 1. 40 (1) 50 ①; 0 for the root */
    int ordinal;       /* the marker's number */
    const char *label; /* the marker as printed, NUL-ended, or NULL */
    const char *head;  /* the heading line's text after the marker */
    size_t head_n;
    int line, last;        /* heading line and last line of its text */
    Seg *body, *body_tail; /* the text lines under the heading */
    bool report_label;     /* a 整改情况: line followed the heading */
    int force;             /* FORCE_* from a table row */
    bool named;            /* names a problem (set in pass 3) */
    bool desc_named;       /* some descendant names a problem */
    struct Raw *parent, *first, *last_child, *next;
} Raw;

typedef struct OpenItem {
    int status; /* ProblemStatus */
    int line;
    const char *s; /* the item's text */
    size_t n;
    struct OpenItem *next;
} OpenItem;

typedef struct Parser {
    ImportDoc *doc;
    Arena *a;
    Raw root;       /* the tree of all problem sections */
    Raw *stack[16]; /* open headings, stack[0] the root */
    int depth;
    int last_ordinal[64]; /* last ordinal seen per rank in the section, for sequence checks */
    OpenItem *open, *open_tail;
    int open_status; /* the current open-matters subsection's status, -1 none */
    int year;        /* year context for dates without a year */
    ImportSection *sec_tail;
    /* table mode */
    int cols[16]; /* column kinds of the current table, by cell index */
    int n_cols;
    bool in_table;
    Raw *table_parent;  /* the node table problems hang under */
    Raw *table_problem; /* the last problem row */
} Parser;

void import_warn(ImportDoc *doc, int line, const char *fmt, ...)
{
    ImportWarning *w = ARENA_NEW(doc->arena, ImportWarning);
    w->line = line;
    Buf b = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    w->message = arena_strndup(doc->arena, b.data, b.len);
    buf_free(&b);
    doc->n_warnings++;
    /* Keep line order: most warnings arrive in order, a few (open matters) later. */
    if (!doc->warnings_last || doc->warnings_last->line <= line) {
        LIST_APPEND(doc->warnings, doc->warnings_last, w);
        return;
    }
    ImportWarning **p = &doc->warnings;
    while (*p && (*p)->line <= line)
        p = &(*p)->next;
    w->next = *p;
    *p = w;
}

/* The text of s[0..n) cut to at most max code points, for messages. */
static const char *excerpt(Arena *a, const char *s, size_t n, size_t max)
{
    size_t i = 0, count = 0;
    while (i < n && count < max) {
        uint32_t cp;
        i += (size_t)utf8_decode(s + i, n - i, &cp);
        count++;
    }
    return i < n ? arena_printf(a, "%.*s…", (int)i, s) : arena_strndup(a, s, n);
}

/* ---- pass 1: lines ---- */

/* Strip Markdown heading, quote and list marks; *heading tells whether it was a heading. */
static void strip_markdown(const char **s, size_t *n, bool *heading)
{
    const char *p = *s;
    size_t k = *n;
    *heading = false;
    if (k && p[0] == '#') {
        while (k && p[0] == '#') {
            p++;
            k--;
        }
        *heading = true;
    } else if (k >= 2 && (p[0] == '-' || p[0] == '*' || p[0] == '+' || p[0] == '>') &&
               p[1] == ' ') {
        p += 2;
        k -= 2;
    }
    /* **bold** wrapping a whole line */
    if (k >= 4 && p[0] == '*' && p[1] == '*' && p[k - 1] == '*' && p[k - 2] == '*') {
        p += 2;
        k -= 4;
    }
    while (k && p[0] == ' ') {
        p++;
        k--;
    }
    *s = p;
    *n = k;
}

/* Strip leading and trailing blanks (ASCII, U+3000, NBSP) and a trailing CR. */
static void strip_blanks(const char **s, size_t *n)
{
    const char *p = *s;
    size_t k = *n, b;
    while (k && (b = grammar_mark(MARK_BLANK, p, k)) != 0) {
        p += b;
        k -= b;
    }
    for (;;) {
        if (k && (p[k - 1] == ' ' || p[k - 1] == '\t' || p[k - 1] == '\r')) {
            k--;
        } else if (k >= 3 && memcmp(p + k - 3, "\xE3\x80\x80", 3) == 0) {
            k -= 3;
        } else if (k >= 2 && memcmp(p + k - 2, "\xC2\xA0", 2) == 0) {
            k -= 2;
        } else {
            break;
        }
    }
    *s = p;
    *n = k;
}

static Seg *seg_new(Parser *ps, int line, const char *s, size_t n)
{
    Seg *g = ARENA_NEW(ps->a, Seg);
    g->line = line;
    g->s = s;
    g->n = n;
    return g;
}

static void raw_add_seg(Raw *r, Seg *g)
{
    LIST_APPEND(r->body, r->body_tail, g);
    if (g->line > r->last)
        r->last = g->line;
}

static void raw_add_child(Raw *parent, Raw *c)
{
    c->parent = parent;
    LIST_APPEND(parent->first, parent->last_child, c);
}

static Raw *top(Parser *ps)
{
    return ps->stack[ps->depth];
}

static void reset_stack(Parser *ps)
{
    ps->depth = 0;
    ps->in_table = false;
    memset(ps->last_ordinal, 0, sizeof ps->last_ordinal);
}

/* Open a heading node of rank under the nearest open heading of a smaller rank. */
static Raw *push_node(Parser *ps, int rank, int ordinal, const char *label, const char *head,
                      size_t head_n, int line)
{
    while (ps->depth > 0 && top(ps)->rank >= rank)
        ps->depth--;
    Raw *r = ARENA_NEW(ps->a, Raw);
    r->rank = rank;
    r->ordinal = ordinal;
    r->label = label;
    r->head = head;
    r->head_n = head_n;
    r->line = r->last = line;
    Raw *parent = top(ps);
    /* Numbering restarts under each parent or runs on through the section (1. … 12. under
    ** (一), 13. under (二)); anything else suggests a lost or misread line. */
    if (ordinal > 0 && rank / 10 < 64) {
        int prev_sibling = parent->last_child && parent->last_child->rank == rank
                               ? parent->last_child->ordinal
                               : 0;
        int prev_run = ps->last_ordinal[rank / 10];
        if (ordinal != 1 && ordinal != prev_sibling + 1 && ordinal != prev_run + 1)
            import_warn(ps->doc, line, "'%s' follows '%d' at this level: is a heading missing?",
                        label ? label : "", prev_sibling ? prev_sibling : prev_run);
        ps->last_ordinal[rank / 10] = ordinal;
    }
    raw_add_child(parent, r);
    if (ps->depth + 1 < (int)ARRAY_SIZE(ps->stack))
        ps->stack[++ps->depth] = r;
    else
        ps->stack[ps->depth] = r;
    return r;
}

static void add_section(Parser *ps, GrammarSection role, int line, const char *s, size_t n)
{
    ImportSection *sec = ARENA_NEW(ps->a, ImportSection);
    sec->role = role;
    sec->line = line;
    sec->heading = arena_strndup(ps->a, s, n);
    LIST_APPEND(ps->doc->sections, ps->sec_tail, sec);
}

/* Count code points, stopping early past max. */
static size_t count_cps(const char *s, size_t n, size_t max)
{
    size_t count = 0;
    for (size_t i = 0; i < n && count <= max; count++)
        i += grammar_step(s + i, n - i);
    return count;
}

/* True when s has a sentence-ending mark anywhere or ends with a colon. */
static bool has_sentence_mark(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (grammar_mark(MARK_SENTENCE_END, s + i, n - i))
            return true;
    if (n) {
        size_t b = utf8_prev(s, n);
        if (grammar_mark(MARK_COLON, s + b, n - b) == n - b)
            return true;
    }
    return false;
}

/* An unnumbered line that reads as a heading: short, no sentence or clause marks but 、,
** and not the document's title. */
static bool headingish(const char *s, size_t n)
{
    if (n == 0 || count_cps(s, n, 40) > 32 || has_sentence_mark(s, n) || grammar_title(s, n))
        return false;
    for (size_t i = 0; i < n; i++) {
        size_t k = grammar_mark(MARK_CLAUSE, s + i, n - i);
        if (k && !(k == 3 && memcmp(s + i, "\xE3\x80\x81", 3) == 0)) /* 、 */
            return false;
    }
    return true;
}

/* Split a table row into cells (tab-separated from .docx, |-separated from Markdown). */
static int split_cells(const char *s, size_t n, bool pipe, const char **cells, size_t *lens,
                       int max)
{
    int count = 0;
    char sep = pipe ? '|' : '\t';
    size_t i = 0;
    if (pipe && n && s[0] == '|')
        i = 1;
    if (pipe && n && s[n - 1] == '|')
        n--;
    while (i <= n && count < max) {
        size_t j = i;
        while (j < n && s[j] != sep)
            j++;
        const char *c = s + i;
        size_t k = j - i;
        strip_blanks(&c, &k);
        cells[count] = c;
        lens[count] = k;
        count++;
        i = j + 1;
    }
    return count;
}

/* A Markdown separator row |---|:--:| */
static bool table_rule(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != '|' && s[i] != '-' && s[i] != ':' && s[i] != ' ')
            return false;
    return true;
}

/* Add a cell's paragraphs (separated by VT) as measure children or body of problem r. */
static void table_measures(Parser *ps, Raw *r, const char *s, size_t n, int line, Seg *deadline)
{
    size_t i = 0;
    while (i <= n) {
        size_t j = i;
        while (j < n && s[j] != '\v')
            j++;
        const char *p = s + i;
        size_t k = j - i;
        strip_blanks(&p, &k);
        i = j + 1;
        if (!k)
            continue;
        GrammarMarker m;
        if (grammar_marker(p, k, &m) && m.len < k) {
            Raw *c = ARENA_NEW(ps->a, Raw);
            c->rank = RANK_TABLE_PROBLEM + 10;
            c->ordinal = m.ordinal;
            size_t ll = m.len;
            while (ll && (p[ll - 1] == ' ' || p[ll - 1] == '\t'))
                ll--;
            c->label = arena_strndup(ps->a, p, ll);
            c->head = p + m.len;
            c->head_n = k - m.len;
            c->line = c->last = line;
            c->force = FORCE_MEASURE;
            if (deadline) {
                Seg *g = seg_new(ps, line, deadline->s, deadline->n);
                g->deadline = true;
                raw_add_seg(c, g);
            }
            raw_add_child(r, c);
        } else {
            raw_add_seg(r, seg_new(ps, line, p, k));
        }
    }
}

/* A header row (a problem column and a measures column) sets the table's columns: true. */
static bool table_header(Parser *ps, const char *const *cells, const size_t *lens, int count)
{
    int kinds[16], found_problem = 0, found_measure = 0;
    for (int c = 0; c < count; c++) {
        kinds[c] = grammar_column(cells[c], lens[c]);
        found_problem |= kinds[c] == 2;
        found_measure |= kinds[c] == 3;
    }
    if (!found_problem || !found_measure)
        return false;
    memcpy(ps->cols, kinds, sizeof(int) * (size_t)count);
    ps->n_cols = count;
    ps->in_table = true;
    ps->table_parent = top(ps);
    ps->table_problem = NULL;
    return true;
}

/* A row's problem cell as a new problem under the table's parent (label from the sequence cell). */
static void table_problem(Parser *ps, const char *seq, size_t seq_n, const char *problem,
                          size_t problem_n, int line)
{
    Raw *r = ARENA_NEW(ps->a, Raw);
    r->rank = RANK_TABLE_PROBLEM;
    r->force = FORCE_PROBLEM;
    r->label = seq_n ? arena_strndup(ps->a, seq, seq_n) : NULL;
    /* The problem cell may hold paragraphs: the first is the heading. */
    size_t h = 0;
    while (h < problem_n && problem[h] != '\v')
        h++;
    r->head = problem;
    r->head_n = h;
    r->line = r->last = line;
    raw_add_child(ps->table_parent, r);
    ps->table_problem = r;
}

/*
** The row's deadline covers all of its measures: put it into r's body after body_before (at the
** start when NULL), before their text, so that it applies to the problem rather than to its last
** enumerated measure.
*/
static void table_deadline_first(Parser *ps, Raw *r, Seg *body_before, const char *deadline,
                                 size_t deadline_n, int line)
{
    Seg *g = seg_new(ps, line, deadline, deadline_n);
    g->deadline = true;
    if (body_before) {
        g->next = body_before->next;
        body_before->next = g;
        if (r->body_tail == body_before)
            r->body_tail = g;
    } else {
        g->next = r->body;
        r->body = g;
        if (!r->body_tail)
            r->body_tail = g;
    }
}

/* One table row: a header sets the columns; a row under a header adds a problem's measures. */
static bool table_row(Parser *ps, const char *s, size_t n, bool pipe, int line)
{
    const char *cells[16];
    size_t lens[16];
    int count = split_cells(s, n, pipe, cells, lens, 16);
    if (table_header(ps, cells, lens, count))
        return true;
    if (!ps->in_table)
        return false;
    /* The cells by column kind: 1 sequence, 2 problem, 3 measures, 4 deadline. */
    const char *col[5] = {NULL};
    size_t col_n[5] = {0};
    for (int c = 0; c < count && c < ps->n_cols; c++) {
        if (ps->cols[c] >= 1 && ps->cols[c] <= 4) {
            col[ps->cols[c]] = cells[c];
            col_n[ps->cols[c]] = lens[c];
        }
    }
    if (col_n[2]) {
        table_problem(ps, col[1], col_n[1], col[2], col_n[2], line);
    } else if (!ps->table_problem) {
        if (col_n[3])
            import_warn(ps->doc, line, "table row has measures but no problem above it");
        return true;
    }
    Seg *dl = col_n[4] ? seg_new(ps, line, col[4], col_n[4]) : NULL;
    Raw *r = ps->table_problem;
    Raw *before = r->last_child;
    Seg *body_before = r->body_tail;
    table_measures(ps, r, col[3] ? col[3] : "", col_n[3], line, dl);
    if (dl && r->last_child == before)
        table_deadline_first(ps, r, body_before, col[4], col_n[4], line);
    if (line > r->last)
        r->last = line;
    return true;
}

/* The open matters: status headings and the items under them. */
static void open_line(Parser *ps, const char *s, size_t n, int line)
{
    GrammarMarker m;
    const char *t = s;
    size_t tn = n;
    if (grammar_marker(s, n, &m)) {
        t += m.len;
        tn -= m.len;
    }
    int status = grammar_open_status(t, tn);
    if (status >= 0 && (headingish(t, tn) || count_cps(t, tn, 30) <= 24)) {
        ps->open_status = status;
        return;
    }
    if (ps->open_status < 0)
        return; /* the section's introduction */
    /* The contact lines, the signer and the date that close a report are no open matters. */
    GrammarContact ck;
    Day d;
    if ((grammar_contact_line(t, tn) && grammar_contact_label(t, tn, &ck)) ||
        (grammar_signer(t, tn) && count_cps(t, tn, 40) <= 30) ||
        grammar_date(t, tn, 0, false, &d) == tn)
        return;
    OpenItem *o = ARENA_NEW(ps->a, OpenItem);
    o->status = ps->open_status;
    o->line = line;
    o->s = t;
    o->n = tn;
    LIST_APPEND(ps->open, ps->open_tail, o);
}

/* A line inside a problems section. */
static void problems_line(Parser *ps, const char *s, size_t n, int line, const GrammarMarker *m)
{
    if (m->rank) {
        size_t ll = m->len;
        while (ll && (s[ll - 1] == ' ' || s[ll - 1] == '\t'))
            ll--;
        while (ll >= 3 && memcmp(s + ll - 3, "\xE3\x80\x80", 3) == 0)
            ll -= 3;
        push_node(ps, m->rank * 10, m->ordinal, arena_strndup(ps->a, s, ll), s + m->len, n - m->len,
                  line);
        return;
    }
    size_t name, name_n;
    if (count_cps(s, n, 80) <= 60 && !has_sentence_mark(s, n) &&
        grammar_problem_heading(s, n, &name, &name_n)) {
        push_node(ps, RANK_UNMARKED_PROBLEM, 0, NULL, s, n, line);
        return;
    }
    Raw *r = top(ps);
    if (r == &ps->root)
        return; /* the section's introduction */
    size_t k = grammar_report_label(s, n);
    if (k) {
        r->report_label = true;
        if (k < n)
            raw_add_seg(r, seg_new(ps, line, s + k, n - k));
        else if (line > r->last)
            r->last = line;
        return;
    }
    k = grammar_deadline_label(s, n);
    Seg *g = seg_new(ps, line, s + k, n - k);
    g->deadline = k > 0;
    raw_add_seg(r, g);
}

/*
** A line of text outside a table: a section heading switches *role (and ends there); else the
** line goes to the problems or the open matters by *role. L is the line's record.
*/
static void text_line(Parser *ps, GrammarSection *role, ImportLine *L, const char *s, size_t n,
                      bool md_heading, int no)
{
    GrammarMarker m;
    grammar_marker(s, n, &m);
    const char *t = s + m.len;
    size_t tn = n - m.len;
    size_t name, name_n;
    bool problem_heading = grammar_problem_heading(t, tn, &name, &name_n);

    /* Section headings: 一、 lines, and unnumbered short lines naming a section. */
    if ((m.rank == 1 || (!m.rank && (md_heading || headingish(s, n)) && !grammar_title(s, n))) &&
        !problem_heading) {
        GrammarSection sec = grammar_section(t, tn);
        bool switch_role = sec != SECTION_OTHER;
        if (!m.rank && sec == SECTION_PROBLEMS && *role == SECTION_PROBLEMS)
            switch_role = false; /* a short line inside the problems, not a new section */
        if (!m.rank && *role == SECTION_OPEN && sec == SECTION_OPEN)
            switch_role = false; /* a subsection of the open matters */
        if (switch_role) {
            *role = sec;
            L->role = *role;
            add_section(ps, sec, no, s, n);
            reset_stack(ps);
            ps->open_status = sec == SECTION_OPEN ? grammar_open_status(t, tn) : -1;
            return;
        }
        if (m.rank == 1) {
            /* 一、XX方面 in a feedback or a plan: a finding, not a section. */
            if (grammar_aspect_heading(t, tn) || grammar_subproblem_heading(t, tn)) {
                if (*role != SECTION_PROBLEMS) {
                    reset_stack(ps);
                    add_section(ps, SECTION_PROBLEMS, no, s, n);
                }
                *role = SECTION_PROBLEMS;
            } else {
                *role = SECTION_OTHER;
                L->role = *role;
                add_section(ps, *role, no, s, n);
                reset_stack(ps);
                return;
            }
        }
    }
    if (problem_heading && *role != SECTION_PROBLEMS && *role != SECTION_OPEN) {
        reset_stack(ps);
        add_section(ps, SECTION_PROBLEMS, no, s, n);
        *role = SECTION_PROBLEMS;
    }
    /* A document without section headings starts with its findings. */
    if (*role == SECTION_PREAMBLE && m.rank >= 2) {
        *role = SECTION_PROBLEMS;
        add_section(ps, SECTION_PROBLEMS, no, s, n);
    }
    L->role = *role;
    if (*role == SECTION_PROBLEMS)
        problems_line(ps, s, n, no, &m);
    else if (*role == SECTION_OPEN)
        open_line(ps, s, n, no);
}

/* Pass 1 over every line. */
static void pass_lines(Parser *ps, const char *text, size_t len, bool markdown)
{
    ImportDoc *doc = ps->doc;
    int cap = 1;
    for (size_t i = 0; i < len; i++)
        cap += text[i] == '\n';
    doc->lines = ARENA_ARRAY(ps->a, ImportLine, (size_t)cap);
    GrammarSection role = SECTION_PREAMBLE;
    size_t i = 0;
    int no = 0;
    while (i <= len && no < cap) {
        const char *e = memchr(text + i, '\n', len - i);
        size_t j = e ? (size_t)(e - text) : len;
        const char *s = text + i;
        size_t n = j - i;
        i = j + 1;
        no++;
        bool md_heading = false, pipe = false;
        /* A table row keeps its leading tabs: an empty first cell is a merged cell. */
        const char *raw = s;
        size_t raw_n = n;
        while (raw_n && (raw[raw_n - 1] == '\r' || raw[raw_n - 1] == ' '))
            raw_n--;
        strip_blanks(&s, &n);
        if (markdown) {
            pipe = n && s[0] == '|';
            strip_markdown(&s, &n, &md_heading);
            strip_blanks(&s, &n);
        }
        ImportLine *L = &doc->lines[doc->n_lines++];
        L->no = no;
        L->s = s;
        L->n = n;
        L->role = role;
        if (!n)
            continue;

        /* Tables: rows with tab-separated cells (.docx) or Markdown pipes. */
        bool row = pipe || memchr(s, '\t', n) != NULL;
        if (row) {
            if (pipe && table_rule(s, n))
                continue;
            if (table_row(ps, pipe ? s : raw, pipe ? n : raw_n, pipe, no)) {
                if (role == SECTION_PREAMBLE || role == SECTION_OTHER)
                    role = SECTION_PROBLEMS;
                L->role = role;
                continue;
            }
        } else {
            ps->in_table = false;
        }

        text_line(ps, &role, L, s, n, md_heading, no);
    }
}

/* ---- pass 3: classify ---- */

static bool raw_names_problem(const Raw *r)
{
    size_t a, b;
    return r->force == FORCE_PROBLEM || r->report_label ||
           (r->force != FORCE_MEASURE && grammar_problem_heading(r->head, r->head_n, &a, &b));
}

/* Mark named and desc_named bottom-up. */
static bool mark_named(Raw *r)
{
    bool any = false;
    for (Raw *c = r->first; c; c = c->next)
        any |= mark_named(c);
    r->desc_named = any;
    r->named = r->rank && raw_names_problem(r);
    return any || r->named;
}

/* Offset after the first sentence of s (its end mark included), or n. */
static size_t first_sentence(const char *s, size_t n, size_t *mark)
{
    for (size_t i = 0; i < n;) {
        size_t k = grammar_mark(MARK_SENTENCE_END, s + i, n - i);
        if (k) {
            *mark = k;
            return i + k;
        }
        i += grammar_step(s + i, n - i);
    }
    *mark = 0;
    return n;
}

/* The first sentence when it reads as a short heading (加强国有企业资金管理。), else NULL. */
const char *import_short_title(Arena *a, const char *s, size_t n)
{
    size_t mark, end = first_sentence(s, n, &mark);
    size_t k = end - mark;
    if (k == 0 || count_cps(s, k, 40) > 30 || count_cps(s, k, 4) < 2)
        return NULL;
    /* 、 joins the words of a heading; a comma or colon makes it a sentence. */
    for (size_t i = 0; i < k; i++) {
        size_t c = grammar_mark(MARK_CLAUSE, s + i, k - i);
        if (c && !(c == 3 && memcmp(s + i, "\xE3\x80\x81", 3) == 0))
            return NULL;
    }
    return arena_strndup(a, s, k);
}

/* A heading's title: the problem's name, or its first sentence without the end mark. *rest
** and *rest_n receive the text after that sentence on the same line. */
static const char *head_title(Arena *a, const Raw *r, const char **rest, size_t *rest_n)
{
    size_t name, name_n;
    *rest = NULL;
    *rest_n = 0;
    if (r->force != FORCE_MEASURE && grammar_problem_heading(r->head, r->head_n, &name, &name_n))
        return arena_strndup(a, r->head + name, name_n);
    size_t mark, end = first_sentence(r->head, r->head_n, &mark);
    /* A colon ends a heading too: 一、XX方面：… */
    if (end < r->head_n) {
        const char *p = r->head + end;
        size_t k = r->head_n - end;
        strip_blanks(&p, &k);
        *rest = p;
        *rest_n = k;
    }
    return arena_strndup(a, r->head, end - mark);
}

ImportNode *import_node_new(Arena *a, ImportDoc *doc, ImportNode *parent, FindingLevel level,
                            int first, int last)
{
    ImportNode *x = ARENA_NEW(a, ImportNode);
    x->level = level;
    x->status = STATUS_NONE;
    x->deadline = DAY_NONE;
    x->line_first = first;
    x->line_last = last;
    if (parent) {
        LIST_APPEND(parent->children, parent->children_last, x);
        parent->n_children++;
    } else {
        LIST_APPEND(doc->findings, doc->findings_last, x);
        doc->n_findings++;
    }
    return x;
}

static ImportNode *node_new(Parser *ps, ImportNode *parent, FindingLevel level, const Raw *r)
{
    ImportNode *x = import_node_new(ps->a, ps->doc, parent, level, r->line, r->last);
    x->label = r->label;
    return x;
}

void import_add_measure(ImportNode *x, ImportMeasure *m)
{
    LIST_APPEND(x->measures, x->measures_last, m);
    x->n_measures++;
}

/* Apply a deadline text to the deadline, long-term and immediate flags (only what it states). */
static void apply_deadline(Parser *ps, const char *s, size_t n, Day *deadline, bool *long_term,
                           bool *immediate)
{
    Day d;
    bool lt, im;
    if (!grammar_deadline(s, n, ps->year, &d, &lt, &im))
        return;
    if (d != DAY_NONE)
        *deadline = d;
    *long_term |= lt;
    if (immediate)
        *immediate |= im;
}

/* Finish a measure: title, deadline stated inside its text. */
static void measure_finish(Parser *ps, ImportMeasure *m, Buf *text)
{
    m->text = arena_strndup(ps->a, text->data, text->len);
    m->title = import_short_title(ps->a, text->data, text->len);
    if (m->deadline == DAY_NONE && !m->long_term) {
        /* Only a labelled deadline inside the text counts (完成时限：…), not any date. */
        size_t i = grammar_find_deadline_label(text->data, text->len);
        if (i != (size_t)-1) {
            size_t k = grammar_deadline_label(text->data + i, text->len - i);
            apply_deadline(ps, text->data + i + k, text->len - i - k, &m->deadline, &m->long_term,
                           &m->immediate);
        }
    }
    buf_reset(text);
}

static ImportMeasure *measure_new(Arena *a, const char *label, int line)
{
    ImportMeasure *m = ARENA_NEW(a, ImportMeasure);
    m->label = label;
    m->deadline = DAY_NONE;
    m->state = -1;
    m->percent = -1;
    m->progress_on = DAY_NONE;
    m->line_first = m->line_last = line;
    return m;
}

/* True when an enumerator (一是) may start at offset i: at the start or after a mark. */
static bool enum_boundary(const char *s, size_t i)
{
    if (i == 0)
        return true;
    size_t b = utf8_prev(s, i);
    return grammar_mark(MARK_SENTENCE_END, s + b, i - b) == i - b ||
           grammar_mark(MARK_CLAUSE, s + b, i - b) == i - b || s[b] == ' ';
}

/* True when the segments hold an enumeration 一是 … (its first member at least). */
static bool segs_enumerate(const Seg *g)
{
    for (; g; g = g->next) {
        for (size_t i = 0; i < g->n; i++) {
            int v;
            if ((unsigned char)g->s[i] >= 0x80 && enum_boundary(g->s, i) &&
                grammar_enumerator(g->s + i, g->n - i, &v) && v == 1)
                return true;
        }
    }
    return false;
}

/*
** Turn segments into measures of x: split at 一是/二是… in sequence; text before the first
** enumerator is the finding's body. Without an enumeration the whole text is one measure.
** Deadline segments apply to the measure being read, or to x before any.
*/
static void segs_to_measures(Parser *ps, ImportNode *x, const Seg *segs)
{
    Buf text = BUF_INIT, body = BUF_INIT;
    bool enumerated = segs_enumerate(segs);
    ImportMeasure *cur = NULL;
    int expect = 1;
    for (const Seg *g = segs; g; g = g->next) {
        if (g->deadline) {
            if (cur)
                apply_deadline(ps, g->s, g->n, &cur->deadline, &cur->long_term, &cur->immediate);
            else
                apply_deadline(ps, g->s, g->n, &x->deadline, &x->long_term, NULL);
            continue;
        }
        size_t from = 0;
        for (size_t i = 0; enumerated && i < g->n; i++) {
            int v;
            size_t k;
            if ((unsigned char)g->s[i] < 0x80 || !enum_boundary(g->s, i) ||
                !(k = grammar_enumerator(g->s + i, g->n - i, &v)))
                continue;
            if (v != expect) {
                if (i == 0 && v > expect)
                    import_warn(ps->doc, g->line, "enumeration jumps to '%.*s' here", (int)k,
                                g->s + i);
                continue;
            }
            /* Close the text so far. */
            Buf *into = cur ? &text : &body;
            if (i > from) {
                if (into->len)
                    buf_putc(into, '\n');
                buf_append(into, g->s + from, i - from);
                if (cur)
                    cur->line_last = g->line;
            }
            if (cur) {
                measure_finish(ps, cur, &text);
                import_add_measure(x, cur);
            }
            cur = measure_new(ps->a, arena_strndup(ps->a, g->s + i, k), g->line);
            expect++;
            i += k - 1;
            from = i + 1;
            /* the label is not part of the text */
            size_t b;
            while (from < g->n && (b = grammar_mark(MARK_BLANK, g->s + from, g->n - from)))
                from += b;
            i = from - 1;
        }
        if (from < g->n) {
            if (!enumerated && !cur)
                cur = measure_new(ps->a, NULL, g->line);
            Buf *into = cur ? &text : &body;
            /* Paragraphs keep their breaks; a split line does too. */
            if (into->len)
                buf_putc(into, '\n');
            buf_append(into, g->s + from, g->n - from);
            if (cur)
                cur->line_last = g->line;
        }
    }
    if (cur) {
        measure_finish(ps, cur, &text);
        import_add_measure(x, cur);
    }
    if (body.len)
        x->body = arena_strndup(ps->a, body.data, body.len);
    buf_free(&text);
    buf_free(&body);
}

/*
** Append the segments from g on to text, one a line. With deadline, a deadline segment sets it
** (and *long_term, *immediate when given: apply_deadline) instead of joining; without, it is
** text like any other.
*/
static void segs_join(Parser *ps, const Seg *g, Buf *text, Day *deadline, bool *long_term,
                      bool *immediate)
{
    for (; g; g = g->next) {
        if (deadline && g->deadline) {
            apply_deadline(ps, g->s, g->n, deadline, long_term, immediate);
            continue;
        }
        if (text->len)
            buf_putc(text, '\n');
        buf_append(text, g->s, g->n);
    }
}

/* A node's body: the segments from g on joined by segs_join; NULL when empty. */
static const char *segs_body(Parser *ps, const Seg *g, Day *deadline, bool *long_term)
{
    Buf body = BUF_INIT;
    segs_join(ps, g, &body, deadline, long_term, NULL);
    const char *s = body.len ? arena_strndup(ps->a, body.data, body.len) : NULL;
    buf_free(&body);
    return s;
}

/* A numbered child of a problem as one measure. */
static void child_to_measure(Parser *ps, ImportNode *x, const Raw *c)
{
    ImportMeasure *m = measure_new(ps->a, c->label, c->line);
    m->line_last = c->last;
    Buf text = BUF_INIT;
    buf_append(&text, c->head, c->head_n);
    segs_join(ps, c->body, &text, &m->deadline, &m->long_term, &m->immediate);
    measure_finish(ps, m, &text);
    import_add_measure(x, m);
    buf_free(&text);
}

static bool raw_has_grandchildren(const Raw *r)
{
    for (const Raw *c = r->first; c; c = c->next)
        if (c->first)
            return true;
    return false;
}

/* A child of a problem that is a sub-problem rather than a measure. */
static bool raw_is_subproblem(const Raw *c)
{
    if (c->force == FORCE_MEASURE)
        return false;
    if (c->first || c->named || segs_enumerate(c->body))
        return true;
    size_t mark, end = first_sentence(c->head, c->head_n, &mark);
    return c->body && end >= c->head_n && grammar_subproblem_heading(c->head, c->head_n);
}

/* Prepend the heading's remainder (text after its title on the same line) to its segments. */
static Seg *segs_with_rest(Parser *ps, const Raw *r, const char *rest, size_t rest_n)
{
    if (!rest_n)
        return r->body;
    Seg *g = seg_new(ps, r->line, rest, rest_n);
    g->next = r->body;
    return g;
}

static void make_problem(Parser *ps, const Raw *r, ImportNode *parent, FindingLevel level)
{
    ImportNode *x = node_new(ps, parent, level, r);
    const char *rest;
    size_t rest_n;
    x->title = head_title(ps->a, r, &rest, &rest_n);
    Seg *segs = segs_with_rest(ps, r, rest, rest_n);
    if (r->first) {
        for (const Raw *c = r->first; c; c = c->next) {
            if (raw_is_subproblem(c))
                make_problem(ps, c, x, LEVEL_SUBPROBLEM);
            else
                child_to_measure(ps, x, c);
        }
        /* Text before the children is the problem's description; deadlines still count. */
        x->body = segs_body(ps, segs, &x->deadline, &x->long_term);
    } else {
        segs_to_measures(ps, x, segs);
    }
    if (x->n_measures == 0 && x->n_children == 0)
        import_warn(ps->doc, r->line, "no measures found for %s '%s'", model_level_name(level),
                    excerpt(ps->a, x->title, strlen(x->title), 24));
}

static void build(Parser *ps, const Raw *r, ImportNode *parent, int depth)
{
    FindingLevel upper = depth == 0 ? LEVEL_ASPECT : LEVEL_ITEM;
    if (r->named) {
        make_problem(ps, r, parent, LEVEL_PROBLEM);
        return;
    }
    if (!r->first) {
        make_problem(ps, r, parent, LEVEL_PROBLEM);
        return;
    }
    if (!r->desc_named && !raw_has_grandchildren(r) &&
        !(depth == 0 && grammar_aspect_heading(r->head, r->head_n))) {
        make_problem(ps, r, parent, LEVEL_PROBLEM);
        return;
    }
    ImportNode *x = node_new(ps, parent, upper, r);
    const char *rest;
    size_t rest_n;
    x->title = head_title(ps->a, r, &rest, &rest_n);
    x->body = segs_body(ps, segs_with_rest(ps, r, rest, rest_n), NULL, NULL);
    if (!r->desc_named && !raw_has_grandchildren(r)) {
        /* An aspect whose children are plain numbered paragraphs: they are its measures. */
        for (const Raw *c = r->first; c; c = c->next)
            child_to_measure(ps, x, c);
        return;
    }
    for (const Raw *c = r->first; c; c = c->next)
        build(ps, c, x, depth + 1);
}

/* Extend each raw node's last line over its children. */
static int raw_close_lines(Raw *r)
{
    for (Raw *c = r->first; c; c = c->next) {
        int l = raw_close_lines(c);
        if (l > r->last)
            r->last = l;
    }
    return r->last;
}

/* ---- the open matters → problem statuses ---- */

static void collect_problems(ImportNode *x, ImportNode **out, int *n, int max)
{
    for (; x; x = x->next) {
        if ((x->level == LEVEL_PROBLEM || x->level == LEVEL_SUBPROBLEM) && *n < max)
            out[(*n)++] = x;
        collect_problems(x->children, out, n, max);
    }
}

/* The text of s without quotation marks, into b. */
static void unquote(Buf *b, const char *s, size_t n)
{
    buf_reset(b);
    for (size_t i = 0; i < n;) {
        size_t k = grammar_mark(MARK_QUOTE_OPEN, s + i, n - i);
        if (!k)
            k = grammar_mark(MARK_QUOTE_CLOSE, s + i, n - i);
        if (k) {
            i += k;
            continue;
        }
        buf_putc(b, s[i]);
        i++;
    }
}

static bool contains(const char *h, size_t hn, const char *needle, size_t nn)
{
    if (nn == 0 || nn > hn)
        return false;
    for (size_t i = 0; i + nn <= hn; i++)
        if (memcmp(h + i, needle, nn) == 0)
            return true;
    return false;
}

static void map_open(Parser *ps)
{
    ImportNode *probs[4096];
    int n = 0;
    collect_problems(ps->doc->findings, probs, &n, (int)ARRAY_SIZE(probs));
    Buf item = BUF_INIT, title = BUF_INIT, q = BUF_INIT;
    int items = 0;
    /* Problems of the same name (two "（1）" and "（2）" under one title) are matched one item
       each, in order: an item takes the first of them no earlier item took. */
    bool *taken = ARENA_ARRAY(ps->a, bool, (size_t)n + 1);
    int *hits = ARENA_ARRAY(ps->a, int, (size_t)n + 1);
    for (OpenItem *o = ps->open; o; o = o->next) {
        int n_hits = 0;
        /* Matching is items × problems: a real report has a few dozen of each. */
        if (++items > 4096) {
            import_warn(ps->doc, o->line, "too many open matters: the rest are not matched");
            break;
        }
        bool matched = false;
        unquote(&item, o->s, o->n);
        for (int i = 0; i < n; i++) {
            ImportNode *x = probs[i];
            unquote(&title, x->title, strlen(x->title));
            bool hit = false;
            /* Quoted names in the item against the title … */
            for (size_t p = 0; p < o->n && !hit;) {
                size_t k = grammar_mark(MARK_QUOTE_OPEN, o->s + p, o->n - p);
                if (!k) {
                    p++;
                    continue;
                }
                size_t e = p + k;
                while (e < o->n && !grammar_mark(MARK_QUOTE_CLOSE, o->s + e, o->n - e))
                    e++;
                unquote(&q, o->s + p + k, e - p - k);
                if (count_cps(q.data, q.len, 4) >= 4 &&
                    contains(title.data, title.len, q.data, q.len))
                    hit = true;
                p = e + 1;
            }
            /* … or the whole title inside the item. */
            if (!hit && count_cps(title.data, title.len, 4) >= 4 &&
                contains(item.data, item.len, title.data, title.len))
                hit = true;
            if (hit)
                hits[n_hits++] = i;
        }
        for (int h = 0; h < n_hits; h++) {
            const char *name = probs[hits[h]]->title;
            bool done = false;
            for (int e = 0; e < h && !done; e++)
                done = strcmp(probs[hits[e]]->title, name) == 0;
            if (done)
                continue; /* this name was placed for this item already */
            int pick = hits[h];
            for (int e = h; e < n_hits; e++)
                if (!taken[hits[e]] && strcmp(probs[hits[e]]->title, name) == 0) {
                    pick = hits[e];
                    break;
                }
            ImportNode *x = probs[pick];
            taken[pick] = true;
            matched = true;
            x->status = o->status;
            if (x->deadline == DAY_NONE)
                apply_deadline(ps, o->s, o->n, &x->deadline, &x->long_term, NULL);
        }
        if (!matched)
            import_warn(ps->doc, o->line, "open matter '%s' names no problem of this document",
                        excerpt(ps->a, o->s, o->n, 24));
    }
    buf_free(&item);
    buf_free(&title);
    buf_free(&q);
}

void import_parse(ImportDoc *doc, const char *text, size_t len, bool markdown)
{
    Parser ps;
    memset(&ps, 0, sizeof ps);
    ps.doc = doc;
    ps.a = doc->arena;
    ps.stack[0] = &ps.root;
    ps.open_status = -1;
    doc->onsite_start = doc->onsite_end = doc->feedback_on = doc->published_on = DAY_NONE;
    doc->kind = INSPECTION_OTHER;

    pass_lines(&ps, text, len, markdown);
    import_meta(doc);
    ps.year = import_year(doc);
    raw_close_lines(&ps.root);
    mark_named(&ps.root);
    for (const Raw *r = ps.root.first; r; r = r->next)
        build(&ps, r, NULL, 0);
    map_open(&ps);
    import_owner_lines(doc);
    import_progress(doc);
    import_check(doc);
    if (!doc->findings)
        import_warn(doc, 1,
                    "no findings recognised: expected numbered problems "
                    "(一、 (一) 1. (1) ①) or headings such as 关于“…”问题的整改情况");
}

static void count_nodes(const ImportNode *x, ImportCounts *c)
{
    for (; x; x = x->next) {
        c->by_level[x->level]++;
        c->measures += x->n_measures;
        count_nodes(x->children, c);
    }
}

void import_count(const ImportDoc *doc, ImportCounts *out)
{
    memset(out, 0, sizeof *out);
    count_nodes(doc->findings, out);
}
