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
/* page_inspection.c: the list of inspections (整改台账). */
void page_inspections(Request *r);
/* page_tree.c: one inspection's tree. */
void page_inspection(Request *r);
/* page_measure.c: the measure list, one measure, and its workflow actions. */
void page_measures(Request *r);
void page_measure(Request *r);
void page_measure_transition(Request *r);
/* page_unit.c: units with their rates, and one unit. */
void page_units(Request *r);
void page_unit(Request *r);
/* page_unit_supervise.c: the office supervises (督办) a unit from its page. */
void page_unit_supervise_form(Request *r, int64_t unit_id, int64_t inspection_id);
void page_unit_supervise(Request *r);
/* The supervisions unit_id answers on itself and its problems in inspection_id, with forms. */
void page_unit_supervisions(Request *r, int64_t unit_id, int64_t inspection_id);
/* POST /supervisions/:id/actions: respond, record the talk or lift, then back to its page. */
void page_supervision_act(Request *r);

/* --- web-api branch: the JSON API v1, tokens, administration, the audit log --- */

/* api_inspection.c: inspections, their statistics and finding trees. */
void api_inspection_list(Request *r);
void api_inspection_get(Request *r);
void api_inspection_tree(Request *r);
void api_stats(Request *r);

/* api_measure.c: the measure list, one measure, transitions. */
void api_measure_list(Request *r);
void api_measure_get(Request *r);
void api_measure_transition(Request *r);

/* api_unit.c: units and their figures. */
void api_unit_list(Request *r);
void api_unit_get(Request *r);

/* api_token.c: API tokens of the logged-in user. */
void api_token_create(Request *r);
void api_token_list(Request *r);
void api_token_delete(Request *r);
void api_token_admin_list(Request *r);
void api_token_admin_delete(Request *r);

/* page_audit.c: the audit log for the auditor, as a page and through the API. */
void page_audit(Request *r);
/* The CSV export of the audit log under the page's filters (POST, audited). */
void page_audit_export(Request *r);
/* page_help.c: the help page (workflow, lights, roles) from the vocabulary tables. */
void page_help(Request *r);
void api_audit_list(Request *r);

/* page_admin.c: users and units for the system and security administrators. */
void page_admin_users(Request *r);
void page_admin_user_new(Request *r);
void page_admin_user_create(Request *r);
void page_admin_user(Request *r);
void page_admin_user_update(Request *r);
void page_admin_user_roles(Request *r);
void page_admin_user_lock(Request *r);
void page_admin_user_unlock(Request *r);
void page_admin_user_password(Request *r);
void page_admin_units(Request *r);
void page_admin_unit_create(Request *r);

/* --- ledgerweb branch: the office edits the ledger --- */
/* page_edit_inspection.c: create and edit an inspection, its tree editor, coverage and issue. */
void page_inspection_new(Request *r);
void page_inspection_create(Request *r);
void page_inspection_edit(Request *r);
void page_inspection_save(Request *r);
void page_inspection_issue(Request *r);
/* page_edit_finding.c: add, edit, move and delete findings. */
void page_finding_create(Request *r);
void page_finding_edit(Request *r);
void page_finding_save(Request *r);
void page_finding_move(Request *r);
void page_finding_delete(Request *r);
/* page_edit_measure.c: add, edit, move, delete and withdraw measures. */
void page_measure_new(Request *r);
void page_measure_create(Request *r);
void page_measure_edit(Request *r);
void page_measure_save(Request *r);
void page_measure_move(Request *r);
void page_measure_delete(Request *r);
void page_measure_withdraw(Request *r);
/* api_edit.c: the same through the API, and the pickers' searches. */
void api_inspection_create(Request *r);
void api_inspection_patch(Request *r);
void api_inspection_coverage(Request *r);
void api_inspection_issue(Request *r);
void api_finding_create(Request *r);
void api_finding_patch(Request *r);
void api_finding_delete(Request *r);
void api_measure_create(Request *r);
void api_measure_patch(Request *r);
void api_measure_delete(Request *r);
void api_measure_withdraw(Request *r);
void api_unit_search(Request *r);
void api_person_list(Request *r);
/* page_import.c: the import wizard (upload, preview, confirm). */
void page_import(Request *r);
void page_import_upload(Request *r);
void page_import_preview(Request *r);
void page_import_confirm(Request *r);
/* api_openapi.c: the OpenAPI 3.1 document of the route table. */
void api_openapi(Request *r);
/* --- registers branch: clue register, registers, reports, feedback, public pages --- */

/* page_clue.c: 线索台账 (discipline: entries and outcomes; others: counts). */
void page_clues(Request *r);
void page_clue(Request *r);
void page_clue_create(Request *r);
void page_clue_update(Request *r);
void page_clue_outcome(Request *r);
/* page_register.c: 建章立制, meetings and recoveries (the office enters them). */
void page_registers(Request *r);
void page_mechanism_create(Request *r);
void page_meeting_create(Request *r);
void page_recovery_create(Request *r);
/* page_report.c: generate, preview, download and publish reports; narrative blocks. */
void page_reports(Request *r);
void page_report_preview(Request *r);
void page_report_download(Request *r);
void page_report_text(Request *r);
void page_report_publish(Request *r);
/* page_feedback.c: the office's register of the public's feedback. */
void page_feedback(Request *r);
void page_feedback_answer(Request *r);
void page_feedback_clue(Request *r);
/* page_public.c: the public side, no login: published reports and the feedback form. */
void page_public(Request *r);
void page_public_report(Request *r);
void page_public_docx(Request *r);
void page_public_feedback(Request *r);
void page_public_feedback_post(Request *r);
/* api_clue.c, api_register.c, api_report.c: the same through the JSON API. */
void api_clue_list(Request *r);
void api_clue_get(Request *r);
void api_clue_create(Request *r);
void api_clue_update(Request *r);
void api_clue_outcome(Request *r);
void api_mechanism_list(Request *r);
void api_mechanism_create(Request *r);
void api_meeting_list(Request *r);
void api_meeting_create(Request *r);
void api_recovery_list(Request *r);
void api_recovery_create(Request *r);
void api_report_list(Request *r);
void api_report_generate(Request *r);
void api_report_text(Request *r);
void api_report_publish(Request *r);
void api_report_get(Request *r);
void api_report_file(Request *r);
void api_feedback_list(Request *r);
void api_feedback_answer(Request *r);
void api_feedback_clue(Request *r);

/* --- evidence branch: the daily loop (evidence, progress review, supervision, revisits) --- */

/* page_loop.c: the loop's post on the measure page (forms, and forms with files). */
void page_measure_loop(Request *r);
/* page_evidence.c: one evidence file: download, sandboxed preview, its page. */
void page_evidence_download(Request *r);
void page_evidence_preview(Request *r);
void page_evidence_view(Request *r);
/* page_inbox.c: my to-do list, its count in the navigation bar, the deliveries' log. */
void page_inbox(Request *r);
void page_deliveries(Request *r);
int page_inbox_count(Request *r);
/* api_evidence.c: the loop in the API (downloads: page_evidence_download on an API route). */
void api_evidence_list(Request *r);
void api_evidence_upload(Request *r);
void api_progress_create(Request *r);
void api_progress_submit(Request *r);
void api_progress_review(Request *r);
void api_supervision_create(Request *r);
void api_supervision_create_finding(Request *r);
void api_supervision_create_unit(Request *r);
void api_supervision_action(Request *r);
void api_revisit_create(Request *r);
/* page_spot.c: spot checks of an inspection: the list, a draw, a finding. */
void page_spot_checks(Request *r);
void page_spot_draw(Request *r);
void page_spot_record(Request *r);

#endif
