#!/bin/sh
# report.sh: `zhenggai report`, `report text` and `export ledger` from the outside on the county
# demo: every kind and format, stdout for text formats, the report row and audit entry of each
# delivery (and none for a failed one), the office's text blocks, names only on request, the
# dispatch sheet after a due day, and usage errors (one line on stderr, exit 2) and failures
# (one line, exit 1).
# Usage: sh report.sh PATH_TO_ZHENGGAI   (env: ZG_TMP)
set -u
zg=$1
tmp="${ZG_TMP:-/tmp}/report-cli"
rm -rf "$tmp" && mkdir -p "$tmp"
. "$(dirname "$0")/lib/expect.sh"
. "$(dirname "$0")/lib/db.sh"
db=$(zg_db "$tmp" demo) || exit 1
has() { grep -q -- "$2" "$1" || fail "$1 lacks '$2'"; }
lacks() { ! grep -q -- "$2" "$1" || fail "$1 should not contain '$2'"; }
q() { sql "$db" "$1"; }

"$zg" --db "$db" demo --scale county --today 2026-11-21 >/dev/null || { echo "FAIL: demo"; exit 1; }
R="$zg --db $db report --inspection 1 --as-of 2026-11-21"

# Every kind in every format it comes in.
for kf in tongbao:md tongbao:html tongbao:docx dispatch:md dispatch:html dispatch:xlsx stats:json; do
    k=${kf%%:*} f=${kf#*:}
    expect 0 $R --kind "$k" --format "$f" -o "$tmp/$k.$f"
    [ -s "$tmp/$k.$f" ] || fail "$k.$f is empty"
    grep -q "wrote '$tmp/$k.$f'" "$tmp/err" || fail "no 'wrote' line for $k.$f"
done
has "$tmp/tongbao.md" "^# 中共清源区委关于巡视整改进展情况的通报$"
has "$tmp/tongbao.md" "^## 四、需要进一步整改的事项$"
has "$tmp/tongbao.html" '<html lang="zh-CN">'
has "$tmp/dispatch.md" "^# 清源区委巡视整改工作调度表$"
has "$tmp/stats.json" '"measures": 300'
for f in tongbao.docx dispatch.xlsx; do
    [ "$(head -c 2 "$tmp/$f")" = PK ] || fail "$f is not a zip"
done
[ ! -e "$tmp/tongbao.md.tmp-"* ] 2>/dev/null || fail "a temporary file was left behind"

# Text formats go to stdout without -o (or with -o -); the record says so.
expect 0 $R --kind tongbao --format md
has "$tmp/out" "^# 中共清源区委关于巡视整改进展情况的通报$"
cmp -s "$tmp/out" "$tmp/tongbao.md" || fail "stdout and -o differ"
expect 0 $R --kind stats --format json -o -
has "$tmp/out" '"as_of": "2026-11-21"'
[ "$(q "select count(*) from audit where action = 'report.generate' and detail like '%to stdout%'")" = 2 ] ||
    fail "stdout deliveries not audited"

# Names of clue subjects only when asked.
lacks "$tmp/tongbao.md" "具体处理情况"
name=$(q "select c.subject_name from clue c join clue_outcome o on o.clue_id = c.id limit 1")
lacks "$tmp/tongbao.md" "$name（"
expect 0 $R --kind tongbao --format md --names
has "$tmp/out" "具体处理情况：.*$name（科长）"

# The dispatch sheet after the semi-monthly due day (the 25th): missing reports are listed.
expect 0 "$zg" --db "$db" report --inspection 1 --kind dispatch --format md --as-of 2026-11-27
missing=$(sed -n 's/.*本期未按时报送进展\([0-9]*\)项.*/\1/p' "$tmp/out")
[ "${missing:-0}" -gt 0 ] || fail "no missing reports on 2026-11-27: $(grep 本期 "$tmp/out")"
[ "$(grep -c '| 本期未按时报送进展 |' "$tmp/out")" -ge 1 ] || fail "missing reports not listed"

# Narrative blocks: set, shown, used by the report, audited.
printf '\357\273\277区委切实扛起整改主体责任。\r\n\r\n一是加强组织领导。\r\n' >"$tmp/organise.txt"
expect 0 "$zg" --db "$db" report text set --inspection 1 --block organise --file "$tmp/organise.txt"
expect 0 "$zg" --db "$db" report text show --inspection 1 --block organise
[ "$(cat "$tmp/out")" = "$(printf '区委切实扛起整改主体责任。\n\n一是加强组织领导。')" ] ||
    fail "text show: $(cat "$tmp/out")"
expect 0 $R --kind tongbao --format md
has "$tmp/out" "^区委切实扛起整改主体责任。$"
has "$tmp/out" "^一是加强组织领导。$"
lacks "$tmp/out" "对照反馈意见，逐项制定整改措施"
[ "$(q "select count(*) from audit where action = 'report.text.set'")" = 1 ] || fail "text set not audited"
expect 1 "$zg" --db "$db" report text show --inspection 1 --block plan
one_error "has no 'plan' text"

# Usage errors: one line, exit 2, nothing recorded.
reports=$(q "select count(*) from report")
expect 2 $R --kind tongbao --format docx
one_error "a docx file needs -o FILE"
expect 2 $R --kind tongbao --format xlsx -o "$tmp/x.xlsx"
one_error "comes as md|html|docx, not 'xlsx'"
expect 2 $R --kind weekly --format md
one_error "unknown --kind 'weekly' (one of tongbao|dispatch|stats)"
expect 2 $R --kind ledger --format xlsx -o "$tmp/x.xlsx"
one_error "export ledger"
expect 2 $R --format md
one_error "missing --kind"
# (Without --inspection the only inspection is taken: tests/cli/inspection_default.sh.)
expect 2 $R --kind tongbao --format md --bogus
one_error "unexpected argument '--bogus'"
expect 2 "$zg" --db "$db" report text set --inspection 1 --block preface --file "$tmp/organise.txt"
one_error "unknown --block 'preface' (one of organise|leader|plan)"
expect 2 "$zg" --db "$db" report text set --inspection 1 --block plan
one_error "missing --file"
expect 2 "$zg" --db "$db" export ledger --inspection 1 -o "$tmp/ledger.txt"
one_error "cannot tell the format of"
expect 2 "$zg" --db "$db" export frobs --inspection 1

# Failures: one line, exit 1, nothing recorded.
expect 1 "$zg" --db "$db" report --inspection 99 --kind tongbao --format md
one_error "no inspection with id 99"
expect 1 $R --kind tongbao --format md -o "$tmp/no-such-dir/x.md"
one_error "cannot write '$tmp/no-such-dir/x.md'"
printf '\303(\n' >"$tmp/bad.txt"
expect 1 "$zg" --db "$db" report text set --inspection 1 --block plan --file "$tmp/bad.txt"
one_error "'$tmp/bad.txt': text is not valid UTF-8"
expect 1 "$zg" --db "$db" report text set --inspection 1 --block plan --file "$tmp/none.txt"
one_error "cannot open '$tmp/none.txt'"
expect 1 "$zg" --db "$db" report text set --inspection 7 --block plan --file "$tmp/organise.txt"
one_error "no inspection with id 7"
[ "$(q "select count(*) from report")" = "$reports" ] || fail "a failed report was recorded"

# The ledger: xlsx by its extension, csv to stdout by --format.
expect 0 "$zg" --db "$db" export ledger --inspection 1 -o "$tmp/ledger.xlsx"
[ "$(head -c 2 "$tmp/ledger.xlsx")" = PK ] || fail "ledger.xlsx is not a zip"
expect 0 "$zg" --db "$db" export ledger --inspection 1 --format csv
[ "$(head -c 3 "$tmp/out" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "csv has no BOM"
has "$tmp/out" "序号,问题类别,反馈问题,整改措施,责任领导,牵头单位,责任单位,整改时限,整改类型,目标要求,进展情况,完成进度,完成状态,亮灯,备注"
# Records end in CR LF; a category cell's aspect and item are two lines inside its quotes.
rows=$(tr -cd '\r' <"$tmp/out" | wc -c)
[ "$rows" = 301 ] || fail "csv has $rows records, wanted 301"
[ "$(q "select count(*) from report where kind = 'ledger'")" = 2 ] || fail "ledger exports not recorded"

# Every delivery has its report row and its audit entry, and the chain holds.
[ "$(q "select count(*) from report")" = "$(q "select count(*) from audit where action = 'report.generate'")" ] ||
    fail "report rows and audit entries disagree"
[ "$(q "select count(*) from report where length(content_sha256) = 64")" = "$(q "select count(*) from report")" ] ||
    fail "a report row lacks its hash"
sha=$(sha256sum "$tmp/ledger.xlsx" | cut -c1-64)
[ "$(q "select count(*) from report where content_sha256 = '$sha'")" -ge 1 ] ||
    fail "the ledger file's hash is not on record"
expect 0 "$zg" --db "$db" audit verify

[ $fails -eq 0 ] && echo "report: all checks passed"
exit $fails
