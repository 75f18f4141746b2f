/*
** handlers.h: every handler of the route table, one line each, grouped by file. A handler
** reads r, writes its reply into r->out (or calls route_fail) and returns.
*/
#ifndef ZG_WEB_HANDLERS_H
#define ZG_WEB_HANDLERS_H

#include "web/request.h"

/* page_login.c: login, logout, the account page and the password change. */
void page_login(Request *r);
void page_login_post(Request *r);
void page_logout(Request *r);
void page_account(Request *r);
void page_password_post(Request *r);

/* page_home.c: "/" sends each role to its start page. */
void page_home(Request *r);

/* page_asset.c: the embedded stylesheets, script and icons. */
void page_asset(Request *r);

/* api_session.c: sessions for API clients. */
void api_session_create(Request *r);
void api_session_get(Request *r);
void api_session_delete(Request *r);

/* The ledger pages (web-pages): dashboard, inspection tree, measures, units. */
/* page_dashboard.c: 工作台. */
void page_dashboard(Request *r);
/* page_inspection.c: the list of inspections and one inspection's tree. */
void page_inspections(Request *r);
void page_inspection(Request *r);
/* page_measure.c: the measure list, one measure, and its workflow actions. */
void page_measures(Request *r);
void page_measure(Request *r);
void page_measure_transition(Request *r);
/* page_unit.c: units with their rates, and one unit. */
void page_units(Request *r);
void page_unit(Request *r);

#endif
