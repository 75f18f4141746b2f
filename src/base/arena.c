/*
** arena.c: a bump allocator over a chain of malloc'ed blocks (arena.h).
*/
#include "arena.h"
#include "buf.h"

struct ArenaBlock {
    ArenaBlock *next; /* older block */
    size_t used;      /* bytes of data[] handed out */
    size_t size;      /* bytes of data[] */
    max_align_t data[];
};

enum { ARENA_BLOCK = 16 * 1024 };

void *arena_alloc(Arena *a, size_t n)
{
    const size_t align = sizeof(max_align_t);
    n = (n + align - 1) & ~(align - 1);
    ArenaBlock *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        b = xmalloc(sizeof(ArenaBlock) + size);
        b->size = size;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    a->total += n;
    return p;
}

void *arena_zalloc(Arena *a, size_t n)
{
    void *p = arena_alloc(a, n);
    memset(p, 0, n);
    return p;
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *arena_strdup(Arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(Arena *a, const char *fmt, ...)
{
    Buf b = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    char *p = arena_strndup(a, b.data, b.len);
    buf_free(&b);
    return p;
}

void arena_free(Arena *a)
{
    ArenaBlock *b = a->head;
    while (b) {
        ArenaBlock *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->total = 0;
}

void arena_adopt(Arena *into, Arena *from)
{
    ArenaBlock *first = from->head;
    if (!first)
        return;
    ArenaBlock *last = first;
    while (last->next)
        last = last->next;
    /* Behind into's newest block, which keeps taking into's allocations. */
    if (into->head) {
        last->next = into->head->next;
        into->head->next = first;
    } else {
        into->head = first;
    }
    into->total += from->total;
    from->head = NULL;
    from->total = 0;
}
