#!/bin/sh
# bench/unitpage.sh: issue 11's unit and tree pages on the city ledger (one inspection of 10,000
# measures; its largest unit leads 2,256 and shares 205 more). On a copy of the dataset (the
# shared file is never written: the copy takes the migration), as the office user, it prints for
# each request the reply's bytes plain and gzip, and with wrk -t2 --latency at -c8 the req/s,
# p50 and p99:
#   unit-page       GET /units/U?inspection=I            (counts, 20 duties, 25 rows)
#   unit-page-all   GET /units/U?inspection=I&state=     (every state, 25 rows)
#   unit-api        GET /api/v1/units/U                  (counts; reporting=1 not asked)
#   list-unit       GET /measures?inspection=I&unit=U     (the list filtered by the unit)
#   list-unit-next  the same list's page after a cursor in the middle
#   tree            GET /inspections/I                   (problems collapsed)
#   tree-open       GET /inspections/I?open=1            (10 rows a problem)
#   tree-problem    GET /inspections/I?problem=P         (one problem in full)
# With ZG_OLD=path the same requests go to that binary (on its own copy), for before/after.
# Usage: sh bench/unitpage.sh [BUILD_DIR]
#   DATASET=/tmp/zg-bench-pagecost/city.db (default; made by bench/pagecost.sh)  DURATION=5s
set -eu
BUILD=${1:-build}
RUN=${ZG_OLD:-$(cd "$BUILD" && pwd)/zhenggai}
SRC=${DATASET:-${TMPDIR:-/tmp}/zg-bench-pagecost/city.db}
DURATION=${DURATION:-5s}
DIR=$(mktemp -d "${TMPDIR:-/tmp}/zg-bench-unitpage.XXXXXX")
trap 'kill "$PID" 2>/dev/null || true; rm -rf "$DIR"' EXIT
TODAY=2026-11-21
PW=${PW:-Bench@2026-pagecost}
OFFICE=${OFFICE:-office}

command -v wrk >/dev/null 2>&1 || apt-get install -y -qq wrk >/dev/null
[ -f "$SRC" ] || { echo "no dataset $SRC: run bench/pagecost.sh first" >&2; exit 1; }
# A consistent copy (the WAL folded in) with its files and key beside it.
sqlite3 "file:$SRC?mode=ro" ".backup $DIR/city.db"
cp -r "$SRC-files" "$DIR/city.db-files" 2>/dev/null || true
cp "$SRC.audit-key" "$DIR/city.db.audit-key"
DB=$DIR/city.db
INSPECTION=$(sqlite3 "$DB" "SELECT min(id) FROM inspection")
UNIT=$(sqlite3 "$DB" "SELECT lead_unit_id FROM measure GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
PROBLEM=$(sqlite3 "$DB" "SELECT finding_id FROM measure GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
echo "load before the run: $(uptime)"
echo "binary: $RUN; dataset copy of $SRC; unit $UNIT, inspection $INSPECTION, problem $PROBLEM"

"$RUN" --db "$DB" serve --listen 127.0.0.1:0 --today $TODAY --quiet --rate-api 0 \
    >"$DIR/serve.out" 2>"$DIR/serve.err" &
PID=$!
while ! grep -q listening "$DIR/serve.out" 2>/dev/null; do sleep 0.1; done
URL=$(sed -n 's/^listening on \(http:[^ ]*\)\/$/\1/p' "$DIR/serve.out")
curl -s -c "$DIR/jar" -H 'Content-Type: application/json' \
    -d "{\"login\":\"$OFFICE\",\"password\":\"$PW\"}" "$URL/api/v1/session" >/dev/null
SID=$(awk '$6 == "zg_sid" { print $7 }' "$DIR/jar")
[ -n "$SID" ] || { echo "login as $OFFICE failed" >&2; exit 1; }
NEXT=$(curl -s -b "zg_sid=$SID" "$URL/api/v1/measures?inspection=$INSPECTION&unit=$UNIT&limit=100" |
    sed -n 's/.*"next":"\([^"]*\)".*/\1/p')

for spec in "unit-page /units/$UNIT?inspection=$INSPECTION" \
            "unit-page-all /units/$UNIT?inspection=$INSPECTION&state=" \
            "unit-api /api/v1/units/$UNIT" \
            "list-unit /measures?inspection=$INSPECTION&unit=$UNIT" \
            "list-unit-next /measures?inspection=$INSPECTION&unit=$UNIT&after=$NEXT" \
            "tree /inspections/$INSPECTION" \
            "tree-open /inspections/$INSPECTION?open=1" \
            "tree-problem /inspections/$INSPECTION?problem=$PROBLEM"; do
    name=${spec%% *} path=${spec#* }
    status=$(curl -s -o "$DIR/body" -w '%{http_code}' -b "zg_sid=$SID" "$URL$path")
    plain=$(wc -c <"$DIR/body")
    gz=$(curl -s -H 'Accept-Encoding: gzip' -b "zg_sid=$SID" "$URL$path" | wc -c)
    wrk -t2 -c8 -d"$DURATION" --latency -H "Cookie: zg_sid=$SID" "$URL$path" >"$DIR/wrk.out"
    awk -v name="$name" -v st="$status" -v plain="$plain" -v gz="$gz" '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; return v * 1000 }
        / 50%/ { p50 = ms($2) } / 99%/ { p99 = ms($2) } /Requests\/sec/ { rps = $2 }
        END { printf "%-14s %s %9d B plain %8d B gzip %9.0f req/s  p50 %8.2f ms  p99 %8.2f ms\n",
                     name, st, plain, gz, rps, p50, p99 }' "$DIR/wrk.out"
done
echo "RSS after the run: $(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' /proc/$PID/status) MB"
echo "load after the run: $(uptime)"
