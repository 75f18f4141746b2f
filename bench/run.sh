#!/bin/sh
# bench/run.sh: the foundation's benchmarks on the province dataset (SPEC §8).
#   1. time to generate the province dataset (zhenggai demo --scale province)
#   2. time of `status` for one inspection, and for the whole dataset
# Timings are hyperfine's medians of whole-process runs (no shell, warm cache).
# Usage: sh bench/run.sh [BUILD_DIR]   (installs hyperfine from Debian if missing)
set -eu
BUILD=${1:-build}
ZG=$(cd "$BUILD" && pwd)/zhenggai
DIR=${TMPDIR:-/tmp}/zg-bench
mkdir -p "$DIR"
DB="$DIR/province.db"
TODAY=2026-11-21

command -v hyperfine >/dev/null 2>&1 || apt-get install -y -qq hyperfine >/dev/null

# median NAME RUNS CMD…: print "NAME: median X ms (min Y, max Z, N runs)"
median() {
    name=$1 runs=$2
    shift 2
    hyperfine -N --warmup 3 --runs "$runs" --export-json "$DIR/h.json" "$*" >/dev/null
    awk -v name="$name" -v runs="$runs" '
        /"median"/ { gsub(/[",]/, ""); med = $2 * 1000 }
        /"min"/    { gsub(/[",]/, ""); min = $2 * 1000 }
        /"max"/    { gsub(/[",]/, ""); max = $2 * 1000 }
        END { printf "%s: median %.2f ms (min %.2f, max %.2f, %d runs)\n", name, med, min, max, runs }
    ' "$DIR/h.json"
}

# Generation takes seconds: three timed runs, the median reported.
for i in 1 2 3; do
    rm -f "$DB" "$DB-wal" "$DB-shm"
    t0=$(date +%s%N)
    "$ZG" --db "$DB" demo --scale province --today $TODAY >"$DIR/demo.out"
    t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000000 ))
done | sort -n | awk 'NR == 2 { printf "generate province dataset: median %d ms (3 runs)\n", $1 }'
head -1 "$DIR/demo.out"
"$ZG" --db "$DB" status --as-of $TODAY | head -1
median "status, one inspection" 101 "$ZG" --db "$DB" status --inspection 50 --as-of $TODAY
median "status --json, one inspection" 101 "$ZG" --db "$DB" status --inspection 50 --as-of $TODAY --json
median "status, all 100 inspections" 11 "$ZG" --db "$DB" status --as-of $TODAY
median "process start-up (help)" 101 "$ZG" help
