/*
** listcache.h: what a page of measures shows besides its rows - the names of its lead units,
** co-units and leaders, and its inspections' records - from a per-thread cache checked against
** the data version.
*/
#ifndef ZG_WEB_LISTCACHE_H
#define ZG_WEB_LISTCACHE_H

#include "db/measure_store.h"
#include "web/request.h"

/*
** Fill *out with the names of the lead units, co-units and leaders of ms[0..n) (whose parts are
** loaded): arrays from r's arena, each sorted by id, without repeats; an id without a row is left
** out (idname_find then answers ""). Names come from this thread's cache while the data version
** (view_store_data_version) is the one they were read at; the missing ones are read in one query
** (view_store_page_names) and kept. Returns 0, or -1 with r->err set.
*/
int listcache_names(Request *r, Measure *const *ms, int n, IdNames *out);
/*
** Fill the leaders and co-units (ascending by id, arrays in r's arena) of the measures
** ms[0..n), which were loaded without them, from this thread's cache at the current data
** version; the missing ones are read in one query (view_store_parts) and kept. Returns 0, or -1
** with r->err set.
*/
int listcache_owners(Request *r, Measure **ms, int n);
/*
** The rows of the measures ids[0..n) as measure_store_page_rows reads them, into *out (r's
** arena, strings copied, in the order of ids; an id without a row is left out) of *n_out: from
** this thread's cache at the current data version; the missing ones are read in one query and
** kept (2,048 measures per thread). Returns 0, or -1 with r->err set.
*/
int listcache_rows(Request *r, const int64_t *ids, int n, Measure **out, int *n_out);
/*
** measure_store_count of f and light: an inspection's count by state from this thread's copy of
** its tally (measure_store_tally, kept for 16 inspections at the current data version, the
** organisation checked on the inspection cache), any other one by SQL. Returns 0, or -1 with
** r->err set.
*/
int listcache_count(Request *r, const MeasureFilter *f, int light, const MeasureLightDay *day,
                    int64_t *n);
/*
** The inspections of ids[0..n_ids) (distinct) with the fields view_store_inspections reads, into
** *out (r's arena, sorted by id, strings copied; an id without a row is left out) of *n. From
** this thread's cache of every inspection (view_inspection_cache) at the current data version.
** Returns 0, or -1 with r->err set.
*/
int listcache_inspections(Request *r, const int64_t *ids, int n_ids, Inspection **out, int *n);

#endif
