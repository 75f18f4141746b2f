/*
** report_store.c: SQL for the generated reports (report_store.h).
*/
#include "report_store.h"

#include "base/buf.h"
#include "db/clue_store.h"

/* ?1 the inspection, and the cut-off of a report as of a past day: ?2 the day (ISO), ?3 the next
   day (entry times before it were made by the end of the day); NULL both for the ledger as it is
   now. */
#define CUTOFF_ARGS(id, cutoff)                                                                    \
    DB_ARGS(DB_INT(id), DB_DAY(cutoff), DB_DAY((cutoff) == DAY_NONE ? DAY_NONE : (cutoff) + 1))

/* One row of a count query, added into the counts. */
typedef void (*CountFn)(DbStmt *st, ReportCounts *out);

/* Bind the inspection, step st to the end giving each row to fn. 0, or -1 with err. */
static int count_rows(Db *db, DbStmt *st, int64_t inspection_id, Day cutoff, CountFn fn,
                      ReportCounts *out, Err *err)
{
    int rc;
    db_bind_args(st, CUTOFF_ARGS(inspection_id, cutoff));
    while ((rc = db_step(db, st, err)) == 1)
        fn(st, out);
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

static void meeting_count(DbStmt *st, ReportCounts *out)
{
    int k = vocab_parse(VOCAB_MEETING_KIND, db_col_text(st, 0));
    if (k >= 0)
        out->meetings[k] = (int)db_col_int(st, 1);
}

static void mechanism_count(DbStmt *st, ReportCounts *out)
{
    out->mechanisms_new = (int)db_col_int(st, 0);
    out->mechanisms_revised = (int)(db_col_int(st, 1) - out->mechanisms_new);
}

static void recovery_count(DbStmt *st, ReportCounts *out)
{
    int k = vocab_parse(VOCAB_RECOVERY_KIND, db_col_text(st, 0));
    if (k == RECOVERY_REFUND)
        out->refund_fen = db_col_int(st, 1);
    else if (k == RECOVERY_LOSS_RECOVERED)
        out->loss_fen = db_col_int(st, 1);
}

static void clue_count(DbStmt *st, ReportCounts *out)
{
    int count = (int)db_col_int(st, 3);
    if (vocab_parse(VOCAB_CLUE_KIND, db_col_text(st, 0)) == CLUE_KIND_PETITION)
        out->petitions += count;
    else
        out->clues += count;
    if (db_col_int(st, 1))
        out->concluded += count;
    int d = vocab_parse(VOCAB_CLUE_DISPOSAL, db_col_text(st, 2));
    if (d >= 0)
        out->disposal[d] += count;
}

int report_store_counts(Db *db, int64_t inspection_id, Day cutoff, ReportCounts *out, Err *err)
{
    memset(out, 0, sizeof *out);
    DbStmt *meetings = db_prepare(
        db,
        DB_SQL("SELECT kind, count(*) FROM meeting WHERE inspection_id = ?1"
               " AND (?2 IS NULL OR (held_on <= ?2 AND (created_at IS NULL OR created_at < ?3)))"
               " GROUP BY kind"));
    DbStmt *mechanisms =
        db_prepare(db, DB_SQL("SELECT coalesce(sum(is_new), 0), count(*) FROM mechanism"
                              " WHERE inspection_id = ?1 AND (?2 IS NULL OR ((issued_on IS NULL OR"
                              " issued_on <= ?2) AND (created_at IS NULL OR created_at < ?3)))"));
    DbStmt *recoveries = db_prepare(
        db,
        DB_SQL(
            "SELECT kind, sum(amount_fen) FROM recovery WHERE inspection_id = ?1"
            " AND (?2 IS NULL OR (recorded_on <= ?2 AND (created_at IS NULL OR created_at < ?3)))"
            " GROUP BY kind"));
    /* A clue counts as concluded as of the day when it was concluded by then. */
    DbStmt *clues = db_prepare(
        db, DB_SQL("SELECT kind, state = 'concluded' AND (?2 IS NULL OR concluded_on <= ?2),"
                   " disposal, count(*) FROM clue WHERE inspection_id = ?1"
                   " AND (?2 IS NULL OR ((received_on IS NULL OR received_on <= ?2)"
                   " AND (created_at IS NULL OR created_at < ?3))) GROUP BY 1, 2, 3"));
    if (count_rows(db, meetings, inspection_id, cutoff, meeting_count, out, err) < 0 ||
        count_rows(db, mechanisms, inspection_id, cutoff, mechanism_count, out, err) < 0 ||
        count_rows(db, recoveries, inspection_id, cutoff, recovery_count, out, err) < 0 ||
        count_rows(db, clues, inspection_id, cutoff, clue_count, out, err) < 0)
        return -1;
    return 0;
}

static const DbCol outcome_cols[] = {
    DB_COL_TEXT(ReportOutcome, type),
    DB_COL_TEXT(ReportOutcome, subtype),
    DB_COL_INT(ReportOutcome, persons),
};

static const DbRowMap outcome_map = DB_MAP(ReportOutcome, outcome_cols, NULL);

int report_store_outcomes(Db *db, Arena *arena, int64_t inspection_id, Day cutoff,
                          ReportOutcome **out, int *n, Err *err)
{
    return db_list(db,
                   DB_SQL("SELECT o.type, o.subtype, sum(o.persons) FROM clue_outcome o"
                          " JOIN clue c ON c.id = o.clue_id WHERE c.inspection_id = ?1"
                          " AND (?2 IS NULL OR ((o.decided_on IS NULL OR o.decided_on <= ?2)"
                          " AND (o.created_at IS NULL OR o.created_at < ?3)))"
                          " GROUP BY o.type, o.subtype ORDER BY o.type, o.subtype"),
                   CUTOFF_ARGS(inspection_id, cutoff), &outcome_map, arena, out, n, err);
}

int report_store_subjects(Db *db, Arena *arena, int64_t inspection_id, Day cutoff,
                          ReportSubject **out, int *n, Err *err)
{
    DbStmt *st =
        db_query(db,
                 DB_SQL("SELECT c.id, c.kind, c.subject_name, c.subject_post, o.type, o.subtype"
                        " FROM clue c JOIN clue_outcome o ON o.clue_id = c.id"
                        " WHERE c.inspection_id = ?1"
                        " AND (?2 IS NULL OR ((o.decided_on IS NULL OR o.decided_on <= ?2)"
                        " AND (o.created_at IS NULL OR o.created_at < ?3)))"
                        " ORDER BY c.id, o.id"),
                 CUTOFF_ARGS(inspection_id, cutoff));
    /* One row per outcome: a subject's outcomes are joined into one text as the rows pass. */
    ReportSubject *v = NULL;
    int count = 0, cap = 0, rc;
    Buf text = BUF_INIT;
    while ((rc = db_step(db, st, err)) == 1) {
        int64_t id = db_col_int(st, 0);
        if (count == 0 || v[count - 1].clue_id != id) {
            if (count)
                v[count - 1].outcomes = arena_strndup(arena, text.data, text.len);
            if (count == cap) {
                cap = cap ? 2 * cap : 16;
                v = xrealloc(v, sizeof *v * (size_t)cap);
            }
            ReportSubject *s = &v[count++];
            s->clue_id = id;
            s->kind = arena_strdup(arena, db_col_text(st, 1));
            s->name = clue_store_subject_open(db, arena, db_col_text(st, 2));
            s->post = arena_strdup(arena, db_col_text(st, 3));
            buf_reset(&text);
        }
        const char *sub = db_col_text(st, 5);
        buf_printf(&text, "%s%s", text.len ? "、" : "", db_col_text(st, 4));
        if (sub && *sub)
            buf_printf(&text, "（%s）", sub);
    }
    db_reset(st);
    if (count)
        v[count - 1].outcomes = arena_strndup(arena, text.data, text.len);
    buf_free(&text);
    if (rc == 0) {
        *out = arena_alloc(arena, sizeof *v * (size_t)count + 1);
        if (count)
            memcpy(*out, v, sizeof *v * (size_t)count);
        *n = count;
    }
    free(v);
    return rc < 0 ? -1 : 0;
}

static const DbCol progress_cols[] = {
    DB_COL_INT(ReportProgress, measure_id),
    DB_COL_TEXT(ReportProgress, body),
    DB_COL_DAY(ReportProgress, reported_on),
};

static const DbRowMap progress_map = DB_MAP(ReportProgress, progress_cols, NULL);

int report_store_latest_progress(Db *db, Arena *arena, int64_t inspection_id, Day cutoff,
                                 ReportProgress **out, int *n, Err *err)
{
    /* The accepted report that no later accepted report of its measure follows: portable SQL
       (no SQLite bare-column max()), each probe a seek in progress_measure. */
    return db_list(db,
                   DB_SQL("SELECT p.measure_id, p.body, p.reported_on FROM progress p"
                          " JOIN measure m ON m.id = p.measure_id"
                          " WHERE m.inspection_id = ?1 AND p.state = 'accepted'"
                          " AND (?2 IS NULL OR p.reported_on <= ?2) AND NOT EXISTS"
                          " (SELECT 1 FROM progress q WHERE q.measure_id = p.measure_id"
                          " AND q.state = 'accepted' AND (?2 IS NULL OR q.reported_on <= ?2)"
                          " AND (q.reported_on > p.reported_on"
                          " OR (q.reported_on = p.reported_on AND q.id > p.id)))"
                          " ORDER BY p.measure_id"),
                   CUTOFF_ARGS(inspection_id, cutoff), &progress_map, arena, out, n, err);
}

static const DbCol history_cols[] = {
    DB_COL_INT(ReportHistory, measure_id), DB_COL_TEXT(ReportHistory, state),
    DB_COL_TEXT(ReportHistory, first),     DB_COL_INT(ReportHistory, returns),
    DB_COL_DAY(ReportHistory, closed_on),
};

static const DbRowMap history_map = DB_MAP(ReportHistory, history_cols, NULL);

int report_store_history(Db *db, Arena *arena, int64_t inspection_id, Day cutoff,
                         const char *return_action, const char *closed, const char *phase_complete,
                         ReportHistory **out, int *n, Err *err)
{
    /* Event ids grow with time: the last event before the cutoff is the one with the largest
       id among them. Each probe is a seek in event_measure. */
    return db_list(db,
                   DB_SQL("SELECT m.id,"
                          " (SELECT e.to_state FROM event e WHERE e.measure_id = m.id AND e.at < ?2"
                          " AND e.to_state IS NOT NULL ORDER BY e.id DESC LIMIT 1),"
                          " (SELECT e.from_state FROM event e WHERE e.measure_id = m.id"
                          " AND e.from_state IS NOT NULL ORDER BY e.id LIMIT 1),"
                          " (SELECT count(*) FROM event e WHERE e.measure_id = m.id AND e.at < ?2"
                          " AND e.action = ?3),"
                          " (SELECT substr(e.at, 1, 10) FROM event e WHERE e.measure_id = m.id"
                          " AND e.at < ?2 AND e.to_state IN (?4, ?5) ORDER BY e.id DESC LIMIT 1)"
                          " FROM measure m WHERE m.inspection_id = ?1"
                          " AND EXISTS (SELECT 1 FROM event e WHERE e.measure_id = m.id)"
                          " ORDER BY m.id"),
                   DB_ARGS(DB_INT(inspection_id), DB_DAY(cutoff + 1), DB_TEXT(return_action),
                           DB_TEXT(closed), DB_TEXT(phase_complete)),
                   &history_map, arena, out, n, err);
}

int report_store_unit_names(Db *db, Arena *arena, int64_t inspection_id, IdName **out, int *n,
                            Err *err)
{
    return db_list(
        db,
        DB_SQL("SELECT u.id, coalesce(u.short_name, u.name), '' FROM unit u WHERE u.id IN"
               " (SELECT lead_unit_id FROM measure WHERE inspection_id = ?1"
               " UNION SELECT c.unit_id FROM measure_co_unit c"
               " JOIN measure m ON m.id = c.measure_id WHERE m.inspection_id = ?1)"
               " ORDER BY u.id"),
        DB_ARGS(DB_INT(inspection_id)), &idname_map, arena, out, n, err);
}

int report_store_person_names(Db *db, Arena *arena, int64_t inspection_id, IdName **out, int *n,
                              Err *err)
{
    return db_list(db,
                   DB_SQL("SELECT p.id, p.name, p.post FROM person p WHERE p.id IN"
                          " (SELECT l.person_id FROM measure_leader l"
                          " JOIN measure m ON m.id = l.measure_id WHERE m.inspection_id = ?1)"
                          " ORDER BY p.id"),
                   DB_ARGS(DB_INT(inspection_id)), &idname_map, arena, out, n, err);
}

int report_store_text_get(Db *db, Arena *arena, int64_t inspection_id, const char *block,
                          const char **body, Err *err)
{
    return db_scalar_text(
        db, DB_SQL("SELECT body FROM report_text WHERE inspection_id = ?1 AND block = ?2"),
        DB_ARGS(DB_INT(inspection_id), DB_TEXT(block)), arena, body, err);
}

int report_store_text_set(Db *db, int64_t inspection_id, const char *block, const char *body,
                          Err *err)
{
    int64_t found;
    if (db_scalar(db, DB_SQL("SELECT id FROM inspection WHERE id = ?1"),
                  DB_ARGS(DB_INT(inspection_id)), &found, err) < 0)
        return -1;
    if (!found)
        return err_fail(err, ERR_NOTFOUND, "no inspection with id %lld", (long long)inspection_id);
    return db_run(db,
                  DB_SQL("INSERT INTO report_text(inspection_id, block, body, updated_at)"
                         " VALUES(?1, ?2, ?3, ?4) ON CONFLICT(inspection_id, block)"
                         " DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at"),
                  DB_ARGS(DB_INT(inspection_id), DB_TEXT(block), DB_TEXT(body), DB_NOW), err);
}

int report_store_record(Db *db, int64_t inspection_id, const char *kind, const char *format,
                        const char *sha256, int64_t *id, Err *err)
{
    return db_insert(
        db,
        DB_SQL("INSERT INTO report(inspection_id, kind, format, generated_at, content_sha256)"
               " VALUES(?1, ?2, ?3, ?4, ?5)"),
        DB_ARGS(DB_INT(inspection_id), DB_TEXT(kind), DB_TEXT(format), DB_NOW, DB_TEXT(sha256)), id,
        err);
}

int report_store_figure(Db *db, Arena *arena, int64_t inspection_id, const char *key,
                        const char **value, Err *err)
{
    return db_scalar_text(
        db, DB_SQL("SELECT value FROM inspection_figure WHERE inspection_id = ?1 AND key = ?2"),
        DB_ARGS(DB_INT(inspection_id), DB_TEXT(key)), arena, value, err);
}
