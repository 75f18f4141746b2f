/*
** compress.c: gzip content coding of replies and precompressed embedded assets (compress.h).
**
** Dynamic replies use level 1: on HTML and JSON it keeps most of the gain (a 25-row list page
** shrinks about sixfold) at a fraction of the CPU of the default level, which matters more at
** tens of thousands of replies a second. Assets never change while the process runs, so they
** are compressed once at level 9.
*/
#include "web/compress.h"

#include <pthread.h>
#include <zlib.h>

#include "base/embedded.h"

#define LEVEL_DYNAMIC 1
#define LEVEL_ASSET 9

/* Case-insensitive equality of s[0..n) and the lowercase word w. */
static bool word_is(const char *s, size_t n, const char *w)
{
    if (strlen(w) != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != w[i])
            return false;
    }
    return true;
}

/* True when a parameter list (after the coding's ';') sets q to zero: "q=0", "q=0.0", "q=0.000". */
static bool q_zero(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == ';'))
        p++;
    if (end - p < 3 || (p[0] != 'q' && p[0] != 'Q') || p[1] != '=')
        return false;
    p += 2;
    if (*p != '0')
        return false;
    for (p++; p < end && *p != ' ' && *p != ';'; p++)
        if (*p != '.' && *p != '0')
            return false;
    return true;
}

bool compress_accepts_gzip(const char *accept_encoding)
{
    if (!accept_encoding)
        return false;
    const char *p = accept_encoding;
    while (*p) {
        const char *item = p;
        while (*p && *p != ',')
            p++;
        const char *end = p;
        if (*p == ',')
            p++;
        while (item < end && (*item == ' ' || *item == '\t'))
            item++;
        const char *semi = item;
        while (semi < end && *semi != ';' && *semi != ' ' && *semi != '\t')
            semi++;
        size_t n = (size_t)(semi - item);
        if ((word_is(item, n, "gzip") || word_is(item, n, "x-gzip") || word_is(item, n, "*")) &&
            !q_zero(semi, end))
            return true;
    }
    return false;
}

/* Deflate data[0..len) with z (initialised, fresh or reset) to the end of out. */
static int deflate_into(z_stream *z, const char *data, size_t len, Buf *out)
{
    size_t bound = deflateBound(z, (uLong)len);
    buf_grow(out, bound);
    z->next_in = (Bytef *)(uintptr_t)data;
    z->avail_in = (uInt)len;
    z->next_out = (Bytef *)out->data + out->len;
    z->avail_out = (uInt)bound;
    int rc = deflate(z, Z_FINISH);
    if (rc != Z_STREAM_END)
        return -1;
    out->len += bound - z->avail_out;
    out->data[out->len] = '\0';
    return 0;
}

int compress_gzip(const char *data, size_t len, int level, Buf *out)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    /* 15 + 16: a gzip wrapper rather than zlib's; memLevel 8 is zlib's default. */
    if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return -1;
    int rc = deflate_into(&z, data, len, out);
    deflateEnd(&z);
    return rc;
}

/*
** Each pool thread's deflate state for dynamic replies, made at its first reply and reset
** (deflateReset) for each next one: deflateInit2 + deflateEnd per reply allocated and released
** zlib's ~270 KiB (window, hash chains, pending buffer) every time - page faults when the heap
** shrinks and grows again - and cleared its hash table all the same. memLevel 6 makes the hash
** table that each reset clears a quarter of the default's (16 KiB): on the list API, the list
** page, an item page and the dashboard the output stays within 1% of memLevel 8's size. The
** state is freed by the key's destructor when the thread ends.
*/
#define DYNAMIC_MEM_LEVEL 6

static pthread_key_t deflate_key;
static pthread_once_t deflate_key_once = PTHREAD_ONCE_INIT;

static void deflate_free(void *p)
{
    deflateEnd(p);
    free(p);
}

static void deflate_key_make(void)
{
    if (pthread_key_create(&deflate_key, deflate_free) != 0)
        BUG("pthread_key_create failed");
}

/* The calling thread's dynamic deflate state, ready for a new stream; NULL if zlib fails. */
static z_stream *thread_deflate(void)
{
    pthread_once(&deflate_key_once, deflate_key_make);
    z_stream *z = pthread_getspecific(deflate_key);
    if (z)
        return deflateReset(z) == Z_OK ? z : NULL;
    z = xcalloc(1, sizeof *z);
    if (deflateInit2(z, LEVEL_DYNAMIC, Z_DEFLATED, 15 + 16, DYNAMIC_MEM_LEVEL,
                     Z_DEFAULT_STRATEGY) != Z_OK) {
        free(z);
        return NULL;
    }
    pthread_setspecific(deflate_key, z);
    return z;
}

/* The gzip copies of the embedded files, in embedded_files order; built once. */
static Buf *asset_gz;
static size_t n_asset_gz;
static pthread_once_t asset_once = PTHREAD_ONCE_INIT;

static void assets_compress(void)
{
    size_t n = 0;
    while (embedded_files[n].name)
        n++;
    asset_gz = xcalloc(n + 1, sizeof *asset_gz);
    for (size_t i = 0; i < n; i++) {
        buf_init(&asset_gz[i]);
        if (compress_gzip(embedded_files[i].data, embedded_files[i].size, LEVEL_ASSET,
                          &asset_gz[i]) < 0)
            asset_gz[i].len = 0; /* served plain */
    }
    n_asset_gz = n;
}

const Buf *compress_asset(const char *data, size_t len)
{
    pthread_once(&asset_once, assets_compress);
    for (size_t i = 0; i < n_asset_gz; i++) {
        const EmbeddedFile *f = &embedded_files[i];
        if (f->size == len && asset_gz[i].len && memcmp(f->data, data, len) == 0)
            return &asset_gz[i];
    }
    return NULL;
}

bool compress_reply(Request *r, const char *accept_encoding, char *etag, size_t etag_size)
{
    if (r->out.len <= COMPRESS_MIN)
        return false;
    request_header(r, "Vary", "Accept-Encoding");
    if (!compress_accepts_gzip(accept_encoding))
        return false;
    const Buf *asset = r->cacheable ? compress_asset(r->out.data, r->out.len) : NULL;
    if (!asset && r->kept_gzip && r->kept_gzip->len)
        asset = r->kept_gzip; /* compressed when the reply was first sent */
    Buf gz = BUF_INIT;
    z_stream *z;
    if (asset) {
        buf_append(&gz, asset->data, asset->len);
    } else if (!(z = thread_deflate()) || deflate_into(z, r->out.data, r->out.len, &gz) < 0) {
        buf_free(&gz);
        return false;
    } else if (r->kept_gzip) {
        buf_append(r->kept_gzip, gz.data, gz.len);
    }
    buf_free(&r->out);
    r->out = gz;
    size_t n = strlen(etag);
    if (n >= 2 && n + 3 < etag_size && etag[n - 1] == '"')
        memcpy(etag + n - 1, "-gz\"", 5);
    return true;
}
