#!/bin/sh
# bench/afterwrite.sh: callgrind instructions of a read right after a write, when every thread's
# caches keyed on the data version are empty - the cost a page pays under a writer, which the
# steady-state figures of pagecost.sh hide. For each dataset the server answers K progress
# reports alone, and then for each URL K reports each followed by that URL (as the office, first
# inspection), each run on a fresh copy of the dataset; the difference over K is the URL's.
# The server runs one worker thread, and both runs read the URL once before the first report,
# so that each read measured follows a write on a thread that has read it before: the cost in
# the steady state of a page under a writer (a first read, on a thread's empty cache, is not
# counted).
# URLS: list-api (the list of 25 by deadline, API), list-page, tree (/inspections/N),
#   tree-open (?open=1), dashboard, units (/units?inspection=N, every lead unit's rates),
#   stats (/api/v1/stats?inspection=N), inspections (整改台账).
# Usage: sh bench/afterwrite.sh [BUILD_DIR]   K=10 DATASETS="city" URLS="list-api tree dashboard"
#   ZG=path: that binary instead.
set -eu
BUILD=${1:-build}
THREADS=${THREADS:-1}
ZG=${ZG:-$(cd "$BUILD" && pwd)/zhenggai}
SRC=${BENCH_DIR:-${TMPDIR:-/tmp}/zg-bench-pagecost}
K=${K:-10}
DATASETS=${DATASETS:-city}
URLS=${URLS:-list-api list-page tree tree-open dashboard units stats inspections}
. "$(dirname "$0")/lib.sh"
callgrind_setup afterwrite

# run DS PATH WARM: the instructions of a server answering a GET of WARM, then K reports, each
# followed by PATH unless PATH is empty.
run() {
    DB=$W/$1.db
    dataset_copy "$SRC" "$1" "$DB" "$OFFICE"
    M=$(sqlite3 "$DB" "SELECT id FROM measure WHERE state = 'in_progress' AND inspection_id = $I LIMIT 1")
    callgrind_serve "$ZG" "$DB" "$OFFICE"
    token=$(api_token "$W/jar" "$url")
    sid=$(awk '$6 == "zg_sid" { print $7 }' "$W/jar")
    curl -s -o /dev/null -b "zg_sid=$sid" "$url$3"
    k=0
    while [ $k -lt "$K" ]; do
        curl -s -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
            -d '{"action":"report","text":"本周完成台账核对。"}' "$url/api/v1/measures/$M/transitions"
        [ -n "$2" ] && curl -s -o /dev/null -b "zg_sid=$sid" "$url$2"
        k=$((k + 1))
    done
    kill $pid
    wait $pid 2>/dev/null || true
    pid=
    sed -n 's/^summary: //p' "$W/cg"
}

echo "binary: $ZG; each read after each of $K writes (callgrind instructions per read)"
for ds in $DATASETS; do
    dataset_office "$SRC" "$ds" || continue
    for name in $URLS; do
        case $name in
        list-api) p="/api/v1/measures?inspection=$I&sort=deadline" ;;
        list-page) p="/measures?inspection=$I&sort=deadline" ;;
        tree) p="/inspections/$I" ;;
        tree-open) p="/inspections/$I?open=1" ;;
        dashboard) p="/dashboard?inspection=$I" ;;
        units) p="/units?inspection=$I" ;;
        stats) p="/api/v1/stats?inspection=$I" ;;
        inspections) p="/inspections" ;;
        *) echo "unknown URL name $name" >&2; exit 2 ;;
        esac
        base=$(run "$ds" "" "$p")
        b=$(run "$ds" "$p" "$p")
        printf '%-8s %-12s after a write %12d Ir\n' "$ds" "$name" $(( (b - base) / K ))
    done
done
