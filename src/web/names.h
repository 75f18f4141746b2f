/*
** names.h: the names of the units and persons a page of measures shows (its rows' lead units,
** co-units and leaders), from a per-thread cache checked against the data version.
*/
#ifndef ZG_WEB_NAMES_H
#define ZG_WEB_NAMES_H

#include "web/request.h"

/*
** Fill *out with the names of the lead units, co-units and leaders of ms[0..n) (whose parts are
** loaded): arrays from r's arena, each sorted by id, without repeats; an id without a row is left
** out (idname_find then answers ""). Names come from this thread's cache while the data version
** (view_store_data_version) is the one they were read at; the missing ones are read in one query
** (view_store_page_names) and kept. Returns 0, or -1 with r->err set.
*/
int names_of_page(Request *r, Measure *const *ms, int n, IdNames *out);

#endif
