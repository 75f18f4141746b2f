#!/bin/sh
# bench/import_ledger.sh: `import ledger` of a 30,000-row .xlsx. The workbook is the province
# demo's ledger: `export ledger` of each of its 100 inspections (300 measures each), their rows
# laid one after another on one sheet by Debian's python3-openpyxl, keeping every cell's value,
# type and number format (deadlines stay date cells) and every merged range. Measured: the
# dry run (read and check, nothing written) and the full import into a copy of the province
# database (names matched, one transaction), three runs each; rows/s from the median time and
# the peak resident memory (GNU time's maximum RSS).
# Usage: sh bench/import_ledger.sh [BUILD_DIR]
set -eu
BUILD=${1:-build}
ZG=$(cd "$BUILD" && pwd)/zhenggai
DIR=${TMPDIR:-/tmp}/zg-bench-import-ledger
mkdir -p "$DIR"
PY=/usr/bin/python3
"$PY" -c "import openpyxl" 2>/dev/null || apt-get install -y -qq python3-openpyxl >/dev/null
[ -x /usr/bin/time ] || apt-get install -y -qq time >/dev/null

# The workbook is made once (it takes minutes); delete $DIR to make it again.
if [ ! -f "$DIR/province-30000.xlsx" ]; then
rm -f "$DIR/province.db"
"$ZG" --db "$DIR/province.db" demo --scale province --today 2026-11-21 >/dev/null
for i in $(seq 1 100); do
    "$ZG" --db "$DIR/province.db" export ledger --inspection "$i" --as-of 2026-11-21 \
        -o "$DIR/l$i.xlsx" 2>/dev/null
done
"$PY" - "$DIR" <<'PY'
import sys, copy, openpyxl
d = sys.argv[1]
out = openpyxl.Workbook()
ws = out.active
ws.title = "整改台账"
row = 1
for i in range(1, 101):
    src = openpyxl.load_workbook(f"{d}/l{i}.xlsx").worksheets[0]
    first = 1 if i == 1 else 2
    offset = row - first
    for r in src.iter_rows(min_row=first):
        for c in r:
            if c.value is None:
                continue
            t = ws.cell(row=c.row + offset, column=c.column, value=c.value)
            t.number_format = c.number_format
    for m in src.merged_cells.ranges:
        ws.merge_cells(start_row=m.min_row + offset, end_row=m.max_row + offset,
                       start_column=m.min_col, end_column=m.max_col)
    row = src.max_row + offset + 1
out.save(f"{d}/province-30000.xlsx")
print(f"rows: {row - 2}")
PY
fi
ls -l "$DIR/province-30000.xlsx" | awk '{printf "workbook: %.1f MB\n", $5 / 1048576}'

# run NAME CMD…: three runs; print the median wall-clock seconds with rows/s, the median CPU
# seconds (user + system: the machine is shared, so wall time includes waiting for a core) and
# the largest peak RSS.
run() {
    name=$1
    shift
    : >"$DIR/times"
    for k in 1 2 3; do
        [ "$name" = "import" ] && cp "$DIR/province.db" "$DIR/target.db"
        /usr/bin/time -f "%e %M %U %S" -o "$DIR/t" "$@" >/dev/null 2>"$DIR/err" || { cat "$DIR/err"; exit 1; }
        cat "$DIR/t" >>"$DIR/times"
    done
    awk '{ print $3 + $4 }' "$DIR/times" | sort -n | sed -n 2p >"$DIR/cpu"
    sort -n "$DIR/times" | awk -v name="$name" -v cpu="$(cat "$DIR/cpu")" '
        { t[NR] = $1; if ($2 > m) m = $2 }
        END { printf "%-8s median %.2f s (%s, %s, %s): %.0f rows/s; CPU %.2f s: %.0f rows/s; peak RSS %.0f MB\n",
              name, t[2], t[1], t[2], t[3], 30000 / t[2], cpu, 30000 / cpu, m / 1024 }'
}
run "dry run" "$ZG" --db "$DIR/province.db" import ledger "$DIR/province-30000.xlsx" --dry-run --json
run "import" "$ZG" --db "$DIR/target.db" import ledger "$DIR/province-30000.xlsx"
