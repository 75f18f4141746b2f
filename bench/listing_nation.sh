#!/bin/sh
# bench/listing_nation.sh: test_listing's checks - every sort's pages disjoint and covering the
# office's measures, the position each page shows, a unit's scope, the light filter, refused
# parameters, the tally - on a dataset of bench/pagecost.sh too large to generate in a test: the
# nation (900,000 measures in 3,000 inspections; the office's list is its organisation's, walked
# in each order, and the unit's its own). The expected figures are the test's own SQL; its one
# write (the tally case, in the first inspection) is rolled back, so the dataset is not copied.
# Usage: sh bench/listing_nation.sh [BUILD_DIR]   DS=nation (or province)
#   OFFICE=d01-office1 UNIT=d01-u01-1 (the accounts whose lists are walked)
set -eu
BUILD=${1:-build}
SRC=${BENCH_DIR:-${TMPDIR:-/tmp}/zg-bench-pagecost}
DS=${DS:-nation}
[ -f "$SRC/$DS.db" ] || { echo "no $SRC/$DS.db: run bench/pagecost.sh first" >&2; exit 1; }
start=$(date +%s)
ZG_LISTING_DB="$SRC/$DS.db" ZG_LISTING_OFFICE=${OFFICE:-d01-office1} \
    ZG_LISTING_UNIT=${UNIT:-d01-u01-1} "$BUILD/tests/test_listing"
echo "$DS: test_listing passed in $(($(date +%s) - start)) s"
