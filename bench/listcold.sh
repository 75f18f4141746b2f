#!/bin/sh
# bench/listcold.sh: callgrind instructions of the list of 25 (API, office, first inspection,
# by deadline) right after a write, when every thread's list cache is empty - the cost a list
# pays under a writer. The server answers K progress reports each followed by the list, then K
# reports alone, each run on a fresh copy of the dataset; the difference over K is the list's.
# Usage: sh bench/listcold.sh [BUILD_DIR]   K=20 DATASETS="city"   ZG=path: that binary instead.
set -eu
BUILD=${1:-build}
ZG=${ZG:-$(cd "$BUILD" && pwd)/zhenggai}
SRC=${BENCH_DIR:-${TMPDIR:-/tmp}/zg-bench-pagecost}
K=${K:-20}
DATASETS=${DATASETS:-city}
W=$(mktemp -d "${TMPDIR:-/tmp}/zg-listcold.XXXXXX")
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$W"' EXIT
. "$(dirname "$0")/lib.sh"
command -v valgrind >/dev/null 2>&1 || apt-get install -y -qq valgrind >/dev/null

# run DS WITH_LIST: the instructions of a server answering K reports (each with the list when 1).
run() {
    DB=$W/$1.db
    rm -f "$W/cg"
    dataset_copy "$SRC" "$1" "$DB" "$OFFICE"
    M=$(sqlite3 "$DB" "SELECT id FROM measure WHERE state = 'in_progress' AND inspection_id = $I LIMIT 1")
    valgrind --tool=callgrind --callgrind-out-file="$W/cg" "$ZG" --db "$DB" serve \
        --listen 127.0.0.1:0 --today 2026-11-21 --quiet --rate-api 0 >"$W/out" 2>"$W/err" &
    pid=$!
    while ! grep -q listening "$W/out" 2>/dev/null; do sleep 0.2; done
    url=$(sed -n 's/^listening on \(http:[^ ]*\)\/$/\1/p' "$W/out")
    first_login "$url" "$OFFICE" Zhenggai@2026 Bench@2026-pagecost "$W/jar"
    token=$(api_token "$W/jar" "$url")
    k=0
    while [ $k -lt "$K" ]; do
        curl -s -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
            -d '{"action":"report","text":"本周完成台账核对。"}' "$url/api/v1/measures/$M/transitions"
        [ "$2" = 1 ] && curl -s -o /dev/null -H "Authorization: Bearer $token" \
            "$url/api/v1/measures?inspection=$I&sort=deadline"
        k=$((k + 1))
    done
    kill $pid
    wait $pid 2>/dev/null || true
    pid=
    sed -n 's/^summary: //p' "$W/cg"
}

echo "binary: $ZG; the list after each of $K writes (callgrind instructions per list)"
for ds in $DATASETS; do
    [ "$ds" = nation ] && { echo "nation: skipped (never copied)" >&2; continue; }
    case $ds in county|city) OFFICE=office ;; *) OFFICE=d01-office1 ;; esac
    I=$(sqlite3 "$SRC/$ds.db" "SELECT min(id) FROM inspection")
    a=$(run "$ds" 0)
    b=$(run "$ds" 1)
    echo "$ds list-api after a write $(( (b - a) / K )) Ir"
done
