/*
** db.c: the driver: connection, statement cache, transactions, binding and columns (db.h).
** The only file that speaks SQLite's own API; everything else goes through db.h. A database
** named by a postgres:// or postgresql:// URI runs on PostgreSQL instead: each primitive then
** dispatches to the libpq driver (pg.c), and the stores pick their PostgreSQL literal with
** DB_PICK where the dialects differ (issue 15).
*/
#include "db.h"

#include <sqlite3.h>

#include <errno.h>
#include <pthread.h>
#include <sys/stat.h>
#include <time.h>

#include "base/buf.h"
#include "base/embedded.h"
#include "db/pg.h"
#include "db/group_sync.h"
#include "db/pg_migrate.h"
#include "db/write_trace.h"

struct DbConn {
    sqlite3 *sql; /* the SQLite connection; NULL on PostgreSQL */
    PgConn *pg;   /* the PostgreSQL connection; NULL on SQLite */
    char *files;  /* PostgreSQL: the local path the database's files are named after */
    bool group_sync; /* commits leave the WAL's sync to group_sync (a server's connections) */
};

struct DbStmt {
    const char *sql;  /* the literal's address: the cache key */
    sqlite3_stmt *st; /* the prepared statement (SQLite) */
    PgStmt *pst;      /* the prepared statement (PostgreSQL) */
};

/* The SQLite connection of an open db. */
#define SQL(db) ((db)->conn->sql)
/* The PostgreSQL connection of an open db, NULL on SQLite. */
#define PG(db) ((db)->conn->pg)

int db_fail(Db *db, Err *err, const char *what)
{
    if (PG(db)) {
        const char *msg = pg_errmsg(PG(db));
        return err_fail(err, ERR_DB, "%s: %.*s", what, (int)strcspn(msg, "\n"), msg);
    }
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
    if (PG(db))
        return 0; /* the server's shared buffers serve every connection */
    return db_exec(db, "PRAGMA cache_size=-262144", err);
}

/* This thread's write transaction's moments while ZG_WRITE_TRACE is on (write_trace.h). */
static _Thread_local WriteTrace wtrace;

/*
** The writers' connection. A server's write transactions all run on one connection, lent to the
** Db that holds the writers' lock (its connection and statements swapped in at the outermost
** db_begin and back at the end): SQLite drops a connection's page cache whenever another
** connection committed since its last transaction, so with a connection per worker every write
** began by reading its pages again (about 60 preads a report at two workers), under the lock.
** Only the lock's holder touches it.
*/
static Db writer;
static bool writer_tried; /* an open was tried (a failure leaves each Db on its own) */

static void swap_conn(Db *a, Db *b)
{
    Db t = *a;
    a->conn = b->conn, a->stmts = b->stmts, a->n_stmts = b->n_stmts, a->cap = b->cap;
    b->conn = t.conn, b->stmts = t.stmts, b->n_stmts = t.n_stmts, b->cap = t.cap;
}

/* Under the writers' lock: lend db the writers' connection, for a server's connection. */
static void writer_lend(Db *db, const char *path)
{
    if (!db->conn->group_sync || !path)
        return;
    if (!writer.conn && !writer_tried) {
        writer_tried = true;
        Err err = ERR_INIT;
        /* Its cache stays warm: room for the pages writes touch (indexes of a large ledger). */
        if (db_open(&writer, path, 0, &err) < 0 ||
            db_exec(&writer, "PRAGMA cache_size=-32768", &err) < 0) {
            fprintf(stderr, "serve: writes stay on each thread's connection: %s\n", err.msg);
            db_close(&writer);
        }
    }
    if (writer.conn && writer.conn->group_sync) {
        swap_conn(db, &writer);
        db->lent = true;
    }
}

/* Give back db's writers' lock if it holds it; the moment it did when traced, else 0. */
static int64_t write_unlock(Db *db)
{
    if (!db->write_locked)
        return 0;
    int64_t end = wtrace.asked ? write_trace_now() : 0;
    if (db->lent) {
        swap_conn(db, &writer);
        db->lent = false;
    }
    db->write_locked = false;
    pthread_mutex_unlock(&write_lock);
    return end;
}

/* The traced transaction's line (write_trace.h), once its lock is back and its commit synced. */
static void write_traced(int64_t end, bool committed)
{
    if (wtrace.asked) {
        write_trace_tx(&wtrace, end, write_trace_now(), committed);
        wtrace = (WriteTrace){0};
    }
}

/* The end of db's write transaction, if it holds the writers' lock: give the lock back. */
static void write_end(Db *db, bool committed)
{
    write_traced(write_unlock(db), committed);
}

/*
** Sync the WAL through a connection's own handle of it (arg: the sqlite3): SQLite's VFS
** (fdatasync on Linux), as a commit with synchronous=FULL would.
*/
static int sync_conn_wal(void *arg)
{
    sqlite3_file *wal = NULL;
    int rc = sqlite3_file_control(arg, "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal);
    if (rc != SQLITE_OK)
        return rc;
    return wal && wal->pMethods ? wal->pMethods->xSync(wal, SQLITE_SYNC_NORMAL) : SQLITE_IOERR;
}

static int sync_wal(void *arg)
{
    return sync_conn_wal(SQL((Db *)arg));
}

void db_defer_sync(Db *db)
{
    db->defer_sync = true;
}

int64_t db_sync_take(Db *db)
{
    int64_t ticket = db->sync_ticket;
    db->sync_ticket = 0;
    return ticket;
}

int db_sync_wait(Db *db, int64_t ticket, Err *err)
{
    int rc = ticket ? group_sync_wait(ticket, sync_wal, db) : SQLITE_OK;
    if (rc != SQLITE_OK)
        return err_fail(err, ERR_IO, "committed, but cannot sync the write-ahead log: %s",
                        sqlite3_errstr(rc));
    return 0;
}

/*
** A write outside db_begin on a server's connection (synchronous=NORMAL) committed on its own
** as st finished: sync it as db_commit does before the caller goes on (its ticket, taken after
** its frames were written, is covered by any sync that starts later).
*/
static int autocommit_sync(Db *db, sqlite3_stmt *st, Err *err)
{
    if (!db->conn->group_sync || (st && sqlite3_stmt_readonly(st)) ||
        !sqlite3_get_autocommit(SQL(db)))
        return 0;
    return db_sync_wait(db, group_sync_ticket(), err);
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
** Checkpoints off the request path (db_checkpoints_start). SQLite's own autocheckpoint runs in
** the commit that pushes the WAL over 1,000 pages: one unlucky request copies the WAL into the
** database file and fsyncs it (tens of milliseconds). In a server, each commit instead tells a
** background thread, which copies the WAL into the database in PASSIVE checkpoints (they block
** nobody) each time CKPT_PAGES more frames were committed, and a TRUNCATE one (the WAL file back
** to 0 bytes) after a second without commits.
**
** Only a checkpoint that reaches the WAL's end lets the next writer start the WAL again from its
** beginning; under a steady stream of commits that needs the writers' mutex (catch_up), and the
** locked pass fsyncs the database file while every writer waits: 0.5 ms at the median, 5 to 20
** ms in one pass of ten on this machine's disk (ZG_WRITE_TRACE), in every request queued behind
** (issue 11's tail at 16 writers). So the WAL starts again only once it holds CKPT_BOUND frames
** (48 MB), or after a quiet second: at 2,400 reports a second (about 20 pages each) that is one
** stall every 600 reports instead of every 100. (A reader on an old snapshot can keep the WAL
** from starting again; the next locked pass then waits for CKPT_PAGES more frames, as a copy
** does.) journal_size_limit keeps the file from ever being cut shorter than the bound plus
** CKPT_PAGES (57 MB) while writers reuse it (a truncation would be one more sync in some
** writer's commit) and trims a WAL that once grew past it.
*/
#define CKPT_PAGES 2000
#define CKPT_BOUND 12000
#define CKPT_JOURNAL_LIMIT "PRAGMA journal_size_limit=67108864"

static struct {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    char *path;       /* the database checkpointed in the background; NULL when off */
    sqlite3 *conn;    /* the thread's own connection */
    sqlite3 *sync_conn; /* the sync thread's (group_sync.h), for its handle of the WAL */
    pthread_t thread;
    bool pending;     /* a commit left CKPT_PAGES more frames than the last pass copied */
    bool dirty;       /* commits since the last TRUNCATE */
    bool stop;        /* db_checkpoints_stop asks the thread to end */
    int frames;       /* the WAL's frames after the latest commit */
    int copied;       /* the frames the latest checkpoint had copied */
    int bound;        /* frames at which the WAL starts again (CKPT_BOUND; tests set less) */
    int64_t commits;  /* commits so far, to tell a quiet second */
    int64_t passive, truncated; /* checkpoints run, for db_checkpoints_count */
} ckpt = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, NULL, NULL, 0, false, false,
          false, 0, 0, CKPT_BOUND, 0, 0, 0};

/* After each commit of a connection with background checkpoints (sqlite3_wal_hook). */
static int wal_hook(void *arg, sqlite3 *conn, const char *name, int frames)
{
    (void)arg, (void)conn, (void)name;
    pthread_mutex_lock(&ckpt.lock);
    ckpt.dirty = true;
    ckpt.commits++;
    ckpt.frames = frames;
    if (frames < ckpt.copied)
        ckpt.copied = 0; /* the WAL started again */
    if (!ckpt.pending && frames - ckpt.copied >= CKPT_PAGES) {
        ckpt.pending = true;
        pthread_cond_signal(&ckpt.wake);
    }
    pthread_mutex_unlock(&ckpt.lock);
    return SQLITE_OK;
}

/* One PASSIVE checkpoint without the writers' mutex: the WAL's frames so far into the database. */
static int copy_pass(int *copied)
{
    int frames = 0, done = 0;
    int64_t started = write_trace_now();
    int rc = sqlite3_wal_checkpoint_v2(ckpt.conn, "main", SQLITE_CHECKPOINT_PASSIVE, &frames,
                                       &done);
    write_trace_checkpoint("copy", frames, done, started, 0, 0);
    *copied = done;
    return rc;
}

/*
** Copy the WAL into the database without stopping the writers for most of it, then once more
** under the writers' mutex for the frames committed meanwhile, so that the next writer starts
** the WAL again. The mutex is taken once a pass has left at most CKPT_LEFT frames, and between
** two writers (trylock) while it can be: a blocking lock waited behind the queued writers (19 ms
** at 16 of them on a busy machine), and the locked pass then copied and synced every frame they
** committed meanwhile, a stall of every writer each time.
*/
#define CKPT_LEFT 64
#define CKPT_TRIES 16

/*
** Sync the database file through the thread's connection. SQLite syncs it only in a checkpoint
** that reaches the WAL's end, so the locked pass would sync every page the unlocked passes
** copied since the last restart (up to CKPT_BOUND of them: 15 to 30 ms with every writer
** waiting); synced before, it syncs only the last few.
*/
static int sync_db_file(void)
{
    sqlite3_file *f = NULL;
    int rc = sqlite3_file_control(ckpt.conn, "main", SQLITE_FCNTL_FILE_POINTER, &f);
    if (rc != SQLITE_OK)
        return rc;
    return f && f->pMethods ? f->pMethods->xSync(f, SQLITE_SYNC_NORMAL) : SQLITE_IOERR;
}

static int catch_up(int *copied)
{
    int rc = SQLITE_OK, frames = 0, done = 0;
    bool locked = false, synced = false;
    int64_t started = write_trace_now();
    for (int pass = 0; pass < CKPT_TRIES && !locked; pass++) {
        rc = sqlite3_wal_checkpoint_v2(ckpt.conn, "main", SQLITE_CHECKPOINT_PASSIVE, &frames,
                                       &done);
        if (rc != SQLITE_OK)
            return rc;
        if (frames - done > CKPT_LEFT)
            continue;
        if (!synced) {
            /* The next pass copies what came meanwhile, then the mutex is tried. */
            if ((rc = sync_db_file()) != SQLITE_OK)
                return rc;
            synced = true;
            continue;
        }
        locked = pthread_mutex_trylock(&write_lock) == 0;
    }
    int64_t asked = write_trace_now();
    if (!locked)
        pthread_mutex_lock(&write_lock);
    int64_t held = write_trace_now();
    int before = done;
    rc = sqlite3_wal_checkpoint_v2(ckpt.conn, "main", SQLITE_CHECKPOINT_PASSIVE, &frames, &done);
    pthread_mutex_unlock(&write_lock);
    int64_t end = write_trace_now();
    write_trace_checkpoint("restart", frames, done - before, started, held - asked, end - held);
    *copied = done;
    return rc;
}

static void *checkpointer(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&ckpt.lock);
    while (!ckpt.stop) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 1;
        bool timed_out = false;
        int64_t seen = ckpt.commits;
        while (!ckpt.pending && !ckpt.stop && !timed_out)
            timed_out = pthread_cond_timedwait(&ckpt.wake, &ckpt.lock, &until) == ETIMEDOUT;
        if (ckpt.stop)
            break;
        /*
        ** Quiet: a whole second without a commit. (Commits that stay below CKPT_PAGES within
        ** a second are no quiet moment: a TRUNCATE then, under the writers' mutex, stalled a
        ** steady trickle of writers once a second and made the WAL grow again from nothing.)
        */
        bool busy = ckpt.pending, idle = !busy && ckpt.dirty && ckpt.commits == seen;
        bool restart = busy && ckpt.frames >= ckpt.bound;
        ckpt.pending = false;
        if (idle)
            ckpt.dirty = false;
        pthread_mutex_unlock(&ckpt.lock);
        int rc = SQLITE_OK, copied = -1;
        if (restart) {
            rc = catch_up(&copied);
        } else if (busy) {
            rc = copy_pass(&copied);
        } else if (idle) {
            /* This process's writers wait on their mutex, not in the busy handler's steps. */
            int64_t asked = write_trace_now(), held;
            int frames = 0, done = 0;
            pthread_mutex_lock(&write_lock);
            held = write_trace_now();
            rc = sqlite3_wal_checkpoint_v2(ckpt.conn, "main", SQLITE_CHECKPOINT_TRUNCATE, &frames,
                                           &done);
            pthread_mutex_unlock(&write_lock);
            write_trace_checkpoint("truncate", frames, done, asked, held - asked,
                                   write_trace_now() - held);
        }
        pthread_mutex_lock(&ckpt.lock);
        if (copied >= 0 && copied <= ckpt.frames)
            ckpt.copied = copied;
        if (rc == SQLITE_OK && busy)
            ckpt.passive++;
        else if (rc == SQLITE_OK && idle)
            ckpt.truncated++;
        else if (idle)
            ckpt.dirty = true; /* a reader held on: try again after the next quiet second */
    }
    pthread_mutex_unlock(&ckpt.lock);
    return NULL;
}

int db_checkpoints_start(const char *path, Err *err)
{
    if (pg_is_uri(path) || ckpt.path || !db_exists(path))
        return 0; /* PostgreSQL checkpoints by itself; one database per server; db_open will
                     say that the file is missing */
    sqlite3 *conn = NULL;
    int rc = sqlite3_open_v2(path, &conn, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc == SQLITE_OK) {
        /* No busy handler: a checkpoint that a reader holds up is tried again later. */
        rc = sqlite3_exec(conn, "PRAGMA synchronous=FULL", NULL, NULL, NULL);
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(conn, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        err_fail(err, ERR_IO, "cannot open database '%s' for checkpoints: %s", path,
                 conn ? sqlite3_errmsg(conn) : sqlite3_errstr(rc));
        sqlite3_close(conn);
        return -1;
    }
    /* The sync thread's own connection: its handle of the WAL, opened by a first read. */
    sqlite3 *sconn = NULL;
    rc = sqlite3_open_v2(path, &sconn, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(sconn, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        err_fail(err, ERR_IO, "cannot open database '%s' for checkpoints: %s", path,
                 sqlite3_errstr(rc));
        sqlite3_close(conn);
        sqlite3_close(sconn);
        return -1;
    }
    ckpt.conn = conn;
    ckpt.sync_conn = sconn;
    ckpt.stop = ckpt.pending = ckpt.dirty = false;
    ckpt.frames = ckpt.copied = 0;
    if (pthread_create(&ckpt.thread, NULL, checkpointer, NULL) != 0) {
        sqlite3_close(conn);
        sqlite3_close(sconn);
        ckpt.conn = ckpt.sync_conn = NULL;
        return err_fail(err, ERR_IO, "cannot start the checkpoint thread");
    }
    if (group_sync_start(sync_conn_wal, sconn) < 0) {
        ckpt.path = xstrdup(path);
        db_checkpoints_stop();
        return err_fail(err, ERR_IO, "cannot start the sync thread");
    }
    ckpt.path = xstrdup(path);
    return 0;
}

void db_checkpoints_stop(void)
{
    if (!ckpt.path)
        return;
    pthread_mutex_lock(&ckpt.lock);
    ckpt.stop = true;
    pthread_cond_signal(&ckpt.wake);
    pthread_mutex_unlock(&ckpt.lock);
    pthread_join(ckpt.thread, NULL);
    group_sync_stop();
    pthread_mutex_lock(&write_lock);
    db_close(&writer);
    writer_tried = false;
    pthread_mutex_unlock(&write_lock);
    /* The last connection to close checkpoints the rest and removes the WAL. */
    sqlite3_close(ckpt.sync_conn);
    sqlite3_close(ckpt.conn);
    ckpt.conn = ckpt.sync_conn = NULL;
    free(ckpt.path);
    ckpt.path = NULL;
}

void db_checkpoints_bound(int pages)
{
    pthread_mutex_lock(&ckpt.lock);
    ckpt.bound = pages > 0 ? pages : CKPT_BOUND;
    pthread_mutex_unlock(&ckpt.lock);
}

void db_checkpoints_count(int64_t *passive, int64_t *truncated)
{
    pthread_mutex_lock(&ckpt.lock);
    *passive = ckpt.passive;
    *truncated = ckpt.truncated;
    pthread_mutex_unlock(&ckpt.lock);
}

/* A new read-write connection to path: its commits leave checkpoints to the thread when on. */
static int set_checkpoints(Db *db, const char *path, Err *err)
{
    if (!ckpt.path || strcmp(ckpt.path, path) != 0)
        return 0;
    sqlite3_wal_hook(SQL(db), wal_hook, NULL);
    db->conn->group_sync = true;
    return db_exec(db, "PRAGMA synchronous=NORMAL", err) < 0 ? -1
                                                             : db_exec(db, CKPT_JOURNAL_LIMIT, err);
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

/* The local paths of the PostgreSQL databases this process opened: interned, never freed. */
typedef struct LocalPath {
    char *uri;               /* the database's URI */
    char *path;              /* its local path */
    struct LocalPath *next;  /* the next one */
} LocalPath;
static LocalPath *local_paths;
static pthread_mutex_t local_paths_lock = PTHREAD_MUTEX_INITIALIZER;

bool db_exists(const char *path)
{
    struct stat st;
    return pg_is_uri(path) || stat(path, &st) == 0;
}

static const char *files_dir; /* db_set_files_dir */

void db_set_files_dir(const char *dir)
{
    files_dir = dir;
}

bool db_shared_by_servers(const char *db_path)
{
    return pg_is_uri(db_path);
}

/* The files folder for PostgreSQL databases, NULL when none is given. */
static const char *pg_files_dir(void)
{
    const char *dir = files_dir && *files_dir ? files_dir : getenv("ZHENGGAI_FILES");
    return dir && *dir ? dir : NULL;
}

const char *db_local_path(const char *db_path)
{
    if (!pg_is_uri(db_path))
        return db_path;
    pthread_mutex_lock(&local_paths_lock);
    LocalPath *lp = local_paths;
    while (lp && strcmp(lp->uri, db_path) != 0)
        lp = lp->next;
    if (!lp) {
        /* FOLDER/NAME: the URI's database name, its bytes outside [A-Za-z0-9_-] as '_'. */
        const char *dir = pg_files_dir();
        const char *q = strchr(db_path, '?');
        const char *end = q ? q : db_path + strlen(db_path);
        const char *name = strchr(strstr(db_path, "://") + 3, '/');
        name = name && name < end ? name + 1 : end;
        Buf b = BUF_INIT;
        buf_printf(&b, "%s/", dir ? dir : "."); /* no folder: db_open refuses to open */
        if (name == end)
            buf_puts(&b, "zhenggai"); /* no database named */
        for (const char *p = name; p < end; p++) {
            bool plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                         (*p >= '0' && *p <= '9') || *p == '_' || *p == '-';
            buf_putc(&b, plain ? *p : '_');
        }
        lp = xcalloc(1, sizeof *lp);
        lp->uri = xstrdup(db_path);
        lp->path = buf_detach(&b, NULL);
        lp->next = local_paths;
        local_paths = lp;
    }
    pthread_mutex_unlock(&local_paths_lock);
    return lp->path;
}

/*
** The files folder of a PostgreSQL database: given, existing (DB_CREATE makes it, private as a
** SQLite database's folder should be), and holding the audit key once the log has entries.
*/
static int check_files_dir(Db *db, int flags, Err *err)
{
    const char *dir = pg_files_dir();
    if (!dir)
        return err_fail(err, ERR_USAGE,
                        "a PostgreSQL database needs its files folder (audit key, evidence): "
                        "--files DIR or ZHENGGAI_FILES=DIR, the same folder for every server");
    struct stat st;
    if ((flags & DB_CREATE) && mkdir(dir, 0700) < 0 && errno != EEXIST)
        return err_fail(err, ERR_IO, "cannot create the files folder '%s': %s", dir,
                        strerror(errno));
    if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
        return err_fail(err, ERR_IO, "the files folder '%s' does not exist (a shared folder not "
                                     "mounted?)", dir);
    char key[4096];
    snprintf(key, sizeof key, "%s.audit-key", db->conn->files);
    if ((flags & DB_CREATE) || stat(key, &st) == 0)
        return 0;
    int64_t entries = 0;
    if (db_scalar(db, DB_SQL("SELECT count(*) FROM (SELECT 1 FROM audit LIMIT 1) a"), DB_NOARGS,
                  &entries, err) < 0) {
        err_clear(err); /* no schema yet (a database before init): nothing is signed */
        return 0;
    }
    if (entries > 0)
        return err_fail(err, ERR_IO, "no audit key '%s' while the database's audit log holds "
                                     "entries: give every server the same files folder (or a "
                                     "copy of the key file)", key);
    return 0;
}

/*
** Connect to the PostgreSQL database of uri. The database must exist (createdb); DB_CREATE asks
** nothing more of it. Read-only opens make every transaction read-only.
*/
static int open_pg(Db *db, const char *uri, int flags, Err *err)
{
    memset(db, 0, sizeof *db);
    PgConn *pg = pg_connect(uri, err);
    if (!pg)
        return -1;
    db->conn = xcalloc(1, sizeof *db->conn);
    db->conn->pg = pg;
    db->conn->files = xstrdup(db_local_path(uri));
    if (check_files_dir(db, flags, err) < 0) {
        db_close(db);
        return -1;
    }
    if ((flags & DB_READONLY) &&
        pg_exec(pg, "SET default_transaction_read_only = on", err) < 0) {
        db_close(db);
        return -1;
    }
    return 0;
}

int db_open(Db *db, const char *path, int flags, Err *err)
{
    if (pg_is_uri(path))
        return open_pg(db, path, flags, err);
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
            db_exec(db, "PRAGMA synchronous=FULL", err) < 0 ||
            set_checkpoints(db, path, err) < 0)
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
    write_end(db, false);
    for (size_t i = 0; i < db->cap; i++) {
        if (db->stmts[i]) {
            if (db->stmts[i]->st)
                sqlite3_finalize(db->stmts[i]->st);
            free(db->stmts[i]);
        }
    }
    free(db->stmts);
    if (db->conn) {
        if (PG(db))
            pg_close(PG(db)); /* its own statements go with it */
        else
            sqlite3_close(SQL(db));
        free(db->conn->files);
        free(db->conn);
    }
    memset(db, 0, sizeof *db);
}

/*
** The PostgreSQL form of the SQLite pragmas the stores run through db_exec: deferred foreign
** keys (the schema's are DEFERRABLE); page-cache and journal settings have no counterpart.
*/
static int exec_pg(Db *db, const char *sql, Err *err)
{
    if (strncmp(sql, "PRAGMA ", 7) != 0)
        return pg_exec(PG(db), sql, err);
    if (strcmp(sql, "PRAGMA defer_foreign_keys = ON") == 0)
        return pg_exec(PG(db), "SET CONSTRAINTS ALL DEFERRED", err);
    if (strncmp(sql, "PRAGMA cache_size", 17) == 0)
        return 0;
    return err_fail(err, ERR_DB, "no PostgreSQL form of '%s'", sql);
}

int db_exec(Db *db, const char *sql, Err *err)
{
    if (PG(db))
        return exec_pg(db, sql, err);
    char *msg = NULL;
    sqlite3_int64 changes = sqlite3_total_changes64(SQL(db));
    if (sqlite3_exec(SQL(db), sql, NULL, NULL, &msg) != SQLITE_OK) {
        err_fail(err, ERR_DB, "database: %s", msg ? msg : sqlite3_errmsg(SQL(db)));
        sqlite3_free(msg);
        return -1;
    }
    return sqlite3_total_changes64(SQL(db)) != changes ? autocommit_sync(db, NULL, err) : 0;
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
            if (st->pst) {
                pg_reset(st->pst);
            } else {
                sqlite3_reset(st->st);
                sqlite3_clear_bindings(st->st);
            }
            return st;
        }
        j = (j + 1) & (db->cap - 1);
    }
    DbStmt *s = xcalloc(1, sizeof *s);
    s->sql = sql;
    if (PG(db)) {
        /* Prepared on the server at its first step: a SQL error shows there, as an Err. */
        s->pst = pg_prepare(PG(db), sql);
    } else {
        if (sqlite3_prepare_v3(SQL(db), sql, -1, SQLITE_PREPARE_PERSISTENT, &s->st, NULL) !=
            SQLITE_OK)
            BUG("cannot prepare: %s\n%s", sqlite3_errmsg(SQL(db)), sql);
    }
    db->stmts[j] = s;
    db->n_stmts++;
    return s;
}

void db_reset(DbStmt *st)
{
    if (st->pst)
        pg_rewind(st->pst);
    else
        sqlite3_reset(st->st);
}

/*
** PostgreSQL's writers queue as SQLite's do, whichever server they run in: each write
** transaction first takes one advisory lock, held to its end, so that writes never interleave
** (the audit chain stays one chain; a transition reads the state it changes after the previous
** writer committed, so two servers cannot both close one measure). Reads do not wait for it.
*/
#define PG_WRITE_LOCK "SELECT pg_advisory_xact_lock(7926434117650196837)"

static int begin_pg(Db *db, const char *begin, bool write, Err *err)
{
    if (pg_exec(PG(db), begin, err) < 0 ||
        (write && pg_exec(PG(db), PG_WRITE_LOCK, err) < 0)) {
        pg_rollback(PG(db));
        db->tx_depth = 0;
        return -1;
    }
    return 0;
}

/*
** Open the outermost transaction: a writer's (BEGIN IMMEDIATE under the process's writer lock,
** PostgreSQL's advisory lock) or a reader's (one snapshot for the statements of a request, as
** SQLite's read transaction gives). Inner levels only count.
*/
static int begin(Db *db, bool write, Err *err)
{
    if (db->tx_depth++ > 0)
        return 0;
    db->tx_failed = false;
    if (PG(db))
        return begin_pg(db, write ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ", write, err);
    if (write) {
        if (write_trace_on())
            wtrace = (WriteTrace){.asked = write_trace_now()};
        pthread_mutex_lock(&write_lock);
        db->write_locked = true;
        writer_lend(db, ckpt.path);
        if (wtrace.asked)
            wtrace.locked = write_trace_now();
    }
    /* Prepared once per connection, as COMMIT: sqlite3_exec would parse them every time. */
    int rc = db_step_done(db, write ? db_prepare(db, DB_SQL("BEGIN IMMEDIATE"))
                                    : db_prepare(db, DB_SQL("BEGIN")), err);
    if (rc < 0) {
        db->tx_depth = 0;
        write_end(db, false);
        return -1;
    }
    if (wtrace.asked)
        wtrace.begun = write_trace_now();
    return 0;
}

int db_begin(Db *db, Err *err)
{
    return begin(db, true, err);
}

int db_begin_read(Db *db, Err *err)
{
    return begin(db, false, err);
}

int db_commit(Db *db, Err *err)
{
    if (db->tx_depth <= 0)
        BUG("db_commit outside a transaction");
    if (--db->tx_depth > 0)
        return 0;
    if (db->tx_failed) {
        db_exec(db, "ROLLBACK", NULL);
        write_end(db, false);
        return err_fail(err, ERR_DB, "transaction rolled back by an inner failure");
    }
    if (PG(db))
        return pg_commit(PG(db), err);
    if (wtrace.asked)
        wtrace.committing = write_trace_now();
    if (db_step_done(db, db_prepare(db, DB_SQL("COMMIT")), err) < 0) {
        db_exec(db, "ROLLBACK", NULL);
        write_end(db, false);
        return -1;
    }
    /* The next writer may go on while this one waits for its commit to be on disk. */
    int64_t ticket = db->conn->group_sync && db->write_locked ? group_sync_ticket() : 0;
    int64_t end = write_unlock(db);
    if (ticket && db->defer_sync) {
        db->sync_ticket = ticket; /* a later commit's sync covers an earlier one */
        ticket = 0;
    }
    int rc = db_sync_wait(db, ticket, err);
    write_traced(end, true);
    return rc;
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
    write_end(db, false);
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
    if (st->pst)
        return pg_step(PG(db), st->pst, err);
    int rc = sqlite3_step(st->st);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE)
        return autocommit_sync(db, st->st, err);
    db_fail(db, err, "database");
    sqlite3_reset(st->st);
    return -1;
}

int db_step_done(Db *db, DbStmt *st, Err *err)
{
    int rc = db_step(db, st, err);
    if (rc < 0)
        return -1;
    db_reset(st);
    return 0;
}

void db_bind_text(DbStmt *st, int i, const char *s)
{
    if (st->pst)
        pg_bind_text(st->pst, i, s);
    else if (s)
        sqlite3_bind_text(st->st, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st->st, i);
}

void db_bind_int(DbStmt *st, int i, int64_t v)
{
    if (st->pst)
        pg_bind_int(st->pst, i, v);
    else
        sqlite3_bind_int64(st->st, i, v);
}

void db_bind_id(DbStmt *st, int i, int64_t id)
{
    if (id)
        db_bind_int(st, i, id);
    else if (st->pst)
        pg_bind_null(st->pst, i);
    else
        sqlite3_bind_null(st->st, i);
}

void db_bind_day(DbStmt *st, int i, Day d)
{
    char iso[DATE_ISO_SIZE];
    db_bind_text(st, i, d == DAY_NONE ? NULL : date_format(d, iso));
}

void db_bind_blob(DbStmt *st, int i, const void *p, size_t len)
{
    if (st->pst) {
        pg_bind_blob(st->pst, i, p, len);
        return;
    }
    sqlite3_bind_blob64(st->st, i, p, len, SQLITE_STATIC);
}

const void *db_col_blob(DbStmt *st, int i, size_t *len)
{
    if (st->pst)
        return pg_col_blob(st->pst, i, len);
    const void *p = sqlite3_column_blob(st->st, i);
    *len = (size_t)sqlite3_column_bytes(st->st, i);
    return p;
}

const char *db_col_text(DbStmt *st, int i)
{
    if (st->pst)
        return pg_col_text(st->pst, i);
    return (const char *)sqlite3_column_text(st->st, i);
}

int64_t db_col_int(DbStmt *st, int i)
{
    if (st->pst)
        return pg_col_int(st->pst, i);
    return sqlite3_column_int64(st->st, i);
}

Day db_col_day(DbStmt *st, int i)
{
    const char *s = db_col_text(st, i);
    Day d;
    if (!s || date_parse(s, strlen(s), &d) < 0)
        return DAY_NONE;
    return d;
}

int db_find_id(Db *db, DbStmt *st, int64_t *id, Err *err)
{
    int rc = db_step(db, st, err);
    *id = rc == 1 ? db_col_int(st, 0) : 0;
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

int64_t db_last_id(Db *db)
{
    if (PG(db))
        return pg_last_id(PG(db));
    return sqlite3_last_insert_rowid(SQL(db));
}

int64_t db_file_version(Db *db)
{
    unsigned v = 0;
    if (!PG(db))
        sqlite3_file_control(SQL(db), "main", SQLITE_FCNTL_DATA_VERSION, &v);
    return v;
}

int db_changes(Db *db)
{
    if (PG(db))
        return pg_changes(PG(db));
    return sqlite3_changes(SQL(db));
}

int db_schema_version(Db *db)
{
    if (PG(db))
        return pg_schema_version(PG(db), NULL);
    sqlite3_stmt *st = db_prepare(db, DB_SQL("PRAGMA user_version"))->st;
    int v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_reset(st);
    return v;
}

bool db_is_open(const Db *db)
{
    return db->conn != NULL;
}

int db_copy_in(Db *db, const char *sql, const char *rows, size_t n, Err *err)
{
    if (!PG(db))
        BUG("COPY on SQLite:\n%s", sql);
    return pg_copy_in(PG(db), sql, rows, n, err);
}

bool db_is_pg(const Db *db)
{
    return db->conn && db->conn->pg;
}

bool db_col_is_null(DbStmt *st, int i)
{
    if (st->pst)
        return pg_col_is_null(st->pst, i);
    return sqlite3_column_type(st->st, i) == SQLITE_NULL;
}

const char *db_filename(Db *db)
{
    if (db->conn && PG(db))
        return db->conn->files;
    const char *f = db->conn ? sqlite3_db_filename(SQL(db), "main") : NULL;
    return f ? f : "";
}

void *db_handle(Db *db)
{
    return db->conn ? (void *)SQL(db) : NULL;
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
    "migrate_unitpage.sql",
    "migrate_duty.sql",
    "migrate_counts.sql",
    "migrate_listsql.sql",
    "migrate_ontime.sql",
    "migrate_inspection_seq.sql",
    "migrate_touch.sql",
    "migrate_quiet_report.sql",
    "migrate_touch_log.sql",
    "migrate_touch_seq.sql",
    "migrate_party_live.sql",
};
_Static_assert(sizeof migrations / sizeof migrations[0] == DB_SCHEMA_VERSION,
               "DB_SCHEMA_VERSION must equal the number of migrations");

int db_migrate(Db *db, Err *err)
{
    if (PG(db))
        return pg_migrate(PG(db), err);
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
