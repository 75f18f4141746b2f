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
. "$(dirname "$0")/lib.sh"
callgrind_setup listcold

# run DS WITH_LIST: the instructions of a server answering K reports (each with the list when 1).
run() {
    DB=$W/$1.db
    dataset_copy "$SRC" "$1" "$DB" "$OFFICE"
    M=$(sqlite3 "$DB" "SELECT id FROM measure WHERE state = 'in_progress' AND inspection_id = $I LIMIT 1")
    callgrind_serve "$ZG" "$DB" "$OFFICE"
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
