/*
** test_crypto.c: the suites' hashes against published values (SM3 of "abc" from GB/T 32905's
** example, SHA-256 from FIPS 180-2; the HMACs as `openssl mac` computes them), and SM4 seals:
** round trip, a changed byte anywhere refused, another field's or key's seal refused, and the
** streamed file seal that opens like the one in memory.
*/
#include "testutil.h"

#include "base/crypto.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

static const unsigned char key[CRYPTO_KEY_SIZE] = {
    0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15,
    16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31};

/* True when needle[0..m) occurs in hay[0..n). */
static bool contains(const char *hay, size_t n, const char *needle, size_t m)
{
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(hay + i, needle, m) == 0)
            return true;
    return false;
}

static void test_hashes(void **state)
{
    (void)state;
    char out[CRYPTO_HEX_SIZE];
    assert_string_equal(crypto_hash_hex(CRYPTO_SM, "abc", 3, out),
                        "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    assert_string_equal(crypto_hash_hex(CRYPTO_DEFAULT, "abc", 3, out),
                        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_string_equal(crypto_hmac_hex(CRYPTO_SM, key, "abc", 3, out),
                        "a8f95cf26f204957e7ca73c9602a25dda35f168b28103b51dfc968c810416b63");
    assert_string_equal(crypto_hmac_hex(CRYPTO_DEFAULT, key, "abc", 3, out),
                        "f0133729c4163dede81e21cd47839256da58171238c8a0d874397c73b14e1e47");
    /* Piece by piece equals all at once. */
    CryptoHash h;
    char whole[CRYPTO_HEX_SIZE];
    crypto_hash_init(&h, CRYPTO_SM);
    crypto_hash_update(&h, "a", 1);
    crypto_hash_update(&h, "bc", 2);
    assert_string_equal(crypto_hash_final_hex(&h, out), crypto_hash_hex(CRYPTO_SM, "abc", 3, whole));
}

static void test_suite_names(void **state)
{
    (void)state;
    CryptoSuite s;
    Err err = ERR_INIT;
    assert_int_equal(crypto_suite_parse("sm", &s, &err), 0);
    assert_int_equal(s, CRYPTO_SM);
    assert_string_equal(crypto_suite_name(s), "sm");
    assert_int_equal(crypto_suite_parse("default", &s, &err), 0);
    assert_int_equal(s, CRYPTO_DEFAULT);
    assert_int_equal(crypto_suite_parse("aes", &s, &err), -1);
    assert_true(crypto_suite_encrypts(CRYPTO_SM));
    assert_false(crypto_suite_encrypts(CRYPTO_DEFAULT));
}

static void test_seal_round_trip(void **state)
{
    (void)state;
    static const char name[] = "张某某";
    for (size_t n = 0; n <= 40; n += 8) { /* empty, under, at and over a block */
        char plain[41];
        memset(plain, 'x', n);
        memcpy(plain, name, n < sizeof name - 1 ? n : sizeof name - 1);
        Buf sealed = BUF_INIT, opened = BUF_INIT;
        Err err = ERR_INIT;
        crypto_seal(key, "clue", 4, plain, n, &sealed);
        assert_true(crypto_is_sealed(sealed.data, sealed.len));
        assert_true(sealed.len >= n + 52);
        if (n >= 9)
            assert_false(contains(sealed.data, sealed.len, name, sizeof name - 1));
        assert_int_equal(crypto_open(key, "clue", 4, sealed.data, sealed.len, &opened, &err), 0);
        assert_int_equal(opened.len, n);
        assert_memory_equal(opened.data, plain, n);
        buf_free(&sealed);
        buf_free(&opened);
    }
}

static void test_seal_refuses_changes(void **state)
{
    (void)state;
    static const char plain[] = "李某某 副局长";
    Buf sealed = BUF_INIT, again = BUF_INIT;
    crypto_seal(key, "clue", 4, plain, sizeof plain - 1, &sealed);
    crypto_seal(key, "clue", 4, plain, sizeof plain - 1, &again);
    /* A fresh IV each time: equal names do not give equal seals. */
    assert_true(sealed.len == again.len && memcmp(sealed.data, again.data, sealed.len) != 0);
    for (size_t i = 0; i < sealed.len; i++) {
        Buf opened = BUF_INIT;
        Err err = ERR_INIT;
        sealed.data[i] ^= 0x01;
        assert_int_equal(crypto_open(key, "clue", 4, sealed.data, sealed.len, &opened, &err), -1);
        assert_int_equal(opened.len, 0);
        sealed.data[i] ^= 0x01;
        buf_free(&opened);
    }
    Buf opened = BUF_INIT;
    Err err = ERR_INIT;
    unsigned char other[CRYPTO_KEY_SIZE];
    memcpy(other, key, sizeof other);
    other[31] ^= 0x80;
    assert_int_equal(crypto_open(other, "clue", 4, sealed.data, sealed.len, &opened, &err), -1);
    assert_int_equal(crypto_open(key, "clve", 4, sealed.data, sealed.len, &opened, &err), -1);
    assert_int_equal(crypto_open(key, "clue", 4, sealed.data, sealed.len - 16, &opened, &err), -1);
    assert_int_equal(crypto_open(key, "clue", 4, sealed.data, 10, &opened, &err), -1);
    assert_int_equal(crypto_open(key, "clue", 4, sealed.data, sealed.len, &opened, &err), 0);
    assert_string_equal(opened.data, plain);
    buf_free(&opened);
    buf_free(&sealed);
    buf_free(&again);
}

static void test_seal_fd(void **state)
{
    (void)state;
    char in_path[] = "/tmp/zg-crypto-in-XXXXXX", out_path[] = "/tmp/zg-crypto-out-XXXXXX";
    int in = mkstemp(in_path), out = mkstemp(out_path);
    assert_true(in >= 0 && out >= 0);
    size_t n = 200000 + 7; /* several read chunks and a partial block */
    char *plain = malloc(n);
    for (size_t i = 0; i < n; i++)
        plain[i] = (char)(i * 7 + i / 251);
    assert_int_equal(write(in, plain, n), (ssize_t)n);
    assert_int_equal(lseek(in, 0, SEEK_SET), 0);
    char hex[CRYPTO_HEX_SIZE], want[CRYPTO_HEX_SIZE];
    Err err = ERR_INIT;
    assert_int_equal(crypto_seal_fd(CRYPTO_SM, key, "evidence", in, out, hex, &err), 0);
    assert_string_equal(hex, crypto_hash_hex(CRYPTO_SM, plain, n, want));
    close(in);
    close(out);
    Buf file = BUF_INIT, opened = BUF_INIT;
    assert_int_equal(buf_read_file(&file, out_path, 1 << 24, &err), 0);
    assert_false(contains(file.data, file.len, plain + 1000, 64));
    assert_int_equal(crypto_open(key, "evidence", 8, file.data, file.len, &opened, &err), 0);
    assert_int_equal(opened.len, n);
    assert_memory_equal(opened.data, plain, n);
    unlink(in_path);
    unlink(out_path);
    free(plain);
    buf_free(&file);
    buf_free(&opened);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hashes),
        cmocka_unit_test(test_suite_names),
        cmocka_unit_test(test_seal_round_trip),
        cmocka_unit_test(test_seal_refuses_changes),
        cmocka_unit_test(test_seal_fd),
    };
    return test_result(cmocka_run_group_tests(tests, NULL, NULL));
}
