/*
** replycache.c: kept replies per worker thread (replycache.h).
**
** A thread's cache is REPLY_SLOTS replies, placed by the hash of their key (a slot taken by
** another key is given to the newer one), holding at most REPLY_BYTES of bodies; a body larger
** than REPLY_MAX_BODY is not kept. The cache as a whole belongs to one data version and one day:
** a request that reads another empties it first, so no entry is ever older than its epoch and
** memory holds only what the current epoch may answer.
*/
#include "web/replycache.h"

#include "base/hash.h"
#include "base/tz.h"
#include "web/server.h"
#include "web/view.h"

#define REPLY_SLOTS 64                  /* a power of two */
#define REPLY_BYTES (8u << 20)          /* all bodies of one thread (their gzip copies besides) */
#define REPLY_MAX_BODY (1u << 20)       /* one body */

typedef struct Kept {
    uint64_t hash;       /* of key; 0 with key NULL: empty */
    char *key;           /* the request's key (see key_of), malloc'd */
    size_t key_len;
    char *body;          /* malloc'd */
    size_t len;
    char *type;          /* Content-Type, malloc'd */
    int n_headers;       /* the handler's own headers */
    char *headers[REQUEST_MAX_HEADERS][2];
    int64_t etag_version;
    uint64_t body_hash;  /* the ETag's hash of body, 0 until the server computed it */
    Buf gzip;            /* body compressed, empty until the server compressed it */
} Kept;

typedef struct ReplyCache {
    int64_t version[2];  /* the data version of every entry */
    Day today, local_day;/* the day of the lights and html_time's, of every entry */
    size_t bytes;        /* bodies held */
    Kept slots[REPLY_SLOTS];
} ReplyCache;

static void kept_free(Kept *k)
{
    free(k->key);
    free(k->body);
    free(k->type);
    buf_free(&k->gzip);
    for (int i = 0; i < k->n_headers; i++) {
        free(k->headers[i][0]);
        free(k->headers[i][1]);
    }
    *k = (Kept){0};
}

static void cache_empty(ReplyCache *c)
{
    for (int i = 0; i < REPLY_SLOTS; i++)
        if (c->slots[i].key)
            kept_free(&c->slots[i]);
    c->bytes = 0;
}

/* r's reply is k's: what the server computes of its body (ETag, gzip) is kept with it. */
static void attach(Request *r, Kept *k)
{
    r->kept_hash = &k->body_hash;
    r->kept_gzip = &k->gzip;
}

static void cache_free(void *p)
{
    cache_empty(p);
    free(p);
}

static ViewThreadKey cache_key = {.destroy = cache_free, .size = sizeof(ReplyCache)};

static void put_str(Buf *b, const char *s)
{
    buf_append(b, s ? s : "", s ? strlen(s) + 1 : 1);
}

/*
** What a kept reply answers: the method, the user and the credential (cookie or token), the path
** and every query parameter in order. Each string ends in its NUL, so no two keys run together.
*/
static void key_of(const Request *r, Buf *key)
{
    buf_printf(key, "%d %lld ", (int)r->method, (long long)r->user.id);
    put_str(key, r->via_token ? r->authorization : r->cookie_sid);
    put_str(key, r->path);
    for (int i = 0; i < r->n_query; i++) {
        put_str(key, r->query[i].name);
        put_str(key, r->query[i].value);
    }
}

static uint64_t hash_of(const char *p, size_t n)
{
    uint64_t h = hash_fnv(HASH_FNV_INIT, p, n);
    return h ? h : 1;
}

/* This thread's cache, emptied when r's data version or day is not its epoch; NULL on error. */
static ReplyCache *cache_for(Request *r)
{
    int64_t v[2];
    if (request_data_version(r, v) < 0)
        return NULL;
    ReplyCache *c = view_thread_value(&cache_key);
    Day local = tz_day(r->config->tz, r->now);
    if (c->version[0] != v[0] || c->version[1] != v[1] || c->today != r->today ||
        c->local_day != local) {
        cache_empty(c);
        c->version[0] = v[0];
        c->version[1] = v[1];
        c->today = r->today;
        c->local_day = local;
    }
    return c;
}

bool replycache_answer(Request *r)
{
    ReplyCache *c = cache_for(r);
    if (!c) {
        r->err = (Err)ERR_INIT; /* the handler reads the version again and replies to its error */
        return false;
    }
    Buf key = BUF_INIT;
    key_of(r, &key);
    uint64_t h = hash_of(key.data, key.len);
    Kept *k = &c->slots[h & (REPLY_SLOTS - 1)];
    bool hit = k->hash == h && k->key_len == key.len && memcmp(k->key, key.data, key.len) == 0;
    buf_free(&key);
    if (!hit)
        return false;
    r->status = 200;
    buf_reset(&r->out);
    buf_append(&r->out, k->body, k->len);
    r->reply_type = arena_strdup(&r->arena, k->type);
    for (int i = 0; i < k->n_headers; i++)
        request_header(r, arena_strdup(&r->arena, k->headers[i][0]),
                       arena_strdup(&r->arena, k->headers[i][1]));
    r->etag_version = k->etag_version;
    attach(r, k);
    return true;
}

void replycache_keep(Request *r, int first_header)
{
    if (r->status != 200 || !r->cacheable || r->reply_from_fd || r->out.len > REPLY_MAX_BODY ||
        !r->reply_type)
        return;
    for (int i = first_header; i < r->n_headers; i++)
        if (strcasecmp(r->headers[i][0], "Set-Cookie") == 0)
            return;
    ReplyCache *c = cache_for(r);
    if (!c)
        return;
    Buf key = BUF_INIT;
    key_of(r, &key);
    uint64_t h = hash_of(key.data, key.len);
    Kept *k = &c->slots[h & (REPLY_SLOTS - 1)];
    if (k->key) {
        c->bytes -= k->len;
        kept_free(k);
    }
    if (c->bytes + r->out.len > REPLY_BYTES)
        cache_empty(c);
    *k = (Kept){.hash = h, .key_len = key.len, .len = r->out.len,
                .etag_version = r->etag_version};
    k->key = buf_detach(&key, NULL);
    k->body = xmalloc(r->out.len ? r->out.len : 1);
    memcpy(k->body, r->out.data, r->out.len);
    k->type = xstrdup(r->reply_type);
    buf_init(&k->gzip);
    for (int i = first_header; i < r->n_headers; i++, k->n_headers++) {
        k->headers[k->n_headers][0] = xstrdup(r->headers[i][0]);
        k->headers[k->n_headers][1] = xstrdup(r->headers[i][1]);
    }
    c->bytes += r->out.len;
    attach(r, k);
}
