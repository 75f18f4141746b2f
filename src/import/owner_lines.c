/*
** owner_lines.c: owners stated in a plan's text (import_internal.h). A 整改方案 names, for each
** measure or once for a whole problem, its 责任领导, 牵头单位, 配合单位/责任单位 and 完成时限 in
** labelled clauses — on lines of their own under the measure, or in brackets after it:
**   （责任领导：张三；牵头单位：区财政局；配合单位：区审计局、区国资委；完成时限：2025年6月底前）
** Each clause is read into the measure's leaders, units and deadline and taken out of its
** text; names stay names until import_resolve matches them (unknown ones are listed, never
** created silently). Clauses in a problem's own text apply to its measures that state none.
*/
#include "import_internal.h"

typedef enum OwnerField { OWN_LEADER, OWN_LEAD_UNIT, OWN_UNIT, OWN_CO_UNIT, OWN_DEADLINE } OwnerField;

/* The labels, longest first where one begins another. */
static const struct {
    const char *word;
    OwnerField field;
} owner_labels[] = {
    {"牵头责任领导", OWN_LEADER}, {"责任领导", OWN_LEADER},    {"牵头领导", OWN_LEADER},
    {"分管领导", OWN_LEADER},     {"责任人", OWN_LEADER},      {"牵头责任单位", OWN_LEAD_UNIT},
    {"牵头单位", OWN_LEAD_UNIT},  {"牵头部门", OWN_LEAD_UNIT}, {"责任单位", OWN_UNIT},
    {"责任部门", OWN_UNIT},       {"配合单位", OWN_CO_UNIT},   {"配合部门", OWN_CO_UNIT},
    {"协同单位", OWN_CO_UNIT},    {"完成时限", OWN_DEADLINE},  {"整改时限", OWN_DEADLINE},
    {"完成时间", OWN_DEADLINE},   {"整改期限", OWN_DEADLINE},
};

/* A label with its colon at s: the field, and the bytes of both; 0 when none. */
static size_t label_at(const char *s, size_t n, OwnerField *field)
{
    for (size_t i = 0; i < ARRAY_SIZE(owner_labels); i++) {
        size_t k = strlen(owner_labels[i].word);
        if (n < k || memcmp(s, owner_labels[i].word, k) != 0)
            continue;
        size_t c = grammar_mark(MARK_COLON, s + k, n - k);
        if (!c)
            continue;
        *field = owner_labels[i].field;
        return k + c;
    }
    return 0;
}

/* Bytes of a clause's end: ；; 。 a line break, a closing bracket, or the next label. */
static size_t value_end(const char *s, size_t n)
{
    int depth = 0; /* brackets opened inside the value: 吴振华（区长） */
    for (size_t i = 0; i < n;) {
        OwnerField f;
        bool open = s[i] == '(' || (n - i >= 3 && memcmp(s + i, "（", 3) == 0);
        bool close = s[i] == ')' || (n - i >= 3 && memcmp(s + i, "）", 3) == 0);
        if (close && depth == 0)
            return i;
        depth += open ? 1 : close ? -1 : 0;
        if (s[i] == '\n' || s[i] == ';' || label_at(s + i, n - i, &f))
            return i;
        if (n - i >= 3 && (memcmp(s + i, "；", 3) == 0 || memcmp(s + i, "。", 3) == 0))
            return i;
        i += grammar_step(s + i, n - i);
    }
    return n;
}

typedef struct Found {
    const char *value[5]; /* per OwnerField, or NULL */
    int line;
} Found;

/*
** Take the owner clauses out of text (into f) and return what is left, trimmed of the brackets
** and marks the clauses leave behind. line is the text's first line.
*/
static const char *take(Arena *a, const char *text, Found *f)
{
    size_t n = strlen(text);
    Buf out = BUF_INIT;
    bool any = false;
    /* A clause is taken out of the text where it starts a line or a bracket (or follows one
       taken out); inside a sentence (…，完成时限：2025年6月底前。) it is read and left. */
    bool start = true;
    for (size_t i = 0; i < n;) {
        OwnerField field;
        size_t k = label_at(text + i, n - i, &field);
        if (!k) {
            size_t st = grammar_step(text + i, n - i);
            bool blank = text[i] == ' ' || grammar_mark(MARK_BLANK, text + i, n - i);
            bool opens = text[i] == '\n' || text[i] == '(' ||
                         (st == 3 && memcmp(text + i, "（", 3) == 0);
            if (!blank)
                start = opens;
            buf_append(&out, text + i, st);
            i += st;
            continue;
        }
        size_t e = value_end(text + i + k, n - i - k);
        f->value[field] = arena_strndup(a, text + i + k, e);
        if (!start) {
            buf_append(&out, text + i, k + e);
            i += k + e;
            continue;
        }
        any = true;
        i += k + e;
        /* the clause's own separator goes with it */
        if (i < n && (text[i] == ';' || text[i] == '\n'))
            i++;
        else if (n - i >= 3 && memcmp(text + i, "；", 3) == 0)
            i += 3;
    }
    if (!any) {
        buf_free(&out);
        return text;
    }
    /* Drop what the clauses left: empty brackets, trailing blanks, marks and line breaks. */
    for (;;) {
        size_t l = out.len;
        static const char *const tails[] = {"（）", "()", "（", "(", "\n", " ", "　", "；", ";", "，"};
        for (size_t t = 0; t < ARRAY_SIZE(tails); t++) {
            size_t k = strlen(tails[t]);
            if (out.len >= k && memcmp(out.data + out.len - k, tails[t], k) == 0) {
                out.len -= k;
                out.data[out.len] = 0;
                break;
            }
        }
        if (out.len == l)
            break;
    }
    const char *r = arena_strndup(a, out.data, out.len);
    buf_free(&out);
    return r;
}

static void apply(ImportDoc *doc, ImportMeasure *m, const Found *f, int line)
{
    Arena *a = doc->arena;
    const char *where = arena_printf(a, "line %d", line);
    if (f->value[OWN_LEADER] && !m->n_leaders)
        m->leaders = import_names(a, f->value[OWN_LEADER], false, where, &m->n_leaders);
    const char *lead = f->value[OWN_LEAD_UNIT];
    const char *co = f->value[OWN_CO_UNIT];
    /* 责任单位 leads where no 牵头单位 is named, else it shares the work */
    if (!lead)
        lead = f->value[OWN_UNIT];
    else if (!co)
        co = f->value[OWN_UNIT];
    int n_lead = 0, n_co = 0;
    ImportName *lv = lead ? import_names(a, lead, true, where, &n_lead) : NULL;
    ImportName *cv = co ? import_names(a, co, true, where, &n_co) : NULL;
    if (n_lead && !m->lead_unit.name) {
        m->lead_unit = lv[0];
        if (n_lead > 1) {
            ImportName *all = ARENA_ARRAY(a, ImportName, (size_t)(n_lead - 1 + n_co));
            memcpy(all, lv + 1, sizeof *lv * (size_t)(n_lead - 1));
            if (n_co)
                memcpy(all + n_lead - 1, cv, sizeof *cv * (size_t)n_co);
            cv = all;
            n_co += n_lead - 1;
        }
    }
    if (n_co && !m->n_co_units) {
        m->co_units = cv;
        m->n_co_units = n_co;
    }
    if (f->value[OWN_DEADLINE] && m->deadline == DAY_NONE && !m->long_term && !m->immediate) {
        const char *d = f->value[OWN_DEADLINE];
        grammar_deadline(d, strlen(d), import_year(doc), &m->deadline, &m->long_term,
                         &m->immediate);
    }
}

static void walk(ImportDoc *doc, ImportNode *x, const Found *inherited)
{
    for (; x; x = x->next) {
        Found own = inherited ? *inherited : (Found){{NULL}, 0};
        if (x->body) {
            Found f = {{NULL}, x->line_first};
            x->body = take(doc->arena, x->body, &f);
            for (int i = 0; i < 5; i++)
                if (f.value[i])
                    own.value[i] = f.value[i];
            own.line = x->line_first;
        }
        for (ImportMeasure *m = x->measures; m; m = m->next) {
            Found f = {{NULL}, m->line_first};
            const char *text = take(doc->arena, m->text, &f);
            if (text != m->text) {
                m->text = text;
                if (m->title && strncmp(m->text, m->title, strlen(m->title)) != 0)
                    m->title = import_short_title(doc->arena, m->text, strlen(m->text));
            }
            apply(doc, m, &f, m->line_first);
            if (own.line)
                apply(doc, m, &own, own.line);
        }
        walk(doc, x->children, own.line ? &own : NULL);
    }
}

void import_owner_lines(ImportDoc *doc)
{
    walk(doc, doc->findings, NULL);
}
