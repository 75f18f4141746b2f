/*
** db.h: the database connection. One Db per thread (a CLI command has one; each web worker
** thread owns one). Statements are prepared once per connection and cached by the address of
** their SQL literal, as Fossil's static statements; DB_SQL() only compiles for a literal, so
** no SQL text is ever built from data. All SQL of the program lives in src/db/.
*/
#ifndef ZG_DB_H
#define ZG_DB_H

#include "base/arena.h"
#include "base/base.h"
#include "base/date.h"
#include "base/err.h"

#include <sqlite3.h>

#define DB_SQL(s) ("" s "")

typedef struct DbStmt DbStmt;

typedef struct Db {
    sqlite3 *sql;    /* the connection; NULL when closed */
    DbStmt *stmts;   /* prepared-statement cache, open hashing by SQL address */
    size_t n_stmts;  /* entries used in stmts */
    size_t cap;      /* slots in stmts (power of two) */
    int tx_depth;    /* nesting of db_begin; only the outermost begins and commits */
    bool tx_failed;  /* an inner level rolled back: the outermost commit must fail */
    bool write_locked; /* holds the process's writer lock (db.c), from db_begin to its end */
    int audit_key_state;          /* 0 not looked for, 1 loaded, -1 there is none */
    unsigned char audit_key[32];  /* the audit chain's HMAC key (audit_store.c) when loaded */
    int64_t audit_key_from;       /* the first audit entry the key signs */
    int crypto;                   /* CryptoSuite of the key file (db/keys.h), when loaded */
    unsigned char data_key[32];   /* CRYPTO_SM: the key sealing data at rest, when loaded */
} Db;

enum {
    DB_CREATE = 1,   /* create the file if missing */
    DB_READONLY = 2, /* open read-only */
};

/* The current schema version (PRAGMA user_version after db_migrate). */
#define DB_SCHEMA_VERSION 8 /* the length of db.c's migrations[] */
#define ZG_STR_(x) #x
#define ZG_STR(x) ZG_STR_(x)

/*
** Open path with WAL, synchronous=FULL, foreign keys and a busy handler (writers of one
** process queue on a mutex; another process's writer is polled for in short steps, 5 s at
** most). Without DB_CREATE a missing file is an error naming it. Returns 0, or -1 with err filled and db closed.
*/
int db_open(Db *db, const char *path, int flags, Err *err);
/* Finalize every cached statement and close. Safe on a closed Db. */
void db_close(Db *db);
/* Bring the schema to DB_SCHEMA_VERSION in one transaction; refuses a newer database. */
int db_migrate(Db *db, Err *err);
/* The schema version stored in the file. */
int db_schema_version(Db *db);

/*
** The cached statement for a SQL literal, reset and with its bindings cleared; valid until
** db_close. A SQL error here is a bug (the text is a literal) and aborts.
*/
sqlite3_stmt *db_prepare(Db *db, const char *sql);
/* Run SQL with no parameters and no rows (DDL, pragmas). */
int db_exec(Db *db, const char *sql, Err *err);

/*
** Give this connection a page cache of 256 MiB for a bulk transaction (demo generation, a large
** import), so that index pages stay in memory instead of spilling to the WAL mid-transaction.
*/
int db_bulk_cache(Db *db, Err *err);
/* BEGIN IMMEDIATE (outermost only). */
int db_begin(Db *db, Err *err);
/*
** BEGIN (deferred) at the outermost level: a read transaction, so that the statements of one
** web request see one snapshot and take the WAL read lock once instead of once per statement.
** End it with db_commit. A db_begin nested inside does not make it IMMEDIATE: write through
** db_begin outside a read transaction.
*/
int db_begin_read(Db *db, Err *err);
/* COMMIT at the outermost level. Fails when an inner level rolled back. */
int db_commit(Db *db, Err *err);
/* ROLLBACK at the outermost level; inner levels mark the transaction failed. */
void db_rollback(Db *db);
/*
** End the transaction db_begin opened, by the outcome rc of the work done in it: roll back and
** return rc when it is negative (err already says why), else commit and return the commit's
** result. So a change reads: if (db_begin(...) < 0) return -1; rc = work…; return db_finish(...).
*/
int db_finish(Db *db, int rc, Err *err);

/* Step a statement expected to finish (INSERT, UPDATE, DELETE). 0, or -1 with err. */
int db_step_done(Db *db, sqlite3_stmt *st, Err *err);
/* Step and report: 1 a row, 0 done, -1 error (err filled). */
int db_step(Db *db, sqlite3_stmt *st, Err *err);
/* Fill err from the connection's last error, with what was being done. Returns -1. */
int db_fail(Db *db, Err *err, const char *what);

/* Binding helpers: index is 1-based; NULL text and DAY_NONE bind SQL NULL, id 0 binds NULL. */
void db_bind_text(sqlite3_stmt *st, int i, const char *s);
void db_bind_int(sqlite3_stmt *st, int i, int64_t v);
void db_bind_id(sqlite3_stmt *st, int i, int64_t id);
void db_bind_day(sqlite3_stmt *st, int i, Day d);
/* Column helpers: text is NULL for SQL NULL and valid until the next step; day DAY_NONE. */
const char *db_col_text(sqlite3_stmt *st, int i);
int64_t db_col_int(sqlite3_stmt *st, int i);
Day db_col_day(sqlite3_stmt *st, int i);
/* Step st (bound by the caller) once: *id is column 0 of the first row, 0 when there is none. */
int db_find_id(Db *db, sqlite3_stmt *st, int64_t *id, Err *err);
/* Fill the record at out from the current row of st; strings go into arena. */
typedef void (*DbRowFn)(sqlite3_stmt *st, Arena *arena, void *out);
/*
** Step st (bound by the caller) to the end, turning each row into a record of `size` bytes with
** row(); the records land in one arena array *out of *n (zero-filled before row() sees them).
** Resets st. 0, or -1 with err.
*/
int db_collect(Db *db, sqlite3_stmt *st, Arena *arena, size_t size, DbRowFn row, void **out,
               int *n, Err *err);
/* The rowid of the last INSERT. */
int64_t db_last_id(Db *db);
/* Rows changed by the last statement. */
int db_changes(Db *db);

#endif
