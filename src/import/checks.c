/*
** checks.c: what an import must not swallow silently (import_internal.h). After a document is
** parsed, two checks turn doubts into warnings a clerk reads in the preview and on the CLI:
**   - a measure whose text grows past what one measure's text plausibly is, or that holds
**     lines shaped like the labels of other measures (1000．, 12）), is named with those lines:
**     the parser may have absorbed measures whose labels it could not read;
**   - every total the document states of itself (反馈问题35个, 制定整改措施150条, 完成整改30个)
**     is compared with what the import found, and a difference is said in Chinese with the
**     likely reason (a progress report tells its measures by problem; the plan lists them all).
*/
#include "import_internal.h"

#include "base/utf8.h"

/* A measure's text past this many characters, or lines, is not one measure's. */
#define CHECK_MAX_CHARS 3000
#define CHECK_MAX_LINES 40

/* The line numbered no, or NULL. */
static const ImportLine *line_at(const ImportDoc *doc, int no)
{
    if (no < 1 || no > doc->n_lines)
        return NULL;
    const ImportLine *L = &doc->lines[no - 1];
    return L->no == no ? L : NULL;
}

/*
** A line that starts like a label: digits (of any length, ASCII or full-width) and then a
** label's closing mark, or any marker the grammar knows of the measure's own rank.
*/
static bool label_shaped(const ImportLine *L, int rank)
{
    size_t i = 0, k;
    int d, digits = 0;
    while ((k = grammar_digit(L->s + i, L->n - i, &d)) != 0) {
        i += k;
        digits++;
    }
    if (digits) {
        static const char *const closers[] = {".", "．", "、", ")", "）", "，"};
        for (size_t c = 0; c < ARRAY_SIZE(closers); c++) {
            size_t n = strlen(closers[c]);
            /* "1.2万" is a number, not a label */
            if (L->n - i >= n && memcmp(L->s + i, closers[c], n) == 0 &&
                !(L->n - i > n && grammar_digit(L->s + i + n, L->n - i - n, &d)))
                return true;
        }
    }
    GrammarMarker m;
    return rank && grammar_marker(L->s, L->n, &m) && m.rank == rank;
}

static void check_measure(ImportDoc *doc, const ImportMeasure *m)
{
    int rank = 0;
    GrammarMarker gm;
    if (m->label && grammar_marker(m->label, strlen(m->label), &gm))
        rank = gm.rank;
    Buf shaped = BUF_INIT;
    int n_shaped = 0;
    for (int no = m->line_first + 1; no <= m->line_last; no++) {
        const ImportLine *L = line_at(doc, no);
        if (!L || !L->n || !label_shaped(L, rank))
            continue;
        if (n_shaped < 5)
            buf_printf(&shaped, "%s%d", n_shaped ? ", " : "", no);
        n_shaped++;
    }
    if (n_shaped)
        import_warn(doc, m->line_first,
                    "measure %s at lines %d-%d holds %d line%s shaped like labels (line %s%s): "
                    "check that it did not absorb other measures",
                    m->label ? m->label : "-", m->line_first, m->line_last, n_shaped,
                    n_shaped == 1 ? "" : "s", shaped.data, n_shaped > 5 ? " …" : "");
    buf_free(&shaped);
    size_t chars = utf8_length(m->text, strlen(m->text));
    int lines = m->line_last - m->line_first + 1;
    if (!n_shaped && (chars > CHECK_MAX_CHARS || lines > CHECK_MAX_LINES))
        import_warn(doc, m->line_first,
                    "measure %s at lines %d-%d is %zu characters on %d lines, more than one "
                    "measure's text: check that it did not absorb others",
                    m->label ? m->label : "-", m->line_first, m->line_last, chars, lines);
}

/* Statuses counted two ways, as documents count problems: by problem, or by leaf. */
typedef struct StatusCounts {
    int by_problem[3]; /* nodes of level problem */
    int by_leaf[3];    /* problems without sub-problems, and sub-problems */
} StatusCounts;

static bool is_problem(const ImportNode *x)
{
    return x->level == LEVEL_PROBLEM || x->level == LEVEL_SUBPROBLEM;
}

static void check_nodes(ImportDoc *doc, const ImportNode *x, int inherited, bool listed_open,
                        StatusCounts *sc)
{
    for (; x; x = x->next) {
        for (const ImportMeasure *m = x->measures; m; m = m->next)
            check_measure(doc, m);
        int st = x->status != STATUS_NONE ? x->status : inherited;
        if (is_problem(x)) {
            bool leaf = true;
            for (const ImportNode *c = x->children; c && leaf; c = c->next)
                leaf = !is_problem(c);
            /* unlisted in a report that lists its open matters: completed */
            int counted = st == STATUS_NONE && listed_open ? STATUS_COMPLETED : st;
            if (counted >= 0 && counted < 3) {
                if (x->level == LEVEL_PROBLEM)
                    sc->by_problem[counted]++;
                if (leaf)
                    sc->by_leaf[counted]++;
            }
        }
        check_nodes(doc, x->children, st, listed_open, sc);
    }
}

/*
** Warn when the stated figure key differs from found. The message reads
** "文件称<what><stated><unit>，本次导入识别出<found><unit>。<why>".
*/
static void compare(ImportDoc *doc, FigureKey k, int found, const char *what, const char *unit,
                    const char *why)
{
    if (!doc->has_figure[k])
        return;
    double stated = doc->figures[k];
    if ((double)found == stated)
        return;
    import_warn(doc, doc->figure_line[k], "文件称%s%g%s，本次导入识别出%d%s。%s", what, stated, unit,
                found, unit, why ? why : "");
}

bool import_is_progress(const ImportDoc *doc)
{
    if (doc->title && strstr(doc->title, "方案"))
        return false;
    if (doc->title && strstr(doc->title, "进展"))
        return true;
    for (const ImportSection *s = doc->sections; s; s = s->next)
        if (s->role == SECTION_ORGANISE || s->role == SECTION_OPEN ||
            (s->role == SECTION_PROBLEMS && strstr(s->heading, "进展")))
            return true;
    return false;
}

void import_check(ImportDoc *doc)
{
    ImportCounts c;
    import_count(doc, &c);
    StatusCounts sc;
    memset(&sc, 0, sizeof sc);
    check_nodes(doc, doc->findings, STATUS_NONE, import_lists_open(doc), &sc);
    int problems = c.by_level[LEVEL_PROBLEM] + c.by_level[LEVEL_SUBPROBLEM];
    bool report = import_is_progress(doc);
    int k = FIGURE_MEASURES_PLANNED;
    compare(doc, FIGURE_MEASURES_PLANNED, c.measures, "制定整改措施", "条",
            report && c.measures < doc->figures[k]
                ? "进展情况通报按问题叙述整改情况，整改方案才逐条列出全部措施：未列出的措施请从"
                  "整改方案或台账导入。"
                : "请核对是否有措施未被识别或被合并。");
    /* Sub-problems count as problems in some documents and not in others. */
    int kt = FIGURE_PROBLEMS_TOTAL;
    if (doc->has_figure[kt] && doc->figures[kt] == (double)c.by_level[LEVEL_PROBLEM])
        problems = c.by_level[LEVEL_PROBLEM];
    const int *status_count = problems == c.by_level[LEVEL_PROBLEM] && c.by_level[LEVEL_SUBPROBLEM]
                                  ? sc.by_problem
                                  : sc.by_leaf;
    compare(doc, FIGURE_PROBLEMS_TOTAL, problems, "反馈问题", "个",
            "请核对各问题的编号和标题是否都被识别。");
    compare(doc, FIGURE_PROBLEM_CATEGORIES, c.by_level[LEVEL_ASPECT], "问题分为", "个方面",
            "请核对各方面的标题是否都被识别。");
    int kc = FIGURE_PROBLEMS_COMPLETED, kb = FIGURE_PROBLEMS_BASICALLY_COMPLETED,
        ku = FIGURE_PROBLEMS_UNCOMPLETED;
    bool stated = doc->has_figure[kc] || doc->has_figure[kb] || doc->has_figure[ku];
    bool listed = import_lists_open(doc);
    for (int i = 0; i < 3 && !listed; i++)
        listed = sc.by_leaf[i] > 0;
    if (stated && !listed) {
        /* Counts without the list of matters: nothing to compare them with. */
        import_warn(doc, doc->figure_line[doc->has_figure[kc] ? kc : doc->has_figure[kb] ? kb : ku],
                    "文件称已完成整改的问题%g个、基本完成%g个、尚未完成%g个，但没有列出对应的事项："
                    "导入后各问题的完成情况按台账中措施的状态计算。",
                    doc->has_figure[kc] ? doc->figures[kc] : 0,
                    doc->has_figure[kb] ? doc->figures[kb] : 0,
                    doc->has_figure[ku] ? doc->figures[ku] : 0);
        return;
    }
    compare(doc, FIGURE_PROBLEMS_COMPLETED, status_count[STATUS_COMPLETED], "已完成整改的问题", "个",
            "文件的“需要进一步整改的事项”之外的问题按已完成计。");
    compare(doc, FIGURE_PROBLEMS_BASICALLY_COMPLETED, status_count[STATUS_BASICALLY_COMPLETED],
            "基本完成的问题", "个", "“基本完成事项”清单点名的问题与此数不符。");
    compare(doc, FIGURE_PROBLEMS_UNCOMPLETED, status_count[STATUS_UNCOMPLETED], "尚未完成的问题", "个",
            "“正在整改尚未完成事项”清单点名的问题与此数不符。");
}
