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

#endif
