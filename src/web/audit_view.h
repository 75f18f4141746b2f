/*
** audit_view.h: the audit log in the auditor's words. An entry is stored as the layers below
** write it (action "measure.return", object "measure:12", detail "submitted -> returned: …");
** the audit page and its export show the action's Chinese label, the object's kind and name,
** and the detail as a Chinese sentence. Entries this module does not know keep their text.
*/
#ifndef ZG_WEB_AUDIT_VIEW_H
#define ZG_WEB_AUDIT_VIEW_H

#include "base/buf.h"
#include "db/admin_store.h"

/* The Chinese label of a stored action (the vocabulary's), or NULL when unknown. */
const char *audit_view_action_label(const char *action);
/*
** The Chinese label of an object's kind ("measure" → 措施) and its id, split from "kind:id";
** false when object is not of that shape (then *kind_label is NULL and *id 0).
*/
bool audit_view_object(const char *object, char kind[16], int64_t *id, const char **kind_label);
/* e's detail as a Chinese sentence, appended to b unescaped (the caller escapes). */
void audit_view_detail(Buf *b, const AuditEntry *e);

#endif
