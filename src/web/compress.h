/*
** compress.h: gzip on the wire (RFC 9110 content coding). Replies over COMPRESS_MIN bytes go out
** gzip-compressed when the client's Accept-Encoding allows gzip; the embedded assets are
** compressed once per process (at the best level) and served from that copy. The server's one
** hook (compress_reply) also sets Vary: Accept-Encoding and gives the compressed variant its own
** ETag, so a cache never confuses the two encodings.
*/
#ifndef ZG_WEB_COMPRESS_H
#define ZG_WEB_COMPRESS_H

#include "base/buf.h"
#include "web/request.h"

#define COMPRESS_MIN 1024 /* bytes: smaller replies gain too little to pay the CPU */

/*
** True when an Accept-Encoding value (NULL: absent) accepts gzip: a "gzip" or "*" coding whose
** q-value is not zero. "identity" alone, or gzip;q=0, says no.
*/
bool compress_accepts_gzip(const char *accept_encoding);
/*
** Append data[0..len) gzip-compressed (level 1..9) to out. Returns 0, or -1 when zlib fails
** (out then holds whatever was appended; the caller sends the plain body).
*/
int compress_gzip(const char *data, size_t len, int level, Buf *out);
/*
** The gzip copy of an embedded asset whose bytes equal data[0..len), compressed on first use
** and kept for the process (immutable after that; guarded by a once-lock); NULL when the body
** is not an embedded asset's.
*/
const Buf *compress_asset(const char *data, size_t len);
/*
** The server's hook after a reply is built, before it is sent: when r's body is over
** COMPRESS_MIN bytes and accept_encoding accepts gzip, replace r->out by its gzip form (the
** asset copy when it is one) and return true; the caller then sends Content-Encoding: gzip.
** etag (in/out, NUL-terminated, size etag_size; "" when the reply has none) gets "-gz" inside
** its quotes for the compressed variant. Vary: Accept-Encoding is added to every reply that
** could have been compressed, whichever encoding goes out. A kept reply (r->kept_gzip) is
** compressed once: the first time into its keeping, then copied from there.
*/
bool compress_reply(Request *r, const char *accept_encoding, char *etag, size_t etag_size);

#endif
