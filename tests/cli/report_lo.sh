#!/bin/sh
# report_lo.sh: the generated DOCX and XLSX open in LibreOffice (headless) without error, and
# the PDFs it makes hold the headings and the figures: the 通报 (A4) against the Markdown
# report and the ledger's counts, the ledger (A3 landscape) and the dispatch sheet. The first
# pages are rendered to PNG under BUILD/report-png/ for people to look at. Slow (LibreOffice
# starts for a few seconds), so it is a test of its own and runs beside the others.
# Exits 77 (skipped) when LibreOffice or poppler-utils are not installed (scripts/deps.sh
# installs them).
# tests/pg runs it again on PostgreSQL (ZG_PG_URI, lib/db.sh): the files made from a demo there,
# the PNGs under BUILD/report-png-pg/.
# Usage: sh report_lo.sh PATH_TO_ZHENGGAI   (env: ZG_TMP)
set -u
zg=$1
for tool in soffice pdftotext pdftoppm pdfinfo; do
    command -v $tool >/dev/null 2>&1 || { echo "SKIP: $tool not installed"; exit 77; }
done
tmp="${ZG_TMP:-/tmp}/report-lo"
. "$(dirname "$0")/lib/db.sh"
png="$(cd "$(dirname "$zg")" && pwd)/report-png$(zg_pg && echo -pg)"
rm -rf "$tmp" "$png" && mkdir -p "$tmp/pdf" "$png"
db=$(zg_db "$tmp" demo) || exit 1
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

"$zg" --db "$db" demo --scale county --today 2026-11-21 >/dev/null || { echo "FAIL: demo"; exit 1; }
R() { "$zg" --db "$db" report --inspection 1 --as-of 2026-11-21 "$@"; }
R --kind tongbao --format docx -o "$tmp/tongbao.docx" 2>/dev/null || fail "tongbao.docx"
R --kind tongbao --format md -o "$tmp/tongbao.md" 2>/dev/null || fail "tongbao.md"
R --kind dispatch --format xlsx -o "$tmp/dispatch.xlsx" 2>/dev/null || fail "dispatch.xlsx"
"$zg" --db "$db" export ledger --inspection 1 --as-of 2026-11-21 -o "$tmp/ledger.xlsx" 2>/dev/null ||
    fail "ledger.xlsx"

# A private profile, so that no user's settings (or a running office) get in the way.
timeout 300 soffice --headless --norestore -env:UserInstallation="file://$tmp/profile" \
    --convert-to pdf --outdir "$tmp/pdf" \
    "$tmp/tongbao.docx" "$tmp/ledger.xlsx" "$tmp/dispatch.xlsx" >"$tmp/soffice.log" 2>&1
rc=$?
[ $rc = 0 ] || fail "soffice exited $rc: $(cat "$tmp/soffice.log")"
grep -i "error" "$tmp/soffice.log" && fail "soffice reported an error"
for f in tongbao ledger dispatch; do
    [ -s "$tmp/pdf/$f.pdf" ] || { fail "no $f.pdf"; continue; }
    # The text without blanks and line breaks (pdftotext spaces digits from Chinese and breaks
    # lines where the page does).
    pdftotext "$tmp/pdf/$f.pdf" - | tr -d ' \n\f\r' >"$tmp/$f.txt"
done
has() { grep -q -- "$2" "$tmp/$1.txt" || fail "$1.pdf lacks '$2'"; }

# The 通报: A4, its title, headings, and the figures the Markdown report states.
pdfinfo "$tmp/pdf/tongbao.pdf" | grep -q "Page size: *595.* x 841.* pts (A4)" || fail "tongbao.pdf is not A4"
has tongbao "中共清源区委关于巡视整改进展情况的通报"
for h in 一、组织整改落实情况 二、巡视反馈问题整改进展情况 三、巡视移交问题线索和信访件办理情况 \
    四、需要进一步整改的事项 （一）基本完成事项 （二）正在整改尚未完成事项 五、下一步工作打算; do
    has tongbao "$h"
done
measures=$(sql "$db" "select count(*) from measure where inspection_id = 1")
has tongbao "研究制定整改措施${measures}项"
mechanisms=$(sql "$db" "select count(*) from mechanism where inspection_id = 1")
has tongbao "建立完善制度机制${mechanisms}项"
figures=$(grep -o '[0-9]*个问题中，完成问题整改[0-9]*个，基本完成整改[0-9]*个，未完成整改[0-9]*个。' "$tmp/tongbao.md")
[ -n "$figures" ] || fail "tongbao.md states no problem figures"
has tongbao "$figures"
has tongbao "经调查处理，"
has tongbao "中共清源区委2026年11月21日"
# The page number field became numbers in the footer.
has tongbao "—2—"

# The ledger: A3 landscape, its headers, a problem and the light labels.
pdfinfo "$tmp/pdf/ledger.pdf" | grep -q "Page size: *1190.* x 841.* pts (A3)" || fail "ledger.pdf is not A3 landscape"
for h in 序号 反馈问题 整改措施 责任领导 牵头单位 整改时限 进展情况 亮灯 红灯 已销号; do
    has ledger "$h"
done
problem=$(sql "$db" "select title from finding where level = 'problem' order by id limit 1")
has ledger "$problem"
has ledger "第1页，共"

# The dispatch sheet: its title, the sections and the tables' headers.
has dispatch "清源区委巡视整改工作调度表"
for h in 一、各牵头单位整改情况 三、红灯事项 六、下周到期事项 牵头单位 按期报送率 情况说明; do
    has dispatch "$h"
done

# First pages as PNG for people to look at.
pdftoppm -r 60 -png -f 1 -l 2 "$tmp/pdf/tongbao.pdf" "$png/tongbao" || fail "pdftoppm tongbao"
pdftoppm -r 60 -png -f 1 -l 1 "$tmp/pdf/ledger.pdf" "$png/ledger" || fail "pdftoppm ledger"
pdftoppm -r 60 -png -f 1 -l 2 "$tmp/pdf/dispatch.pdf" "$png/dispatch" || fail "pdftoppm dispatch"
[ "$(ls "$png"/*.png 2>/dev/null | wc -l)" -ge 4 ] || fail "fewer than 4 PNG pages in $png"

[ $fails -eq 0 ] && echo "report_lo: all checks passed ($(ls "$png" | tr '\n' ' '))"
exit $fails
