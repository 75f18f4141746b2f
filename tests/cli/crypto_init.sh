#!/bin/sh
# CLI tests of `init --crypto` (issue 10, 密评 option): the suite is chosen once and recorded
# twice (key file, setting row); the audit chain of each suite verifies and an edited SM entry
# is detected; a missing key file stops an SM database instead of making a default key.
# Evidence, clue names and the other tamperings: tests/web/test_crypto_sm.mjs.
# Usage: sh crypto_init.sh PATH_TO_ZHENGGAI
set -u
ZG=$1
T=${ZG_TMP:-/tmp}/cli-crypto-$$
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/lib/count.sh"
. "$(dirname "$0")/lib/db.sh"
PW='Xy7#kLm9pQ2w-Zg'
# Three databases (SQLite files, or databases on the cluster under ZG_PG_URI) and where their
# key files are.
D=$(zg_db "$T" d) || exit 1
X=$(zg_db "$T" x) || exit 1
S=$(zg_db "$T" s) || exit 1
DK="$(zg_files "$D").audit-key"
SK="$(zg_files "$S").audit-key"

# The default suite: no suite line, no setting row; init again keeps it.
expect 0 "$ZG" --db "$D" init
contains "$T/out" "crypto default"
if grep -q suite "$DK"; then bad "default key file names a suite"; else ok; fi
printf '%s\n' "$PW" | "$ZG" --db "$D" user add office --name 巡改办 --role office --password-stdin >/dev/null 2>&1
expect 0 "$ZG" --db "$D" audit verify
contains "$T/out" "intact: 1 entries"
# The suite cannot be chosen later.
expect 1 "$ZG" --db "$D" init --crypto sm
contains "$T/err" "already uses crypto suite 'default'"
expect 2 "$ZG" --db "$X" init --crypto aes
contains "$T/err" "unknown crypto suite 'aes'"

# The SM suite.
expect 0 "$ZG" --db "$S" init --crypto sm
contains "$T/out" "crypto sm"
contains "$SK" "^suite sm$"
contains "$SK" "^data-key [0-9a-f]\{64\}$"
mode=$(stat -c %a "$SK")
if [ "$mode" = 600 ]; then ok; else bad "key file mode $mode"; fi
[ "$(sql "$S" "SELECT value FROM setting WHERE key = 'crypto'")" = sm ] && ok || bad "no crypto row"
expect 0 "$ZG" --db "$S" init
contains "$T/out" "crypto sm"
expect 1 "$ZG" --db "$S" init --crypto default
printf '%s\n' "$PW" | "$ZG" --db "$S" user add office --name 巡改办 --role office --password-stdin >/dev/null 2>&1
expect 0 "$ZG" --db "$S" audit verify
contains "$T/out" "intact: 1 entries"
# The same entry under the two suites: different hashes (HMAC-SM3 is not HMAC-SHA-256).
hd=$(sql "$D" "SELECT hash FROM audit WHERE seq = 1")
hs=$(sql "$S" "SELECT hash FROM audit WHERE seq = 1")
[ -n "$hs" ] && [ "$hd" != "$hs" ] && ok || bad "hashes '$hd' '$hs'"
# A missing key file stops every command of an SM database (no silent default key is made).
mv "$SK" "$T/key"
expect 1 "$ZG" --db "$S" audit verify
# (PostgreSQL's open already stops a database whose audit log has entries but no key file.)
contains "$T/err" "made with --crypto sm but its key file\|no audit key .* while the database's audit log holds entries"
if [ -e "$SK" ]; then bad "a new key was made"; else ok; fi
mv "$T/key" "$SK"
# An edited entry is detected.
if zg_pg; then on=" ON audit"; else on=; fi
sql "$S" "DROP TRIGGER audit_no_update$on; UPDATE audit SET actor = 'someone' WHERE seq = 1;"
expect 1 "$ZG" --db "$S" audit verify
contains "$T/err" "audit log broken at entry 1"

echo "crypto_init: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
