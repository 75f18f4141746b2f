/*
** pg.c: the PostgreSQL driver over libpq (pg.h). Each cached statement keeps its translated
** text, its server-side name ("zg" and a number, per connection) and the text of its binds;
** the server prepares it on its first run (PQprepare with the parameters' types left to the
** server, which infers them from their use, as SQLite's untyped binds do), and later runs
** send only the name and the values.
*/
#include "pg.h"

#include "db/db.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <strings.h>

struct PgStmt {
    const char *sql;     /* the literal's address: the cache key */
    char *text;          /* sql with $N placeholders */
    char name[24];       /* the server-side prepared statement's name */
    bool prepared;       /* the server knows name */
    int n_params;        /* placeholders in text */
    char **vals;         /* per parameter: its bytes (owned), NULL for SQL NULL */
    int *lens;           /* per parameter: byte count (binary values only) */
    int *fmts;           /* per parameter: 0 text, 1 binary */
    bool *is_int;        /* per parameter: bound by pg_bind_int (for the types of a retry) */
    bool *used;          /* per parameter: its $N appears in text */
    bool generic;        /* the SQL starts with DB_PG_GENERIC */
    char table[64];      /* the table an INSERT adds to ("" for any other statement) */
    PGresult *res;       /* the result of the current run; NULL before the first step */
    int row;             /* the current row of res; -1 before the first */
    bool done;           /* the last step said done: the next one runs the statement again */
    unsigned char *blob; /* the last pg_col_blob value (PQfreemem) */
    PgStmt *next;        /* the connection's next statement (PgConn.stmts) */
};

struct PgConn {
    PGconn *pg;          /* the libpq connection */
    PgStmt *stmts;       /* the statements prepared on c, newest first (the cache) */
    unsigned next_name;  /* the number of the next prepared statement's name */
    int changes;         /* rows changed by the last statement run */
    int64_t last_id;     /* the id the last INSERT returned … */
    bool has_last_id;    /* … when it said RETURNING id */
    char last_table[64]; /* else the table the last prepared INSERT added to, "" if none */
};

bool pg_is_uri(const char *s)
{
    return s && (strncmp(s, "postgres://", 11) == 0 || strncmp(s, "postgresql://", 13) == 0);
}

static void notice_ignore(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* libpq's messages end with a newline; an Err is one line. */
static int fail_msg(Err *err, ErrCode code, const char *what, const char *msg)
{
    size_t n = strcspn(msg, "\n");
    return err_fail(err, code, "%s: %.*s", what, (int)n, msg);
}

/* Fill err from a failed result, by its SQLSTATE: class 23 (integrity), 40001 and 40P01 are
** conflicts the caller may report as such; the rest is a database failure. */
static int fail_result(PgConn *c, const PGresult *res, Err *err)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    ErrCode code = ERR_DB;
    if (state && (strncmp(state, "23", 2) == 0 || strcmp(state, "40001") == 0 ||
                  strcmp(state, "40P01") == 0))
        code = ERR_CONFLICT;
    return fail_msg(err, code, "database", msg ? msg : PQerrorMessage(c->pg));
}

PgConn *pg_connect(const char *uri, Err *err)
{
    PGconn *pg = PQconnectdb(uri);
    if (!pg) {
        err_fail(err, ERR_IO, "cannot connect to PostgreSQL: out of memory");
        return NULL;
    }
    if (PQstatus(pg) != CONNECTION_OK) {
        fail_msg(err, ERR_IO, "cannot connect to PostgreSQL", PQerrorMessage(pg));
        PQfinish(pg);
        return NULL;
    }
    if (PQsetClientEncoding(pg, "UTF8") != 0) {
        fail_msg(err, ERR_DB, "cannot set client encoding", PQerrorMessage(pg));
        PQfinish(pg);
        return NULL;
    }
    PQsetNoticeProcessor(pg, notice_ignore, NULL);
    PgConn *c = xcalloc(1, sizeof *c);
    c->pg = pg;
    return c;
}

/* Empty the value of parameter slot k (0-based): SQL NULL, text, not an integer. */
static void param_empty(PgStmt *st, int k)
{
    free(st->vals[k]);
    st->vals[k] = NULL;
    st->lens[k] = 0;
    st->fmts[k] = 0;
    st->is_int[k] = false;
}

static void stmt_clear(PgStmt *st)
{
    for (int i = 0; i < st->n_params; i++)
        param_empty(st, i);
    PQclear(st->res);
    st->res = NULL;
    st->row = -1;
    st->done = false;
    if (st->blob)
        PQfreemem(st->blob);
    st->blob = NULL;
}

static void stmt_free(PgStmt *st)
{
    stmt_clear(st);
    free(st->text);
    free(st->vals);
    free(st->lens);
    free(st->fmts);
    free(st->is_int);
    free(st->used);
    free(st);
}

void pg_close(PgConn *c)
{
    if (!c)
        return;
    while (c->stmts) {
        PgStmt *next = c->stmts->next;
        stmt_free(c->stmts);
        c->stmts = next;
    }
    PQfinish(c->pg);
    free(c);
}

int pg_exec(PgConn *c, const char *sql, Err *err)
{
    PGresult *res = PQexec(c->pg, sql);
    ExecStatusType s = PQresultStatus(res);
    int rc = 0;
    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK && s != PGRES_EMPTY_QUERY)
        rc = fail_result(c, res, err);
    else if (strncmp(PQcmdStatus(res), "INSERT", 6) == 0)
        c->has_last_id = false, c->last_table[0] = '\0'; /* its table unknown: lastval() */
    PQclear(res);
    return rc;
}

/* The length of a $tag$ opening at p ("$$" or "$name$"), 0 when p opens none. */
static size_t dollar_tag(const char *p)
{
    size_t n = 1;
    while (p[n] == '_' || (p[n] >= 'a' && p[n] <= 'z') || (p[n] >= 'A' && p[n] <= 'Z') ||
           (n > 1 && p[n] >= '0' && p[n] <= '9'))
        n++;
    return p[n] == '$' ? n + 1 : 0;
}

static bool is_word_byte(char ch)
{
    return ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           (ch >= '0' && ch <= '9') || (unsigned char)ch >= 0x80;
}

void pg_translate(const char *sql, Buf *out, int *n_params)
{
    int max = 0;
    const char *p = sql;
    while (*p) {
        if (*p == '\'' || *p == '"') {
            /* A string (E'…' takes backslash escapes) or a quoted identifier; doubled quotes
            ** stay inside. */
            char q = *p;
            bool esc = q == '\'' && p > sql && (p[-1] == 'E' || p[-1] == 'e') &&
                       (p - 1 == sql || !is_word_byte(p[-2]));
            const char *s = p++;
            while (*p) {
                if (esc && *p == '\\' && p[1]) {
                    p += 2;
                } else if (*p == q) {
                    if (p[1] != q) {
                        p++;
                        break;
                    }
                    p += 2;
                } else {
                    p++;
                }
            }
            buf_append(out, s, (size_t)(p - s));
        } else if (p[0] == '-' && p[1] == '-') {
            size_t n = strcspn(p, "\n");
            buf_append(out, p, n);
            p += n;
        } else if (p[0] == '/' && p[1] == '*') {
            const char *end = strstr(p + 2, "*/");
            size_t n = end ? (size_t)(end + 2 - p) : strlen(p);
            buf_append(out, p, n);
            p += n;
        } else if (*p == '$' && (p == sql || !is_word_byte(p[-1])) && dollar_tag(p)) {
            size_t t = dollar_tag(p);
            const char *end = p + t;
            while (*end && strncmp(end, p, t) != 0)
                end++;
            size_t n = *end ? (size_t)(end + t - p) : strlen(p);
            buf_append(out, p, n);
            p += n;
        } else if (*p == '?') {
            p++;
            int n = 0;
            if (*p >= '0' && *p <= '9') {
                while (*p >= '0' && *p <= '9' && n < 100000)
                    n = n * 10 + (*p++ - '0');
            } else {
                n = max + 1;
            }
            if (n > max)
                max = n;
            buf_printf(out, "$%d", n);
        } else {
            buf_putc(out, *p++);
        }
    }
    *n_params = max;
}

/* p past blanks and comments (block comments and "--" lines). */
static const char *skip_blanks(const char *p)
{
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        if (p[0] == '/' && p[1] == '*') {
            const char *end = strstr(p + 2, "*/");
            if (!end)
                return p;
            p = end + 2;
        } else if (p[0] == '-' && p[1] == '-') {
            p += strcspn(p, "\n");
        } else {
            return p;
        }
    }
}

/*
** The table "INSERT INTO name" adds to, into out (64 bytes): a plain lower-case name, or ""
** when sql is no such INSERT or the name is quoted, qualified or too long. The name is later
** spelt inside a literal (pg_last_id), so only [a-z0-9_] passes.
*/
static void insert_table(const char *sql, char out[64])
{
    out[0] = '\0';
    const char *p = skip_blanks(sql);
    if (strncasecmp(p, "INSERT", 6) != 0)
        return;
    p = skip_blanks(p + 6);
    if (strncasecmp(p, "INTO", 4) != 0)
        return;
    p = skip_blanks(p + 4);
    size_t n = 0;
    while ((p[n] >= 'a' && p[n] <= 'z') || (p[n] >= '0' && p[n] <= '9') || p[n] == '_')
        n++;
    if (n == 0 || n >= 64 || p[n] == '.' || p[n] == '"' || is_word_byte(p[n]))
        return;
    memcpy(out, p, n);
    out[n] = '\0';
}

PgStmt *pg_prepare(PgConn *c, const char *sql)
{
    /*
    ** A list is enough: db.c keeps its own cache by the same key in front of this one, so a
    ** statement is looked for here once per connection (and by pg_migrate and the tests).
    */
    for (PgStmt *st = c->stmts; st; st = st->next) {
        if (st->sql == sql) {
            stmt_clear(st);
            return st;
        }
    }
    PgStmt *st = xcalloc(1, sizeof *st);
    Buf text = BUF_INIT;
    pg_translate(sql, &text, &st->n_params);
    st->sql = sql;
    st->text = buf_detach(&text, NULL);
    st->generic = strncmp(sql, DB_PG_GENERIC, strlen(DB_PG_GENERIC)) == 0;
    insert_table(sql, st->table);
    snprintf(st->name, sizeof st->name, "zg%u", c->next_name++);
    size_t n = st->n_params ? (size_t)st->n_params : 1;
    st->vals = xcalloc(n, sizeof *st->vals);
    st->lens = xcalloc(n, sizeof *st->lens);
    st->fmts = xcalloc(n, sizeof *st->fmts);
    st->is_int = xcalloc(n, sizeof *st->is_int);
    st->used = xcalloc(n, sizeof *st->used);
    for (const char *p = st->text; (p = strchr(p, '$')) != NULL; p++) {
        int k = p[1] >= '1' && p[1] <= '9' ? atoi(p + 1) : 0;
        if (k >= 1 && k <= st->n_params)
            st->used[k - 1] = true; /* a $N inside a string only marks a number used */
    }
    st->row = -1;
    st->next = c->stmts;
    c->stmts = st;
    return st;
}

void pg_reset(PgStmt *st)
{
    stmt_clear(st);
}

void pg_rewind(PgStmt *st)
{
    PQclear(st->res);
    st->res = NULL;
    st->row = -1;
    st->done = false;
}

const char *pg_errmsg(const PgConn *c)
{
    return PQerrorMessage(c->pg);
}

/*
** The slot of parameter i, emptied; -1 past the largest number the SQL uses, whose binds are
** ignored as SQLite ignores them (a range error nobody checks): one list of values may serve
** statements that use a part of it.
*/
static int param_slot(PgStmt *st, int i)
{
    if (i < 1)
        BUG("bind ?%d:\n%s", i, st->sql);
    if (i > st->n_params)
        return -1;
    param_empty(st, i - 1);
    return i - 1;
}

void pg_bind_int(PgStmt *st, int i, int64_t v)
{
    int k = param_slot(st, i);
    if (k < 0)
        return;
    char num[24];
    snprintf(num, sizeof num, "%lld", (long long)v);
    st->vals[k] = xstrdup(num);
    st->is_int[k] = true;
}

void pg_bind_text(PgStmt *st, int i, const char *s)
{
    int k = param_slot(st, i);
    if (k >= 0 && s)
        st->vals[k] = xstrdup(s);
}

void pg_bind_null(PgStmt *st, int i)
{
    param_slot(st, i);
}

void pg_bind_blob(PgStmt *st, int i, const void *p, size_t n)
{
    int k = param_slot(st, i);
    if (k < 0)
        return;
    if (n > INT32_MAX)
        BUG("blob of %zu bytes", n);
    st->vals[k] = xmalloc(n ? n : 1);
    if (n)
        memcpy(st->vals[k], p, n);
    st->lens[k] = (int)n;
    st->fmts[k] = 1;
}

/* The type a retry gives parameter i: its first bind's (bigint, bytea), else text. */
static Oid bind_type(const PgStmt *st, int i)
{
    if (st->vals[i] && st->fmts[i])
        return 17; /* bytea */
    return st->vals[i] && st->is_int[i] ? 20 /* int8 */ : 25 /* text */;
}

/*
** The parameter number at character position pos (1-based, as the server reports it) of text,
** when a $N stands there; 0 otherwise.
*/
static int param_at(const char *text, long pos)
{
    const unsigned char *p = (const unsigned char *)text;
    for (long chars = 1; *p && chars < pos; chars++) {
        p++;
        while ((*p & 0xC0) == 0x80)
            p++;
    }
    if (*p != '$' || p[1] < '1' || p[1] > '9')
        return 0;
    return atoi((const char *)p + 1);
}

/*
** Prepare st on the server. SQLite's binds are untyped, so the parameters' types are left to
** the server's inference, but for numbers the SQL never uses (PostgreSQL refuses a gap in the
** numbering: they get text). Where the SQL does not say a used parameter's type (`?2 IS NULL OR
** col = ?2`), the server refuses it (42P18, or 42P08), at the parameter's position when it
** knows it: that parameter gets the type of its first bind (bigint, bytea, else text), or every
** untyped one does when no position is given, and the statement is prepared again until it
** passes. Inside a transaction each try runs in a savepoint, since a failure would fail the
** transaction. Costs round trips on a connection's first run of a statement only.
*/
static int stmt_prepare(PgConn *c, PgStmt *st, Err *err)
{
    bool in_tx = PQtransactionStatus(c->pg) == PQTRANS_INTRANS;
    Oid *types = xcalloc((size_t)st->n_params + 1, sizeof *types);
    for (int i = 0; i < st->n_params; i++)
        if (!st->used[i])
            types[i] = 25;
    PGresult *res = NULL;
    for (int tries = 0; tries <= st->n_params; tries++) {
        if (in_tx)
            PQclear(PQexec(c->pg, "SAVEPOINT zg_prepare"));
        PQclear(res);
        res = PQprepare(c->pg, st->name, st->text, st->n_params, types);
        bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
        if (in_tx)
            PQclear(PQexec(c->pg, ok ? "RELEASE SAVEPOINT zg_prepare"
                                     : "ROLLBACK TO SAVEPOINT zg_prepare;"
                                       "RELEASE SAVEPOINT zg_prepare"));
        const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
        /* 42P18 indeterminate_datatype, or 42P08 when a use left it ambiguous. */
        if (ok || !state || (strcmp(state, "42P18") != 0 && strcmp(state, "42P08") != 0))
            break;
        const char *pos = PQresultErrorField(res, PG_DIAG_STATEMENT_POSITION);
        int n = pos ? param_at(st->text, atol(pos)) : 0;
        if (n >= 1 && n <= st->n_params && types[n - 1] == 0) {
            types[n - 1] = bind_type(st, n - 1);
        } else {
            /* No position to go by: type every parameter still untyped. */
            for (int i = 0; i < st->n_params; i++)
                if (types[i] == 0)
                    types[i] = bind_type(st, i);
        }
    }
    free(types);
    int rc = 0;
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
        rc = fail_result(c, res, err);
    else
        st->prepared = true;
    PQclear(res);
    return rc;
}

/* Send st with its binds; its result becomes st->res. 0, or -1 with err. */
static int stmt_run(PgConn *c, PgStmt *st, Err *err)
{
    if (!st->prepared && stmt_prepare(c, st, err) < 0)
        return -1;
    /* A failed SET leaves the plans as they were; one in a transaction ends with it. */
    if (st->generic)
        PQclear(PQexec(c->pg, "SET plan_cache_mode = force_generic_plan"));
    PGresult *res = PQexecPrepared(c->pg, st->name, st->n_params, (const char *const *)st->vals,
                                   st->lens, st->fmts, 0);
    if (st->generic)
        PQclear(PQexec(c->pg, "RESET plan_cache_mode"));
    ExecStatusType s = PQresultStatus(res);
    if (s != PGRES_TUPLES_OK && s != PGRES_COMMAND_OK) {
        fail_result(c, res, err);
        PQclear(res);
        return -1;
    }
    st->res = res;
    st->row = -1;
    c->changes = atoi(PQcmdTuples(res));
    if (strncmp(PQcmdStatus(res), "INSERT", 6) == 0) {
        int col = PQfnumber(res, "id");
        c->has_last_id = col >= 0 && PQntuples(res) == 1 && !PQgetisnull(res, 0, col);
        c->last_id = c->has_last_id ? strtoll(PQgetvalue(res, 0, col), NULL, 10) : 0;
        memcpy(c->last_table, st->table, sizeof c->last_table);
    }
    return 0;
}

int pg_step(PgConn *c, PgStmt *st, Err *err)
{
    if (st->done) {
        PQclear(st->res);
        st->res = NULL;
        st->done = false;
    }
    if (!st->res && stmt_run(c, st, err) < 0)
        return -1;
    if (st->blob)
        PQfreemem(st->blob);
    st->blob = NULL;
    if (++st->row < PQntuples(st->res))
        return 1;
    st->done = true;
    return 0;
}

/* The current row, checked: reading a column without a row or past the last is a bug. */
static int cur_row(const PgStmt *st, int i)
{
    if (!st->res || st->row < 0 || st->row >= PQntuples(st->res) || i < 0 ||
        i >= PQnfields(st->res))
        BUG("column %d read without a row:\n%s", i, st->sql);
    return st->row;
}

int pg_col_count(const PgStmt *st)
{
    return st->res ? PQnfields(st->res) : 0;
}

const char *pg_col_name(const PgStmt *st, int i)
{
    return st->res && i >= 0 && i < PQnfields(st->res) ? PQfname(st->res, i) : "";
}

bool pg_col_is_null(const PgStmt *st, int i)
{
    return PQgetisnull(st->res, cur_row(st, i), i);
}

const char *pg_col_text(const PgStmt *st, int i)
{
    int r = cur_row(st, i);
    return PQgetisnull(st->res, r, i) ? NULL : PQgetvalue(st->res, r, i);
}

int64_t pg_col_int(const PgStmt *st, int i)
{
    const char *s = pg_col_text(st, i);
    if (!s)
        return 0;
    if (s[0] == 't' && !s[1])
        return 1;
    return strtoll(s, NULL, 10);
}

const void *pg_col_blob(PgStmt *st, int i, size_t *n)
{
    const char *s = pg_col_text(st, i);
    *n = 0;
    if (!s)
        return NULL;
    if (st->blob)
        PQfreemem(st->blob);
    st->blob = PQunescapeBytea((const unsigned char *)s, n);
    if (!st->blob)
        BUG("out of memory decoding a bytea");
    return st->blob;
}

int pg_changes(const PgConn *c)
{
    return c->changes;
}

/*
** The id of the last INSERT, as SQLite's last insert rowid: what it returned (RETURNING id),
** else the value this session last drew from its table's id sequence. Not lastval(): that is
** the last value drawn from any sequence, and a trigger of the INSERT that adds a row with its
** own id (the touch log, say) would make it name that row. An INSERT whose table is not known
** (one run by pg_exec) falls back to lastval(). 0 when there is none.
*/
int64_t pg_last_id(PgConn *c)
{
    if (c->has_last_id)
        return c->last_id;
    char ask[160];
    if (c->last_table[0])
        snprintf(ask, sizeof ask, "SELECT currval(pg_get_serial_sequence('%s', 'id'))",
                 c->last_table);
    else
        snprintf(ask, sizeof ask, "SELECT lastval()");
    bool in_tx = PQtransactionStatus(c->pg) == PQTRANS_INTRANS;
    /* One round trip: the three statements go as one simple query, whose results arrive in
    ** turn; a failed ask skips the release, and the savepoint is undone after. */
    char q[240];
    if (in_tx)
        snprintf(q, sizeof q, "SAVEPOINT zg_last_id; %s; RELEASE SAVEPOINT zg_last_id", ask);
    if (!PQsendQuery(c->pg, in_tx ? q : ask))
        return 0;
    int64_t id = 0;
    bool failed = false;
    PGresult *res;
    while ((res = PQgetResult(c->pg)) != NULL) {
        ExecStatusType s = PQresultStatus(res);
        if (s == PGRES_TUPLES_OK && PQntuples(res) == 1 && !PQgetisnull(res, 0, 0))
            id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
        else if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
            failed = true;
        PQclear(res);
    }
    if (in_tx && failed)
        PQclear(PQexec(c->pg, "ROLLBACK TO SAVEPOINT zg_last_id; RELEASE SAVEPOINT zg_last_id"));
    return failed ? 0 : id;
}

int pg_copy_in(PgConn *c, const char *sql, const char *data, size_t n, Err *err)
{
    PGresult *res = PQexec(c->pg, sql);
    if (PQresultStatus(res) != PGRES_COPY_IN) {
        fail_result(c, res, err);
        PQclear(res);
        return -1;
    }
    PQclear(res);
    /* libpq sends the data in pieces of at most INT_MAX bytes; a blocking connection waits. */
    bool sent = true;
    for (size_t at = 0; at < n && sent;) {
        size_t piece = n - at < (1u << 30) ? n - at : (1u << 30);
        sent = PQputCopyData(c->pg, data + at, (int)piece) == 1;
        at += piece;
    }
    if (PQputCopyEnd(c->pg, sent ? NULL : "zhenggai: cannot send the rows") != 1)
        return fail_msg(err, ERR_DB, "database", PQerrorMessage(c->pg));
    int rc = 0;
    while ((res = PQgetResult(c->pg)) != NULL) {
        if (PQresultStatus(res) != PGRES_COMMAND_OK && rc == 0)
            rc = fail_result(c, res, err);
        else if (rc == 0)
            c->changes = atoi(PQcmdTuples(res));
        PQclear(res);
    }
    return rc;
}

int pg_begin(PgConn *c, Err *err)
{
    return pg_exec(c, "BEGIN", err);
}

int pg_commit(PgConn *c, Err *err)
{
    /* PostgreSQL answers COMMIT of a failed transaction with a rollback, not an error. */
    if (PQtransactionStatus(c->pg) == PQTRANS_INERROR) {
        pg_exec(c, "ROLLBACK", NULL);
        return err_fail(err, ERR_DB, "transaction rolled back by an earlier failure");
    }
    return pg_exec(c, "COMMIT", err);
}

void pg_rollback(PgConn *c)
{
    pg_exec(c, "ROLLBACK", NULL);
}
