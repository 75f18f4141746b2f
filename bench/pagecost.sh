#!/bin/sh
# bench/pagecost.sh: issue 11's figures in one run. For each dataset (county: 300 measures;
# city: one inspection of 10,000 measures with 200-character texts, the peer benchmark's shape;
# province: 30,000; nation: 900,000 in 3,000 inspections) it starts the server and measures,
# with wrk -t2 and the same duration, as the office user of the dataset's first inspection:
#   list-api   GET /api/v1/measures?inspection=I&sort=deadline          (25 rows, JSON)
#   list-page  GET /measures?inspection=I&sort=deadline                 (25 rows, HTML)
#   item-api   GET /api/v1/measures/M            item-page  GET /measures/M
#   dashboard  GET /dashboard?inspection=I       stats      GET /api/v1/stats?inspection=I
# each at -c8 and -c64 (the lists also at -c16, SPEC §8's second figure) without gzip and at -c8
# with Accept-Encoding: gzip, printing req/s, p50,
# p99, the reply's bytes (plain and gzip) and the server's RSS after the run; then nginx serving
# a static file of the list-api reply's bytes (the yardstick), and progress reports through the
# API (POST …/transitions, action report) at 4 and 16 writers on the city dataset, and the list
# and dashboard again while one writer posts about 100 reports a second.
# Usage: sh bench/pagecost.sh [BUILD_DIR]
#   DATASETS="county city province nation" (default)  DURATION=15s (default)
#   ZG_OLD=path: measure that binary instead, for before/after, on its own copy of each dataset;
#   ZG_OLD_SCHEMA=N marks that copy schema N for a binary older than the datasets' schema (the
#   newer columns and indexes stay but are unused).
# Each dataset but nation is served from a fresh copy (DIR/run-DS.db): the run's sessions and
# progress reports never change the generated datasets, so runs stay comparable (a report adds
# to its measure's history, which the next report's audit digest reads).
# Installs wrk and nginx from Debian when missing (the benchmark only; not a build dependency).
set -eu
BUILD=${1:-build}
ZG=$(cd "$BUILD" && pwd)/zhenggai
RUN=${ZG_OLD:-$ZG}
DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/zg-bench-pagecost}
mkdir -p "$DIR"
TODAY=2026-11-21
PW=Zhenggai@2026
NEWPW=Bench@2026-pagecost
DURATION=${DURATION:-15s}
DATASETS=${DATASETS:-county city province nation}

command -v wrk >/dev/null 2>&1 || apt-get install -y -qq wrk >/dev/null
command -v curl >/dev/null 2>&1 || apt-get install -y -qq curl >/dev/null
[ -x /usr/sbin/nginx ] || apt-get install -y -qq nginx >/dev/null

echo "load before the run: $(uptime)"
echo "binary: $RUN; wrk -t2, $DURATION per figure"

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/write_trace.sh"

# One dataset: generate if missing, serve, measure.
bench_dataset() {
    ds=$1
    DB="$DIR/$ds.db"
    if [ ! -f "$DB" ]; then
        t0=$(date +%s)
        "$ZG" --db "$DB" demo --scale "$ds" --today $TODAY >"$DIR/demo.$ds.out"
        echo "generated $ds in $(( $(date +%s) - t0 )) s: $(head -1 "$DIR/demo.$ds.out")"
    fi
    if [ "$ds" != nation ] || [ -n "${ZG_OLD:-}" ]; then
        copy="$DIR/run-$ds.db"
        rm -rf "$copy" "$copy-wal" "$copy-shm" "$copy-files" "$copy.audit-key"
        sqlite3 "$DB" ".backup '$copy'"
        cp -p "$DB.audit-key" "$copy.audit-key"
        [ -d "$DB-files" ] && cp -a "$DB-files" "$copy-files" && rm -f "$copy-files/serve.lock"
        DB=$copy
    fi
    if [ -n "${ZG_OLD_SCHEMA:-}" ]; then
        sqlite3 "$DB" "PRAGMA user_version = $ZG_OLD_SCHEMA"
    fi
    INSPECTION=$(sqlite3 "$DB" "SELECT min(id) FROM inspection")
    MEASURE=$(sqlite3 "$DB" "SELECT min(id) FROM measure WHERE inspection_id = $INSPECTION")
    N=$(sqlite3 "$DB" "SELECT count(*) FROM measure")
    N_INS=$(sqlite3 "$DB" "SELECT count(*) FROM measure WHERE inspection_id = $INSPECTION")
    case $ds in county|city) OFFICE=office ;; *) OFFICE=d01-office1 ;; esac
    sqlite3 "$DB" "DELETE FROM session; UPDATE users SET must_change_password = 1, failed_logins = 0,
        locked_until = NULL, password_hash = (SELECT password_hash FROM users WHERE login = 'sysadmin')
        WHERE login = '$OFFICE'"
    rm -f "$DIR/serve.out"
    # The API's per-account rate limit (1,000/s by default) would answer most of a benchmark's
    # requests with 429; binaries from before the limit do not know the option (nor name it
    # among their strings). wrk's 64 connections all come from 127.0.0.1, as a balancer's would:
    # the default per-address limit (32) would refuse half of them, so the limit is raised as
    # README's balancer set-up says.
    rate="--rate-api 0 --max-per-address 64"
    grep -qa -- --rate-api "$RUN" || rate="--max-per-address 64"
    # shellcheck disable=SC2086
    # ZG_WRITE_TRACE=0: the server's account of every write transaction, for the progress
    # reports' figures (bench_writes, bench/write_trace.sh); reads trace nothing.
    ZG_WRITE_TRACE=${ZG_WRITE_TRACE:-0} "$RUN" --db "$DB" serve --listen 127.0.0.1:0 --today $TODAY --quiet $rate \
        >"$DIR/serve.out" 2>"$DIR/serve.err" &
    PID=$!
    while ! grep -q listening "$DIR/serve.out" 2>/dev/null; do sleep 0.1; done
    URL=$(sed -n 's/^listening on \(http:[^ ]*\)\/$/\1/p' "$DIR/serve.out")
    jar="$DIR/jar"
    first_login "$URL" "$OFFICE" "$PW" "$NEWPW" "$jar"
    SID=$(awk '$6 == "zg_sid" { print $7 }' "$jar")
    echo
    echo "== $ds: $N measures; inspection $INSPECTION has $N_INS; office user $OFFICE; server pid $PID"
    for spec in "list-api /api/v1/measures?inspection=$INSPECTION&sort=deadline" \
                "list-page /measures?inspection=$INSPECTION&sort=deadline" \
                "item-api /api/v1/measures/$MEASURE" "item-page /measures/$MEASURE" \
                "dashboard /dashboard?inspection=$INSPECTION" "stats /api/v1/stats?inspection=$INSPECTION"; do
        name=${spec%% *} path=${spec#* }
        status=$(curl -s -o "$DIR/body.$name" -w '%{http_code}' -b "zg_sid=$SID" "$URL$path")
        [ "$status" = 200 ] || { echo "$name: $path answered $status" >&2; kill $PID; exit 1; }
        plain=$(wc -c <"$DIR/body.$name")
        gz=$(curl -s -H 'Accept-Encoding: gzip' -b "zg_sid=$SID" "$URL$path" | wc -c)
        conns="8 64"
        case $name in list-*) conns="8 16 64" ;; esac
        for c in $conns; do
            wrk_line "$name" $c "$DIR/wrk.out" -H "Cookie: zg_sid=$SID" "$URL$path"
            echo "  $plain B  RSS $(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' /proc/$PID/status) MB"
        done
        wrk_line "$name+gz" 8 "$DIR/wrk.out" -H "Cookie: zg_sid=$SID" -H 'Accept-Encoding: gzip' "$URL$path"
        echo "  $gz B  RSS $(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' /proc/$PID/status) MB"
    done
    cp "$DIR/body.list-api" "$DIR/list-$ds.json"
    if [ "$ds" = city ] && [ -z "${ZG_OLD:-}" ]; then
        bench_writes
        bench_reads_under_writes
    fi
    kill $PID
    wait $PID 2>/dev/null || true
}

# Progress reports through the API as the office (which may report) on the measures in
# progress, round robin, with an API token (no CSRF needed), at 4 and 16 writers.
bench_writes() {
    token=$(api_token "$jar" "$URL")
    [ -n "$token" ] || { echo "no API token" >&2; return 1; }
    ids=$(sqlite3 "$DB" "SELECT group_concat(id) FROM (SELECT id FROM measure WHERE state = 'in_progress' LIMIT 2000)")
    report_lua "$ids" "$token" "$DIR/report.lua"
    cp "$DIR/report.lua" "$DIR/report-tail.lua"
    tail_lua >>"$DIR/report-tail.lua"
    for c in 4 16; do
        err0=$(wc -l <"$DIR/serve.err")
        wrk_line "report" $c "$DIR/wrk.out" -s "$DIR/report-tail.lua" "$URL"
        echo "  $(sed -n 's/^tail //p' "$DIR/wrk.out")  (progress reports through the API, $c writers)"
        tail -n +$((err0 + 1)) "$DIR/serve.err" | SLOW_MS=5 trace_summary
    done
}

# The list and the dashboard at -c8 while one writer posts a progress report every 10 ms or so
# (wrk's delay between its requests): every report changes the data version, so the per-thread
# caches that serve reads between writes are filled again after each. Run after bench_writes.
bench_reads_under_writes() {
    cp "$DIR/report.lua" "$DIR/report-paced.lua"
    echo 'delay = function() return 10 end' >>"$DIR/report-paced.lua"
    for spec in "list-api+w /api/v1/measures?inspection=$INSPECTION&sort=deadline" \
                "dashboard+w /dashboard?inspection=$INSPECTION"; do
        name=${spec%% *} path=${spec#* }
        wrk -t1 -c1 -d"$DURATION" -s "$DIR/report-paced.lua" "$URL" >"$DIR/wrk-writer.out" &
        writer=$!
        wrk_line "$name" 8 "$DIR/wrk.out" -H "Cookie: zg_sid=$SID" "$URL$path"
        wait $writer
        echo "  with $(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$DIR/wrk-writer.out") reports/s beside"
    done
}

# nginx serving the list-api reply of each dataset as a static file.
bench_nginx() {
    root="$DIR/nginx"
    mkdir -p "$root/www"
    for ds in $DATASETS; do
        [ -f "$DIR/list-$ds.json" ] && cp "$DIR/list-$ds.json" "$root/www/list-$ds.json"
    done
    port=$((20000 + $$ % 10000))
    cat >"$root/nginx.conf" <<EOF
worker_processes 2;
pid $root/nginx.pid;
error_log $root/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    server { listen 127.0.0.1:$port; root $root/www; }
}
EOF
    /usr/sbin/nginx -c "$root/nginx.conf" -p "$root"
    echo
    echo "== nginx 2 workers, static file of each list-api reply"
    for ds in $DATASETS; do
        [ -f "$root/www/list-$ds.json" ] || continue
        for c in 8 64; do
            wrk_line "nginx-$ds" $c "$DIR/wrk.out" "http://127.0.0.1:$port/list-$ds.json"
            echo "  $(wc -c <"$root/www/list-$ds.json") B"
        done
    done
    kill "$(cat "$root/nginx.pid")"
}

for ds in $DATASETS; do
    bench_dataset "$ds"
done
[ -n "${ZG_OLD:-}" ] || bench_nginx
echo
echo "load after the run: $(uptime)"
