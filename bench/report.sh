#!/bin/sh
# bench/report.sh: every report of a 300-measure inspection (the county demo), each format as a
# whole process — start-up, open, load the ledger and its registers, compute, render, hash,
# record the report row and its audit entry, write the file (SPEC §8: ≤ 50 ms each).
# Timings are hyperfine's medians of whole-process runs (no shell, warm cache).
# Usage: sh bench/report.sh [BUILD_DIR]   (installs hyperfine from Debian if missing)
set -eu
BUILD=${1:-build}
ZG=$(cd "$BUILD" && pwd)/zhenggai
DIR=${TMPDIR:-/tmp}/zg-bench-report
rm -rf "$DIR" && mkdir -p "$DIR"
DB="$DIR/county.db"
TODAY=2026-11-21

command -v hyperfine >/dev/null 2>&1 || apt-get install -y -qq hyperfine >/dev/null

"$ZG" --db "$DB" demo --scale county --today $TODAY | head -1

# median NAME CMD…: print "NAME: median X ms (min Y, max Z, N runs)"
median() {
    name=$1
    shift
    hyperfine -N --warmup 5 --runs 51 --export-json "$DIR/h.json" "$*" >/dev/null 2>&1
    awk -v name="$name" '
        /"median"/ { gsub(/[",]/, ""); med = $2 * 1000 }
        /"min"/    { gsub(/[",]/, ""); min = $2 * 1000 }
        /"max"/    { gsub(/[",]/, ""); max = $2 * 1000 }
        END { printf "%-22s median %6.2f ms (min %.2f, max %.2f, 51 runs)\n", name, med, min, max }
    ' "$DIR/h.json"
}

R="$ZG --db $DB report --inspection 1 --as-of $TODAY"
for kf in tongbao:md tongbao:html tongbao:docx dispatch:md dispatch:html dispatch:xlsx stats:json; do
    k=${kf%%:*} f=${kf#*:}
    median "$k $f" $R --kind "$k" --format "$f" -o "$DIR/$k.$f"
done
median "ledger xlsx" "$ZG" --db "$DB" export ledger --inspection 1 --as-of $TODAY -o "$DIR/ledger.xlsx"
median "ledger csv" "$ZG" --db "$DB" export ledger --inspection 1 --as-of $TODAY -o "$DIR/ledger.csv"
median "status (reference)" "$ZG" --db "$DB" status --inspection 1 --as-of $TODAY
echo "reports recorded: $(sqlite3 "$DB" 'select count(*) from report')"
