/*
** ledger_sheet.c: the sheets of a ledger (台账) spreadsheet → an ImportDoc's tree
** (import_internal.h). In each sheet the header row is found among the first rows by its
** Chinese column names and their usual synonyms (序号, 反馈问题/问题, 整改措施/整改举措 …, in any
** order, a two-row header merged); every row below it is a measure. Rows of one problem share
** its cell (merged in Excel, repeated in a CSV, or left empty below the first): a problem starts
** where the problem's text or a per-problem 序号 changes. An optional 问题类别 column holds the
** problem's aspect and item, one per line with their printed labels, so that the tree above the
** problems survives a round trip through `export ledger`. Deadlines are read in every form
** offices type (2025年6月30日, 2025.6.30, 2025/6/30, 2025-06-30, a date cell, an Excel serial,
** 2025年6月底前, 长期坚持, 立行立改); owners are kept as names for import_resolve to match.
**
** A cell that cannot be what its column says (a deadline that is no date) fails the whole
** import, naming the sheet, row and column; text that is merely unusual becomes a warning.
*/
#include "import_internal.h"

#include "base/utf8.h"
#include "db/vocab.h"

#define HEADER_SCAN_ROWS 30

typedef enum Col {
    COL_SEQ,
    COL_CATEGORY,
    COL_PROBLEM,
    COL_MEASURE,
    COL_TARGET,
    COL_LEADER,
    COL_LEAD_UNIT,
    COL_UNIT, /* 责任单位: the lead unit when there is no 牵头单位 column, else co-units */
    COL_CO_UNIT,
    COL_DEADLINE,
    COL_KIND,
    COL_PROGRESS,
    COL_PERCENT,
    COL_STATE,
    COL_NOTE,
    COL_LIGHT,
    COL__COUNT
} Col;

/* Header words, compared with a header cell stripped of blanks and of a trailing (…) note. */
static const struct {
    const char *word;
    Col col;
} column_words[] = {
    {"序号", COL_SEQ},           {"编号", COL_SEQ},           {"序", COL_SEQ},
    {"问题类别", COL_CATEGORY},  {"问题类型", COL_CATEGORY},  {"问题分类", COL_CATEGORY},
    {"类别", COL_CATEGORY},      {"方面", COL_CATEGORY},      {"问题方面", COL_CATEGORY},
    {"反馈问题", COL_PROBLEM},   {"问题", COL_PROBLEM},       {"存在问题", COL_PROBLEM},
    {"问题描述", COL_PROBLEM},   {"主要问题", COL_PROBLEM},   {"具体问题", COL_PROBLEM},
    {"问题清单", COL_PROBLEM},   {"巡视反馈问题", COL_PROBLEM}, {"巡察反馈问题", COL_PROBLEM},
    {"反馈意见", COL_PROBLEM},   {"问题表现", COL_PROBLEM},   {"整改措施", COL_MEASURE},
    {"整改举措", COL_MEASURE},   {"措施", COL_MEASURE},       {"具体措施", COL_MEASURE},
    {"整改任务", COL_MEASURE},   {"整改措施及要求", COL_MEASURE}, {"具体整改措施", COL_MEASURE},
    {"整改目标", COL_TARGET},    {"目标要求", COL_TARGET},    {"目标", COL_TARGET},
    {"整改要求", COL_TARGET},    {"责任领导", COL_LEADER},    {"牵头领导", COL_LEADER},
    {"分管领导", COL_LEADER},    {"领导", COL_LEADER},        {"牵头责任领导", COL_LEADER},
    {"责任领导同志", COL_LEADER}, {"牵头单位", COL_LEAD_UNIT}, {"牵头部门", COL_LEAD_UNIT},
    {"主责单位", COL_LEAD_UNIT}, {"牵头责任单位", COL_LEAD_UNIT}, {"责任单位", COL_UNIT},
    {"责任部门", COL_UNIT},      {"整改单位", COL_UNIT},      {"整改责任单位", COL_UNIT},
    {"配合单位", COL_CO_UNIT},   {"配合部门", COL_CO_UNIT},   {"协同单位", COL_CO_UNIT},
    {"协办单位", COL_CO_UNIT},   {"参与单位", COL_CO_UNIT},   {"完成时限", COL_DEADLINE},
    {"整改时限", COL_DEADLINE},  {"时限", COL_DEADLINE},      {"完成时间", COL_DEADLINE},
    {"整改期限", COL_DEADLINE},  {"完成期限", COL_DEADLINE},  {"时限要求", COL_DEADLINE},
    {"整改类型", COL_KIND},      {"类型", COL_KIND},          {"整改方式", COL_KIND},
    {"整改类别", COL_KIND},      {"整改进展", COL_PROGRESS},  {"进展情况", COL_PROGRESS},
    {"进展", COL_PROGRESS},      {"整改情况", COL_PROGRESS},  {"工作进展", COL_PROGRESS},
    {"推进情况", COL_PROGRESS},  {"整改进展情况", COL_PROGRESS}, {"完成进度", COL_PERCENT},
    {"进度", COL_PERCENT},       {"完成比例", COL_PERCENT},   {"完成率", COL_PERCENT},
    {"整改进度", COL_PERCENT},   {"整改状态", COL_STATE},
    {"完成情况", COL_STATE},     {"完成状态", COL_STATE},     {"状态", COL_STATE},
    {"整改结果", COL_STATE},     {"是否完成", COL_STATE},     {"备注", COL_NOTE},
    {"亮灯", COL_LIGHT},         {"预警", COL_LIGHT},         {"亮灯情况", COL_LIGHT},
};

/* The Chinese names of the columns, for messages. */
static const char *const col_names[COL__COUNT] = {
    "序号",     "问题类别", "反馈问题", "整改措施", "目标要求", "责任领导", "牵头单位", "责任单位",
    "配合单位", "整改时限", "整改类型", "进展情况", "完成进度", "完成状态", "备注",     "亮灯",
};

/* Words of the state column beyond the states' own labels; values are MeasureState. */
static const struct {
    const char *word;
    int state;
} state_words[] = {
    {"已完成", STATE_CLOSED},         {"完成", STATE_CLOSED},          {"已整改", STATE_CLOSED},
    {"已办结", STATE_CLOSED},         {"整改完成", STATE_CLOSED},      {"已完成整改", STATE_CLOSED},
    {"是", STATE_CLOSED},             {"基本完成", STATE_PHASE_COMPLETE},
    {"阶段性完成", STATE_PHASE_COMPLETE}, {"持续推进", STATE_IN_PROGRESS},
    {"正在整改", STATE_IN_PROGRESS},  {"推进中", STATE_IN_PROGRESS},   {"进行中", STATE_IN_PROGRESS},
    {"未完成", STATE_IN_PROGRESS},    {"否", STATE_IN_PROGRESS},       {"整改中", STATE_IN_PROGRESS},
    {"未开始", STATE_NOT_STARTED},    {"未启动", STATE_NOT_STARTED},   {"尚未启动", STATE_NOT_STARTED},
};

/* Words of the kind and deadline columns beyond 立行立改 / 长期坚持 (grammar's term words). */
static const struct {
    const char *word;
    int kind; /* MeasureKind */
} kind_words[] = {
    {"立行立改", KIND_IMMEDIATE}, {"立即整改", KIND_IMMEDIATE}, {"限期整改", KIND_DATED},
    {"长期坚持", KIND_LONG_TERM}, {"长期整改", KIND_LONG_TERM}, {"持续整改", KIND_LONG_TERM},
    {"长期", KIND_LONG_TERM},     {"持续推进", KIND_LONG_TERM}, {"常态化", KIND_LONG_TERM},
};

typedef struct Layout {
    int col[COL__COUNT]; /* the sheet column of each, -1 when absent */
    const char *head[COL__COUNT]; /* each one's header as printed (stripped), for messages */
    int header_row;      /* index in the sheet's rows */
    int first_data;      /* index of the first data row */
} Layout;

typedef struct Reader {
    ImportDoc *doc;
    Arena *a;
    const Sheet *sheet;
    Layout lay;
    const SheetRow *row;
    Err *err;
} Reader;

/* A cell stripped of blanks (incl. line breaks and U+3000) and of a trailing (…) note. */
static void header_key(const char *s, Buf *out)
{
    buf_reset(out);
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t b = grammar_mark(MARK_BLANK, s + i, n - i);
        if (b) {
            i += b;
            continue;
        }
        if (s[i] == '\n' || s[i] == '\r') {
            i++;
            continue;
        }
        size_t k = grammar_step(s + i, n - i);
        buf_append(out, s + i, k);
        i += k;
    }
    /* drop a note in brackets at the end: 完成时限（年月日） */
    const char *open = NULL;
    for (const char *p = out->data; *p; p++)
        if (*p == '(' || strncmp(p, "（", 3) == 0)
            open = p;
    if (open && open > out->data) {
        out->len = (size_t)(open - out->data);
        out->data[out->len] = 0;
    }
    /* and a trailing colon */
    while (out->len && (out->data[out->len - 1] == ':'))
        out->data[--out->len] = 0;
}

static int column_of(const char *cell, Buf *key)
{
    header_key(cell, key);
    if (!key->len)
        return -1;
    for (size_t i = 0; i < ARRAY_SIZE(column_words); i++)
        if (strcmp(key->data, column_words[i].word) == 0)
            return (int)column_words[i].col;
    return -1;
}

/* Map a header row's cells into lay; returns how many columns were recognised. */
static int read_header(const SheetRow *r, Layout *lay, Buf *key)
{
    int found = 0;
    for (int c = 0; c < r->n; c++) {
        int k = column_of(r->cells[c], key);
        if (k >= 0 && lay->col[k] < 0) {
            lay->col[k] = c;
            lay->head[k] = r->cells[c];
            found++;
        }
    }
    return found;
}

/* Find the header row among a sheet's first rows; false when there is none. */
static bool find_header(const Sheet *s, Layout *lay)
{
    Buf key = BUF_INIT;
    bool ok = false;
    for (int i = 0; i < s->n_rows && i < HEADER_SCAN_ROWS && !ok; i++) {
        Layout l;
        memset(&l, 0, sizeof l);
        for (int c = 0; c < COL__COUNT; c++)
            l.col[c] = -1;
        int found = read_header(&s->rows[i], &l, &key);
        if (found < 2 || l.col[COL_MEASURE] < 0)
            continue;
        l.header_row = i;
        l.first_data = i + 1;
        /* A second header row (责任主体 over 责任领导 | 牵头单位) adds its columns. */
        if (i + 1 < s->n_rows) {
            Layout l2 = l;
            if (read_header(&s->rows[i + 1], &l2, &key) >= 2) {
                l = l2;
                l.first_data = i + 2;
            }
        }
        *lay = l;
        ok = true;
    }
    buf_free(&key);
    return ok;
}

static const char *cell(const Reader *rd, Col c)
{
    int k = rd->lay.col[c];
    return k >= 0 && k < rd->row->n ? rd->row->cells[k] : "";
}

static const char *where(const Reader *rd, Col c)
{
    char col[8];
    return arena_printf(rd->a, "sheet '%s' row %d column %s (%s)", rd->sheet->name, rd->row->no,
                        sheet_col_name(rd->lay.col[c], col),
                        rd->lay.head[c] ? rd->lay.head[c] : col_names[c]);
}

static int fail_at(const Reader *rd, Col c, const char *what)
{
    return err_fail(rd->err, ERR_INPUT, "%s: %s", where(rd, c), what);
}

/* s without leading and trailing blanks and line breaks, in the arena. */
static const char *trim(Arena *a, const char *s, size_t n)
{
    for (;;) {
        size_t b = grammar_mark(MARK_BLANK, s, n);
        if (!b && n && (*s == '\n' || *s == '\r'))
            b = 1;
        if (!b)
            break;
        s += b;
        n -= b;
    }
    while (n) {
        size_t p = utf8_prev(s, n);
        size_t b = grammar_mark(MARK_BLANK, s + p, n - p);
        if (!b && (s[n - 1] == '\n' || s[n - 1] == '\r'))
            b = 1, p = n - 1;
        if (!b)
            break;
        n = p;
    }
    return arena_strndup(a, s, n);
}

static bool has_word(const char *s, const char *w)
{
    return strstr(s, w) != NULL;
}

/* An Excel serial day typed or stored as plain digits (between 1954 and 2119). */
static bool serial_text(const char *s, Day *out)
{
    size_t n = strspn(s, "0123456789");
    if (n != 5 || (s[n] && s[n] != '.'))
        return false;
    long v = strtol(s, NULL, 10);
    if (v < 20000 || v > 80000)
        return false;
    *out = (Day)(v - 25569);
    return true;
}

/* 2025/6/30 and 2025.6.30 as 2025-06-30 (slashes, dots, hyphens; one- or two-digit parts). */
static bool numeric_date(const char *s, Day *out)
{
    int y, m, d, k = 0;
    char s1, s2;
    if (sscanf(s, "%4d%c%2d%c%2d%n", &y, &s1, &m, &s2, &d, &k) != 5 || s1 != s2 ||
        (s1 != '/' && s1 != '.' && s1 != '-') || !date_valid(y, m, d))
        return false;
    char iso[16];
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
    return date_parse(iso, strlen(iso), out) == 0;
}

static int kind_word(const char *s)
{
    for (size_t i = 0; i < ARRAY_SIZE(kind_words); i++)
        if (has_word(s, kind_words[i].word))
            return kind_words[i].kind;
    return -1;
}

/* Read the deadline cell into m; a cell that states nothing a deadline can be fails. */
static int read_deadline(const Reader *rd, ImportMeasure *m)
{
    const char *s = cell(rd, COL_DEADLINE);
    if (!*s)
        return 0;
    Day d = DAY_NONE;
    bool lt = false, imm = false;
    if (serial_text(s, &d) || numeric_date(s, &d)) {
        m->deadline = d;
        m->long_term = has_word(s, "长期");
        return 0;
    }
    grammar_deadline(s, strlen(s), import_year(rd->doc), &d, &lt, &imm);
    int k = kind_word(s);
    if (d == DAY_NONE && !lt && !imm && k < 0) {
        char msg[160];
        snprintf(msg, sizeof msg, "'%.60s' is not a date", s);
        return fail_at(rd, COL_DEADLINE, msg);
    }
    m->deadline = d;
    m->long_term = lt || k == KIND_LONG_TERM;
    m->immediate = imm || k == KIND_IMMEDIATE;
    return 0;
}

/* The names of a cell, each with where it was read. */
static ImportName *split_names(const Reader *rd, Col c, bool units, int *n_out)
{
    const char *s = cell(rd, c);
    *n_out = 0;
    return *s ? import_names(rd->a, s, units, where(rd, c), n_out) : NULL;
}

static int state_of(const char *s)
{
    int st = vocab_parse_label(VOCAB_MEASURE_STATE, s);
    if (st >= 0)
        return st;
    for (size_t i = 0; i < ARRAY_SIZE(state_words); i++)
        if (strcmp(s, state_words[i].word) == 0)
            return state_words[i].state;
    return -1;
}

static ImportNode *node_add(Reader *rd, ImportNode *parent, FindingLevel level, const char *text)
{
    ImportNode *x = import_node_new(rd->a, rd->doc, parent, level, rd->row->no, rd->row->no);
    GrammarMarker m;
    size_t n = strlen(text);
    if (grammar_marker(text, n, &m) && m.len < n) {
        /* the label as printed, without the blanks after it */
        size_t k = m.len;
        while (k && (text[k - 1] == ' ' || text[k - 1] == '\t'))
            k--;
        if (k >= 3 && memcmp(text + k - 3, "\xE3\x80\x80", 3) == 0)
            k -= 3;
        x->label = arena_strndup(rd->a, text, k);
        text += m.len;
        n -= m.len;
    }
    /* The title is the first line; the lines after it are the problem's text. */
    const char *nl = memchr(text, '\n', n);
    x->title = trim(rd->a, text, nl ? (size_t)(nl - text) : n);
    if (nl)
        x->body = trim(rd->a, nl + 1, n - (size_t)(nl + 1 - text));
    return x;
}

typedef struct Cursor {
    const char *category; /* the category cell of the current problem */
    const char *problem;  /* its problem cell */
    const char *seq;      /* its 序号 */
    ImportNode *node;     /* the current problem */
    ImportNode *cat[2];   /* the current aspect and item */
    const char *cat_text[2];
} Cursor;

/* The aspect and item of a category cell: one line each, created when they change. */
static ImportNode *category_parent(Reader *rd, Cursor *cur, const char *s)
{
    if (!*s)
        return NULL;
    const char *lines[2] = {s, NULL};
    const char *nl = strchr(s, '\n');
    char *first = NULL;
    if (nl) {
        first = arena_strndup(rd->a, s, (size_t)(nl - s));
        lines[0] = first;
        lines[1] = trim(rd->a, nl + 1, strlen(nl + 1));
        if (!*lines[1])
            lines[1] = NULL;
    }
    lines[0] = trim(rd->a, lines[0], strlen(lines[0]));
    ImportNode *parent = NULL;
    for (int k = 0; k < 2; k++) {
        if (!lines[k]) {
            cur->cat[k] = NULL;
            cur->cat_text[k] = NULL;
            continue;
        }
        if (!cur->cat[k] || strcmp(cur->cat_text[k], lines[k]) != 0 ||
            (k == 1 && cur->cat[0] != parent)) {
            cur->cat[k] = node_add(rd, parent, k == 0 ? LEVEL_ASPECT : LEVEL_ITEM, lines[k]);
            cur->cat_text[k] = lines[k];
            if (k == 0) {
                cur->cat[1] = NULL;
                cur->cat_text[1] = NULL;
            }
        }
        cur->cat[k]->line_last = rd->row->no;
        parent = cur->cat[k];
    }
    return parent;
}

/* Does the 序号 column number problems (repeated over a problem's rows)? */
static bool seq_per_problem(const Reader *rd)
{
    int k = rd->lay.col[COL_SEQ];
    if (k < 0)
        return false;
    const char *prev = NULL;
    for (int i = rd->lay.first_data; i < rd->sheet->n_rows; i++) {
        const SheetRow *r = &rd->sheet->rows[i];
        const char *s = k < r->n ? r->cells[k] : "";
        if (*s && prev && strcmp(s, prev) == 0)
            return true;
        prev = s;
    }
    return false;
}

/* The problem of the row: the current one continued, or a new one under its category. */
static ImportNode *row_problem(Reader *rd, Cursor *cur, bool by_seq, const char *problem)
{
    const char *category = cell(rd, COL_CATEGORY), *seq = cell(rd, COL_SEQ);
    /* An empty problem cell under a problem continues it (unmerged ledgers). */
    if (!*problem && cur->node)
        problem = cur->problem;
    if (!*category && cur->category && !*cell(rd, COL_PROBLEM))
        category = cur->category;
    bool same = cur->node && strcmp(problem, cur->problem) == 0 &&
                strcmp(category, cur->category) == 0 &&
                (!by_seq || !*seq || strcmp(seq, cur->seq) == 0);
    if (!same) {
        ImportNode *parent = category_parent(rd, cur, category);
        cur->node = node_add(rd, parent, LEVEL_PROBLEM,
                             *problem ? problem : arena_printf(rd->a, "第%d行的问题", rd->row->no));
        cur->problem = problem;
        cur->category = category;
        cur->seq = seq;
    }
    ImportNode *x = cur->node;
    x->line_last = rd->row->no;
    for (ImportNode *p = cur->cat[0]; p; p = p == cur->cat[0] ? cur->cat[1] : NULL)
        p->line_last = rd->row->no;
    return x;
}

/* The measure cell's text: its enumerator or marker as the label, the rest as text and title. */
static void measure_text(Reader *rd, ImportMeasure *m, const char *measure)
{
    const char *text = trim(rd->a, measure, strlen(measure));
    size_t n = strlen(text);
    GrammarMarker gm;
    int value;
    size_t k = grammar_enumerator(text, n, &value);
    if (!k && grammar_marker(text, n, &gm) && gm.len < n)
        k = gm.len;
    if (k) {
        m->label = trim(rd->a, text, k);
        text = trim(rd->a, text + k, n - k);
        n = strlen(text);
    }
    m->text = text;
    m->title = import_short_title(rd->a, text, n);
}

/* The kind column (立行立改, 限期整改, 长期坚持) into m; -1 after failing on another word. */
static int read_kind(Reader *rd, ImportMeasure *m)
{
    const char *kind = cell(rd, COL_KIND);
    if (!*kind)
        return 0;
    int kk = vocab_parse_label(VOCAB_MEASURE_KIND, kind);
    if (kk < 0)
        kk = kind_word(kind);
    if (kk < 0) {
        char msg[160];
        snprintf(msg, sizeof msg, "'%.60s' is not a kind of measure (立行立改, 限期整改, 长期坚持)",
                 kind);
        return fail_at(rd, COL_KIND, msg);
    }
    m->has_kind = true;
    m->kind = (MeasureKind)kk;
    m->immediate = kk == KIND_IMMEDIATE;
    if (kk == KIND_LONG_TERM)
        m->long_term = true;
    return 0;
}

/* The names a (n_a of them) followed by b (n_b), NULL when none; *n their count. */
static ImportName *names_of_both(Reader *rd, ImportName *a, int n_a, ImportName *b, int n_b, int *n)
{
    *n = n_a + n_b;
    if (!*n)
        return NULL;
    if (!n_b)
        return a;
    if (!n_a)
        return b;
    ImportName *all = ARENA_ARRAY(rd->a, ImportName, (size_t)*n);
    memcpy(all, a, sizeof *a * (size_t)n_a);
    memcpy(all + n_a, b, sizeof *b * (size_t)n_b);
    return all;
}

/*
** The lead unit and co-units: a lead unit column, else the unit column, leads; the unit and
** co-unit columns besides it share the work, as do the lead units after the first.
*/
static void read_units(Reader *rd, ImportMeasure *m)
{
    bool has_lead = rd->lay.col[COL_LEAD_UNIT] >= 0;
    int n_lead;
    ImportName *lead = split_names(rd, has_lead ? COL_LEAD_UNIT : COL_UNIT, true, &n_lead);
    ImportName *co = NULL;
    int n_co = 0;
    if (has_lead && rd->lay.col[COL_UNIT] >= 0)
        co = split_names(rd, COL_UNIT, true, &n_co);
    else if (rd->lay.col[COL_CO_UNIT] >= 0)
        co = split_names(rd, COL_CO_UNIT, true, &n_co);
    if (has_lead && rd->lay.col[COL_UNIT] >= 0 && rd->lay.col[COL_CO_UNIT] >= 0) {
        int n2;
        ImportName *more = split_names(rd, COL_CO_UNIT, true, &n2);
        co = names_of_both(rd, co, n_co, more, n2, &n_co);
    }
    /* The first of several lead units leads; the others share the work. */
    if (n_lead) {
        m->lead_unit = lead[0];
        co = names_of_both(rd, lead + 1, n_lead - 1, co, n_co, &n_co);
    }
    m->co_units = co;
    m->n_co_units = n_co;
}

/* The state, percent and progress columns into m; -1 after failing on a bad percentage. */
static int read_progress(Reader *rd, ImportMeasure *m)
{
    const char *state = cell(rd, COL_STATE);
    if (*state) {
        const char *t = trim(rd->a, state, strlen(state));
        m->state = state_of(t);
        if (m->state < 0)
            import_warn(rd->doc, rd->row->no, "%s: '%s' is no state the ledger knows; left as not started",
                        where(rd, COL_STATE), t);
    }
    const char *pct = cell(rd, COL_PERCENT);
    if (*pct) {
        char *end;
        double v = strtod(pct, &end);
        /* 85%, 85, or a percent cell's 0.85 (xlsx.c writes it as 85%) */
        if (end == pct || v < 0 || v > 100 || (*end && strcmp(end, "%") != 0 &&
                                               strcmp(end, "％") != 0)) {
            char msg[160];
            snprintf(msg, sizeof msg, "'%.40s' is not a percentage", pct);
            return fail_at(rd, COL_PERCENT, msg);
        }
        m->percent = (int)(v + 0.5);
    }
    const char *progress = cell(rd, COL_PROGRESS);
    if (*progress)
        m->progress = trim(rd->a, progress, strlen(progress));
    return 0;
}

static int read_row(Reader *rd, Cursor *cur, bool by_seq)
{
    const char *measure = cell(rd, COL_MEASURE), *problem = cell(rd, COL_PROBLEM);
    if (!*measure && !*problem)
        return 0;
    ImportNode *x = row_problem(rd, cur, by_seq, problem);
    if (!*measure)
        return 0;
    ImportMeasure *m = ARENA_NEW(rd->a, ImportMeasure);
    m->deadline = DAY_NONE;
    m->progress_on = DAY_NONE;
    m->state = -1;
    m->percent = -1;
    m->line_first = m->line_last = rd->row->no;
    measure_text(rd, m, measure);
    if (read_deadline(rd, m) < 0 || read_kind(rd, m) < 0)
        return -1;
    const char *target = cell(rd, COL_TARGET);
    m->target = *target ? trim(rd->a, target, strlen(target)) : NULL;
    m->leaders = split_names(rd, COL_LEADER, false, &m->n_leaders);
    read_units(rd, m);
    if (read_progress(rd, m) < 0)
        return -1;
    import_add_measure(x, m);
    return 0;
}

static int read_sheet(Reader *rd)
{
    const Sheet *s = rd->sheet;
    /* A single text above the header is the ledger's title. */
    for (int i = 0; i < rd->lay.header_row && !rd->doc->title; i++) {
        const SheetRow *r = &s->rows[i];
        int filled = 0;
        const char *text = NULL;
        /* (a title merged over the columns is the same text in each) */
        for (int c = 0; c < r->n; c++)
            if (*r->cells[c] && (!text || strcmp(text, r->cells[c]) != 0)) {
                filled++;
                text = r->cells[c];
            }
        if (filled == 1)
            rd->doc->title = trim(rd->a, text, strlen(text));
    }
    bool by_seq = seq_per_problem(rd);
    Cursor cur;
    memset(&cur, 0, sizeof cur);
    for (int i = rd->lay.first_data; i < s->n_rows; i++) {
        rd->row = &s->rows[i];
        if (read_row(rd, &cur, by_seq) < 0)
            return -1;
    }
    return 0;
}

int import_sheets(ImportDoc *doc, const Sheet *sheets, Err *err)
{
    Reader rd;
    memset(&rd, 0, sizeof rd);
    rd.doc = doc;
    rd.a = doc->arena;
    rd.err = err;
    doc->onsite_start = doc->onsite_end = doc->feedback_on = doc->published_on = DAY_NONE;
    doc->kind = INSPECTION_OTHER;
    int read = 0;
    for (const Sheet *s = sheets; s; s = s->next) {
        rd.sheet = s;
        if (!find_header(s, &rd.lay)) {
            if (s->n_rows)
                import_warn(doc, 0, "sheet '%s' has no header row naming 整改措施: skipped",
                            s->name);
            continue;
        }
        /* Messages name a column by its header as printed, stripped of blanks. */
        Buf key = BUF_INIT;
        for (int c = 0; c < COL__COUNT; c++)
            if (rd.lay.head[c]) {
                header_key(rd.lay.head[c], &key);
                rd.lay.head[c] = arena_strndup(rd.a, key.data, key.len);
            }
        buf_free(&key);
        if (read_sheet(&rd) < 0)
            return -1;
        read++;
    }
    if (!read)
        return err_fail(err, ERR_INPUT,
                        "sheet '%s': no header row (none of its first %d rows names the columns "
                        "整改措施 and 反馈问题 or 责任单位)",
                        sheets ? sheets->name : "?", HEADER_SCAN_ROWS);
    if (!doc->findings)
        return err_fail(err, ERR_INPUT, "sheet '%s': no measure below the header row",
                        sheets->name);
    return 0;
}
