#!/bin/sh
# CLI tests: usage and exit codes, demo, status, measure list/show/transition. A refused
# transition prints one line on stderr, exits 1 and leaves the database unchanged.
# Usage: sh measure.sh PATH_TO_ZHENGGAI
set -u
ZG=$1
T=${ZG_TMP:-/tmp}/cli-measure-$$
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/lib/count.sh"
. "$(dirname "$0")/lib/db.sh"
DB=$(zg_db "$T" demo) || exit 1
q() { sql "$DB" "$1"; }

expect 0 "$ZG" help
contains "$T/out" "measure list|show|transition"
contains "$T/out" "status --inspection ID"
expect 2 "$ZG" frobnicate
contains "$T/err" "unknown command 'frobnicate'"
lines "$T/err" 1
expect 2 "$ZG"
expect 1 "$ZG" --db "$T/missing.db" status --inspection 1
contains "$T/err" "cannot open database"
lines "$T/err" 1

expect 0 "$ZG" --db "$DB" demo --today 2026-11-21
contains "$T/out" "300 measures"
expect 1 "$ZG" --db "$DB" demo --today 2026-11-21
contains "$T/err" "demo needs an empty database"
ZHENGGAI_DB="$DB" expect 0 "$ZG" status --inspection 1 --as-of 2026-11-27
contains "$T/out" "300 measures"
contains "$T/out" "overdue ("
expect 2 "$ZG" --db "$DB" status --inspection 1 --as-of 2026-02-30
contains "$T/err" "--as-of '2026-02-30' is not a date"
expect 2 "$ZG" --db "$DB" status --inspection x
expect 1 "$ZG" --db "$DB" status --inspection 99
contains "$T/err" "no inspection with id 99"
expect 2 "$ZG" --db "$DB" status --inspection 1 --bogus

# measure list: filters agree with SQL
want=$(q "SELECT count(*) FROM measure WHERE state='in_progress'")
expect 0 "$ZG" --db "$DB" measure list --inspection 1 --state in_progress
contains "$T/out" "^$want measures"
unit=$(q "SELECT id FROM unit WHERE short_name='区财政局'")
want=$(q "SELECT count(*) FROM measure m WHERE lead_unit_id=$unit OR EXISTS (SELECT 1 FROM measure_co_unit c WHERE c.measure_id=m.id AND c.unit_id=$unit)")
expect 0 "$ZG" --db "$DB" measure list --unit 区财政局
contains "$T/out" "^$want measures"
want=$(q "SELECT count(*) FROM measure WHERE state='closed'")
expect 0 "$ZG" --db "$DB" measure list --light closed
contains "$T/out" "^$want measures"
expect 0 "$ZG" --db "$DB" measure list --light red --json --as-of 2026-11-27
contains "$T/out" '"light": "red"'
expect 2 "$ZG" --db "$DB" measure list --light blue
expect 2 "$ZG" --db "$DB" measure list --unit 不存在的单位
contains "$T/err" "no unit named"
expect 2 "$ZG" --db "$DB" measure list --state closing

# measure show
expect 0 "$ZG" --db "$DB" measure show 1 --as-of 2026-11-27
contains "$T/out" "^measure 1 "
contains "$T/out" "timeline:"
expect 1 "$ZG" --db "$DB" measure show 99999
contains "$T/err" "no measure with id 99999"

# A refused transition: one line, exit 1, nothing changes.
m=$(q "SELECT id FROM measure WHERE state='in_progress' AND lead_unit_id=$unit AND long_term=0 AND onsite_required=0 LIMIT 1")
before=$(q "SELECT state, (SELECT count(*) FROM event), (SELECT count(*) FROM audit), (SELECT count(*) FROM progress) FROM measure WHERE id=$m")
expect 1 "$ZG" --db "$DB" measure transition "$m" verify --as office
lines "$T/err" 1
contains "$T/err" "cannot verify measure $m: it is in_progress"
expect 1 "$ZG" --db "$DB" measure transition "$m" report --as unit01 --comment 进展
contains "$T/err" "may not report measure $m"
expect 1 "$ZG" --db "$DB" measure transition "$m" return --as office --comment 退回
expect 1 "$ZG" --db "$DB" measure transition "$m" report --as nobody --comment 进展
contains "$T/err" "no user 'nobody'"
expect 2 "$ZG" --db "$DB" measure transition "$m" close --as office
expect 2 "$ZG" --db "$DB" measure transition "$m" report
after=$(q "SELECT state, (SELECT count(*) FROM event), (SELECT count(*) FROM audit), (SELECT count(*) FROM progress) FROM measure WHERE id=$m")
if [ "$before" = "$after" ]; then ok; else bad "refused transitions changed the database: $before -> $after"; fi

# An allowed one: the state, the progress report, the event and the audit entry.
expect 0 "$ZG" --db "$DB" measure transition "$m" report --as unit --comment "已完成专项排查" --today 2026-11-27
contains "$T/out" "measure $m: in_progress -> in_progress"
test "$(q "SELECT count(*) FROM progress WHERE measure_id=$m AND body='已完成专项排查' AND reported_on='2026-11-27'")" = 1 && ok || bad "progress not stored"
test "$(q "SELECT count(*) FROM audit WHERE actor='unit' AND action='measure.report' AND object='measure:$m'")" = 1 && ok || bad "audit entry missing"
q "INSERT INTO evidence(measure_id, file_name, media_type, size, sha256, uploaded_at) VALUES($m, 'a.pdf', 'application/pdf', 1, 'x', '2026-11-27T00:00:00Z')"
expect 0 "$ZG" --db "$DB" measure transition "$m" request_close --as unit
# Four eyes: the submitter may not approve; another user of the same unit may.
expect 1 "$ZG" --db "$DB" measure transition "$m" lead_approve --as unit
contains "$T/err" "may not approve it: another user must (four eyes)"
# The demo gives the unit a head (负责人) beside its liaison: the head approves.
expect 0 "$ZG" --db "$DB" measure transition "$m" lead_approve --as unit-head
expect 1 "$ZG" --db "$DB" measure transition "$m" verify --as office
contains "$T/err" "needs a leader's sign-off first"
leader=$(q "SELECT u.login FROM users u JOIN measure_leader l ON l.person_id=u.person_id WHERE l.measure_id=$m LIMIT 1")
expect 0 "$ZG" --db "$DB" measure transition "$m" sign_off --as "$leader"
expect 0 "$ZG" --db "$DB" measure transition "$m" verify --as office
test "$(q "SELECT state FROM measure WHERE id=$m")" = closed && ok || bad "measure not closed"
test "$(q "SELECT count(*) FROM event WHERE measure_id=$m AND action IN ('request_close','lead_approve','sign_off','verify')")" -ge 4 && ok || bad "events missing"

# The audit chain holds; an edit behind the triggers' back is found.
expect 0 "$ZG" --db "$DB" audit verify
contains "$T/out" "audit log intact"
if zg_pg; then on=" ON audit"; else on=; fi
q "DROP TRIGGER audit_no_update$on; UPDATE audit SET detail='x' WHERE seq=2"
expect 1 "$ZG" --db "$DB" audit verify
contains "$T/err" "audit log broken at entry 2"
expect 2 "$ZG" --db "$DB" audit

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
