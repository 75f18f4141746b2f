#!/bin/sh
# bench/deep.sh: what a list page costs by its depth. On a fresh copy of a dataset the office
# walks every page of its list through the API (25 a page, GET /api/v1/measures?sort=S&after=…,
# following each reply's "next"), one curl after another on one worker thread, each page read
# once (a handler's run, not a kept reply); the time of each page, as averages of 20 pages at
# the start, a quarter, a half and three quarters of the way, and the whole walk.
# Usage: sh bench/deep.sh [BUILD_DIR]   DATASETS="city" (pagecost.sh's files, BENCH_DIR)
#   SORTS="deadline light"   ZG_OLD=path: that binary instead, for A/B runs back to back.
#   LOGIN=account (default the dataset's office; e.g. d01-observer, who sees every measure)
#   MAX_PAGES=2000: the walk stops there (the nation's observer has 36,000 pages).
set -eu
BUILD=${1:-build}
ZG=${ZG_OLD:-$(cd "$BUILD" && pwd)/zhenggai}
SRC=${BENCH_DIR:-${TMPDIR:-/tmp}/zg-bench-pagecost}
DATASETS=${DATASETS:-city}
SORTS=${SORTS:-deadline light}
. "$(dirname "$0")/lib.sh"
W=$(mktemp -d "${TMPDIR:-/tmp}/zg-deep.XXXXXX")
trap 'kill $PID 2>/dev/null || true; rm -rf "$W"' EXIT
PID=
for ds in $DATASETS; do
    [ -f "$SRC/$ds.db" ] || { echo "$ds: no $SRC/$ds.db (run bench/pagecost.sh first)" >&2; exit 1; }
    case $ds in county|city) OFFICE=office ;; *) OFFICE=d01-office1 ;; esac
    OFFICE=${LOGIN:-$OFFICE}
    for sort in $SORTS; do
        # The nation is served where it is, as pagecost.sh does (3.5 GB): its sessions and the
        # office's first password put back.
        DB=$W/d.db
        if [ "$ds" = nation ]; then
            DB=$SRC/nation.db
            sqlite3 "$DB" "DELETE FROM session; UPDATE users SET must_change_password = 1,
                failed_logins = 0, locked_until = NULL, password_hash = (SELECT password_hash
                FROM users WHERE login = 'sysadmin') WHERE login = '$OFFICE'"
        else
            dataset_copy "$SRC" "$ds" "$DB" "$OFFICE"
        fi
        rm -f "$W/out"
        "$ZG" --db "$DB" serve --listen 127.0.0.1:0 --today 2026-11-21 --quiet --rate-api 0 \
            --threads 1 >"$W/out" 2>"$W/err" &
        PID=$!
        while ! grep -q listening "$W/out" 2>/dev/null; do sleep 0.1; done
        URL=$(sed -n 's/^listening on \(http:[^ ]*\)\/$/\1/p' "$W/out")
        first_login "$URL" "$OFFICE" Zhenggai@2026 Bench@2026-deep "$W/jar"
        token=$(api_token "$W/jar" "$URL")
        [ -n "$token" ] || { echo "no API token" >&2; exit 1; }
        after= pages=0
        : >"$W/times"
        while :; do
            pages=$((pages + 1))
            curl -s -o "$W/page.json" -w '%{time_total}\n' -H "Authorization: Bearer $token" \
                "$URL/api/v1/measures?sort=$sort&limit=25${after:+&after=$after}" >>"$W/times"
            after=$(sed -n 's/.*"next":"\([^"]*\)".*/\1/p' "$W/page.json")
            [ -n "$after" ] && [ $pages -lt "${MAX_PAGES:-2000}" ] || break
        done
        awk -v ds="$ds" -v sort="$sort" '{ t[NR] = $1 * 1000; all += t[NR] }
            END { printf "%s, %s: %d pages;", ds, sort, NR
                  for (q = 0; q < 4; q++) { s = 1 + int(q * NR / 4); n = 0; sum = 0
                      for (k = s; k < s + 20 && k <= NR; k++) { sum += t[k]; n++ }
                      printf "  pages %d-%d %.2f ms", s, s + n - 1, sum / n }
                  printf ";  the walk %.0f ms\n", all }' "$W/times"
        kill $PID
        wait $PID 2>/dev/null || true
    done
done
