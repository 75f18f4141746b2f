/*
** hash.c: SHA-256 through libsodium (hash.h).
*/
#include "hash.h"

#include <sodium.h>

void hash_init(void)
{
    if (sodium_init() < 0)
        BUG("libsodium cannot initialise");
}

char *hash_sha256_hex(const void *p, size_t n, char out[HASH_HEX_SIZE])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    hash_init();
    crypto_hash_sha256(h, p, n);
    sodium_bin2hex(out, HASH_HEX_SIZE, h, sizeof h);
    return out;
}

_Static_assert(sizeof(crypto_hash_sha256_state) <= sizeof(((HashStream *)0)->opaque),
               "HashStream too small for libsodium's state");

void hash_stream_init(HashStream *h)
{
    hash_init();
    crypto_hash_sha256_init((crypto_hash_sha256_state *)(void *)h->opaque);
}

void hash_stream_update(HashStream *h, const void *p, size_t n)
{
    crypto_hash_sha256_update((crypto_hash_sha256_state *)(void *)h->opaque, p, n);
}

char *hash_stream_hex(HashStream *h, char out[HASH_HEX_SIZE])
{
    unsigned char d[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final((crypto_hash_sha256_state *)(void *)h->opaque, d);
    sodium_bin2hex(out, HASH_HEX_SIZE, d, sizeof d);
    return out;
}

char *hash_random_hex(char *out, size_t n)
{
    unsigned char buf[64];
    if (n > sizeof buf)
        BUG("hash_random_hex: %zu bytes asked", n);
    hash_init();
    randombytes_buf(buf, n);
    sodium_bin2hex(out, 2 * n + 1, buf, n);
    return out;
}

bool hash_equal(const char *a, const char *b)
{
    size_t n = strlen(a);
    return n == strlen(b) && sodium_memcmp(a, b, n) == 0;
}

char *hash_hmac_hex(const unsigned char key[32], const void *p, size_t n, char out[HASH_HEX_SIZE])
{
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    hash_init();
    crypto_auth_hmacsha256(mac, p, n, key);
    sodium_bin2hex(out, HASH_HEX_SIZE, mac, sizeof mac);
    return out;
}

void hash_random(void *p, size_t n)
{
    hash_init();
    randombytes_buf(p, n);
}

uint64_t hash_fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *u = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ u[i]) * 0x100000001b3ull;
    return h;
}
