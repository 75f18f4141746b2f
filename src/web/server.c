/*
** server.c: libmicrohttpd glue (server.h). A request arrives in pieces: the headers, then the
** body in chunks (collected up to max_body; beyond it the reply is 413), then a last call that
** builds the Request, hands it to route_dispatch, and queues the reply with the security headers
** of every response. One access-log line per request goes to stderr in one write.
*/
#include "web/server.h"

#include "base/hash.h"
#include "base/utf8.h"
#include "web/request.h"
#include "web/routes.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
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
    c->max_body = 32u << 20;
    c->today = DAY_NONE;
    c->tz = tz_find(TZ_DEFAULT);
    c->idle_timeout = 30 * 60;
    c->absolute_timeout = 12 * 3600;
}

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
    pthread_setspecific(db_key, db);
    return db;
}

/* What one connection's request collects between the calls of libmicrohttpd. */
typedef struct Pending {
    Buf body;      /* the body so far */
    bool too_big;  /* the body passed max_body: answer 413 */
    struct timespec start;
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

/* Decode an application/x-www-form-urlencoded body into r->form, in place (the body is ours). */
/* Decode one urlencoded name or value in place: '+' is a space, then %XX escapes. */
static void form_decode(char *s)
{
    for (char *q = s; *q; q++)
        if (*q == '+')
            *q = ' ';
    MHD_http_unescape(s);
}

static bool parse_form(Request *r, char *body)
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

static Method method_of(const char *m)
{
    static const struct {
        const char *name;
        Method m;
    } methods[] = {{"GET", HTTP_GET}, {"POST", HTTP_POST}, {"PUT", HTTP_PUT},
                   {"DELETE", HTTP_DELETE}, {"HEAD", HTTP_HEAD}};
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
static void add_security_headers(struct MHD_Response *resp)
{
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; style-src 'self';"
                            " script-src 'self'; object-src 'none'; base-uri 'none';"
                            " form-action 'self'; frame-ancestors 'none'");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
    MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
}

/* A 64-bit validator of the body, eight bytes a step: an ETag, not a secret. */
static uint64_t body_hash(const char *p, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDull;
        h ^= h >> 32;
    }
    for (; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 0x100000001B3ull;
    return h ^ (h >> 29);
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

static enum MHD_Result answer(void *cls, struct MHD_Connection *con, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **con_cls)
{
    (void)version;
    const WebConfig *cfg = cls;
    Pending *pend = *con_cls;
    if (!pend) {
        pend = xcalloc(1, sizeof *pend);
        buf_init(&pend->body);
        clock_gettime(CLOCK_MONOTONIC, &pend->start);
        *con_cls = pend;
        return MHD_YES;
    }
    if (*upload_size) {
        if (pend->body.len + *upload_size > cfg->max_body)
            pend->too_big = true;
        else
            buf_append(&pend->body, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }

    Request r;
    memset(&r, 0, sizeof r);
    r.arena = (Arena)ARENA_INIT;
    buf_init(&r.out);
    r.config = cfg;
    r.status = 200;
    r.reply_type = "text/html; charset=utf-8";
    r.now = (int64_t)time(NULL);
    r.today = cfg->today != DAY_NONE ? cfg->today : tz_day(cfg->tz, r.now);
    char client[64];
    client_address(con, client, sizeof client);
    r.client = client;
    r.method = method_of(method);
    r.path = url;
    r.content_type = header(con, MHD_HTTP_HEADER_CONTENT_TYPE);
    r.authorization = header(con, MHD_HTTP_HEADER_AUTHORIZATION);
    r.origin = header(con, "Origin");
    r.host = header(con, MHD_HTTP_HEADER_HOST);
    r.if_none_match = header(con, MHD_HTTP_HEADER_IF_NONE_MATCH);
    r.csrf_header = header(con, "X-CSRF-Token");
    r.cookie_sid = MHD_lookup_connection_value(con, MHD_COOKIE_KIND, SESSION_COOKIE);
    r.body = pend->body.data;
    r.body_len = pend->body.len;

    Collect q = {&r, NULL, 0, 0, false};
    MHD_get_connection_values(con, MHD_GET_ARGUMENT_KIND, collect_param, &q);
    r.query = q.ps;
    r.n_query = q.n;
    bool bad = q.bad || !utf8_valid(url, strlen(url));
    if (!bad && r.content_type &&
        strncmp(r.content_type, "application/x-www-form-urlencoded", 33) == 0)
        bad = !parse_form(&r, arena_strndup(&r.arena, pend->body.data, pend->body.len));

    Db *db = thread_db(cfg, &r.err);
    if (!db)
        route_fail(&r, 500, "internal", "database unavailable");
    else if (!r.method)
        route_fail(&r, 405, "method_not_allowed", "method not allowed");
    else if (pend->too_big)
        route_fail(&r, 413, "too_large", "request body too large");
    else if (bad)
        route_fail(&r, 400, "bad_request", "request is not valid UTF-8");
    else {
        r.db = db;
        route_dispatch(&r);
    }

    char etag[24];
    bool not_modified = false;
    if (r.status == 200 && r.cacheable && (r.method == HTTP_GET || r.method == HTTP_HEAD)) {
        snprintf(etag, sizeof etag, "\"%016llx\"",
                 (unsigned long long)body_hash(r.out.data, r.out.len));
        request_header(&r, "ETag", etag);
        not_modified = r.if_none_match && strstr(r.if_none_match, etag) != NULL;
    }
    size_t len = not_modified || r.method == HTTP_HEAD ? 0 : r.out.len;
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, r.out.data, MHD_RESPMEM_MUST_COPY);
    add_security_headers(resp);
    if (len || r.status != 303)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r.reply_type);
    if (!r.cacheable)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    for (int i = 0; i < r.n_headers; i++)
        MHD_add_response_header(resp, r.headers[i][0], r.headers[i][1]);
    int status = not_modified ? 304 : r.status;
    enum MHD_Result ret = MHD_queue_response(con, (unsigned)status, resp);
    MHD_destroy_response(resp);
    r.status = status;
    if (!cfg->quiet)
        access_log(&r, method, url, len, &pend->start);
    buf_free(&r.out);
    arena_free(&r.arena);
    return ret;
}

static void request_done(void *cls, struct MHD_Connection *con, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)con, (void)toe;
    Pending *pend = *con_cls;
    if (pend) {
        buf_free(&pend->body);
        free(pend);
        *con_cls = NULL;
    }
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
    if (inet_pton(AF_INET, c->address, &addr.sin_addr) != 1)
        return err_fail(err, ERR_USAGE, "bad listen address '%s'", c->address);

    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_TURBO, 0, NULL, NULL,
        answer, (void *)c, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)c->threads, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)c->max_connections, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        (unsigned)c->max_connections, MHD_OPTION_CONNECTION_TIMEOUT, 30u,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024, MHD_OPTION_NOTIFY_COMPLETED,
        request_done, NULL, MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u, MHD_OPTION_END);
    if (!d)
        return err_fail(err, ERR_IO, "cannot listen on %s:%d", c->address, c->port);
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    printf("listening on http://%s:%u/\n", c->address, info ? info->port : (unsigned)c->port);
    fflush(stdout);

    int sig = 0;
    sigwait(&stop, &sig);
    fprintf(stderr, "serve: signal %d, finishing requests under way\n", sig);
    MHD_stop_daemon(d);
    return 0;
}
