/*
** ledger.c: one demo inspection: metadata, the finding tree (4 aspects × 3 items × 3 problems),
** exactly 300 measures with owners and deadlines spread around today, and a history that
** leads to each measure's state: progress reports cycle by cycle (some missed), evidence,
** reviews and timeline events; plus meetings, mechanisms, recoveries and clues.
*/
#include "demo/internal.h"

#include "base/buf.h"
#include "base/cnum.h"
#include "base/hash.h"
#include "base/utf8.h"
#include "db/activity_store.h"
#include "db/finding_store.h"
#include "db/inspection_store.h"
#include "db/measure_store.h"
#include "db/record_store.h"
#include "ledger/light.h"
#include "ledger/workflow.h"

#define N_MEASURES 300
/* The city scale: the measures of its one inspection, each with a text this long. */
#define CITY_MEASURES 10000
#define CITY_TEXT_CHARS 200

/* 1 → 一, 12 → 十二, 20 → 二十, in g's arena. */
static const char *cn_number(Gen *g, int n)
{
    char out[CNUM_SIZE];
    return arena_strdup(g->arena, cnum_str(n, out));
}

/* Timestamps of history: the day at an office hour, UTC. */
static const char *at_day(Gen *g, Day d)
{
    char iso[DATE_ISO_SIZE];
    return arena_printf(g->arena, "%sT0%d:%02d:00Z", date_format(d, iso), 1 + gen_rand(g, 8),
                        gen_rand(g, 60));
}

/* users[i] for the i with ids[i] == id, 0 when there is none. */
static int64_t user_of(const int64_t *ids, const int64_t *users, int n, int64_t id)
{
    for (int i = 0; i < n; i++)
        if (ids[i] == id)
            return users[i];
    return 0;
}

/* The user who reports for unit_id in d (its first account), 0 when it has none. */
static int64_t unit_user(const District *d, int64_t unit_id)
{
    return user_of(d->units, d->unit_users, d->n_units, unit_id);
}

/* The user who reviews for unit_id in d (its head, the second account), 0 when none. */
static int64_t unit_head(const District *d, int64_t unit_id)
{
    return user_of(d->units, d->unit_heads, d->n_units, unit_id);
}

/* The user of m's first leader in d, 0 when none. */
static int64_t leader_user(const District *d, const Measure *m)
{
    return m->n_leaders ? user_of(d->leaders, d->leader_users, d->n_leaders, m->leader_ids[0]) : 0;
}

/* One timeline event of m: action by user actor on day d. */
static int event(Gen *g, const Measure *m, int64_t actor, Day d, Action action, MeasureState from,
                 MeasureState to, const char *comment, Err *err)
{
    Event e = {0};
    e.measure_id = m->id;
    e.inspection_id = m->inspection_id;
    e.actor_id = actor;
    e.at = at_day(g, d);
    e.action = workflow_action_name(action);
    e.from_state = model_state_name(from);
    e.to_state = model_state_name(to);
    e.comment = comment;
    return bulk_event(g->bulk, &e, err);
}

/*
** The state a measure has reached, drawn so that every state appears: measures of a problem
** the district has finished are closed; otherwise a measure past its deadline is most likely
** closed, and one still ahead of it most likely in progress.
*/
static MeasureState draw_state(Gen *g, const Measure *m, bool signoff, bool problem_done)
{
    MeasureState done = m->long_term ? STATE_PHASE_COMPLETE : STATE_CLOSED;
    if (problem_done)
        return done;
    bool past = m->deadline < g->opt->today - 14;
    int r = gen_rand(g, 100);
    if (r < (past ? 70 : 15))
        return done;
    /* The other states by a draw below 100: not started only ahead of the deadline, signed
    ** off only where the inspection asks for sign-off. */
    static const struct {
        int below;
        MeasureState state;
    } others[] = {
        {45, STATE_IN_PROGRESS},   {53, STATE_NOT_STARTED}, {65, STATE_SUBMITTED},
        {74, STATE_LEAD_APPROVED}, {80, STATE_SIGNED_OFF},  {94, STATE_RETURNED},
        {100, STATE_RELAPSED},
    };
    r = gen_rand(g, 100);
    size_t i = 0;
    while (r >= others[i].below)
        i++;
    if (others[i].state == STATE_NOT_STARTED && past)
        return STATE_IN_PROGRESS;
    if (others[i].state == STATE_SIGNED_OFF && !signoff)
        return STATE_LEAD_APPROVED;
    return others[i].state;
}

static bool state_at_least_submitted(MeasureState s)
{
    return s == STATE_SUBMITTED || s == STATE_LEAD_APPROVED || s == STATE_SIGNED_OFF ||
           s == STATE_CLOSED || s == STATE_PHASE_COMPLETE || s == STATE_RELAPSED;
}

/* A report of m's lead unit by author: its own word, accepted when submitted (ledger/loop.h). */
static int add_report(Gen *g, const Measure *m, int64_t author, Day day, const char *period,
                      int percent, const char *body, Err *err)
{
    Progress p = {0};
    p.measure_id = m->id;
    p.unit_id = m->lead_unit_id;
    p.author_id = author;
    p.period = period;
    p.body = body;
    p.percent = percent;
    p.state = PROGRESS_ACCEPTED;
    p.reported_on = day;
    if (bulk_progress(g->bulk, &p, err) < 0)
        return -1;
    g->sum->progress++;
    return 0;
}

/* Progress reports cycle by cycle from the feedback date to `until`; returns the last day. */
static int gen_reports(Gen *g, const Inspection *in, const Measure *m, int64_t author, Day until,
                       Day *first, Err *err)
{
    LightRules rules = ledger_rules(in);
    Day today = g->opt->today;
    *first = DAY_NONE;
    int pct = 0;
    for (Cycle c = ledger_cycle(rules.cycle, rules.due_day, in->feedback_on); c.start <= until;
         c = ledger_cycle(rules.cycle, rules.due_day, c.end + 1)) {
        bool current = c.end >= today;
        if (gen_rand(g, 100) < (current ? 30 : 14))
            continue; /* a missed report: yellow now, or a blot on the on-time rate */
        Day lo = c.start > in->feedback_on ? c.start : in->feedback_on;
        Day hi = c.due + (gen_rand(g, 100) < 15 ? 3 : 0); /* sometimes late */
        if (hi > until)
            hi = until;
        if (hi < lo)
            continue;
        Day d = lo + gen_rand(g, hi - lo + 1);
        pct += 5 + gen_rand(g, 20);
        if (pct > 95)
            pct = 95;
        char iso[DATE_ISO_SIZE];
        const char *body = gen_pick(g, &demo_progress);
        (void)gen_rand(g, 3); /* once the report's state; kept so that the sequence stays */
        if (add_report(g, m, author, d, date_format(c.start, iso), pct, body, err) < 0)
            return -1;
        if (*first == DAY_NONE)
            *first = d;
    }
    return pct;
}

/* Who acts in one measure's history. */
typedef struct Cast {
    int64_t unit;   /* the lead unit's liaison (联络员): reports, asks for close-out */
    int64_t head;   /* the lead unit's head (负责人): reviews the request (four eyes) */
    int64_t leader; /* the first responsible leader's account: signs off */
    int64_t office; /* the office's account: verifies, finds relapses */
} Cast;

/* The evidence files behind a close-out request, uploaded by the lead unit's liaison. */
static int gen_evidence(Gen *g, const Measure *m, int64_t uploader, Err *err)
{
    int n_ev = 1 + gen_rand(g, 3);
    for (int i = 0; i < n_ev; i++) {
        char sha[HASH_HEX_SIZE];
        const char *name = arena_printf(g->arena, "整改佐证材料-%lld-%d.pdf", (long long)m->id, i + 1);
        hash_sha256_hex(name, strlen(name), sha);
        int64_t size = 20000 + gen_rand(g, 900000);
        if (g->n_samples) {
            /* A real file behind the row: one of the samples, stored once. */
            int k = (int)(m->id + i) % g->n_samples;
            memcpy(sha, g->sample_sha[k], sizeof sha);
            size = g->sample_size[k];
        }
        if (bulk_evidence(g->bulk, m->id, name, "application/pdf", size, sha, uploader, err) < 0)
            return -1;
    }
    return 0;
}

/*
** After the lead unit approved the request of day req: the leader's sign-off when the
** inspection wants one, the office's verification on day closed, and a relapse, as far as
** target.
*/
static int gen_close_out(Gen *g, const Inspection *in, Measure *m, const Cast *who,
                         MeasureState target, Day req, Day closed, Err *err)
{
    MeasureState before_verify = STATE_LEAD_APPROVED;
    if (in->require_signoff) {
        if (bulk_review(g->bulk, m->id, STAGE_LEADER_SIGNOFF, DECISION_APPROVED, "同意销号",
                                who->leader, err) < 0 ||
            event(g, m, who->leader, req + 4, ACTION_SIGN_OFF, STATE_LEAD_APPROVED,
                  STATE_SIGNED_OFF, "同意销号", err) < 0)
            return -1;
        before_verify = STATE_SIGNED_OFF;
    }
    if (target == STATE_SIGNED_OFF)
        return 0;
    if (m->onsite_required &&
        bulk_review(g->bulk, m->id, STAGE_ONSITE_CHECK, DECISION_APPROVED, "实地复核通过",
                            who->office, err) < 0)
        return -1;
    MeasureState done = m->long_term ? STATE_PHASE_COMPLETE : STATE_CLOSED;
    if (bulk_review(g->bulk, m->id, STAGE_OFFICE_VERIFY, DECISION_APPROVED, "", who->office,
                            err) < 0 ||
        event(g, m, who->office, closed, ACTION_VERIFY, before_verify, done, "经核查，整改到位",
              err) < 0)
        return -1;
    m->closed_on = done == STATE_CLOSED ? closed : DAY_NONE;
    m->revisit_due = closed + 90;
    m->percent = 100;
    if (target == STATE_RELAPSED) {
        if (event(g, m, who->office, g->opt->today - gen_rand(g, 10), ACTION_RELAPSE, done,
                  STATE_RELAPSED, "回头看发现问题反弹", err) < 0)
            return -1;
        m->closed_on = DAY_NONE;
        m->revisit_due = DAY_NONE;
        m->percent = 60 + gen_rand(g, 20);
    }
    return 0;
}

/*
** From the request for close-out (on day req, after the first report of day first) to target:
** evidence, the request, then a return or the lead unit's approval and the close-out.
*/
static int gen_request(Gen *g, const Inspection *in, Measure *m, const Cast *who,
                       MeasureState target, Day first, Day closed, Err *err)
{
    if (gen_evidence(g, m, who->unit, err) < 0)
        return -1;
    Day req = closed != DAY_NONE ? closed - 6 : g->opt->today - gen_rand(g, 10);
    if (req < first)
        req = first;
    if (event(g, m, who->unit, req, ACTION_REQUEST_CLOSE, STATE_IN_PROGRESS, STATE_SUBMITTED, "",
              err) < 0)
        return -1;
    if (target == STATE_RETURNED) {
        int times = gen_rand(g, 3) == 0 ? 2 : 1;
        for (int i = 0; i < times; i++) {
            if (bulk_review(g->bulk, m->id, STAGE_LEAD_REVIEW, DECISION_RETURNED,
                                    "佐证材料不够充分，请补充", who->head, err) < 0 ||
                event(g, m, who->head, req + i, ACTION_RETURN, STATE_SUBMITTED, STATE_RETURNED,
                      "佐证材料不够充分，请补充", err) < 0)
                return -1;
        }
        m->return_count = times;
        return 0;
    }
    if (target == STATE_SUBMITTED)
        return 0;
    if (bulk_review(g->bulk, m->id, STAGE_LEAD_REVIEW, DECISION_APPROVED, "", who->head,
                            err) < 0 ||
        event(g, m, who->head, req + 2, ACTION_LEAD_APPROVE, STATE_SUBMITTED, STATE_LEAD_APPROVED,
              "", err) < 0)
        return -1;
    if (target == STATE_LEAD_APPROVED)
        return 0;
    return gen_close_out(g, in, m, who, target, req, closed, err);
}

/*
** The measure's history, from its first report to its state, each step by the user whose step
** it is (Cast).
*/
static int gen_history(Gen *g, const Inspection *in, const District *d, Measure *m,
                       MeasureState target, Err *err)
{
    Day today = g->opt->today;
    Cast who = {unit_user(d, m->lead_unit_id), unit_head(d, m->lead_unit_id), leader_user(d, m),
                d->office_user};
    if (target == STATE_NOT_STARTED)
        return 0;
    Day closed = DAY_NONE;
    if (target == STATE_CLOSED || target == STATE_PHASE_COMPLETE || target == STATE_RELAPSED) {
        Day limit = m->deadline != DAY_NONE && m->deadline < today ? m->deadline : today;
        closed = limit - gen_rand(g, 20);
        if (closed < in->feedback_on + 10)
            closed = in->feedback_on + 10;
        if (closed > today)
            closed = today;
    }
    Day until = closed != DAY_NONE && target != STATE_RELAPSED ? closed : today;
    Day first;
    int pct = gen_reports(g, in, m, who.unit, until, &first, err);
    if (pct < 0)
        return -1;
    if (first == DAY_NONE) {
        /* Work that has moved on has at least one report, as the workflow demands. */
        first = until - gen_rand(g, 5);
        if (first < in->feedback_on)
            first = in->feedback_on;
        if (add_report(g, m, who.unit, first, NULL, 10, gen_pick(g, &demo_progress), err) < 0)
            return -1;
    }
    if (event(g, m, who.unit, first, ACTION_REPORT, STATE_NOT_STARTED, STATE_IN_PROGRESS,
              "报送首次整改进展", err) < 0)
        return -1;
    m->percent = pct;
    if (!state_at_least_submitted(target) && target != STATE_RETURNED)
        return 0;
    return gen_request(g, in, m, &who, target, first, closed, err);
}

/* How far the district has taken a problem. */
typedef enum Done {
    DONE_NOT,      /* its measures go their own ways */
    DONE_PHASE,    /* all closed, long-term ones for their phase (基本完成) */
    DONE_COMPLETE, /* all closed, none long-term (已完成) */
} Done;

/*
** Measure number ordinal of problem (whose words are dp): a verb and one of the problem's
** objects, the verbs walking on from verb0 so that a problem's measures differ.
*/
/* text followed by more details until it is CITY_TEXT_CHARS characters long (cut there). */
static const char *long_text(Gen *g, const char *text)
{
    Buf b = BUF_INIT;
    buf_puts(&b, text);
    while (utf8_length(b.data, b.len) < CITY_TEXT_CHARS)
        buf_printf(&b, "%s。", gen_pick(g, &demo_details));
    /* Cut after the 200th character: skip that many lead bytes. */
    size_t at = 0;
    for (int n = 0; n < CITY_TEXT_CHARS; n++)
        for (at++; at < b.len && ((unsigned char)b.data[at] & 0xC0) == 0x80; at++)
            ;
    const char *out = arena_strndup(g->arena, b.data, at);
    buf_free(&b);
    return out;
}

static int gen_measure(Gen *g, const Inspection *in, const District *d, const Finding *problem,
                       const DemoProblem *dp, int verb0, int ordinal, Done done, Err *err)
{
    Day today = g->opt->today;
    Measure m = {0};
    m.inspection_id = in->id;
    m.finding_id = problem->id;
    m.ordinal = ordinal;
    m.label = arena_printf(g->arena, "%s是", cn_number(g, ordinal));
    m.title = arena_printf(g->arena, "%s%s", demo_verbs.words[(verb0 + ordinal) % demo_verbs.n],
                           dp->objects[(ordinal - 1) % DEMO_OBJECTS]);
    m.body = arena_printf(g->arena, "%s。%s。", m.title, gen_pick(g, &demo_details));
    if (g->opt->scale == DEMO_CITY)
        m.body = long_text(g, m.body);
    m.target = "问题整改到位，形成长效机制";
    int r = gen_rand(g, 100);
    if (done == DONE_COMPLETE)
        r %= 80;
    m.kind = r < 15 ? KIND_IMMEDIATE : r < 80 ? KIND_DATED : KIND_LONG_TERM;
    Day fb = in->feedback_on;
    if (m.kind == KIND_IMMEDIATE)
        m.deadline = fb + 30;
    else if (m.kind == KIND_LONG_TERM)
        m.deadline = in->concentrated_end;
    else if (gen_rand(g, 100) < 6)
        m.deadline = today + gen_rand(g, 8); /* falls due this week: yellow */
    else
        m.deadline = fb + 45 + gen_rand(g, (today - fb) + 150);
    m.long_term = m.kind == KIND_LONG_TERM;
    m.lead_unit_id =
        gen_rand(g, 5) == 0 ? d->units[DEMO_FEATURED_UNIT] : d->units[gen_rand(g, d->n_units)];
    int64_t co[2];
    int n_co = gen_rand(g, 3);
    for (int i = 0; i < n_co; i++)
        co[i] = d->units[gen_rand(g, d->n_units)];
    m.co_unit_ids = co;
    m.n_co_units = n_co;
    int64_t leaders[2] = {d->leaders[gen_rand(g, d->n_leaders)], d->leaders[gen_rand(g, d->n_leaders)]};
    m.leader_ids = leaders;
    m.n_leaders = 1 + gen_rand(g, 2);
    m.onsite_required = gen_rand(g, 100) < 5;
    m.closed_on = DAY_NONE;
    m.revisit_due = DAY_NONE;
    MeasureState target = draw_state(g, &m, in->require_signoff, done != DONE_NOT);
    m.state = STATE_NOT_STARTED;
    if (bulk_measure_start(g->bulk, &m, err) < 0)
        return -1;
    g->sum->measures++;
    if (gen_history(g, in, d, &m, target, err) < 0)
        return -1;
    m.state = target;
    return bulk_measure_finish(g->bulk, &m, STATE_NOT_STARTED, err);
}

static int gen_registers(Gen *g, const Inspection *in, const District *d, Err *err)
{
    Day fb = in->feedback_on, today = g->opt->today;
    int n_meetings = 12 + gen_rand(g, 12);
    for (int i = 0; i < n_meetings; i++) {
        MeetingKind kind = (MeetingKind)gen_rand(g, MEETING__COUNT);
        if (meeting_store_insert(g->db, in->id, kind, fb + gen_rand(g, today - fb + 1), NULL, err) < 0)
            return -1;
    }
    int n_mech = 20 + gen_rand(g, 20);
    for (int i = 0; i < n_mech; i++) {
        const DemoItem *item = &demo_tree[gen_rand(g, DEMO_ASPECTS)].items[gen_rand(g, DEMO_ITEMS)];
        const char *object = item->problems[gen_rand(g, DEMO_PROBLEMS)].objects[0];
        const char *title =
            arena_printf(g->arena, "《%s区%s%s》", d->name, object, gen_pick(g, &demo_mechanisms));
        const char *number = arena_printf(g->arena, "%s委办〔%d〕%d号", d->name, 2025, 10 + i);
        if (mechanism_store_insert(g->db, in->id, title, number, in->signer,
                                   fb + gen_rand(g, today - fb + 1), gen_rand(g, 3) != 0, 0, err) < 0)
            return -1;
    }
    for (int i = 0; i < 3; i++)
        if (recovery_store_insert(g->db, in->id, i ? RECOVERY_LOSS_RECOVERED : RECOVERY_REFUND,
                                  (int64_t)(10000 + gen_rand(g, 5000000)) * 100, fb + 30 * (i + 1),
                                  err) < 0)
            return -1;
    static const OutcomeType outcomes[] = {OUTCOME_CASE,         OUTCOME_TALK_REMINDER,
                                           OUTCOME_CRITICISM,    OUTCOME_SELF_EXAMINATION,
                                           OUTCOME_ADMONITION,   OUTCOME_PARTY_SANCTION};
    static const ClueRank ranks[] = {RANK_COUNTY, RANK_TOWNSHIP, RANK_TOWNSHIP, RANK_OTHER};
    int n_clues = 10 + gen_rand(g, 8);
    for (int i = 0; i < n_clues; i++) {
        Clue c = {0};
        c.inspection_id = in->id;
        c.kind = gen_rand(g, 3) ? CLUE_KIND_PETITION : CLUE_KIND_CLUE;
        c.ref_no = arena_printf(g->arena, "XS-%lld-%03d", (long long)in->id, i + 1);
        c.received_on = fb;
        c.subject_name = arena_printf(g->arena, "%s某某", gen_pick(g, &demo_surnames));
        c.subject_post = "科长";
        c.subject_rank = ranks[gen_rand(g, 4)];
        c.unit_id = d->units[gen_rand(g, d->n_units)];
        c.disposal = gen_rand(g, 2) ? DISPOSAL_PRELIMINARY : DISPOSAL_TALK_INQUIRY;
        bool done = gen_rand(g, 4) != 0;
        c.state = done ? CLUE_CONCLUDED : CLUE_OPEN;
        c.concluded_on = done ? fb + 20 + gen_rand(g, 60) : DAY_NONE;
        if (clue_store_insert(g->db, &c, err) < 0)
            return -1;
        if (done) {
            OutcomeType t = outcomes[gen_rand(g, (int)ARRAY_SIZE(outcomes))];
            const char *type = vocab_label(VOCAB_OUTCOME_TYPE, t);
            const char *sub =
                t == OUTCOME_PARTY_SANCTION ? vocab_label(VOCAB_PARTY_SANCTION, PARTY_WARNING) : "";
            if (clue_store_add_outcome(g->db, c.id, type, sub, 1, err) < 0)
                return -1;
        }
    }
    return 0;
}

/* The findings of in (aspects, items, problems from demo_tree) and their measures. */
static int gen_tree(Gen *g, const Inspection *in, const District *d, Err *err)
{
    /* Which problems carry one measure more, so that the total is exactly n_measures. */
    int n_measures = g->opt->scale == DEMO_CITY ? CITY_MEASURES : N_MEASURES;
    int n_problems = DEMO_ASPECTS * DEMO_ITEMS * DEMO_PROBLEMS;
    int base = n_measures / n_problems, extra = n_measures % n_problems;
    bool *more = ARENA_ARRAY(g->arena, bool, n_problems);
    for (int placed = 0; placed < extra;) {
        int k = gen_rand(g, n_problems);
        if (!more[k]) {
            more[k] = true;
            placed++;
        }
    }
    int p_index = 0;
    for (int a = 0; a < DEMO_ASPECTS; a++) {
        Finding aspect = {0};
        aspect.inspection_id = in->id;
        aspect.level = LEVEL_ASPECT;
        aspect.ordinal = a + 1;
        aspect.label = arena_printf(g->arena, "（%s）", cn_number(g, a + 1));
        aspect.title = demo_tree[a].title;
        if (finding_store_insert(g->db, &aspect, err) < 0)
            return -1;
        g->sum->findings++;
        for (int i = 0; i < DEMO_ITEMS; i++) {
            Finding item = {0};
            item.inspection_id = in->id;
            item.parent_id = aspect.id;
            item.level = LEVEL_ITEM;
            item.ordinal = i + 1;
            item.label = arena_printf(g->arena, "%d.", a * DEMO_ITEMS + i + 1);
            item.title = demo_tree[a].items[i].title;
            if (finding_store_insert(g->db, &item, err) < 0)
                return -1;
            g->sum->findings++;
            for (int k = 0; k < DEMO_PROBLEMS; k++, p_index++) {
                const DemoProblem *dp = &demo_tree[a].items[i].problems[k];
                Finding p = {0};
                p.inspection_id = in->id;
                p.parent_id = item.id;
                p.level = LEVEL_PROBLEM;
                p.ordinal = k + 1;
                p.label = arena_printf(g->arena, "（%d）", p_index + 1);
                p.title = dp->title;
                if (finding_store_insert(g->db, &p, err) < 0)
                    return -1;
                g->sum->findings++;
                int n_m = base + (more[p_index] ? 1 : 0);
                Done done = gen_rand(g, 100) >= 25 ? DONE_NOT
                            : gen_rand(g, 2)       ? DONE_COMPLETE
                                                   : DONE_PHASE;
                int verb0 = gen_rand(g, demo_verbs.n);
                for (int j = 0; j < n_m; j++)
                    if (gen_measure(g, in, d, &p, dp, verb0, j + 1, done, err) < 0)
                        return -1;
            }
        }
    }
    return 0;
}

int gen_inspection(Gen *g, const District *d, int round, Err *err)
{
    static const char *const groups[] = {"省委第", "省审计厅", "省生态环境保护督察组", "市委第"};
    static const char *const group_ends[] = {"巡视组", "", "", "巡察组"};
    static const InspectionKind kinds[] = {INSPECTION_XUNSHI, INSPECTION_AUDIT, INSPECTION_DUCHAI,
                                           INSPECTION_XUNCHA};
    Day today = g->opt->today;
    Inspection in = {0};
    in.kind = kinds[round % 4];
    const char *nth = group_ends[round % 4][0] ? cn_number(g, 1 + gen_rand(g, 9)) : "";
    in.group_name = arena_printf(g->arena, "%s%s%s", groups[round % 4], nth, group_ends[round % 4]);
    in.target = arena_printf(g->arena, "%s区委", d->name);
    in.superior = round % 4 == 3 ? "市委" : "省委";
    static const char *const what[] = {"巡视", "审计", "督察", "巡察"};
    in.title =
        arena_printf(g->arena, "%s%s%s反馈意见整改", in.group_name, what[round % 4], in.target);
    in.feedback_on = today - 120 - gen_rand(g, 150);
    in.onsite_start = in.feedback_on - 130;
    in.onsite_end = in.feedback_on - 85;
    in.concentrated_end = in.feedback_on + 90;
    bool one = g->opt->scale == DEMO_COUNTY || g->opt->scale == DEMO_CITY;
    in.report_cycle = one ? CYCLE_SEMIMONTHLY : (ReportCycle)gen_rand(g, 3);
    in.warn_days = 7;
    in.require_signoff = one || gen_rand(g, 2);
    in.state = INSPECTION_ACTIVE;
    in.contact_phone = arena_printf(g->arena, "0591-8%07d", 1000000 + gen_rand(g, 8999999));
    in.contact_email = arena_printf(g->arena, "xgb%02d@example.gov.cn", d->index + 1);
    in.contact_address = arena_printf(g->arena, "%s区人民路1号区委大院", d->name);
    in.signer = arena_printf(g->arena, "中共%s区委", d->name);
    in.published_on = DAY_NONE;
    in.org_unit_id = d->root_unit;
    if (inspection_store_insert(g->db, &in, err) < 0)
        return -1;
    g->sum->inspections++;
    if (gen_tree(g, &in, d, err) < 0)
        return -1;
    return gen_registers(g, &in, d, err);
}
