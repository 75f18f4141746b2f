#!/bin/sh
# inspection_default.sh: `report`, `report text` and `export ledger` without --inspection take
# the only inspection; with none, or with several, they fail with a usage error (exit 2) that
# lists the inspections, one line each (id and title).
# Usage: sh inspection_default.sh PATH_TO_ZHENGGAI   (env: ZG_TMP, ZG_SOURCE_DIR)
set -u
zg=$1
tmp="${ZG_TMP:-/tmp}/inspection-default-cli"
rm -rf "$tmp" && mkdir -p "$tmp"
. "$(dirname "$0")/lib/expect.sh"
. "$(dirname "$0")/lib/db.sh"
db=$(zg_db "$tmp" demo) || exit 1
fixture="${ZG_SOURCE_DIR:-.}/tests/fixtures/import/report-sections.md"

# An empty database: nothing to default to.
expect 0 "$zg" --db "$db" init
expect 2 "$zg" --db "$db" report --kind stats --format json
grep -q "no inspection in the database" "$tmp/err" || fail "empty: $(cat "$tmp/err")"

# One inspection: every command takes it.
rm -f "$db"
"$zg" --db "$db" demo --scale county --today 2026-11-21 >/dev/null || { echo "FAIL: demo"; exit 1; }
expect 0 "$zg" --db "$db" report --kind stats --format json --as-of 2026-11-21
grep -q '"measures": 300' "$tmp/out" || fail "stats of the only inspection: $(head -c 200 "$tmp/out")"
expect 0 "$zg" --db "$db" export ledger -o "$tmp/ledger.csv" --as-of 2026-11-21
[ -s "$tmp/ledger.csv" ] || fail "no ledger written"
expect 1 "$zg" --db "$db" report text show --block plan
grep -q "inspection 1 has no" "$tmp/err" || fail "report text: $(cat "$tmp/err")"

# Two inspections: say which exist, one line each.
expect 0 "$zg" --db "$db" import doc "$fixture"
expect 2 "$zg" --db "$db" report --kind stats --format json
grep -q "missing --inspection: the database has 2 inspections" "$tmp/err" || fail "several: $(cat "$tmp/err")"
title1=$(sql "$db" "SELECT title FROM inspection WHERE id = 1")
title2=$(sql "$db" "SELECT title FROM inspection WHERE id = 2")
grep -qx "  1  $title1" "$tmp/err" || fail "no line for inspection 1: $(cat "$tmp/err")"
grep -qx "  2  $title2" "$tmp/err" || fail "no line for inspection 2: $(cat "$tmp/err")"
expect 2 "$zg" --db "$db" export ledger -o "$tmp/ledger2.csv"
grep -q "the database has 2 inspections" "$tmp/err" || fail "export: $(cat "$tmp/err")"
# Naming one still works.
expect 0 "$zg" --db "$db" report --inspection 2 --kind stats --format json

[ "$fails" = 0 ] || exit 1
echo "inspection_default: ok"
