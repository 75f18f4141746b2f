#!/bin/sh
# bench/afterwrite_pg.sh: on PostgreSQL, the time of a read right after a write, the cost a page
# pays under a writer there (bench/afterwrite.sh counts SQLite's in instructions; here most of
# the work is the database server's, so this takes wall time). On the city demo (one inspection
# of 10,000 measures), as its office: the server (one worker thread) reads each URL once, then
# K times a progress report through the API followed by the URL, and the URL's times after the
# writes are summed up (curl's time_total: median, p90, max). Each binary runs on a fresh clone
# of one template database, made once by the first binary, so that both start from the same rows.
# URLS: dashboard (/dashboard?inspection=I), inspections (整改台账), tree (/inspections/I),
#   inbox (待办, /inbox), list-api and list-page (the list of 25 by deadline, as pagecost.sh).
# Usage: sh bench/afterwrite_pg.sh [BUILD_DIR]   K=20 URLS="dashboard inspections tree inbox"
#   ZG_OLD=path: that binary first, on its own clone (it makes the template: its schema must be
#   the older one, the newer binary migrates its clone on start)
#   PG_DIR=/tmp/zg-pgbench  the benchmark's cluster (bench/pg_cluster.sh)
#   PG_LOG_MS=N  log the statements that take N ms or more (the cluster's server.log)
set -eu
BUILD=${1:-build}
ZG=$(cd "$BUILD" && pwd)/zhenggai
HERE=$(cd "$(dirname "$0")" && pwd)
PG_DIR=${PG_DIR:-/tmp/zg-pgbench}
export ZHENGGAI_FILES=${ZHENGGAI_FILES:-$PG_DIR-files}
K=${K:-20}
URLS=${URLS:-dashboard inspections tree inbox}
TODAY=2026-11-21
PW=Zhenggai@2026
NEWPW=Bench@2026-pg
OFFICE=office
PSQL=/usr/lib/postgresql/15/bin/psql
W=${TMPDIR:-/tmp}/zg-bench-afterwrite-pg
mkdir -p "$W" "$ZHENGGAI_FILES"
command -v curl >/dev/null 2>&1 || apt-get install -y -qq curl >/dev/null
. "$HERE/lib.sh"

"$HERE/pg_cluster.sh" start "$PG_DIR"
q() { "$PSQL" "$1" -X -q -A -t -v ON_ERROR_STOP=1 -c "$2"; }
admin=$("$HERE/pg_cluster.sh" uri "$PG_DIR" postgres)
tmpl=$("$HERE/pg_cluster.sh" uri "$PG_DIR" aw_city)
if [ "$(q "$tmpl" "SELECT count(*) FROM information_schema.tables WHERE table_name = 'measure'")" = 0 ] ||
    [ "$(q "$tmpl" "SELECT count(*) FROM measure")" = 0 ]; then
    t0=$(date +%s)
    "${ZG_OLD:-$ZG}" --db "$tmpl" demo --scale city --today $TODAY >"$W/demo.out"
    echo "generated the city demo in $(( $(date +%s) - t0 )) s: $(head -1 "$W/demo.out")"
fi
I=$(q "$tmpl" "SELECT min(id) FROM inspection")

# run BINARY: the figures of each URL after each of K writes, on a fresh clone of the template.
run() {
    q "$admin" "DROP DATABASE IF EXISTS aw_run" >/dev/null
    q "$admin" "CREATE DATABASE aw_run TEMPLATE aw_city" >/dev/null
    cp "$ZHENGGAI_FILES/aw_city.audit-key" "$ZHENGGAI_FILES/aw_run.audit-key"
    [ -z "${PG_LOG_MS:-}" ] ||
        q "$admin" "ALTER DATABASE aw_run SET log_min_duration_statement = $PG_LOG_MS" >/dev/null
    db=$("$HERE/pg_cluster.sh" uri "$PG_DIR" aw_run)
    q "$db" "DELETE FROM session; UPDATE users SET must_change_password = 1, failed_logins = 0,
        locked_until = NULL, password_hash = (SELECT password_hash FROM users WHERE login = 'sysadmin')
        WHERE login = '$OFFICE'" >/dev/null
    M=$(q "$db" "SELECT id FROM measure WHERE state = 'in_progress' AND inspection_id = $I LIMIT 1")
    serve_bin "$1" "$db" "$W/out" --threads 1
    pid=$SERVE_PID url=$SERVE_URL
    first_login "$url" "$OFFICE" "$PW" "$NEWPW" "$W/jar"
    token=$(api_token "$W/jar" "$url")
    sid=$(awk '$6 == "zg_sid" { print $7 }' "$W/jar")
    for name in $URLS; do
        case $name in
        dashboard) p="/dashboard?inspection=$I" ;;
        inspections) p="/inspections" ;;
        tree) p="/inspections/$I" ;;
        inbox) p="/inbox" ;;
        list-api) p="/api/v1/measures?inspection=$I&sort=deadline" ;;
        list-page) p="/measures?inspection=$I&sort=deadline" ;;
        *) echo "unknown URL name $name" >&2; exit 2 ;;
        esac
        curl -s -o /dev/null -b "zg_sid=$sid" "$url$p"
        k=0
        : >"$W/times"
        while [ $k -lt "$K" ]; do
            code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" \
                -H 'Content-Type: application/json' -d '{"action":"report","text":"本周完成台账核对。"}' \
                "$url/api/v1/measures/$M/transitions")
            [ "$code" = 200 ] || { echo "report: HTTP $code" >&2; exit 1; }
            curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -b "zg_sid=$sid" "$url$p" >>"$W/times"
            k=$((k + 1))
        done
        sort -n -k2 "$W/times" | awk -v name="$name" '$1 != 200 { bad++ } { t[NR] = $2 * 1000 }
            END { n = NR; printf "  %-12s after a write: median %8.2f ms  p90 %8.2f ms  max %8.2f ms%s\n",
                  name, t[int((n + 1) / 2)], t[int(n * 0.9 + 0.5)], t[n], bad ? "  NOT 200: " bad : "" }'
    done
    kill $pid
    wait $pid 2>/dev/null || true
}

echo "load before the run: $(uptime)"
echo "city demo on PostgreSQL (cluster $PG_DIR), inspection $I, $K reports, each followed by the URL"
if [ -n "${ZG_OLD:-}" ]; then
    echo "binary: $ZG_OLD"
    run "$ZG_OLD"
fi
echo "binary: $ZG"
run "$ZG"
