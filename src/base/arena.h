/*
** arena.h: scope allocation. One Arena per CLI command, HTTP request or imported document;
** everything allocated from it is freed in one go by arena_free.
*/
#ifndef ZG_ARENA_H
#define ZG_ARENA_H

#include "base.h"

typedef struct ArenaBlock ArenaBlock;

typedef struct Arena {
    ArenaBlock *head; /* newest block first; NULL while nothing was allocated */
    size_t total;     /* bytes handed out, for statistics and tests */
} Arena;

#define ARENA_INIT {NULL, 0}

/* Return n bytes aligned for any type, valid until arena_free(a). Never NULL. */
void *arena_alloc(Arena *a, size_t n);
/* Like arena_alloc, zero-filled. */
void *arena_zalloc(Arena *a, size_t n);
/* Copy n bytes of s into the arena, NUL-terminated. */
char *arena_strndup(Arena *a, const char *s, size_t n);
/* Copy a C string into the arena; NULL stays NULL. */
char *arena_strdup(Arena *a, const char *s);
/* Format into the arena. */
char *arena_printf(Arena *a, const char *fmt, ...) FORMAT(2, 3);
/* Free every block. The arena may be used again afterwards. */
void arena_free(Arena *a);
/*
** Hand every block of from to into, which frees them with its own: what from handed out stays
** valid until arena_free(into). from is left empty, ready for use.
*/
void arena_adopt(Arena *into, Arena *from);

#define ARENA_NEW(a, type) ((type *)arena_zalloc((a), sizeof(type)))
#define ARENA_ARRAY(a, type, n) ((type *)arena_zalloc((a), sizeof(type) * (n)))

#endif
