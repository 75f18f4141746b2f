/*
** password.h: passwords as SPEC §9 wants them: Argon2id hashes (libsodium's encoded string,
** which carries its own salt and limits) and the policy (at least 8 characters, at least three
** of the four classes lower case, upper case, digits, other).
*/
#ifndef ZG_PASSWORD_H
#define ZG_PASSWORD_H

#include "base.h"
#include "err.h"

#define PASSWORD_HASH_SIZE 128 /* crypto_pwhash_STRBYTES */

typedef enum PasswordProblem {
    PASSWORD_OK,
    PASSWORD_TOO_SHORT,   /* fewer than 8 characters */
    PASSWORD_TOO_SIMPLE,  /* fewer than three character classes */
    PASSWORD_TOO_LONG,    /* more than 128 bytes */
} PasswordProblem;

/* Whether pw meets the policy. */
PasswordProblem password_check(const char *pw);
/*
** Fail err with problem p (not PASSWORD_OK): ERR_INPUT, its message id and its English
** message ("the password needs at least 8 characters"). Returns -1.
*/
int password_fail(PasswordProblem p, Err *err);
/* The Argon2id hash of pw (19 MiB, 2 passes) into out. Aborts when memory runs out. */
void password_hash(const char *pw, char out[PASSWORD_HASH_SIZE]);
/* True when pw matches the encoded hash; false for an empty or malformed hash. */
bool password_verify(const char *hash, const char *pw);

#endif
