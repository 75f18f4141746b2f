/*
** html.h: the only ways to put bytes into a page: literals (HTML(), which compiles only for a
** string literal) and escaped text. There is no printf path for data, so escaping is never a
** choice a page author can get wrong. page_begin / page_end wrap every page in the layout.
*/
#ifndef ZG_WEB_HTML_H
#define ZG_WEB_HTML_H

#include "base/buf.h"
#include "web/request.h"

/* Append a string literal as markup. */
#define HTML(h, lit) buf_append((h), "" lit "", sizeof(lit) - 1)

/* Append text, escaping & < > " ' (safe in element content and quoted attributes). NULL: nothing. */
void html_text(Buf *h, const char *s);
/* Append an integer. */
void html_int(Buf *h, int64_t v);
/* Append s percent-encoded for a URL query value (then safe in an attribute too). */
void html_url(Buf *h, const char *s);
/*
** Append a date in Chinese form, "2026年11月20日", or "11月20日" within the year of r's today
** (tz_format_day, as html_time does for times); "—" for DAY_NONE. Inputs keep ISO values.
*/
void html_day(const Request *r, Buf *h, Day d);
/* An <option> of a select with value and label (both escaped), selected or not. */
void html_option(Buf *h, const char *value, const char *label, bool selected);
/*
** Append the stored UTC timestamp iso ("2026-11-20T08:50:00Z") as local time of the office's
** zone in Chinese ("11月20日 16:50", with the year when not the current one); "—" for NULL;
** text that is not a timestamp is shown as it is, escaped.
*/
void html_time(Request *r, Buf *h, const char *iso);
/* The same for UTC seconds t. */
void html_time_t(Request *r, Buf *h, int64_t t);
/* Append a percentage with one decimal: 87.5% */
void html_percent(Buf *h, double v);
/* Append a file size in kilobytes with one decimal: 12.3 KB */
void html_size(Buf *h, int64_t bytes);

/*
** Text between two literals: HTML(pre), html_text(s), HTML(post) — the commonest shape of a
** page ("<p>反馈：" text "</p>"); HTML_INT the same for an integer. HTML_AROUND writes v with
** put (an html_* writer) between the literals.
*/
#define HTML_AROUND(h, pre, put, v, post)                                                          \
    do {                                                                                           \
        HTML(h, pre);                                                                              \
        put(h, v);                                                                                 \
        HTML(h, post);                                                                             \
    } while (0)
#define HTML_TEXT(h, pre, s, post) HTML_AROUND(h, pre, html_text, s, post)
#define HTML_INT(h, pre, v, post) HTML_AROUND(h, pre, html_int, v, post)
/*
** A link to a record: <a href="path ID rest">text</a> ("/measures/", 12, "#supervision"); path
** and rest are trusted paths, escaped all the same; rest may be NULL; text escaped.
*/
void html_link(Buf *h, const char *path, int64_t id, const char *rest, const char *text);
/* A hidden form field holding an integer: <input type="hidden" name="name" value="v">. */
void html_hidden_int(Buf *h, const char *name, int64_t v);
/* The same holding text (escaped). */
void html_hidden(Buf *h, const char *name, const char *value);

/* The navigation entries of the layout, for page_begin's `active`. */
typedef enum Nav {
    NAV_NONE,
    NAV_DASHBOARD,
    NAV_INSPECTIONS,
    NAV_MEASURES,
    NAV_UNITS,
    NAV_ADMIN,
    NAV_AUDIT,
    NAV_ACCOUNT,
    NAV_HELP,
    NAV_CLUES,     /* 线索台账 */
    NAV_REGISTERS, /* 建章立制 */
    NAV_REPORTS,   /* 报告 */
    NAV_FEEDBACK,  /* 意见建议 */
    NAV_INBOX,
} Nav;

/*
** Start a page: doctype, head (title, stylesheet, script), the top bar with the navigation the
** user's roles allow and the logout form. Writes into r->out.
*/
void page_begin(Request *r, const char *title, Nav active);
/* Close the page opened by page_begin. */
void page_end(Request *r);
/* An error (role alert) and a notice (role status) paragraph, each only when not NULL. */
void html_messages(Buf *h, const char *error, const char *notice);
/* The hidden CSRF field of a form of r's session. */
void html_csrf(Request *r);

/*
** Open a POST form of class cls to action path ID rest (as html_link; id 0 and rest NULL leave
** them out) with r's CSRF field: <form method="post" class="cls" action="/clues/3/outcomes">.
*/
void html_form_post(Request *r, const char *cls, const char *path, int64_t id, const char *rest);
/* page_begin, then the page's heading <h1>title</h1>. */
void page_begin_h1(Request *r, const char *title, Nav active);
/*
** A refused action as the whole page, at the caller's r->status: the heading "操作未完成" (and
** "：what" unless what is NULL), the reason and a link back, announced as an alert.
*/
void page_refused(Request *r, Nav active, const char *what, const char *reason,
                  const char *back_href, const char *back_text);

#endif
