/*
** request.h: one HTTP request and its reply, as every handler sees them. The server fills the
** request part, the dispatcher (routes.c) authenticates and authorises it, the handler writes the
** reply into `out` and sets status and headers; the server sends it. Everything a request
** allocates lives in its arena and goes when the request is answered.
*/
#ifndef ZG_WEB_REQUEST_H
#define ZG_WEB_REQUEST_H

#include "base/arena.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/err.h"
#include "db/db.h"
#include "db/model.h"
#include "db/session_store.h"

typedef enum Method {
    HTTP_GET = 1,
    HTTP_POST = 2,
    HTTP_PUT = 4,
    HTTP_DELETE = 8,
    HTTP_HEAD = 16,
    HTTP_PATCH = 32,
} Method;

typedef struct Param {
    const char *name;  /* decoded name */
    const char *value; /* decoded value, valid UTF-8 checked by the reader */
} Param;

/*
** One file of a multipart/form-data body on an upload route (ROUTE_UPLOAD). The server streams
** each file part to a temporary file in the data folder's tmp/ (the database path + "-files/tmp/",
** mode 0700, the same file system as the data folder so that rename() can move it into place)
** while it computes the SHA-256 and counts the size against the per-file limit (`serve
** --max-upload-mb`, 50 MB by default) and the per-request limit (four files' worth). Nothing of a
** file stays in memory. A handler that keeps a file renames tmp_path to where it belongs and sets
** tmp_path to NULL; every file still named here is deleted after the handler returns (and when a
** request is refused or cut off half-way).
*/
typedef struct Upload {
    const char *field;          /* the form field's name (valid UTF-8) */
    const char *filename;       /* the client's file name: valid UTF-8, no control characters,
                                   no folder part, at most 255 bytes; may be "" */
    const char *content_type;   /* the type the client claims (unchecked), or
                                   "application/octet-stream" */
    char *tmp_path;             /* the temporary file (arena); NULL once a handler took it */
    int64_t size;               /* bytes */
    char sha256[65];            /* SHA-256 of the content, lowercase hex */
} Upload;

#define REQUEST_MAX_HEADERS 8

typedef struct Request {
    Arena arena;              /* everything below that is allocated */
    Db *db;                   /* this worker thread's connection */
    const struct WebConfig *config; /* the server's immutable configuration */
    const struct Route *route; /* the route route_head chose; NULL before or without one */
    Method method;            /* HTTP_* */
    const char *path;         /* decoded path without the query */
    const char *client;       /* peer address, for the log and the audit */
    Param *query;             /* query-string parameters */
    int n_query;
    Param *form;              /* form parameters: urlencoded bodies, and the text fields of a
                                 multipart body on an upload route */
    int n_form;
    Upload *uploads;          /* the file parts of a multipart body on an upload route */
    int n_uploads;
    const char *body;         /* the raw body (JSON, forms; NULL on upload routes), NUL-terminated */
    size_t body_len;
    const char *content_type; /* request Content-Type or NULL */
    const char *cookie_sid;   /* the session cookie's value or NULL */
    const char *authorization;/* Authorization header or NULL */
    const char *origin;       /* Origin header or NULL */
    const char *host;         /* Host header or NULL */
    const char *if_none_match;/* If-None-Match header or NULL */
    const char *csrf_header;  /* X-CSRF-Token header or NULL */
    const char *if_match;     /* If-Match header or NULL (edits: the version the client saw) */
    int64_t path_id;          /* the :id of the matched route, 0 when none */
    const char *path_arg;     /* the :name of the matched route, NULL when none */
    Day today;                /* the date lights are computed for */
    int64_t now;              /* seconds since the epoch at arrival */
    /* Set by the dispatcher: */
    bool json;                /* a JSON route: errors are JSON */
    bool authed;              /* a user is logged in (session or token) */
    bool via_token;           /* authenticated by an API token, not a cookie */
    User user;                /* the user when authed */
    Session session;          /* the session when authed by cookie */
    int64_t login_locked_until; /* auth_login: the login is locked until then (0: not locked) */
    /* The reply: */
    int status;               /* HTTP status, 200 unless set */
    Buf out;                  /* the body */
    const char *reply_type;   /* Content-Type of the body */
    bool reply_from_fd;       /* the body is the file reply_fd (request_reply_fd), not out */
    int reply_fd;             /* that file, owned by the request until the reply takes it */
    uint64_t reply_fd_size;   /* its size in bytes */
    const char *headers[REQUEST_MAX_HEADERS][2]; /* extra reply headers (name, value) */
    int n_headers;
    bool cacheable;           /* a GET reply that gets an ETag and may answer 304 */
    int64_t etag_version; /* > 0: the object's version leads the ETag ("v3-…"), for If-Match */
    Err err;                  /* scratch for store calls */
    /* A reply answered from or kept in replycache.c: its body's hash (0 until computed) and
       its gzip (empty until compressed), kept with it; valid while r is answered. */
    uint64_t *kept_hash;
    Buf *kept_gzip;
    bool has_data_version;    /* data_version was read (request_data_version) */
    int64_t data_version[2];  /* view_store_data_version as first read for this request */
} Request;

/* The query parameter name (first occurrence), or NULL. */
const char *request_query(const Request *r, const char *name);
/* The form parameter name (first occurrence), or NULL. */
const char *request_form(const Request *r, const char *name);
/* Parse s[0..n) as a positive decimal id into *out; false when it is not one. */
bool request_parse_id(const char *s, size_t n, int64_t *out);
/* Parse the query parameter name as a positive id into *out; 0 when absent. -1 when malformed. */
int request_query_id(const Request *r, const char *name, int64_t *out);
/* Add a reply header; both strings must outlive the request (literals or arena). */
void request_header(Request *r, const char *name, const char *value);
/*
** Reply with the size bytes of the open file fd (from its start) instead of r->out: the server
** streams it from the file (a 200 reply's body, never compressed or given an ETag), so a
** large file is never held in memory. r owns fd from now on; it is closed when the reply is
** sent or the request ends, and when another status is sent instead.
*/
void request_reply_fd(Request *r, int fd, uint64_t size);
/* Close the file of request_reply_fd, if any (the request then replies with r->out). */
void request_drop_fd(Request *r);
/* Set the session cookie (value NULL clears it). */
void request_set_cookie(Request *r, const char *value);
/* Redirect (303 See Other) to a local path. */
void request_redirect(Request *r, const char *path);
/* True for POST, PUT, PATCH and DELETE. */
bool request_is_write(const Request *r);
/*
** The data version (view_store_data_version) as first read for this request, read once (on a
** write request, read each time, as the request may move it): the key of the per-thread
** caches, which keep only what was read after it (so never older than it says). Returns 0, or
** -1 with r->err set.
*/
int request_data_version(Request *r, int64_t version[2]);
/* The audit sequence part of it (version[0]): the key of caches that audited writes move. */
int request_audit_version(Request *r, int64_t *seq);

#endif
