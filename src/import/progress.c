/*
** progress.c: a progress report imported is a ledger with its progress (import_internal.h).
** A 整改进展情况通报 describes what each measure has done; imported as a plan, it would show a
** ledger where nothing has happened. So each measure's paragraph is also its latest accepted
** progress report, dated on the day the report was published, and the matters the report
** lists as completed close their measures, with the report named as the reason (write.c).
*/
#include "import_internal.h"

/*
** What a measure's paragraph says was done: the text after its heading-like first sentence
** (加强国有企业资金管理。…), or the whole paragraph when it has no such heading.
*/
static const char *after_title(const ImportMeasure *m)
{
    const char *t = m->text;
    size_t tl = m->title ? strlen(m->title) : 0;
    if (!tl || strncmp(t, m->title, tl) != 0)
        return t;
    size_t n = strlen(t), i = tl;
    i += grammar_mark(MARK_SENTENCE_END, t + i, n - i);
    size_t b;
    while (i < n && (b = grammar_mark(MARK_BLANK, t + i, n - i)) != 0)
        i += b;
    return i < n ? t + i : t;
}

static void mark(ImportNode *x, int status, Day on, bool listed_open)
{
    for (; x; x = x->next) {
        int st = x->status != STATUS_NONE ? x->status : status;
        /* A report that lists its open matters says by omission that the rest is done. */
        if (st == STATUS_NONE && listed_open &&
            (x->level == LEVEL_PROBLEM || x->level == LEVEL_SUBPROBLEM))
            st = STATUS_COMPLETED;
        for (ImportMeasure *m = x->measures; m; m = m->next) {
            m->progress = after_title(m);
            m->progress_on = on;
            if (st == STATUS_COMPLETED)
                m->state = m->long_term && m->deadline == DAY_NONE ? STATE_PHASE_COMPLETE
                                                                   : STATE_CLOSED;
            else
                m->state = STATE_IN_PROGRESS;
        }
        mark(x->children, st, on, listed_open);
    }
}

bool import_lists_open(const ImportDoc *doc)
{
    bool listed = false;
    for (const ImportSection *s = doc->sections; s; s = s->next)
        listed |= s->role == SECTION_OPEN;
    return listed;
}

void import_progress(ImportDoc *doc)
{
    if (!import_is_progress(doc))
        return;
    mark(doc->findings, STATUS_NONE, doc->published_on, import_lists_open(doc));
}
