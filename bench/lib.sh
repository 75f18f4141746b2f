# Sourced by the benchmark scripts.
# wrk_line NAME CONNS OUTFILE EXTRA…: run wrk -t2 for
# $DURATION with EXTRA, print "NAME cN X req/s p50 p99" without a newline (the name padded to
# $WRK_NAME_WIDTH, default 10), and a NON-2XX count and wrk's socket errors when it saw any (a
# connection the server refused or closed is not a request: its rate would hide it).
wrk_line() {
    name=$1 conns=$2 out=$3
    shift 3
    wrk -t2 -c"$conns" -d"$DURATION" --latency "$@" >"$out"
    awk -v name="$name" -v c="$conns" -v w="${WRK_NAME_WIDTH:-10}" '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; return v * 1000 }
        / 50%/ { p50 = ms($2) } / 99%/ { p99 = ms($2) } /Requests\/sec/ { rps = $2 }
        /Non-2xx/ { bad = $NF }
        /Socket errors/ { sock = $3 " " $4 " " $5 " " $6 " " $7 " " $8 " " $9 " " $10 }
        END { printf "%-" w "s c%-3d %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms%s%s", name, c, rps, p50, p99,
                     bad ? "  NON-2XX " bad : "", sock ? "  SOCKET ERRORS " sock : "" }
    ' "$out"
}

# api_token JAR URL: a new API token for the session in cookie jar JAR, on stdout ("" on failure).
api_token() {
    csrf=$(curl -s -b "$1" "$2/api/v1/session" | sed -n 's/.*"csrf":"\([0-9a-f]*\)".*/\1/p')
    curl -s -b "$1" -H "X-CSRF-Token: $csrf" -H "Origin: $2" -H 'Content-Type: application/json' \
        -d '{"name":"bench"}' "$2/api/v1/tokens" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}

# report_lua IDS TOKEN OUT: a wrk script that posts a progress report with TOKEN to the measures
# IDS (comma-separated), round robin with a random offset.
report_lua() {
    cat >"$3" <<LUA
local ids = {$1}
local n = 0
request = function()
  n = n + 1
  local id = ids[(n * 7919 + math.random(#ids)) % #ids + 1]
  return wrk.format("POST", "/api/v1/measures/" .. id .. "/transitions",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer $2"},
    '{"action":"report","text":"本周完成台账核对，整改按计划推进。"}')
end
LUA
}

# first_login URL LOGIN PASSWORD NEW_PASSWORD JAR: log in with the account's first password and
# change it (the demo's accounts must before anything else), the session's cookie left in JAR.
first_login() {
    rm -f "$5"
    csrf=$(curl -s -c "$5" -H 'Content-Type: application/json' \
        -d "{\"login\":\"$2\",\"password\":\"$3\"}" "$1/api/v1/session" |
        sed -n 's/.*"csrf":"\([0-9a-f]*\)".*/\1/p')
    curl -s -o /dev/null -b "$5" -c "$5" --data-urlencode "csrf=$csrf" --data-urlencode "old=$3" \
        --data-urlencode "new=$4" --data-urlencode "again=$4" "$1/account/password"
}

# dataset_copy SRC_DIR DS DB LOGIN…: DB a fresh copy of dataset DS of SRC_DIR (with its audit key
# and files), no sessions, and each LOGIN's first password back (first_login changes it).
dataset_copy() {
    src=$1/$2.db db=$3
    shift 3
    rm -rf "$db" "$db-wal" "$db-shm" "$db-files"
    sqlite3 "$src" ".backup '$db'"
    cp -p "$src.audit-key" "$db.audit-key"
    [ -d "$src-files" ] && cp -a "$src-files" "$db-files" && rm -f "$db-files/serve.lock"
    logins=
    for l in "$@"; do logins="$logins${logins:+, }'$l'"; done
    sqlite3 "$db" "DELETE FROM session; UPDATE users SET must_change_password = 1, failed_logins = 0,
        locked_until = NULL, password_hash = (SELECT password_hash FROM users WHERE login = 'sysadmin')
        WHERE login IN ($logins)"
    sync # written back now, not during the first figure
}

# serve_bin ZG DB OUT [OPTION…]: ZG serving DB on a free loopback port (the day 2026-11-21, no API
# rate limit), its output in OUT and OUT.err; once it listens, SERVE_PID and SERVE_URL (exits
# with its errors if it stops first).
serve_bin() {
    zg=$1 db=$2 out=$3
    shift 3
    rm -f "$out"
    "$zg" --db "$db" serve --listen 127.0.0.1:0 --today 2026-11-21 --quiet --rate-api 0 "$@" \
        >"$out" 2>"$out.err" &
    SERVE_PID=$!
    while ! grep -q listening "$out" 2>/dev/null; do
        kill -0 $SERVE_PID 2>/dev/null || { cat "$out.err" >&2; exit 1; }
        sleep 0.1
    done
    SERVE_URL=$(sed -n 's/^listening on \(http:[^ ]*\)\/$/\1/p' "$out")
}

# callgrind_setup NAME: W a fresh temporary folder, removed at exit with the server of $pid (when
# set) stopped; valgrind installed from Debian when missing. For the callgrind benchmarks.
callgrind_setup() {
    W=$(mktemp -d "${TMPDIR:-/tmp}/zg-$1.XXXXXX")
    pid=
    trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$W"' EXIT
    command -v valgrind >/dev/null 2>&1 || apt-get install -y -qq valgrind >/dev/null
}

# callgrind_serve ZG DB LOGIN [PASSWORD]: ZG serving DB under callgrind (its profile $W/cg, its
# output in $W), once it listens, with LOGIN logged in by its first password (cookie jar $W/jar),
# or by PASSWORD when given (a dataset served in place, whose password pagecost.sh changed);
# with THREADS worker threads when set (else the server's default); sets pid and url.
callgrind_serve() {
    rm -f "$W/cg" "$W/out"
    valgrind --tool=callgrind --callgrind-out-file="$W/cg" "$1" --db "$2" serve \
        --listen 127.0.0.1:0 --today 2026-11-21 --quiet --rate-api 0 ${THREADS:+--threads "$THREADS"} \
        >"$W/out" 2>"$W/err" &
    pid=$!
    while ! grep -q listening "$W/out" 2>/dev/null; do sleep 0.2; done
    url=$(sed -n 's/^listening on \(http:[^ ]*\)\/$/\1/p' "$W/out")
    if [ -n "${4:-}" ]; then
        curl -s -o /dev/null -c "$W/jar" -H 'Content-Type: application/json' \
            -d "{\"login\":\"$3\",\"password\":\"$4\"}" "$url/api/v1/session"
    else
        first_login "$url" "$3" Zhenggai@2026 Bench@2026-pagecost "$W/jar"
    fi
}

# dataset_office SRC DS: for dataset DS of SRC_DIR, OFFICE its office login and I its first
# inspection; false (with a word on stderr) for nation, which the callgrind benchmarks never copy.
dataset_office() {
    [ "$2" = nation ] && { echo "nation: skipped (never copied)" >&2; return 1; }
    case $2 in county|city) OFFICE=office ;; *) OFFICE=d01-office1 ;; esac
    I=$(sqlite3 "$1/$2.db" "SELECT min(id) FROM inspection")
}
