/*
** password.c: Argon2id hashing and the password policy (password.h).
*/
#include "password.h"
#include "embedded.h"

#include "hash.h"

#include <pthread.h>
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

/* What each problem tells: its message id and its English text, by PasswordProblem. */
static const struct {
    MsgId id;
    const char *text;
} problems[] = {
    [PASSWORD_OK] = {MSG_NONE, NULL},
    [PASSWORD_TOO_SHORT] = {MSG_PASSWORD_TOO_SHORT, "the password needs at least 8 characters"},
    [PASSWORD_TOO_SIMPLE] = {MSG_PASSWORD_TOO_SIMPLE,
                             "the password needs three of: lower case, upper case, digits, other "
                             "characters"},
    [PASSWORD_TOO_LONG] = {MSG_PASSWORD_TOO_LONG, "the password is longer than 128 bytes"},
    [PASSWORD_COMMON] = {MSG_PASSWORD_COMMON,
                         "the password is too common (on the list of most-used passwords)"},
    [PASSWORD_HAS_LOGIN] = {MSG_PASSWORD_HAS_LOGIN, "the password must not contain the login"},
    [PASSWORD_HAS_NAME] = {MSG_PASSWORD_HAS_NAME, "the password must not contain the user's name"},
    [PASSWORD_DEMO] = {MSG_PASSWORD_DEMO, "the demo password is public; choose another"},
};
_Static_assert(ARRAY_SIZE(problems) == PASSWORD_DEMO + 1, "one text per password problem");

int password_fail(PasswordProblem p, Err *err)
{
    if (p == PASSWORD_OK || (size_t)p >= ARRAY_SIZE(problems))
        BUG("password problem %d is no failure", (int)p);
    return err_failm(err, ERR_INPUT, problems[p].id, "%s", problems[p].text);
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

/*
** The common-password list: the embedded file's lines (comments skipped) as a sorted array of
** pointers into a private copy, made once and immutable afterwards.
*/
static char **common;
static size_t n_common;
static pthread_once_t common_once = PTHREAD_ONCE_INIT;

static int compare_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void common_load(void)
{
    const EmbeddedFile *f = embedded_find("common_passwords.txt");
    if (!f)
        BUG("common_passwords.txt is not embedded");
    char *copy = xmalloc(f->size + 1);
    memcpy(copy, f->data, f->size + 1);
    size_t cap = 0;
    for (size_t i = 0; i < f->size; i++)
        cap += copy[i] == '\n';
    common = xcalloc(cap + 1, sizeof *common);
    for (char *line = copy; *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = 0;
        if (*line && *line != '#')
            common[n_common++] = line;
        if (!nl)
            break;
        line = nl + 1;
    }
    qsort(common, n_common, sizeof *common, compare_str);
}

static bool is_common(const char *word)
{
    pthread_once(&common_once, common_load);
    return bsearch(&word, common, n_common, sizeof *common, compare_str) != NULL;
}

static bool ascii_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* True when needle (≥ 3 bytes) occurs in hay, ASCII letters compared without case. */
static bool contains_nocase(const char *hay, const char *needle)
{
    size_t n = needle ? strlen(needle) : 0;
    if (n < 3)
        return false;
    for (const char *h = hay; strlen(h) >= n; h++) {
        size_t i = 0;
        while (i < n) {
            char a = h[i], b = needle[i];
            if (a >= 'A' && a <= 'Z')
                a = (char)(a - 'A' + 'a');
            if (b >= 'A' && b <= 'Z')
                b = (char)(b - 'A' + 'a');
            if (a != b)
                break;
            i++;
        }
        if (i == n)
            return true;
    }
    return false;
}

PasswordProblem password_check_user(const char *pw, const char *login, const char *display_name,
                                    bool demo)
{
    PasswordProblem p = password_check(pw);
    if (p != PASSWORD_OK)
        return p;
    if (strcmp(pw, PASSWORD_DEMO_TEXT) == 0)
        return demo ? PASSWORD_OK : PASSWORD_DEMO;
    char lower[129];
    size_t n = strlen(pw);
    for (size_t i = 0; i <= n; i++)
        lower[i] = pw[i] >= 'A' && pw[i] <= 'Z' ? (char)(pw[i] - 'A' + 'a') : pw[i];
    /* The core: the letters between leading and trailing digits and symbols. */
    size_t a = 0, b = n;
    while (a < b && !ascii_letter(lower[a]) && (unsigned char)lower[a] < 0x80)
        a++;
    while (b > a && !ascii_letter(lower[b - 1]) && (unsigned char)lower[b - 1] < 0x80)
        b--;
    char core[129];
    memcpy(core, lower + a, b - a);
    core[b - a] = 0;
    if (is_common(lower) || (b - a >= 4 && is_common(core)))
        return PASSWORD_COMMON;
    if (contains_nocase(pw, login))
        return PASSWORD_HAS_LOGIN;
    if (contains_nocase(pw, display_name))
        return PASSWORD_HAS_NAME;
    return PASSWORD_OK;
}

void password_generate(char out[PASSWORD_OTP_SIZE])
{
    static const char upper[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    static const char lower[] = "abcdefghijkmnpqrstuvwxyz";
    static const char digits[] = "23456789";
    static const char all[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    hash_init();
    int k = 0;
    for (int i = 0; i < 12; i++) {
        const char *set = i == 0 ? upper : i == 5 ? lower : i == 10 ? digits : all;
        size_t n = strlen(set);
        if (i == 4 || i == 8)
            out[k++] = '-';
        out[k++] = set[randombytes_uniform((uint32_t)n)];
    }
    out[k] = 0;
}
