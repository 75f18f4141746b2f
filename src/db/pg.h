/*
** pg.h: the PostgreSQL driver (libpq), shaped like SQLite's cursor API so that db.c can
** dispatch its primitives to either backend (issue 15). A PgConn is one connection, used by one
** thread at a time, as a Db is. Statements are prepared once per connection and cached by the
** address of their SQL literal, as db.c does for SQLite; the SQL may use SQLite's numbered
** placeholders `?N` (and bare `?`), which become PostgreSQL's `$N` outside string literals,
** quoted identifiers and comments. Values are always bound, never formatted into the text.
**
** A statement runs on its first pg_step after its binds: the whole result arrives then, and
** later steps walk its rows. Column values stay valid until the next step, reset or prepare of
** the same statement.
*/
#ifndef ZG_PG_H
#define ZG_PG_H

#include "base/base.h"
#include "base/buf.h"
#include "base/err.h"

typedef struct PgConn PgConn;
typedef struct PgStmt PgStmt;

/* True when s names a PostgreSQL database: it begins with postgres:// or postgresql://. */
bool pg_is_uri(const char *s);

/*
** Connect to the database that uri names (any libpq connection URI) with client encoding
** UTF-8 and server notices silenced. Returns the connection, or NULL with err filled (the
** message names the failure, never the password).
*/
PgConn *pg_connect(const char *uri, Err *err);
/* Deallocate the cached statements and close. Safe on NULL. */
void pg_close(PgConn *c);

/*
** Run sql, which may hold several statements and no parameters (DDL, BEGIN, COMMIT), through
** the simple query protocol. 0, or -1 with err filled.
*/
int pg_exec(PgConn *c, const char *sql, Err *err);

/*
** The cached statement for a SQL literal, reset and with its binds cleared; valid until
** pg_close. Costs no round trip: the server prepares it on its first run, so a SQL error shows
** as the error of that pg_step.
*/
PgStmt *pg_prepare(PgConn *c, const char *sql);
/* Forget st's result and binds, so that the next pg_step runs it again. */
void pg_reset(PgStmt *st);
/* Forget st's result but keep its binds (SQLite's reset, which keeps them). */
void pg_rewind(PgStmt *st);
/* The connection's last error message (libpq's, may end in a newline); valid until the next call. */
const char *pg_errmsg(const PgConn *c);

/*
** Binds: i is 1-based (as ?1); NULL text binds SQL NULL; the bytes are copied. A number past
** the largest the SQL uses is ignored, as SQLite ignores it.
*/
void pg_bind_int(PgStmt *st, int i, int64_t v);
void pg_bind_text(PgStmt *st, int i, const char *s);
void pg_bind_null(PgStmt *st, int i);
/* Bind n bytes at p as a bytea value (sent in binary). */
void pg_bind_blob(PgStmt *st, int i, const void *p, size_t n);

/*
** Run st with its binds (on the first step after a reset) and advance to its next row:
** 1 a row, 0 done, -1 error with err filled (constraint violations, serialisation failures
** and deadlocks are ERR_CONFLICT; anything else ERR_DB). An error inside a transaction leaves
** it failed: only a rollback ends it.
*/
int pg_step(PgConn *c, PgStmt *st, Err *err);

/* Columns of the current row, 0-based. */
int pg_col_count(const PgStmt *st);
/* The name of column i of the result. */
const char *pg_col_name(const PgStmt *st, int i);
bool pg_col_is_null(const PgStmt *st, int i);
/* Text of column i, NULL for SQL NULL. */
const char *pg_col_text(const PgStmt *st, int i);
/* Integer of column i: 0 for NULL or non-numbers; booleans read as 1 and 0. */
int64_t pg_col_int(const PgStmt *st, int i);
/* Bytes of a bytea column, *n their count; NULL for SQL NULL. Valid until the next step. */
const void *pg_col_blob(PgStmt *st, int i, size_t *n);

/* Rows changed by the last statement run on c (INSERT, UPDATE, DELETE). */
int pg_changes(const PgConn *c);
/*
** The id of the row the last INSERT made: the "id" column when that INSERT said RETURNING id,
** else the session's currval of the id sequence of the table the last prepared INSERT named
** (so that a trigger drawing from another sequence does not change it), lastval() for an INSERT
** whose table is not known; asked inside a savepoint, so that a session that never drew one does
** not fail its transaction. 0 when there is none.
*/
int64_t pg_last_id(PgConn *c);

/*
** BEGIN, COMMIT and ROLLBACK (no nesting here: db.c counts levels). 0, or -1 with err; a commit
** of a transaction that an error failed rolls it back and fails.
*/
int pg_begin(PgConn *c, Err *err);
int pg_commit(PgConn *c, Err *err);
void pg_rollback(PgConn *c);

/*
** Run sql, a COPY … FROM STDIN literal, with the n bytes at data as its input (COPY's text
** format: one row a line, columns split by tabs, \N for NULL). One round trip for many rows.
** 0, or -1 with err filled (a constraint violation is ERR_CONFLICT); an error inside a
** transaction leaves it failed.
*/
int pg_copy_in(PgConn *c, const char *sql, const char *data, size_t n, Err *err);

/*
** Rewrite SQLite's placeholders in sql to PostgreSQL's into out: `?N` becomes `$N`, a bare `?`
** the next number after the largest seen so far (as SQLite numbers them). Text inside '…'
** and E'…' strings, "…" identifiers, $tag$…$tag$ bodies and comments is copied unchanged.
** *n_params gets the largest number used. Exposed for its unit test.
*/
void pg_translate(const char *sql, Buf *out, int *n_params);

#endif
