#!/bin/sh
# bench/web.sh: the web server on the province dataset (SPEC §8), measured with wrk on loopback.
#   a. the measure list page: one unit's measures in progress, sorted by deadline
#   b. the dashboard of one inspection
#   c. the API equivalent of (a)
#   d. a full page of 25 rows: the office's measures in progress, page and API
# Each: wrk -t2 -c16 -d10s --latency with a logged-in session's cookie; prints requests/s, p50 and
# p99, and the server's resident memory (VmRSS now, VmHWM the peak) after the run.
# Usage: sh bench/web.sh [BUILD_DIR]   (installs wrk from Debian if missing; needs sqlite3, curl)
set -eu
BUILD=${1:-build}
ZG=$(cd "$BUILD" && pwd)/zhenggai
DIR=${TMPDIR:-/tmp}/zg-bench-web
mkdir -p "$DIR"
DB="$DIR/province.db"
TODAY=2026-11-21
PW=Zhenggai@2026
NEWPW=Bench@2026-web
DURATION=${DURATION:-10s}

command -v wrk >/dev/null 2>&1 || apt-get install -y -qq wrk >/dev/null
command -v curl >/dev/null 2>&1 || apt-get install -y -qq curl >/dev/null

if [ ! -f "$DB" ]; then
    "$ZG" --db "$DB" demo --scale province --today $TODAY >/dev/null
fi
# The unit with the most measures in progress (as lead or co-unit: what ?unit= selects), one
# of its users, the office of its district and an inspection of that district. The province
# dataset has no unit with 25 such measures (23 at most), so (a) lists 23 rows; (d) gives a
# full page of 25 to the office, filtered by state alone.
UNIT=$(sqlite3 "$DB" "WITH v(unit, m) AS (SELECT lead_unit_id, id FROM measure WHERE state = 'in_progress'
    UNION SELECT c.unit_id, c.measure_id FROM measure_co_unit c JOIN measure m ON m.id = c.measure_id
    WHERE m.state = 'in_progress') SELECT unit FROM v GROUP BY unit ORDER BY count(*) DESC, unit LIMIT 1")
UNIT_LOGIN=$(sqlite3 "$DB" "SELECT min(login) FROM users WHERE unit_id = $UNIT AND login GLOB 'd*-u*'")
DISTRICT=${UNIT_LOGIN%%-*}
OFFICE_LOGIN=$DISTRICT-office1
INSPECTION=$(sqlite3 "$DB" "SELECT min(inspection_id) FROM measure WHERE lead_unit_id = $UNIT")
# Fresh accounts each run: the first-password change below needs the demo password.
sqlite3 "$DB" "DELETE FROM session; UPDATE users SET must_change_password = 1, failed_logins = 0,
    locked_until = NULL, password_hash = (SELECT password_hash FROM users WHERE login = 'sysadmin')
    WHERE login IN ('$UNIT_LOGIN', '$OFFICE_LOGIN')"

"$ZG" --db "$DB" serve --listen 127.0.0.1:0 --today $TODAY --quiet --rate-api 0 >"$DIR/serve.out" 2>"$DIR/serve.err" &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT INT TERM
while ! grep -q listening "$DIR/serve.out" 2>/dev/null; do sleep 0.1; done
URL=$(sed -n 's/^listening on \(http:[^ ]*\)\/$/\1/p' "$DIR/serve.out")

# login LOGIN: log in, change the first password, print the session cookie's value.
login() {
    jar="$DIR/jar.$1"
    rm -f "$jar"
    csrf=$(curl -s -c "$jar" -H 'Content-Type: application/json' \
        -d "{\"login\":\"$1\",\"password\":\"$PW\"}" "$URL/api/v1/session" |
        sed -n 's/.*"csrf":"\([0-9a-f]*\)".*/\1/p')
    curl -s -o /dev/null -b "$jar" -c "$jar" \
        --data-urlencode "csrf=$csrf" --data-urlencode "old=$PW" \
        --data-urlencode "new=$NEWPW" --data-urlencode "again=$NEWPW" "$URL/account/password"
    awk '$6 == "zg_sid" { print $7 }' "$jar"
}

# bench NAME COOKIE PATH: check one request, then wrk; print one line of figures.
bench() {
    status=$(curl -s -o "$DIR/body" -w '%{http_code}' -b "zg_sid=$2" "$URL$3")
    [ "$status" = 200 ] || { echo "$1: $3 answered $status" >&2; exit 1; }
    bytes=$(wc -c <"$DIR/body")
    # Rows on the page: measure links of a page, items of an API list.
    rows=$(grep -o 'href="/measures/[0-9]*"' "$DIR/body" | sort -u | wc -l)
    case $3 in /api/*) rows=$(grep -o '"inspection_id":' "$DIR/body" | wc -l) ;; esac
    wrk -t2 -c16 -d"$DURATION" --latency -H "Cookie: zg_sid=$2" "$URL$3" >"$DIR/wrk.out"
    rss=$(awk '/VmRSS/ { print $2 }' /proc/$PID/status)
    hwm=$(awk '/VmHWM/ { print $2 }' /proc/$PID/status)
    awk -v name="$1" -v bytes="$bytes" -v rows="$rows" -v rss="$rss" -v hwm="$hwm" '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; return v * 1000 }
        / 50%/ { p50 = ms($2) } / 99%/ { p99 = ms($2) } /Requests\/sec/ { rps = $2 }
        /Non-2xx/ { bad = $NF }
        END { printf "%s: %.0f req/s, p50 %.2f ms, p99 %.2f ms; %d rows, %d bytes; RSS %.1f MB (peak %.1f MB)%s\n",
                     name, rps, p50, p99, rows, bytes, rss / 1024, hwm / 1024, bad ? ", NON-2XX " bad : "" }
    ' "$DIR/wrk.out"
}

UNIT_SID=$(login "$UNIT_LOGIN")
OFFICE_SID=$(login "$OFFICE_LOGIN")
echo "server $URL (pid $PID), unit $UNIT ($UNIT_LOGIN), inspection $INSPECTION, wrk -t2 -c16 -d$DURATION"
echo "after start-up and two logins: RSS $(awk '/VmRSS/ { print $2 / 1024 }' /proc/$PID/status) MB," \
     "peak $(awk '/VmHWM/ { print $2 / 1024 }' /proc/$PID/status) MB"
bench "(a) measure list page, unit user" "$UNIT_SID" "/measures?unit=$UNIT&state=in_progress&sort=deadline"
bench "(a') measure list page, office user" "$OFFICE_SID" "/measures?unit=$UNIT&state=in_progress&sort=deadline"
bench "(b) dashboard, office user" "$OFFICE_SID" "/dashboard?inspection=$INSPECTION"
bench "(c) API measure list, unit user" "$UNIT_SID" "/api/v1/measures?unit=$UNIT&state=in_progress&sort=deadline"
bench "(d) measure list page, office user, state only" "$OFFICE_SID" "/measures?state=in_progress&sort=deadline"
bench "(d') API measure list, office user, state only" "$OFFICE_SID" "/api/v1/measures?state=in_progress&sort=deadline"
