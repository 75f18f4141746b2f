/*
** backup.h: online, consistent backups and verified restores (issue 10). A backup is a folder:
**   zhenggai.db            VACUUM INTO of the live database: one consistent snapshot taken in a
**                          read transaction while writers go on (a plain cp of a live WAL
**                          database may copy a torn state and misses the -wal file)
**   zhenggai.db.audit-key  the audit chain's key (mode 0600: keep backups as safe as the key)
**   zhenggai.db-files/…    the data folder's files (evidence), without tmp/ and the lock
**   MANIFEST               "sha256 size path" per file, and the copy's audit head as an anchor
** A restore checks everything before it writes anything: every file's size and SHA-256 against
** the manifest, SQLite's integrity, and the audit chain (keyed) against the manifest's anchor.
*/
#ifndef ZG_DB_BACKUP_H
#define ZG_DB_BACKUP_H

#include "db/db.h"

/*
** Write a backup of db (whose file is db_path) into the folder dest, which must not exist. On
** success *entries gets the audit head's sequence. -1 with err (a half-written dest is removed).
*/
int backup_make(Db *db, const char *db_path, const char *dest, int64_t *entries, Err *err);
/*
** Check the backup in folder src (manifest, hashes, integrity, audit chain against the anchor).
** 0, or -1 with err saying what is wrong.
*/
int backup_verify(const char *src, Err *err);
/*
** Verify src, then copy it to db_path (which must not exist) with its key and data folder.
** Nothing is written when the check fails.
*/
int backup_restore(const char *src, const char *db_path, Err *err);
/*
** Daily backups for the server: into dir/zhenggai-YYYYMMDD-HHMMSS, keeping the newest keep
** backups of that name pattern and removing older ones. -1 with err.
*/
int backup_daily(const char *db_path, const char *dir, int keep, Err *err);

#endif
