#!/bin/sh
# bench/inbox.sh: what the 待办 count and the inbox cost (issue 11), in instructions counted by
# valgrind's callgrind for one request each (the machine may be loaded: instruction counts do
# not move with the load, wall clock does). For each dataset it serves a fresh copy under
# callgrind with one worker thread, logs in as USER, reads each page once (statements prepared,
# caches filled), makes one write (an API token: the data version moves, so the per-thread count
# cache is cold) and then counts, each request alone:
#   list-cold   GET /measures?inspection=I&sort=deadline, the first after the write (the
#               navigation bar's count computed)
#   list-warm   the same again (the count from the thread's cache when the same thread answers)
#   inbox       GET /inbox (its count, chips, position and the first page of 25)
#   inbox-2     GET /inbox?after=… (the second page: position and the page before it too)
# and, of list-cold, the part spent in the navigation bar's count (page_inbox_count, inclusive).
# Usage: sh bench/inbox.sh [BUILD_DIR]
#   DATASETS="county city" (default); DIR=/tmp/zg-bench-pagecost, the generated datasets (read
#   only: each run serves a copy in WORK, default a new temporary folder); USER=office;
#   PW=Bench@2026-pagecost; ZG_OLD=path: measure that binary instead (the copy is marked schema
#   ZG_OLD_SCHEMA, default 9, so that an older binary opens it; the newer indexes stay unused).
#   Never pass nation: its dataset is not copied (3.5 GB).
set -eu
BUILD=${1:-build}
ZG=${ZG_OLD:-$(cd "$BUILD" && pwd)/zhenggai}
DIR=${DIR:-/tmp/zg-bench-pagecost}
WORK=${WORK:-$(mktemp -d)}
DATASETS=${DATASETS:-county city}
LOGIN=${USER_LOGIN:-office}
PW=${PW:-Bench@2026-pagecost}
TODAY=2026-11-21
command -v valgrind >/dev/null 2>&1 || apt-get install -y -qq valgrind >/dev/null

# The instructions of the requests since the last zeroing: dump (the Nth) and read the totals.
count() {
    callgrind_control -d "$1" "$PID" >/dev/null 2>&1
    awk '/^totals:/ { print $2 }' "$WORK/callgrind.out.$PID.$2"
}

for ds in $DATASETS; do
    [ "$ds" = nation ] && { echo "nation: not copied (3.5 GB), skipped" >&2; continue; }
    DB="$WORK/$ds.db"
    rm -rf "$DB" "$DB-wal" "$DB-shm" "$DB-files" "$WORK"/callgrind.out.*
    sqlite3 "$DIR/$ds.db" ".backup '$DB'"
    cp -p "$DIR/$ds.db.audit-key" "$DB.audit-key"
    [ -d "$DIR/$ds.db-files" ] && cp -a "$DIR/$ds.db-files" "$DB-files" && rm -f "$DB-files/serve.lock"
    [ -n "${ZG_OLD:-}" ] && sqlite3 "$DB" "PRAGMA user_version = ${ZG_OLD_SCHEMA:-9}"
    INSPECTION=$(sqlite3 "$DB" "SELECT min(id) FROM inspection")
    (cd "$WORK" && exec valgrind --tool=callgrind --callgrind-out-file="$WORK/callgrind.out.%p" \
        "$ZG" --db "$DB" serve --listen 127.0.0.1:0 --threads 1 --today $TODAY --quiet \
        >"$WORK/serve.out" 2>"$WORK/serve.err") &
    PID=$!
    while ! grep -q listening "$WORK/serve.out" 2>/dev/null; do sleep 0.5; done
    URL=$(sed -n 's/^listening on \(http:[^ ]*\)\/$/\1/p' "$WORK/serve.out")
    jar="$WORK/jar"
    rm -f "$jar"
    csrf=$(curl -s -c "$jar" -H 'Content-Type: application/json' \
        -d "{\"login\":\"$LOGIN\",\"password\":\"$PW\"}" "$URL/api/v1/session" |
        sed -n 's/.*"csrf":"\([0-9a-f]*\)".*/\1/p')
    [ -n "$csrf" ] || { echo "$ds: login failed" >&2; kill "$PID"; exit 1; }
    get() { curl -s -o "$WORK/body" -w '%{http_code}' -b "$jar" "$URL$1"; }
    list="/measures?inspection=$INSPECTION&sort=deadline"
    get "$list" >/dev/null
    get /inbox >/dev/null
    next=$(sed -n 's/.*rel="next" href="[^"]*after=\([0-9.]*\)".*/\1/p' "$WORK/body")
    [ -n "$next" ] && get "/inbox?after=$next" >/dev/null
    curl -s -o /dev/null -b "$jar" -H "X-CSRF-Token: $csrf" -H "Origin: $URL" \
        -H 'Content-Type: application/json' -d '{"name":"bench"}' "$URL/api/v1/tokens"
    callgrind_control -z "$PID" >/dev/null 2>&1
    s=$(get "$list"); cold=$(count list-cold 1)
    navcount=$(callgrind_annotate --inclusive=yes "$WORK/callgrind.out.$PID.1" 2>/dev/null |
        awk '/page_inbox_count \[/ { gsub(",", "", $1); print $1; exit }')
    s=$s$(get "$list"); warm=$(count list-warm 2)
    s=$s$(get /inbox); inbox=$(count inbox 3)
    total=$(sed -n 's/.*id="inbox-count">\([0-9]*\)<.*/\1/p' "$WORK/body")
    inbox2=-
    if [ -n "$next" ]; then
        s=$s$(get "/inbox?after=$next"); inbox2=$(count inbox-2 4)
    fi
    kill "$PID"
    wait 2>/dev/null || true
    echo "$ds (statuses $s, $total duties): list-cold $cold (count ${navcount:-?})  list-warm $warm  inbox $inbox  inbox-2 $inbox2 instructions"
done
