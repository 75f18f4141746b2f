/*
** bulk_store.c: a bulk load's writes (bulk_store.h): the stores' INSERTs on SQLite, COPY in
** batches on PostgreSQL.
*/
#include "bulk_store.h"

#include "db/activity_store.h"
#include "db/measure_store.h"

/* The rows are sent once they pass this many bytes (some 3,000 measures with their history). */
#define BULK_BATCH (4u << 20)

/* The COPY of each table, in the order of the columns bulk_* writes. */
static const char *const copy_sql[BULK__COUNT] = {
    [BULK_MEASURE] = DB_SQL("COPY measure(id, inspection_id, finding_id, ordinal, label, title,"
                            " body, kind, target, deadline, long_term, lead_unit_id, state,"
                            " percent, return_count, onsite_required, closed_at, revisit_due,"
                            " line_first, line_last, created_at, updated_at) FROM STDIN"),
    [BULK_LEADER] = DB_SQL("COPY measure_leader(measure_id, person_id) FROM STDIN"),
    [BULK_CO_UNIT] = DB_SQL("COPY measure_co_unit(measure_id, unit_id) FROM STDIN"),
    [BULK_PROGRESS] = DB_SQL("COPY progress(measure_id, unit_id, author_id, period, body, percent,"
                             " state, reported_on, created_at) FROM STDIN"),
    [BULK_EVENT] = DB_SQL("COPY event(measure_id, inspection_id, actor_id, at, action, from_state,"
                          " to_state, comment) FROM STDIN"),
    [BULK_REVIEW] = DB_SQL("COPY review(measure_id, stage, decision, comment, reviewer_id,"
                           " reviewed_at) FROM STDIN"),
    [BULK_EVIDENCE] = DB_SQL("COPY evidence(measure_id, file_name, media_type, size, sha256,"
                             " uploaded_by, uploaded_at) FROM STDIN"),
};

int bulk_begin(Db *db, DbBulk *b, Err *err)
{
    memset(b, 0, sizeof *b);
    b->db = db;
    b->copy = db_is_pg(db);
    date_now_iso(b->now);
    for (int t = 0; t < BULK__COUNT; t++)
        b->rows[t] = (Buf)BUF_INIT;
    if (!b->copy)
        return 0;
    /*
    ** Transactional DDL: a rollback of the load undoes both. Measure pages written by the load
    ** keep 60% of their room free, so that bulk_end's update of last_report_on and of the
    ** on-time summary (no index holds them) puts each row's new version beside the old one (a
    ** HOT update): no index entries.
    */
    if (db_exec(db, "ALTER TABLE measure SET (fillfactor = 40)", err) < 0 ||
        db_exec(db, "ALTER TABLE progress DISABLE TRIGGER progress_ontime_insert", err) < 0)
        return -1;
    return db_exec(db, "ALTER TABLE progress DISABLE TRIGGER progress_light_insert", err);
}

/* One text column in COPY's text format: NULL as \N, backslash and control bytes escaped. */
static void col_text(Buf *out, const char *s, bool first)
{
    if (!first)
        buf_putc(out, '\t');
    if (!s) {
        buf_puts(out, "\\N");
        return;
    }
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '\\': buf_puts(out, "\\\\"); break;
        case '\t': buf_puts(out, "\\t"); break;
        case '\n': buf_puts(out, "\\n"); break;
        case '\r': buf_puts(out, "\\r"); break;
        default: buf_putc(out, *p);
        }
    }
}

static void col_int(Buf *out, int64_t v)
{
    buf_printf(out, "\t%lld", (long long)v);
}

/* An id column: NULL for 0, as DB_ID binds it. */
static void col_id(Buf *out, int64_t id, bool first)
{
    if (id == 0)
        col_text(out, NULL, first);
    else
        buf_printf(out, first ? "%lld" : "\t%lld", (long long)id);
}

static void col_day(Buf *out, Day d)
{
    char iso[DATE_ISO_SIZE];
    col_text(out, d == DAY_NONE ? NULL : date_format(d, iso), false);
}

/*
** End the row of table t. Once the rows make a batch, a measure's end sends them all: only
** there, so that no report goes before the measure it belongs to.
*/
static int row_end(DbBulk *b, int t, Err *err)
{
    buf_putc(&b->rows[t], '\n');
    b->pending += b->rows[t].len - b->counted[t];
    b->counted[t] = b->rows[t].len;
    return t != BULK_MEASURE || b->pending < BULK_BATCH ? 0 : bulk_flush(b, err);
}

/* The next measure id of the sequence, drawn a thousand at a time. */
static int next_measure_id(DbBulk *b, int64_t *id, Err *err)
{
    if (b->next_id == b->n_ids) {
        Arena a = ARENA_INIT;
        int64_t *ids;
        int n;
        int rc = db_list(b->db,
                         DB_SQL("SELECT nextval(pg_get_serial_sequence('measure', 'id'))"
                                " FROM generate_series(1, 1000)"),
                         DB_NOARGS, &db_map_ids, &a, &ids, &n, err);
        if (rc == 0 && n == 0)
            rc = err_fail(err, ERR_DB, "no measure ids drawn");
        if (rc == 0) {
            free(b->ids);
            b->ids = xmalloc((size_t)n * sizeof *b->ids);
            memcpy(b->ids, ids, (size_t)n * sizeof *ids);
            b->n_ids = n;
            b->next_id = 0;
        }
        arena_free(&a);
        if (rc < 0)
            return -1;
    }
    *id = b->ids[b->next_id++];
    return 0;
}

int bulk_measure_start(DbBulk *b, Measure *m, Err *err)
{
    if (!b->copy)
        return measure_store_insert(b->db, m, err);
    return next_measure_id(b, &m->id, err);
}

/* The pairs (measure, v) of list, each value once (the stores' ON CONFLICT DO NOTHING). */
static void owner_rows(Buf *o, int64_t measure_id, const int64_t *list, int n)
{
    for (int i = 0; i < n; i++) {
        bool seen = false;
        for (int j = 0; j < i && !seen; j++)
            seen = list[j] == list[i];
        if (!seen)
            buf_printf(o, "%lld\t%lld\n", (long long)measure_id, (long long)list[i]);
    }
}

int bulk_measure_finish(DbBulk *b, const Measure *m, MeasureState from, Err *err)
{
    if (!b->copy)
        return measure_store_update_state(b->db, m, from, err);
    Buf *o = &b->rows[BULK_MEASURE];
    col_id(o, m->id, true);
    col_id(o, m->inspection_id, false);
    col_id(o, m->finding_id, false);
    col_int(o, m->ordinal);
    col_text(o, m->label ? m->label : "", false);
    col_text(o, m->title, false);
    col_text(o, m->body ? m->body : "", false);
    col_text(o, model_kind_name(m->kind), false);
    col_text(o, m->target ? m->target : "", false);
    col_day(o, m->deadline);
    col_int(o, m->long_term);
    col_id(o, m->lead_unit_id, false);
    col_text(o, model_state_name(m->state), false);
    col_int(o, m->percent);
    col_int(o, m->return_count);
    col_int(o, m->onsite_required);
    col_day(o, m->closed_on);
    col_day(o, m->revisit_due);
    col_id(o, m->line_first, false);
    col_id(o, m->line_last, false);
    col_text(o, b->now, false);
    col_text(o, b->now, false);
    owner_rows(&b->rows[BULK_LEADER], m->id, m->leader_ids, m->n_leaders);
    owner_rows(&b->rows[BULK_CO_UNIT], m->id, m->co_unit_ids, m->n_co_units);
    return row_end(b, BULK_MEASURE, err);
}

int bulk_progress(DbBulk *b, const Progress *p, Err *err)
{
    if (!b->copy) {
        Progress copy = *p;
        return progress_store_insert(b->db, &copy, err);
    }
    Buf *o = &b->rows[BULK_PROGRESS];
    col_id(o, p->measure_id, true);
    col_id(o, p->unit_id, false);
    col_id(o, p->author_id, false);
    col_text(o, p->period ? p->period : "", false);
    col_text(o, p->body, false);
    col_int(o, p->percent);
    col_text(o, vocab_name(VOCAB_PROGRESS_STATE, (int)p->state), false);
    col_day(o, p->reported_on);
    col_text(o, b->now, false);
    return row_end(b, BULK_PROGRESS, err);
}

int bulk_event(DbBulk *b, const Event *e, Err *err)
{
    if (!b->copy) {
        Event copy = *e;
        return event_store_insert(b->db, &copy, err);
    }
    Buf *o = &b->rows[BULK_EVENT];
    col_id(o, e->measure_id, true);
    col_id(o, e->inspection_id, false);
    col_id(o, e->actor_id, false);
    col_text(o, e->at ? e->at : b->now, false);
    col_text(o, e->action, false);
    col_text(o, e->from_state, false);
    col_text(o, e->to_state, false);
    col_text(o, e->comment ? e->comment : "", false);
    return row_end(b, BULK_EVENT, err);
}

int bulk_review(DbBulk *b, int64_t measure_id, ReviewStage stage, ReviewDecision decision,
                const char *comment, int64_t reviewer_id, Err *err)
{
    if (!b->copy)
        return review_store_insert(b->db, measure_id, stage, decision, comment, reviewer_id, err);
    Buf *o = &b->rows[BULK_REVIEW];
    col_id(o, measure_id, true);
    col_text(o, vocab_name(VOCAB_REVIEW_STAGE, (int)stage), false);
    col_text(o, vocab_name(VOCAB_REVIEW_DECISION, (int)decision), false);
    col_text(o, comment ? comment : "", false);
    col_id(o, reviewer_id, false);
    col_text(o, b->now, false);
    return row_end(b, BULK_REVIEW, err);
}

int bulk_evidence(DbBulk *b, int64_t measure_id, const char *file_name, const char *media_type,
                  int64_t size, const char *sha256, int64_t uploaded_by, Err *err)
{
    if (!b->copy)
        return evidence_store_insert(b->db, measure_id, 0, file_name, media_type, size, sha256,
                                     uploaded_by, err);
    Buf *o = &b->rows[BULK_EVIDENCE];
    col_id(o, measure_id, true);
    col_text(o, file_name, false);
    col_text(o, media_type, false);
    col_int(o, size);
    col_text(o, sha256, false);
    col_id(o, uploaded_by, false);
    col_text(o, b->now, false);
    return row_end(b, BULK_EVIDENCE, err);
}

int bulk_flush(DbBulk *b, Err *err)
{
    for (int t = 0; t < BULK__COUNT; t++) {
        if (b->rows[t].len == 0)
            continue;
        int rc = db_copy_in(b->db, copy_sql[t], b->rows[t].data, b->rows[t].len, err);
        buf_reset(&b->rows[t]);
        b->counted[t] = 0;
        if (rc < 0)
            return -1;
    }
    b->pending = 0;
    return 0;
}

int bulk_end(DbBulk *b, int rc, Err *err)
{
    if (rc == 0 && b->copy) {
        /* What the suspended triggers would have left: each measure's latest counted report,
           its on-time cycles and their summary (migrate_ontime.sql), in one update a row. */
        if (bulk_flush(b, err) < 0 ||
            db_run(b->db,
                   DB_SQL("INSERT INTO measure_ontime(measure_id, due) SELECT measure_id, due"
                          " FROM progress_ontime WHERE reported_on <= due ON CONFLICT DO NOTHING"),
                   DB_NOARGS, err) < 0 ||
            db_run(b->db,
                   DB_SQL("UPDATE measure SET last_report_on = x.last, ontime_n = s.n,"
                          " ontime_first = s.first, ontime_prev = s.prev, ontime_last = s.last"
                          " FROM (SELECT measure_id, max(reported_on) AS last FROM progress"
                          " WHERE state IN ('submitted', 'accepted') GROUP BY measure_id) x"
                          " JOIN measure_ontime_sum s ON s.measure_id = x.measure_id"
                          " WHERE measure.id = x.measure_id"
                          " AND (measure.last_report_on IS DISTINCT FROM x.last"
                          " OR measure.ontime_n IS DISTINCT FROM s.n"
                          " OR measure.ontime_last IS DISTINCT FROM s.last)"),
                   DB_NOARGS, err) < 0 ||
            db_exec(b->db, "ALTER TABLE progress ENABLE TRIGGER progress_light_insert", err) < 0 ||
            db_exec(b->db, "ALTER TABLE progress ENABLE TRIGGER progress_ontime_insert", err) < 0 ||
            db_exec(b->db, "ALTER TABLE measure RESET (fillfactor)", err) < 0)
            rc = -1;
    }
    for (int t = 0; t < BULK__COUNT; t++)
        buf_free(&b->rows[t]);
    free(b->ids);
    b->ids = NULL;
    return rc;
}
