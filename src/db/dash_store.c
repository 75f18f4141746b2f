/*
** dash_store.c: SQL of the dashboard's figures (dash_store.h).
**
** The grouped counts read each measure of the scope once, with its light, lateness,
** punctuality and its finding's status worked out by one statement, and the (measure, leader)
** pairs by a second; they are summed here by lead unit, leader, month and finding in a small
** hash table, so that no measure's figures are evaluated twice (the four grouped statements
** this replaced evaluated them once per statement and once per leader, and the engine sorted
** each grouping: ~405 M instructions for an inspection of 10,000 measures, ~123 M since,
** bench/README.md). On SQLite the measures are read along measure_dash_cover (migrate_ontime.sql,
** migrate_touch.sql), which holds every column read, so no row with its texts is touched. A
** unit's scope comes through measure_party, the index of a unit's measures.
**
** A worker keeps the measures' figures, their pairs and the sums (DashMeasures) between
** requests; after a write it reads again only the measures that the touch log
** (migrate_touch.sql) names, takes their old figures out of the sums and adds the new ones. On
** PostgreSQL the log (pg_migrate_touch_log.sql) is read by transaction: the rows of those the
** figures' snapshot did not see.
**
** Reporting punctuality follows ledger_on_time (ledger/light.c). A measure's reporting runs until
** the day, or until its closing day when closed before; the cycles due in [start, until) are
** ledger_cycles_before(until) - ledger_cycles_before(start): bound for the day (?33) and the
** start (?32), kept on the measure for its closing day (closed_cycles). Its on-time cycles are
** those of measure_ontime with a due day in [start, until): the count the measure keeps less the
** rows before the start and from `until` on, read from measure_ontime only when the measure's
** first, second latest or latest due day says there are such rows beyond the one of the
** current cycle; most measures have none (their cycles all lie in [start, until)), the first
** test.
**
** Binds: ?1 inspection, ?2 unit (0: none), ?20 the day, ?28 the last deadline within the warning
** days, ?30 reporting (0/1), ?31 its start, ?32 and ?33 the cycles due before the start and
** before the day, ?34 a report of the day's cycle owed (0/1), ?35 that cycle's start; ?40, ?41 a
** deadline range, ?15 a limit.
*/
#include "dash_store.h"
#include "light_sql.h"
#include "view_store.h"

#include <stdlib.h>
#include <string.h>

_Static_assert(STATUS_COMPLETED == 0 && STATUS_BASICALLY_COMPLETED == 1 &&
                   STATUS_UNCOMPLETED == 2,
               "MEASURE_STATUS's numbers are ProblemStatus's");
_Static_assert(MEASURE_LIGHT_RED == 2 && MEASURE_LIGHT_CLOSED == 3, "DASH_LIGHT's numbers");

/* The scope's measures (joined to what join says): an inspection's in force, or a unit's. */
#define IN_SCOPE " m.inspection_id = ?1 AND m.withdrawn_at IS NULL"
#define OF_PARTY                                                                                   \
    " AND m.id IN (SELECT k.measure_id FROM measure_party k WHERE k.kind = 0"                      \
    " AND k.party_id = ?2 AND k.inspection_id = ?1)"
#define WHOLE(join) " FROM measure m" join " WHERE" IN_SCOPE
#define OF_UNIT(join) WHOLE(join) OF_PARTY
/* Those of them among the ids ?3 (a JSON array), read by id. */
#define IDS_WHOLE " FROM json_each(?3) j CROSS JOIN measure m WHERE m.id = j.value AND" IN_SCOPE
#define IDS_OF_UNIT IDS_WHOLE OF_PARTY
#define IDS_WHOLE_PG " FROM measure m WHERE m.id" DB_ANY_IDS_PG("?3") " AND" IN_SCOPE
#define IDS_OF_UNIT_PG IDS_WHOLE_PG OF_PARTY

/* The day reporting runs until: the closing day of a measure closed before the day. */
#define CLOSED_EARLY "m.state = 'closed' AND m.closed_at < ?20"
#define UNTIL "(CASE WHEN " CLOSED_EARLY " THEN m.closed_at ELSE ?20 END)"
#define EXPECTED                                                                                   \
    "(CASE WHEN ?30 = 0 THEN 0 WHEN " CLOSED_EARLY " THEN CASE WHEN m.closed_cycles > ?32"         \
    " THEN m.closed_cycles - CAST(?32 AS BIGINT) ELSE 0 END"                                       \
    " ELSE CAST(?33 AS BIGINT) - CAST(?32 AS BIGINT) END)"
#define ONTIME_ROWS(cmp) "(SELECT count(*) FROM measure_ontime o WHERE o.measure_id = m.id AND o.due " cmp ")"
#define ON_TIME                                                                                    \
    "(CASE WHEN ?30 = 0 OR m.ontime_n = 0 THEN 0"                                                  \
    " WHEN m.ontime_first >= ?31 AND m.ontime_last < ?20 AND (m.state <> 'closed'"                 \
    " OR m.closed_at IS NULL OR m.ontime_last < m.closed_at) THEN m.ontime_n"                      \
    " WHEN " UNTIL " <= ?31 THEN 0 ELSE m.ontime_n"                                                \
    " - CASE WHEN m.ontime_first < ?31 THEN " ONTIME_ROWS("< ?31") " ELSE 0 END"                   \
    " - CASE WHEN m.ontime_last < " UNTIL " THEN 0"                                                \
    " WHEN m.ontime_prev IS NULL OR m.ontime_prev < " UNTIL " THEN 1"                              \
    " ELSE " ONTIME_ROWS(">= " UNTIL) " END END)"
#define OVERDUE "(CASE WHEN " OPEN_DEADLINE_OF_ROW " < ?20 THEN 1 ELSE 0 END)"

/*
** The light (ledger_light) of a measure of the scope on the day, as light_sql.h's LIGHT_EXPR
** but with what the measures of one inspection share worked out once (dash_scope): "within the
** warning days of the deadline" is a comparison with the bound ?28 (no date arithmetic per row),
** "the day's cycle is past its due day, on or after the start of reporting" the bound ?34, the
** cycle's start ?35; the open supervisions past their respond-by are one uncorrelated set.
*/
#define DASH_LIGHT                                                                                 \
    "(CASE WHEN m.state = 'closed' THEN 3 WHEN m.return_count >= 2 OR m.state = 'relapsed'"        \
    " OR " OPEN_DEADLINE_OF_ROW " < ?20 OR m.id IN (SELECT s.measure_id FROM supervision s"        \
    " WHERE s.state = 'open' AND s.respond_by < ?20) THEN 2"                                        \
    " WHEN " OPEN_DEADLINE_OF_ROW " <= ?28 OR (m.state IN ('not_started','in_progress','returned',"  \
    "'relapsed','phase_complete') AND ?34 = 1 AND " NOT_REPORTED("?35") ") THEN 1 ELSE 0 END)"
/*
** Each measure of the scope once, with its figures (light, lateness, reports due and on time)
** and its finding's status: the one read of the scope's measures; the groups are summed here,
** so that no expression is evaluated twice for a measure and nothing is sorted by the engine.
*/
#define Q_EACH(from)                                                                               \
    "SELECT m.id, coalesce(m.lead_unit_id, 0), m.state, " DASH_LIGHT ", " OVERDUE ", " EXPECTED   \
    ", " ON_TIME ", m.deadline, m.finding_id, " MEASURE_STATUS ", m.ordinal" from
/*
** The leaders of the scope's measures, as (measure, person): joined to them, or when their ids
** are dense (an inspection's, created together) the range of their ids in measure_leader's key,
** half the join's cost, the leaders of measures outside the scope left out by the caller.
*/
#define Q_LEADERS(from)                                                                            \
    "SELECT l.measure_id, l.person_id" from
#define LEADERS " JOIN measure_leader l ON l.measure_id = m.id"
#define Q_LEADER_RANGE                                                                             \
    "SELECT l.measure_id, l.person_id FROM measure_leader l WHERE l.measure_id BETWEEN ?1 AND ?2"
/* The statement of query q over s's measures (joined to join). */
#define PREPARE_SCOPED_JOIN(db, s, q, join)                                                        \
    db_prepare(db, (s)->unit_id ? DB_SQL(q(OF_UNIT(join))) : DB_SQL(q(WHOLE(join))))
#define PREPARE_SCOPED(db, s, q) PREPARE_SCOPED_JOIN(db, s, q, "")

static void bind_scope(DbStmt *st, const DashScope *s)
{
    db_bind_int(st, 1, s->inspection_id);
    db_bind_int(st, 2, s->unit_id);
    db_bind_day(st, 20, s->day->day);
    db_bind_day(st, 28, s->warn_until);
    db_bind_int(st, 30, s->reporting);
    db_bind_day(st, 31, s->report_start);
    db_bind_int(st, 32, s->cycles_start);
    db_bind_int(st, 33, s->cycles_day);
    db_bind_int(st, 34, s->owes_report);
    db_bind_day(st, 35, s->cycle_start);
}

/* A measure of the scope and its figures on the day. */
typedef struct Each {
    int64_t id, unit, finding;
    int state, light, overdue, status, ordinal;
    int64_t expected, on_time;
    Day deadline;
} Each;

static const DbCol each_cols[] = {
    DB_COL_INT(Each, id),
    DB_COL_INT(Each, unit),
    DB_COL_VOCAB(Each, state, VOCAB_MEASURE_STATE, STATE__COUNT),
    DB_COL_INT(Each, light),
    DB_COL_INT(Each, overdue),
    DB_COL_INT(Each, expected),
    DB_COL_INT(Each, on_time),
    DB_COL_DAY(Each, deadline),
    DB_COL_INT(Each, finding),
    DB_COL_INT(Each, status),
    DB_COL_INT(Each, ordinal),
};
static const DbRowMap each_map = DB_MAP(Each, each_cols, NULL);

typedef struct Pair {
    int64_t measure, person;
} Pair;
static const DbCol pair_cols[] = {DB_COL_INT(Pair, measure), DB_COL_INT(Pair, person)};
static const DbRowMap pair_map = DB_MAP(Pair, pair_cols, NULL);

/*
** The groups, found by (part, party, key) in an open-addressed table of indices into the
** groups: key is the state (units, leaders), the month and closed or not (months), 0 (findings).
** Kept with the measures and brought up to date with them (a measure read again is taken out
** of its old groups and added to its new ones), so every sum can go down as well as up: a
** finding's status is the weakest of its measures' (ProblemStatus) and is kept as a count per
** status, a month's day is its first.
*/
typedef struct Group {
    DashGroup g;
    int64_t key;
    int64_t status_n[STATUS__COUNT]; /* DASH_PART_FINDING: its measures per status */
    int64_t bad_status;              /* … and with a status out of range */
} Group;

typedef struct Groups {
    Group *v;
    int *slot; /* index + 1 into v, 0: free */
    int n, cap;
} Groups;

static int *slot_of(Groups *t, int part, int64_t party, int64_t key)
{
    uint64_t h = ((uint64_t)party * 0x9E3779B97F4A7C15u) ^ ((uint64_t)key * 0xC2B2AE3D27D4EB4Fu) ^
                 (uint64_t)part;
    h ^= h >> 29;
    for (int i = (int)(h & (uint64_t)(t->cap - 1));; i = (i + 1) & (t->cap - 1)) {
        int k = t->slot[i] - 1;
        if (k < 0 || (t->v[k].g.part == part && t->v[k].g.party == party && t->v[k].key == key))
            return &t->slot[i];
    }
}

/* Room for twice the groups (the table at most half full). */
static void groups_grow(Groups *t)
{
    t->cap = t->cap ? 2 * t->cap : 64;
    t->v = xrealloc(t->v, sizeof *t->v * (size_t)(t->cap / 2));
    free(t->slot);
    t->slot = xcalloc((size_t)t->cap, sizeof *t->slot);
    for (int k = 0; k < t->n; k++)
        *slot_of(t, t->v[k].g.part, t->v[k].g.party, t->v[k].key) = k + 1;
}

static void groups_free(Groups *t)
{
    free(t->v);
    free(t->slot);
    *t = (Groups){0};
}

static Group *group_of(Groups *t, int part, int64_t party, int64_t key)
{
    if (!t->cap)
        groups_grow(t);
    int *slot = slot_of(t, part, party, key);
    if (*slot)
        return &t->v[*slot - 1];
    if (2 * (t->n + 1) > t->cap) {
        groups_grow(t);
        slot = slot_of(t, part, party, key);
    }
    int k = t->n++;
    *slot = k + 1;
    t->v[k] = (Group){.g = {.part = part, .party = party, .day = DAY_NONE}, .key = key};
    return &t->v[k];
}

/* Add measure e to group g (sign 1), or take it out (-1): its count, light, lateness and
   punctuality. */
static void group_add(Group *g, const Each *e, bool figures, int sign)
{
    g->g.n += sign;
    if (e->light >= MEASURE_LIGHT_GREEN && e->light <= MEASURE_LIGHT_RED)
        g->g.by_light[e->light] += sign;
    if (figures) {
        g->g.overdue += sign * e->overdue;
        g->g.expected += sign * e->expected;
        g->g.on_time += sign * e->on_time;
    }
}

/* Add e (sign 1) to its lead unit's group, its finding's and, when it has a deadline, its
   month's; or take it out of them (-1). */
static void add_measure(Groups *t, const Each *e, int sign)
{
    Group *g = group_of(t, DASH_PART_UNIT, e->unit, e->state);
    g->g.state = e->state;
    group_add(g, e, true, sign);
    if (e->deadline != DAY_NONE) {
        int y, mo, d;
        date_to_ymd(e->deadline, &y, &mo, &d);
        bool closed = e->state == STATE_CLOSED;
        g = group_of(t, DASH_PART_MONTH, 0, ((int64_t)y * 12 + mo) * 2 + closed);
        g->g.state = closed ? STATE_CLOSED : STATE_IN_PROGRESS;
        g->g.day = date_from_ymd(y, mo, 1);
        group_add(g, e, false, sign);
    }
    g = group_of(t, DASH_PART_FINDING, e->finding, 0);
    g->g.n += sign;
    if ((unsigned)e->status < STATUS__COUNT)
        g->status_n[e->status] += sign;
    else
        g->bad_status += sign;
}

/* Add measure e's leaders among pairs p[0..n) (sign 1), or take them out (-1). */
static void add_leaders(Groups *t, const Each *e, const Pair *p, int n, int sign)
{
    for (int i = 0; i < n; i++) {
        Group *g = group_of(t, DASH_PART_LEADER, p[i].person, e->state);
        g->g.state = e->state;
        group_add(g, e, true, sign);
    }
}

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static int cmp_group(const void *a, const void *b)
{
    const DashGroup *x = a, *y = b;
    if (x->part != y->part)
        return x->part - y->part;
    if (x->party != y->party)
        return (x->party > y->party) - (x->party < y->party);
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    return x->state - y->state;
}

/* The name of id in v[0..n) (sorted by id), NULL when absent. */
static const char *name_of(const IdName *v, int n, int64_t id)
{
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (v[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && v[lo].id == id ? v[lo].name : NULL;
}

/* The names of the units' and leaders' groups g[0..n) (sorted by part and party). */
static int name_groups(Db *db, Arena *arena, DashGroup *g, int n, Err *err)
{
    int64_t *ids[2] = {ARENA_ARRAY(arena, int64_t, n + 1), ARENA_ARRAY(arena, int64_t, n + 1)};
    int k[2] = {0, 0};
    for (int i = 0; i < n; i++) {
        int p = g[i].part;
        if (p <= DASH_PART_LEADER && g[i].party && (!k[p] || ids[p][k[p] - 1] != g[i].party))
            ids[p][k[p]++] = g[i].party;
    }
    IdName *names[2] = {NULL, NULL};
    int nn[2] = {0, 0};
    if ((k[0] && view_store_names(db, arena, VIEW_UNITS, ids[0], k[0], &names[0], &nn[0], err) < 0) ||
        (k[1] && view_store_names(db, arena, VIEW_PERSON_POSTS, ids[1], k[1], &names[1], &nn[1],
                                  err) < 0))
        return -1;
    for (int i = 0; i < n; i++)
        if (g[i].part <= DASH_PART_LEADER)
            g[i].name = name_of(names[g[i].part], nn[g[i].part], g[i].party);
    return 0;
}

/*
** A scope's measures as their figures are summed, kept between requests: each measure's figures
** sorted by id and the (measure, leader) pairs sorted by measure, as of the touch log's seq
** (migrate_touch.sql; on PostgreSQL, pg_migrate_touch_log.sql, as of a snapshot too), for the
** scope and day in `scope` (its day pointer not kept).
*/
struct DashMeasures {
    bool valid;
    DashScope scope;
    Day day;
    int64_t seq;
    char *snap;   /* PostgreSQL: the snapshot ("xmin:xmax:xip,…") the figures are as of */
    Each *each;
    int n_each, cap_each;
    Pair *pairs;
    int n_pairs, cap_pairs;
    Groups groups; /* their sums */
};

DashMeasures *dash_measures_new(void)
{
    return xcalloc(1, sizeof(DashMeasures));
}

void dash_measures_free(DashMeasures *m)
{
    if (!m)
        return;
    free(m->each);
    free(m->pairs);
    free(m->snap);
    groups_free(&m->groups);
    free(m);
}

static int cmp_each_id(const void *a, const void *b)
{
    int64_t x = ((const Each *)a)->id, y = ((const Each *)b)->id;
    return (x > y) - (x < y);
}

static int cmp_pair(const void *a, const void *b)
{
    const Pair *x = a, *y = b;
    if (x->measure != y->measure)
        return (x->measure > y->measure) - (x->measure < y->measure);
    return (x->person > y->person) - (x->person < y->person);
}

/* The pairs of measure id among p[0..n) (sorted by measure; p may be NULL when n is 0): their
   first, their count in *k. */
static const Pair *pairs_of(const Pair *p, int n, int64_t id, int *k)
{
    *k = 0;
    if (!n)
        return p;
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (p[mid].measure < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (*k = 0; lo + *k < n && p[lo + *k].measure == id; ++*k)
        ;
    return p + lo;
}

/* Add the measures e[0..ne) with their leaders among pl[0..np) to m's groups (sign 1), or take
   them out (-1). */
static void groups_add(DashMeasures *m, const Each *e, int ne, const Pair *pl, int np, int sign)
{
    for (int i = 0; i < ne; i++) {
        int k;
        const Pair *p = pairs_of(pl, np, e[i].id, &k);
        add_measure(&m->groups, &e[i], sign);
        add_leaders(&m->groups, &e[i], p, k, sign);
    }
}

/* Room for n figures and np pairs in m. */
static void measures_reserve(DashMeasures *m, int n, int np)
{
    if (n > m->cap_each) {
        m->cap_each = n + n / 4 + 16;
        m->each = xrealloc(m->each, sizeof *m->each * (size_t)m->cap_each);
    }
    if (np > m->cap_pairs) {
        m->cap_pairs = np + np / 4 + 16;
        m->pairs = xrealloc(m->pairs, sizeof *m->pairs * (size_t)m->cap_pairs);
    }
}

/* Whether s is the scope and day m was read for. */
static bool same_scope(const DashMeasures *m, const DashScope *s)
{
    const DashScope *k = &m->scope;
    return m->valid && k->inspection_id == s->inspection_id && k->unit_id == s->unit_id &&
           m->day == s->day->day && k->reporting == s->reporting &&
           k->report_start == s->report_start && k->cycles_start == s->cycles_start &&
           k->cycles_day == s->cycles_day && k->warn_until == s->warn_until &&
           k->owes_report == s->owes_report && k->cycle_start == s->cycle_start;
}

/* *snap a copy of text (NULL when none), the old one freed. */
static void snap_set(char **snap, const char *text)
{
    free(*snap);
    *snap = text ? xstrdup(text) : NULL;
}

/*
** The touch log's last seq (0 when empty), and on PostgreSQL into *snap the snapshot of this
** statement, run before the figures are read: every change they do not show, it did not see.
*/
static int touch_place(Db *db, int64_t *seq, char **snap, Err *err)
{
    if (!db_is_pg(db))
        return db_find_id(
            db, db_prepare(db, DB_SQL("SELECT coalesce(max(seq), 0) FROM measure_touch")), seq,
            err);
    DbStmt *st = db_prepare(db, DB_SQL("SELECT coalesce(max(seq), 0),"
                                       " CAST(pg_current_snapshot() AS text) FROM measure_touch"));
    int rc = db_step(db, st, err);
    if (rc == 1) {
        *seq = db_col_int(st, 0);
        snap_set(snap, db_col_text(st, 1));
    }
    db_reset(st);
    return rc == 1 ? 0 : rc < 0 ? -1 : err_fail(err, ERR_DB, "no row: the touch log's place");
}

/* Every measure of s into m. */
static int measures_read_whole(Db *db, DashMeasures *m, const DashScope *s, Err *err)
{
    Arena a = ARENA_INIT;
    Each *e;
    Pair *pl;
    int ne, np, rc = -1;
    m->valid = false;
    if (touch_place(db, &m->seq, &m->snap, err) < 0)
        goto done;
    DbStmt *st = db_prepare(db, s->unit_id ? DB_PICK(db, Q_EACH(OF_UNIT("")),
                                                     DB_PG_GENERIC Q_EACH(OF_UNIT("")))
                                           : DB_PICK(db, Q_EACH(WHOLE("")),
                                                     DB_PG_GENERIC Q_EACH(WHOLE(""))));
    bind_scope(st, s);
    if (db_rows(db, st, &each_map, &a, &e, &ne, err) < 0)
        goto done;
    int64_t lo = INT64_MAX, hi = 0;
    for (int i = 0; i < ne; i++) {
        lo = e[i].id < lo ? e[i].id : lo;
        hi = e[i].id > hi ? e[i].id : hi;
    }
    if (ne && hi - lo < 2 * (int64_t)ne) {
        st = db_prepare(db, DB_SQL(Q_LEADER_RANGE));
        db_bind_int(st, 1, lo);
        db_bind_int(st, 2, hi);
    } else {
        st = PREPARE_SCOPED_JOIN(db, s, Q_LEADERS, LEADERS);
        bind_scope(st, s);
    }
    if (db_rows(db, st, &pair_map, &a, &pl, &np, err) < 0)
        goto done;
    qsort(e, (size_t)ne, sizeof *e, cmp_each_id);
    qsort(pl, (size_t)np, sizeof *pl, cmp_pair);
    measures_reserve(m, ne, np);
    if (ne)
        memcpy(m->each, e, sizeof *e * (size_t)ne);
    m->n_each = ne;
    /* The range's pairs of measures outside the scope are left out when summed. */
    if (np)
        memcpy(m->pairs, pl, sizeof *pl * (size_t)np);
    m->n_pairs = np;
    groups_free(&m->groups);
    groups_add(m, m->each, m->n_each, m->pairs, m->n_pairs, 1);
    rc = 0;
done:
    arena_free(&a);
    return rc;
}

/* The leaders of the measures ?3. */
#define Q_LEADERS_OF                                                                               \
    "SELECT measure_id, person_id FROM measure_leader WHERE measure_id IN " DB_IDS_SQLITE("?3")
#define Q_LEADERS_OF_PG                                                                            \
    "SELECT measure_id, person_id FROM measure_leader WHERE measure_id" DB_ANY_IDS_PG("?3")

/* ids[0..k) sorted and without repeats; how many are left. */
static int distinct_ids(int64_t *ids, int k)
{
    qsort(ids, (size_t)k, sizeof *ids, cmp_id);
    int d = 0;
    for (int i = 0; i < k; i++)
        if (!d || ids[d - 1] != ids[i])
            ids[d++] = ids[i];
    return d;
}

/*
** The ids the log names after m's seq, sorted and distinct, into *ids of *n (at most max;
** *n = -1 when more, or when the log no longer reaches back to m's seq), and the log's last
** seq into *seq.
*/
static int touched_since(Db *db, Arena *a, const DashMeasures *m, int max, int64_t **ids, int *n,
                         int64_t *seq, Err *err)
{
    *n = -1;
    if (touch_place(db, seq, NULL, err) < 0)
        return -1;
    /* A log behind what m saw (a database put back from a copy), or more than max to read. */
    if (*seq < m->seq || *seq - m->seq > max)
        return 0;
    DbStmt *st = db_prepare(
        db, DB_SQL("SELECT measure_id FROM measure_touch WHERE seq > ?1 AND seq <= ?2"));
    db_bind_int(st, 1, m->seq);
    db_bind_int(st, 2, *seq);
    int k = 0, rc;
    *ids = ARENA_ARRAY(a, int64_t, *seq - m->seq + 1);
    while ((rc = db_step(db, st, err)) == 1)
        (*ids)[k++] = db_col_int(st, 0);
    db_reset(st);
    if (rc < 0)
        return -1;
    if (k != *seq - m->seq)
        return 0; /* rows dropped from the log's far end */
    *n = distinct_ids(*ids, k);
    return 0;
}

/*
** PostgreSQL's (pg_migrate_touch_log.sql): the ids the log names for the transactions m's
** snapshot did not see, as touched_since, with the log's last seq into *seq and this
** statement's snapshot into *snap (the caller's to free), all as of that one snapshot. *n = -1
** when more than max rows, when the log was pruned past m's snapshot's xmin (its floor) or is
** behind what m saw.
*/
#define SNAP "CAST(?1 AS pg_snapshot)"
static int touched_since_pg(Db *db, Arena *a, const DashMeasures *m, int max, int64_t **ids,
                            int *n, int64_t *seq, char **snap, Err *err)
{
    *n = -1;
    if (!m->snap)
        return 0;
    DbStmt *st = db_prepare(
        db, DB_SQL("SELECT 0, (SELECT coalesce(max(seq), 0) FROM measure_touch),"
                   " CAST(pg_current_snapshot() AS text),"
                   " CASE WHEN (SELECT xid FROM measure_touch_floor) >"
                   "   CAST(CAST(pg_snapshot_xmin(" SNAP ") AS text) AS bigint) THEN 1 ELSE 0 END"
                   " UNION ALL (SELECT 1, measure_id, NULL, 0 FROM measure_touch"
                   " WHERE xid >= CAST(CAST(pg_snapshot_xmin(" SNAP ") AS text) AS bigint)"
                   " AND NOT pg_visible_in_snapshot(CAST(CAST(xid AS text) AS xid8), " SNAP ")"
                   " LIMIT ?2)"));
    db_bind_text(st, 1, m->snap);
    db_bind_int(st, 2, max + 1);
    int k = 0, rc;
    bool pruned = true;
    *ids = ARENA_ARRAY(a, int64_t, max + 1);
    while ((rc = db_step(db, st, err)) == 1) {
        if (db_col_int(st, 0) == 0) {
            *seq = db_col_int(st, 1);
            snap_set(snap, db_col_text(st, 2));
            pruned = db_col_int(st, 3) != 0;
        } else if (k <= max) {
            (*ids)[k++] = db_col_int(st, 1);
        }
    }
    db_reset(st);
    if (rc < 0 || !*snap)
        return rc < 0 ? -1 : 0;
    if (pruned || *seq < m->seq || k > max)
        return 0;
    *n = distinct_ids(*ids, k);
    return 0;
}
#undef SNAP

/* Whether id is in ids[0..n) (sorted). */
static bool has_id(const int64_t *ids, int n, int64_t id)
{
    return bsearch(&id, ids, (size_t)n, sizeof *ids, cmp_id) != NULL;
}

/* m with the measures ids[0..n) read again: their figures e[0..ne) and pairs pl[0..np), each
   sorted; the old rows of ids dropped, the lists merged. */
static void measures_merge(DashMeasures *m, const int64_t *ids, int n, const Each *e, int ne,
                           const Pair *pl, int np)
{
    Each *oe = m->each;
    Pair *op = m->pairs;
    int noe = m->n_each, nop = m->n_pairs;
    for (int i = 0; i < n; i++) {
        Each key = {.id = ids[i]};
        const Each *old = noe ? bsearch(&key, oe, (size_t)noe, sizeof *oe, cmp_each_id) : NULL;
        if (old)
            groups_add(m, old, 1, op, nop, -1);
    }
    groups_add(m, e, ne, pl, np, 1);
    m->each = NULL, m->pairs = NULL, m->cap_each = m->cap_pairs = 0;
    measures_reserve(m, noe + ne, nop + np);
    int k = 0, j = 0;
    for (int i = 0; i < noe; i++) {
        if (has_id(ids, n, oe[i].id))
            continue;
        for (; j < ne && e[j].id < oe[i].id; j++)
            m->each[k++] = e[j];
        m->each[k++] = oe[i];
    }
    for (; j < ne; j++)
        m->each[k++] = e[j];
    m->n_each = k;
    k = 0, j = 0;
    for (int i = 0; i < nop; i++) {
        if (has_id(ids, n, op[i].measure))
            continue;
        for (; j < np && cmp_pair(&pl[j], &op[i]) < 0; j++)
            m->pairs[k++] = pl[j];
        m->pairs[k++] = op[i];
    }
    for (; j < np; j++)
        m->pairs[k++] = pl[j];
    m->n_pairs = k;
    free(oe);
    free(op);
}

/* m brought up to date by reading again the measures the log names: 0, or 1 when it cannot
   be (the log does not reach back, or many changed), -1 on failure. */
static int measures_patch(Db *db, DashMeasures *m, const DashScope *s, Err *err)
{
    Arena a = ARENA_INIT;
    int64_t *ids, seq;
    char *snap = NULL;
    int n, rc = -1;
    /* More than an eighth of the scope changed: as cheap to read it all. */
    int max = m->n_each / 8 > 64 ? m->n_each / 8 : 64;
    if ((db_is_pg(db) ? touched_since_pg(db, &a, m, max, &ids, &n, &seq, &snap, err)
                      : touched_since(db, &a, m, max, &ids, &n, &seq, err)) < 0)
        goto done;
    if (n < 0) {
        rc = 1;
        goto done;
    }
    if (n > 0) {
        Each *e;
        Pair *pl;
        int ne, np;
        DbStmt *st = db_prepare(db, s->unit_id ? DB_PICK(db, Q_EACH(IDS_OF_UNIT),
                                                         DB_PG_GENERIC Q_EACH(IDS_OF_UNIT_PG))
                                               : DB_PICK(db, Q_EACH(IDS_WHOLE),
                                                         DB_PG_GENERIC Q_EACH(IDS_WHOLE_PG)));
        bind_scope(st, s);
        db_bind_ids(st, 3, ids, n);
        if (db_rows(db, st, &each_map, &a, &e, &ne, err) < 0)
            goto done;
        st = db_prepare(db, DB_PICK(db, Q_LEADERS_OF, Q_LEADERS_OF_PG));
        db_bind_ids(st, 3, ids, n);
        if (db_rows(db, st, &pair_map, &a, &pl, &np, err) < 0)
            goto done;
        qsort(e, (size_t)ne, sizeof *e, cmp_each_id);
        qsort(pl, (size_t)np, sizeof *pl, cmp_pair);
        measures_merge(m, ids, n, e, ne, pl, np);
    }
    m->seq = seq;
    free(m->snap);
    m->snap = snap;
    snap = NULL;
    rc = 0;
done:
    free(snap);
    arena_free(&a);
    return rc;
}

int dash_measures_update(Db *db, DashMeasures *m, const DashScope *s, bool *whole, Err *err)
{
    *whole = false;
    int rc = !same_scope(m, s) ? 1 : measures_patch(db, m, s, err);
    if (rc == 0)
        return 0;
    m->valid = false;
    if (rc < 0)
        return -1;
    *whole = true;
    if (measures_read_whole(db, m, s, err) < 0)
        return -1;
    m->scope = *s;
    m->scope.day = NULL;
    m->day = s->day->day;
    m->valid = true;
    return 0;
}

int dash_measures_groups(Db *db, const DashMeasures *m, Arena *arena, DashGroup **out, int *n,
                         Err *err)
{
    const Groups *t = &m->groups;
    int k = 0, nt = m->valid ? t->n : 0;
    DashGroup *g = ARENA_ARRAY(arena, DashGroup, nt + 1);
    for (int i = 0; i < nt; i++) {
        const Group *v = &t->v[i];
        if (v->g.n < 0 || (v->g.part == DASH_PART_FINDING && v->bad_status))
            return err_fail(err, ERR_DB, "bad row: table measure: unknown state or light");
        if (!v->g.n)
            continue; /* all its measures gone */
        g[k] = v->g;
        if (g[k].part == DASH_PART_FINDING)
            for (int st = 0; st < STATUS__COUNT; st++)
                if (v->status_n[st])
                    g[k].status = st;
        if (g[k].part != DASH_PART_FINDING && g[k].state == STATE_CLOSED)
            g[k].by_light[MEASURE_LIGHT_CLOSED] = g[k].n;
        k++;
    }
    qsort(g, (size_t)k, sizeof *g, cmp_group);
    if (name_groups(db, arena, g, k, err) < 0)
        return -1;
    for (int i = 0; i < k; i++) {
        int64_t lit = g[i].by_light[0] + g[i].by_light[1] + g[i].by_light[2] + g[i].by_light[3];
        if (g[i].part != DASH_PART_FINDING && (g[i].state == STATE__COUNT || lit != g[i].n))
            return err_fail(err, ERR_DB, "bad row: table measure: unknown state or light");
    }
    *out = g;
    *n = k;
    return 0;
}

int dash_measures_counts(const DashMeasures *m, MeasureCounts *out, Err *err)
{
    memset(out, 0, sizeof *out);
    int64_t unit = m->valid ? m->scope.unit_id : 0;
    for (int i = 0; m->valid && i < m->n_each; i++) {
        const Each *e = &m->each[i];
        if (e->state == STATE__COUNT || e->light < 0 || e->light > MEASURE_LIGHT_CLOSED)
            return err_fail(err, ERR_DB, "bad row: table measure, id %lld: unknown state or light",
                            (long long)e->id);
        out->total++;
        out->by_state[e->state]++;
        out->by_light[e->light]++;
        if (unit > 0 && e->unit == unit)
            out->lead++;
    }
    return 0;
}

/* Ledger order: finding, ordinal, id. */
static int cmp_tree_row(const void *a, const void *b)
{
    const Each *x = *(const Each *const *)a, *y = *(const Each *const *)b;
    if (x->finding != y->finding)
        return x->finding < y->finding ? -1 : 1;
    if (x->ordinal != y->ordinal)
        return x->ordinal < y->ordinal ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

void dash_measures_tree(const DashMeasures *m, Arena *arena, MeasureTreeRow **out, int *n)
{
    int ne = m->valid ? m->n_each : 0;
    const Each **by = ARENA_ARRAY(arena, const Each *, ne + 1);
    for (int i = 0; i < ne; i++)
        by[i] = &m->each[i];
    qsort(by, (size_t)ne, sizeof *by, cmp_tree_row);
    *out = ARENA_ARRAY(arena, MeasureTreeRow, ne + 1);
    for (int i = 0; i < ne; i++)
        (*out)[i] = (MeasureTreeRow){by[i]->id, by[i]->finding, by[i]->status};
    *n = ne;
}

int dash_store_read(Db *db, Arena *arena, const DashScope *s, DashGroup **out, int *n, Err *err)
{
    DashMeasures *m = dash_measures_new();
    bool whole;
    int rc = dash_measures_update(db, m, s, &whole, err);
    if (rc == 0)
        rc = dash_measures_groups(db, m, arena, out, n, err);
    dash_measures_free(m);
    return rc;
}

/* The week's deadlines: a range of measure_k_insp_due_live (a unit's: of its measures). */
#define DUE_RANGE " AND m.due_key BETWEEN ?40 AND ?41 AND m.state NOT IN ('closed','phase_complete')"
#define Q_DUE_COUNT(from) "SELECT count(*)" from DUE_RANGE
#define Q_DUE_ROWS(from)                                                                           \
    "SELECT m.id, m.label, m.title, u.name, m.deadline, " DASH_LIGHT ", -1, m.finding_id,"         \
    " m.ordinal FROM (SELECT m.id" from DUE_RANGE                                                  \
    " ORDER BY m.finding_id, m.ordinal, m.id LIMIT ?15) d JOIN measure m ON m.id = d.id"           \
    " LEFT JOIN unit u ON u.id = m.lead_unit_id ORDER BY m.finding_id, m.ordinal, m.id"

static const DbCol row_cols[] = {
    DB_COL_INT(DashMeasureRow, id),     DB_COL_TEXT(DashMeasureRow, label),
    DB_COL_STR(DashMeasureRow, title),  DB_COL_TEXT(DashMeasureRow, unit),
    DB_COL_DAY(DashMeasureRow, due),    DB_COL_INT(DashMeasureRow, light),
    DB_COL_INT(DashMeasureRow, kind),   DB_COL_INT(DashMeasureRow, finding_id),
    DB_COL_INT(DashMeasureRow, ordinal),
};
const DbRowMap dash_row_map = DB_MAP(DashMeasureRow, row_cols, NULL);

int dash_store_due(Db *db, Arena *arena, const DashScope *s, Day from, Day to, int limit,
                   DashMeasureRow **out, int *n, int64_t *n_all, Err *err)
{
    DbStmt *st = PREPARE_SCOPED(db, s, Q_DUE_COUNT);
    bind_scope(st, s);
    db_bind_day(st, 40, from);
    db_bind_day(st, 41, to);
    if (db_find_id(db, st, n_all, err) < 0)
        return -1;
    st = PREPARE_SCOPED(db, s, Q_DUE_ROWS);
    bind_scope(st, s);
    db_bind_day(st, 40, from);
    db_bind_day(st, 41, to);
    db_bind_int(st, 15, limit);
    return db_rows(db, st, &dash_row_map, arena, out, n, err);
}

/* The overdue measures in deadline order after the cursor ?42 (its due_key: NULL, so no row,
   when it is not one of them). */
#define PAST_DUE " AND m.state NOT IN ('closed','phase_complete') AND m.due_key < ?20"
#define Q_OVERDUE_CURSOR(from) "(SELECT m.due_key" from PAST_DUE " AND m.id = ?42)"
#define Q_OVERDUE(from)                                                                            \
    "SELECT m.id, m.title, m.deadline, m.state, m.lead_unit_id" from PAST_DUE                       \
    " AND (?42 = 0 OR m.due_key > " Q_OVERDUE_CURSOR(from) " OR (m.due_key = "                     \
    Q_OVERDUE_CURSOR(from) " AND m.id > ?42)) ORDER BY m.due_key, m.id LIMIT ?15"

static const DbCol overdue_cols[] = {
    DB_COL_INT(Measure, id),
    DB_COL_STR(Measure, title),
    DB_COL_DAY(Measure, deadline),
    DB_COL_VOCAB(Measure, state, VOCAB_MEASURE_STATE, STATE__COUNT),
    DB_COL_INT(Measure, lead_unit_id),
};
static const DbRowMap overdue_map = DB_MAP(Measure, overdue_cols, NULL);

int dash_store_overdue(Db *db, Arena *arena, const DashScope *s, int64_t after, int limit,
                       Measure **out, int *n, Err *err)
{
    DbStmt *st = PREPARE_SCOPED(db, s, Q_OVERDUE);
    bind_scope(st, s);
    db_bind_int(st, 42, after);
    db_bind_int(st, 15, limit);
    if (db_rows(db, st, &overdue_map, arena, out, n, err) < 0)
        return -1;
    for (int i = 0; i < *n; i++)
        if ((*out)[i].state == STATE__COUNT)
            return err_fail(err, ERR_DB, "bad row: table measure, id %lld: unknown state",
                            (long long)(*out)[i].id);
    return 0;
}
