/*
** tongbao.c: the public progress report (整改进展情况通报) in the structure of the published
** reports of the corpus (SPEC §7.3):
**
**   title        中共X委关于巡视整改进展情况的通报
**   preamble     根据省委部署，…省委第五巡视组对X开展了巡视，并于…反馈了巡视意见。…
**   一、组织整改落实情况    the office's text, then the figures of the ledger
**   二、巡视反馈问题整改进展情况   the finding tree; under each problem 整改情况：and its
**                measures, 一是… with the latest accepted progress
**   三、…问题线索和信访件办理情况   aggregate counts (names only when asked)
**   四、需要进一步整改的事项      基本完成事项 / 正在整改尚未完成事项, with deadlines
**   五、下一步工作打算       the office's text, or a plan drawn from the figures
**   contact lines, signer and date
**
** The wording follows the grammar the importer reads (src/import/grammar.c), so that importing
** a generated report gives back its problems, measures and figures; in particular a sentence
** that states a figure says it the way the published reports do, and other sentences avoid
** the words that announce a figure.
*/
#include "report.h"

#include "base/cnum.h"
#include "report/doc.h"

static const char *signer_of(const Inspection *in)
{
    if (in->signer && *in->signer)
        return in->signer;
    return in->target && *in->target ? in->target : "";
}

/* The body that ordered the inspection: the superior, or the group's name up to 委 (省委). */
static void superior_of(Buf *b, const Inspection *in)
{
    if (in->superior && *in->superior) {
        buf_puts(b, in->superior);
        return;
    }
    const char *g = in->group_name ? in->group_name : "";
    const char *wei = strstr(g, "委");
    if (wei && wei > g)
        buf_append(b, g, (size_t)(wei - g) + strlen("委"));
    else
        buf_puts(b, "上级");
}

/* Paragraphs of an office text block (one per line) as body paragraphs. */
static void add_text(ReportDoc *doc, const char *text)
{
    Buf p = BUF_INIT;
    for (const char *s = text; *s;) {
        const char *e = strchr(s, '\n');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        buf_reset(&p);
        buf_append(&p, s, n);
        /* Indentation (blanks, U+3000) is the renderer's business. */
        size_t k = 0;
        while (k < p.len) {
            if (p.data[k] == ' ' || p.data[k] == '\t')
                k++;
            else if (p.len - k >= 3 && memcmp(p.data + k, "\xE3\x80\x80", 3) == 0)
                k += 3;
            else
                break;
        }
        if (k < p.len) {
            Buf line = BUF_INIT;
            report_oneline(&line, p.data + k);
            doc_add_buf(doc, BLOCK_PARA, &line);
            buf_free(&line);
        }
        s += n + (e != NULL);
    }
    buf_free(&p);
}

/* ---- counting a problem's measures ---- */

typedef struct Tally {
    int total;      /* measures */
    int closed;     /* closed */
    int long_term;  /* phase complete, or long-term and not closed */
    int open;       /* neither */
    int overdue;    /* past the deadline and not closed */
    Day deadline;   /* the latest deadline of the measures not closed, DAY_NONE if none */
    bool open_long; /* an open measure is long-term as well */
} Tally;

static void tally_measures(const ReportData *d, int fi, Tally *t)
{
    for (int k = d->first_measure[fi], n = 0; k >= 0 && n < d->n_measures[fi]; k++, n++) {
        const Measure *m = &d->l.measures[k];
        t->total++;
        if (m->state == STATE_CLOSED) {
            t->closed++;
            continue;
        }
        if (m->state == STATE_PHASE_COMPLETE) {
            t->long_term++;
            continue;
        }
        t->open++;
        if (d->st.why[k] & WHY_OVERDUE)
            t->overdue++;
        if (m->long_term)
            t->open_long = true;
        if (m->deadline != DAY_NONE && (t->deadline == DAY_NONE || m->deadline > t->deadline))
            t->deadline = m->deadline;
    }
    for (int c = d->first_child[fi]; c >= 0; c = d->next_sibling[c])
        tally_measures(d, c, t);
}

/* ---- the sections ---- */

typedef struct Ctx {
    const ReportData *d;
    ReportDoc *doc;
    const char *kw; /* 巡视 … */
    int section;    /* sections written so far */
} Ctx;

static void section(Ctx *c, const char *title)
{
    Buf b = BUF_INIT;
    cnum_put(&b, ++c->section);
    buf_printf(&b, "、%s", title);
    doc_add_buf(c->doc, BLOCK_H1, &b);
    buf_free(&b);
}

static void preamble(Ctx *c)
{
    const Inspection *in = &c->d->l.in;
    Buf b = BUF_INIT;
    buf_puts(&b, "根据");
    superior_of(&b, in);
    buf_puts(&b, "部署，");
    if (in->onsite_start != DAY_NONE) {
        doc_period_cn(&b, in->onsite_start, in->onsite_end);
        buf_puts(&b, "，");
    }
    if (in->group_name && *in->group_name)
        buf_puts(&b, in->group_name);
    else
        buf_printf(&b, "%s组", c->kw);
    buf_printf(&b, "对%s开展了%s，并", in->target && *in->target ? in->target : signer_of(in),
               c->kw);
    if (in->feedback_on != DAY_NONE) {
        buf_puts(&b, "于");
        doc_date_cn(&b, in->feedback_on);
    }
    buf_printf(&b, "反馈了%s意见。按照党务公开规定和%s工作有关要求，现将%s整改进展情况通报如下。",
               c->kw, c->kw, c->kw);
    doc_add_buf(c->doc, BLOCK_PARA, &b);
    buf_free(&b);
}

static int count_level(const ReportData *d, FindingLevel level)
{
    int n = 0;
    for (int i = 0; i < d->l.n_findings; i++)
        n += d->l.findings[i].level == level;
    return n;
}

/* Append "、" between the items of a list. */
static void list_sep(Buf *b, int *n)
{
    if ((*n)++)
        buf_puts(b, "、");
}

static void organise(Ctx *c)
{
    const ReportData *d = c->d;
    const Stats *st = &d->st;
    const ReportCounts *rc = &d->counts;
    section(c, "组织整改落实情况");
    if (d->text[TEXT_ORGANISE])
        add_text(c->doc, d->text[TEXT_ORGANISE]);
    else
        add_text(c->doc, "对照反馈意见，逐项制定整改措施，建立整改台账，明确责任领导、牵头单位和"
                         "整改时限，实行挂图作战、对账销号。");

    /* Figures, sentence by sentence, each in the form the importer reads back. */
    Buf b = BUF_INIT;
    int aspects = count_level(d, LEVEL_ASPECT), items = count_level(d, LEVEL_ITEM);
    buf_printf(&b, "%s%s反馈意见", st->n_problems ? "" : "针对", c->kw);
    if (st->n_problems) {
        buf_puts(&b, "共指出");
        if (aspects)
            buf_printf(&b, "%d个方面", aspects);
        if (items)
            buf_printf(&b, "%d项", items);
        buf_printf(&b, "%s%d个问题，", aspects || items ? "共" : "", st->n_problems);
    } else {
        buf_puts(&b, "，");
    }
    buf_printf(&b, "研究制定整改措施%d项。", st->n_measures);
    int done = st->by_state[STATE_CLOSED] + st->by_state[STATE_PHASE_COMPLETE];
    buf_puts(&b, "截至");
    doc_date_cn(&b, d->as_of);
    if (done) {
        buf_printf(&b, "，已销号%d项", st->by_state[STATE_CLOSED]);
        if (st->by_state[STATE_PHASE_COMPLETE])
            buf_printf(&b, "、长期坚持事项阶段性销号%d项", st->by_state[STATE_PHASE_COMPLETE]);
        buf_printf(&b, "，正在推进%d项。", st->n_measures - done);
    } else {
        buf_puts(&b, "，各项措施均在推进中。");
    }
    if (st->n_problems)
        buf_printf(&b, "%d个问题中，完成问题整改%d个，基本完成整改%d个，未完成整改%d个。",
                   st->n_problems, st->problems[STATUS_COMPLETED],
                   st->problems[STATUS_BASICALLY_COMPLETED], st->problems[STATUS_UNCOMPLETED]);

    static const char *const meeting_words[] = {"常委会会议", "整改工作领导小组会议", "专题会议",
                                                "专题民主生活会", "整改调度会"};
    _Static_assert(ARRAY_SIZE(meeting_words) == MEETING__COUNT, "meeting words");
    int listed = 0;
    for (int k = 0; k < MEETING__COUNT; k++) {
        if (!rc->meetings[k])
            continue;
        buf_puts(&b, listed ? "、" : "先后召开");
        listed++;
        buf_printf(&b, "%s%d次", meeting_words[k], rc->meetings[k]);
    }
    if (listed)
        buf_puts(&b, "，研究部署和推动整改工作。");

    int mechanisms = rc->mechanisms_new + rc->mechanisms_revised;
    bool money = rc->refund_fen || rc->loss_fen;
    if (mechanisms) {
        buf_printf(&b, "建立完善制度机制%d项", mechanisms);
        if (rc->mechanisms_new && rc->mechanisms_revised)
            buf_printf(&b, "（新建%d项、修订%d项）", rc->mechanisms_new, rc->mechanisms_revised);
        buf_puts(&b, money ? "；" : "。");
    }
    if (rc->refund_fen) {
        buf_puts(&b, "清退违规款项");
        doc_wan(&b, rc->refund_fen);
        buf_puts(&b, rc->loss_fen ? "万元，" : "万元。");
    }
    if (rc->loss_fen) {
        buf_puts(&b, "挽回经济损失");
        doc_wan(&b, rc->loss_fen);
        buf_puts(&b, "万元。");
    }
    doc_add_buf(c->doc, BLOCK_PARA, &b);
    buf_free(&b);
    if (d->text[TEXT_LEADER])
        add_text(c->doc, d->text[TEXT_LEADER]);
}

/* A generated label: depth 0 （一）, 1 1., 2 （1）, deeper ①. */
static void default_label(Buf *b, int depth, int ordinal)
{
    if (depth == 0) {
        buf_puts(b, "（");
        cnum_put(b, ordinal);
        buf_puts(b, "）");
    } else if (depth == 1) {
        buf_printf(b, "%d.", ordinal);
    } else if (depth == 2 || ordinal > 20) {
        buf_printf(b, "（%d）", ordinal);
    } else {
        char circled[4] = {(char)0xE2, (char)0x91, (char)(0x9F + ordinal), 0}; /* ① U+2460 */
        buf_puts(b, circled);
    }
}

/* An imported label with its ASCII brackets made full-width, as official documents print
   them: (一) becomes （一）. */
static void full_width_label(Buf *b, const char *label)
{
    for (const char *s = label; *s; s++) {
        if (*s == '(')
            buf_puts(b, "（");
        else if (*s == ')')
            buf_puts(b, "）");
        else
            buf_putc(b, *s);
    }
}

/* Does the finding or one of its descendants hold measures? */
static bool has_measures(const ReportData *d, int fi)
{
    if (d->n_measures[fi])
        return true;
    for (int c = d->first_child[fi]; c >= 0; c = d->next_sibling[c])
        if (has_measures(d, c))
            return true;
    return false;
}

static void finding(Ctx *c, int fi, int depth)
{
    const ReportData *d = c->d;
    const Finding *f = &d->l.findings[fi];
    if (!has_measures(d, fi))
        return;
    static const BlockKind heads[] = {BLOCK_H2, BLOCK_H3, BLOCK_H4};
    Buf b = BUF_INIT;
    if (f->label && *f->label)
        full_width_label(&b, f->label);
    else
        default_label(&b, depth, f->ordinal);
    report_oneline(&b, f->title);
    doc_add_buf(c->doc, depth < (int)ARRAY_SIZE(heads) ? heads[depth] : BLOCK_PARA, &b);

    int n = d->n_measures[fi];
    /* A problem's report opens with 整改情况：, as the published reports put it (before its
       measures, or before its sub-problems); measures that hang under an aspect or item (a
       plan without problems) follow their heading directly. */
    if ((n && f->level == LEVEL_SUBPROBLEM) || f->level == LEVEL_PROBLEM)
        doc_add(c->doc, BLOCK_PARA, "整改情况：");
    for (int i = 0; i < n; i++) {
        int k = d->first_measure[fi] + i;
        const Measure *m = &d->l.measures[k];
        buf_reset(&b);
        if (m->label && *m->label) {
            buf_puts(&b, m->label);
        } else if (n > 1) {
            cnum_put(&b, i + 1);
            buf_puts(&b, "是");
        }
        Buf line = BUF_INIT;
        report_measure_text(&line, m, b.data, d->progress[k]);
        doc_add_buf(c->doc, BLOCK_PARA, &line);
        buf_free(&line);
    }
    buf_free(&b);
    for (int ch = d->first_child[fi]; ch >= 0; ch = d->next_sibling[ch])
        finding(c, ch, depth + 1);
}

static void problems(Ctx *c)
{
    Buf b = BUF_INIT;
    buf_printf(&b, "%s反馈问题整改进展情况", c->kw);
    section(c, b.data);
    buf_free(&b);
    for (int fi = c->d->first_root; fi >= 0; fi = c->d->next_sibling[fi])
        finding(c, fi, 0);
}

/*
** Outcome types (stored as their labels, the words the importer reads) in the vocabulary's
** order; types outside it follow in the store's order.
*/
static int outcome_rank(const char *type)
{
    int k = vocab_parse_label(VOCAB_OUTCOME_TYPE, type);
    return k < 0 ? OUTCOME__COUNT : k;
}

/* 立案2人，给予党纪处分5人，其中警告3人、严重警告2人；诫勉3人 */
static void outcomes_text(Buf *b, const ReportData *d)
{
    int written = 0;
    bool prev_sub = false;
    for (int rank = 0; rank <= OUTCOME__COUNT; rank++) {
        for (int i = 0; i < d->n_outcomes; i++) {
            const ReportOutcome *o = &d->outcomes[i];
            /* The rows come sorted by type: take each type once, at its first row. */
            if (outcome_rank(o->type) != rank ||
                (i && strcmp(d->outcomes[i - 1].type, o->type) == 0))
                continue;
            int64_t total = 0;
            bool subs = false;
            for (int k = i; k < d->n_outcomes && strcmp(d->outcomes[k].type, o->type) == 0; k++) {
                total += d->outcomes[k].persons;
                subs = subs || *d->outcomes[k].subtype;
            }
            if (written++)
                buf_puts(b, prev_sub || subs ? "；" : "，");
            bool give = strstr(o->type, "处分") != NULL;
            buf_printf(b, "%s%s%lld人", give ? "给予" : "", o->type, (long long)total);
            if (subs) {
                buf_puts(b, "，其中");
                int n = 0;
                for (int k = i; k < d->n_outcomes && strcmp(d->outcomes[k].type, o->type) == 0;
                     k++) {
                    if (!*d->outcomes[k].subtype)
                        continue;
                    list_sep(b, &n);
                    buf_printf(b, "%s%lld人", d->outcomes[k].subtype,
                               (long long)d->outcomes[k].persons);
                }
            }
            prev_sub = subs;
            if (rank < OUTCOME__COUNT)
                break;
        }
    }
}

static void clues(Ctx *c)
{
    const ReportData *d = c->d;
    const ReportCounts *rc = &d->counts;
    int all = rc->clues + rc->petitions;
    if (!all && !d->n_outcomes)
        return;
    Buf b = BUF_INIT;
    buf_printf(&b, "%s移交问题线索和信访件办理情况", c->kw);
    section(c, b.data);
    buf_reset(&b);
    const Inspection *in = &d->l.in;
    if (all) {
        buf_printf(&b, "%s移交", in->group_name && *in->group_name ? in->group_name : "");
        int n = 0;
        if (rc->clues) {
            list_sep(&b, &n);
            buf_printf(&b, "问题线索%d件", rc->clues);
        }
        if (rc->petitions) {
            list_sep(&b, &n);
            buf_printf(&b, "信访件%d件", rc->petitions);
        }
        buf_puts(&b, "，均已登记在册。截至");
        doc_date_cn(&b, d->as_of);
        buf_printf(&b, "，已办结%d件，正在办理%d件。", rc->concluded, all - rc->concluded);
        static const char *const disposal_words[] = {"以谈话函询方式处置", "以初步核实方式处置",
                                                     "暂存待查", "予以了结"};
        _Static_assert(ARRAY_SIZE(disposal_words) == DISPOSAL__COUNT, "disposal words");
        n = 0;
        for (int k = 0; k < DISPOSAL__COUNT; k++) {
            if (!rc->disposal[k])
                continue;
            buf_puts(&b, n++ ? "，" : "其中，");
            buf_printf(&b, "%s%d件", disposal_words[k], rc->disposal[k]);
        }
        if (n)
            buf_puts(&b, "。");
    }
    if (d->n_outcomes) {
        /* The sentence names the clues, so that its counts read as their outcomes even when
           no sanction (处分) is among them. */
        buf_puts(&b, "移交的问题线索和信访件经调查处理，");
        outcomes_text(&b, d);
        buf_puts(&b, "。");
    }
    /* Say where the figures come from: the register, or the document until it has entries. */
    if (d->clues_from_document)
        buf_puts(&b, "（以上数据为反馈时文件所载，线索台账录入后以台账为准。）");
    else
        buf_puts(&b, "（以上数据来自线索台账。）");
    doc_add_buf(c->doc, BLOCK_PARA, &b);
    if (d->names && d->n_subjects) {
        buf_reset(&b);
        buf_puts(&b, "具体处理情况：");
        for (int i = 0; i < d->n_subjects; i++) {
            const ReportSubject *s = &d->subjects[i];
            buf_printf(&b, "%s%s", i ? "；" : "", s->name);
            if (*s->post)
                buf_printf(&b, "（%s）", s->post);
            buf_printf(&b, "，%s", s->outcomes);
        }
        buf_puts(&b, "。");
        doc_add_buf(c->doc, BLOCK_PARA, &b);
    }
    buf_free(&b);
}

/* The findings that open matters list: problems. */
static bool is_matter(const ReportData *d, int fi)
{
    return d->l.findings[fi].level == LEVEL_PROBLEM;
}

/* 关于“X”问题 — or the title itself when it already names a problem in quotes. Quotes
   inside a quoted name become single quotes (“社区集体‘三资’管理不规范”). */
static void matter_name(Buf *b, const char *title)
{
    size_t n = strlen(title), k = strlen("问题");
    bool named = n > k && memcmp(title + n - k, "问题", k) == 0 && strstr(title, "”");
    if (named) {
        report_oneline(b, title);
        return;
    }
    buf_puts(b, "关于“");
    Buf t = BUF_INIT;
    report_oneline(&t, title);
    for (const char *s = t.data; *s;) {
        if (strncmp(s, "“", strlen("“")) == 0) {
            buf_puts(b, "‘");
            s += strlen("“");
        } else if (strncmp(s, "”", strlen("”")) == 0) {
            buf_puts(b, "’");
            s += strlen("”");
        } else {
            buf_putc(b, *s++);
        }
    }
    buf_free(&t);
    buf_puts(b, "”问题");
}

static void open_item(Ctx *c, int fi, int no, ProblemStatus status)
{
    const ReportData *d = c->d;
    Tally t = {0, 0, 0, 0, 0, DAY_NONE, false};
    tally_measures(d, fi, &t);
    Buf b = BUF_INIT;
    buf_printf(&b, "%d.", no);
    matter_name(&b, d->l.findings[fi].title);
    /* No word here announces a figure (整改措施N项, 已完成N个 …): these counts are one
       problem's, not the report's. */
    buf_printf(&b, "。相关措施%d项中", t.total);
    if (t.closed)
        buf_printf(&b, "，已销号%d项", t.closed);
    if (t.long_term)
        buf_printf(&b, "，长期坚持事项阶段性销号%d项", t.long_term);
    if (t.open)
        buf_printf(&b, "，正在推进%d项", t.open);
    if (t.overdue)
        buf_printf(&b, "，其中%d项已超过整改时限", t.overdue);
    buf_puts(&b, "。");
    if (status == STATUS_BASICALLY_COMPLETED && !t.open) {
        buf_puts(&b, "已取得阶段性成效，需长期坚持、持续巩固。");
    } else if (t.deadline != DAY_NONE && t.deadline >= d->as_of) {
        buf_puts(&b, "计划于");
        doc_date_cn(&b, t.deadline);
        buf_puts(&b, t.open_long ? "前完成整改并长期坚持。" : "前完成整改。");
    } else if (t.deadline != DAY_NONE) {
        buf_puts(&b, "原定于");
        doc_date_cn(&b, t.deadline);
        buf_puts(&b, "前完成整改，目前已逾期，正在督促责任单位加快推进。");
    } else if (t.open_long) {
        buf_puts(&b, "需长期坚持、持续推进。");
    }
    doc_add_buf(c->doc, BLOCK_PARA, &b);
    buf_free(&b);
}

static void open_matters(Ctx *c)
{
    const ReportData *d = c->d;
    static const ProblemStatus statuses[] = {STATUS_BASICALLY_COMPLETED, STATUS_UNCOMPLETED};
    static const char *const heads[] = {"（一）基本完成事项", "（二）正在整改尚未完成事项"};
    int counts[2] = {0, 0};
    for (int fi = 0; fi < d->l.n_findings; fi++)
        for (int s = 0; s < 2; s++)
            counts[s] += is_matter(d, fi) && d->st.status[fi] == statuses[s];
    /* A plan without problems has no problem statuses to report: like the published reports
       of such plans, it has no section of open matters (the plan ahead names what is open). */
    if (!d->st.n_problems)
        return;
    section(c, "需要进一步整改的事项");
    if (!counts[0] && !counts[1]) {
        doc_add(c->doc, BLOCK_PARA, "反馈问题均已完成整改，将持续巩固整改成果。");
        return;
    }
    for (int s = 0; s < 2; s++) {
        if (!counts[s])
            continue;
        doc_add(c->doc, BLOCK_H2, heads[s]);
        int no = 0;
        /* In the order of the report's second section: a walk of the tree. */
        int stack[64], depth = 0;
        for (int fi = d->first_root; fi >= 0 || depth;) {
            if (fi < 0) {
                fi = d->next_sibling[stack[--depth]];
                continue;
            }
            if (is_matter(d, fi) && d->st.status[fi] == statuses[s])
                open_item(c, fi, ++no, statuses[s]);
            if (d->first_child[fi] >= 0 && depth < (int)ARRAY_SIZE(stack)) {
                stack[depth++] = fi;
                fi = d->first_child[fi];
            } else {
                fi = d->next_sibling[fi];
            }
        }
    }
}

static void plan(Ctx *c)
{
    const ReportData *d = c->d;
    section(c, "下一步工作打算");
    if (d->text[TEXT_PLAN]) {
        add_text(c->doc, d->text[TEXT_PLAN]);
        return;
    }
    Buf b = BUF_INIT;
    int open = d->st.problems[STATUS_UNCOMPLETED];
    int open_measures =
        d->st.n_measures - d->st.by_state[STATE_CLOSED] - d->st.by_state[STATE_PHASE_COMPLETE];
    int n = 0;
    if (open || (!d->st.n_problems && open_measures)) {
        cnum_put(&b, ++n);
        if (open)
            buf_printf(&b, "是紧盯未完成事项。对正在整改的%d个问题，", open);
        else
            buf_printf(&b, "是紧盯未完成事项。对正在推进的%d项措施，", open_measures);
        buf_puts(&b, "坚持挂图作战、对账销号，紧盯整改时限，逐项督促推进，确保按期完成。");
        doc_add_buf(c->doc, BLOCK_PARA, &b);
        buf_reset(&b);
    }
    cnum_put(&b, ++n);
    buf_puts(&b, "是巩固深化整改成果。对已销号事项适时开展“回头看”，防止问题反弹回潮；"
                 "对需要长期坚持的事项，常态化调度推进。");
    doc_add_buf(c->doc, BLOCK_PARA, &b);
    buf_reset(&b);
    cnum_put(&b, ++n);
    buf_puts(&b, "是健全长效机制。把整改中形成的好经验好做法固化为制度机制，"
                 "评估已出台制度的执行效果，推动整改成果转化为治理效能。");
    doc_add_buf(c->doc, BLOCK_PARA, &b);
    buf_free(&b);
}

static void closing(Ctx *c)
{
    const Inspection *in = &c->d->l.in;
    Buf b = BUF_INIT;
    buf_printf(&b, "欢迎广大干部群众对%s整改进展情况进行监督。如有意见建议，请及时向我们反映。",
               c->kw);
    struct {
        const char *label, *value;
    } lines[] = {{"联系电话", in->contact_phone},
                 {"通信地址", in->contact_address},
                 {"电子邮箱", in->contact_email}};
    int n = 0;
    for (size_t i = 0; i < ARRAY_SIZE(lines); i++) {
        if (!lines[i].value || !*lines[i].value)
            continue;
        buf_printf(&b, "%s%s：%s", n++ ? "；" : "", lines[i].label, lines[i].value);
    }
    if (n)
        buf_puts(&b, "。");
    doc_add_buf(c->doc, BLOCK_PARA, &b);
    buf_reset(&b);
    if (c->d->attach_ledger) {
        buf_printf(&b, "附件：1. %s整改台账", c->kw);
        doc_add_buf(c->doc, BLOCK_PARA, &b);
        buf_reset(&b);
    }
    if (*signer_of(in))
        doc_add(c->doc, BLOCK_SIGN, signer_of(in));
    doc_date_cn(&b, c->d->as_of);
    doc_add_buf(c->doc, BLOCK_SIGN, &b);
    buf_free(&b);
}

void report_tongbao(const ReportData *d, ReportDoc *doc)
{
    Ctx c = {d, doc, report_kind_word(d->l.in.kind), 0};
    Buf title = BUF_INIT;
    buf_printf(&title, "%s关于%s整改进展情况的通报", signer_of(&d->l.in), c.kw);
    doc->title = arena_strndup(doc->arena, title.data, title.len);
    doc->author = arena_strdup(doc->arena, signer_of(&d->l.in));
    doc_add_buf(doc, BLOCK_TITLE, &title);
    buf_free(&title);
    preamble(&c);
    organise(&c);
    problems(&c);
    clues(&c);
    open_matters(&c);
    plan(&c);
    closing(&c);
}
