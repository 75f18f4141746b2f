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
