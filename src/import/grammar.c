/*
** grammar.c: every Chinese literal the document importer knows, in tables, and the lexical
** functions that read them (grammar.h). Each table row carries an example which
** tests/unit/test_grammar.c runs through the function owning the table, so adding a row is
** adding a test. Text is UTF-8; nothing here allocates.
*/
#include "grammar.h"

#include "base/cnum.h"
#include "base/utf8.h"
#include "db/vocab.h"

/* ---- small matching helpers ---- */

/* Bytes of lit when s[0..n) starts with it, else 0. */
static size_t lit_at(const char *s, size_t n, const char *lit)
{
    /* Most calls fail on the first two bytes: test them before measuring the literal. */
    if (!lit[0])
        return 0;
    if (n == 0 || s[0] != lit[0] || (lit[1] && (n < 2 || s[1] != lit[1])))
        return 0;
    size_t k = strlen(lit);
    return k <= n && memcmp(s, lit, k) == 0 ? k : 0;
}

/* True when s[0..n) ends with lit. */
static bool lit_end(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return k <= n && memcmp(s + n - k, lit, k) == 0;
}

/* Offset of lit in s[0..n), or (size_t)-1. */
static size_t lit_find(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    if (k == 0 || k > n)
        return (size_t)-1;
    const char *end = s + n - k;
    for (const char *p = s; p <= end; p++) {
        p = memchr(p, lit[0], (size_t)(end - p) + 1);
        if (!p)
            break;
        if (memcmp(p, lit, k) == 0)
            return (size_t)(p - s);
    }
    return (size_t)-1;
}

/* The first of the n_words words found in s[0..n), or NULL. */
static const GrammarWord *word_find(const GrammarWord *words, size_t n_words, const char *s,
                                    size_t n)
{
    for (size_t i = 0; i < n_words; i++)
        if (lit_find(s, n, words[i].word) != (size_t)-1)
            return &words[i];
    return NULL;
}

/* Decode one code point (1 byte for malformed input). */
static size_t cp_at(const char *s, size_t n, uint32_t *cp)
{
    if (n == 0) {
        *cp = 0;
        return 0;
    }
    if ((unsigned char)s[0] < 0x80) {
        *cp = (unsigned char)s[0];
        return 1;
    }
    return (size_t)utf8_decode(s, n, cp);
}

/* ---- punctuation ---- */

static const char *const blanks[] = {" ", "\t", "\xE3\x80\x80" /* U+3000 */, "\xC2\xA0" /* NBSP */};
static const char *const sentence_ends[] = {"。", "；", ";", "！", "!", "？", "?"};
static const char *const full_stops[] = {"。", "！", "!", "？", "?"};
static const char *const clause_marks[] = {"，", ",", "、", "：", ":"};
static const char *const quotes_open[] = {"“", "「", "『", "\"", "‘"};
static const char *const quotes_close[] = {"”", "」", "』", "\"", "’"};
static const char *const colons[] = {":", "："};

/* The marks of each class, by GrammarMark; stops: a half-width "." may end a sentence too. */
static const struct {
    const char *const *list;
    size_t count;
    bool stops;
} marks[] = {
    [MARK_BLANK] = {blanks, ARRAY_SIZE(blanks), false},
    [MARK_SENTENCE_END] = {sentence_ends, ARRAY_SIZE(sentence_ends), true},
    [MARK_FULL_STOP] = {full_stops, ARRAY_SIZE(full_stops), true},
    [MARK_CLAUSE] = {clause_marks, ARRAY_SIZE(clause_marks), false},
    [MARK_QUOTE_OPEN] = {quotes_open, ARRAY_SIZE(quotes_open), false},
    [MARK_QUOTE_CLOSE] = {quotes_close, ARRAY_SIZE(quotes_close), false},
    [MARK_COLON] = {colons, ARRAY_SIZE(colons), false},
};
_Static_assert(ARRAY_SIZE(marks) == MARK__COUNT, "one list per mark class");

static size_t any_at(const char *s, size_t n, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        size_t k = lit_at(s, n, list[i]);
        if (k)
            return k;
    }
    return 0;
}

/* Punctuation is ASCII or starts with E2 (quotes), E3 (。、「) or EF (full-width forms); the
** Chinese text in between never does, so one byte rules most positions out. */
static bool maybe_mark(const char *s, size_t n)
{
    if (n == 0)
        return false;
    unsigned char c = (unsigned char)s[0];
    return c < 0x80 || c == 0xE2 || c == 0xE3 || c == 0xEF || c == 0xC2;
}

/*
** A half-width "." typed for 。 ends a sentence where it is followed by Chinese text, a blank or
** the end ("严格执行预算."), never inside a number, a date or an address (1.5万, 2025.6.30,
** www.gov.cn).
*/
static size_t ascii_stop(const char *s, size_t n)
{
    if (n == 0 || s[0] != '.')
        return 0;
    return n == 1 || (unsigned char)s[1] >= 0x80 || s[1] == ' ' || s[1] == '\n' ? 1 : 0;
}

size_t grammar_mark(GrammarMark kind, const char *s, size_t n)
{
    if (!maybe_mark(s, n))
        return 0;
    size_t k = any_at(s, n, marks[kind].list, marks[kind].count);
    return k || !marks[kind].stops ? k : ascii_stop(s, n);
}

size_t grammar_digit(const char *s, size_t n, int *d)
{
    if (n >= 1 && s[0] >= '0' && s[0] <= '9') {
        *d = s[0] - '0';
        return 1;
    }
    /* Full-width digits U+FF10..U+FF19: EF BC 90..99. */
    if (n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBC &&
        (unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x99) {
        *d = (unsigned char)s[2] - 0x90;
        return 3;
    }
    return 0;
}

/* Digits (ASCII or full-width), at most max_digits of them; 0 when none. */
static size_t digits_at(const char *s, size_t n, int max_digits, int *value)
{
    size_t i = 0;
    int v = 0, count = 0, d;
    size_t k;
    while ((k = grammar_digit(s + i, n - i, &d)) != 0) {
        if (++count > max_digits)
            return 0;
        v = v * 10 + d;
        i += k;
    }
    *value = v;
    return i;
}

/* ---- level markers ---- */

const GrammarMarkerForm grammar_marker_forms[] = {
    {"", "、", true, 1, "一、区委及主要负责人组织整改落实情况", 1},
    {"", "．", true, 1, "二．集中整改期内巡视整改进展情况", 2},
    {"", ".", true, 1, "三.对持续整改的工作打算", 3},
    {"(", ")", true, 2, "(一)落实巡视和审计等监督发现问题整改方面", 1},
    {"（", "）", true, 2, "（二）“勇立潮头深化改革使命感不强”问题整改方面", 2},
    {"(", "）", true, 2, "(三）推进社会治理体系和治理能力现代化方面", 3},
    {"（", ")", true, 2, "（十一)防范化解重大风险方面", 11},
    {"", ".", false, 3, "1.加强国有企业资金管理。", 1},
    {"", "．", false, 3, "２．强化招投标监管。", 2},
    {"", "、", false, 3, "13、筑牢“两违”整治防线。", 13},
    {"", ".", false, 3, "35.2025年来区委开展3轮巡察工作", 35},
    {"(", ")", false, 4, "(1)学习还不够到位。", 1},
    {"（", "）", false, 4, "（２）传承和弘扬特区发祥地精神不够到位。", 2},
    {"(", "）", false, 4, "(3）发挥多区叠加效应不够有力。", 3},
    {"（", ")", false, 4, "（4)围绕“高颜值”推进中心城区建设还存在短板。", 4},
};
const size_t grammar_n_marker_forms = ARRAY_SIZE(grammar_marker_forms);

const GrammarMarkerRange grammar_marker_ranges[] = {
    {0x2488, 20, 3, "⒈建立健全制度", 1},                                   /* ⒈ … ⒛ */
    {0x2474, 20, 4, "⑵强化督查问责", 2},                                   /* ⑴ … ⒇ */
    {0x2460, 20, 5, "①针对城市建设管理与“高颜值”要求还有差距的问题。", 1}, /* ① … ⑳ */
};
const size_t grammar_n_marker_ranges = ARRAY_SIZE(grammar_marker_ranges);

/* Skip blanks after a marker; return the new offset. */
static size_t skip_blanks(const char *s, size_t n, size_t i)
{
    size_t k;
    while (i < n && (k = grammar_mark(MARK_BLANK, s + i, n - i)) != 0)
        i += k;
    return i;
}

static const char year_word[] = "年", month_word[] = "月";
static const char *const day_words[] = {"日", "号"};

/* True when s starts with digits followed by 年, 月 or 日: a date, not a decimal fraction. */
static bool date_follows(const char *s, size_t n)
{
    int v;
    size_t k = digits_at(s, n, 4, &v);
    return k && (lit_at(s + k, n - k, year_word) || lit_at(s + k, n - k, month_word) ||
                 any_at(s + k, n - k, day_words, 2));
}

/* 甲、乙、丙… (the heavenly stems) number the lowest level of some documents, as ① does. */
const GrammarWord grammar_stem_markers[] = {
    {"甲", 1, "甲、制定工作方案"}, {"乙", 2, "乙、开展专项检查"}, {"丙", 3, "丙、建立长效机制"},
    {"丁", 4, "丁、加强督查"},     {"戊", 5, "戊、组织培训"},     {"己", 6, "己、完善制度"},
    {"庚", 7, "庚、强化问责"},     {"辛", 8, "辛、定期通报"},     {"壬", 9, "壬、跟踪问效"},
    {"癸", 10, "癸、总结评估"},
};
const size_t grammar_n_stem_markers = ARRAY_SIZE(grammar_stem_markers);

/* A stem marker: the stem, then 、 or a full stop (. ．); 0 when s has none. */
static size_t stem_marker(const char *s, size_t n, int *ordinal)
{
    for (size_t i = 0; i < grammar_n_stem_markers; i++) {
        size_t k = lit_at(s, n, grammar_stem_markers[i].word);
        if (!k)
            continue;
        size_t c = lit_at(s + k, n - k, "、");
        if (!c)
            c = lit_at(s + k, n - k, "．");
        if (!c)
            c = lit_at(s + k, n - k, ".");
        if (!c)
            return 0;
        *ordinal = grammar_stem_markers[i].value;
        return k + c;
    }
    return 0;
}

bool grammar_marker(const char *s, size_t n, GrammarMarker *m)
{
    m->rank = 0;
    m->ordinal = 0;
    m->len = 0;
    int stem;
    size_t ks = stem_marker(s, n, &stem);
    if (ks) {
        m->rank = 5;
        m->ordinal = stem;
        m->len = skip_blanks(s, n, ks);
        return true;
    }
    uint32_t cp;
    size_t k = cp_at(s, n, &cp);
    for (size_t r = 0; r < grammar_n_marker_ranges; r++) {
        const GrammarMarkerRange *g = &grammar_marker_ranges[r];
        if (k && cp >= g->first && cp < g->first + (uint32_t)g->count) {
            m->rank = g->rank;
            m->ordinal = (int)(cp - g->first) + 1;
            m->len = skip_blanks(s, n, k);
            return true;
        }
    }
    for (size_t f = 0; f < grammar_n_marker_forms; f++) {
        const GrammarMarkerForm *g = &grammar_marker_forms[f];
        size_t i = lit_at(s, n, g->open);
        if (*g->open && !i)
            continue;
        int v = 0;
        size_t kn =
            g->chinese ? cnum_parse(s + i, n - i, &v) : digits_at(s + i, n - i, 9, &v);
        if (!kn || v < 1)
            continue;
        i += kn;
        size_t kc = lit_at(s + i, n - i, g->close);
        if (!kc)
            continue;
        i += kc;
        int d;
        /* "1.2万" and "2.5亿元" are numbers, not markers; "35.2025年来…" is 35. before a date. */
        if (!*g->open && grammar_digit(s + i, n - i, &d) && !date_follows(s + i, n - i))
            continue;
        /* "一是" never reaches here; "一、" at the end of a line is a bare marker. */
        m->rank = g->rank;
        m->ordinal = v;
        m->len = skip_blanks(s, n, i);
        return true;
    }
    return false;
}

/* ---- sections ---- */

static const char *const section_names[] = {"preamble", "organise", "problems", "clues",
                                            "open",     "plan",     "other"};

const char *grammar_section_name(GrammarSection s)
{
    return (unsigned)s < ARRAY_SIZE(section_names) ? section_names[s] : "other";
}

/* First match wins: the plan before the open matters (持续整改的工作打算), clues and the
** organising work before the problems (组织整改落实情况 contains 整改落实). */
const GrammarWord grammar_sections[] = {
    {"工作打算", SECTION_PLAN, "三、对持续整改的工作打算"},
    {"下一步", SECTION_PLAN, "五、下一步工作安排"},
    {"下步", SECTION_PLAN, "四、下步整改打算"},
    {"今后", SECTION_PLAN, "四、今后工作举措"},
    {"打算", SECTION_PLAN, "五、关于巩固整改成果的打算"},
    {"需要进一步整改", SECTION_OPEN, "四、需要进一步整改的事项"},
    {"进一步整改的", SECTION_OPEN, "三、仍需进一步整改的问题"},
    {"尚未完成", SECTION_OPEN, "正在整改尚未完成事项"},
    {"基本完成事项", SECTION_OPEN, "基本完成事项"},
    {"未完成事项", SECTION_OPEN, "四、未完成事项"},
    {"持续整改事项", SECTION_OPEN, "四、需持续整改事项"},
    {"线索", SECTION_CLUES, "三、巡视移交问题线索办理情况"},
    {"信访件", SECTION_CLUES, "四、信访件办理情况"},
    {"处分", SECTION_CLUES, "三、追责处分情况"},
    {"问责", SECTION_CLUES, "三、追责问责情况"},
    {"组织整改", SECTION_ORGANISE, "一、区委及主要负责人组织整改落实情况"},
    {"组织领导", SECTION_ORGANISE, "一、加强组织领导，压实整改责任"},
    {"加强领导", SECTION_ORGANISE, "一、提高认识、加强领导,确保整改工作有序开展"},
    {"主要做法", SECTION_ORGANISE, "一、整改工作的主要做法"},
    {"整改情况", SECTION_PROBLEMS, "二、具体整改情况"},
    {"进展情况", SECTION_PROBLEMS, "二、集中整改期内巡视整改进展情况"},
    {"整改进展", SECTION_PROBLEMS, "二、巡视整改进展"},
    {"反馈问题", SECTION_PROBLEMS, "二、巡视反馈问题的整改落实"},
    {"反馈意见", SECTION_PROBLEMS, "二、坚持目标导向和结果导向,围绕反馈意见逐条落实逐条整改"},
    {"逐条落实", SECTION_PROBLEMS, "二、逐条落实整改任务"},
    {"整改落实", SECTION_PROBLEMS, "二、整改落实有关情况"},
};
const size_t grammar_n_sections = ARRAY_SIZE(grammar_sections);

GrammarSection grammar_section(const char *s, size_t n)
{
    GrammarMarker m;
    if (grammar_marker(s, n, &m)) {
        s += m.len;
        n -= m.len;
    }
    const GrammarWord *w = word_find(grammar_sections, grammar_n_sections, s, n);
    return w ? (GrammarSection)w->value : SECTION_OTHER;
}

/* ---- problem headings ---- */

static const char problem_word[] = "问题";

const GrammarProblemForm grammar_problem_forms[] = {
    {"关于", "的整改情况", false, "关于“巡视整改一抓到底的韧劲不足”问题的整改情况",
     "“巡视整改一抓到底的韧劲不足”问题"},
    {"关于", "整改情况", false, "关于意识形态工作责任制落实不到位问题整改情况",
     "意识形态工作责任制落实不到位问题"},
    {"关于", "的整改进展情况", false, "关于“干部担当作为不够”问题的整改进展情况",
     "“干部担当作为不够”问题"},
    {"关于", "的整改进展", false, "关于“基层党组织建设薄弱”问题的整改进展",
     "“基层党组织建设薄弱”问题"},
    {"", "整改方面", true, "“巡视整改一抓到底的韧劲不足”问题整改方面",
     "“巡视整改一抓到底的韧劲不足”问题"},
    {"", "的整改情况", true, "“学习贯彻不够深入”问题的整改情况", "“学习贯彻不够深入”问题"},
    {"", "整改情况", true, "“选人用人把关不严”问题整改情况", "“选人用人把关不严”问题"},
    {"关于", "", true, "关于“党建引领作用发挥不充分”问题", "“党建引领作用发挥不充分”问题"},
};
const size_t grammar_n_problem_forms = ARRAY_SIZE(grammar_problem_forms);

/* Strip one trailing sentence or clause mark. */
static size_t trim_end_mark(const char *s, size_t n)
{
    size_t b = utf8_prev(s, n);
    if (n && (grammar_mark(MARK_SENTENCE_END, s + b, n - b) == n - b ||
              grammar_mark(MARK_CLAUSE, s + b, n - b) == n - b))
        return b;
    return n;
}

bool grammar_problem_heading(const char *s, size_t n, size_t *name, size_t *name_len)
{
    n = trim_end_mark(s, n);
    for (size_t i = 0; i < grammar_n_problem_forms; i++) {
        const GrammarProblemForm *f = &grammar_problem_forms[i];
        size_t p = lit_at(s, n, f->prefix);
        if (*f->prefix && !p)
            continue;
        size_t sl = strlen(f->suffix), wl = strlen(problem_word);
        if (n < p + wl + sl + 3 || !lit_end(s, n, f->suffix))
            continue;
        size_t end = n - sl; /* end of 问题 */
        if (memcmp(s + end - wl, problem_word, wl) != 0)
            continue;
        if (f->quoted) {
            size_t q = utf8_prev(s, end - wl);
            if (grammar_mark(MARK_QUOTE_CLOSE, s + q, end - wl - q) != end - wl - q)
                continue;
        }
        *name = p;
        *name_len = end - p;
        return true;
    }
    return false;
}

/* value 1: a sub-problem prefix; 2: an aspect suffix; 3: a problem suffix. */
const GrammarWord grammar_headings[] = {
    {"针对", 1, "针对空气质量综合指数排名靠后问题。"},
    {"方面", 2, "落实巡视和审计等监督发现问题整改方面"},
    {"方面的问题", 2, "落实党中央重大决策部署方面的问题"},
    {"方面存在的问题", 2, "党的建设方面存在的问题"},
    {"问题", 3, "机场片区未来搬迁后的发展问题。"},
};
const size_t grammar_n_headings = ARRAY_SIZE(grammar_headings);

bool grammar_subproblem_heading(const char *s, size_t n)
{
    n = trim_end_mark(s, n);
    for (size_t i = 0; i < grammar_n_headings; i++) {
        const GrammarWord *w = &grammar_headings[i];
        if ((w->value == 1 && lit_at(s, n, w->word)) || (w->value == 3 && lit_end(s, n, w->word)))
            return true;
    }
    return false;
}

bool grammar_aspect_heading(const char *s, size_t n)
{
    n = trim_end_mark(s, n);
    for (size_t i = 0; i < grammar_n_headings; i++)
        if (grammar_headings[i].value == 2 && lit_end(s, n, grammar_headings[i].word))
            return true;
    return false;
}

/* ---- labels inside a problem's text ---- */

const GrammarWord grammar_report_labels[] = {
    {"整改情况", 1, "整改情况:"},       {"整改进展情况", 1, "整改进展情况："},
    {"整改进展", 1, "整改进展：一是…"}, {"整改落实情况", 1, "整改落实情况:"},
    {"整改措施", 1, "整改措施：一是…"}, {"整改举措", 1, "整改举措:"},
    {"主要措施", 1, "主要措施："},      {"具体措施", 1, "具体措施:"},
};
const size_t grammar_n_report_labels = ARRAY_SIZE(grammar_report_labels);

const GrammarWord grammar_deadline_labels[] = {
    {"完成时限", 1, "完成时限:2022年12月底前并长期坚持"},
    {"整改时限", 1, "整改时限：2025年6月30日"},
    {"完成时间", 1, "完成时间：2025年底前"},
    {"整改期限", 1, "整改期限:立行立改"},
    {"时限要求", 1, "时限要求：长期坚持"},
    {"时限", 1, "时限：2025年12月"},
};
const size_t grammar_n_deadline_labels = ARRAY_SIZE(grammar_deadline_labels);

/* A label from list, then a colon (or, with colon_optional, a blank or the end). */
static size_t label_at(const char *s, size_t n, const GrammarWord *list, size_t count,
                       bool colon_optional)
{
    for (size_t i = 0; i < count; i++) {
        size_t k = lit_at(s, n, list[i].word);
        if (!k)
            continue;
        size_t c = grammar_mark(MARK_COLON, s + k, n - k);
        if (c)
            return skip_blanks(s, n, k + c);
        if (colon_optional && (k == n || grammar_mark(MARK_BLANK, s + k, n - k)))
            return skip_blanks(s, n, k);
    }
    return 0;
}

size_t grammar_report_label(const char *s, size_t n)
{
    return label_at(s, n, grammar_report_labels, grammar_n_report_labels, true);
}

size_t grammar_deadline_label(const char *s, size_t n)
{
    return label_at(s, n, grammar_deadline_labels, grammar_n_deadline_labels, false);
}

size_t grammar_find_deadline_label(const char *s, size_t n)
{
    size_t best = (size_t)-1;
    for (size_t i = 0; i < grammar_n_deadline_labels; i++) {
        const char *w = grammar_deadline_labels[i].word;
        size_t from = 0, p;
        while (from < n && (p = lit_find(s + from, n - from, w)) != (size_t)-1) {
            p += from;
            if (p >= best)
                break;
            if (grammar_deadline_label(s + p, n - p)) {
                best = p;
                break;
            }
            from = p + 1;
        }
    }
    return best;
}

static const char enumerator_word[] = "是";

size_t grammar_enumerator(const char *s, size_t n, int *value)
{
    int v;
    size_t k = cnum_parse(s, n, &v);
    if (!k || v < 1)
        return 0;
    size_t e = lit_at(s + k, n - k, enumerator_word);
    if (!e)
        return 0;
    *value = v;
    return k + e;
}

/* ---- dates and deadlines ---- */

static const char *const end_words[] = {"底", "末"};
static const char first_half[] = "上半年", second_half[] = "下半年";
static const char early_month[] = "上旬", mid_month[] = "中旬", late_month[] = "下旬";

const GrammarDateForm grammar_date_forms[] = {
    {"2022年12月31日", true, "2022-12-31"},
    {"2024年10月21日至12月5日", false, "2024-10-21"},
    {"2022年12月底前", true, "2022-12-31"},
    {"2023年2月底", true, "2023-02-28"},
    {"2025年6月", true, "2025-06-30"},
    {"2025年6月", false, "2025-06-01"},
    {"2022年底前", true, "2022-12-31"},
    {"2022年年底前", true, "2022-12-31"},
    {"2025年末", true, "2025-12-31"},
    {"2025年上半年", true, "2025-06-30"},
    {"2025年下半年", true, "2025-12-31"},
    {"2025年3月上旬", true, "2025-03-10"},
    {"2025年3月中旬", true, "2025-03-20"},
    {"2025年3月下旬", true, "2025-03-31"},
    {"6月25日", false, "2021-06-25"},
    {"7月3号", false, "2021-07-03"},
    {"6月底前", true, "2021-06-30"},
    {"2025-12-25 08:50", false, "2025-12-25"},
    {"2022-02-2209:00", false, "2022-02-22"},
    {"2025.06.30", true, "2025-06-30"},
    {"２０２５年１２月２５日", false, "2025-12-25"},
    {"二〇二五年十二月二十五日", false, "2025-12-25"},
};
const size_t grammar_n_date_forms = ARRAY_SIZE(grammar_date_forms);

/* A year in Chinese digits: 二〇二五. */
static size_t cn_year(const char *s, size_t n, int *year)
{
    size_t i = 0;
    int v = 0;
    for (int count = 0; count < 4; count++) {
        int d;
        size_t k = cnum_digit(s + i, n - i, &d);
        if (!k || d > 9)
            return 0;
        v = v * 10 + d;
        i += k;
    }
    *year = v;
    return i;
}

/* A month or day number in digits or Chinese numerals. */
static size_t small_number(const char *s, size_t n, int *v)
{
    size_t k = digits_at(s, n, 2, v);
    return k ? k : cnum_parse(s, n, v);
}

/* ISO or dotted date: 2025-06-30, 2025.6.30 (the day may run into a following time). */
static size_t iso_date(const char *s, size_t n, Day *out)
{
    int y, m, d;
    size_t i = 0, k;
    for (int c = 0; c < 4; c++)
        if (i >= n || s[i] < '0' || s[i] > '9')
            return 0;
        else
            i++;
    y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    char sep = i < n ? s[i] : 0;
    if (sep != '-' && sep != '.' && sep != '/')
        return 0;
    i++;
    if (!(k = digits_at(s + i, n - i, 2, &m)))
        return 0;
    i += k;
    if (i >= n || s[i] != sep)
        return 0;
    i++;
    /* At most two day digits, so that "2022-02-2209:00" reads as the 22nd. */
    if (i >= n || s[i] < '0' || s[i] > '9')
        return 0;
    d = s[i++] - '0';
    if (i < n && s[i] >= '0' && s[i] <= '9')
        d = d * 10 + (s[i++] - '0');
    if (!date_valid(y, m, d))
        return 0;
    *out = date_from_ymd(y, m, d);
    return i;
}

size_t grammar_date(const char *s, size_t n, int year_ctx, bool end, Day *out)
{
    size_t k = iso_date(s, n, out);
    if (k)
        return k;
    int y = 0, m = 0, d = 0;
    size_t i = 0;
    k = digits_at(s, n, 4, &y);
    if (k != 4 && k != 12) /* four ASCII or four full-width digits */
        k = cn_year(s, n, &y);
    size_t yw = k ? lit_at(s + k, n - k, year_word) : 0;
    if (k && yw) {
        i = k + yw;
        size_t e;
        if ((e = lit_at(s + i, n - i, year_word)) && any_at(s + i + e, n - i - e, end_words, 2)) {
            i += e; /* 2022年年底 */
        }
        if ((e = any_at(s + i, n - i, end_words, 2))) {
            *out = end ? date_from_ymd(y, 12, 31) : date_from_ymd(y, 1, 1);
            return y >= 1 && y <= 9999 ? i + e : 0;
        }
        if ((e = lit_at(s + i, n - i, first_half))) {
            *out = end ? date_from_ymd(y, 6, 30) : date_from_ymd(y, 1, 1);
            return y >= 1 && y <= 9999 ? i + e : 0;
        }
        if ((e = lit_at(s + i, n - i, second_half))) {
            *out = end ? date_from_ymd(y, 12, 31) : date_from_ymd(y, 7, 1);
            return y >= 1 && y <= 9999 ? i + e : 0;
        }
    } else {
        if (year_ctx <= 0)
            return 0;
        y = year_ctx;
        i = 0;
    }
    size_t km = small_number(s + i, n - i, &m);
    size_t mw = km ? lit_at(s + i + km, n - i - km, month_word) : 0;
    if (!km || !mw || m < 1 || m > 12 || y < 1 || y > 9999)
        return 0;
    i += km + mw;
    int last = date_days_in_month(y, m);
    size_t e;
    if ((e = any_at(s + i, n - i, end_words, 2)) || (e = lit_at(s + i, n - i, late_month))) {
        *out = date_from_ymd(y, m, last);
        return i + e;
    }
    if ((e = lit_at(s + i, n - i, early_month))) {
        *out = date_from_ymd(y, m, 10);
        return i + e;
    }
    if ((e = lit_at(s + i, n - i, mid_month))) {
        *out = date_from_ymd(y, m, 20);
        return i + e;
    }
    size_t kd = small_number(s + i, n - i, &d);
    size_t dw = kd ? any_at(s + i + kd, n - i - kd, day_words, 2) : 0;
    if (kd && dw) {
        if (!date_valid(y, m, d))
            return 0; /* 2月30日 is no date, not "February" */
        *out = date_from_ymd(y, m, d);
        return i + kd + dw;
    }
    if (!yw)
        return 0; /* "6月" alone is too vague without a year */
    *out = date_from_ymd(y, m, end ? last : 1);
    return i;
}

/* value 1: long-term; 2: immediate. */
const GrammarWord grammar_term_words[] = {
    {"长期坚持", 1, "2022年12月底前并长期坚持"},
    {"长期推进", 1, "长期推进"},
    {"长期执行", 1, "长期执行"},
    {"立行立改", 2, "立行立改"},
    {"立即整改", 2, "立即整改"},
};
const size_t grammar_n_term_words = ARRAY_SIZE(grammar_term_words);

bool grammar_deadline(const char *s, size_t n, int year_ctx, Day *deadline, bool *long_term,
                      bool *immediate)
{
    *deadline = DAY_NONE;
    *long_term = *immediate = false;
    for (size_t i = 0; i < n;) {
        Day d;
        size_t k = grammar_date(s + i, n - i, year_ctx, true, &d);
        if (k) {
            *deadline = d;
            break;
        }
        uint32_t cp;
        i += cp_at(s + i, n - i, &cp);
    }
    for (size_t i = 0; i < grammar_n_term_words; i++) {
        if (lit_find(s, n, grammar_term_words[i].word) == (size_t)-1)
            continue;
        if (grammar_term_words[i].value == 1)
            *long_term = true;
        else
            *immediate = true;
    }
    return *deadline != DAY_NONE || *long_term || *immediate;
}

/* ---- the open matters ---- */

/* Values are ProblemStatus: 0 completed, 1 basically completed, 2 uncompleted. */
const GrammarWord grammar_open_words[] = {
    {"基本完成", 1, "(一)基本完成事项"}, {"尚未完成", 2, "(二)正在整改尚未完成事项"},
    {"未完成", 2, "未完成整改的事项"},   {"正在整改", 2, "正在整改的问题"},
    {"已完成", 0, "已完成整改事项"},     {"完成整改", 0, "完成整改的问题"},
};
const size_t grammar_n_open_words = ARRAY_SIZE(grammar_open_words);

int grammar_open_status(const char *s, size_t n)
{
    const GrammarWord *w = word_find(grammar_open_words, grammar_n_open_words, s, n);
    return w ? w->value : -1;
}

/* ---- headline figures ---- */

/* The figure keys are db/vocab.h's FigureKey: the rows below give them as numbers. */

enum { K_WARNING_PARTY = FIGURE_PARTY_FIRST, K_WARNING_GOV = FIGURE_GOV_FIRST };

#define ITEM GRAMMAR_UNIT_ITEM
#define PERSON GRAMMAR_UNIT_PERSON
#define CASE GRAMMAR_UNIT_CASE
#define MONEY GRAMMAR_UNIT_MONEY

/* Order is priority: for each number the first row that matches wins (基本完成 before 完成,
** 严重警告 before 警告, 党纪政务处分 before 政务处分). */
const GrammarFigure grammar_figures[] = {
    {0, -1, "整改措施", false, ITEM, 2, NULL, "研究制定整改措施112项", 112},
    {0, -1, "整改举措", false, ITEM, 2, NULL, "细化整改举措56条", 56},
    {0, -1, "整改措施", true, ITEM, 3, NULL, "举一反三制定279项整改措施", 279},
    {0, -1, "整改举措", true, ITEM, 3, NULL, "制定88条具体整改举措", 88},
    {1, -1, "方面", true, ITEM, 0, "反馈", "反馈意见指出了4个方面12项共35个问题", 4},
    {2, -1, "问题", true, ITEM, 0, "反馈", "巡视组反馈巡视意见，指出了4个方面12项共35个问题", 35},
    {4, -1, "基本完成整改", false, ITEM, 0, "问题", "完成问题整改30个，基本完成整改4个", 4},
    {4, -1, "基本完成", false, ITEM, 0, "问题", "35个问题中基本完成3个", 3},
    {5, -1, "未完成整改", false, ITEM, 0, "问题", "完成问题整改30个，未完成整改1个", 1},
    {5, -1, "尚未完成", false, ITEM, 0, "问题", "反馈问题尚未完成2个", 2},
    {5, -1, "未完成", false, ITEM, 0, "问题", "反馈问题未完成2个", 2},
    {5, -1, "正在整改", false, ITEM, 0, "问题", "反馈问题正在整改5个", 5},
    {3, -1, "完成问题整改", false, ITEM, 0, "问题", "完成问题整改30个", 30},
    {3, -1, "已完成整改", false, ITEM, 0, "问题", "35个问题已完成整改31个", 31},
    {3, -1, "完成整改", false, ITEM, 0, "问题", "反馈的问题完成整改33个", 33},
    {3, -1, "已完成", false, ITEM, 0, "问题", "35个问题已完成29个", 29},
    {3, -1, "已整改到位", false, ITEM, 0, "问题", "反馈问题已整改到位20个", 20},
    {6, -1, "制度机制", false, ITEM, 0, NULL, "出台或修订制度机制278项", 278},
    {6, -1, "建章立制", false, ITEM, 2, NULL, "建章立制36项", 36},
    {6, -1, "机制", false, ITEM, 0, NULL, "共制定完善工程建设和采购项目实施管理办法等机制51项",
     51},
    {6, -1, "制度", false, ITEM, 0, NULL, "建立完善制度55项", 55},
    {6, -1, "制度机制", true, ITEM, 2, NULL, "建立健全42项制度机制", 42},
    {6, -1, "长效机制", true, ITEM, 2, NULL, "形成12项长效机制", 12},
    {6, -1, "制度", true, ITEM, 2, NULL, "出台55项制度", 55},
    {7, -1, "清退", false, MONEY, 12, NULL, "清退违规发放津补贴12.5万元", 12.5},
    {7, -1, "退还", false, MONEY, 12, NULL, "退还多收费用3000元", 0.3},
    {7, -1, "退缴", false, MONEY, 12, NULL, "退缴违纪款项1.2亿元", 12000},
    {8, -1, "挽回", false, MONEY, 8, NULL, "挽回经济损失352万元", 352},
    {8, -1, "追回", false, MONEY, 8, NULL, "追回资金3475.7万元", 3475.7},
    {-1, OUTCOME_SANCTION, NULL, false, PERSON, 0, NULL, "给予党纪政务处分3人", 3},
    {9, OUTCOME_PARTY_SANCTION, NULL, false, PERSON, 2, NULL, "给予党纪处分12人", 12},
    {10, OUTCOME_GOV_SANCTION, NULL, false, PERSON, 2, NULL, "给予政务处分4人", 4},
    {11, OUTCOME_ORG_HANDLING, NULL, false, PERSON, 2, NULL, "组织处理9人", 9},
    {12, OUTCOME_ADMONITION, NULL, false, PERSON, 2, NULL, "诫勉6人", 6},
    {13, OUTCOME_TALK_REMINDER, NULL, false, PERSON, 2, NULL, "谈话提醒1人", 1},
    {13, OUTCOME_TALK_REMINDER, "提醒谈话", false, PERSON, 2, NULL, "提醒谈话8人", 8},
    {14, OUTCOME_CRITICISM, NULL, false, PERSON, 2, NULL, "批评教育6人", 6},
    {15, OUTCOME_CASE, NULL, false, PERSON | CASE, 4, NULL, "立案6人", 6},
    {-1, OUTCOME_SELF_EXAMINATION, NULL, false, PERSON, 2, NULL, "责令检查2人", 2},
    {-1, OUTCOME_CIRCULATED, NULL, false, PERSON, 2, NULL, "通报批评3人", 3},
    {-1, OUTCOME_INQUIRY, NULL, false, PERSON | CASE, 2, NULL, "函询5人", 5},
    {-1, OUTCOME_JUDICIAL, NULL, false, PERSON, 2, NULL, "移送司法机关1人", 1},
    {-1, OUTCOME_DETENTION, NULL, false, PERSON, 2, NULL, "留置2人", 2},
    {-1, OUTCOME_ACCOUNTABILITY, NULL, false, PERSON, 2, NULL, "问责7人", 7},
    {17, -1, "严重警告", false, PERSON, 0, NULL, "其中严重警告2人", 2},
    {K_WARNING_PARTY, -1, "警告", false, PERSON, 0, NULL, "给予党纪处分5人，其中警告3人", 3},
    {18, -1, "撤销党内职务", false, PERSON, 0, NULL, "撤销党内职务1人", 1},
    {19, -1, "留党察看", false, PERSON, 0, NULL, "留党察看1人", 1},
    {20, -1, "开除党籍", false, PERSON, 0, NULL, "开除党籍2人", 2},
    {23, -1, "记大过", false, PERSON, 0, NULL, "记大过1人", 1},
    {22, -1, "记过", false, PERSON, 0, NULL, "记过2人", 2},
    {24, -1, "降级", false, PERSON, 0, NULL, "降级1人", 1},
    {25, -1, "撤职", false, PERSON, 0, NULL, "撤职1人", 1},
    {26, -1, "开除公职", false, PERSON, 0, NULL, "开除公职1人", 1},
    {26, -1, "开除", false, PERSON, 0, NULL, "开除1人", 1},
};
const size_t grammar_n_figures = ARRAY_SIZE(grammar_figures);

#undef ITEM
#undef PERSON
#undef CASE
#undef MONEY

static const char *const unit_items[] = {"项", "条", "个"};
static const char *const unit_persons[] = {"人次", "人", "名"};
static const char *const unit_cases[] = {"件", "起"};
static const char wan_yuan[] = "万元", yi_yuan[] = "亿元", yuan[] = "元";
/* Words that make a parenthesis repeat a count given outside it: 立案6人(含已处分1人). */
static const char *const inclusive_words[] = {"含", "包括", "其中含"};
static const char party_word[] = "党纪", gov_word[] = "政务";

/* The unit after a number: its bytes, and *scale for money (to 万元). */
static size_t unit_at(const char *s, size_t n, int units, double *scale)
{
    size_t k;
    *scale = 1;
    if ((units & GRAMMAR_UNIT_ITEM) && (k = any_at(s, n, unit_items, ARRAY_SIZE(unit_items))))
        return k;
    if ((units & GRAMMAR_UNIT_PERSON) && (k = any_at(s, n, unit_persons, ARRAY_SIZE(unit_persons))))
        return k;
    if ((units & GRAMMAR_UNIT_CASE) && (k = any_at(s, n, unit_cases, ARRAY_SIZE(unit_cases))))
        return k;
    if (units & GRAMMAR_UNIT_MONEY) {
        if ((k = lit_at(s, n, wan_yuan)))
            return k;
        if ((k = lit_at(s, n, yi_yuan))) {
            *scale = 10000;
            return k;
        }
        if ((k = lit_at(s, n, yuan))) {
            *scale = 0.0001;
            return k;
        }
    }
    return 0;
}

/* A character that may stand between a keyword and its number. */
static bool filler_char(const char *s, size_t n)
{
    int d;
    return n && !grammar_digit(s, n, &d) && !grammar_mark(MARK_SENTENCE_END, s, n) &&
           !grammar_mark(MARK_CLAUSE, s, n) && (unsigned char)s[0] >= 0x80;
}

/* True when keyword kw ends at offset end, allowing up to filler characters in between. */
static bool keyword_before(const char *s, size_t end, const char *kw, int filler)
{
    size_t k = strlen(kw), e = end;
    for (int f = 0; f <= filler; f++) {
        if (e >= k && memcmp(s + e - k, kw, k) == 0)
            return true;
        if (e == 0)
            return false;
        size_t b = utf8_prev(s, e);
        if (!filler_char(s + b, e - b))
            return false;
        e = b;
    }
    return false;
}

/* True when keyword kw starts at offset at, allowing up to filler characters before it. */
static bool keyword_after(const char *s, size_t n, size_t at, const char *kw, int filler)
{
    for (int f = 0; f <= filler; f++) {
        if (lit_at(s + at, n - at, kw))
            return true;
        if (at >= n || !filler_char(s + at, n - at))
            return false;
        uint32_t cp;
        at += cp_at(s + at, n - at, &cp);
    }
    return false;
}

/* The last of two words before offset end: 1 for a, 2 for b, 0 for neither. */
static int last_of(const char *s, size_t end, const char *a, const char *b)
{
    size_t pa = (size_t)-1, pb = (size_t)-1, ka = strlen(a), kb = strlen(b);
    for (size_t i = 0; i + ka <= end || i + kb <= end; i++) {
        if (i + ka <= end && memcmp(s + i, a, ka) == 0)
            pa = i;
        if (i + kb <= end && memcmp(s + i, b, kb) == 0)
            pb = i;
    }
    if (pa == (size_t)-1 && pb == (size_t)-1)
        return 0;
    if (pb == (size_t)-1 || (pa != (size_t)-1 && pa > pb))
        return 1;
    return 2;
}

const char *grammar_figure_keyword(const GrammarFigure *f)
{
    return f->keyword ? f->keyword : vocab_label(VOCAB_OUTCOME_TYPE, f->outcome);
}

/* The number at s (digits with at most one decimal point): its length, value and whether it has a
** point. s starts with a digit. */
static size_t number_at(const char *s, size_t n, double *value, bool *dot)
{
    double v = 0, frac = 0, scale_f = 1;
    size_t i = 0, k;
    int d;
    *dot = false;
    while (i < n) {
        if ((k = grammar_digit(s + i, n - i, &d))) {
            if (*dot) {
                scale_f /= 10;
                frac += d * scale_f;
            } else {
                v = v * 10 + d;
            }
            i += k;
        } else if (!*dot && s[i] == '.' && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9') {
            *dot = true;
            i++;
        } else {
            break;
        }
    }
    *value = v + frac;
    return i;
}

int grammar_scan_figures(const char *s, size_t n, GrammarHit *hits, int max)
{
    int count = 0;
    int paren = 0;      /* parenthesis depth */
    int skip_depth = 0; /* depth of an inclusive parenthesis, 0 when none */
    for (size_t i = 0; i < n && count < max;) {
        int d;
        if (s[i] == '(' || lit_at(s + i, n - i, "（")) {
            size_t o = s[i] == '(' ? 1 : 3;
            paren++;
            if (!skip_depth &&
                any_at(s + i + o, n - i - o, inclusive_words, ARRAY_SIZE(inclusive_words)))
                skip_depth = paren;
            i += o;
            continue;
        }
        if (s[i] == ')' || lit_at(s + i, n - i, "）")) {
            if (skip_depth == paren)
                skip_depth = 0;
            if (paren > 0)
                paren--;
            i += s[i] == ')' ? 1 : 3;
            continue;
        }
        if (!grammar_digit(s + i, n - i, &d)) {
            uint32_t cp;
            i += cp_at(s + i, n - i, &cp);
            continue;
        }
        size_t start = i;
        bool dot;
        double v;
        i += number_at(s + i, n - i, &v, &dot);
        if (skip_depth)
            continue;
        /* A number glued to a previous digit run or a letter is part of something else. */
        if (start > 0 && ((s[start - 1] >= 'A' && s[start - 1] <= 'z') || s[start - 1] == '.'))
            continue;
        for (size_t r = 0; r < grammar_n_figures; r++) {
            const GrammarFigure *f = &grammar_figures[r];
            double scale;
            size_t ku = unit_at(s + i, n - i, f->units, &scale);
            if (!ku)
                continue;
            if (dot && !(f->units & GRAMMAR_UNIT_MONEY))
                continue;
            const char *kw = grammar_figure_keyword(f);
            bool ok = f->number_first ? keyword_after(s, n, i + ku, kw, f->filler)
                                      : keyword_before(s, start, kw, f->filler);
            if (!ok || (f->context && lit_find(s, n, f->context) == (size_t)-1))
                continue;
            int key = f->key;
            if (key == K_WARNING_PARTY && last_of(s, start, party_word, gov_word) == 2)
                key = K_WARNING_GOV;
            hits[count].key = key;
            hits[count].type = f->outcome < 0 ? NULL : vocab_label(VOCAB_OUTCOME_TYPE, f->outcome);
            hits[count].value = v * scale;
            hits[count].at = start;
            count++;
            break;
        }
    }
    return count;
}

const GrammarWord grammar_clue_words[] = {
    {"线索", 1, "移交线索处理方面，对21名相关人员已处理"},
    {"信访件", 1, "移交信访件16件"},
    {"信访举报", 1, "巡视移交信访举报件已办结"},
    {"移交", 1, "巡视组移交的问题已处理"},
    {"移送", 1, "巡视移送的问题已办结"},
    {"处分", 1, "给予党纪处分5人"},
    {"问责", 1, "问责7人"},
};
const size_t grammar_n_clue_words = ARRAY_SIZE(grammar_clue_words);

bool grammar_clue_context(const char *s, size_t n)
{
    return word_find(grammar_clue_words, grammar_n_clue_words, s, n) != NULL;
}

/* ---- metadata ---- */

/* Longer labels first: 电子邮箱 before 邮箱, 联系电话 before 电话. */
const GrammarWord grammar_contact_words[] = {
    {"联系电话", CONTACT_PHONE, "联系电话:0592-5721585"},
    {"举报电话", CONTACT_PHONE, "举报电话：12388"},
    {"监督电话", CONTACT_PHONE, "监督电话：0595-22637375"},
    {"电话", CONTACT_PHONE, "电话 0592-5721585"},
    {"电子邮箱", CONTACT_EMAIL, "电子邮箱qwb@huli.gov.cn"},
    {"电子信箱", CONTACT_EMAIL, "电子信箱：xgb@example.gov.cn"},
    {"邮箱", CONTACT_EMAIL, "邮箱:ljqwdcs@163.com"},
    {"通信地址", CONTACT_ADDRESS, "通信地址:福建省厦门市湖里区枋湖南路161号区委办"},
    {"通讯地址", CONTACT_ADDRESS, "通讯地址：泉州市洛江区万荣街97号"},
    {"邮寄地址", CONTACT_ADDRESS, "邮寄地址：某某路1号"},
    {"联系地址", CONTACT_ADDRESS, "联系地址：某某路1号"},
};
const size_t grammar_n_contact_words = ARRAY_SIZE(grammar_contact_words);

bool grammar_contact_line(const char *s, size_t n)
{
    /* Every contact label ends in one of these words. */
    static const char *const tails[] = {"电话", "邮箱", "信箱", "地址"};
    for (size_t i = 0; i < ARRAY_SIZE(tails); i++)
        if (lit_find(s, n, tails[i]) != (size_t)-1)
            return true;
    return false;
}

size_t grammar_contact_label(const char *s, size_t n, GrammarContact *kind)
{
    for (size_t i = 0; i < grammar_n_contact_words; i++) {
        size_t k = lit_at(s, n, grammar_contact_words[i].word);
        if (!k)
            continue;
        *kind = (GrammarContact)grammar_contact_words[i].value;
        size_t c = grammar_mark(MARK_COLON, s + k, n - k);
        return skip_blanks(s, n, k + c);
    }
    return 0;
}

const GrammarWord grammar_published_words[] = {
    {"发布日期", 1, "发布日期: 2025-12-25 08:50"},
    {"发布时间", 1, "发布时间：2025年12月25日"},
    {"发文日期", 1, "发文日期：2025年12月25日"},
    {"来源", 1, "来源:厦门市湖里区人民政府网站2022-02-2209:00"},
};
const size_t grammar_n_published_words = ARRAY_SIZE(grammar_published_words);

bool grammar_published_line(const char *s, size_t n)
{
    return word_find(grammar_published_words, grammar_n_published_words, s, n) != NULL;
}

/* value 0: a superior body; 1: 巡视; 2: 巡察; 3: the group word 组; 4: 第. */
const GrammarWord grammar_group_words[] = {
    {"自治区党委", 0, "自治区党委第二巡视组"},
    {"中央", 0, "中央第三巡视组"},
    {"省委", 0, "省委第九巡视组"},
    {"市委", 0, "市委第三巡察组"},
    {"州委", 0, "州委第一巡察组"},
    {"区委", 0, "区委第二巡察组"},
    {"县委", 0, "县委第四巡察组"},
    {"巡视", 1, "省委巡视九组"},
    {"巡察", 2, "市委巡察三组"},
    {"组", 3, "省委第一巡视组"},
    {"第", 4, "省委第一巡视组"},
};
const size_t grammar_n_group_words = ARRAY_SIZE(grammar_group_words);

/* The word of grammar_group_words with this value (the first). */
static const char *group_word(int value)
{
    for (size_t i = 0; i < grammar_n_group_words; i++)
        if (grammar_group_words[i].value == value)
            return grammar_group_words[i].word;
    return "";
}

bool grammar_group(const char *s, size_t n, size_t *at, size_t *len, char out[128], int *kind)
{
    const char *w_group = group_word(3), *w_nth = group_word(4);
    for (size_t i = 0; i < n;) {
        for (size_t g = 0; g < grammar_n_group_words; g++) {
            if (grammar_group_words[g].value != 0)
                continue;
            const char *sup = grammar_group_words[g].word;
            size_t p = lit_at(s + i, n - i, sup);
            if (!p)
                continue;
            p += i;
            int num1 = 0, num2 = 0, kd = 0;
            size_t k;
            if ((k = lit_at(s + p, n - p, w_nth))) {
                size_t kn = cnum_parse(s + p + k, n - p - k, &num1);
                if (!kn)
                    continue;
                p += k + kn;
            }
            size_t kk = 0;
            for (size_t j = 0; j < grammar_n_group_words && !kk; j++)
                if (grammar_group_words[j].value == 1 || grammar_group_words[j].value == 2)
                    if ((kk = lit_at(s + p, n - p, grammar_group_words[j].word)))
                        kd = grammar_group_words[j].value;
            if (!kk)
                continue;
            const char *kind_word = s + p;
            p += kk;
            if (!num1) {
                size_t kn = cnum_parse(s + p, n - p, &num2);
                if (!kn)
                    continue;
                p += kn;
            }
            if (!(k = lit_at(s + p, n - p, w_group)))
                continue;
            p += k;
            char num[CNUM_SIZE];
            cnum_str(num1 ? num1 : num2, num);
            snprintf(out, 128, "%s%s%s%.*s%s", sup, w_nth, num, (int)kk, kind_word, w_group);
            *at = i;
            *len = p - i;
            *kind = kd - 1;
            return true;
        }
        uint32_t cp;
        i += cp_at(s + i, n - i, &cp);
    }
    return false;
}

/* value 1: "对"; 2: verbs; 3: what the verb does (巡视 …); 4: 反馈; 5: range words;
** 6: signer prefixes; 7: signer suffixes; 8: 关于 in a title. */
const GrammarWord grammar_misc_words[] = {
    {"对", 1, "省委巡视九组对湖里区委开展巡视"},
    {"开展", 2, "省委巡视二组对洛江区委开展了巡视"},
    {"进行", 2, "市委第三巡察组对区财政局党组进行了巡察"},
    {"巡视", 3, "对湖里区委开展巡视"},
    {"巡察", 3, "对区教育局党组开展常规巡察"},
    {"审计", 3, "对区财政局开展专项审计"},
    {"督察", 3, "对市政府开展生态环境保护督察"},
    {"反馈", 4, "并于2025年2月19日反馈了巡视意见"},
    {"至", 5, "至"},
    {"到", 5, "到"},
    {"—", 5, "—"},
    {"－", 5, "－"},
    {"-", 5, "-"},
    {"中共", 6, "中共厦门市湖里区委"},
    {"委员会", 7, "中国共产党泉州市洛江区委员会"},
    {"党组", 7, "区财政局党组"},
    {"委", 7, "中共泉州市洛江区委"},
    {"关于", 8, "中共厦门市湖里区委关于巡视整改进展情况的通报"},
};
const size_t grammar_n_misc_words = ARRAY_SIZE(grammar_misc_words);

bool grammar_target(const char *s, size_t n, size_t *at, size_t *len)
{
    for (size_t i = 0; i < grammar_n_misc_words; i++) {
        if (grammar_misc_words[i].value != 1)
            continue;
        const char *to = grammar_misc_words[i].word;
        size_t from = 0, p;
        while ((p = lit_find(s + from, n - from, to)) != (size_t)-1) {
            size_t start = from + p + strlen(to);
            from = start;
            /* The name runs up to a verb within 60 bytes and has no punctuation. */
            size_t limit = start + 60 < n ? start + 60 : n;
            for (size_t j = start; j < limit;) {
                if (grammar_mark(MARK_SENTENCE_END, s + j, n - j) ||
                    grammar_mark(MARK_CLAUSE, s + j, n - j))
                    break;
                for (size_t v = 0; v < grammar_n_misc_words; v++) {
                    if (grammar_misc_words[v].value != 2 ||
                        !lit_at(s + j, n - j, grammar_misc_words[v].word) || j == start)
                        continue;
                    size_t after = j + strlen(grammar_misc_words[v].word);
                    size_t window = after + 30 < n ? 30 : n - after;
                    for (size_t w = 0; w < grammar_n_misc_words; w++)
                        if (grammar_misc_words[w].value == 3 &&
                            lit_find(s + after, window, grammar_misc_words[w].word) != (size_t)-1) {
                            *at = start;
                            *len = j - start;
                            return true;
                        }
                }
                uint32_t cp;
                j += cp_at(s + j, n - j, &cp);
            }
        }
    }
    return false;
}

bool grammar_feedback(const char *s, size_t n, size_t *at)
{
    for (size_t i = 0; i < grammar_n_misc_words; i++) {
        if (grammar_misc_words[i].value != 4)
            continue;
        size_t p = lit_find(s, n, grammar_misc_words[i].word);
        if (p != (size_t)-1) {
            *at = p;
            return true;
        }
    }
    return false;
}

size_t grammar_range_word(const char *s, size_t n)
{
    for (size_t i = 0; i < grammar_n_misc_words; i++) {
        if (grammar_misc_words[i].value != 5)
            continue;
        size_t k = lit_at(s, n, grammar_misc_words[i].word);
        if (k)
            return k;
    }
    return 0;
}

bool grammar_signer(const char *s, size_t n)
{
    if (n < 6 || n > 90)
        return false;
    /* Only letters of a name: no punctuation, no digits. */
    for (size_t i = 0; i < n;) {
        int d;
        if (grammar_digit(s + i, n - i, &d) || grammar_mark(MARK_SENTENCE_END, s + i, n - i) ||
            grammar_mark(MARK_CLAUSE, s + i, n - i) || (unsigned char)s[i] < 0x80)
            return false;
        uint32_t cp;
        i += cp_at(s + i, n - i, &cp);
    }
    for (size_t i = 0; i < grammar_n_misc_words; i++) {
        const GrammarWord *w = &grammar_misc_words[i];
        if ((w->value == 6 && lit_at(s, n, w->word)) || (w->value == 7 && lit_end(s, n, w->word)))
            return true;
    }
    return false;
}

size_t grammar_title_signer(const char *s, size_t n)
{
    for (size_t i = 0; i < grammar_n_misc_words; i++) {
        if (grammar_misc_words[i].value != 8)
            continue;
        size_t p = lit_find(s, n, grammar_misc_words[i].word);
        if (p != (size_t)-1 && p > 0 && grammar_signer(s, p))
            return p;
    }
    return 0;
}

/* ---- tables and titles ---- */

/* Order matters: 整改措施 names the measures though a header may also say 问题. */
const GrammarWord grammar_columns[] = {
    {"措施", 3, "整改措施"},     {"举措", 3, "整改举措"}, {"时限", 4, "完成时限"},
    {"完成时间", 4, "完成时间"}, {"期限", 4, "整改期限"}, {"问题", 2, "反馈问题"},
    {"序号", 1, "序号"},
};
const size_t grammar_n_columns = ARRAY_SIZE(grammar_columns);

int grammar_column(const char *s, size_t n)
{
    if (n > 40)
        return 0; /* a header cell is a few words, not a paragraph */
    const GrammarWord *w = word_find(grammar_columns, grammar_n_columns, s, n);
    return w ? w->value : 0;
}

const GrammarWord grammar_title_words[] = {
    {"关于", 1, "中共厦门市湖里区委关于巡视整改进展情况的通报"},
    {"通报", 2, "关于巡视整改进展情况的通报"},
    {"报告", 2, "关于巡视整改情况的报告"},
    {"情况", 2, "关于省委巡视反馈意见整改落实情况"},
    {"方案", 2, "关于落实省委巡视反馈意见的整改方案"},
    {"意见", 2, "关于巡视湖里区委的反馈意见"},
};
const size_t grammar_n_title_words = ARRAY_SIZE(grammar_title_words);

bool grammar_title(const char *s, size_t n)
{
    if (n > 200)
        return false;
    bool has = false, ends = false;
    for (size_t i = 0; i < grammar_n_title_words; i++) {
        const GrammarWord *w = &grammar_title_words[i];
        if (w->value == 1 && lit_find(s, n, w->word) != (size_t)-1)
            has = true;
        if (w->value == 2 && lit_end(s, n, w->word))
            ends = true;
    }
    return has && ends;
}
