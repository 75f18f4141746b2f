#!/bin/sh
# CLI tests of `zhenggai user`: exit codes (0 ok, 1 refused, 2 usage), one-line errors, the roles
# rule (三员分立) refused without a change, audit rows written with actor "cli", locking ends
# sessions, passwords never reach the audit log.
# Usage: sh user.sh PATH_TO_ZHENGGAI
set -u
ZG=$1
T=${ZG_TMP:-/tmp}/cli-user-$$
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/lib/count.sh"
. "$(dirname "$0")/lib/db.sh"
DB=$(zg_db "$T" u) || exit 1
# expect_in CODE INPUT CMD… : as expect, with INPUT on stdin
expect_in() {
    code=$1; input=$2; shift 2
    printf '%s\n' "$input" | "$@" >"$T/out" 2>"$T/err"
    got=$?
    if [ "$got" -eq "$code" ]; then ok; else bad "exit $got (want $code): $*"; cat "$T/err"; fi
}
same() { if [ "$1" = "$2" ]; then ok; else bad "got '$1', want '$2' ($3)"; fi; }
q() { sql "$DB" "$1"; }

expect 0 "$ZG" --db "$DB" init
expect 0 "$ZG" help
contains "$T/out" "user add LOGIN --name NAME"

# Usage errors: exit 2, one line.
expect 2 "$ZG" --db "$DB" user
lines "$T/err" 1
expect 2 "$ZG" --db "$DB" user frob
contains "$T/err" "unknown user command 'frob'"
expect 2 "$ZG" --db "$DB" user add zhang --role office
contains "$T/err" "missing --name"
expect 2 "$ZG" --db "$DB" user add zhang --name 张三
contains "$T/err" "missing roles"
expect 2 "$ZG" --db "$DB" user add zhang --name 张三 --role boss
contains "$T/err" "unknown role 'boss'"
lines "$T/err" 1
expect 2 "$ZG" --db "$DB" user add zhang --name 张三 --role office --unit 不存在
contains "$T/err" "no unit named '不存在'"
expect 2 "$ZG" --db "$DB" user list --bogus

# Adding: a generated password is printed once; the stdin one is used and checked.
expect 0 "$ZG" --db "$DB" user add sec --name 安全管理员 --role secadmin
contains "$T/out" "user 1 'sec' created with roles 'secadmin'"
contains "$T/out" "initial password (shown once"
pw=$(sed -n 's/^initial password.*: //p' "$T/out")
same "$(q "SELECT count(*) FROM audit WHERE detail LIKE '%$pw%'")" 0 "password not in the audit"
expect_in 0 'Tongyi#Kaishi7' "$ZG" --db "$DB" user add office1 --name 巡改办张三 --role office,leader --password-stdin
same "$(q "SELECT must_change_password FROM users WHERE login='office1'")" 1 "must change"
same "$(q "SELECT role FROM user_role r JOIN users u ON u.id = r.user_id WHERE login='office1' ORDER BY role" | paste -sd,)" "leader,office" "roles stored"
expect_in 1 'short' "$ZG" --db "$DB" user add weak --name 弱密码 --role unit --password-stdin
contains "$T/err" "at least 8 characters"
lines "$T/err" 1
expect_in 1 'Tongyi#Kaishi7' "$ZG" --db "$DB" user add office1 --name 重复 --role office --password-stdin
contains "$T/err" "login 'office1' is taken"
expect_in 1 'Tongyi#Kaishi7' "$ZG" --db "$DB" user add 'bad login' --name 坏 --role office --password-stdin
contains "$T/err" "a login needs"

# The roles rule: refused, one line, nothing written.
users=$(q "SELECT count(*) FROM users")
audits=$(q "SELECT count(*) FROM audit")
expect 1 "$ZG" --db "$DB" user add two --name 两员 --role sysadmin,auditor
contains "$T/err" "three different accounts"
lines "$T/err" 1
expect 1 "$ZG" --db "$DB" user add mixed --name 混合 --role secadmin,office
contains "$T/err" "cannot be combined with a business role"
expect 1 "$ZG" --db "$DB" user roles office1 office,auditor
contains "$T/err" "cannot be combined"
same "$(q "SELECT count(*) FROM users")" "$users" "no user added by a refusal"
same "$(q "SELECT count(*) FROM audit")" "$audits" "no audit row by a refusal"

# Roles, lock, unlock, passwd: audited with actor cli.
expect 0 "$ZG" --db "$DB" user roles office1 office
contains "$T/out" "'office,leader' -> 'office'"
same "$(q "SELECT count(*) FROM audit WHERE actor='cli' AND action='user.roles' AND object='user:2'")" 1 "roles audited"
expect 1 "$ZG" --db "$DB" user roles nobody office
contains "$T/err" "no user 'nobody'"
q "INSERT INTO session(id, user_id, csrf, created_at, seen_at) VALUES('x', 2, 'c', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')"
expect 0 "$ZG" --db "$DB" user lock office1
same "$(q "SELECT state FROM users WHERE login='office1'")" locked "locked"
same "$(q "SELECT count(*) FROM session")" 0 "lock ends sessions"
expect 0 "$ZG" --db "$DB" user unlock office1
same "$(q "SELECT state FROM users WHERE login='office1'")" active "unlocked"
expect 2 "$ZG" --db "$DB" user lock
contains "$T/err" "missing LOGIN"
q "UPDATE users SET must_change_password = 0 WHERE login='office1'"
expect_in 0 'Another#Pass1' "$ZG" --db "$DB" user passwd office1 --password-stdin
same "$(q "SELECT must_change_password FROM users WHERE login='office1'")" 1 "reset forces a change"
expect_in 1 'weakweak' "$ZG" --db "$DB" user passwd office1 --password-stdin
contains "$T/err" "three of"
same "$(q "SELECT count(*) FROM audit WHERE actor='cli' AND action IN ('user.create','user.lock','user.unlock','user.password_reset')")" 5 "every change audited"
same "$(q "SELECT count(*) FROM audit WHERE detail LIKE '%Another%'")" 0 "passwords not audited"
expect 0 "$ZG" --db "$DB" audit verify

expect 0 "$ZG" --db "$DB" user list
contains "$T/out" "^office1 .*active"
contains "$T/out" "^2 users"

echo "user.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
