#!/bin/sh
# CLI tests of issue 10 (hardening and operations), one section per item:
#   9  a second serve on the same address fails with a clear error; a second serve on the same
#      database is refused unless --force.
# Usage: sh harden.sh PATH_TO_ZHENGGAI
set -u
ZG=$1
T=${ZG_TMP:-/tmp}/cli-harden-$$
mkdir -p "$T"
PIDS=""
trap 'for p in $PIDS; do kill "$p" 2>/dev/null; done; rm -rf "$T"' EXIT
. "$(dirname "$0")/lib/count.sh"
DB="$T/h.db"
q() { sqlite3 "$DB" "$1"; }

expect 0 "$ZG" --db "$DB" demo --scale county --today 2026-11-21

# start_serve DB OUT ARGS…: run serve in the background; wait until it prints its address.
start_serve() {
    db=$1; out=$2; shift 2
    "$ZG" --db "$db" serve --quiet "$@" >"$out" 2>"$out.err" &
    PIDS="$PIDS $!"
    LAST=$!
    i=0
    while [ $i -lt 100 ] && ! grep -q listening "$out"; do sleep 0.1; i=$((i + 1)); done
}

# --- 9: one server per address and per database ---
start_serve "$DB" "$T/s1" --listen 127.0.0.1:0
first=$LAST
port=$(sed -n 's|.*127.0.0.1:\([0-9]*\)/.*|\1|p' "$T/s1")
[ -n "$port" ] && ok || bad "first serve did not start: $(cat "$T/s1.err")"
cp "$DB" "$T/other.db"
expect 1 "$ZG" --db "$T/other.db" serve --quiet --listen "127.0.0.1:$port"
contains "$T/err" "cannot listen on 127.0.0.1:$port: the address is in use"
lines "$T/err" 1
expect 1 "$ZG" --db "$DB" serve --quiet --listen 127.0.0.1:0
contains "$T/err" "another serve is running on"
lines "$T/err" 1
start_serve "$DB" "$T/s2" --listen 127.0.0.1:0 --force
grep -q listening "$T/s2" && ok || bad "serve --force did not start: $(cat "$T/s2.err")"
kill "$LAST"; wait "$LAST" 2>/dev/null
kill -9 "$first"; wait "$first" 2>/dev/null
# The lock goes with the process, even after kill -9.
start_serve "$DB" "$T/s3" --listen 127.0.0.1:0
grep -q listening "$T/s3" && ok || bad "serve after kill -9 did not start: $(cat "$T/s3.err")"
kill "$LAST"; wait "$LAST" 2>/dev/null

echo "harden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
