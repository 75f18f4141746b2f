# db.sh: the database a CLI test runs on, SQLite by default or PostgreSQL when tests/pg runs the
# test again with ZG_PG_URI (the throwaway cluster's URI), and one way to read or write it behind
# the program's back in either. Sourced (not a test itself).
#
#   zg_db DIR NAME  print the test's database: DIR/NAME.db, or on PostgreSQL a fresh database
#                   zg_NAME_PID on the cluster (its files, audit key and evidence, under
#                   $ZHENGGAI_FILES, exported when this file is sourced). Exits 1 when the cluster
#                   refuses.
#   sql DB QUERY    run QUERY with sqlite3 or psql; rows print as sqlite3 prints them ('|' between
#                   columns, no header), so a test compares the same text on both.
#   blob DB TABLE COLUMN WHERE  the bytes of COLUMN of the row of TABLE that WHERE picks, on
#                   stdout (hex out of either database, back to bytes by python3).
#   zg_pg           true when the test runs on PostgreSQL.
#   zg_need_pg      for a test of PostgreSQL alone (tests/pg): exit 77 (SKIP) when the server is
#                   not installed, 1 when it is but ZG_PG_URI is not set (run from ctest).
#   zg_files DB     the local path the database's files are named after (DB.audit-key, DB-files/):
#                   DB itself on SQLite, $ZHENGGAI_FILES/NAME on PostgreSQL (db_local_path).

zg_pg() { [ -n "${ZG_PG_URI:-}" ]; }
# Run on PostgreSQL without its server installed: the test did not run (SKIP), never a pass.
if zg_pg && [ ! -x /usr/lib/postgresql/15/bin/postgres ]; then
    echo "SKIP: no PostgreSQL server installed"
    exit 77
fi
# The files folder of this test's PostgreSQL databases (audit keys, evidence), which every
# command on them needs: one per test process, set here since zg_db runs in a subshell. It lies
# under ZG_TMP (the build folder's, given by ctest).
if zg_pg; then
    ZHENGGAI_FILES="${ZG_TMP:-/tmp}/pgfiles-$$"
    export ZHENGGAI_FILES
fi

zg_db() {
    if zg_pg; then
        _name=$(printf 'zg_%s_%s' "$2" "$$" | tr -c 'a-z0-9_\n' '_')
        psql "$ZG_PG_URI" -X -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $_name WITH (FORCE)" \
            -c "CREATE DATABASE $_name" >/dev/null 2>&1 ||
            { echo "FAIL: cannot create database $_name on $ZG_PG_URI" >&2; exit 1; }
        echo "$ZG_PG_URI" | sed "s|/[^/?]*?|/$_name?|"
    else
        echo "$1/$2.db"
    fi
}

zg_need_pg() {
    if ! zg_pg; then
        [ -x /usr/lib/postgresql/15/bin/postgres ] &&
            { echo "FAIL: PostgreSQL is installed but ZG_PG_URI is not set"; exit 1; }
        echo "SKIP: no PostgreSQL server installed"
        exit 77
    fi
}

sql() {
    case "$1" in
    postgres://* | postgresql://*)
        psql "$1" -X -q -A -t -F '|' -v ON_ERROR_STOP=1 -c "$2" ;;
    *)
        sqlite3 -bail "$1" "$2" ;;
    esac
}

blob() {
    case "$1" in
    postgres://* | postgresql://*) _hex="encode($3, 'hex')" ;;
    *) _hex="hex($3)" ;;
    esac
    sql "$1" "SELECT $_hex FROM $2 WHERE $4" |
        python3 -c 'import sys, binascii; sys.stdout.buffer.write(binascii.unhexlify(sys.stdin.read().strip()))'
}

zg_files() {
    case "$1" in
    postgres://* | postgresql://*)
        _n=$(echo "$1" | sed 's|^[^:]*://[^/]*/||; s|?.*||' | tr -c 'A-Za-z0-9_\n-' '_')
        echo "${ZHENGGAI_FILES:-.}/${_n:-zhenggai}" ;;
    *)
        echo "$1" ;;
    esac
}

# zg_concat: the name of the aggregate that joins strings with a separator, fn(x, ','):
# group_concat on SQLite, string_agg on PostgreSQL.
zg_concat() { if zg_pg; then echo string_agg; else echo group_concat; fi; }
