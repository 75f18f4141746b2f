/*
** status.c: problem, item and aspect status (status.h).
*/
#include "status.h"

static bool is_long_term(const Measure *m)
{
    return m->long_term || m->kind == KIND_LONG_TERM;
}

/* The status one measure contributes. */
static ProblemStatus measure_status(const Measure *m)
{
    if (m->state == STATE_CLOSED)
        return is_long_term(m) ? STATUS_BASICALLY_COMPLETED : STATUS_COMPLETED;
    if (m->state == STATE_PHASE_COMPLETE && is_long_term(m))
        return STATUS_BASICALLY_COMPLETED;
    return STATUS_UNCOMPLETED;
}

/* The weaker of two statuses (completed < basically < uncompleted in the enum's order). */
static ProblemStatus weaker(ProblemStatus a, ProblemStatus b)
{
    return a > b ? a : b;
}

ProblemStatus ledger_measures_status(const Measure *const *ms, int n)
{
    if (n == 0)
        return STATUS_UNCOMPLETED;
    ProblemStatus s = STATUS_COMPLETED;
    for (int i = 0; i < n; i++)
        s = weaker(s, measure_status(ms[i]));
    return s;
}

/* Findings are listed by ascending id (finding_store_list), so a binary search finds one. */
static int find_index(const Finding *fs, int nf, int64_t id)
{
    int lo = 0, hi = nf - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (fs[mid].id == id)
            return mid;
        if (fs[mid].id < id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

void ledger_tree_status(const Finding *fs, int nf, const Measure *ms, int nm, Arena *arena,
                        ProblemStatus *out)
{
    int *own = ARENA_ARRAY(arena, int, nf + 1);
    for (int i = 0; i < nf; i++)
        own[i] = -1;
    for (int j = 0; j < nm; j++) {
        int i = find_index(fs, nf, ms[j].finding_id);
        if (i >= 0)
            own[i] = own[i] < 0 ? (int)measure_status(&ms[j])
                                : (int)weaker((ProblemStatus)own[i], measure_status(&ms[j]));
    }
    ledger_tree_status_of(fs, nf, own, arena, out);
}

void ledger_tree_status_of(const Finding *fs, int nf, const int *own, Arena *arena,
                           ProblemStatus *out)
{
    /* has[i]: finding i has measures or children, so its computed status means something. */
    bool *has = ARENA_ARRAY(arena, bool, nf + 1);
    for (int i = 0; i < nf; i++) {
        has[i] = own[i] >= 0;
        out[i] = has[i] ? (ProblemStatus)own[i] : STATUS_COMPLETED;
    }
    /* Children have larger ids than parents: walking backwards, each child is final before its
       parent reads it. */
    for (int i = nf - 1; i >= 0; i--) {
        if (!has[i])
            out[i] = STATUS_UNCOMPLETED;
        if (fs[i].override != STATUS_NONE)
            out[i] = fs[i].override;
        int p = fs[i].parent_id ? find_index(fs, nf, fs[i].parent_id) : -1;
        if (p >= 0) {
            out[p] = weaker(out[p], out[i]);
            has[p] = true;
        }
    }
}
