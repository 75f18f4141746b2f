/*
** regpage.h: the markup the register pages share (page_clue.c, page_register.c,
** page_report.c, page_feedback in page_public.c): form fields and options, the inspection a
** register page is about, and the register's aggregate clue counts.
*/
#ifndef ZG_WEB_REGPAGE_H
#define ZG_WEB_REGPAGE_H

#include "db/model.h"
#include "db/report_store.h"
#include "web/html.h"
#include "web/request.h"

/* <label>label <input name type value [required]></label>; value NULL for none. */
void regpage_input(Buf *h, const char *label, const char *name, const char *type, const char *value,
                   bool required);
/* The same with a day value (empty for DAY_NONE). */
void regpage_day(Buf *h, const char *label, const char *name, Day value, bool required);
/*
** Open the office's entry form of a register section: a POST form to action (CSRF field
** included) headed <h3>heading</h3>, the inspection as a hidden field and the grid of fields.
** regpage_form_end closes the grid and the form after its 登记 button.
*/
void regpage_form_begin(Request *r, const char *action, const char *heading, int64_t inspection_id);
void regpage_form_end(Buf *h);
/* <label>label <select name>…</select></label> over every word of vocabulary v, none selected. */
void regpage_vocab_select(Buf *h, const char *label, const char *name, VocabId v);
/*
** Begin a register page: pick the inspection (?inspection=ID or the first visible one), write
** the layout, <h1>title</h1>, the inspection's title and the selector. Returns false when the
** reply is complete (an error, or a page saying there is no inspection).
*/
bool regpage_begin(Request *r, const char *title, Nav nav, Inspection *in);
/*
** The clue register's aggregate counts and outcomes of inspection_id (report_store, as of now;
** outcomes in r's arena), shared by the page and the API; false after replying.
*/
bool regpage_clue_figures(Request *r, int64_t inspection_id, ReportCounts *rc, ReportOutcome **os,
                          int *n);
/* The aggregate counts of in's clue register (no names): cards and the outcome table. */
bool regpage_clue_counts(Request *r, int64_t inspection_id);
/* A write to run during a GET (an audit entry, a delivery record). 0, or -1 with err. */
typedef int (*RegWriteFn)(Request *r, void *ctx, Err *err);
/*
** Run fn in its own write transaction, ending the request's read transaction before and
** opening one again after when a GET holds one. false after replying 500 on a failure.
*/
bool regpage_write(Request *r, RegWriteFn fn, void *ctx);
/* Embed an HTML report's body (report_html_body of render_html's page) into h. */
void regpage_report_body(Buf *h, const Buf *html);
/* An amount in fen as 万元 with up to four decimals: 12.3456. */
void regpage_wan(Buf *h, int64_t fen);

#endif
