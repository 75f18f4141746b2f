/*
** crypto.h: the cryptographic suite a database was created with (`init --crypto`), as hashes,
** keyed hashes and authenticated encryption that take the suite as a parameter.
**
**   CRYPTO_DEFAULT  SHA-256 and HMAC-SHA-256 (libsodium); no encryption at rest.
**   CRYPTO_SM       SM3 and HMAC-SM3 (OpenSSL 3); SM4 for data at rest (GB/T 39786, 密评).
**
** SM4 seals are SM4-CBC with PKCS#7 padding, then HMAC-SM3 over everything before the tag
** (encrypt-then-MAC): Debian bookworm's OpenSSL 3.0 offers SM4 but not SM4-GCM through EVP.
** A seal is "ZGE" + a format byte + a 16-byte random IV + the ciphertext + a 32-byte tag; the
** format byte names the algorithm, so an AEAD added later (SM4-GCM) reads beside this one.
** The 32-byte data key is split into the SM4 key and the MAC key by HMAC-SM3 with fixed labels.
*/
#ifndef ZG_CRYPTO_H
#define ZG_CRYPTO_H

#include "base/buf.h"
#include "base/err.h"

#define CRYPTO_HEX_SIZE 65 /* 64 hex digits and a NUL: both suites' digests are 256 bits */
#define CRYPTO_KEY_SIZE 32 /* keyed hashes' and data keys' length in bytes */

typedef enum CryptoSuite {
    CRYPTO_DEFAULT = 0, /* "default": SHA-256 */
    CRYPTO_SM = 1,      /* "sm": SM3 / SM4 */
} CryptoSuite;

/* "default" or "sm". */
const char *crypto_suite_name(CryptoSuite suite);
/* The suite named s into *out; -1 with err when s names none. */
int crypto_suite_parse(const char *s, CryptoSuite *out, Err *err);

/* The digest of p[0..n) (SHA-256 or SM3) as lowercase hex into out. Returns out. */
char *crypto_hash_hex(CryptoSuite suite, const void *p, size_t n, char out[CRYPTO_HEX_SIZE]);
/* HMAC (SHA-256 or SM3) of p[0..n) with a 32-byte key, as lowercase hex. Returns out. */
char *crypto_hmac_hex(CryptoSuite suite, const unsigned char key[CRYPTO_KEY_SIZE], const void *p,
                      size_t n, char out[CRYPTO_HEX_SIZE]);

/* A digest computed piece by piece: _init, _update any number of times, _hex once (frees it). */
typedef struct CryptoHash {
    CryptoSuite suite;
    void *md;                             /* OpenSSL's EVP_MD_CTX for CRYPTO_SM */
    _Alignas(16) unsigned char sha[128]; /* libsodium's SHA-256 state for CRYPTO_DEFAULT */
} CryptoHash;
void crypto_hash_init(CryptoHash *h, CryptoSuite suite);
void crypto_hash_update(CryptoHash *h, const void *p, size_t n);
char *crypto_hash_final_hex(CryptoHash *h, char out[CRYPTO_HEX_SIZE]);

/* True when the suite encrypts data at rest (CRYPTO_SM). */
bool crypto_suite_encrypts(CryptoSuite suite);
/* True when p[0..n) begins like a seal (the magic and a known format byte). */
bool crypto_is_sealed(const void *p, size_t n);

/*
** Seal p[0..n) with key, binding ad[0..n_ad) (associated data: what the bytes are, so a seal
** cannot be moved to another field), appending the seal to out.
*/
void crypto_seal(const unsigned char key[CRYPTO_KEY_SIZE], const void *ad, size_t n_ad,
                 const void *p, size_t n, Buf *out);
/* Open the seal c[0..n) made with key and ad, appending the plaintext to out; -1 with err when
   it is malformed or was changed (nothing is appended then). */
int crypto_open(const unsigned char key[CRYPTO_KEY_SIZE], const void *ad, size_t n_ad,
                const void *c, size_t n, Buf *out, Err *err);

/* The prefix of a seal stored as text: "sm4:" and the seal in base64. */
#define CRYPTO_TEXT_PREFIX "sm4:"
/* Seal text (NUL-terminated) as crypto_seal does, appending CRYPTO_TEXT_PREFIX + base64 to out. */
void crypto_seal_text(const unsigned char key[CRYPTO_KEY_SIZE], const char *ad, const char *text,
                      Buf *out);
/* Open a text seal, appending the text to out; -1 with err when it is not one or does not open. */
int crypto_open_text(const unsigned char key[CRYPTO_KEY_SIZE], const char *ad, const char *stored,
                     Buf *out, Err *err);

/*
** Seal the file open at in_fd into out_fd, streaming, with the digest of the plaintext (suite)
** into plain_hex. The caller fsyncs and closes both. -1 with err on an I/O failure.
*/
int crypto_seal_fd(CryptoSuite suite, const unsigned char key[CRYPTO_KEY_SIZE], const char *ad,
                   int in_fd, int out_fd, char plain_hex[CRYPTO_HEX_SIZE], Err *err);

/* Fill p with n random bytes. */
void crypto_random(void *p, size_t n);

#endif
