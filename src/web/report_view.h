/*
** report_view.h: what the reports' page (page_report.c) and API (api_report.c) share: the
** parameters of a report (inspection, kind, format, as-of day), generating it for the request
** (the ledger as it stood at the end of a past day: report_load_on), replying with it as an
** attachment under an RFC 5987 Chinese file name, and recording the delivery.
*/
#ifndef ZG_WEB_REPORT_VIEW_H
#define ZG_WEB_REPORT_VIEW_H

#include "report/report.h"
#include "web/request.h"

typedef struct ReportParams {
    Inspection in;       /* the inspection, visible to the user */
    ReportKind kind;     /* tongbao (default), dispatch, ledger */
    ReportFormat format; /* default: html (tongbao, dispatch), xlsx (ledger) */
    Day as_of;           /* default: the request's day */
    bool attach;         /* the 台账 goes with the 通报 */
    bool format_refused; /* a page asked for a format the kind does not come in (the form offers
                            every format): format is the kind's default instead */
} ReportParams;

/*
** Read ?inspection (required), kind, format, as_of, attach; false after replying 400/403/404.
** A format the kind does not come in is a 400 for the API; a page gets the kind's default
** format and format_refused, and says so in Chinese.
*/
bool report_view_params(Request *r, ReportParams *p);
/* Load and render p's report into out (r's arena for the data); false after replying. */
bool report_view_render(Request *r, const ReportParams *p, ReportData *d, Buf *out);
/* The file name of p's report: 关于巡视整改进展情况的通报.docx … (arena). */
const char *report_view_file_name(Request *r, const ReportParams *p);
/* Reply with bytes as an attachment named name (media type by format). */
void report_view_attachment(Request *r, const char *bytes, size_t len, ReportFormat f,
                            const char *name);
/* Record the delivery (report row + audit, by r's user) outside the read; false after replying. */
bool report_view_record(Request *r, const ReportParams *p, const Buf *out);
/* Set a narrative block of the 通报 with its audit entry (a write request). 0, or -1 with err. */
int report_view_text_set(Request *r, int64_t inspection_id, const char *block, const char *body,
                         Err *err);
/*
** Publish in's 通报 as of as_of (a write request): true with out->id; false after replying on
** a failure, or without replying when names stopped it (out->hits, out->n_hits > 0).
*/
bool report_view_publish(Request *r, const Inspection *in, Day as_of, bool attach,
                         const char *const *confirmed, int n_confirmed, ReportPublished *out);
/* The media type of a report format. */
const char *report_view_media_type(ReportFormat f);

#endif
