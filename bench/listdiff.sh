#!/bin/sh
# bench/listdiff.sh: the list replies of two binaries compared byte for byte - the check that a
# change to the lists' reads changes no reply. For each dataset, each binary serves its own fresh
# copy (with a few open supervisions added, which the bench datasets lack: their dates move a
# row's light), and answers the same URLs as the office and as a unit user: the API and the page,
# five sorts, no filter and the state, open, light, unit, leader and text filters and a limit,
# within the first inspection and across all, and two further pages through the `after` cursors
# of the old binary's replies. Prints a line per dataset and the URLs whose replies differ;
# exits 1 when any does.
# Usage: ZG_OLD=path/to/old/zhenggai sh bench/listdiff.sh [BUILD_DIR]   DATASETS="county city"
# Datasets are copied from $BENCH_DIR (default /tmp/zg-bench-pagecost; bench/pagecost.sh makes
# them); nation is never copied (3.5 GB).
set -eu
BUILD=${1:-build}
ZG_NEW=${ZG_NEW:-$(cd "$BUILD" && pwd)/zhenggai}
ZG_OLD=${ZG_OLD:?ZG_OLD: the binary to compare with}
SRC=${BENCH_DIR:-${TMPDIR:-/tmp}/zg-bench-pagecost}
DATASETS=${DATASETS:-county city}
W=$(mktemp -d "${TMPDIR:-/tmp}/zg-listdiff.XXXXXX")
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$W"' EXIT
. "$(dirname "$0")/lib.sh"

# fresh DS DB: a copy of the dataset with the first passwords back and open supervisions.
fresh() {
    dataset_copy "$SRC" "$1" "$2" office unit
    sqlite3 "$2" "INSERT INTO supervision(inspection_id, measure_id, unit_id, kind, state, issued_on,
        respond_by) SELECT inspection_id, id, lead_unit_id, 'written', CASE WHEN id % 3 = 0
        THEN 'responded' ELSE 'open' END, '2026-10-01', date('2026-11-10', '+' || (id % 29) || ' days')
        FROM measure WHERE id % 7 = 0"
}

# serve BIN DB: start BIN on DB, its URL in $url.
serve() {
    rm -f "$W/out"
    "$1" --db "$2" serve --listen 127.0.0.1:0 --today 2026-11-21 --quiet --rate-api 0 \
        >"$W/out" 2>"$W/err" &
    pid=$!
    while ! grep -q listening "$W/out" 2>/dev/null; do sleep 0.1; done
    url=$(sed -n 's/^listening on \(http:[^ ]*\)\/$/\1/p' "$W/out")
}

stop() {
    kill $pid
    wait $pid 2>/dev/null || true
    pid=
}

# fetch TAG LOGIN: every URL of $W/urls.LOGIN as LOGIN (logged in by urls for the old binary)
# into $W/TAG.LOGIN/N (N the line number).
fetch() {
    [ "$1" = old ] || first_login "$url" "$2" Zhenggai@2026 Bench@2026-listdiff "$W/jar"
    mkdir -p "$W/$1.$2"
    n=0
    while read -r path; do
        n=$((n + 1))
        # the session's CSRF token (a page's logout form) is the one byte string allowed to differ
        curl -s -b "$W/jar" "$url$path" | sed 's/[0-9a-f]\{64\}/CSRF/g' >"$W/$1.$2/$n"
    done <"$W/urls.$2"
}

# urls LOGIN: the URL list, with cursors from the old binary's replies (running now).
urls() {
    : >"$W/urls.$1"
    first_login "$url" "$1" Zhenggai@2026 Bench@2026-listdiff "$W/jar"
    for scope in "inspection=$I&" ""; do
        for sort in deadline ledger state light unit; do
            for f in "" "state=in_progress&" "state=open&" "light=red&" "light=yellow&" \
                     "unit=$U&" "leader=$P&" "q=%E6%95%B4%E6%94%B9&" "limit=7&"; do
                q="$scope${f}sort=$sort"
                after=
                for page in 1 2 3; do
                    echo "/api/v1/measures?$q$after" >>"$W/urls.$1"
                    echo "/measures?$q$after" >>"$W/urls.$1"
                    next=$(curl -s -b "$W/jar" "$url/api/v1/measures?$q$after" |
                        sed -n 's/.*"next":"\([^"]*\)".*/\1/p')
                    [ -n "$next" ] || break
                    after="&after=$next"
                done
            done
        done
    done
}

bad=0
for ds in $DATASETS; do
    [ "$ds" = nation ] && { echo "nation: skipped (never copied)" >&2; continue; }
    I=$(sqlite3 "$SRC/$ds.db" "SELECT min(id) FROM inspection")
    U=$(sqlite3 "$SRC/$ds.db" "SELECT lead_unit_id FROM measure WHERE inspection_id = $I
        AND lead_unit_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
    P=$(sqlite3 "$SRC/$ds.db" "SELECT person_id FROM measure_leader GROUP BY 1
        ORDER BY count(*) DESC LIMIT 1")
    for tag in old new; do
        [ $tag = old ] && bin=$ZG_OLD || bin=$ZG_NEW
        fresh "$ds" "$W/$ds.$tag.db"
        serve "$bin" "$W/$ds.$tag.db"
        for login in office unit; do
            [ $tag = old ] && urls $login
            fetch $tag $login
        done
        stop
    done
    total=0 diff=0
    for login in office unit; do
        n=0
        while read -r path; do
            n=$((n + 1))
            total=$((total + 1))
            if ! cmp -s "$W/old.$login/$n" "$W/new.$login/$n"; then
                diff=$((diff + 1))
                echo "  differs ($login): $path"
            fi
        done <"$W/urls.$login"
    done
    echo "$ds: $total replies, $diff differ"
    [ $diff -eq 0 ] || bad=1
    [ -n "${KEEP:-}" ] || rm -rf "$W/old.office" "$W/old.unit" "$W/new.office" "$W/new.unit" "$W/$ds".*
done
exit $bad
