/*
** asof.c: the ledger as it stood at the end of a past day. ledger_load gives today's states;
** a report as of an earlier day rewinds each measure along its timeline (event rows): its
** state is where its last event up to that day led (or where its first event started from,
** when all its events came later), its returns are counted up to that day, its closing day is
** that of its last closing event, and its report days stop at that day. Measures without any
** event keep their state: nothing is known of how they reached it.
*/
#include "report.h"

#include "ledger/apply.h"
#include "ledger/workflow.h"

static const ReportHistory *find(const ReportHistory *v, int n, int64_t id)
{
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (v[mid].measure_id == id)
            return &v[mid];
        if (v[mid].measure_id < id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NULL;
}

int report_rewind(Db *db, Arena *arena, Ledger *l, Day as_of, Err *err)
{
    ReportHistory *hv;
    int nh;
    if (report_store_history(db, arena, l->in.id, as_of, workflow_action_name(ACTION_RETURN),
                             model_state_name(STATE_CLOSED), model_state_name(STATE_PHASE_COMPLETE),
                             &hv, &nh, err) < 0)
        return -1;
    for (int k = 0; k < l->n_measures; k++) {
        Measure *m = &l->measures[k];
        int r = m->n_reports;
        while (r > 0 && m->report_days[r - 1] > as_of)
            r--;
        m->n_reports = r;
        const ReportHistory *h = find(hv, nh, m->id);
        if (!h)
            continue;
        int s = model_state_parse(h->state ? h->state : h->first);
        if (s < 0) {
            /* A bad row fails this report, not the process. */
            return err_fail(err, ERR_DB, "measure %lld: unknown state in its timeline",
                            (long long)m->id);
        }
        m->state = (MeasureState)s;
        m->return_count = h->returns;
        bool closed = m->state == STATE_CLOSED || m->state == STATE_PHASE_COMPLETE;
        m->closed_on = closed ? h->closed_on : DAY_NONE;
        /* The default interval: the inspection's own (revisit_months) is not in the history. */
        m->revisit_due = closed && h->closed_on != DAY_NONE
                             ? ledger_add_months(h->closed_on, LEDGER_REVISIT_MONTHS)
                             : DAY_NONE;
        if (closed)
            m->percent = 100;
    }
    return 0;
}
