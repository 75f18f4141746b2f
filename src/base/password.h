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
    PASSWORD_COMMON,      /* on the list of common passwords, or one dressed up with digits */
    PASSWORD_HAS_LOGIN,   /* contains the account's login */
    PASSWORD_HAS_NAME,    /* contains the account's display name */
    PASSWORD_DEMO,        /* the published demo password */
} PasswordProblem;

#define PASSWORD_DEMO_TEXT "Zhenggai@2026" /* the demo accounts' first password (README) */
#define PASSWORD_OTP_SIZE 16                /* a one-time password: 14 characters and a NUL */

/* Whether pw meets the policy. */
PasswordProblem password_check(const char *pw);
/*
** Whether pw may become the password of the account login / display_name (either may be NULL):
** password_check, then not the demo password (unless demo: a database the demo command made),
** not on the embedded list of common passwords
** (src/base/common_passwords.txt, matched in lower case, also with leading and trailing digits
** and symbols taken off: "Admin@123" is "admin"), and not containing the login or the display
** name (case-insensitive; logins and names of fewer than 3 bytes are not looked for).
*/
PasswordProblem password_check_user(const char *pw, const char *login, const char *display_name,
                                    bool demo);
/*
** A one-time password for a reset or a new account, shown once and changed at first login:
** "Xxxx-xxxx-xxxx" from an alphabet without look-alikes (upper and lower case and digits
** guaranteed), from libsodium's random source.
*/
void password_generate(char out[PASSWORD_OTP_SIZE]);
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
