/*
** base.h: the one header every source file includes first. Pulls in the C library headers
** used everywhere, the BUG() macro and, last, banned.h.
*/
#ifndef ZG_BASE_H
#define ZG_BASE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define FORMAT(a, b) __attribute__((format(printf, a, b)))
#define NORETURN __attribute__((noreturn))

/*
** Append item to the singly linked list that runs from head to tail through each element's
** `next` (as sys/queue.h's STAILQ_INSERT_TAIL): head and tail are lvalues, used more than once.
*/
#define LIST_APPEND(head, tail, item)                                                              \
    do {                                                                                           \
        if (tail)                                                                                  \
            (tail)->next = (item);                                                                 \
        else                                                                                       \
            (head) = (item);                                                                       \
        (tail) = (item);                                                                           \
    } while (0)

/* A programming error: print where and abort. */
#define BUG(...) bug_at(__FILE__, __LINE__, __VA_ARGS__)
NORETURN void bug_at(const char *file, int line, const char *fmt, ...) FORMAT(3, 4);

/* Out of memory or another unrecoverable failure of the machine: print and abort. */
NORETURN void die_oom(size_t n);

/* malloc / realloc / calloc / strdup that abort on failure, so callers never check for NULL. */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
void *xcalloc(size_t count, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#include "banned.h"

#endif
