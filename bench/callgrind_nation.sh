#!/bin/sh
# bench/callgrind_nation.sh: bench/callgrind.sh's instructions per request on the nation dataset
# (900,000 measures, 3.5 GB), which is never copied: the server runs on $BENCH_DIR/nation.db in
# place and is sent only GETs after one login of the office with the password bench/pagecost.sh
# left (Bench@2026-pagecost; pagecost's own runs log in the same way). That login adds a session
# row, as every pagecost run does; nothing else is written. Same figures and method as
# callgrind.sh: a run of 10 and one of 10+N requests, the difference over N.
# Usage: sh bench/callgrind_nation.sh [BUILD_DIR]   N=100  URLS="list-api list-page …"
#   ZG=path: that binary instead of BUILD_DIR's. PATHS="name=/path …": other URLs.
#   KEEP=prefix: keep each run's callgrind file as prefix.COUNT (for callgrind_annotate).
set -eu
BUILD=${1:-build}
ZG=${ZG:-$(cd "$BUILD" && pwd)/zhenggai}
SRC=${BENCH_DIR:-${TMPDIR:-/tmp}/zg-bench-pagecost}
DB=$SRC/nation.db
N=${N:-100}
URLS=${URLS:-list-api list-page item-api item-page dashboard}
OFFICE=d01-office1
W=$(mktemp -d "${TMPDIR:-/tmp}/zg-callgrind.XXXXXX")
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$W"' EXIT
[ -f "$DB" ] || { echo "no $DB: run bench/pagecost.sh first" >&2; exit 77; }
command -v valgrind >/dev/null 2>&1 || apt-get install -y -qq valgrind >/dev/null

# one PATH COUNT: "total server-threads" instructions of a server run answering COUNT requests.
one() {
    path=$1 count=$2
    rm -f "$W/out" "$W/cg"
    valgrind --tool=callgrind --callgrind-out-file="$W/cg" "$ZG" --db "$DB" serve \
        --listen 127.0.0.1:0 --today 2026-11-21 --quiet --rate-api 0 >"$W/out" 2>"$W/err" &
    pid=$!
    while ! grep -q listening "$W/out" 2>/dev/null; do sleep 0.2; done
    url=$(sed -n 's/^listening on \(http:[^ ]*\)\/$/\1/p' "$W/out")
    curl -s -o /dev/null -c "$W/jar" -H 'Content-Type: application/json' \
        -d "{\"login\":\"$OFFICE\",\"password\":\"Bench@2026-pagecost\"}" "$url/api/v1/session"
    sid=$(awk '$6 == "zg_sid" { print $7 }' "$W/jar")
    [ -n "$sid" ] || { echo "login of $OFFICE failed" >&2; exit 1; }
    set --
    k=0
    while [ $k -lt "$count" ]; do
        set -- "$@" -o /dev/null "$url$path"
        k=$((k + 1))
    done
    curl -s -b "zg_sid=$sid" ${GZIP:+"-HAccept-Encoding: gzip"} "$@"
    kill $pid
    wait $pid 2>/dev/null || true
    pid=
    [ -n "${KEEP:-}" ] && cp "$W/cg" "$KEEP.$count"
    echo "$(sed -n 's/^summary: //p' "$W/cg") $(callgrind_annotate --inclusive=yes "$W/cg" 2>/dev/null |
        grep libmicrohttpd | head -1 | awk '{ gsub(",", "", $1); print $1 }')"
}

echo "binary: $ZG; $N requests per figure (callgrind instructions per request), nation in place"
I=$(sqlite3 -readonly "$DB" "SELECT min(id) FROM inspection")
M=$(sqlite3 -readonly "$DB" "SELECT min(id) FROM measure WHERE inspection_id = $I")
PATHS=${PATHS:-"list-api=/api/v1/measures?inspection=$I&sort=deadline
list-page=/measures?inspection=$I&sort=deadline item-api=/api/v1/measures/$M
item-page=/measures/$M dashboard=/dashboard?inspection=$I"}
for spec in $PATHS; do
    name=${spec%%=*} p=${spec#*=}
    case " $URLS " in *" $name "*) ;; *) continue ;; esac
    a=$(one "$p" 10)
    b=$(one "$p" $((10 + N)))
    echo "$a $b $N" | awk -v name="$name" '{ printf "nation   %-10s %9.0f Ir/req  server threads %9.0f\n",
        name, ($3 - $1) / $5, ($4 - $2) / $5 }'
done
