/*
** fields.h: the one table of text-field lengths (issue 10, item 6). Every text a person types
** - a progress report, a comment, a name, a login - has a limit suited to it, counted in
** characters (Unicode code points), so that one request cannot store megabytes that every later
** page must carry. Front doors check their inputs against this table by field name before
** anything else looks at them.
*/
#ifndef ZG_LEDGER_FIELDS_H
#define ZG_LEDGER_FIELDS_H

#include "base/arena.h"

#define FIELD_DEFAULT_MAX 2000 /* characters of a field the table does not name */

typedef struct FieldLimit {
    const char *name;  /* the field's name in forms and JSON bodies */
    int max_chars;     /* the most characters it may hold */
    const char *label; /* what the web UI calls it, for the message */
} FieldLimit;

/* The limit of the field called name (the default entry when the table does not name it). */
const FieldLimit *fields_limit(const char *name);
/*
** Check value (valid UTF-8) against the limit of name. NULL when it fits; else a Chinese message
** for the UI in arena ("“整改进展”不能超过20000字（现为20001字）").
*/
const char *fields_check(Arena *arena, const char *name, const char *value, size_t len);

#endif
