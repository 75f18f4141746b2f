#!/bin/sh
# bench/run.sh: the foundation's benchmarks, on the province dataset (SPEC §8).
#   1. time to generate the province dataset (zhenggai demo --scale province)
#   2. time of `status` for one inspection, and for the whole dataset
# Each timing is the median of N runs (default 21) of the whole process, wall clock, warm cache.
# Usage: sh bench/run.sh [BUILD_DIR] ; writes nothing but a scratch database in $TMPDIR.
set -eu
BUILD=${1:-build}
ZG=$(cd "$BUILD" && pwd)/zhenggai
N=${N:-21}
DIR=${TMPDIR:-/tmp}/zg-bench
mkdir -p "$DIR"
DB="$DIR/province.db"
TODAY=2026-11-21

now_ns() { date +%s%N; }

# median_ms CMD…: run N times, print the median wall time in milliseconds
median_ms() {
    i=0
    : >"$DIR/times"
    while [ $i -lt "$N" ]; do
        t0=$(now_ns)
        "$@" >/dev/null
        t1=$(now_ns)
        echo $(( (t1 - t0) / 1000 )) >>"$DIR/times"
        i=$((i + 1))
    done
    sort -n "$DIR/times" | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)] / 1000}'
}

rm -f "$DB" "$DB-wal" "$DB-shm"
t0=$(now_ns)
"$ZG" --db "$DB" demo --scale province --today $TODAY
t1=$(now_ns)
echo "generate province: $(( (t1 - t0) / 1000000 )) ms"
echo "status, one inspection (median of $N): $(median_ms "$ZG" --db "$DB" status --inspection 50 --as-of $TODAY) ms"
echo "status --json, one inspection (median of $N): $(median_ms "$ZG" --db "$DB" status --inspection 50 --as-of $TODAY --json) ms"
echo "help, process start-up only (median of $N): $(median_ms "$ZG" help) ms"
N=5
echo "status, all 100 inspections (median of $N): $(median_ms "$ZG" --db "$DB" status --as-of $TODAY) ms"
