/*
** import_internal.h: what the files of src/import/ share and nobody else needs.
*/
#ifndef ZG_IMPORT_INTERNAL_H
#define ZG_IMPORT_INTERNAL_H

#include "import/import.h"

/* Record a warning at line (kept in line order); the message is formatted into the arena. */
void import_warn(ImportDoc *doc, int line, const char *fmt, ...) FORMAT(3, 4);

/*
** Read the inspection's metadata (title, group, target, dates, signer, contacts), headline
** figures and clue outcomes from doc->lines, whose roles pass 1 has set. Problem and plan
** sections are not read for figures: their numbers belong to single measures.
*/
void import_meta(ImportDoc *doc);

/* The year that dates without one refer to: of the feedback, the visit or the publication. */
int import_year(const ImportDoc *doc);

#endif
