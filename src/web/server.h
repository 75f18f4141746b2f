/*
** server.h: the web server (GNU libmicrohttpd with a thread pool). Each pool thread owns one
** SQLite connection, opened on its first request and closed when the thread ends; the
** configuration is immutable while the server runs, so nothing mutable is shared.
*/
#ifndef ZG_WEB_SERVER_H
#define ZG_WEB_SERVER_H

#include "base/date.h"
#include "base/err.h"
#include "base/tz.h"
#include "web/request.h"

#define SESSION_COOKIE "zg_sid"
#define WEB_UPLOAD_SECONDS (15 * 60) /* to receive the body of an upload */

typedef struct WebConfig {
    const char *db_path;     /* the database file */
    const char *address;     /* listen address, "127.0.0.1" */
    int port;                /* listen port; 0 picks a free one */
    int threads;             /* worker threads (default: the number of cores) */
    int max_connections;     /* connections at once */
    int max_per_address;     /* connections at once from one client address (the rest of
                                max_connections stays for other clients) */
    int receive_timeout;     /* seconds to receive a request's head, and again its body (an
                                upload's body: WEB_UPLOAD_SECONDS); trickled bytes do not reset it */
    int64_t max_upload;      /* largest file of an upload, bytes (serve --max-upload-mb; 50 MB) */
    int64_t max_upload_request; /* largest body of an upload route: four files' worth */
    const char *upload_dir;  /* DATA/tmp for uploads in progress; web_serve sets it */
    Day today;               /* DAY_NONE: the real date; else lights are computed for this day */
    const Tz *tz;            /* the office's time zone: pages show times in it, "today" is its day */
    bool secure_cookies;     /* behind TLS: cookies get Secure */
    bool quiet;              /* no access log */
    const char *hosts;       /* Host names this server answers for, comma-separated; NULL: any */
    const char *backup_dir;  /* daily backups go here (db/backup.h); NULL: none */
    int backup_hour;         /* at this hour (UTC, 0-23) */
    int backup_keep;         /* the newest this many stay (7) */
    bool force;              /* start even when another serve holds the database's lock */
    int idle_timeout;        /* session idle timeout, seconds (SPEC §9: 30 minutes) */
    int absolute_timeout;    /* session absolute timeout, seconds (12 hours) */
    int token_days;          /* an API token expires this many days after it is made (90) */
    int rate_login;          /* logins a minute from one address (burst as many); 0: no limit */
    int rate_api;            /* API requests a second from one address and from one account
                                (burst twice as many); 0: no limit */
    int password_days;       /* a password must be changed this many days after it was set
                                (90, 等保 practice; 0: never) */
} WebConfig;

/* Defaults of SPEC §9 and a listen address of 127.0.0.1:8080. */
void web_config_init(WebConfig *c);
/*
** Serve until SIGINT or SIGTERM, then finish the requests under way and return 0. Prints the
** address it listens on (with the chosen port) to stdout once it does. -1 with err when the
** database cannot be opened or the address not bound.
*/
int web_serve(const WebConfig *c, Err *err);

/* What the server reads from a request's head and a form body (fuzz/fuzz_http.c, fuzz_form.c). */
/* The HTTP_* of a method name, 0 for one the server does not answer. */
Method server_method(const char *m);
/* A Content-Length value: 0 when absent (NULL), -1 when malformed, else the value (capped). */
int64_t server_content_length(const char *s);
/* True when hosts (comma list; NULL: any) names host (a Host header, its port ignored). */
bool server_host_allowed(const char *hosts, const char *host);
/*
** Decode an application/x-www-form-urlencoded body into r->form (in r->arena), in place (the
** body is the caller's, NUL-terminated). false when a name or value is not valid UTF-8.
*/
bool server_parse_form(Request *r, char *body);

#endif
