/*
** server.c: libmicrohttpd glue (server.h). A request arrives in pieces, and libmicrohttpd calls
** `answer` once per piece. The first call has the headers only: the Request is built and
** route_head decides the route, the user, the roles and, from Content-Length, the size (the
** route's limit), so that a refusal (404, 401, 403, 413 …) is queued before a byte of the body is
** read - libmicrohttpd then drops the body and closes the connection. The body calls collect a
** form or JSON body up to the route's limit, or on an upload route stream the multipart body to
** temporary files (upload.c). The last call runs the handler (route_run) and queues the reply with
** the security headers of every response. One access-log line per request goes to stderr.
*/
#include "web/server.h"

#include "base/hash.h"
#include "base/utf8.h"
#include "db/audit_store.h"
#include "db/backup.h"
#include "db/group_sync.h"
#include "web/compress.h"
#include "web/guard.h"
#include "web/request.h"
#include "web/routes.h"
#include "web/upload.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <sys/file.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

void web_config_init(WebConfig *c)
{
    memset(c, 0, sizeof *c);
    c->db_path = "zhenggai.db";
    c->address = "127.0.0.1";
    c->port = 8080;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    c->threads = n > 0 ? (int)n : 2;
    c->max_connections = 512;
    c->max_per_address = 32;
    c->receive_timeout = 20;
    c->max_upload = 50ll * 1000 * 1000;
    c->max_upload_request = 4 * c->max_upload;
    c->today = DAY_NONE;
    c->tz = tz_find(TZ_DEFAULT);
    c->idle_timeout = 30 * 60;
    c->absolute_timeout = 12 * 3600;
    c->token_days = 90;
    c->password_days = 90;
    c->rate_login = 60;
    c->rate_api = 1000;
    c->backup_hour = 2;
    c->backup_keep = 7;
}

/*
** Each connection's memory pool (request head, read buffer, reply head). libmicrohttpd zeroes
** the whole pool after every request, so its size is paid on every reply: 16 KiB holds a
** browser's head (nginx's default limit for one is 8 KiB) and our reply head (~1 KiB); 32 KiB
** (the library's default) cost ~49,000 instructions of memset a request, 64 KiB twice that.
** A body larger than the pool's free room arrives in several pieces (take_body appends them).
*/
#define WEB_CONNECTION_MEMORY (16 * 1024)

/*
** The room a reply's body starts with: a list of 25 (JSON ~11 KB, HTML ~15 KB) then grows no
** more, where doubling from 64 bytes reallocated and copied it eight times. libmicrohttpd takes
** the buffer over as it is (no copy); an unused tail costs address space, not work.
*/
#define WEB_REPLY_START (16 * 1024)

/* Each pool thread's connection, closed by the key's destructor when the thread ends. */
static pthread_key_t db_key;
static pthread_once_t db_key_once = PTHREAD_ONCE_INIT;

static void db_free(void *p)
{
    db_close(p);
    free(p);
}

static void db_key_make(void)
{
    if (pthread_key_create(&db_key, db_free) != 0)
        BUG("pthread_key_create failed");
}

static Db *thread_db(const WebConfig *c, Err *err)
{
    pthread_once(&db_key_once, db_key_make);
    Db *db = pthread_getspecific(db_key);
    if (db)
        return db;
    db = xcalloc(1, sizeof *db);
    if (db_open(db, c->db_path, 0, err) < 0) {
        free(db);
        return NULL;
    }
    db_defer_sync(db); /* a request's commit is synced while its worker goes on (hold_reply) */
    pthread_setspecific(db_key, db);
    return db;
}

/* One request between the calls of libmicrohttpd. */
typedef struct Pending {
    Request r;             /* built from the headers at the first call */
    const Route *route;    /* the route route_head chose; NULL when refused at the headers */
    size_t limit;          /* the route's largest body */
    Buf body;              /* a form or JSON body so far */
    bool upload;           /* the body streams into sink instead */
    UploadSink sink;
    int refuse;            /* an HTTP status decided while the body came in, else 0 */
    Guard *guard;          /* the connection's receive deadline */
    char client[64];       /* the peer's address */
    struct timespec start; /* arrival, for the access log */
    struct MHD_Connection *con; /* while its reply is held (hold_reply) */
    GroupSyncWaiter wait;  /* the reply waits for its commit's sync */
    bool held;             /* the sync thread resumed the connection: the reply may go */
    int sync_rc;           /* that sync's result */
} Pending;

typedef struct Collect {
    Request *r;
    Param *ps;
    int n, cap;
    bool bad; /* a name or value was not valid UTF-8 */
} Collect;

static enum MHD_Result collect_param(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *value)
{
    (void)kind;
    Collect *c = cls;
    if (!value)
        value = "";
    if (!utf8_valid(key, strlen(key)) || !utf8_valid(value, strlen(value))) {
        c->bad = true;
        return MHD_YES;
    }
    if (c->n == c->cap) {
        int cap = c->cap ? 2 * c->cap : 8;
        Param *ps = ARENA_ARRAY(&c->r->arena, Param, cap);
        if (c->n)
            memcpy(ps, c->ps, (size_t)c->n * sizeof *ps);
        c->ps = ps;
        c->cap = cap;
    }
    c->ps[c->n++] = (Param){key, value};
    return MHD_YES;
}

/* Decode one urlencoded name or value in place: '+' is a space, then %XX escapes. */
static void form_decode(char *s)
{
    for (char *q = s; *q; q++)
        if (*q == '+')
            *q = ' ';
    MHD_http_unescape(s);
}

bool server_parse_form(Request *r, char *body)
{
    Collect c = {r, NULL, 0, 0, false};
    char *p = body;
    while (*p) {
        char *amp = strchr(p, '&');
        if (amp)
            *amp = 0;
        char *eq = strchr(p, '=');
        if (eq)
            *eq = 0;
        form_decode(p);
        char *v = eq ? eq + 1 : p + strlen(p); /* "" inside the body, not a literal */
        form_decode(v);
        if (*p)
            collect_param(&c, MHD_POSTDATA_KIND, p, v);
        if (!amp)
            break;
        p = amp + 1;
    }
    r->form = c.ps;
    r->n_form = c.n;
    return !c.bad;
}

Method server_method(const char *m)
{
    static const struct {
        const char *name;
        Method m;
    } methods[] = {{"GET", HTTP_GET},       {"POST", HTTP_POST}, {"PUT", HTTP_PUT},
                   {"DELETE", HTTP_DELETE}, {"HEAD", HTTP_HEAD}, {"PATCH", HTTP_PATCH}};
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (strcmp(m, methods[i].name) == 0)
            return methods[i].m;
    return 0;
}

static const char *header(struct MHD_Connection *con, const char *name)
{
    return MHD_lookup_connection_value(con, MHD_HEADER_KIND, name);
}

static void client_address(struct MHD_Connection *con, char *out, size_t n)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    snprintf(out, n, "-");
    if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET) {
        const struct sockaddr_in *a = (const struct sockaddr_in *)ci->client_addr;
        unsigned ip = ntohl(a->sin_addr.s_addr);
        snprintf(out, n, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255, ip & 255);
    }
}

/* The security headers of every response (STYLE: set in one place). */
static void add_security_headers(struct MHD_Response *resp, const Request *r)
{
    /* A handler that sets its own policy (an evidence preview: sandbox, framable by the site's
       own pages) replaces the default one; every other reply gets the default. */
    bool own = false;
    for (int i = 0; i < r->n_headers; i++)
        own |= strcmp(r->headers[i][0], "Content-Security-Policy") == 0;
    if (!own)
        MHD_add_response_header(resp, "Content-Security-Policy",
                                "default-src 'self'; img-src 'self' data:; style-src 'self';"
                                " script-src 'self'; object-src 'none'; base-uri 'none';"
                                " form-action 'self'; frame-ancestors 'none'");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", own ? "SAMEORIGIN" : "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
    MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
}

/*
** A 64-bit validator of the body: an ETag, not a secret. Four lanes of eight bytes each take a
** 32-byte step, so the four multiply chains run side by side instead of one serial chain over
** the whole body (a list reply is ~10 KB); the lanes are folded together at the end.
*/
static uint64_t body_hash(const char *p, size_t n)
{
    const uint64_t k = 0xFF51AFD7ED558CCDull;
    uint64_t h[4] = {0x9E3779B97F4A7C15ull ^ n, 0xC2B2AE3D27D4EB4Full, 0x165667B19E3779F9ull,
                     0x27D4EB2F165667C5ull};
    size_t i = 0;
    for (; i + 32 <= n; i += 32)
        for (int l = 0; l < 4; l++) {
            uint64_t w;
            memcpy(&w, p + i + 8 * l, 8);
            h[l] = (h[l] ^ w) * k;
            h[l] ^= h[l] >> 32;
        }
    uint64_t x = h[0];
    for (int l = 1; l < 4; l++) {
        x = (x ^ h[l]) * k;
        x ^= x >> 32;
    }
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        x = (x ^ w) * k;
        x ^= x >> 32;
    }
    for (; i < n; i++)
        x = (x ^ (unsigned char)p[i]) * 0x100000001B3ull;
    return x ^ (x >> 29);
}

static void access_log(const Request *r, const char *method, const char *url, size_t bytes,
                       const struct timespec *start)
{
    struct timespec end;
    clock_gettime(CLOCK_MONOTONIC, &end);
    long us = (end.tv_sec - start->tv_sec) * 1000000L + (end.tv_nsec - start->tv_nsec) / 1000;
    char at[TIME_ISO_SIZE];
    char line[1024];
    /* The query string is left out: it may carry search words. */
    int n = snprintf(line, sizeof line, "%s %s %s %s %d %zu %ldus %s\n", date_time_iso(r->now, at),
                     r->client ? r->client : "-", method, url, r->status, bytes, us,
                     r->authed ? r->user.login : "-");
    if (n > 0)
        (void)!write(2, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

/* Queue r's reply: ETag and 304 for cacheable reads, the security headers, the access log. */
static enum MHD_Result send_reply(struct MHD_Connection *con, Pending *pend, const char *method,
                                  const char *url)
{
    Request *r = &pend->r;
    char etag[56] = "";
    bool not_modified = false;
    if (r->status == 200 && r->cacheable && (r->method == HTTP_GET || r->method == HTTP_HEAD)) {
        uint64_t h = r->kept_hash && *r->kept_hash ? *r->kept_hash
                                                   : body_hash(r->out.data, r->out.len);
        if (r->kept_hash)
            *r->kept_hash = h;
        if (r->etag_version > 0) /* an editable object: If-Match names the version it shows */
            snprintf(etag, sizeof etag, "\"v%lld-%016llx\"", (long long)r->etag_version,
                     (unsigned long long)h);
        else
            snprintf(etag, sizeof etag, "\"%016llx\"", (unsigned long long)h);
    }
    bool gzip = compress_reply(r, header(con, MHD_HTTP_HEADER_ACCEPT_ENCODING), etag, sizeof etag);
    if (*etag) {
        request_header(r, "ETag", etag);
        not_modified = r->if_none_match && strstr(r->if_none_match, etag) != NULL;
    }
    /* A HEAD reply keeps its Content-Length (RFC 9110 8.6): libmicrohttpd sends no body. */
    size_t len = not_modified ? 0 : r->out.len;
    struct MHD_Response *resp = NULL;
    if (r->reply_from_fd && r->status == 200 && r->method != HTTP_HEAD) {
        /* libmicrohttpd reads the file as the socket drains and closes it with the response. */
        resp = MHD_create_response_from_fd64(r->reply_fd_size, r->reply_fd);
        if (resp) {
            r->reply_from_fd = false;
            len = (size_t)r->reply_fd_size;
        } else {
            r->status = 500; /* an empty body must not pass for the file */
        }
    }
    request_drop_fd(r);
    if (!resp && len && r->out.cap) {
        /* The body moves to libmicrohttpd, which frees it with the response: no copy. */
        char *body = buf_detach(&r->out, NULL);
        resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
        if (!resp)
            free(body);
    }
    if (!resp)
        resp = MHD_create_response_from_buffer(len, r->out.data, MHD_RESPMEM_MUST_COPY);
    add_security_headers(resp, r);
    if (len || r->status != 303)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->reply_type);
    /* Nothing a logged-in user sees stays in a cache (ETags still answer 304 to the client). */
    if (!r->cacheable || r->authed)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    for (int i = 0; i < r->n_headers; i++)
        MHD_add_response_header(resp, r->headers[i][0], r->headers[i][1]);
    if (gzip)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
    int status = not_modified ? 304 : r->status;
    enum MHD_Result ret = MHD_queue_response(con, (unsigned)status, resp);
    MHD_destroy_response(resp);
    r->status = status;
    if (!r->config->quiet)
        access_log(r, method, url, len, &pend->start);
    buf_free(&r->out);
    return ret;
}

bool server_host_allowed(const char *hosts, const char *host)
{
    if (!hosts)
        return true;
    if (!host)
        return false;
    size_t n = strcspn(host, ":");
    if (host[0] == '[') /* an IPv6 literal: up to the bracket */
        n = strcspn(host, "]") + 1;
    for (const char *p = hosts; *p;) {
        size_t m = strcspn(p, ",");
        if (m == n && strncasecmp(p, host, n) == 0)
            return true;
        p += m + (p[m] == ',');
    }
    return false;
}

int64_t server_content_length(const char *s)
{
    int64_t v = 0;
    if (!s)
        return 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        if (v < INT64_MAX / 20)
            v = v * 10 + (*s - '0');
    }
    return v;
}

/*
** The first call: build the Request from the headers and decide everything they decide. false
** when the request is refused (the refusal is written into r).
*/
static bool begin_request(struct MHD_Connection *con, Pending *pend, const char *url,
                          const char *method)
{
    const WebConfig *cfg = pend->r.config;
    Request *r = &pend->r;
    client_address(con, pend->client, sizeof pend->client);
    r->client = pend->client;
    r->method = server_method(method);
    r->path = url;
    r->content_type = header(con, MHD_HTTP_HEADER_CONTENT_TYPE);
    r->authorization = header(con, MHD_HTTP_HEADER_AUTHORIZATION);
    r->origin = header(con, "Origin");
    r->host = header(con, MHD_HTTP_HEADER_HOST);
    r->if_none_match = header(con, MHD_HTTP_HEADER_IF_NONE_MATCH);
    r->csrf_header = header(con, "X-CSRF-Token");
    r->if_match = header(con, MHD_HTTP_HEADER_IF_MATCH);
    r->cookie_sid = MHD_lookup_connection_value(con, MHD_COOKIE_KIND, SESSION_COOKIE);

    Collect q = {r, NULL, 0, 0, false};
    MHD_get_connection_values(con, MHD_GET_ARGUMENT_KIND, collect_param, &q);
    r->query = q.ps;
    r->n_query = q.n;
    if (!server_host_allowed(cfg->hosts, r->host)) {
        route_fail(r, 400, "bad_host", "this server does not answer for that Host");
        return false;
    }
    if (q.bad || !utf8_valid(url, strlen(url))) {
        route_fail(r, 400, "bad_request", "request is not valid UTF-8");
        return false;
    }
    if (!r->method) {
        route_fail(r, 405, "method_not_allowed", "method not allowed");
        return false;
    }
    Db *db = thread_db(cfg, &r->err);
    if (!db) {
        route_fail(r, 500, "internal", "database unavailable");
        return false;
    }
    r->db = db;
    pend->route = route_head(r);
    if (!pend->route)
        return false;
    pend->limit = route_body_limit(pend->route, (size_t)cfg->max_upload_request);
    int64_t declared = server_content_length(header(con, MHD_HTTP_HEADER_CONTENT_LENGTH));
    if (declared < 0) {
        route_fail(r, 400, "bad_request", "bad Content-Length");
        return false;
    }
    if ((uint64_t)declared > pend->limit) {
        route_fail(r, 413, "too_large", "request body too large for this address");
        return false;
    }
    if ((pend->route->flags & ROUTE_UPLOAD) && request_is_write(r)) {
        UploadLimits lim = {cfg->max_upload, cfg->max_upload_request};
        int st = upload_begin(&pend->sink, r, r->content_type, cfg->upload_dir, &lim,
                              (pend->route->flags & ROUTE_CSRF) != 0);
        pend->upload = true;
        if (st) {
            route_refuse(r, st);
            return false;
        }
    }
    return true;
}

/* One piece of the body: into the upload sink or the body buffer, within the route's limit. */
static void take_body(Pending *pend, const char *p, size_t n)
{
    if (pend->refuse)
        return;
    if (pend->upload) {
        pend->refuse = upload_feed(&pend->sink, p, n);
    } else if (pend->body.len + n > pend->limit) {
        pend->refuse = 413;
        buf_free(&pend->body);
    } else {
        buf_append(&pend->body, p, n);
    }
}

/* The last call: the body is in; run the handler. */
static void finish_request(Pending *pend)
{
    Request *r = &pend->r;
    if (!pend->refuse && pend->upload)
        pend->refuse = upload_finish(&pend->sink);
    if (pend->refuse) {
        route_refuse(r, pend->refuse);
        return;
    }
    if (!pend->upload) {
        r->body = pend->body.data;
        r->body_len = pend->body.len;
        if (r->content_type &&
            strncmp(r->content_type, "application/x-www-form-urlencoded", 33) == 0 &&
            !server_parse_form(r, arena_strndup(&r->arena, pend->body.data, pend->body.len))) {
            route_fail(r, 400, "bad_request", "request is not valid UTF-8");
            return;
        }
    }
    route_run(r, pend->route);
}

/*
** A request's commits are acknowledged only once the WAL is synced (group_sync.h). The worker
** does not wait for that: the connection is suspended, the reply kept in its Pending, and the
** worker serves other connections while the sync thread syncs for every commit so far; it then
** resumes the connection, and libmicrohttpd calls answer again, which sends the reply. The lock
** makes sure the connection is suspended before the sync thread can resume it.
*/
static pthread_mutex_t hold_lock = PTHREAD_MUTEX_INITIALIZER;

static void sync_done(void *arg, int rc)
{
    Pending *pend = arg;
    pthread_mutex_lock(&hold_lock);
    pend->sync_rc = rc;
    pend->held = true;
    MHD_resume_connection(pend->con);
    pthread_mutex_unlock(&hold_lock);
}

/* The reply when the commit is written but its sync failed: it is not acknowledged. */
static void sync_failed_reply(Request *r)
{
    route_fail(r, 500, "internal", "committed, but cannot sync the write-ahead log");
}

/*
** Before r's reply goes: true when the connection was suspended until its commit is synced; else
** the reply may go now (waited here when there is no sync thread, or when may_hold is false).
*/
static bool hold_reply(struct MHD_Connection *con, Pending *pend, bool may_hold)
{
    Request *r = &pend->r;
    int64_t ticket = r->db ? db_sync_take(r->db) : 0;
    if (!ticket)
        return false;
    int rc = -1;
    if (may_hold) {
        pend->con = con;
        pend->wait = (GroupSyncWaiter){.ticket = ticket, .done = sync_done, .arg = pend};
        pthread_mutex_lock(&hold_lock);
        rc = group_sync_defer(&pend->wait);
        if (rc == 0)
            MHD_suspend_connection(con);
        pthread_mutex_unlock(&hold_lock);
    }
    if (rc == 0)
        return true;
    if (rc < 0 && db_sync_wait(r->db, ticket, &r->err) < 0)
        sync_failed_reply(r);
    return false;
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *con, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **con_cls)
{
    (void)version;
    const WebConfig *cfg = cls;
    Pending *pend = *con_cls;
    if (!pend) {
        pend = xcalloc(1, sizeof *pend);
        *con_cls = pend;
        buf_init(&pend->body);
        clock_gettime(CLOCK_MONOTONIC, &pend->start);
        Request *r = &pend->r;
        r->arena = (Arena)ARENA_INIT;
        buf_init(&r->out);
        buf_grow(&r->out, WEB_REPLY_START - 1);
        r->config = cfg;
        r->status = 200;
        r->reply_type = "text/html; charset=utf-8";
        r->now = (int64_t)time(NULL);
        r->today = cfg->today != DAY_NONE ? cfg->today : tz_day(cfg->tz, r->now);
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(con, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
        pend->guard = ci ? ci->socket_context : NULL;
        if (!begin_request(con, pend, url, method)) {
            pend->route = NULL;
            if (pend->guard)
                guard_set(pend->guard, 0);
            hold_reply(con, pend, false); /* a refusal's audit entry: synced here */
            return send_reply(con, pend, method, url);
        }
        /* The body has its own deadline, counted from the end of the head. */
        if (pend->guard)
            guard_set(pend->guard, pend->upload ? WEB_UPLOAD_SECONDS : cfg->receive_timeout);
        return MHD_YES;
    }
    if (*upload_size) {
        take_body(pend, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    if (pend->held) {
        /* Resumed by the sync thread: the reply kept at hold_reply goes now. */
        pend->held = false;
        if (pend->sync_rc != 0)
            sync_failed_reply(&pend->r);
    } else {
        if (pend->guard)
            guard_set(pend->guard, 0);
        finish_request(pend);
        if (hold_reply(con, pend, true))
            return MHD_YES;
    }
    enum MHD_Result ret = send_reply(con, pend, method, url);
    upload_cleanup(&pend->sink);
    return ret;
}

static void request_done(void *cls, struct MHD_Connection *con, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)con, (void)toe;
    const WebConfig *cfg = cls;
    Pending *pend = *con_cls;
    if (pend) {
        /* Kept alive: idle for up to the timeout, then the next head within it again. */
        if (pend->guard)
            guard_set(pend->guard, 2 * cfg->receive_timeout);
        upload_cleanup(&pend->sink);
        request_drop_fd(&pend->r);
        buf_free(&pend->body);
        buf_free(&pend->r.out);
        arena_free(&pend->r.arena);
        free(pend);
        *con_cls = NULL;
    }
}

/*
** Hold DATA/serve.lock (flock, exclusive) while serving, so that a second serve on the same
** SQLite database is refused: two servers would each think they own the uploads folder and the
** database's schema. Servers of one PostgreSQL database share the folder and hold it shared. The lock goes with the process, even after kill -9. Returns the open
** descriptor, or -1 with err naming the reason.
*/
static int hold_serve_lock(const char *db_path, bool force, Err *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s-files/serve.lock", db_local_path(db_path));
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return err_fail(err, ERR_IO, "cannot open '%s': %s", path, strerror(errno));
    /* Servers that may share the database (and its files folder) share the lock. */
    int mode = db_shared_by_servers(db_path) ? LOCK_SH : LOCK_EX;
    if (flock(fd, mode | LOCK_NB) == 0 || force)
        return fd;
    close(fd);
    return err_fail(err, ERR_IO,
                    "another serve is running on '%s' (lock '%s'); stop it, or pass --force", db_path,
                    path);
}

/* Log the audit chain's head (sequence and hash) to stderr: the daily anchor of the log. */
static void log_audit_head(const char *db_path)
{
    Db db;
    Err err = ERR_INIT;
    int64_t seq = 0;
    char hash[HASH_HEX_SIZE] = "";
    if (db_open(&db, db_path, 0, &err) == 0 && audit_store_head(&db, &seq, hash, &err) == 0)
        fprintf(stderr, "serve: audit head: zhenggai audit anchor seq %lld hash %s\n",
                (long long)seq, hash);
    else
        fprintf(stderr, "serve: cannot read the audit head: %s\n", err.msg);
    db_close(&db);
}

/* Each connection gets a receive deadline for its first request head (guard.h). */
static void connection_notify(void *cls, struct MHD_Connection *con, void **socket_context,
                              enum MHD_ConnectionNotificationCode toe)
{
    const WebConfig *cfg = cls;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(con, MHD_CONNECTION_INFO_CONNECTION_FD);
        *socket_context = ci ? guard_open(ci->connect_fd, cfg->receive_timeout) : NULL;
    } else if (*socket_context) {
        guard_close(*socket_context);
        *socket_context = NULL;
    }
}

/*
** Wait for a signal of stop (the one returned) while writing the audit head to the log at start
** and once a day, for the auditor to keep, and the daily backup at its hour.
*/
static int wait_for_signal(const WebConfig *c, const sigset_t *stop)
{
    Day logged = DAY_NONE, backed_up = DAY_NONE;
    int sig = 0;
    for (;;) {
        if (date_today() != logged) {
            logged = date_today();
            log_audit_head(c->db_path);
        }
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        if (c->backup_dir && tm.tm_hour == c->backup_hour && backed_up != date_today()) {
            backed_up = date_today();
            Err berr = ERR_INIT;
            if (backup_daily(c->db_path, c->backup_dir, c->backup_keep, &berr) < 0)
                fprintf(stderr, "serve: daily backup failed: %s\n", berr.msg);
            else
                fprintf(stderr, "serve: daily backup written to '%s'\n", c->backup_dir);
        }
        struct timespec minute = {60, 0};
        sig = sigtimedwait(stop, NULL, &minute);
        if (sig > 0)
            break;
    }
    return sig;
}

/* libmicrohttpd's threads on addr, with c's limits (suspend and resume: hold_reply). */
static struct MHD_Daemon *start_daemon(const WebConfig *c, struct sockaddr_in *addr)
{
    return MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_TURBO | MHD_ALLOW_SUSPEND_RESUME,
        0, NULL, NULL, answer, (void *)c, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)addr,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)c->threads, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)c->max_connections, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        (unsigned)c->max_per_address, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)c->receive_timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)WEB_CONNECTION_MEMORY, MHD_OPTION_NOTIFY_COMPLETED, request_done, (void *)c,
        MHD_OPTION_NOTIFY_CONNECTION, connection_notify, (void *)c, MHD_OPTION_END);
}

/*
** Keep freed heap memory in the process instead of handing it back after every request. With
** glibc's moving thresholds, a worker thread's arena was trimmed (madvise MADV_DONTNEED, with its
** TLB shootdowns) after most requests and the next one faulted the pages in again: under progress
** reports at four writers that was 0.35 of the server's 0.8 ms CPU per report (bench/README.md).
** Fixed thresholds stop the moving; each arena keeps at most 2 MiB free at its top, and blocks
** under 4 MiB (any reply body) come from the arenas, not from mmap.
*/
static void heap_keep(void)
{
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
    mallopt(M_TRIM_THRESHOLD, 2 << 20);
}

int web_serve(const WebConfig *c, Err *err)
{
    /* The database must open before anyone is told the server runs. */
    Db probe;
    if (db_open(&probe, c->db_path, 0, err) < 0 || db_migrate(&probe, err) < 0) {
        db_close(&probe);
        return -1;
    }
    db_close(&probe);
    hash_init();
    heap_keep();
    /* The configuration handed to the threads: the caller's, with the upload folder. */
    static WebConfig cfg;
    cfg = *c;
    char *upload_dir = NULL;
    if (upload_tmp_dir(c->db_path, &upload_dir, err) < 0)
        return -1;
    cfg.upload_dir = upload_dir;
    c = &cfg;
    int lock_fd = hold_serve_lock(c->db_path, c->force, err);
    if (lock_fd < 0) {
        free(upload_dir);
        return -1;
    }

    /* Block the signals in every thread; the main thread waits for them. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)c->port);
    if (inet_pton(AF_INET, c->address, &addr.sin_addr) != 1) {
        close(lock_fd);
        free(upload_dir);
        return err_fail(err, ERR_USAGE, "bad listen address '%s'", c->address);
    }

    /*
    ** One address gets at most max_per_address of the max_connections, so others keep a
    ** reserve; no SO_REUSEPORT (a second server on the same address must fail, not share it).
    */
    if (guard_start() < 0) {
        close(lock_fd);
        free(upload_dir);
        return err_fail(err, ERR_IO, "cannot start the connection reaper");
    }
    struct MHD_Daemon *d = start_daemon(c, &addr);
    if (!d) {
        int e = errno;
        guard_stop();
        close(lock_fd);
        free(upload_dir);
        return err_fail(err, ERR_IO, "cannot listen on %s:%d: %s", c->address, c->port,
                        e == EADDRINUSE ? "the address is in use (is another serve running?)"
                                        : strerror(e));
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    printf("listening on http://%s:%u/\n", c->address, info ? info->port : (unsigned)c->port);
    fflush(stdout);

    int sig = wait_for_signal(c, &stop);
    fprintf(stderr, "serve: signal %d, finishing requests under way\n", sig);
    group_sync_stop(); /* no connection may stay suspended at MHD_stop_daemon */
    MHD_stop_daemon(d);
    guard_stop();
    close(lock_fd);
    free(upload_dir);
    return 0;
}
