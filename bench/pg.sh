#!/bin/sh
# bench/pg.sh: issue 15's figures, SQLite and PostgreSQL side by side in one run, with the wrk
# settings of bench/pagecost.sh (-t2, -c8 and -c64, --latency, the same DURATION per figure):
#   province (30,000 measures), as the office user of its first inspection, on
#     sqlite   one server on the SQLite file
#     pg       one server on PostgreSQL
#     pg-x2    two servers on the same PostgreSQL database behind nginx (round robin; the
#              balancer's hop is in these figures, not in the others)
#   list-api  GET /api/v1/measures?inspection=I&sort=deadline   list-page  GET /measures?…
#   dashboard GET /dashboard?inspection=I
#   report    progress reports through the API (POST …/transitions, action report), 4 and 16 writers
#   nation (900,000 measures) on PostgreSQL, one server: list-api and list-page (p50/p99).
# Each line: req/s, p50, p99.
#
# Usage: sh bench/pg.sh [BUILD_DIR]
#   DURATION=15s (default)   DATASETS="province nation" (default)
#   PG_DIR=/tmp/zg-pgbench   the benchmark's PostgreSQL cluster (bench/pg_cluster.sh; started if
#                            stopped, made if missing; its databases province and nation are
#                            generated when empty, the nation one takes long: see bench/README.md)
#   ZHENGGAI_FILES=$PG_DIR-files   the databases' files folder (audit keys)
#   SQLITE_DIR=/tmp/zg-bench-pg    where the SQLite province file is made
#   PG_SYNC=on (default)     synchronous_commit of the benchmark's databases: on waits for the
#                            WAL's flush at each commit, as SQLite's synchronous=FULL waits for
#                            its fsync; off (the cluster's own default, for bulk loads) does not
# Installs wrk, curl and nginx from Debian when missing (the benchmark only).
set -eu
BUILD=${1:-build}
ZG=$(cd "$BUILD" && pwd)/zhenggai
HERE=$(cd "$(dirname "$0")" && pwd)
PG_DIR=${PG_DIR:-/tmp/zg-pgbench}
export ZHENGGAI_FILES=${ZHENGGAI_FILES:-$PG_DIR-files}
DIR=${SQLITE_DIR:-${TMPDIR:-/tmp}/zg-bench-pg}
DURATION=${DURATION:-15s}
DATASETS=${DATASETS:-province nation}
PG_SYNC=${PG_SYNC:-on}
TODAY=2026-11-21
PW=Zhenggai@2026
NEWPW=Bench@2026-pg
PSQL=/usr/lib/postgresql/15/bin/psql
mkdir -p "$DIR" "$ZHENGGAI_FILES"

command -v wrk >/dev/null 2>&1 || apt-get install -y -qq wrk >/dev/null
command -v curl >/dev/null 2>&1 || apt-get install -y -qq curl >/dev/null
[ -x /usr/sbin/nginx ] || apt-get install -y -qq nginx >/dev/null

"$HERE/pg_cluster.sh" start "$PG_DIR"
echo "load before the run: $(uptime)"
echo "binary: $ZG; wrk -t2, $DURATION per figure; PostgreSQL cluster $PG_DIR (files $ZHENGGAI_FILES)"
echo "PostgreSQL settings of this cluster only: shared_buffers=2GB max_wal_size=8GB;" \
     "synchronous_commit=$PG_SYNC in the benchmark's databases (SQLite: synchronous=FULL)"

# q DB SQL: the rows of SQL (sqlite3 for a file, psql for a URI), '|' between columns.
q() {
    case $1 in
    postgres*) "$PSQL" "$1" -X -q -A -t -v ON_ERROR_STOP=1 -c "$2" ;;
    *) sqlite3 "$1" "$2" ;;
    esac
}

. "$HERE/lib.sh"
WRK_NAME_WIDTH=16

# wrk_row NAME CONNS EXTRA…: one line of figures.
wrk_row() {
    name=$1 conns=$2
    shift 2
    wrk_line "$name" "$conns" "$DIR/wrk.out" "$@"
    echo
}

# generate DB SCALE: the demo into DB unless it holds measures already.
generate() {
    n=$(q "$1" "SELECT count(*) FROM measure" 2>/dev/null || echo 0)
    [ "${n:-0}" -gt 0 ] && return 0
    t0=$(date +%s)
    "$ZG" --db "$1" demo --scale "$2" --today $TODAY >"$DIR/demo.$2.out"
    echo "generated $2 in $(( $(date +%s) - t0 )) s into $1: $(head -1 "$DIR/demo.$2.out")"
}

# serve DB [OPTION…]: start a server; SERVE_PID and SERVE_URL.
serve() {
    db=$1
    shift
    serve_bin "$ZG" "$db" "$DIR/serve.$$.$(date +%s%N)" "$@"
}

# balance URL1 URL2: nginx round robin in front of both; BAL_URL, BAL_ROOT.
balance() {
    BAL_ROOT="$DIR/nginx"
    mkdir -p "$BAL_ROOT"
    port=$((20000 + $$ % 10000))
    cat >"$BAL_ROOT/nginx.conf" <<EOF
worker_processes 2;
pid $BAL_ROOT/nginx.pid;
error_log $BAL_ROOT/error.log;
events { worker_connections 2048; }
http {
    access_log off;
    upstream zg { server ${1#http://} max_fails=0; server ${2#http://} max_fails=0; keepalive 64; }
    server {
        listen 127.0.0.1:$port;
        location / { proxy_pass http://zg; proxy_http_version 1.1; proxy_set_header Connection "";
                     proxy_set_header Host \$host:\$server_port; }
    }
}
EOF
    /usr/sbin/nginx -c "$BAL_ROOT/nginx.conf" -p "$BAL_ROOT"
    BAL_URL="http://127.0.0.1:$port"
}

# login DB URL LOGIN: the first password reset to the demo's, a session and a new password; SID.
login() {
    q "$1" "DELETE FROM session; UPDATE users SET must_change_password = 1, failed_logins = 0,
        locked_until = NULL, password_hash = (SELECT password_hash FROM users WHERE login = 'sysadmin')
        WHERE login = '$3'" >/dev/null
    jar="$DIR/jar"
    rm -f "$jar"
    csrf=$(curl -s -c "$jar" -H 'Content-Type: application/json' \
        -d "{\"login\":\"$3\",\"password\":\"$PW\"}" "$2/api/v1/session" |
        sed -n 's/.*"csrf":"\([0-9a-f]*\)".*/\1/p')
    curl -s -o /dev/null -b "$jar" -c "$jar" -H "Origin: $2" --data-urlencode "csrf=$csrf" \
        --data-urlencode "old=$PW" --data-urlencode "new=$NEWPW" --data-urlencode "again=$NEWPW" \
        "$2/account/password"
    SID=$(awk '$6 == "zg_sid" { print $7 }' "$jar")
    [ -n "$SID" ] || { echo "no session for $3 at $2" >&2; exit 1; }
}

# reads LABEL URL INSPECTION WHICH: the read figures at -c8 and -c64.
reads() {
    for spec in $4; do
        case $spec in
        list-api) path="/api/v1/measures?inspection=$3&sort=deadline" ;;
        list-page) path="/measures?inspection=$3&sort=deadline" ;;
        dashboard) path="/dashboard?inspection=$3" ;;
        esac
        # A server still closing the last run's connections may reset one: try again.
        status=$(curl -s --retry 5 --retry-all-errors --retry-delay 1 -o "$DIR/body" -w '%{http_code}' \
            -b "zg_sid=$SID" "$2$path") || status="no reply"
        [ "$status" = 200 ] || { echo "$1 $spec: $path answered $status" >&2; exit 1; }
        for c in 8 64; do
            wrk_row "$1 $spec" $c -H "Cookie: zg_sid=$SID" "$2$path"
        done
    done
}

# writes LABEL URL DB: progress reports through the API with a token, at 4 and 16 writers.
writes() {
    token=$(api_token "$DIR/jar" "$2")
    [ -n "$token" ] || { echo "no API token" >&2; exit 1; }
    ids=$(q "$3" "SELECT id FROM measure WHERE state = 'in_progress' AND org_unit_id =
        (SELECT org_unit_id FROM inspection WHERE id = $INSPECTION) ORDER BY id LIMIT 2000" | paste -sd, -)
    report_lua "$ids" "$token" "$DIR/report.lua"
    for c in 4 16; do
        wrk_row "$1 report" $c -s "$DIR/report.lua" "$2"
    done
}

stop() {
    for p in "$@"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
}

# Whatever ends the run, no server or balancer stays behind.
cleanup() {
    for p in $(jobs -p); do kill "$p" 2>/dev/null || true; done
    [ -f "$DIR/nginx/nginx.pid" ] && kill "$(cat "$DIR/nginx/nginx.pid")" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

# The office user of the first inspection of a province-shaped dataset.
OFFICE=d01-office1

for ds in $DATASETS; do
    PG=$("$HERE/pg_cluster.sh" uri "$PG_DIR" "$ds")
    generate "$PG" "$ds"
    q "$PG" "ALTER DATABASE $ds SET synchronous_commit = $PG_SYNC" >/dev/null
    INSPECTION=$(q "$PG" "SELECT min(id) FROM inspection")
    echo
    if [ "$ds" = nation ]; then
        echo "== nation on PostgreSQL: $(q "$PG" "SELECT count(*) FROM measure") measures," \
             "$(q "$PG" "SELECT pg_size_pretty(pg_database_size(current_database()))")"
        serve "$PG"
        login "$PG" "$SERVE_URL" $OFFICE
        reads "pg" "$SERVE_URL" "$INSPECTION" "list-api list-page"
        stop $SERVE_PID
        continue
    fi
    SQ="$DIR/$ds.db"
    generate "$SQ" "$ds"
    echo "== $ds: $(q "$SQ" "SELECT count(*) FROM measure") measures; inspection $INSPECTION; office $OFFICE"
    serve "$SQ"
    login "$SQ" "$SERVE_URL" $OFFICE
    reads "sqlite" "$SERVE_URL" "$INSPECTION" "list-api list-page dashboard"
    writes "sqlite" "$SERVE_URL" "$SQ"
    stop $SERVE_PID
    serve "$PG"
    login "$PG" "$SERVE_URL" $OFFICE
    reads "pg" "$SERVE_URL" "$INSPECTION" "list-api list-page dashboard"
    writes "pg" "$SERVE_URL" "$PG"
    stop $SERVE_PID
    # Behind the balancer every connection comes from its address: no per-address cap.
    serve "$PG" --max-per-address 512
    A=$SERVE_PID A_URL=$SERVE_URL
    serve "$PG" --max-per-address 512
    B=$SERVE_PID
    balance "$A_URL" "$SERVE_URL"
    login "$PG" "$BAL_URL" $OFFICE
    reads "pg-x2" "$BAL_URL" "$INSPECTION" "list-api list-page dashboard"
    writes "pg-x2" "$BAL_URL" "$PG"
    kill "$(cat "$BAL_ROOT/nginx.pid")"
    stop $A $B
done
echo
echo "load after the run: $(uptime)"
