/*
** keys.h: the key file beside a database (DB.audit-key, mode 0600, never inside the database):
** the audit chain's HMAC key and the first entry it signs, and, for a database made with
** `init --crypto sm`, the suite's name and the 32-byte data key that seals clue subjects' names
** and evidence files (base/crypto.h). The format is lines of text:
**
**     KEYHEX            64 hex digits: the audit key
**     from N            the first audit entry it signs
**     suite sm          only for CRYPTO_SM (absent: CRYPTO_DEFAULT)
**     data-key HEX      only for CRYPTO_SM
**
** The suite is chosen once, at `init`, and cannot silently change: a CRYPTO_SM database also
** records it in its setting table (key "crypto"), and loading refuses a key file whose suite
** disagrees with that row, or a missing key file when the row says "sm". Who removes both
** still meets the audit chain, whose HMAC-SM3 entries no longer verify.
*/
#ifndef ZG_DB_KEYS_H
#define ZG_DB_KEYS_H

#include "base/crypto.h"
#include "db/db.h"

/* The key file's path for db (its file name + ".audit-key") into out of n bytes. */
void keys_path(Db *db, char *out, size_t n);
/*
** Load the key file into db once per connection (db->audit_key_state): 1 loaded, 0 there is none
** (the suite is then CRYPTO_DEFAULT), -1 with err when it is unreadable, malformed, open to other
** users or disagrees with the database's recorded suite.
*/
int keys_load(Db *db, Err *err);
/*
** Make the key file when there is none (audit key signing from the next audit entry; suite and
** data key for CRYPTO_SM, recorded in the setting table too), then load it. With an existing
** file: strict (as `init`) refuses one of another suite; otherwise it is loaded as it is.
*/
int keys_init(Db *db, CryptoSuite suite, bool strict, Err *err);
/* The suite of db (loading the key file if needed) into *out. */
int keys_suite(Db *db, CryptoSuite *out, Err *err);

#endif
