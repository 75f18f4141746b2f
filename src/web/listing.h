/*
** listing.h: the flat list of measures behind the 措施清单 page and the API's measure list:
** filters (inspection, unit, leader, state, light, text) narrowed to what the user may see
** (access_scope), lights for the date of the request, one of a few allow-listed sort orders and
** keyset pagination: a page is the first `limit` rows whose sort key comes after the cursor of
** the previous page's last row, so a page never depends on an OFFSET and rows do not repeat or
** go missing when others are added in between.
**
** Parameters (query string for pages and the API alike):
**   inspection, unit, leader   positive ids
**   state                      a stored state name (not_started …), or "open": every state
**                              but closed
**   light                      red, yellow, green, closed
**   q                          words in the title or text (full-text, Chinese)
**   sort                       deadline (default), ledger, state, light, unit
**   limit                      rows per page, 1..100 (default 25)
**   after                      the opaque cursor of ListingPage.next
** Anything else in those parameters is refused with 400 before any SQL runs.
*/
#ifndef ZG_WEB_LISTING_H
#define ZG_WEB_LISTING_H

#include "db/measure_store.h"
#include "ledger/light.h"
#include "web/request.h"

#define LISTING_PAGE_SIZE 25 /* rows per page unless limit says otherwise */
#define LISTING_MAX_LIMIT 100
#define LISTING_STATE_OPEN "open" /* the state parameter's value for every state but closed */
/* How far back a page's rows load their report days when the lights were not computed yet. */
#define LISTING_REPORT_DAYS 62

typedef enum ListingSort {
    LISTING_SORT_DEADLINE, /* deadline (none last), then id */
    LISTING_SORT_LEDGER,   /* inspection, finding, ordinal, id: the order of the ledger */
    LISTING_SORT_STATE,    /* workflow state, then deadline, id */
    LISTING_SORT_LIGHT,    /* red, yellow, green, closed, then deadline, id */
    LISTING_SORT_UNIT,     /* lead unit, then deadline, id */
    LISTING_SORT__COUNT
} ListingSort;

/* The key a row sorts by: three components and the measure id; the cursor encodes one. */
typedef struct ListingKey {
    int64_t k[3]; /* sort components, compared in order */
    int64_t id;   /* the measure id: ties broken, keys unique */
} ListingKey;

typedef struct ListingQuery {
    int64_t inspection_id; /* 0: every visible inspection */
    int64_t unit_id;       /* 0: any; else lead unit or co-unit */
    int64_t leader_id;     /* 0: any; else a leader (person) of the measure */
    int state;             /* -1: any; else a MeasureState */
    bool open;             /* every state but closed (state=open) */
    int light;             /* -1: any; else a Light */
    const char *text;      /* NULL: any; else full-text search words (in r's arena) */
    ListingSort sort;      /* the order */
    int limit;             /* rows per page, 1..LISTING_MAX_LIMIT */
    bool has_after;        /* a cursor was given */
    ListingKey after;      /* rows strictly after this key (when has_after) */
    int64_t after_at;      /* the cursor's position: rows up to it (0 when it carries none) */
} ListingQuery;

typedef struct ListingRow {
    const Measure *measure;  /* with leaders, co-units and the recent report days (those the
                                light needs: at least the last two months) loaded */
    Light light;             /* on r->today */
    unsigned why;            /* WHY_* bits */
    const char *lead_unit;   /* the lead unit's name, or NULL */
    const char *leaders;     /* the leaders' names joined by "、", or "" */
} ListingRow;

typedef struct ListingPage {
    ListingRow *rows;  /* this page, in order; arena array of n_rows */
    int n_rows;
    int total;         /* rows matching the filters (all pages) */
    int first;         /* 1-based position of this page's first row among them (0: empty);
                          as the cursor carries it, exact on the first two pages */
    const char *next;  /* cursor of the next page (for `after`), NULL on the last page */
    bool has_prev;     /* there is a previous page */
    const char *prev;  /* its cursor, NULL when the previous page is the first one */
    IdNames names;     /* the names of the rows' lead units, co-units and leaders, by id */
} ListingPage;

/* The stored names of the sort orders ("deadline" …), and the Chinese labels (按整改时限 …). */
const char *listing_sort_name(ListingSort s);
const char *listing_sort_label(ListingSort s);
/*
** The n dot-separated decimal integers (each optionally negative) that make up all of text, the
** body of a cursor, into v; false when text is anything else.
*/
bool listing_cursor_numbers(const char *text, int64_t *v, int n);
/*
** The rows before a page of n rows (of total) whose cursor carried the position `carried`, when a
** backward read from the cursor found `back` rows (it reads limit + 1 at most): exact when it
** found no more than a page, else at least a page and a row; at most total - n, at least 0.
** The position is shown only, so a page costs no count of the rows before it.
*/
int64_t listing_rows_before(int64_t carried, int back, int limit, int64_t total, int n);

/* The sort key of measure m (with light) under order s. */
ListingKey listing_key(ListingSort s, const Measure *m, Light light);
/* Compare two keys: <0, 0, >0. */
int listing_key_cmp(const ListingKey *a, const ListingKey *b);

/*
** Read the parameters above from r's query string into *q (defaults for absent ones). Returns 0,
** or -1 after replying 400 (route_fail: JSON on API routes, a page otherwise) naming the bad
** parameter; nothing of a bad value reaches SQL.
*/
int listing_parse(Request *r, ListingQuery *q);
/*
** The measure filter of q narrowed to r's user (access_scope). Returns 0, or -1 when the user
** sees no ledger at all (nothing is visible; no reply is sent).
*/
int listing_filter(Request *r, const ListingQuery *q, MeasureFilter *f);
/*
** How many measures q selects that r's user may see (all pages): a count over the index of the
** driving filter, for "第 26–50 条，共 N 条". Returns 0 (*n is 0 when nothing is visible), or
** -1 after replying 500 on a database error.
*/
int listing_count(Request *r, const ListingQuery *q, int64_t *n);
/*
** Fill *out with one page of the measures q selects that r's user may see (access_scope),
** everything in r's arena. Returns 0, or -1 after replying (403 when the user sees no ledger,
** 500 on a database error).
*/
int listing_measures(Request *r, const ListingQuery *q, ListingPage *out);

#endif
