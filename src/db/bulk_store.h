/*
** bulk_store.h: the writes of a bulk load (the demo generator at nation scale: millions of
** progress reports, events, reviews and evidence rows in one transaction). On SQLite each call
** is the store's own INSERT (activity_store.h). On PostgreSQL, where one statement is one round
** trip, rows are collected per table and sent with COPY a few thousand at a time (a measure
** written once, in its final state, with ids drawn from its sequence a thousand at a time); the triggers
** that keep measure.last_report_on and its on-time cycles (migrate_ontime.sql) are suspended
** for the load and their columns set in one statement at the end (bulk_end), so a report does not rewrite its measure's row (the load's
** measure pages keep room for that one update beside each row, fillfactor 40).
**
** Rows collected but not yet sent are invisible to queries: a load writes through these calls
** only rows that nothing reads before bulk_end (or bulk_flush). Rows get their ids from the
** tables' sequences, in the order they were added, as single INSERTs would.
*/
#ifndef ZG_BULK_STORE_H
#define ZG_BULK_STORE_H

#include "base/buf.h"
#include "db/model.h"

/* The tables, in the order a flush sends them (a row's references first). */
enum {
    BULK_MEASURE,
    BULK_LEADER,
    BULK_CO_UNIT,
    BULK_PROGRESS,
    BULK_EVENT,
    BULK_REVIEW,
    BULK_EVIDENCE,
    BULK__COUNT
};

typedef struct DbBulk {
    Db *db;                /* where the rows go */
    bool copy;             /* PostgreSQL: rows are collected and sent with COPY */
    Buf rows[BULK__COUNT]; /* per table, rows in COPY's text format not yet sent */
    size_t counted[BULK__COUNT]; /* bytes of rows[] counted in pending */
    size_t pending;        /* bytes in rows[] */
    int64_t *ids;          /* measure ids drawn from the sequence and not used yet */
    int n_ids, next_id;    /* how many were drawn, the next to use */
    char now[21];          /* the load's creation time (TIME_ISO_SIZE) */
} DbBulk;

/* Start a bulk load on db inside the caller's open write transaction. 0, or -1 with err. */
int bulk_begin(Db *db, DbBulk *b, Err *err);
/*
** Start measure m (its history follows, then bulk_measure_finish): m->id is set. SQLite
** inserts the row as m is now; PostgreSQL only draws its id.
*/
int bulk_measure_start(DbBulk *b, Measure *m, Err *err);
/*
** Finish measure m, started in state `from`, now in m->state: SQLite updates the row's state
** (measure_store_update_state); PostgreSQL writes the whole row, its leaders and co-units.
*/
int bulk_measure_finish(DbBulk *b, const Measure *m, MeasureState from, Err *err);
/* A progress report; p->id is not set. */
int bulk_progress(DbBulk *b, const Progress *p, Err *err);
/* A timeline event; e->id is not set. */
int bulk_event(DbBulk *b, const Event *e, Err *err);
/* A review (as review_store_insert). */
int bulk_review(DbBulk *b, int64_t measure_id, ReviewStage stage, ReviewDecision decision,
                const char *comment, int64_t reviewer_id, Err *err);
/* An evidence row of a measure, not tied to a report (as evidence_store_insert). */
int bulk_evidence(DbBulk *b, int64_t measure_id, const char *file_name, const char *media_type,
                  int64_t size, const char *sha256, int64_t uploaded_by, Err *err);
/* Send every collected row; between measures only (a report must follow its measure). */
int bulk_flush(DbBulk *b, Err *err);
/*
** End the load by rc, the outcome of the work so far: when it is 0, send the rest and restore
** what bulk_begin suspended; always free the buffers. Returns rc, or -1 when ending failed. The
** caller's transaction commits or rolls back as usual afterwards.
*/
int bulk_end(DbBulk *b, int rc, Err *err);

#endif
