/*
** upload.h: a multipart/form-data body streamed into a Request (request.h, Upload): text fields
** into r->form (bounded, in the arena), file parts into temporary files with their SHA-256 and
** size, under limits decided before the first byte arrives. The server feeds it the body in the
** pieces libmicrohttpd delivers; nothing of a file is ever held in memory.
**
** CSRF: a route with ROUTE_CSRF takes its token from the X-CSRF-Token header or from a text field
** named "csrf" that comes before the first file part (a browser sends fields in form order, so
** the hidden csrf input goes first in the form). A file part that arrives while no valid token is
** known is refused with 403 before any of it is written.
*/
#ifndef ZG_WEB_UPLOAD_H
#define ZG_WEB_UPLOAD_H

#include "base/hash.h"
#include "web/multipart.h"
#include "web/request.h"

#define UPLOAD_MAX_TEXT (256 * 1024)         /* one text field, bytes */
#define UPLOAD_MAX_TEXT_TOTAL (1024 * 1024)  /* all text fields of a body, bytes */
#define UPLOAD_MAX_FILES 16                  /* file parts of a body */
#define UPLOAD_MAX_FILENAME 255              /* bytes of a file name */

typedef struct UploadLimits {
    int64_t max_file;    /* bytes of one file */
    int64_t max_request; /* bytes of the whole body */
} UploadLimits;

typedef struct UploadSink {
    Request *r;          /* where fields and files go */
    Multipart mp;        /* the parser */
    const char *tmp_dir; /* where temporary files are made (exists, mode 0700) */
    UploadLimits limits;
    bool need_csrf;      /* the route needs a CSRF token before any file part */
    int fd;              /* the file being written, -1 when none */
    HashStream hash;     /* its SHA-256 so far */
    Upload *cur;         /* its record, NULL while a text field is read */
    Buf text;            /* the text field being read */
    const char *text_name;
    int64_t total;       /* body bytes fed */
    size_t text_total;   /* text bytes kept */
    int cap_form, cap_uploads;
} UploadSink;

/*
** Start streaming a body of the given Content-Type into r. 0, or 415 (not multipart/form-data),
** 400 (no boundary). tmp_dir must outlive the sink.
*/
int upload_begin(UploadSink *s, Request *r, const char *content_type, const char *tmp_dir,
                 const UploadLimits *limits, bool need_csrf);
/*
** Feed the next n bytes. 0, or the HTTP status that refuses the request: 400 (malformed body,
** invalid UTF-8 in a field or file name), 403 (a file part before a valid CSRF token), 413 (a
** limit passed), 500 (the temporary file could not be written; logged). After a non-zero
** return every later call returns it again and writes nothing more.
*/
int upload_feed(UploadSink *s, const char *p, size_t n);
/* At the end of the body: 0 when it was complete and well-formed, else the status as above. */
int upload_finish(UploadSink *s);
/* Close any open file and delete every temporary file still named in r->uploads. */
void upload_cleanup(UploadSink *s);
/*
** Make sure DATA/tmp exists for the database at db_path (DATA = db_path + "-files"), both with
** mode 0700; its path into *out (heap, the caller frees). -1 with err when it cannot.
*/
int upload_tmp_dir(const char *db_path, char **out, Err *err);

#endif
