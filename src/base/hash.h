/*
** hash.h: SHA-256 (libsodium) as lowercase hex, and random bytes.
*/
#ifndef ZG_HASH_H
#define ZG_HASH_H

#include "base.h"

#define HASH_HEX_SIZE 65 /* 64 hex digits and a NUL */

/* Initialise libsodium (idempotent; hash_sha256_hex calls it); aborts when it cannot. */
void hash_init(void);
/* SHA-256 of p[0..n) as lowercase hex into out. Returns out. */
char *hash_sha256_hex(const void *p, size_t n, char out[HASH_HEX_SIZE]);

/*
** A SHA-256 computed piece by piece (for bodies streamed to disk). The state is opaque storage
** for libsodium's; hash_stream_init, then _update any number of times, then _hex once.
*/
typedef struct HashStream {
    _Alignas(16) unsigned char opaque[128]; /* libsodium's crypto_hash_sha256_state */
} HashStream;
void hash_stream_init(HashStream *h);
void hash_stream_update(HashStream *h, const void *p, size_t n);
/* The digest of everything fed as lowercase hex into out. Returns out. */
char *hash_stream_hex(HashStream *h, char out[HASH_HEX_SIZE]);

/* HMAC-SHA-256 of p[0..n) with a 32-byte key, as lowercase hex into out. Returns out. */
char *hash_hmac_hex(const unsigned char key[32], const void *p, size_t n, char out[HASH_HEX_SIZE]);
/* FNV-1a, 64 bits (a table's spread, not a digest): h = HASH_FNV_INIT, then any number of calls. */
#define HASH_FNV_INIT 0xcbf29ce484222325ull
uint64_t hash_fnv(uint64_t h, const void *p, size_t n);
/* Fill p with n random bytes. */
void hash_random(void *p, size_t n);

/* n random bytes as 2n lowercase hex digits into out (room for 2n + 1). Returns out. */
char *hash_random_hex(char *out, size_t n);
/* Constant-time comparison of two NUL-terminated strings of equal length; false otherwise. */
bool hash_equal(const char *a, const char *b);

#endif
