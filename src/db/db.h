/*
** db.h: Zhenggai's database API, the only one the stores speak. One Db per thread (a CLI command
** has one; each web worker thread owns one). Statements are prepared once per connection and
** cached by the address of their SQL literal, as Fossil's static statements; DB_SQL() only
** compiles for a literal, so no SQL text is ever built from data. All SQL of the program lives
** in src/db/.
**
** The driver (db.c) is the only file that knows the engine: the connection (DbConn) and the
** statements (DbStmt) are opaque here, and no store names an engine type or function
** (tools/check_layers.sh fails when one does), so that another engine can be put behind the
** same calls. SQL literals number their parameters (?1, ?2 …), which a driver may rewrite to
** its own form.
**
** A statement runs in one call with its values given as a list of tagged values:
**
**     return db_run(db, DB_SQL("UPDATE measure SET percent = ?2 WHERE id = ?1"),
**                   DB_ARGS(DB_INT(id), DB_INT(percent)), err);
**
** DB_INT, DB_ID, DB_TEXT, DB_DAY build a DbVal from a C value of the right type (an integer
** where a string is wanted does not compile); DB_ARGS makes the list, DB_NOARGS is the empty one.
** Rows become records through a DbRowMap: either a table of columns (DbCol: the field's
** offset and kind, column i fills cols[i]) read by one generic function, or a row function for
** the records a table cannot say.
*/
#ifndef ZG_DB_H
#define ZG_DB_H

#include "base/arena.h"
#include "base/base.h"
#include "base/date.h"
#include "base/err.h"

#include <stddef.h>

#define DB_SQL(s) ("" s "")

typedef struct DbConn DbConn; /* the driver's connection (db.c) */
typedef struct DbStmt DbStmt; /* a prepared statement of the driver (db.c) */

typedef struct Db {
    DbConn *conn;    /* the connection; NULL when closed */
    DbStmt **stmts;  /* prepared-statement cache, open hashing by SQL address */
    size_t n_stmts;  /* entries used in stmts */
    size_t cap;      /* slots in stmts (power of two) */
    int tx_depth;    /* nesting of db_begin; only the outermost begins and commits */
    bool tx_failed;  /* an inner level rolled back: the outermost commit must fail */
    bool write_locked; /* holds the process's writer lock (db.c), from db_begin to its end */
    bool lent;           /* runs its write on the writers' connection (db.c), swapped in */
    bool defer_sync;     /* commits leave their WAL sync to the caller (db_defer_sync) */
    int64_t sync_ticket; /* the latest such commit not yet handed on (db_sync_take) */
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
#define DB_SCHEMA_VERSION 19 /* the length of db.c's migrations[] */
#define ZG_STR_(x) #x
#define ZG_STR(x) ZG_STR_(x)

/* ---- The driver (db.c): what another engine must provide ---- */

/*
** Open path with WAL, synchronous=FULL, foreign keys and a busy handler (writers of one
** process queue on a mutex; another process's writer is polled for in short steps, 5 s at
** most). Without DB_CREATE a missing file is an error naming it. Returns 0, or -1 with err
** filled and db closed.
** A path that is a postgres:// or postgresql:// URI opens that PostgreSQL database instead (it
** must exist; DB_READONLY makes its transactions read-only): every function here then runs on
** PostgreSQL, its writers queueing on one advisory lock whichever process they run in.
*/
int db_open(Db *db, const char *path, int flags, Err *err);
/* Finalize every cached statement and close. Safe on a closed Db. */
void db_close(Db *db);
/*
** A server's checkpoints, off the request path: from now on the commits of connections that
** db_open opens on path (a SQLite file; PostgreSQL needs none) leave the WAL's checkpoint to a
** background thread (PASSIVE each 2,000 pages committed, the WAL started again at 12,000,
** TRUNCATE after a second without commits) instead of running it inside one request, and their
** WAL syncs to group commit, with a thread for the syncs that requests hand over (db_defer_sync).
** Call before the threads open the database;
** db_checkpoints_stop ends the thread after the last of them closed. One database per process.
*/
int db_checkpoints_start(const char *path, Err *err);
void db_checkpoints_stop(void);
/*
** Deferred syncs, for a server's requests (group_sync.h). After db_defer_sync(db), a commit of
** db that needs a WAL sync returns once written, and the caller, before it tells anyone that the
** commit happened, takes its ticket with db_sync_take (0: nothing to wait for) and either hands
** it to the sync thread (group_sync_defer; db_checkpoints_start starts the thread) or waits here
** with db_sync_wait. Before the server stops, group_sync_stop refuses further hand-overs and
** returns once every waiter handed over was told.
*/
void db_defer_sync(Db *db);
int64_t db_sync_take(Db *db);
int db_sync_wait(Db *db, int64_t ticket, Err *err);
/* The WAL's frames at which the thread makes the writers wait to start it again; 0: the default
** (tests: a small bound). */
void db_checkpoints_bound(int pages);
/* The checkpoints the thread ran so far (tests). */
void db_checkpoints_count(int64_t *passive, int64_t *truncated);
/* True while db is open. */
bool db_is_open(const Db *db);
/*
** True when db runs on PostgreSQL (db_open was given a postgres:// or postgresql:// URI). Only
** DB_PICK asks: where the dialects differ, a store holds both literals side by side.
*/
bool db_is_pg(const Db *db);
/*
** The SQLite literal or the PostgreSQL one, by the engine db runs on. DB_SQL_SQLITE marks the
** SQLite side (a leading "" "") for tools/pg_dialect.py, which checks the rest on PostgreSQL.
*/
#define DB_PICK(db, sqlite, pg) (db_is_pg(db) ? DB_SQL(pg) : DB_SQL_SQLITE(sqlite))
#define DB_SQL_SQLITE(s) ("" "" s "")
/*
** A set of ids bound as one JSON array text to parameter p (db_bind_ids), so that one prepared
** statement serves any set size: "col IN " DB_IDS_SQLITE(p) in SQLite, "col" DB_ANY_IDS_PG(p) in
** PostgreSQL (an index scan; IN over json_array_elements_text plans as a hash semi-join over a
** scan of the whole table).
*/
#define DB_IDS_SQLITE(p) "(SELECT value FROM json_each(" p "))"
#define DB_ANY_IDS_PG(p)                                                                           \
    " = ANY (ARRAY(SELECT json_array_elements_text(CAST(" p " AS json))::bigint))"
/*
** Leading a PostgreSQL literal whose planning costs more than its run: the statement runs on its
** generic plan, made once per connection (plan_cache_mode is force_generic_plan while it runs),
** instead of a plan made again for every run's values. PostgreSQL keeps making those for a
** statement whose generic plan it estimates dearer: the duties' counts and rows planned in 3 to
** 12 ms a run on the city's 10,000 measures, and ran in 0.5 to 3 ms on either plan.
*/
#define DB_PG_GENERIC "/* generic plan */ "
/*
** The local path that the files kept beside the database at db_path are named after (the audit
** key DB.audit-key, evidence and uploads under DB-files/): db_path itself for a SQLite file; for
** a PostgreSQL URI, FOLDER/NAME where FOLDER is the files folder (db_set_files_dir, else
** $ZHENGGAI_FILES) and NAME the URI's database name. Servers that share one PostgreSQL database
** share this folder (evidence files, and the audit key above all). Valid for the process.
*/
const char *db_local_path(const char *db_path);
/*
** True when path names a database there to open: an existing file, or any PostgreSQL URI (its
** database is made by createdb, never by db_open, so a URI always names one that should exist).
*/
bool db_exists(const char *path);
/*
** The files folder of PostgreSQL databases for this process (the CLI's --files DIR), set before
** the first db_open; NULL or "": $ZHENGGAI_FILES. A PostgreSQL database opens only with one: the
** folder must exist (DB_CREATE makes it), and when the audit log holds entries, the key file
** (FOLDER/NAME.audit-key) must be there, so that a server given the wrong or an empty folder
** stops at once instead of signing the chain with a key of its own.
*/
void db_set_files_dir(const char *dir);
/*
** True when several processes may serve the database at db_path at once, sharing its files
** folder (PostgreSQL: writers queue on the server); false for a SQLite file, whose folder one
** server holds.
*/
bool db_shared_by_servers(const char *db_path);
/* The path of the open database file ("" for a memory database); valid until db_close. */
const char *db_filename(Db *db);
/*
** The engine's own connection handle, for tests that check the product's results with
** independent queries (never for the product's code). NULL when closed.
*/
void *db_handle(Db *db);
/* Bring the schema to DB_SCHEMA_VERSION in one transaction; refuses a newer database. */
int db_migrate(Db *db, Err *err);
/* The schema version stored in the file. */
int db_schema_version(Db *db);

/*
** The cached statement for a SQL literal, reset and with its bindings cleared; valid until
** db_close. A SQL error here is a bug (the text is a literal) and aborts.
*/
DbStmt *db_prepare(Db *db, const char *sql);
/* Reset st so that it can run again (its bindings stay); db_step's callers that stop early. */
void db_reset(DbStmt *st);
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
int db_step_done(Db *db, DbStmt *st, Err *err);
/* Step and report: 1 a row, 0 done, -1 error (err filled). */
int db_step(Db *db, DbStmt *st, Err *err);
/* Fill err from the connection's last error, with what was being done. Returns -1. */
int db_fail(Db *db, Err *err, const char *what);

/* Binding helpers: index is 1-based; NULL text and DAY_NONE bind SQL NULL, id 0 binds NULL. */
void db_bind_text(DbStmt *st, int i, const char *s);
void db_bind_int(DbStmt *st, int i, int64_t v);
void db_bind_id(DbStmt *st, int i, int64_t id);
void db_bind_day(DbStmt *st, int i, Day d);
/* Bind len bytes at p as a blob; they must stay valid until the statement is stepped. */
void db_bind_blob(DbStmt *st, int i, const void *p, size_t len);
/* Column helpers: text is NULL for SQL NULL and valid until the next step; day DAY_NONE. */
const char *db_col_text(DbStmt *st, int i);
int64_t db_col_int(DbStmt *st, int i);
Day db_col_day(DbStmt *st, int i);
/* A blob column: its bytes (valid until the next step) and *len; NULL and 0 for SQL NULL. */
const void *db_col_blob(DbStmt *st, int i, size_t *len);
/* True when column i of the current row is SQL NULL. */
bool db_col_is_null(DbStmt *st, int i);
/* Step st (bound by the caller) once: *id is column 0 of the first row, 0 when there is none. */
int db_find_id(Db *db, DbStmt *st, int64_t *id, Err *err);

/* ---- Statements in one call and rows as records (db_query.c, engine-free) ---- */

/* Fill the record at out from the current row of st; strings go into arena. */
typedef void (*DbRowFn)(DbStmt *st, Arena *arena, void *out);

/* A value to bind: what kind, and the integer or the text. Build it with the macros below. */
typedef enum DbValKind {
    DB_V_END,  /* ends a DB_ARGS list */
    DB_V_INT,  /* i, bound as an integer */
    DB_V_ID,   /* i, bound as an integer, NULL when 0 */
    DB_V_TEXT, /* s, bound as text, NULL when NULL */
    DB_V_STR,  /* s, bound as text, "" when NULL */
    DB_V_DAY,  /* i is a Day, bound as ISO text, NULL when DAY_NONE */
    DB_V_BLOB, /* blob: i bytes, bound as a blob */
    DB_V_NOW,  /* s, or when NULL the current UTC time as ISO text (date_now_iso) */
    DB_V_TIME, /* i is a UTC time in seconds, bound as ISO text (date_time_iso) */
} DbValKind;

typedef struct DbVal {
    DbValKind kind;   /* which of the fields below is meant */
    int64_t i;        /* DB_V_INT, DB_V_ID, DB_V_DAY; DB_V_BLOB: its length */
    const char *s;    /* DB_V_TEXT: borrowed until the statement is stepped */
    const void *blob; /* DB_V_BLOB: borrowed until the statement is stepped */
} DbVal;

/* No casts: a value of the wrong type is a compile error, not a silent conversion. */
#define DB_INT(v) ((DbVal){DB_V_INT, (v), NULL, NULL})
#define DB_ID(v) ((DbVal){DB_V_ID, (v), NULL, NULL})
#define DB_TEXT(v) ((DbVal){DB_V_TEXT, 0, (v), NULL})
#define DB_STR(v) ((DbVal){DB_V_STR, 0, (v), NULL})
#define DB_DAY(v) ((DbVal){DB_V_DAY, (v), NULL, NULL})
#define DB_BLOB(p, n) ((DbVal){DB_V_BLOB, (int64_t)(n), NULL, (p)})
#define DB_NOW ((DbVal){DB_V_NOW, 0, NULL, NULL})
/* A UTC time in seconds since 1970, bound as ISO text. */
#define DB_TIME(t) ((DbVal){DB_V_TIME, (t), NULL, NULL})
/* A time given as ISO text, or now when it is NULL. */
#define DB_AT(v) ((DbVal){DB_V_NOW, 0, (v), NULL})
/* The list of values for ?1, ?2 … in order; DB_NOARGS for a statement without any. */
#define DB_ARGS(...) ((const DbVal[]){__VA_ARGS__, {DB_V_END, 0, NULL, NULL}})
#define DB_NOARGS ((const DbVal *)NULL)

/* Bind args (a DB_ARGS list, or DB_NOARGS) to st from ?1 on. */
void db_bind_args(DbStmt *st, const DbVal *args);
/* Bind ids[0..n) as one JSON array text "[1,2,3]" to parameter i (DB_IDS_SQLITE). */
void db_bind_ids(DbStmt *st, int i, const int64_t *ids, int n);
/* Bind q as the LIKE pattern "%q%" to parameter i, its wildcards escaped (ESCAPE '\\'). */
void db_bind_contains(DbStmt *st, int i, const char *q);
/* The cached statement for sql with args bound, ready for db_step or db_rows. */
DbStmt *db_query(Db *db, const char *sql, const DbVal *args);
/* Run sql with args to its end (INSERT, UPDATE, DELETE). 0, or -1 with err. */
int db_run(Db *db, const char *sql, const DbVal *args, Err *err);
/* db_run, then *id is the new row's id. 0, or -1 with err. */
int db_insert(Db *db, const char *sql, const DbVal *args, int64_t *id, Err *err);
/* db_run, then how many rows it changed (>= 0), or -1 with err. */
int db_update(Db *db, const char *sql, const DbVal *args, Err *err);
/*
** db_run for a change to one known row: when it changes nothing, fail with ERR_NOTFOUND
** "no WHAT with id ID". 0, or -1 with err.
*/
int db_change(Db *db, const char *sql, const DbVal *args, const char *what, int64_t id, Err *err);
/*
** db_change for an UPDATE … RETURNING one integer: *out is what the changed row returns. 0, or
** -1 with err (ERR_NOTFOUND "no WHAT with id ID" when no row changed).
*/
int db_change_int(Db *db, const char *sql, const DbVal *args, const char *what, int64_t id,
                  int64_t *out, Err *err);
/* Column 0 of the first row of sql with args as an integer; *out is 0 without a row. */
int db_scalar(Db *db, const char *sql, const DbVal *args, int64_t *out, Err *err);

/* Column 0 of the first row as a string in arena; *out is NULL without a row (or for NULL). */
int db_scalar_text(Db *db, const char *sql, const DbVal *args, Arena *arena, const char **out,
                   Err *err);

/* How a column fills a record's field (DbCol). */
typedef enum DbColKind {
    DB_C_SKIP,  /* the column is read by the map's row function, or not at all */
    DB_C_INT,   /* an integer field of any width (int64_t, int, bool, an enum) */
    DB_C_TEXT,  /* a string copied into the arena; NULL stays NULL */
    DB_C_STR,   /* a string copied into the arena; NULL reads as "" */
    DB_C_DAY,   /* a Day from ISO text; DAY_NONE for NULL or a bad date */
    DB_C_TIME,  /* an int64_t of seconds from ISO time text; 0 for NULL, -1 for a bad time */
    DB_C_VOCAB, /* an enum from its stored name (vocab_parse_or); unknown reads as fallback */
} DbColKind;

/* One column of a row and the field it fills. Build with the DB_COL_* macros. */
typedef struct DbCol {
    unsigned char kind; /* DbColKind */
    unsigned char size; /* bytes of the field (DB_C_INT, DB_C_VOCAB) */
    unsigned short off; /* offsetof the field in the record */
    short vocab;        /* DB_C_VOCAB: the VocabId */
    short fallback;     /* DB_C_VOCAB: the value of an unknown or NULL name */
} DbCol;

/* clang-format off */
#define DB_FIELD_(T, f) (unsigned char)sizeof(((T *)0)->f), (unsigned short)offsetof(T, f)
/* An integer field (int64_t, int, bool, unsigned, an enum). */
#define DB_COL_INT(T, f)                                                                           \
    {_Generic(((T *)0)->f, int64_t: DB_C_INT, int: DB_C_INT, unsigned: DB_C_INT, bool: DB_C_INT),  \
     DB_FIELD_(T, f), 0, 0}
/* A string field; DB_COL_STR reads NULL as "". */
#define DB_COL_TEXT(T, f)                                                                          \
    {_Generic(((T *)0)->f, char *: DB_C_TEXT, const char *: DB_C_TEXT), DB_FIELD_(T, f), 0, 0}
#define DB_COL_STR(T, f)                                                                           \
    {_Generic(((T *)0)->f, char *: DB_C_STR, const char *: DB_C_STR), DB_FIELD_(T, f), 0, 0}
/* A time field: seconds since 1970 (UTC) read from "YYYY-MM-DDTHH:MM:SSZ". */
#define DB_COL_TIME(T, f) {_Generic(((T *)0)->f, int64_t: DB_C_TIME), DB_FIELD_(T, f), 0, 0}
/* A Day field. */
#define DB_COL_DAY(T, f) {_Generic(((T *)0)->f, Day: DB_C_DAY), DB_FIELD_(T, f), 0, 0}
/* An enum field parsed from its stored name in vocabulary v; an unknown name reads as fb. */
#define DB_COL_VOCAB(T, f, v, fb) {DB_C_VOCAB, DB_FIELD_(T, f), (v), (fb)}
/* A column some other code reads (the map's row function), or none does. */
#define DB_COL_SKIP {DB_C_SKIP, 0, 0, 0, 0}
/* clang-format on */

/*
** How a row becomes a record of `size` bytes: the columns of cols (n_cols of them) first, then
** row (when not NULL) for what the table cannot say. Build with DB_MAP / DB_MAP_FN.
*/
typedef struct DbRowMap {
    size_t size;       /* bytes of one record */
    const DbCol *cols; /* column i fills cols[i]; NULL when row does it all */
    int n_cols;        /* entries of cols */
    DbRowFn row;       /* called after cols; may be NULL */
} DbRowMap;

#define DB_MAP(T, cols, row) {sizeof(T), (cols), (int)(sizeof(cols) / sizeof((cols)[0])), (row)}
#define DB_MAP_FN(T, row) {sizeof(T), NULL, 0, (row)}

/* Maps for a one-column query into a plain array: int64_t (NULL reads 0), and strings. */
extern const DbRowMap db_map_ids;
extern const DbRowMap db_map_texts;

/* Fill the record at out from the current row of st by map; strings go into arena. */
void db_row_read(const DbRowMap *map, DbStmt *st, Arena *arena, void *out);
/*
** Step st (bound already, e.g. by db_query) to its end and collect every row by map into one
** arena array *out (out is the address of a record pointer) of *n records, zero-filled before
** the map fills them. Resets st. 0, or -1 with err.
*/
int db_rows(Db *db, DbStmt *st, const DbRowMap *map, Arena *arena, void *out, int *n, Err *err);
/*
** Run sql with args and collect every row by map into one arena array *out of *n records
** (zero-filled before the map fills them). The query must bound its rows (LIMIT, a key). 0,
** or -1 with err.
*/
int db_list(Db *db, const char *sql, const DbVal *args, const DbRowMap *map, Arena *arena,
            void *out, int *n, Err *err);
/*
** Run sql with args and read its first row by map into the record at out: 1 a row was read,
** 0 there was none (out untouched), -1 error (err filled).
*/
int db_get(Db *db, const char *sql, const DbVal *args, const DbRowMap *map, Arena *arena, void *out,
           Err *err);

/* db_get for a record that must exist: an absent row fails with ERR_NOTFOUND and message absent. */
int db_get_one(Db *db, const char *sql, const DbVal *args, const DbRowMap *map, Arena *arena,
               void *out, const char *absent, Err *err);
/*
** db_get for a record that must exist, sql taking the id as ?1: an absent row fails with
** ERR_NOTFOUND "no WHAT with id ID". 0, or -1 with err.
*/
int db_get_id(Db *db, const char *sql, int64_t id, const DbRowMap *map, Arena *arena, void *out,
              const char *what, Err *err);

/*
** PostgreSQL only: run sql, a COPY table(columns) FROM STDIN literal, with rows (n bytes of
** COPY's text format) as its input; db/bulk_store.c's bulk load. On SQLite: a bug. 0, or -1.
*/
int db_copy_in(Db *db, const char *sql, const char *rows, size_t n, Err *err);

/* The rowid of the last INSERT. */
int64_t db_last_id(Db *db);
/* Rows changed by the last statement. */
int db_changes(Db *db);
/*
** SQLite: the main database file's data version as of the connection's latest read (the
** pager's counter: it moves with every commit, of this connection or of any other, once a
** statement has read the change); 0 on PostgreSQL.
*/
int64_t db_file_version(Db *db);

#endif
