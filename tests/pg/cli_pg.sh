#!/bin/sh
# cli_pg.sh ZHENGGAI: the commands on PostgreSQL give what they give on SQLite (issue 15).
# On a fresh database of the throwaway cluster (ZG_PG_URI): init, user add / lock / list, the
# county demo, audit verify, status (text and JSON), export ledger, the 通报 and statistics
# reports, each compared byte for byte with the same command on a SQLite demo of the same seed
# and day; the files LibreOffice reads in tests/cli/*_lo.sh (the 通报 .docx, the 调度表 and the
# ledger .xlsx, the published 通报 with its ledger attached, kept in the database) compared part
# by part with SQLite's, so that those tests' reading of SQLite's files holds for PostgreSQL's;
# a refused command's error; then `copy` SQLite -> PostgreSQL -> SQLite, whose result must give
# the original's status, export, users and audit chain. Exit 77 (SKIP) only when the PostgreSQL
# server is not installed.
set -u
ZG=$1
[ -x /usr/lib/postgresql/15/bin/postgres ] || { echo "SKIP: no PostgreSQL server installed"; exit 77; }
[ -n "${ZG_PG_URI:-}" ] || { echo "FAIL: PostgreSQL is installed but ZG_PG_URI is not set"; exit 1; }
T=${ZG_TMP:-/tmp}/cli-pg-$$
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/../cli/lib/count.sh"
TODAY=2026-11-21

# fresh NAME: drop and create database NAME on the cluster; print its URI.
fresh() {
    psql "$ZG_PG_URI" -X -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" \
        -c "CREATE DATABASE $1" >/dev/null 2>&1 || { echo "FAIL: cannot create database $1" >&2; exit 1; }
    echo "$ZG_PG_URI" | sed "s|/[^/?]*?|/$1?|"
}
# sql DB QUERY, blob DB TABLE COLUMN WHERE: on either database (lib/db.sh).
. "$(dirname "$0")/../cli/lib/db.sh"
# same_out LABEL A B: two files are equal.
same_out() { if cmp -s "$2" "$3"; then ok; else bad "$1 differs"; diff "$2" "$3" | head -20; fi; }

PG=$(fresh zg_cli_pg)
# The files beside the database (audit key, evidence) for this test only.
export ZHENGGAI_FILES="$T/pgfiles"

expect 0 "$ZG" --db "$PG" init
contains "$T/out" "schema version"
expect 0 "$ZG" --db "$PG" init
printf 'Zheng-gai#2026x\n' | "$ZG" --db "$PG" user add admin1 --name 管理员 --role sysadmin --password-stdin \
    >"$T/out" 2>"$T/err" && ok || { bad "user add"; cat "$T/err"; }
printf 'Zheng-gai#2026y\n' | "$ZG" --db "$PG" user add office1 --name 办公室 --role office --password-stdin \
    >"$T/out" 2>"$T/err" && ok || { bad "user add office1"; cat "$T/err"; }
# A refused change says why and changes nothing.
printf 'Zheng-gai#2026z\n' | "$ZG" --db "$PG" user add admin1 --name 重名 --role office --password-stdin \
    >"$T/out" 2>"$T/err"
[ $? -eq 1 ] && ok || bad "a second admin1 was not refused"
expect 0 "$ZG" --db "$PG" user lock office1
expect 0 "$ZG" --db "$PG" user list
contains "$T/out" "office1 *locked"
contains "$T/out" "2 users"
expect 0 "$ZG" --db "$PG" audit verify
contains "$T/out" "audit log intact: 3 entries"
# backup copies SQLite's file: on PostgreSQL it says what to use instead, and writes nothing.
expect 2 "$ZG" --db "$PG" backup "$T/bk"
contains "$T/err" "pg_dump"
[ ! -e "$T/bk" ] && ok || bad "backup left a folder"

# The county demo in both, then the same commands must print the same.
DEMO=$(fresh zg_cli_pg_demo)
LITE="$T/demo.db"
expect 0 "$ZG" --db "$DEMO" demo --scale county --today $TODAY
expect 0 "$ZG" --db "$LITE" demo --scale county --today $TODAY
for cmd in "status --inspection 1 --as-of $TODAY" "status --inspection 1 --as-of $TODAY --json" \
    "audit verify" "check" "user list" \
    "report --inspection 1 --kind tongbao --format md --as-of $TODAY" \
    "report --inspection 1 --kind stats --format json --as-of $TODAY" \
    "report --inspection 1 --kind dispatch --format md --as-of $TODAY"; do
    # shellcheck disable=SC2086
    "$ZG" --db "$DEMO" $cmd >"$T/pg.out" 2>&1; a=$?
    # shellcheck disable=SC2086
    "$ZG" --db "$LITE" $cmd >"$T/lite.out" 2>&1; b=$?
    if [ $a -eq 0 ] && [ $b -eq 0 ]; then ok; else bad "$cmd: exit $a on PostgreSQL, $b on SQLite"; head -3 "$T/pg.out"; fi
    same_out "$cmd" "$T/lite.out" "$T/pg.out"
done
expect 0 "$ZG" --db "$DEMO" export ledger --inspection 1 --as-of $TODAY -o "$T/pg.csv"
expect 0 "$ZG" --db "$LITE" export ledger --inspection 1 --as-of $TODAY -o "$T/lite.csv"
same_out "export ledger" "$T/lite.csv" "$T/pg.csv"
grep -q "measures" "$T/lite.out" 2>/dev/null; [ -s "$T/lite.csv" ] && ok || bad "empty export"

# The files of tests/cli/*_lo.sh: every part of the .docx / .xlsx equal, but docProps/core.xml,
# which holds the time of writing.
same_zip() {
    if python3 - "$2" "$3" <<'PY'; then ok; else bad "$1 differs"; fi
import sys, zipfile
a, b = (zipfile.ZipFile(p) for p in sys.argv[1:3])
names = a.namelist()
if names != b.namelist():
    sys.exit("parts differ: %s / %s" % (names, b.namelist()))
bad = [n for n in names if n != "docProps/core.xml" and a.read(n) != b.read(n)]
if bad:
    sys.exit("parts differ: %s" % bad)
PY
}
for f in "tongbao docx" "dispatch xlsx"; do
    set -- $f
    for db in "$DEMO" "$LITE"; do
        [ "$db" = "$LITE" ] && side=lite || side=pg
        "$ZG" --db "$db" report --inspection 1 --kind "$1" --format "$2" --as-of $TODAY \
            -o "$T/$side-$1.$2" >/dev/null 2>&1 || bad "report $1 $2 on $side"
    done
    same_zip "report $1 --format $2" "$T/lite-$1.$2" "$T/pg-$1.$2"
done
expect 0 "$ZG" --db "$DEMO" export ledger --inspection 1 --as-of $TODAY -o "$T/pg-ledger.xlsx"
expect 0 "$ZG" --db "$LITE" export ledger --inspection 1 --as-of $TODAY -o "$T/lite-ledger.xlsx"
same_zip "export ledger .xlsx" "$T/lite-ledger.xlsx" "$T/pg-ledger.xlsx"
# copy: SQLite -> PostgreSQL -> SQLite gives the original back.
MID=$(fresh zg_cli_pg_copy)
expect 0 "$ZG" copy --from "$LITE" --to "$MID"
contains "$T/out" "counts and audit chains agree"
expect 0 "$ZG" copy --from "$MID" --to "$T/back.db"
contains "$T/out" "counts and audit chains agree"
# A second copy into a database that is no longer empty is refused.
expect 1 "$ZG" copy --from "$LITE" --to "$MID"
contains "$T/err" "not empty"
for cmd in "status --inspection 1 --as-of $TODAY --json" "audit verify" "user list"; do
    # shellcheck disable=SC2086
    "$ZG" --db "$LITE" $cmd >"$T/a.out" 2>&1
    # shellcheck disable=SC2086
    "$ZG" --db "$T/back.db" $cmd >"$T/b.out" 2>&1
    # shellcheck disable=SC2086
    "$ZG" --db "$MID" $cmd >"$T/m.out" 2>&1
    same_out "copy round trip: $cmd" "$T/a.out" "$T/b.out"
    same_out "copy on PostgreSQL: $cmd" "$T/a.out" "$T/m.out"
done
"$ZG" --db "$T/back.db" export ledger --inspection 1 --as-of $TODAY -o "$T/back.csv" >/dev/null 2>&1
same_out "copy round trip: export ledger" "$T/lite.csv" "$T/back.csv"

# Published as publish_lo.sh does it (a half-width label first), read back from the database
# (last: the label changes the ledger the copy round trip above compares).
for db in "$DEMO" "$LITE"; do
    sql "$db" "UPDATE finding SET label = '(一)' WHERE id = (SELECT min(id) FROM finding WHERE label = '（一）')"
    expect 0 "$ZG" --db "$db" report publish --inspection 1 --as-of $TODAY --attach-ledger
    contains "$T/out" "^published report 1$"
done
for format in docx md html; do
    q="SELECT format, sha256 FROM publication_file WHERE publication_id = 1 AND format = '$format'"
    [ -n "$(sql "$LITE" "$q")" ] || bad "no published $format on SQLite"
    blob "$DEMO" publication_file bytes "publication_id = 1 AND format = '$format'" >"$T/pg-pub.$format"
    blob "$LITE" publication_file bytes "publication_id = 1 AND format = '$format'" >"$T/lite-pub.$format"
    [ -s "$T/pg-pub.$format" ] && ok || bad "no published $format on PostgreSQL"
    if [ $format = docx ]; then
        same_zip "published $format" "$T/lite-pub.$format" "$T/pg-pub.$format"
    else
        same_out "published $format" "$T/lite-pub.$format" "$T/pg-pub.$format"
    fi
done

echo "cli_pg: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
