/*
** db.c: the driver: connection, statement cache, transactions, binding and columns (db.h).
** The only file that speaks SQLite's own API; everything else goes through db.h.
*/
#include "db.h"

#include <sqlite3.h>

#include <pthread.h>
#include <time.h>

#include "base/buf.h"
#include "base/embedded.h"

struct DbConn {
    sqlite3 *sql; /* the SQLite connection */
};

struct DbStmt {
    const char *sql;  /* the literal's address: the cache key */
    sqlite3_stmt *st; /* the prepared statement */
};

/* The SQLite connection of an open db. */
#define SQL(db) ((db)->conn->sql)

int db_fail(Db *db, Err *err, const char *what)
{
    int code = sqlite3_extended_errcode(SQL(db));
    ErrCode kind = ERR_DB;
    if ((code & 0xff) == SQLITE_CONSTRAINT)
        kind = ERR_CONFLICT;
    return err_fail(err, kind, "%s: %s", what, sqlite3_errmsg(SQL(db)));
}

/*
** Process-wide SQLite settings, made once before the library initialises: no memory statistics,
** whose global mutex every allocation of every connection would otherwise take.
*/
static pthread_once_t config_once = PTHREAD_ONCE_INIT;

static void config_sqlite(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/*
** Writers of this process queue on one mutex before BEGIN IMMEDIATE, so that they wait on a
** condition the committing writer signals rather than in SQLite's sleep steps (1, 2, 5 … 100 ms:
** the 1.34 s tail of issue 11 at four writers). The lock is taken by the outermost db_begin and
** given back by the outermost commit or rollback; a Db remembers that it holds it.
*/
static pthread_mutex_t write_lock = PTHREAD_MUTEX_INITIALIZER;

int db_bulk_cache(Db *db, Err *err)
{
    return db_exec(db, "PRAGMA cache_size=-262144", err);
}

static void write_unlock(Db *db)
{
    if (db->write_locked) {
        db->write_locked = false;
        pthread_mutex_unlock(&write_lock);
    }
}

/*
** What is left to wait for is another process's writer (a CLI command beside the server): poll
** with a short, growing sleep (50 µs doubling to 2 ms) for up to 5 s in all, instead of SQLite's
** coarse steps.
*/
static int busy_wait(void *arg, int n)
{
    (void)arg;
    static const long limit_us = 5000000;
    long step = 50L << (n < 6 ? n : 6), waited = 0;
    for (int i = 0; i < n && waited < limit_us; i++)
        waited += 50L << (i < 6 ? i : 6);
    if (waited >= limit_us)
        return 0;
    struct timespec ts = {0, step * 1000};
    nanosleep(&ts, NULL);
    return 1;
}

/*
** Open name (a path, or a URI when oflags say so) into a fresh db->conn. On failure fill err,
** naming path, and leave db closed.
*/
static int open_conn(Db *db, const char *name, int oflags, const char *path, Err *err)
{
    memset(db, 0, sizeof *db);
    db->conn = xcalloc(1, sizeof *db->conn);
    int rc = sqlite3_open_v2(name, &SQL(db), oflags, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_extended_result_codes(SQL(db), 1);
        return 0;
    }
    if (rc == SQLITE_CANTOPEN && !(oflags & (SQLITE_OPEN_CREATE | SQLITE_OPEN_URI)))
        err_fail(err, ERR_IO, "cannot open database '%s' (run 'zhenggai init' first)", path);
    else
        err_fail(err, ERR_IO, "cannot open database '%s'%s: %s", path,
                 (oflags & SQLITE_OPEN_URI) ? " read-only" : "",
                 SQL(db) ? sqlite3_errmsg(SQL(db)) : sqlite3_errstr(rc));
    sqlite3_close(SQL(db));
    free(db->conn);
    db->conn = NULL;
    return -1;
}

/* Open path read-only as an immutable file (a URI with the path's special bytes escaped). */
static int open_immutable(Db *db, const char *path, Err *err)
{
    Buf uri = BUF_INIT;
    buf_puts(&uri, "file:");
    for (const char *p = path; *p; p++) {
        if (*p == '?' || *p == '#' || *p == '%')
            buf_printf(&uri, "%%%02X", (unsigned char)*p);
        else
            buf_putc(&uri, *p);
    }
    buf_puts(&uri, "?immutable=1");
    int rc = open_conn(db, uri.data, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                       path, err);
    buf_free(&uri);
    return rc;
}

int db_open(Db *db, const char *path, int flags, Err *err)
{
    pthread_once(&config_once, config_sqlite);
    int oflags = SQLITE_OPEN_NOMUTEX;
    if (flags & DB_READONLY)
        oflags |= SQLITE_OPEN_READONLY;
    else
        oflags |= SQLITE_OPEN_READWRITE | ((flags & DB_CREATE) ? SQLITE_OPEN_CREATE : 0);
    if (open_conn(db, path, oflags, path, err) < 0)
        return -1;
    sqlite3_busy_handler(SQL(db), busy_wait, NULL);
    if (db_exec(db, "PRAGMA foreign_keys=ON", err) < 0)
        goto fail;
    if (!(flags & DB_READONLY)) {
        if (db_exec(db, "PRAGMA journal_mode=WAL", err) < 0 ||
            db_exec(db, "PRAGMA synchronous=FULL", err) < 0)
            goto fail;
    } else if (db_exec(db, "SELECT count(*) FROM sqlite_master", err) < 0) {
        /*
        ** A WAL database in a folder we cannot write: SQLite cannot make its -shm file. Nobody
        ** can be writing it either, so read it as immutable.
        */
        db_close(db);
        err_clear(err);
        return open_immutable(db, path, err);
    }
    return 0;
fail:
    db_close(db);
    return -1;
}

void db_close(Db *db)
{
    write_unlock(db);
    for (size_t i = 0; i < db->cap; i++) {
        if (db->stmts[i]) {
            sqlite3_finalize(db->stmts[i]->st);
            free(db->stmts[i]);
        }
    }
    free(db->stmts);
    if (db->conn) {
        sqlite3_close(SQL(db));
        free(db->conn);
    }
    memset(db, 0, sizeof *db);
}

int db_exec(Db *db, const char *sql, Err *err)
{
    char *msg = NULL;
    if (sqlite3_exec(SQL(db), sql, NULL, NULL, &msg) != SQLITE_OK) {
        err_fail(err, ERR_DB, "database: %s", msg ? msg : sqlite3_errmsg(SQL(db)));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static size_t slot_of(const char *sql, size_t cap)
{
    uintptr_t h = (uintptr_t)sql;
    h ^= h >> 17;
    h *= 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 20) & (cap - 1);
}

static void cache_grow(Db *db)
{
    size_t cap = db->cap ? db->cap * 2 : 64;
    DbStmt **slots = xcalloc(cap, sizeof *slots);
    for (size_t i = 0; i < db->cap; i++) {
        if (!db->stmts[i])
            continue;
        size_t j = slot_of(db->stmts[i]->sql, cap);
        while (slots[j])
            j = (j + 1) & (cap - 1);
        slots[j] = db->stmts[i];
    }
    free(db->stmts);
    db->stmts = slots;
    db->cap = cap;
}

DbStmt *db_prepare(Db *db, const char *sql)
{
    if ((db->n_stmts + 1) * 2 > db->cap)
        cache_grow(db);
    size_t j = slot_of(sql, db->cap);
    while (db->stmts[j]) {
        if (db->stmts[j]->sql == sql) {
            DbStmt *st = db->stmts[j];
            sqlite3_reset(st->st);
            sqlite3_clear_bindings(st->st);
            return st;
        }
        j = (j + 1) & (db->cap - 1);
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(SQL(db), sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
        BUG("cannot prepare: %s\n%s", sqlite3_errmsg(SQL(db)), sql);
    DbStmt *s = xcalloc(1, sizeof *s);
    s->sql = sql;
    s->st = st;
    db->stmts[j] = s;
    db->n_stmts++;
    return s;
}

void db_reset(DbStmt *st)
{
    sqlite3_reset(st->st);
}

int db_begin(Db *db, Err *err)
{
    if (db->tx_depth++ > 0)
        return 0;
    db->tx_failed = false;
    pthread_mutex_lock(&write_lock);
    db->write_locked = true;
    if (db_exec(db, "BEGIN IMMEDIATE", err) < 0) {
        db->tx_depth = 0;
        write_unlock(db);
        return -1;
    }
    return 0;
}

int db_begin_read(Db *db, Err *err)
{
    if (db->tx_depth++ > 0)
        return 0;
    db->tx_failed = false;
    if (db_step_done(db, db_prepare(db, DB_SQL("BEGIN")), err) < 0) {
        db->tx_depth = 0;
        return -1;
    }
    return 0;
}

int db_commit(Db *db, Err *err)
{
    if (db->tx_depth <= 0)
        BUG("db_commit outside a transaction");
    if (--db->tx_depth > 0)
        return 0;
    if (db->tx_failed) {
        db_exec(db, "ROLLBACK", NULL);
        write_unlock(db);
        return err_fail(err, ERR_DB, "transaction rolled back by an inner failure");
    }
    if (db_exec(db, "COMMIT", err) < 0) {
        db_exec(db, "ROLLBACK", NULL);
        write_unlock(db);
        return -1;
    }
    write_unlock(db);
    return 0;
}

void db_rollback(Db *db)
{
    if (db->tx_depth <= 0)
        BUG("db_rollback outside a transaction");
    if (--db->tx_depth > 0) {
        db->tx_failed = true;
        return;
    }
    db_exec(db, "ROLLBACK", NULL);
    write_unlock(db);
}

int db_finish(Db *db, int rc, Err *err)
{
    if (rc < 0) {
        db_rollback(db);
        return rc;
    }
    return db_commit(db, err);
}

int db_step(Db *db, DbStmt *st, Err *err)
{
    int rc = sqlite3_step(st->st);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE)
        return 0;
    db_fail(db, err, "database");
    sqlite3_reset(st->st);
    return -1;
}

int db_step_done(Db *db, DbStmt *st, Err *err)
{
    int rc = db_step(db, st, err);
    if (rc < 0)
        return -1;
    sqlite3_reset(st->st);
    return 0;
}

void db_bind_text(DbStmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st->st, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st->st, i);
}

void db_bind_int(DbStmt *st, int i, int64_t v)
{
    sqlite3_bind_int64(st->st, i, v);
}

void db_bind_id(DbStmt *st, int i, int64_t id)
{
    if (id)
        sqlite3_bind_int64(st->st, i, id);
    else
        sqlite3_bind_null(st->st, i);
}

void db_bind_day(DbStmt *st, int i, Day d)
{
    if (d == DAY_NONE) {
        sqlite3_bind_null(st->st, i);
        return;
    }
    char iso[DATE_ISO_SIZE];
    sqlite3_bind_text(st->st, i, date_format(d, iso), -1, SQLITE_TRANSIENT);
}

void db_bind_blob(DbStmt *st, int i, const void *p, size_t len)
{
    sqlite3_bind_blob64(st->st, i, p, len, SQLITE_STATIC);
}

const void *db_col_blob(DbStmt *st, int i, size_t *len)
{
    const void *p = sqlite3_column_blob(st->st, i);
    *len = (size_t)sqlite3_column_bytes(st->st, i);
    return p;
}

const char *db_col_text(DbStmt *st, int i)
{
    return (const char *)sqlite3_column_text(st->st, i);
}

int64_t db_col_int(DbStmt *st, int i)
{
    return sqlite3_column_int64(st->st, i);
}

Day db_col_day(DbStmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st->st, i);
    Day d;
    if (!s || date_parse(s, strlen(s), &d) < 0)
        return DAY_NONE;
    return d;
}

int db_find_id(Db *db, DbStmt *st, int64_t *id, Err *err)
{
    int rc = db_step(db, st, err);
    *id = rc == 1 ? db_col_int(st, 0) : 0;
    sqlite3_reset(st->st);
    return rc < 0 ? -1 : 0;
}

int64_t db_last_id(Db *db)
{
    return sqlite3_last_insert_rowid(SQL(db));
}

int db_changes(Db *db)
{
    return sqlite3_changes(SQL(db));
}

int db_schema_version(Db *db)
{
    sqlite3_stmt *st = db_prepare(db, DB_SQL("PRAGMA user_version"))->st;
    int v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_reset(st);
    return v;
}

bool db_is_open(const Db *db)
{
    return db->conn != NULL;
}

const char *db_filename(Db *db)
{
    const char *f = db->conn ? sqlite3_db_filename(SQL(db), "main") : NULL;
    return f ? f : "";
}

void *db_handle(Db *db)
{
    return db->conn ? SQL(db) : NULL;
}

/* The text of an embedded SQL file; its absence is a build bug. */
static const char *embedded_sql(const char *name)
{
    const EmbeddedFile *f = embedded_find(name);
    if (!f)
        BUG("%s not embedded", name);
    return f->data;
}

/*
** The migrations in order: entry i brings a database from version i to i + 1. A branch that
** changes the schema appends one file here (and to nothing else), so that merges stay simple.
*/
static const char *const migrations[] = {
    "schema.sql",
    "migrate_2.sql",
    "migrate_audit_view.sql",
    "migrate_ledger_edit.sql",
    "migrate_registers.sql",
    "migrate_harden.sql",
    "migrate_evidence.sql",
    "migrate_pagecost.sql",
};
_Static_assert(sizeof migrations / sizeof migrations[0] == DB_SCHEMA_VERSION,
               "DB_SCHEMA_VERSION must equal the number of migrations");

int db_migrate(Db *db, Err *err)
{
    int v = db_schema_version(db);
    if (v == DB_SCHEMA_VERSION)
        return 0;
    if (v > DB_SCHEMA_VERSION)
        return err_fail(err, ERR_DB, "database schema version %d is newer than this program's %d",
                        v, DB_SCHEMA_VERSION);
    if (db_begin(db, err) < 0)
        return -1;
    for (int i = v < 0 ? 0 : v; i < DB_SCHEMA_VERSION; i++) {
        if (db_exec(db, embedded_sql(migrations[i]), err) < 0)
            goto fail;
    }
    /* PRAGMA takes no bound value; the version is a compile-time constant. */
    if (db_exec(db, "PRAGMA user_version=" ZG_STR(DB_SCHEMA_VERSION), err) < 0)
        goto fail;
    return db_commit(db, err);
fail:
    db_rollback(db);
    return -1;
}
