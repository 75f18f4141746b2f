/*
** fuzz_multipart.c: the streaming multipart/form-data parser (web/multipart.c). The first byte
** chooses the size of the pieces the body is fed in (1 to 256 bytes), the rest is the body under
** a fixed boundary; every part's name, file name and content go to a handler that checks them.
*/
#include "fuzz.h"

#include "web/multipart.h"

#include <stdlib.h>

static size_t content;

static int on_begin(void *ctx, const MultipartPart *p)
{
    (void)ctx;
    if (!p->name || !*p->name)
        abort();
    content = 0;
    return 0;
}

static int on_data(void *ctx, const char *p, size_t n)
{
    (void)ctx;
    if (n == 0 || !p)
        abort();
    content += n;
    return content > (1u << 20) ? 413 : 0;
}

static int on_end(void *ctx)
{
    (void)ctx;
    return 0;
}

static const MultipartHandler handler = {on_begin, on_data, on_end};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    size_t step = (size_t)data[0] + 1;
    Multipart m;
    if (multipart_init(&m, "multipart/form-data; boundary=zgfuzz", &handler, NULL) != 0)
        abort();
    const char *body = (const char *)data + 1;
    size_t n = size - 1;
    int st = 0;
    for (size_t at = 0; at < n && st == 0; at += step)
        st = multipart_feed(&m, body + at, n - at < step ? n - at : step);
    if (st == 0)
        st = multipart_finish(&m);
    if (st != 0 && st != 400 && st != 413)
        abort();
    return 0;
}
