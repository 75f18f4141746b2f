/*
** crypto.c: hashes, keyed hashes and SM4 seals by suite (crypto.h). SHA-256 goes through
** libsodium (base/hash.c), SM3 and SM4 through OpenSSL 3's EVP interface. A failure inside
** OpenSSL on well-formed arguments is a bug or a broken library: BUG(), as running out of memory.
*/
#include "base/crypto.h"

#include "base/hash.h"

#include <errno.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <sodium.h>
#include <unistd.h>

#define MAGIC "ZGE"
#define FORMAT_SM4_CBC_HMAC_SM3 '1'
#define IV_SIZE 16
#define TAG_SIZE 32
#define HEAD_SIZE (4 + IV_SIZE)

const char *crypto_suite_name(CryptoSuite suite)
{
    return suite == CRYPTO_SM ? "sm" : "default";
}

int crypto_suite_parse(const char *s, CryptoSuite *out, Err *err)
{
    if (strcmp(s, "default") == 0 || strcmp(s, "sha256") == 0)
        *out = CRYPTO_DEFAULT;
    else if (strcmp(s, "sm") == 0)
        *out = CRYPTO_SM;
    else
        return err_fail(err, ERR_USAGE, "unknown crypto suite '%s' (default or sm)", s);
    return 0;
}

bool crypto_suite_encrypts(CryptoSuite suite)
{
    return suite == CRYPTO_SM;
}

static void hex(const unsigned char *d, size_t n, char out[CRYPTO_HEX_SIZE])
{
    sodium_bin2hex(out, CRYPTO_HEX_SIZE, d, n);
}

static EVP_MD *sm3(void)
{
    EVP_MD *md = EVP_MD_fetch(NULL, "SM3", NULL);
    if (!md)
        BUG("OpenSSL offers no SM3");
    return md;
}

void crypto_hash_init(CryptoHash *h, CryptoSuite suite)
{
    h->suite = suite;
    h->md = NULL;
    if (suite == CRYPTO_DEFAULT) {
        _Static_assert(sizeof(HashStream) <= sizeof h->sha, "CryptoHash too small");
        hash_stream_init((HashStream *)(void *)h->sha);
        return;
    }
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    EVP_MD *md = sm3();
    if (!ctx || !EVP_DigestInit_ex2(ctx, md, NULL))
        BUG("cannot start an SM3 digest");
    EVP_MD_free(md);
    h->md = ctx;
}

void crypto_hash_update(CryptoHash *h, const void *p, size_t n)
{
    if (h->suite == CRYPTO_DEFAULT)
        hash_stream_update((HashStream *)(void *)h->sha, p, n);
    else if (!EVP_DigestUpdate(h->md, p, n))
        BUG("SM3 update failed");
}

char *crypto_hash_final_hex(CryptoHash *h, char out[CRYPTO_HEX_SIZE])
{
    if (h->suite == CRYPTO_DEFAULT)
        return hash_stream_hex((HashStream *)(void *)h->sha, out);
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (!EVP_DigestFinal_ex(h->md, d, &n) || n != 32)
        BUG("SM3 final failed");
    EVP_MD_CTX_free(h->md);
    h->md = NULL;
    hex(d, n, out);
    return out;
}

char *crypto_hash_hex(CryptoSuite suite, const void *p, size_t n, char out[CRYPTO_HEX_SIZE])
{
    CryptoHash h;
    crypto_hash_init(&h, suite);
    crypto_hash_update(&h, p, n);
    return crypto_hash_final_hex(&h, out);
}

/* An HMAC-SM3 context keyed with key[0..n). */
static EVP_MAC_CTX *hmac_sm3_new(const unsigned char *key, size_t n)
{
    EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    EVP_MAC_CTX *ctx = mac ? EVP_MAC_CTX_new(mac) : NULL;
    EVP_MAC_free(mac);
    char digest[] = "SM3";
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                           OSSL_PARAM_construct_end()};
    if (!ctx || !EVP_MAC_init(ctx, key, n, params))
        BUG("OpenSSL offers no HMAC-SM3");
    return ctx;
}

static void mac_update(EVP_MAC_CTX *ctx, const void *p, size_t n)
{
    if (!EVP_MAC_update(ctx, p, n))
        BUG("HMAC-SM3 update failed");
}

static void mac_final(EVP_MAC_CTX *ctx, unsigned char out[TAG_SIZE])
{
    size_t n = 0;
    if (!EVP_MAC_final(ctx, out, &n, TAG_SIZE) || n != TAG_SIZE)
        BUG("HMAC-SM3 final failed");
    EVP_MAC_CTX_free(ctx);
}

char *crypto_hmac_hex(CryptoSuite suite, const unsigned char key[CRYPTO_KEY_SIZE], const void *p,
                      size_t n, char out[CRYPTO_HEX_SIZE])
{
    if (suite == CRYPTO_DEFAULT)
        return hash_hmac_hex(key, p, n, out);
    unsigned char tag[TAG_SIZE];
    EVP_MAC_CTX *ctx = hmac_sm3_new(key, CRYPTO_KEY_SIZE);
    mac_update(ctx, p, n);
    mac_final(ctx, tag);
    hex(tag, sizeof tag, out);
    return out;
}

void crypto_random(void *p, size_t n)
{
    hash_random(p, n);
}

bool crypto_is_sealed(const void *p, size_t n)
{
    const unsigned char *c = p;
    return n >= HEAD_SIZE + TAG_SIZE && memcmp(c, MAGIC, 3) == 0 &&
           c[3] == FORMAT_SM4_CBC_HMAC_SM3;
}

/* The SM4 key and the MAC key of a data key (labelled HMAC-SM3, so neither reveals the other). */
static void split_key(const unsigned char key[CRYPTO_KEY_SIZE], unsigned char enc[16],
                      unsigned char mac[TAG_SIZE])
{
    static const char enc_label[] = "zhenggai sm4 key", mac_label[] = "zhenggai hmac-sm3 key";
    unsigned char d[TAG_SIZE];
    EVP_MAC_CTX *ctx = hmac_sm3_new(key, CRYPTO_KEY_SIZE);
    mac_update(ctx, enc_label, sizeof enc_label - 1);
    mac_final(ctx, d);
    memcpy(enc, d, 16);
    ctx = hmac_sm3_new(key, CRYPTO_KEY_SIZE);
    mac_update(ctx, mac_label, sizeof mac_label - 1);
    mac_final(ctx, mac);
    OPENSSL_cleanse(d, sizeof d);
}

/* A sealing or opening run: the cipher and the MAC over head, ad and ciphertext. */
typedef struct Seal {
    EVP_CIPHER_CTX *cipher;
    EVP_MAC_CTX *mac;
} Seal;

/* Start a seal (encrypt) or an open with key; head holds the magic and the IV. */
static void seal_start(Seal *s, const unsigned char key[CRYPTO_KEY_SIZE],
                       const unsigned char head[HEAD_SIZE], const void *ad, size_t n_ad,
                       int encrypt)
{
    unsigned char enc[16], mac[TAG_SIZE], len[8];
    split_key(key, enc, mac);
    EVP_CIPHER *sm4 = EVP_CIPHER_fetch(NULL, "SM4-CBC", NULL);
    s->cipher = EVP_CIPHER_CTX_new();
    if (!sm4 || !s->cipher ||
        !EVP_CipherInit_ex2(s->cipher, sm4, enc, head + 4, encrypt, NULL))
        BUG("OpenSSL offers no SM4-CBC");
    EVP_CIPHER_free(sm4);
    s->mac = hmac_sm3_new(mac, sizeof mac);
    OPENSSL_cleanse(enc, sizeof enc);
    OPENSSL_cleanse(mac, sizeof mac);
    for (int i = 0; i < 8; i++)
        len[i] = (unsigned char)((uint64_t)n_ad >> (56 - 8 * i));
    mac_update(s->mac, head, HEAD_SIZE);
    mac_update(s->mac, len, sizeof len);
    mac_update(s->mac, ad, n_ad);
}

static void head_make(unsigned char head[HEAD_SIZE])
{
    memcpy(head, MAGIC, 3);
    head[3] = FORMAT_SM4_CBC_HMAC_SM3;
    crypto_random(head + 4, IV_SIZE);
}

/* Encrypt p[0..n) (final: the last piece), appending the ciphertext to out and to the MAC. */
static void seal_update(Seal *s, const void *p, size_t n, bool final, Buf *out)
{
    buf_grow(out, n + 32);
    unsigned char *o = (unsigned char *)out->data + out->len;
    int k = 0, f = 0;
    if (n > 0 && !EVP_CipherUpdate(s->cipher, o, &k, p, (int)n))
        BUG("SM4 update failed");
    if (final && !EVP_CipherFinal_ex(s->cipher, o + k, &f))
        BUG("SM4 final failed");
    mac_update(s->mac, o, (size_t)(k + f));
    out->len += (size_t)(k + f);
    out->data[out->len] = 0;
}

void crypto_seal(const unsigned char key[CRYPTO_KEY_SIZE], const void *ad, size_t n_ad,
                 const void *p, size_t n, Buf *out)
{
    unsigned char head[HEAD_SIZE], tag[TAG_SIZE];
    head_make(head);
    Seal s;
    seal_start(&s, key, head, ad, n_ad, 1);
    buf_append(out, head, sizeof head);
    /* EVP counts in int: feed at most 1 GiB at a time. */
    const unsigned char *q = p;
    do {
        size_t k = n > (1u << 30) ? (1u << 30) : n;
        seal_update(&s, q, k, k == n, out);
        q += k;
        n -= k;
    } while (n > 0);
    mac_final(s.mac, tag);
    EVP_CIPHER_CTX_free(s.cipher);
    buf_append(out, tag, sizeof tag);
}

int crypto_open(const unsigned char key[CRYPTO_KEY_SIZE], const void *ad, size_t n_ad,
                const void *c, size_t n, Buf *out, Err *err)
{
    const unsigned char *b = c;
    if (!crypto_is_sealed(c, n) || (n - HEAD_SIZE - TAG_SIZE) % 16 != 0 ||
        n - HEAD_SIZE - TAG_SIZE > (1u << 30))
        return err_fail(err, ERR_INPUT, "not a sealed value");
    size_t n_ct = n - HEAD_SIZE - TAG_SIZE;
    Seal s;
    seal_start(&s, key, b, ad, n_ad, 0);
    unsigned char tag[TAG_SIZE];
    mac_update(s.mac, b + HEAD_SIZE, n_ct);
    mac_final(s.mac, tag);
    /* Check the tag before decrypting anything (no padding oracle). */
    if (CRYPTO_memcmp(tag, b + HEAD_SIZE + n_ct, TAG_SIZE) != 0) {
        EVP_CIPHER_CTX_free(s.cipher);
        return err_fail(err, ERR_INPUT, "the sealed value was changed or the key is wrong");
    }
    size_t at = out->len;
    buf_grow(out, n_ct + 16);
    unsigned char *o = (unsigned char *)out->data + at;
    int k = 0, f = 0;
    int ok = EVP_CipherUpdate(s.cipher, o, &k, b + HEAD_SIZE, (int)n_ct) &&
             EVP_CipherFinal_ex(s.cipher, o + k, &f);
    EVP_CIPHER_CTX_free(s.cipher);
    if (!ok) {
        out->data[at] = 0;
        return err_fail(err, ERR_INPUT, "the sealed value has bad padding");
    }
    out->len = at + (size_t)(k + f);
    out->data[out->len] = 0;
    return 0;
}

void crypto_seal_text(const unsigned char key[CRYPTO_KEY_SIZE], const char *ad, const char *text,
                      Buf *out)
{
    Buf seal = BUF_INIT;
    crypto_seal(key, ad, strlen(ad), text, strlen(text), &seal);
    size_t n = sodium_base64_ENCODED_LEN(seal.len, sodium_base64_VARIANT_ORIGINAL);
    buf_puts(out, CRYPTO_TEXT_PREFIX);
    buf_grow(out, n);
    sodium_bin2base64(out->data + out->len, n, (const unsigned char *)seal.data, seal.len,
                      sodium_base64_VARIANT_ORIGINAL);
    out->len += n - 1; /* n counts the NUL */
    buf_free(&seal);
}

int crypto_open_text(const unsigned char key[CRYPTO_KEY_SIZE], const char *ad, const char *stored,
                     Buf *out, Err *err)
{
    size_t p = strlen(CRYPTO_TEXT_PREFIX), n = strlen(stored);
    if (strncmp(stored, CRYPTO_TEXT_PREFIX, p) != 0)
        return err_fail(err, ERR_INPUT, "not a sealed text");
    unsigned char *bin = xmalloc(n);
    size_t len = 0;
    int rc = sodium_base642bin(bin, n, stored + p, n - p, NULL, &len, NULL,
                               sodium_base64_VARIANT_ORIGINAL) == 0
        ? crypto_open(key, ad, strlen(ad), bin, len, out, err)
        : err_fail(err, ERR_INPUT, "a sealed text that is not base64");
    free(bin);
    return rc;
}

static int write_all(int fd, const void *p, size_t n, Err *err)
{
    const char *q = p;
    while (n > 0) {
        ssize_t w = write(fd, q, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return err_fail(err, ERR_IO, "cannot write a sealed file: %s", strerror(errno));
        q += w;
        n -= (size_t)w;
    }
    return 0;
}

int crypto_seal_fd(CryptoSuite suite, const unsigned char key[CRYPTO_KEY_SIZE], const char *ad,
                   int in_fd, int out_fd, char plain_hex[CRYPTO_HEX_SIZE], Err *err)
{
    unsigned char head[HEAD_SIZE], tag[TAG_SIZE];
    head_make(head);
    Seal s;
    seal_start(&s, key, head, ad, strlen(ad), 1);
    CryptoHash h;
    crypto_hash_init(&h, suite);
    Buf out = BUF_INIT;
    buf_append(&out, head, sizeof head);
    static const size_t chunk = 65536;
    char *in = xmalloc(chunk);
    int rc = 0;
    for (;;) {
        ssize_t r = read(in_fd, in, chunk);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            rc = err_fail(err, ERR_IO, "cannot read a file to seal: %s", strerror(errno));
            break;
        }
        crypto_hash_update(&h, in, (size_t)r);
        seal_update(&s, in, (size_t)r, r == 0, &out);
        if (r == 0)
            break;
        if (write_all(out_fd, out.data, out.len, err) < 0) {
            rc = -1;
            break;
        }
        buf_reset(&out);
    }
    mac_final(s.mac, tag);
    EVP_CIPHER_CTX_free(s.cipher);
    crypto_hash_final_hex(&h, plain_hex);
    if (rc == 0) {
        buf_append(&out, tag, sizeof tag);
        rc = write_all(out_fd, out.data, out.len, err);
    }
    OPENSSL_cleanse(in, chunk);
    free(in);
    buf_free(&out);
    return rc;
}
