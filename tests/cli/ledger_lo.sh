#!/bin/sh
# ledger_lo.sh: a ledger saved by LibreOffice is read. A CSV (problems repeated on each row,
# dates typed as 2025/6/30, 2025.6.30 and 2025年底前, kinds as words) is converted to .xlsx by
# LibreOffice Calc, which stores typed dates as date cells with its own number formats and
# strings as shared strings; `import ledger --dry-run --json` must read the same tree, dates and
# owners from the .xlsx as from the CSV. The county demo's exported .xlsx converted by
# LibreOffice to .xlsx again (LibreOffice rewrites every part) still imports as the same tree.
# The CSV is read as UTF-8 (filter options: comma, quote, UTF-8, Chinese locale, special numbers such as dates detected).
# tests/pg runs it again on PostgreSQL (ZG_PG_URI, lib/db.sh): the demo exported from there.
# Skipped (77) without LibreOffice. Usage: sh ledger_lo.sh PATH_TO_ZHENGGAI   (env: ZG_TMP)
set -u
zg=$1
command -v soffice >/dev/null 2>&1 || { echo "SKIP: soffice not installed"; exit 77; }
tmp="${ZG_TMP:-/tmp}/ledger-lo"
rm -rf "$tmp" && mkdir -p "$tmp/lo"
. "$(dirname "$0")/lib/expect.sh"

cat >"$tmp/plain.csv" <<'CSV'
序号,存在问题,整改举措,牵头领导,牵头单位,配合单位,整改时限,整改类型,完成情况
1,食堂管理不规范,建立巡查制度。,李明,区教育局,区财政局,2025/6/30,限期整改,已完成
1,食堂管理不规范,开展专项整治。,李明,区教育局,,2025.9.30,限期整改,整改中
2,教师管理不到位,清理在编不在岗人员。,王芳,区人社局,区教育局,2025年底前,限期整改,未启动
2,教师管理不到位,健全长效机制。,王芳,区人社局,,长期坚持,长期坚持,整改中
CSV
. "$(dirname "$0")/lib/db.sh"
db=$(zg_db "$tmp" none) || exit 1
"$zg" --db "$db" demo --scale county >/dev/null
"$zg" --db "$db" export ledger --inspection 1 -o "$tmp/export.xlsx" 2>/dev/null
mkdir -p "$tmp/re" && cp "$tmp/export.xlsx" "$tmp/re/export.xlsx"
timeout 300 soffice --headless --norestore -env:UserInstallation="file://$tmp/profile" \
    --infilter="CSV:44,34,76,1,,2052,false,true" --convert-to xlsx --outdir "$tmp/lo" "$tmp/plain.csv" >"$tmp/soffice.log" 2>&1 ||
    fail "soffice: $(cat "$tmp/soffice.log")"
timeout 300 soffice --headless --norestore -env:UserInstallation="file://$tmp/profile" \
    --convert-to xlsx:"Calc MS Excel 2007 XML" --outdir "$tmp/lo" "$tmp/re/export.xlsx" \
    >>"$tmp/soffice.log" 2>&1 || fail "soffice: $(cat "$tmp/soffice.log")"
[ -s "$tmp/lo/plain.xlsx" ] || { echo "FAIL: LibreOffice wrote no plain.xlsx: $(cat "$tmp/soffice.log")"; exit 1; }

# The tree and what each measure says, without the source's name, hash and line numbers.
tree() { "$zg" debug-parse "$1" | sed -n '/^findings/,/^warnings/p'; }
tree "$tmp/plain.csv" >"$tmp/csv.txt"
tree "$tmp/lo/plain.xlsx" >"$tmp/xlsx.txt"
grep -q "4 measures" "$tmp/csv.txt" || fail "the CSV did not give 4 measures: $(cat "$tmp/csv.txt")"
cmp -s "$tmp/csv.txt" "$tmp/xlsx.txt" || fail "LibreOffice's .xlsx reads differently: $(diff "$tmp/csv.txt" "$tmp/xlsx.txt" | head -6)"
grep -q "due 2025-06-30" "$tmp/xlsx.txt" || fail "2025/6/30 not read from LibreOffice's date cell"
grep -q "due 2025-12-31" "$tmp/xlsx.txt" || fail "2025年底前 not read"
expect 0 "$zg" import ledger "$tmp/lo/plain.xlsx" --dry-run --json
grep -q '"leaders":\[{"name":"李明"}\],"lead_unit":{"name":"区教育局"},"co_units":\[{"name":"区财政局"}\],"state":"closed"' "$tmp/out" ||
    fail "owners or state of the first measure: $(head -c 600 "$tmp/out")"

tree "$tmp/export.xlsx" >"$tmp/a.txt"
tree "$tmp/lo/export.xlsx" >"$tmp/b.txt"
grep -q "300 measures" "$tmp/a.txt" || fail "the export did not give 300 measures"
cmp -s "$tmp/a.txt" "$tmp/b.txt" || fail "the export saved again by LibreOffice reads differently: $(diff "$tmp/a.txt" "$tmp/b.txt" | head -6)"

[ "$fails" = 0 ] || { echo "$fails failed"; exit 1; }
echo "ledger via LibreOffice: ok"
