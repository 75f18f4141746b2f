#!/usr/bin/env python3
"""pg_dialect.py URI SRC: which SQL statements of the stores PostgreSQL cannot prepare.

Issue 15 keeps both dialects' literals side by side in a store where the SQL must differ. This
tool finds where: it runs each src/db/*.c through the C preprocessor (so that SQL assembled from
macros is whole), takes every string literal (adjacent literals joined) that begins with a SQL
verb, rewrites SQLite's ?N placeholders to $N as src/db/pg.c does, and asks the PostgreSQL
database at URI (already migrated by pg_migrate, e.g. a cluster of tests/pg/cluster.sh) to
PREPARE it, with the parameters' types left to the server as the driver leaves them. It prints,
per store, the statements that fail with the server's reason, and a summary. The SQLite side of
a DB_PICK pair is not checked (its PostgreSQL twin is). "could not determine data type of
parameter" is no failure of the program: the driver types such a parameter from its bind and
prepares again (pg.c); it is listed apart. Read-only: every PREPARE is rolled back.
"""
import re
import subprocess
import sys

VERBS = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "REPLACE", "PRAGMA", "BEGIN", "COMMIT",
         "ROLLBACK", "CREATE", "DROP", "ALTER", "SAVEPOINT", "RELEASE")


def c_unescape(body):
    out = bytearray()
    i = 0
    raw = body.encode("utf-8")
    while i < len(raw):
        ch = raw[i]
        if ch == 0x5C and i + 1 < len(raw):
            nxt = chr(raw[i + 1])
            simple = {"n": 10, "t": 9, "r": 13, "\\": 92, '"': 34, "'": 39, "0": 0}
            if nxt in simple and not (nxt == "0" and i + 2 < len(raw) and chr(raw[i + 2]).isdigit()):
                out.append(simple[nxt])
                i += 2
                continue
            if nxt in "01234567":
                j = i + 1
                while j < len(raw) and j < i + 4 and chr(raw[j]) in "01234567":
                    j += 1
                out.append(int(raw[i + 1:j], 8) & 0xFF)
                i = j
                continue
            out.append(raw[i + 1])
            i += 2
            continue
        out.append(ch)
        i += 1
    return out.decode("utf-8", "replace")


LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def literals(text):
    """Every run of adjacent string literals in preprocessed C, joined, but the SQLite sides of
    DB_PICK pairs (DB_SQL_SQLITE: two empty literals first)."""
    pos = 0
    while True:
        m = LITERAL.search(text, pos)
        if not m:
            return
        parts = [m.group(1)]
        end = m.end()
        raw = [m.group(1)]
        while True:
            ws = re.match(r'\s*', text[end:]).end()
            n = LITERAL.match(text, end + ws)
            if not n:
                break
            parts.append(n.group(1))
            raw.append(n.group(1))
            end = n.end()
        # Skip character constants' neighbours and #line markers' file names.
        line_start = text.rfind("\n", 0, m.start()) + 1
        if text[line_start:m.start()].lstrip().startswith("#"):
            pos = end
            continue
        pos = end
        if len(raw) >= 3 and raw[0] == "" and raw[1] == "":
            continue  # SQLite's side of a DB_PICK pair
        yield c_unescape("".join(parts))


def translate(sql):
    """?N -> $N outside quotes and comments (pg_translate's rules, for the common cases)."""
    out, i, top = [], 0, 0
    while i < len(sql):
        c = sql[i]
        if c in "'\"":
            j = i + 1
            while j < len(sql):
                if sql[j] == c:
                    if j + 1 < len(sql) and sql[j + 1] == c:
                        j += 2
                        continue
                    break
                j += 1
            out.append(sql[i:j + 1])
            i = j + 1
        elif sql.startswith("--", i):
            j = sql.find("\n", i)
            j = len(sql) if j < 0 else j
            out.append(sql[i:j])
            i = j
        elif c == "?":
            j = i + 1
            while j < len(sql) and sql[j].isdigit():
                j += 1
            n = int(sql[i + 1:j]) if j > i + 1 else top + 1
            top = max(top, n)
            out.append("$%d" % n)
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def psql(uri, sql):
    r = subprocess.run(["psql", uri, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql],
                       capture_output=True, text=True)
    return r.returncode, r.stderr.strip()


def migrate(uri, src):
    """Apply the PostgreSQL migrations, in pg_migrate.c's order, to a database without them."""
    rc, _ = psql(uri, "SELECT 1 FROM schema_version")
    if rc == 0:
        return
    order = re.findall(r'"(pg_[a-z_0-9]+\.sql)"', open(src + "/src/db/pg_migrate.c").read())
    for name in order:
        r = subprocess.run(["psql", uri, "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-f",
                            src + "/src/db/" + name], capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit("%s: %s" % (name, r.stderr.strip()))
    psql(uri, "CREATE TABLE schema_version (version bigint NOT NULL); "
              "INSERT INTO schema_version VALUES (%d)" % len(order))


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: pg_dialect.py URI SRC")
    uri, src = sys.argv[1], sys.argv[2]
    migrate(uri, src)
    files = subprocess.run(["sh", "-c", "ls %s/src/db/*.c" % src], capture_output=True,
                           text=True).stdout.split()
    total = bad = n_typed = 0
    by_reason = {}
    for f in files:
        name = f.rsplit("/", 1)[1]
        if name in ("db.c", "pg.c", "pg_migrate.c"):
            continue
        cpp = subprocess.run(["gcc", "-E", "-P", "-I", src + "/src", "-I", src + "/build",
                              "-D_POSIX_C_SOURCE=200809L", "-D_DEFAULT_SOURCE", f],
                             capture_output=True, text=True)
        if cpp.returncode != 0:
            print("%s: cannot preprocess: %s" % (name, cpp.stderr[:200]))
            continue
        # Only the file's own text: headers' literals are not its SQL.
        seen = set()
        fails = []
        typed = []
        for lit in literals(cpp.stdout):
            s = lit.strip()
            # The stores write SQL keywords in capitals; messages that begin with "create" are not SQL.
            if not s or s.split(None, 1)[0].rstrip(";(") not in VERBS or s in seen:
                continue
            if s.split(None, 1)[0].upper() in ("BEGIN", "COMMIT", "ROLLBACK", "PRAGMA",
                                               "SAVEPOINT", "RELEASE"):
                fails.append((s, "engine statement (db.c dispatches these)"))
                seen.add(s)
                continue
            seen.add(s)
            rc, err = psql(uri, "BEGIN; PREPARE zg_check AS " + translate(s) + "; ROLLBACK;")
            if rc != 0:
                reason = err.split("\n")[0].replace("psql:", "").strip()
                if "could not determine data type of parameter" in reason:
                    typed.append(s)
                else:
                    fails.append((s, reason))
        total += len(seen)
        bad += len(fails)
        n_typed += len(typed)
        print("== %s: %d statements, %d need a PostgreSQL variant, %d a typed retry" %
              (name, len(seen), len(fails), len(typed)))
        for s, reason in fails:
            one = " ".join(s.split())
            print("   - %s\n     %s" % (one[:160], reason))
            key = re.sub(r'"[^"]*"', '"…"', reason)
            by_reason[key] = by_reason.get(key, 0) + 1
    print("\n%d statements: %d prepare on PostgreSQL (%d of them after a typed retry), %d need a "
          "variant" % (total, total - bad, n_typed, bad))
    for k, v in sorted(by_reason.items(), key=lambda kv: -kv[1])[:25]:
        print("  %4d  %s" % (v, k))


main()
