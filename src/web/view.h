/*
** view.h: what the ledger pages (page_dashboard.c, page_inspection.c, page_tree.c, page_measure.c,
** page_unit.c) share: the markup of lights, states and reasons, Chinese labels of events, name
** look-ups, the inspection selector, and the scoped ledger of one inspection with its statistics
** for the request's date, computed once and kept in a per-thread cache.
*/
#ifndef ZG_WEB_VIEW_H
#define ZG_WEB_VIEW_H

#include "db/view_store.h"
#include "ledger/ledger.h"
#include "ledger/stats.h"
#include "ledger/workflow.h"
#include "web/html.h"
#include "web/request.h"

#include <pthread.h>

/*
** One inspection's ledger as r's user may see it (all measures for the organisation's office,
** leaders, discipline staff and observers; a unit user's own measures), with its statistics
** on r->today and the names of every unit and person it mentions.
*/
typedef struct ViewLedger {
    Ledger ledger;      /* findings all; measures narrowed to the user's scope */
    Stats stats;        /* ledger_stats of those; lights/why parallel to ledger.measures */
    LightRules rules;   /* the inspection's light rules */
    IdName *units;      /* the units its measures name, by id */
    int n_units;
    IdName *persons; /* the persons its measures name ("姓名（职务）"), by id */
    int n_persons;
    int64_t scope_unit; /* the unit the measures are narrowed to, 0 when not narrowed */
} ViewLedger;

/*
** The scoped ledger of inspection `in` (already checked with access_inspection) for r's user
** and r->today. Served from this worker thread's cache when the inspection, the day, the scope
** and the data version (request_audit_version) are unchanged, else computed and cached. The result
** is read-only and valid until the end of the request (a request calls this at most once).
** Returns NULL after replying 500 on a database error.
*/
const ViewLedger *view_ledger(Request *r, const Inspection *in);

/* The units (lead and co-) and the leaders that measures name, by id (repeats kept). */
typedef struct ViewPartyIds {
    int64_t *units;
    int n_units;
    int64_t *persons;
    int n_persons;
} ViewPartyIds;
/* The ids ms[0..n) name, into arena arrays: what a page or a ledger reads names for. */
void view_party_ids(Arena *arena, const Measure *const *ms, int n, ViewPartyIds *out);

/* The unit r's user's ledger is narrowed to (access_unit_only), 0 when not narrowed. */
int64_t view_scope_unit(const Request *r);

/* A selector of inspections lists at most this many; a longer find text is refused. */
#define VIEW_PICK_MAX 30
#define VIEW_FIND_MAX 200

/*
** The inspections r's user may read, by id, borrowed from this thread's cache of all
** inspections (refreshed when the data version changes) and valid until r ends. Returns 0, or
** -1 after replying (also 400 when the selectors' find text ?inspection_q= is over
** VIEW_FIND_MAX bytes).
*/
int view_inspections(Request *r, const Inspection **out, int *n);
/*
** The keyset page of list[0..n) (by id) after id `after` (0: from the first): sets *start to
** its first index and returns how many of at most limit it holds; *more when others follow.
*/
int view_inspections_after(const Inspection *list, int n, int64_t after, int limit, int *start,
                           bool *more);
/*
** The inspection the page is about: ?inspection=ID when given (404/403 when not visible), else
** the first visible one (*out zeroed with id 0 when there is none). Also fills the visible list
** for the selector. Returns 0, or -1 after replying.
*/
int view_pick_inspection(Request *r, const Inspection **list, int *n, Inspection *out);
/*
** The selector form (GET, field "inspection") over list: every inspection up to VIEW_PICK_MAX,
** past it the current one, those found by ?inspection_q= and the field to find them.
*/
void view_inspection_selector(Request *r, const Inspection *list, int n, int64_t current);

/*
** The record with this id in base[0..n) of records of `size` bytes whose first member is an
** int64_t id, sorted by id (Finding, Inspection, IdName …); NULL when absent.
*/
const void *view_by_id(const void *base, int n, size_t size, int64_t id);
/* The name of id in names[0..n) (sorted by id), or "—". */
const char *view_name(const IdName *names, int n, int64_t id);
/* The names of ids[0..n) joined with "、" into h, escaped. */
void view_names(Buf *h, const IdName *names, int n, const int64_t *ids, int n_ids);

/* A word and its Chinese label, for a small table looked up by the word. */
typedef struct ViewWord {
    const char *name;
    const char *label;
} ViewWord;
/* The label of name in words[0..n), NULL when absent or name is NULL. */
const char *view_word(const ViewWord *words, size_t n, const char *name);

/* A light dot with its label: <span class="lamp"><span class="light red"></span>红灯</span>. */
void view_light(Buf *h, Light l);
/* A state tag: <span class="tag state-in_progress">整改中</span>. */
void view_state(Buf *h, MeasureState s);
/* The reasons of a light in Chinese joined with "、" (已逾期、临近时限 …), escaped. */
void view_why(Buf *h, unsigned why);
/* The Chinese label of an event action ("report" → 报送进展); unknown names as given. */
const char *view_event_label(const char *action);
/* The Chinese label of a stored state name, or the name itself when unknown, NULL for NULL. */
const char *view_state_name_label(const char *name);

/* True when measure m is neither closed nor phase complete. */
bool view_open(const Measure *m);

/* The opening of a rates table up to <tbody>: units' (unit true) or leaders' columns. */
void view_rates_head(Buf *h, bool unit);
/*
** One row of a rates table: rt's figures under name, a link to the unit's page of
** inspection_id when link (only what the reader may open).
*/
void view_rate_row(Buf *h, const Rate *rt, const char *name, bool unit, bool link,
                   int64_t inspection_id);
/* The first two cells of a measure row: its light, and its label and title linking to it. */
void view_measure_cells(Buf *h, Light light, const Measure *m);
/*
** A link to measure id, path rest (NULL for none) after it, showing its label and title:
** <a href="/measures/12#supervision">（一）1.建立…</a>.
*/
void view_measure_link(Buf *h, int64_t id, const char *rest, const char *label, const char *title);
/*
** Open a table of class cls with a header row of heads (NULL-terminated); bit i of num marks
** column i as a number (<th class="num">). Rows follow; view_table_end closes it and says
** empty (<p class="empty">) when the table held no row (n 0).
*/
void view_table_begin(Buf *h, const char *cls, const char *const *heads, unsigned num);
void view_table_end(Buf *h, int n, const char *empty);
/*
** One row of a definition list (<dl class="facts">): view_fact opens it (<dt>label</dt><dd>), the
** caller writes the value, view_fact_end closes it; view_fact_text writes a text value (— when
** empty or NULL).
*/
void view_fact(Buf *h, const char *label);
void view_fact_end(Buf *h);
void view_fact_text(Buf *h, const char *label, const char *text);
/* A tag for each role in the set roles (ROLE_BIT), 未授权 when none. */
void view_role_tags(Buf *h, unsigned roles);
/* A cell (data-label label) linking to path followed by id ("/measures/" 12), showing text. */
void view_cell_link(Buf *h, const char *label, const char *path, int64_t id, const char *text);
/* A whole cell <td data-label="label">text</td>, the text escaped. */
void view_cell_text(Buf *h, const char *label, const char *text);
/* A whole cell holding an integer. */
void view_cell_int(Buf *h, const char *label, int64_t v);
/* <td data-label="label"> for responsive tables (label a literal or trusted text). */
void view_td(Buf *h, const char *label);
/*
** The keyset pager under a list: when full (the page held as many rows as it may), a link to the
** next page, href with key=last added to its query (href holds no user text unescaped for a URL).
*/
void view_pager(Buf *h, bool full, const char *href, const char *key, int64_t last,
                const char *text);

struct ListingQuery;
struct ListingPage;
/* The units and leaders a filter form offers, each by id with the name to show. */
typedef struct ViewChoices {
    const IdName *units;
    int n_units;
    const IdName *leaders;
    int n_leaders;
} ViewChoices;
/*
** The filter form <form class="filters" method="get"> with fields inspection (when list is not
** NULL: a select over list[0..n_list)), unit, leader (selects over c's units and leaders when c
** is not NULL, else the chosen one only), state, light, q and sort, showing q's values.
*/
void view_filter_form(Request *r, const struct ListingQuery *q, const ViewChoices *c,
                      const Inspection *list, int n_list);
/*
** Append q's filters and sort as the query string of an href attribute, "a=1&amp;b=2" (values
** URL-encoded), without the cursor; h normally ends with "?".
*/
void view_filter_query(Buf *h, const struct ListingQuery *q);
/* Append name=value (value URL-encoded) to such an href, after "&amp;" unless h ends with "?". */
void view_query_pair(Buf *h, const char *name, const char *value);
/*
** The pager of a keyset list: 第一页 and 上一页 when there is a page before, the position
** (第 26–50 条，共 300 条) and 下一页. href is the list's address with its filters, as written
** into h (view_filter_query); fragment ("#measures" or "") ends every link.
*/
void view_list_pager(Buf *h, const struct ListingPage *p, const Buf *href, const char *fragment);
/*
** The pieces of a filter form over measures, with q's choices selected: the <option>s of every
** measure state (the caller writes the select and its "all" options), the light select and
** the sort select, each in its <label>.
*/
void view_state_options(Buf *h, const struct ListingQuery *q);
void view_light_select(Buf *h, const struct ListingQuery *q);
void view_sort_select(Buf *h, const struct ListingQuery *q);

/* The head of a per-thread cache slot of one inspection's results for a day and a scope. */
typedef struct ViewSlot {
    bool valid;            /* holds a result */
    int64_t inspection_id; /* the key: inspection */
    Day today;             /* … the day */
    int64_t scope_unit;    /* … the unit scope (view_scope_unit; 0: the whole inspection) */
    int64_t version;       /* … the data version (request_audit_version) it was computed at */
    uint64_t variant;      /* … what else the result depends on (view_slot_variant), or 0 */
    uint64_t used;         /* last use, for eviction */
} ViewSlot;

/*
** r's slot for inspection in among the n slots at base, each `size` bytes and beginning with a
** ViewSlot: the valid one with r's key, or else (*hit false) the one with r's key at an older
** data version, if any (what it keeps may be brought up to date), or the least recently used one,
** with the key set and valid false, for the caller to empty, fill and mark valid. Either is marked
** used (*tick counts uses). Returns NULL after replying 500 when the version cannot be read.
*/
ViewSlot *view_slot(Request *r, const Inspection *in, void *base, size_t size, int n,
                    uint64_t *tick, bool *hit);
/*
** view_slot for results that also depend on `variant` (a page's filters, say): the slot's key
** holds the first 64 bits of its SHA-256.
*/
ViewSlot *view_slot_variant(Request *r, const Inspection *in, const char *variant, void *base,
                            size_t size, int n, uint64_t *tick, bool *hit);

/*
** A per-thread cache's key: declared static with destroy and size set, the rest zero
** ({.destroy = cache_free, .size = sizeof(Cache)}); the pthread key is made on first use.
*/
typedef struct ViewThreadKey {
    void (*destroy)(void *); /* frees one thread's value when the thread ends */
    size_t size;             /* bytes of a value, zeroed when made */
    _Atomic bool made;       /* key holds a pthread key */
    pthread_key_t key;       /* the pthread key */
} ViewThreadKey;

/*
** This thread's value of k: a zeroed block of k->size bytes made on the thread's first use and
** freed by k->destroy when the thread ends. The per-thread caches' one way in.
*/
void *view_thread_value(ViewThreadKey *k);
/*
** Every inspection (the fields view_store_inspections reads), by id, from this thread's cache at
** r's data version (read again when it moved): *all is valid until r ends. Returns 0, or -1
** with r->err set (no reply sent).
*/
int view_inspection_cache(Request *r, const Inspection **all, int *n);

#endif
