#!/bin/sh
# bench/writes.sh: progress reports through the API (the last figure of pagecost.sh: POST
# …/transitions, action report, as the office) at 4 and 16 writers on a fresh copy of the city
# dataset, with what a report costs the server: fsync/fdatasync calls per report (perf's syscall
# tracepoints; "-" without perf) and server CPU per report (utime + stime of the process).
# Usage: sh bench/writes.sh [BUILD_DIR]   DURATION=15s (default)  RUNS=3 (default): each run
# serves a fresh copy and measures both figures; the last lines give each figure's median rate,
# p50, p99 and p99.9 over the runs and the worst run (one run's figures move by a third on this
# machine: issue 11). Each figure adds wrk's p99.9 and max, and the server's own account of its
# write transactions (ZG_WRITE_TRACE, default 0: every one; bench/write_trace.sh).
# THREADS=n: the server's worker threads (serve --threads; default one per core).
# ZG_OLD=path: that binary instead (same schema), for A/B runs back to back; BENCH_DIR=folder
# for the run's files. The dataset is pagecost.sh's city.db (CITY_DB=path; generated there if
# missing; never written: the run serves a copy).
set -eu
BUILD=${1:-build}
ZG=$(cd "$BUILD" && pwd)/zhenggai
RUN=${ZG_OLD:-$ZG}
DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/zg-bench-pagecost}
DURATION=${DURATION:-15s}
RUNS=${RUNS:-3}
TODAY=2026-11-21
PW=Zhenggai@2026
NEWPW=Bench@2026-pagecost
OFFICE=office
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/write_trace.sh"
SRC=${CITY_DB:-${TMPDIR:-/tmp}/zg-bench-pagecost/city.db}
mkdir -p "$DIR" "$(dirname "$SRC")"
[ -f "$SRC" ] || "$ZG" --db "$SRC" demo --scale city --today $TODAY >/dev/null
one_run() {
    DB="$DIR/writes.db"
    rm -rf "$DB" "$DB-wal" "$DB-shm" "$DB-files" "$DB.audit-key"
    sqlite3 "$SRC" ".backup '$DB'"
    cp -p "$SRC.audit-key" "$DB.audit-key"
    sqlite3 "$DB" "DELETE FROM session; UPDATE users SET must_change_password = 1, failed_logins = 0,
        locked_until = NULL, password_hash = (SELECT password_hash FROM users WHERE login = 'sysadmin')
        WHERE login = '$OFFICE'"
    sync # the copy's 90 MB written back now, not during the first figure
    # The previous run's "listening on" line would name a port nobody listens on any more.
    rm -f "$DIR/writes.out"
    ZG_WRITE_TRACE=${ZG_WRITE_TRACE:-0} "$RUN" --db "$DB" serve --listen 127.0.0.1:0 --today $TODAY --quiet --rate-api 0 ${THREADS:+--threads $THREADS} \
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
    tail_lua >>"$DIR/writes.lua"
    echo "run $1 of $RUNS; binary: $RUN; wrk -t2, $DURATION per figure; server pid $PID"
    for c in 4 16; do
        n0=$(sqlite3 "$DB" "SELECT count(*) FROM progress")
        cpu0=$(awk '{ print $14 + $15 }' /proc/$PID/stat)
        perf_pid=""
        if command -v perf >/dev/null 2>&1; then
            perf stat -e 'syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync' -p $PID \
                -o "$DIR/writes.perf" 2>/dev/null &
            perf_pid=$!
        fi
        err0=$(wc -l <"$DIR/writes.err")
        line=$(wrk_line report $c "$DIR/wrk.out" -s "$DIR/writes.lua" "$URL")
        line="$line  $(sed -n 's/^tail //p' "$DIR/wrk.out")"
        printf '%s' "$line"
        [ -n "$perf_pid" ] && { kill -INT $perf_pid; wait $perf_pid 2>/dev/null || true; }
        cpu1=$(awk '{ print $14 + $15 }' /proc/$PID/stat)
        n=$(( $(sqlite3 "$DB" "SELECT count(*) FROM progress") - n0 ))
        syncs=-
        [ -n "$perf_pid" ] && syncs=$(awk '/sys_enter_f/ { gsub(",", "", $1); s += $1 } END { print s + 0 }' "$DIR/writes.perf")
        echo "$c $line" >>"$DIR/writes.runs"
        awk -v n=$n -v s="$syncs" -v cpu=$((cpu1 - cpu0)) -v hz=$hz 'BEGIN {
            printf "  %d reports; fsyncs/report %s; server CPU %.3f ms/report\n", n,
                   s == "-" ? "-" : sprintf("%.3f", s / (n ? n : 1)), cpu * 1000 / hz / (n ? n : 1) }'
        tail -n +$((err0 + 1)) "$DIR/writes.err" | trace_summary
    done
    sleep 2
    echo "WAL 2 s after the run: $(stat -c %s "$DB-wal" 2>/dev/null || echo 0) bytes"
    kill $PID
    wait $PID 2>/dev/null || true
    trap - EXIT
}

hz=$(getconf CLK_TCK)
rm -f "$DIR/writes.runs"
for run in $(seq "$RUNS"); do
    one_run "$run"
done
# The medians: per figure, the middle run of each column (rate, p50, p99, p99.9) taken on its
# own; and the worst run's p99 and lowest rate, since the target holds in every run.
for c in 4 16; do
    awk -v c=$c '$1 == c { print $4, $7, $10, $13 }' "$DIR/writes.runs" | awk -v c=$c '
        { r[NR] = $1; p50[NR] = $2; p99[NR] = $3; p999[NR] = $4
          if (NR == 1 || $3 > worst) worst = $3; if (NR == 1 || $1 < low) low = $1 }
        function median(a, n,   i, j, t) {
            for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
            return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
        }
        END { printf "median of %d: report c%-3d %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms  p99.9 %7.2f ms;  worst run: p99 %.2f ms, %.0f req/s\n",
                     NR, c, median(r, NR), median(p50, NR), median(p99, NR), median(p999, NR), worst, low }'
done
