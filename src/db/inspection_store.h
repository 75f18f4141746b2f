/*
** inspection_store.h: inspections, their headline figures and report text blocks.
*/
#ifndef ZG_INSPECTION_STORE_H
#define ZG_INSPECTION_STORE_H

#include "base/arena.h"
#include "db/db.h"
#include "db/model.h"

/* Insert in (id ignored), set in->id. A second inspection from the same source SHA-256 fails
** with ERR_CONFLICT. */
int inspection_store_insert(Db *db, Inspection *in, Err *err);
/* Load one inspection (strings in arena); ERR_NOTFOUND when absent. */
int inspection_store_get(Db *db, Arena *arena, int64_t id, Inspection *out, Err *err);
/* The inspection imported from a document with this SHA-256; *id 0 when none. */
int inspection_store_find_source(Db *db, const char *sha256, int64_t *id, Err *err);
/*
** The latest inspection imported from a document (source_sha256 set) with this group and
** target: *id (0 when none) and its source file name in *source_file (arena, may be NULL).
*/
int inspection_store_find_similar(Db *db, Arena *arena, const char *group, const char *target,
                                  int64_t *id, const char **source_file, Err *err);
/* All inspection ids, ascending; *ids is an arena array. */
int inspection_store_ids(Db *db, Arena *arena, int64_t **ids, int *n, Err *err);
/* Set (insert or replace) a headline figure, value as decimal text. */
int inspection_store_set_figure(Db *db, int64_t id, const char *key, const char *value, Err *err);

#endif
