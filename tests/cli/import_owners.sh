#!/bin/sh
# import_owners.sh: owners read from documents and ledgers, matched to the organisation's persons
# and units, never created silently; a progress report's progress on its measures. On the
# county demo database:
#  - a plan (整改方案) with 责任领导/牵头单位/配合单位/完成时限 lines and a bracketed clause: an
#    unknown unit fails the import in one line naming it and where, writing nothing; the dry run
#    lists it; --map maps it to an existing unit; `measure show` then shows the owners;
#  - --create-unknown creates what no name matches, only when asked;
#  - a ledger CSV with an unknown person: the same refusal, naming sheet, row and column;
#  - bad ledgers (no header row, a date that is none) fail in one line and write nothing;
#  - a progress report: `measure show` shows the measure's paragraph as accepted progress,
#    dated on the report's publication day.
# Usage: sh import_owners.sh PATH_TO_ZHENGGAI   (env: ZG_TMP, ZG_SOURCE_DIR)
set -u
zg=$1
tmp="${ZG_TMP:-/tmp}/import-owners"
src="${ZG_SOURCE_DIR:-$(dirname "$0")/../..}"
rm -rf "$tmp" && mkdir -p "$tmp"
. "$(dirname "$0")/lib/expect.sh"
. "$(dirname "$0")/lib/db.sh"
db=$(zg_db "$tmp" demo) || exit 1
has() { grep -q -- "$2" "$1" || fail "$1 lacks '$2': $(head -c 400 "$1")"; }
q() { sql "$db" "$1"; }

"$zg" --db "$db" demo --scale county >/dev/null || { echo "FAIL: demo"; exit 1; }
counts() { q "select (select count(*) from inspection)||'/'||(select count(*) from measure)||'/'||(select count(*) from unit)||'/'||(select count(*) from person)"; }
before=$(counts)

cat >"$tmp/plan.txt" <<'PLAN'
中共清源区委关于巡视反馈意见的整改方案
一、巡视反馈问题整改任务
（一）“国有企业资金管理不规范”问题
1.加强国有企业资金管理。开展国有资金资产管理专项审计。
责任领导：张建国
牵头单位：清源区财政局
配合单位：清源区审计局、区未知局
完成时限：2025年6月底前
2.强化招投标监管。修订招投标管理办法。（责任领导：吴振华（区长）；牵头单位：区财政局；完成时限：2025年12月31日前并长期坚持）
PLAN
expect 1 "$zg" --db "$db" import doc "$tmp/plan.txt"
one_error "line 4: unknown unit '区未知局'"
[ "$(counts)" = "$before" ] || fail "a refused import wrote something"
expect 0 "$zg" --db "$db" import doc "$tmp/plan.txt" --dry-run --json
has "$tmp/out" '"unknown":\[{"kind":"unit","name":"区未知局","where":"line 4"}\]'
has "$tmp/out" '"leaders":\[{"name":"张建国","id":'
has "$tmp/err" "unknown unit '区未知局' at line 4"
printf '# our names\n区未知局=区审计局\n' >"$tmp/map.txt"
expect 0 "$zg" --db "$db" import doc "$tmp/plan.txt" --map "$tmp/map.txt" --json
id=$(q "select max(id) from measure")
expect 0 "$zg" --db "$db" measure show "$((id - 1))"
has "$tmp/out" "张建国"
has "$tmp/out" "lead unit   区财政局"
has "$tmp/out" "co-units    区审计局"
has "$tmp/out" "2025-06-30"
lacks_line=$(grep -c "责任领导" "$tmp/out")
[ "$lacks_line" = 0 ] || fail "the owner lines stayed in the measure's text"
expect 0 "$zg" --db "$db" measure show "$id"
has "$tmp/out" "吴振华"
has "$tmp/out" "2025-12-31"
[ "$(q "select count(*) from unit where name = '区未知局'")" = 0 ] || fail "an unknown unit was created"

# --create-unknown: created because asked.
sed 's/清源区审计局/区新设局/; s/强化招投标监管/强化招投标全流程监管/' "$tmp/plan.txt" >"$tmp/plan2.txt"
expect 0 "$zg" --db "$db" import doc "$tmp/plan2.txt" --create-unknown --new
[ "$(q "select count(*) from unit where name = '区新设局'")" = 1 ] || fail "--create-unknown did not create the unit"

# A ledger with an unknown person: refused naming sheet, row and column, nothing written.
before=$(counts)
printf '序号,反馈问题,整改措施,责任领导,牵头单位,整改时限\n1,问题一,措施一,张建国,区财政局,2025-06-30\n1,问题一,措施二,王不在,区财政局,2025年6月底前\n' >"$tmp/ledger.csv"
expect 1 "$zg" --db "$db" import ledger "$tmp/ledger.csv"
one_error "sheet 'ledger.csv' row 3 column D (责任领导): unknown person '王不在'"
[ "$(counts)" = "$before" ] || fail "a refused ledger import wrote something"
# Bad ledgers: one line naming where, nothing written.
printf '名称,数量\n甲,1\n' >"$tmp/nohead.csv"
expect 1 "$zg" --db "$db" import ledger "$tmp/nohead.csv"
one_error "no header row"
printf '反馈问题,整改措施,完成时限\n问题一,措施一,下个月\n' >"$tmp/baddate.csv"
expect 1 "$zg" --db "$db" import ledger "$tmp/baddate.csv"
one_error "row 2 column C (完成时限): '下个月' is not a date"
head -c 2000 "$src/fuzz/corpus/fuzz_xlsx/openpyxl.xlsx" >"$tmp/cut.xlsx"
expect 1 "$zg" --db "$db" import ledger "$tmp/cut.xlsx"
one_error "cut.xlsx"
expect 1 "$zg" --db "$db" import ledger "$tmp/plan.txt"
one_error "no spreadsheet"
[ "$(counts)" = "$before" ] || fail "a bad ledger wrote something"

# A progress report: the paragraph is the measure's accepted progress on the publication day.
expect 0 "$zg" --db "$db" import doc "$src/tests/fixtures/import/report-sections.md" --json
has "$tmp/err" "文件称制定整改措施36条，本次导入识别出3条"
id=$(q "select min(m.id) from measure m join inspection i on i.id = m.inspection_id where i.source_file = 'report-sections.md'")
expect 0 "$zg" --db "$db" measure show "$id"
has "$tmp/out" "2025-03-01  accepted .*每周巡查一次。"
has "$tmp/out" "in_progress"

[ "$fails" = 0 ] || { echo "$fails failed"; exit 1; }
echo "import owners: ok"
