#!/bin/sh
# bench/callgrind.sh: instructions per request (valgrind --tool=callgrind) of issue 11's reads,
# the figure to decide on when the machine is shared and wall-clock rates are noise. For each
# dataset and URL (as bench/pagecost.sh: list-api, list-page, item-api, item-page, dashboard, as
# the office user of the first inspection) the server runs twice under callgrind on a fresh copy
# of the dataset, answering 10 and then 10+N requests on one keep-alive connection after the
# login; the difference over N cancels start-up, login and exit. Prints the whole process's and
# the server threads' (libmicrohttpd's) instructions per request. Runs of one binary move by a
# few per cent (a connection may land on a thread whose caches are cold): compare A/B pairs.
# Usage: sh bench/callgrind.sh [BUILD_DIR]   N=100  DATASETS="county city"  URLS="list-api …"
#   ZG=path: measure that binary (e.g. a copy of an older build) instead of BUILD_DIR's.
#   GZIP=1: the requests accept gzip (Accept-Encoding: gzip), so the replies over 1 KB go out
#   compressed.
# Datasets are copied from $BENCH_DIR (default /tmp/zg-bench-pagecost; bench/pagecost.sh makes
# them); nation is never copied (3.5 GB): it is served in place and sent only GETs after one
# login of the office with the password bench/pagecost.sh left (that login adds a session row,
# as every pagecost run does).
set -eu
BUILD=${1:-build}
ZG=${ZG:-$(cd "$BUILD" && pwd)/zhenggai}
SRC=${BENCH_DIR:-${TMPDIR:-/tmp}/zg-bench-pagecost}
N=${N:-100}
DATASETS=${DATASETS:-county city}
URLS=${URLS:-list-api list-page item-api item-page dashboard}
. "$(dirname "$0")/lib.sh"
callgrind_setup callgrind

# fresh DS: a copy of the dataset with the office's first password back (first_login changes it).
fresh() {
    [ "$1" = nation ] && { DB=$SRC/nation.db; return; }
    DB=$W/$1.db
    dataset_copy "$SRC" "$1" "$DB" "$OFFICE"
}

# one DS PATH COUNT: "total server-threads" instructions of a server run answering COUNT requests.
one() {
    path=$2 count=$3
    fresh "$1"
    pw=
    [ "$1" = nation ] && pw=Bench@2026-pagecost
    callgrind_serve "$ZG" "$DB" "$OFFICE" $pw
    sid=$(awk '$6 == "zg_sid" { print $7 }' "$W/jar")
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
    echo "$(sed -n 's/^summary: //p' "$W/cg") $(callgrind_annotate --inclusive=yes "$W/cg" 2>/dev/null |
        grep libmicrohttpd | head -1 | awk '{ gsub(",", "", $1); print $1 }')"
}

echo "binary: $ZG; $N requests per figure (callgrind instructions per request)${GZIP:+, gzip}"
for ds in $DATASETS; do
    case $ds in county|city) OFFICE=office ;; *) OFFICE=d01-office1 ;; esac
    I=$(sqlite3 "$SRC/$ds.db" "SELECT min(id) FROM inspection")
    M=$(sqlite3 "$SRC/$ds.db" "SELECT min(id) FROM measure WHERE inspection_id = $I")
    for spec in "list-api /api/v1/measures?inspection=$I&sort=deadline" \
                "list-page /measures?inspection=$I&sort=deadline" "item-api /api/v1/measures/$M" \
                "item-page /measures/$M" "dashboard /dashboard?inspection=$I"; do
        name=${spec%% *} p=${spec#* }
        case " $URLS " in *" $name "*) ;; *) continue ;; esac
        a=$(one "$ds" "$p" 10)
        b=$(one "$ds" "$p" $((10 + N)))
        echo "$a $b $N" | awk -v ds="$ds" -v name="$name" '{ printf "%-8s %-10s %9.0f Ir/req  server threads %9.0f\n",
            ds, name, ($3 - $1) / $5, ($4 - $2) / $5 }'
    done
done
