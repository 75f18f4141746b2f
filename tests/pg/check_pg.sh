#!/bin/sh
# check_pg.sh ZHENGGAI: `zhenggai check` on PostgreSQL finds what it finds on SQLite (issue 15).
# On a county demo of the throwaway cluster (ZG_PG_URI): a sound database passes; a foreign key
# switched off (DISABLE TRIGGER ALL, as a bulk load might leave it) and a row written meanwhile
# that refers to nothing: check names the table, the count and the missing table, and the
# disabled trigger, even after the key is switched on again (PostgreSQL does not recheck old
# rows); a measure in a state no code knows; an audit entry edited behind the triggers' back.
# Exit 77 (SKIP) only when the PostgreSQL server is not installed.
set -u
ZG=$1
T=${ZG_TMP:-/tmp}/check-pg-$$
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/../cli/lib/count.sh"
. "$(dirname "$0")/../cli/lib/db.sh"
zg_need_pg

DB=$(zg_db "$T" check) || exit 1
expect 0 "$ZG" --db "$DB" demo --scale county --today 2026-11-21
expect 0 "$ZG" --db "$DB" check
contains "$T/out" "check: database sound"

# A foreign key switched off, an orphan written, the key switched on again.
m=$(sql "$DB" "SELECT min(id) FROM measure")
sql "$DB" "ALTER TABLE measure DISABLE TRIGGER ALL; UPDATE measure SET finding_id = 999999999 WHERE id = $m"
expect 1 "$ZG" --db "$DB" check
contains "$T/out" "foreign key: table measure, 1 row refers to a missing finding row"
contains "$T/out" "integrity: table measure: trigger RI_ConstraintTrigger_.* is disabled"
contains "$T/err" "check found"
sql "$DB" "ALTER TABLE measure ENABLE TRIGGER ALL"
expect 1 "$ZG" --db "$DB" check
contains "$T/out" "foreign key: table measure, 1 row refers to a missing finding row"
if grep -q "is disabled" "$T/out"; then bad "a trigger switched on again is still reported"; else ok; fi
sql "$DB" "ALTER TABLE measure DISABLE TRIGGER ALL;
           UPDATE measure SET finding_id = (SELECT min(id) FROM finding WHERE inspection_id = measure.inspection_id)
            WHERE id = $m; ALTER TABLE measure ENABLE TRIGGER ALL"
expect 0 "$ZG" --db "$DB" check

# A state no code knows (the CHECK constraint dropped first, as an old schema might lack it).
sql "$DB" "ALTER TABLE measure DROP CONSTRAINT measure_state_check; UPDATE measure SET state = 'bogus' WHERE id = $m"
expect 1 "$ZG" --db "$DB" check
contains "$T/out" "bad row: table measure, id $m: unknown state 'bogus'"
sql "$DB" "UPDATE measure SET state = 'in_progress' WHERE id = $m"

# An audit entry edited behind the append-only trigger's back.
sql "$DB" "DROP TRIGGER audit_no_update ON audit; UPDATE audit SET detail = 'x' WHERE seq = 2"
expect 1 "$ZG" --db "$DB" check
contains "$T/out" "audit: "

echo "check_pg: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
