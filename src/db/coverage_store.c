/*
** coverage_store.c: SQL of the coverage check (coverage_store.h).
**
** A gap is a finding without children and without a measure in force, or a measure in force
** without a lead unit, without a leader, or without a deadline unless it is long-term (its kind
** or its flag). The count reads the inspection's findings and measures once, without their
** texts; the rows stop at the limit.
*/
#include "coverage_store.h"

/* The inspection's findings that have neither children nor a measure in force. */
#define BARE_FINDINGS                                                                              \
    " FROM finding f WHERE f.inspection_id = ?1"                                                   \
    " AND NOT EXISTS (SELECT 1 FROM finding c WHERE c.inspection_id = ?1 AND c.parent_id = f.id)"  \
    " AND NOT EXISTS (SELECT 1 FROM measure m WHERE m.finding_id = f.id"                           \
    " AND m.withdrawn_at IS NULL)"
#define NO_LEAD "(CASE WHEN m.lead_unit_id IS NULL THEN 1 ELSE 0 END)"
#define NO_LEADER                                                                                  \
    "(CASE WHEN NOT EXISTS (SELECT 1 FROM measure_leader l WHERE l.measure_id = m.id)"             \
    " THEN 1 ELSE 0 END)"
#define NO_DEADLINE                                                                                \
    "(CASE WHEN m.deadline IS NULL AND m.long_term = 0 AND m.kind <> 'long_term'"                  \
    " THEN 1 ELSE 0 END)"
#define IN_FORCE " FROM measure m WHERE m.inspection_id = ?1 AND m.withdrawn_at IS NULL"

static int count_gaps(Db *db, int64_t inspection_id, int *total, Err *err)
{
    DbStmt *st = db_query(db,
                          DB_SQL("SELECT (SELECT count(*)" BARE_FINDINGS "),"
                                 " coalesce(sum(" NO_LEAD " + " NO_LEADER " + " NO_DEADLINE
                                 "), 0)" IN_FORCE),
                          DB_ARGS(DB_INT(inspection_id)));
    int rc = db_step(db, st, err);
    if (rc == 1)
        *total = (int)(db_col_int(st, 0) + db_col_int(st, 1));
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

static void add(PlanGap *out, int *n, GapKind kind, int64_t finding_id, int64_t measure_id,
                const char *label, const char *title)
{
    out[(*n)++] = (PlanGap){kind, finding_id, measure_id, label, title};
}

int coverage_store_gaps(Db *db, Arena *arena, int64_t inspection_id, int limit, PlanGap **out,
                        int *n, int *total, Err *err)
{
    *out = NULL;
    *n = *total = 0;
    if (count_gaps(db, inspection_id, total, err) < 0)
        return -1;
    int want = *total < limit ? *total : limit;
    if (want <= 0)
        return 0;
    PlanGap *g = ARENA_ARRAY(arena, PlanGap, want);
    DbStmt *st = db_query(
        db, DB_SQL("SELECT f.id, f.label, f.title" BARE_FINDINGS " ORDER BY f.id LIMIT ?2"),
        DB_ARGS(DB_INT(inspection_id), DB_INT(want)));
    int rc = 0;
    while (*n < want && (rc = db_step(db, st, err)) == 1)
        add(g, n, GAP_NO_MEASURE, db_col_int(st, 0), 0, arena_strdup(arena, db_col_text(st, 1)),
            arena_strdup(arena, db_col_text(st, 2)));
    db_reset(st);
    if (rc < 0)
        return -1;
    if (*n < want) {
        st = db_query(db,
                      DB_SQL("SELECT m.id, m.finding_id, m.label, m.title, " NO_LEAD ", " NO_LEADER
                             ", " NO_DEADLINE IN_FORCE " AND (m.lead_unit_id IS NULL OR " NO_LEADER
                             " = 1 OR " NO_DEADLINE " = 1) ORDER BY m.finding_id, m.ordinal, m.id"
                             " LIMIT ?2"),
                      DB_ARGS(DB_INT(inspection_id), DB_INT(want - *n)));
        while (*n < want && (rc = db_step(db, st, err)) == 1) {
            int64_t id = db_col_int(st, 0), finding = db_col_int(st, 1);
            const char *label = arena_strdup(arena, db_col_text(st, 2));
            const char *title = arena_strdup(arena, db_col_text(st, 3));
            static const GapKind kinds[] = {GAP_NO_LEAD_UNIT, GAP_NO_LEADER, GAP_NO_DEADLINE};
            for (int k = 0; k < 3 && *n < want; k++)
                if (db_col_int(st, 4 + k))
                    add(g, n, kinds[k], finding, id, label, title);
        }
        db_reset(st);
        if (rc < 0)
            return -1;
    }
    *out = g;
    return 0;
}
