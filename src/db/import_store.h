/*
** import_store.h: the look-ups the document importer needs beyond the other stores.
*/
#ifndef ZG_IMPORT_STORE_H
#define ZG_IMPORT_STORE_H

#include "base/arena.h"
#include "db/db.h"

/*
** The latest inspection imported from a document (source_sha256 set) with this group and
** target: *id (0 when none) and its source file name in *source_file (arena, may be NULL).
*/
int import_store_find_similar(Db *db, Arena *arena, const char *group, const char *target,
                              int64_t *id, const char **source_file, Err *err);

#endif
