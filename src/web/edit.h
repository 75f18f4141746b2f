/*
** edit.h: what the office's edit pages (page_edit_*.c) and the edit API (api_edit.c) share:
** reading an inspection, a finding or a measure from a form or a JSON body into the record, with
** the names of the fields at fault, so that both front doors validate alike; the version check
** (a form's hidden "version", the API's If-Match or "version"); and the reply to a refused edit.
*/
#ifndef ZG_WEB_EDIT_H
#define ZG_WEB_EDIT_H

#include "ledger/plan.h"
#include "web/request.h"

#include <jansson.h>

/* The gaps an edit page or the coverage API lists at most (the total is always given). */
#define EDIT_GAPS_MAX 200
/* The measures the plan's tree editor lists at most: all of a plan up to it, else per finding. */
#define EDIT_TREE_ROWS 500

/* Where the input comes from: the urlencoded form of r, or a JSON object (body not NULL). */
typedef struct EditIn {
    Request *r;   /* the request (form parameters, arena, database) */
    json_t *body; /* the JSON body, or NULL for a form */
} EditIn;

/* The fields at fault, with a Chinese message for each (forms show them next to the field). */
typedef struct EditFaults {
    const char *fields[16]; /* names of the fields at fault */
    const char *texts[16];  /* Chinese message for each, or NULL for the generic one */
    int n;
} EditFaults;

/* Record a fault on field with a Chinese text (NULL: 请检查此项). */
void edit_fault(EditFaults *f, const char *field, const char *text);
/* The Chinese message of field when at fault, else NULL. */
const char *edit_fault_text(const EditFaults *f, const char *field);

/*
** Read the inspection fields present in the input into *in (a form carries all of them;
** absent JSON members keep their value), then plan_check_inspection. Faults into *faults.
*/
void edit_read_inspection(EditIn *e, Inspection *in, EditFaults *faults);
/* The same for a finding's level, title and body (and, for a new one, parent_id). */
void edit_read_finding(EditIn *e, Finding *f, EditFaults *faults);
/*
** The same for a measure: text fields, kind, deadline (date or empty; kind long_term or the
** long_term flag), lead unit, co-units and leaders (JSON: ids; forms: names matched on the
** server, "姓名" or "姓名（职务）", separated by 、，, or new lines: an unknown or ambiguous name
** is a fault naming it; a form shown again takes the typed names from the request).
*/
void edit_read_measure(EditIn *e, Measure *m, EditFaults *faults);

/*
** The version the client edits: If-Match ("v3-…" or "3") or the input's "version". Returns the
** version, or 0 after replying 428 when there is none (a form always carries one).
*/
int64_t edit_version_or_reply(EditIn *e);

/*
** One save of an edit, alike on the pages and in the API: where the input comes from, the
** version it changes (0 for a new record), the faults of what was read and r's user as the
** ledger's actor:
**     EditSave s;
**     if (!edit_save_begin_or_reply(r, EDIT_FORM, EDIT_VERSIONED, &s))
**         return;
**     edit_read_measure(&s.in, &m, &s.faults);
**     if (!s.faults.n && plan_measure_update(r->db, &s.actor, &m, s.version, …) == 0) …
**     edit_save_end(&s);
*/
typedef struct EditSave {
    EditIn in;         /* the form, or the JSON body (freed by edit_save_end) */
    int64_t version;   /* the version the client edits, 0 when none was asked for */
    EditFaults faults; /* the fields at fault in what was read */
    Actor actor;       /* who saves */
} EditSave;

enum { EDIT_FORM = 0, EDIT_JSON = 1 };     /* where the input comes from */
enum { EDIT_NEW = 0, EDIT_VERSIONED = 1 }; /* whether the save names a version */

/*
** Begin a save of r's form or JSON body (api_body_or_reply), with the version it edits when
** versioned (edit_version_or_reply). False after replying (415, 400, 428, 412).
*/
bool edit_save_begin_or_reply(Request *r, int from, int versioned, EditSave *s);
/* Free what edit_save_begin_or_reply read. */
void edit_save_end(EditSave *s);

/* The reason given with an edit ("reason"), or NULL when empty. */
const char *edit_reason(EditIn *e);

/*
** A new inspection with the defaults both front doors start from (巡察, monthly reports, warned 7
** days ahead, no dates, empty texts), in u's organisation. A new measure of finding f with in's
** defaults (dated, no deadline, on-site check as the inspection requires, empty texts).
*/
Inspection edit_new_inspection(const User *u);
Measure edit_new_measure(const Finding *f, const Inspection *in);

/*
** The inspection of r's path when r's user may edit it; else reply (404, 403) and false. The
** same for the finding of r's path and its inspection, and for a measure (read access first,
** so that a hidden measure stays hidden).
*/
bool edit_inspection_or_reply(Request *r, Inspection *in);
bool edit_finding_or_reply(Request *r, Finding *f, Inspection *in);
bool edit_measure_or_reply(Request *r, Measure *m, Inspection *in);

/*
** Before a form shown again after a refused save: the status (422 for faults, else by r->err's
** code) and no caching, true; a server's fault is answered as route_fail_err does, false.
*/
bool edit_refused_or_reply(Request *r, const EditFaults *faults);

/*
** Issue the plan of the inspection of r's path for r's user: 1 issued, -1 refused (r->err says
** why; *gaps, *n the coverage gaps that block it, in r's arena, unless gaps and n are NULL), 0
** after replying (404, 403).
*/
int edit_issue(Request *r, Inspection *in, PlanGap **gaps, int *n);

/*
** Delete the finding of r's path for r's user (the same for a measure): 1 deleted, -1 refused
** (r->err says why: a finding with measures, an issued plan), 0 after replying (404, 403).
** *f and *in are the record and its inspection.
*/
int edit_delete_finding(Request *r, Finding *f, Inspection *in);
int edit_delete_measure(Request *r, Measure *m, Inspection *in);
/*
** Withdraw (撤销) the measure of r's path with the reason and the version of r's form or JSON
** body (from: EDIT_FORM or EDIT_JSON): 1 withdrawn, -1 refused (r->err says why), 0 after
** replying. *m and *in are the measure as it was and its inspection.
*/
int edit_withdraw_measure(Request *r, int from, Measure *m, Inspection *in);

/* The form's move "dir": "up" -1, "down" +1, else 0. */
int edit_form_dir(Request *r);

/* --- Pieces of the edit pages (page_edit.c) --- */
/*
** Redirect to the plan's tree editor after an edit (done: the notice's key), at finding_id and
** with it open, so that a large plan (EDIT_TREE_ROWS) shows the measures just changed.
*/
void edit_back_to_tree(Request *r, int64_t inspection_id, const char *done, int64_t finding_id);

/* The list of faults as one alert ("请修改以下各项：…"), nothing when there is none. */
void edit_html_faults(Buf *h, const EditFaults *f);
/*
** A labelled input: <label>label<input name value …></label> with the fault's text under it.
** type is an input type ("text", "date", "number"); required adds the attribute.
*/
void edit_html_input(Buf *h, const char *label, const char *name, const char *type,
                     const char *value, bool required, const EditFaults *f);
/* A labelled textarea. */
void edit_html_textarea(Buf *h, const char *label, const char *name, const char *value, int rows,
                        const EditFaults *f);
/* A date input (value DAY_NONE: empty). */
void edit_html_day(Buf *h, const char *label, const char *name, Day d, const EditFaults *f);
/* A checkbox. */
void edit_html_check(Buf *h, const char *label, const char *name, bool on);
/* A <select> of an enumeration: names[i] / labels[i] for i < n, current selected. */
void edit_html_select(Buf *h, const char *label, const char *name, const char *const *names,
                      const char *const *labels, int n, int current);
/* An <option> of finding f (value its id, text its label and title), selected or not. */
void edit_html_finding_option(Request *r, const Finding *f, bool selected);
/* A hidden field name=value. */
void edit_html_hidden(Buf *h, const char *name, const char *value);
/* The hidden version field of an edit form. */
void edit_html_version(Buf *h, int64_t version);
/* The opening of a POST form of class cls to action, with the CSRF field. */
void edit_html_form(Request *r, const char *cls, const char *action);
/* A link to a record: <a href="href">label title</a>. */
void edit_html_record(Buf *h, const char *href, const char *label, const char *title);
/*
** The crumbs of an edit page: a link to the edit page of inspection in, then " › " and the
** record's label and title (a link to href, or plain text when href is NULL) unless title is NULL.
*/
void edit_html_crumbs(Request *r, const Inspection *in, const char *href, const char *label,
                      const char *title);
/* A one-button POST form to action (with CSRF), hidden field name=value when name is set. */
void edit_html_button(Request *r, const char *action, const char *name, const char *value,
                      const char *text, const char *confirm);
/*
** A refused edit as a page: the status of r->err's code, "操作未完成", the Chinese text and a link
** back to back_href. A 500 replies as route_fail_err does.
*/
void edit_html_refused(Request *r, const char *text, const char *back_href, const char *back_text);
/* One POST form to action (with CSRF) with two buttons: 上移 (dir=up) and 下移 (dir=down). */
void edit_html_updown(Request *r, const char *action);

#endif
