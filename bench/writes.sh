#!/bin/sh
# bench/writes.sh: progress reports through the API (the last figure of pagecost.sh: POST
# …/transitions, action report, as the office) at 4 and 16 writers on a fresh copy of the city
# dataset, with what a report costs the server: fsync/fdatasync calls per report (perf's syscall
# tracepoints; "-" without perf) and server CPU per report (utime + stime of the process).
# Usage: sh bench/writes.sh [BUILD_DIR]   DURATION=15s (default)  ZG_OLD=path: that binary
# instead (same schema), for A/B runs back to back; BENCH_DIR=folder for the run's files. The
# dataset is pagecost.sh's city.db (CITY_DB=path; generated there if missing; never written: the
# run serves a copy).
set -eu
BUILD=${1:-build}
ZG=$(cd "$BUILD" && pwd)/zhenggai
RUN=${ZG_OLD:-$ZG}
DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/zg-bench-pagecost}
DURATION=${DURATION:-15s}
TODAY=2026-11-21
PW=Zhenggai@2026
NEWPW=Bench@2026-pagecost
OFFICE=office
. "$(dirname "$0")/lib.sh"
SRC=${CITY_DB:-${TMPDIR:-/tmp}/zg-bench-pagecost/city.db}
mkdir -p "$DIR" "$(dirname "$SRC")"
[ -f "$SRC" ] || "$ZG" --db "$SRC" demo --scale city --today $TODAY >/dev/null
DB="$DIR/writes.db"
rm -rf "$DB" "$DB-wal" "$DB-shm" "$DB-files" "$DB.audit-key"
sqlite3 "$SRC" ".backup '$DB'"
cp -p "$SRC.audit-key" "$DB.audit-key"
sqlite3 "$DB" "DELETE FROM session; UPDATE users SET must_change_password = 1, failed_logins = 0,
    locked_until = NULL, password_hash = (SELECT password_hash FROM users WHERE login = 'sysadmin')
    WHERE login = '$OFFICE'"
"$RUN" --db "$DB" serve --listen 127.0.0.1:0 --today $TODAY --quiet --rate-api 0 \
    >"$DIR/writes.out" 2>"$DIR/writes.err" &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
while ! grep -q listening "$DIR/writes.out" 2>/dev/null; do sleep 0.1; done
URL=$(sed -n 's/^listening on \(http:[^ ]*\)\/$/\1/p' "$DIR/writes.out")
jar="$DIR/writes.jar"
first_login "$URL" "$OFFICE" "$PW" "$NEWPW" "$jar"
token=$(api_token "$jar" "$URL")
[ -n "$token" ] || { echo "no API token" >&2; exit 1; }
ids=$(sqlite3 "$DB" "SELECT group_concat(id) FROM (SELECT id FROM measure WHERE state = 'in_progress' LIMIT 2000)")
report_lua "$ids" "$token" "$DIR/writes.lua"
echo "binary: $RUN; wrk -t2, $DURATION per figure; server pid $PID"
hz=$(getconf CLK_TCK)
for c in 4 16; do
    n0=$(sqlite3 "$DB" "SELECT count(*) FROM progress")
    cpu0=$(awk '{ print $14 + $15 }' /proc/$PID/stat)
    perf_pid=""
    if command -v perf >/dev/null 2>&1; then
        perf stat -e 'syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync' -p $PID \
            -o "$DIR/writes.perf" 2>/dev/null &
        perf_pid=$!
    fi
    wrk_line report $c "$DIR/wrk.out" -s "$DIR/writes.lua" "$URL"
    [ -n "$perf_pid" ] && { kill -INT $perf_pid; wait $perf_pid 2>/dev/null || true; }
    cpu1=$(awk '{ print $14 + $15 }' /proc/$PID/stat)
    n=$(( $(sqlite3 "$DB" "SELECT count(*) FROM progress") - n0 ))
    syncs=-
    [ -n "$perf_pid" ] && syncs=$(awk '/sys_enter_f/ { gsub(",", "", $1); s += $1 } END { print s + 0 }' "$DIR/writes.perf")
    awk -v n=$n -v s="$syncs" -v cpu=$((cpu1 - cpu0)) -v hz=$hz 'BEGIN {
        printf "  %d reports; fsyncs/report %s; server CPU %.3f ms/report\n", n,
               s == "-" ? "-" : sprintf("%.3f", s / (n ? n : 1)), cpu * 1000 / hz / (n ? n : 1) }'
done
sleep 2
echo "WAL 2 s after the run: $(stat -c %s "$DB-wal" 2>/dev/null || echo 0) bytes"
kill $PID
wait $PID 2>/dev/null || true
trap - EXIT
