/*
** password.c: Argon2id hashing and the password policy (password.h).
*/
#include "password.h"

#include "hash.h"

#include <sodium.h>

PasswordProblem password_check(const char *pw)
{
    size_t n = strlen(pw);
    if (n > 128)
        return PASSWORD_TOO_LONG;
    int chars = 0, lower = 0, upper = 0, digit = 0, other = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)pw[i];
        if ((c & 0xC0) != 0x80)
            chars++;
        if (c >= 'a' && c <= 'z')
            lower = 1;
        else if (c >= 'A' && c <= 'Z')
            upper = 1;
        else if (c >= '0' && c <= '9')
            digit = 1;
        else
            other = 1;
    }
    if (chars < 8)
        return PASSWORD_TOO_SHORT;
    if (lower + upper + digit + other < 3)
        return PASSWORD_TOO_SIMPLE;
    return PASSWORD_OK;
}

/*
** OWASP's first recommended Argon2id setting (19 MiB, two passes) rather than libsodium's
** "interactive" 64 MiB: two logins at once on the two worker threads must stay within the
** server's 64 MB of SPEC §8. Hashes keep their parameters, so older ones still verify.
*/
#define PASSWORD_MEMLIMIT (19u << 20)
#define PASSWORD_OPSLIMIT 2

int password_fail(PasswordProblem p, Err *err)
{
    switch (p) {
    case PASSWORD_TOO_SHORT:
        return err_failm(err, ERR_INPUT, MSG_PASSWORD_TOO_SHORT,
                         "the password needs at least 8 characters");
    case PASSWORD_TOO_SIMPLE:
        return err_failm(err, ERR_INPUT, MSG_PASSWORD_TOO_SIMPLE,
                         "the password needs three of: lower case, upper case, digits, other "
                         "characters");
    case PASSWORD_TOO_LONG:
        return err_failm(err, ERR_INPUT, MSG_PASSWORD_TOO_LONG,
                         "the password is longer than 128 bytes");
    case PASSWORD_OK:
        break;
    }
    BUG("password problem %d is no failure", (int)p);
}

void password_hash(const char *pw, char out[PASSWORD_HASH_SIZE])
{
    hash_init();
    if (crypto_pwhash_str_alg(out, pw, strlen(pw), PASSWORD_OPSLIMIT, PASSWORD_MEMLIMIT,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        BUG("out of memory hashing a password");
}

bool password_verify(const char *hash, const char *pw)
{
    hash_init();
    if (!hash || !*hash)
        return false;
    return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}
