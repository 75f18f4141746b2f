/*
** embedded.h: files compiled into the binary at build time (tools/embed.cmake): the database
** schema and the web assets. Process lifetime, immutable.
*/
#ifndef ZG_EMBEDDED_H
#define ZG_EMBEDDED_H

#include "base.h"

typedef struct EmbeddedFile {
    const char *name; /* base name, e.g. "schema.sql"; NULL ends the table */
    const char *data; /* the bytes, NUL-terminated */
    size_t size;      /* bytes without the NUL */
} EmbeddedFile;

extern const EmbeddedFile embedded_files[];

/* The embedded file of that base name, or NULL. */
const EmbeddedFile *embedded_find(const char *name);

#endif
