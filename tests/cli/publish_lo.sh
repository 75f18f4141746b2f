#!/bin/sh
# publish_lo.sh: the published 通报's docx in LibreOffice (headless): it converts without
# error, and pdftotext of the PDF shows the official layout — section labels with full-width
# brackets even where the ledger holds half-width ones, the second section starting on the
# first page (no half-empty first page), the attachment line, and the signature block with
# the date in Chinese under the signer. The first pages go to BUILD/publish-png/ to look at.
# Exits 77 (skipped) when LibreOffice or poppler-utils are missing.
# tests/pg runs it again on PostgreSQL (ZG_PG_URI, lib/db.sh): published there and read back
# from there, the PNGs under BUILD/publish-png-pg/.
# Usage: sh publish_lo.sh PATH_TO_ZHENGGAI   (env: ZG_TMP)
set -u
zg=$1
for tool in soffice pdftotext pdftoppm python3; do
    command -v $tool >/dev/null 2>&1 || { echo "SKIP: $tool not installed"; exit 77; }
done
tmp="${ZG_TMP:-/tmp}/publish-lo"
. "$(dirname "$0")/lib/db.sh"
png="$(cd "$(dirname "$zg")" && pwd)/publish-png$(zg_pg && echo -pg)"
rm -rf "$tmp" "$png" && mkdir -p "$tmp/pdf" "$png"
db=$(zg_db "$tmp" demo) || exit 1
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

"$zg" --db "$db" demo --scale county --today 2026-11-21 >/dev/null || { echo "FAIL: demo"; exit 1; }
# A ledger imported with half-width labels: the report prints them full-width.
sql "$db" "update finding set label = '(一)' where id = (select min(id) from finding where label = '（一）')" ||
    fail "relabel"
"$zg" --db "$db" report publish --inspection 1 --as-of 2026-11-21 --attach-ledger >"$tmp/out.txt" 2>&1 ||
    fail "publish: $(cat "$tmp/out.txt")"
grep -q "^published report 1$" "$tmp/out.txt" || fail "publish said: $(cat "$tmp/out.txt")"
blob "$db" publication_file bytes "publication_id = 1 and format = 'docx'" >"$tmp/published.docx" ||
    fail "read the docx"
# The frozen bytes are the ones whose SHA-256 was kept.
want=$(sql "$db" "select sha256 from publication_file where publication_id = 1 and format = 'docx'")
got=$(sha256sum "$tmp/published.docx" | cut -d' ' -f1)
[ "$want" = "$got" ] || fail "docx SHA-256 $got, kept $want"

timeout 300 soffice --headless --norestore -env:UserInstallation="file://$tmp/profile" \
    --convert-to pdf --outdir "$tmp/pdf" "$tmp/published.docx" >"$tmp/soffice.log" 2>&1 ||
    fail "soffice: $(cat "$tmp/soffice.log")"
[ -s "$tmp/pdf/published.pdf" ] || { fail "no published.pdf"; exit 1; }
pdftotext "$tmp/pdf/published.pdf" - | tr -d ' \n\f\r' >"$tmp/all.txt"
pdftotext -f 1 -l 1 "$tmp/pdf/published.pdf" - | tr -d ' \n\f\r' >"$tmp/page1.txt"
has() { grep -q -- "$2" "$tmp/$1.txt" || fail "$1 lacks '$2'"; }
has all "中共清源区委关于巡视整改进展情况的通报"
has all "（一）"
grep -q "(一)" "$tmp/all.txt" && fail "a half-width (一) label is printed"
has all "附件：1.巡视整改台账"
# The signature block: the signer, then the date in Chinese.
has all "附件：1.巡视整改台账中共清源区委2026年11月21日"
# Section 二 starts on the first page: no half-empty first page.
has page1 "一、组织整改落实情况"
has page1 "二、巡视反馈问题整改进展情况"

pdftoppm -r 60 -png -f 1 -l 2 "$tmp/pdf/published.pdf" "$png/published" || fail "pdftoppm"
[ $fails -eq 0 ] && echo "publish_lo: all checks passed"
exit $fails
