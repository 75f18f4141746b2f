#!/bin/sh
# import.sh: `zhenggai import doc` and `debug-parse` from the outside: the dry-run JSON contract
# (compared byte for byte with a golden file), GB18030 converted by iconv, write mode and its
# idempotence, a changed file, and bad input (one error line, exit 1, nothing written).
# Usage: sh import.sh PATH_TO_ZHENGGAI   (env: ZG_SOURCE_DIR, ZG_TMP; ZG_PG_URI: on PostgreSQL)
set -u
zg=$1
fx="$ZG_SOURCE_DIR/tests/fixtures/import"
tmp="$ZG_TMP/import"
rm -rf "$tmp" && mkdir -p "$tmp"
. "$(dirname "$0")/lib/expect.sh"
. "$(dirname "$0")/lib/db.sh"
db=$(zg_db "$tmp" t) || exit 1

# The JSON contract of SPEC 7.1, exactly.
cd "$fx" || exit 1
expect 0 "$zg" import doc report-sections.md --dry-run --json
cmp -s "$tmp/out" "$fx/report-sections.json" || {
    fail "dry-run JSON differs from report-sections.json"; diff "$fx/report-sections.json" "$tmp/out" | head -20; }
cd - >/dev/null || exit 1
zg_pg || [ ! -e "$db" ] || fail "a dry run created the database"

# debug-parse shows the tree for people.
expect 0 "$zg" debug-parse "$fx/plan-markers.txt"
grep -q "aspect 一、 政治建设方面" "$tmp/out" || fail "debug-parse tree lacks the aspect"
grep -q "measure ② 严控篇幅" "$tmp/out" || fail "debug-parse tree lacks measure ②"
expect 2 "$zg" debug-parse

# GB18030 input gives the same findings as UTF-8.
iconv -f UTF-8 -t GB18030 "$fx/plan-markers.txt" >"$tmp/plan-gb.txt"
expect 0 "$zg" import doc "$tmp/plan-gb.txt" --dry-run --json
grep -q '"encoding":"gb18030"' "$tmp/out" || fail "GB18030 not detected"
grep -o '"findings":.*' "$tmp/out" >"$tmp/gb.json"
"$zg" import doc "$fx/plan-markers.txt" --dry-run --json | grep -o '"findings":.*' >"$tmp/utf8.json"
cmp -s "$tmp/gb.json" "$tmp/utf8.json" || fail "GB18030 and UTF-8 parses differ"

# Write mode: once, then again (nothing changes), then a changed file.
expect 0 "$zg" --db "$db" import doc "$fx/plan-markers.txt"
grep -q "as inspection 1: 7 findings, 11 measures" "$tmp/out" || fail "import summary: $(cat "$tmp/out")"
[ "$(sql "$db" "select count(*) from audit where action = 'inspection.import'")" = 1 ] ||
    fail "no audit row for the import"
[ "$(sql "$db" "select count(*) from measure where line_first = 6 and line_last = 7")" = 1 ] ||
    fail "measure 1． lost its source lines"
expect 0 "$zg" --db "$db" audit verify
expect 0 "$zg" --db "$db" import doc "$fx/plan-markers.txt"
grep -q "already imported as inspection 1: nothing changed" "$tmp/out" || fail "re-import: $(cat "$tmp/out")"
sed 's/开展专题研讨/开展专题讨论/' "$fx/plan-markers.txt" >"$tmp/plan-changed.txt"
expect 1 "$zg" --db "$db" import doc "$tmp/plan-changed.txt"
one_error "changes inspection 1"
grep -q "^- .*开展专题研讨" "$tmp/out" || fail "difference not listed: $(cat "$tmp/out")"
grep -q "^+ .*开展专题讨论" "$tmp/out" || fail "difference not listed: $(cat "$tmp/out")"
expect 0 "$zg" --db "$db" import doc "$tmp/plan-changed.txt" --new
grep -q "as inspection 2" "$tmp/out" || fail "--new did not import: $(cat "$tmp/out")"
expect 0 "$zg" --db "$db" import doc "$tmp/plan-changed.txt" --json
grep -q '"unchanged":true' "$tmp/out" || fail "JSON result lacks unchanged: $(cat "$tmp/out")"

# Bad input: one clear line, exit 1, nothing written.
# Nothing written: on SQLite not a byte of the file; on either, no audit row.
zg_pg || before=$(ls -l "$db" | awk '{print $5}')
audits=$(sql "$db" "select count(*) from audit")
: >"$tmp/empty.txt"
printf '一、整改情况\n1.建立\303(制度。\n' >"$tmp/bad-utf8.txt"
printf 'PK\003\004truncated' >"$tmp/cut.docx"
head -c 2000 /dev/urandom >"$tmp/random.bin"
truncate -s 100M "$tmp/huge.txt"
for f in empty.txt bad-utf8.txt cut.docx random.bin huge.txt; do
    expect 1 "$zg" --db "$db" import doc "$tmp/$f"
    one_error "$f"
    expect 1 "$zg" import doc "$tmp/$f" --dry-run --json
    one_error "$f"
    [ ! -s "$tmp/out" ] || fail "$f: output on failure"
done
grep -q "line 2" "$tmp/err" 2>/dev/null || true
expect 1 "$zg" import doc "$tmp/bad-utf8.txt" --dry-run
one_error "line 2: invalid UTF-8"
expect 1 "$zg" import doc "$tmp/no-such-file.txt" --dry-run
one_error "cannot open"
zg_pg || [ "$(ls -l "$db" | awk '{print $5}')" = "$before" ] || fail "bad input changed the database"
[ "$(sql "$db" "select count(*) from audit")" = "$audits" ] || fail "bad input wrote an audit row"
[ "$(sql "$db" 'select count(*) from inspection')" = 2 ] || fail "inspection count"

# Usage errors exit 2.
expect 2 "$zg" import
expect 2 "$zg" import doc
expect 2 "$zg" import doc "$fx/plan-markers.txt" --dry-run --bogus

[ $fails -eq 0 ] && echo "import: all checks passed"
exit $fails
