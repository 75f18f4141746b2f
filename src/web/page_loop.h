/*
** page_loop.h: the daily loop's parts of the measure page (page_loop.c): leaders' instructions
** at the top until acknowledged; progress reports with their evidence files and the report form;
** supervision, revisits, spot checks; and the one form post that performs their actions.
*/
#ifndef ZG_WEB_PAGE_LOOP_H
#define ZG_WEB_PAGE_LOOP_H

#include "db/view_store.h"
#include "web/request.h"

/* Unacknowledged instructions (批示) of m, with the acknowledge button when r's user may. */
void page_loop_instructions(Request *r, const Measure *m);
/*
** The sections below the facts: progress reports with evidence and their actions, the report
** form, the measure's own evidence, supervision, revisits, and the forms r's user may use.
*/
void page_loop_sections(Request *r, const Measure *m, const Inspection *in, const IdName *units,
                        int n_units);
/* The listed (挂牌督办) supervisions of inspection_id not yet lifted, for the dashboard. */
void page_loop_listed(Request *r, int64_t inspection_id);
/* The fields of a supervision (督办) form and its button: kind, comment, respond_by, talk_on. */
void page_loop_supervision_fields(Buf *h);
/* What happened, said after the loop action named name (the ?done= of its redirect), or NULL. */
const char *page_loop_done(const char *name);

#endif
