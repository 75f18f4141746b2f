/*
** publication_store.h: published 通报, frozen: the bytes of each format with their SHA-256,
** kept in the database and never regenerated or changed (triggers refuse UPDATE and DELETE).
*/
#ifndef ZG_PUBLICATION_STORE_H
#define ZG_PUBLICATION_STORE_H

#include "base/arena.h"
#include "db/db.h"

typedef struct Publication {
    int64_t id;               /* row id */
    int64_t inspection_id;    /* the inspection */
    const char *title;        /* the report's title */
    Day as_of;                /* the day it speaks for */
    const char *published_at; /* UTC time */
    int64_t published_by;     /* user id or 0 */
    const char *confirmed;    /* names the office confirmed, one per line, "" when none */
} Publication;

/* One frozen file of a publication. */
typedef struct PublicationFile {
    const char *format; /* md, html or docx */
    const char *sha256; /* hex SHA-256 of bytes */
    const char *bytes;  /* the content (arena), len bytes */
    size_t len;
} PublicationFile;

/* Add publication p (published now) with its files; p->id receives the row id. */
int publication_store_create(Db *db, Publication *p, const PublicationFile *files, int n_files,
                             Err *err);
/* Publication id into *out. ERR_NOTFOUND when absent. */
int publication_store_get(Db *db, Arena *arena, int64_t id, Publication *out, Err *err);
/*
** Up to limit publications with id < before (0: from the newest), newest first; of
** inspection_id when > 0, else of every inspection (arena array).
*/
int publication_store_list(Db *db, Arena *arena, int64_t inspection_id, int64_t before, int limit,
                           Publication **out, int *n, Err *err);
/* The file of publication id in format into *out (bytes in arena). ERR_NOTFOUND when absent. */
int publication_store_file(Db *db, Arena *arena, int64_t id, const char *format,
                           PublicationFile *out, Err *err);

#endif
