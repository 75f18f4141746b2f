#!/bin/sh
# bench/pg_kept_check.sh: on PostgreSQL, the pages that keep their figures between writes
# (工作台, 整改台账, 责任单位) stay right under concurrent writers: a server (two worker threads)
# answers the three pages again and again, as the office, while wrk sends progress reports through
# the API on 4 connections for 10 s; then its pages must be the same bytes (but for the form
# token and the script nonce) as those of a fresh server, which reads them whole. Runs on a clone
# of the city template that bench/afterwrite_pg.sh makes (run that first), whose touch log is
# first given 4,000 rows, so that it is pruned (and its floor raised) during the writes. Prints "same" or
# "DIFFER" per page, and exits 1 when one differs.
# Usage: sh bench/pg_kept_check.sh [BUILD_DIR]   PG_DIR=/tmp/zg-pgbench
set -eu
BUILD=${1:-build}
ZG=$(cd "$BUILD" && pwd)/zhenggai
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
PG_DIR=${PG_DIR:-/tmp/zg-pgbench}
export ZHENGGAI_FILES=${ZHENGGAI_FILES:-$PG_DIR-files}
P=/usr/lib/postgresql/15/bin/psql
"$HERE/pg_cluster.sh" start "$PG_DIR"
[ -f "$ZHENGGAI_FILES/aw_city.audit-key" ] ||
    { echo "no city template: run bench/afterwrite_pg.sh first" >&2; exit 2; }
admin=$("$HERE/pg_cluster.sh" uri $PG_DIR postgres)
$P "$admin" -X -q -c "DROP DATABASE IF EXISTS aw_conc" 2>/dev/null
$P "$admin" -X -q -c "CREATE DATABASE aw_conc TEMPLATE aw_city"
cp $ZHENGGAI_FILES/aw_city.audit-key $ZHENGGAI_FILES/aw_conc.audit-key
db=$("$HERE/pg_cluster.sh" uri $PG_DIR aw_conc)
W=$(mktemp -d "${TMPDIR:-/tmp}/zg-kept.XXXXXX")
serve_bin "$ZG" "$db" $W/a.out --threads 2
A=$SERVE_PID; UA=$SERVE_URL
# (the server has migrated the clone) 4,000 rows already in the log, so that it is pruned
# (every 256th row) while the writers run.
$P "$db" -X -q -A -t -c "SELECT zg_touch(0) FROM generate_series(1, 4000)" >/dev/null
first_login "$UA" office Zhenggai@2026 Bench@2026-pg $W/jar
token=$(api_token $W/jar "$UA")
sid=$(awk '$6 == "zg_sid" { print $7 }' $W/jar)
ids=$($P "$db" -X -A -t -c "SELECT string_agg(id::text, ',') FROM (SELECT id FROM measure WHERE state = 'in_progress' LIMIT 500) x")
report_lua "$ids" "$token" $W/w.lua
for p in "/dashboard?inspection=1" "/inspections" "/units?inspection=1"; do curl -s -o /dev/null -b "zg_sid=$sid" "$UA$p"; done
wrk -t2 -c4 -d10s -s $W/w.lua "$UA" > $W/wrk.out &
WRK=$!
n=0
while kill -0 $WRK 2>/dev/null; do
  for p in "/dashboard?inspection=1" "/inspections" "/units?inspection=1"; do curl -s -o /dev/null -b "zg_sid=$sid" "$UA$p"; done
  n=$((n+1))
done
wait $WRK
grep Requests/sec $W/wrk.out
echo "reader rounds during the writes: $n"
strip() { sed -e 's/<input type="hidden" name="csrf"[^>]*>//g' -e 's/nonce="[^"]*"//g' -e 's/zg_sid=[^;]*//g'; }
for p in "/dashboard?inspection=1" "/inspections" "/units?inspection=1"; do curl -s -b "zg_sid=$sid" "$UA$p" | strip > "$W/a$(echo $p | tr '/?=' '___').html"; done
kill $A; wait $A 2>/dev/null || true
serve_bin "$ZG" "$db" $W/b.out --threads 2
B=$SERVE_PID; UB=$SERVE_URL
for p in "/dashboard?inspection=1" "/inspections" "/units?inspection=1"; do curl -s -b "zg_sid=$sid" "$UB$p" | strip > "$W/b$(echo $p | tr '/?=' '___').html"; done
kill $B; wait $B 2>/dev/null || true
bad=0
for f in $W/a_*.html; do
  b=$W/b${f#$W/a}
  if cmp -s "$f" "$b"; then echo "same: $(basename $f) ($(wc -c <$f) bytes)"
  else echo "DIFFER: $(basename $f)"; diff "$f" "$b" | head -5; bad=1; fi
done
echo "touch log rows, last seq, floor: $($P "$db" -X -A -t -c "SELECT count(*), max(seq), (SELECT xid FROM measure_touch_floor) FROM measure_touch")"
rm -rf "$W"
exit $bad
