/*
** view_store.h: the small reads of the web's ledger pages that no aggregate store offers: the
** data version (for caches), names of units and persons for a set of ids, the parts of a set of
** measures (leaders, co-units, report days) by id, brief inspection records for lists and
** lights, and the evidence metadata of a measure. Each is one query, so a page of 25 rows costs
** a handful of statements rather than one per row.
*/
#ifndef ZG_VIEW_STORE_H
#define ZG_VIEW_STORE_H

#include "base/arena.h"
#include "db/db.h"
#include "db/model.h"

/* Units; persons by name; persons as a reader knows them, by name and post (张建国（区委书记）). */
typedef enum ViewTable { VIEW_UNITS, VIEW_PERSONS, VIEW_PERSON_POSTS } ViewTable;

/*
** The data version. version[0] is the newest audit sequence number (0 for an empty log): every
** state change writes an audit row in its transaction, so a cache keyed by it never serves
** stale figures. version[1], for caches that must never serve a row another connection changed
** even without an audit row, changes with any commit (SQLite's data version of the file, of this
** connection or another: db_file_version) or of any transaction (a 64-bit digest of
** PostgreSQL's current snapshot, whose xmax and in-progress list move with every transaction
** that writes). Equal pairs: nothing committed in between.
*/
int view_store_data_version(Db *db, int64_t version[2], Err *err);
/* The count of changes to the inspection table (migrate_inspection_seq.sql) into *seq. */
int view_store_inspection_seq(Db *db, int64_t *seq, Err *err);
/*
** Names of the units or persons among ids[0..n) (duplicates allowed), as an arena array sorted
** by id; ids that do not exist are left out.
*/
int view_store_names(Db *db, Arena *arena, ViewTable table, const int64_t *ids, int n, IdName **out,
                     int *n_out, Err *err);
/*
** The names of units unit_ids[0..nu) and persons person_ids[0..np) in one query: arena arrays
** *units of *n_units and *persons of *n_persons, each sorted by id.
*/
int view_store_page_names(Db *db, Arena *arena, const int64_t *unit_ids, int nu,
                          const int64_t *person_ids, int np, IdName **units, int *n_units,
                          IdName **persons, int *n_persons, Err *err);
/*
** Fill the leaders, co-units and report days on or after reports_since (none when DAY_NONE:
** the rows keep the days they hold) of the measures ms[0..n), which were loaded without them,
** in one query over their ids (no names: view_store_page_names gives those of a page's distinct
** ids). Lights need only the current report cycle's days, so a recent bound keeps a page's rows
** few. Arrays come from arena; report days ascending.
*/
int view_store_parts(Db *db, Arena *arena, Measure **ms, int n, Day reports_since, Err *err);
/*
** Inspections with the fields lists, access and lights need (id, kind, title, target,
** group_name, feedback_on, concentrated_end, onsite_start, report cycle and due day, warn_days,
** require_signoff, state, org_unit_id), by id. ids NULL: every inspection; else those of
** ids[0..n_ids). Strings in arena.
*/
int view_store_inspections(Db *db, Arena *arena, const int64_t *ids, int n_ids, Inspection **out,
                           int *n, Err *err);

#endif
