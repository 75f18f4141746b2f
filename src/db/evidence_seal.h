/*
** evidence_seal.h: evidence files at rest under the database's crypto suite (db/keys.h). With
** CRYPTO_DEFAULT a stored file is the uploaded bytes, named by their SHA-256. With CRYPTO_SM it
** is an SM4 seal of them (base/crypto.h, associated data EVIDENCE_SEAL_AD), named by the SM3 of
** the plaintext, so identical files are still stored once; the plaintext lives on disk only as
** the upload's temporary file, from its arrival until it is sealed before the write transaction.
*/
#ifndef ZG_EVIDENCE_SEAL_H
#define ZG_EVIDENCE_SEAL_H

#include "base/buf.h"
#include "base/crypto.h"
#include "db/db.h"

#define EVIDENCE_SEAL_AD "zhenggai evidence"

/*
** Make the uploaded temporary file tmp_path durable, sealed first under CRYPTO_SM (in place: a
** sealed copy is fsynced and renamed over it). name receives the file's content address under
** the suite (the SM3 hex), or "" when the caller's SHA-256 stands (CRYPTO_DEFAULT). Call before
** the write transaction, instead of evidence_file_sync.
*/
int evidence_seal_file(Db *db, const char *tmp_path, char name[CRYPTO_HEX_SIZE], Err *err);
/*
** The stored file at path, ready to send. Under CRYPTO_DEFAULT, *fd is opened on it (*size
** bytes) for the server to stream from the file, and a file that is a seal is refused
** (ERR_CONFLICT). Under CRYPTO_SM, *fd is -1 and out receives the plaintext of its seal (at most
** max bytes stored); a plain file there, or a changed seal, is refused (ERR_CONFLICT). A missing
** file is ERR_NOTFOUND.
*/
int evidence_seal_open(Db *db, const char *path, size_t max, int *fd, uint64_t *size, Buf *out,
                       Err *err);

#endif
