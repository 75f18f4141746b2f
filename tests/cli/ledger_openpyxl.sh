#!/bin/sh
# ledger_openpyxl.sh: the exported 台账 read by an independent reader (Debian's python3-openpyxl,
# as Excel would read it): every deadline of the database is a date cell showing the Chinese
# date, a measure without a date keeps its kind as text, 序号 and 完成进度 are numbers (the latter
# with a percent format), and the merged ranges
# of columns A-C cover exactly each problem's rows. Skipped (77) without python3-openpyxl.
# Usage: sh ledger_openpyxl.sh PATH_TO_ZHENGGAI   (env: ZG_TMP)
set -u
zg=$1
tmp="${ZG_TMP:-/tmp}/ledger-openpyxl"
py=/usr/bin/python3
"$py" -c "import openpyxl" 2>/dev/null || { echo "SKIP: python3-openpyxl is not installed"; exit 77; }
rm -rf "$tmp" && mkdir -p "$tmp"
. "$(dirname "$0")/lib/db.sh"
db=$(zg_db "$tmp" demo) || exit 1
"$zg" --db "$db" demo --scale county >/dev/null || { echo "FAIL: demo"; exit 1; }
"$zg" --db "$db" export ledger --inspection 1 -o "$tmp/ledger.xlsx" 2>/dev/null || { echo "FAIL: export"; exit 1; }
# Per measure in ledger order: the problem's id, the deadline (or -), the kind.
sql "$db" "SELECT m.finding_id, coalesce(m.deadline, '-'), m.kind, m.long_term, m.percent FROM measure m
  JOIN finding f ON f.id = m.finding_id WHERE m.inspection_id = 1 ORDER BY m.finding_id, m.ordinal" \
    >"$tmp/expect.txt"
"$py" - "$tmp/ledger.xlsx" "$tmp/expect.txt" <<'PY'
import sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
rows = [l.rstrip("\n").split("|") for l in open(sys.argv[2], encoding="utf-8")]
fails = []
head = [c.value for c in ws[1]]
col = {name: i + 1 for i, name in enumerate(head)}
for k in ("序号", "问题类别", "反馈问题", "整改时限", "整改类型", "完成进度"):
    if k not in col:
        fails.append("no column %s in %r" % (k, head))
if fails:
    print("FAIL:", fails); sys.exit(1)
if ws.max_row - 1 != len(rows):
    fails.append("%d rows, database has %d measures" % (ws.max_row - 1, len(rows)))
merged = {}
for rng in ws.merged_cells.ranges:
    merged[(rng.min_col, rng.min_row)] = rng.max_row
r = 2
i = 0
dates = 0
while i < len(rows):
    j = i
    while j < len(rows) and rows[j][0] == rows[i][0]:
        j += 1
    last = r + (j - i) - 1
    for c in (1, 2, 3):
        if j - i > 1 and merged.get((c, r)) != last:
            fails.append("column %d rows %d-%d not merged (%r)" % (c, r, last, merged.get((c, r))))
    seq = ws.cell(row=r, column=col["序号"]).value
    if not isinstance(seq, int):
        fails.append("序号 at row %d is %r, not a number" % (r, seq))
    for k in range(i, j):
        row = r + (k - i)
        cell = ws.cell(row=row, column=col["整改时限"])
        deadline, kind, long_term = rows[k][1], rows[k][2], rows[k][3]
        if deadline != "-":
            want = datetime.datetime.strptime(deadline, "%Y-%m-%d")
            if not isinstance(cell.value, datetime.datetime) or cell.value != want:
                fails.append("deadline at H%d is %r, wanted the date %s" % (row, cell.value, deadline))
            elif "年" not in cell.number_format or ("长期坚持" in cell.number_format) != (long_term == "1"):
                fails.append("deadline at H%d has format %r" % (row, cell.number_format))
            else:
                dates += 1
        elif not isinstance(cell.value, str):
            fails.append("kind-only deadline at H%d is %r, not text" % (row, cell.value))
        if not isinstance(ws.cell(row=row, column=col["整改类型"]).value, str):
            fails.append("整改类型 at row %d is not text" % row)
        pct = ws.cell(row=row, column=col["完成进度"])
        if not isinstance(pct.value, (int, float)) or "%" not in pct.number_format or \
                abs(pct.value * 100 - int(rows[k][4])) > 0.001:
            fails.append("完成进度 at row %d is %r (%s), wanted %s%%" % (row, pct.value, pct.number_format, rows[k][4]))
    r = last + 1
    i = j
if dates == 0:
    fails.append("no date cell checked")
for f in fails[:10]:
    print("FAIL:", f)
if fails:
    sys.exit(1)
print("openpyxl: %d measures, %d date cells, merges, numbers and percentages as expected" % (len(rows), dates))
PY
