/*
** multipart.h: an incremental parser of multipart/form-data bodies (RFC 7578). The body may
** arrive in pieces of any size, split anywhere (inside a boundary, a header, a CRLF); the parser
** keeps only the current part's header block (bounded) and a count of boundary bytes matched,
** and hands each part's content to callbacks as it goes, so a body of any size costs constant
** memory. It knows nothing of files or requests: web/upload.c puts it to work.
*/
#ifndef ZG_WEB_MULTIPART_H
#define ZG_WEB_MULTIPART_H

#include "base/base.h"

#define MULTIPART_MAX_BOUNDARY 70  /* RFC 2046 */
#define MULTIPART_MAX_HEAD 4096    /* one part's header block */
#define MULTIPART_MAX_PARTS 64     /* parts of one body */

/* One part as its headers describe it; the strings live until the part ends. */
typedef struct MultipartPart {
    const char *name;         /* the form field's name (never NULL: a part without one is bad) */
    const char *filename;     /* the file's name without any folder, NULL for a text field */
    const char *content_type; /* the claimed Content-Type, NULL when absent */
} MultipartPart;

/*
** What the parser calls. Each returns 0 to go on, or an HTTP status (403, 413, 400, 500 …)
** that stops the parse: multipart_feed then returns that status, and so does every later call.
*/
typedef struct MultipartHandler {
    int (*begin)(void *ctx, const MultipartPart *part);
    int (*data)(void *ctx, const char *p, size_t n);
    int (*end)(void *ctx);
} MultipartHandler;

typedef struct Multipart {
    char delim[MULTIPART_MAX_BOUNDARY + 4]; /* "\r\n--" and the boundary */
    size_t n_delim;                         /* its length */
    size_t matched;                         /* bytes of delim matched at the end of the input so far */
    int state;                              /* where the parser is (multipart.c) */
    char head[MULTIPART_MAX_HEAD + 1];      /* the current part's header block */
    size_t n_head;
    int n_parts;                            /* parts begun */
    int status;                             /* 0, or the HTTP status that stopped the parse */
    const MultipartHandler *handler;
    void *ctx;                              /* passed to the handler */
} Multipart;

/*
** Start a parse for a body of the given Content-Type: it must be multipart/form-data with a
** boundary parameter (1-70 characters, quoted or not). 0, or 415 when the type is another, 400
** when the boundary is missing or malformed.
*/
int multipart_init(Multipart *m, const char *content_type, const MultipartHandler *handler,
                   void *ctx);
/*
** Feed the next n bytes of the body. 0, or the HTTP status that stopped the parse: 400 for a
** malformed body (no opening boundary, a part without a name, a header block over
** MULTIPART_MAX_HEAD, more than MULTIPART_MAX_PARTS parts), or what a callback returned.
*/
int multipart_feed(Multipart *m, const char *p, size_t n);
/* At the end of the body: 0 when the closing boundary was seen, else 400 (or the earlier status). */
int multipart_finish(Multipart *m);

#endif
