# harden.sh: the checks of issue 10 that tests/cli/harden.sh runs on SQLite and
# tests/pg/harden_pg.sh on PostgreSQL. Sourced after count.sh and db.sh (not a test itself).
#
#   demo_password_checks DEMO PLAIN  the published demo password is refused in the empty
#                   database PLAIN and accepted in DEMO; a common one is refused everywhere.
#   tamper_cases M UID  call the caller's `tamper SQL PATTERN [anchor]` once per kind of change
#                   behind the application's back (measure M, user UID), in the dialect of the
#                   database (zg_pg: PostgreSQL's DROP TRIGGER names the table).

demo_password_checks() {
    expect 0 "$ZG" --db "$2" init
    printf 'Zhenggai@2026\n' >"$T/pw"
    "$ZG" --db "$2" user add zhang --name 张三 --role office --password-stdin <"$T/pw" >"$T/out" 2>"$T/err"
    [ $? -eq 1 ] && ok || bad "the demo password was accepted outside the demo"
    contains "$T/err" "the demo password is public"
    printf 'Password1\n' >"$T/pw"
    "$ZG" --db "$1" user add zhang --name 张三 --role office --password-stdin <"$T/pw" >"$T/out" 2>"$T/err"
    [ $? -eq 1 ] && ok || bad "Password1 was accepted"
    contains "$T/err" "too common"
    printf 'Zhenggai@2026\n' >"$T/pw"
    "$ZG" --db "$1" user add zhang --name 张三 --role office --password-stdin <"$T/pw" >"$T/out" 2>"$T/err"
    [ $? -eq 0 ] && ok || bad "the demo password was refused in the demo: $(cat "$T/err")"
}

tamper_cases() {
    _m=$1
    _uid=$2
    _on=""
    zg_pg && _on=" ON audit"
    tamper "UPDATE measure SET state = 'closed' WHERE id = $_m" "measure:$_m was changed outside the application"
    tamper "UPDATE progress SET body = '伪造' WHERE measure_id = $_m" "measure:$_m was changed outside"
    tamper "UPDATE measure SET percent = 100 WHERE id = $_m" "measure:$_m was changed outside"
    tamper "INSERT INTO user_role(user_id, role) VALUES($_uid, 'leader')" "user:$_uid was changed outside"
    tamper "UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE login = 'office') WHERE id = $_uid" "user:$_uid was changed outside"
    tamper "DROP TRIGGER audit_no_update$_on" "append-only triggers are missing"
    tamper "DROP TRIGGER audit_no_update$_on; UPDATE audit SET detail = 'x' WHERE seq = 2" "audit log broken at entry 2: it does not match"
    tamper "DROP TRIGGER audit_no_delete$_on; DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)" "before the anchor's entry" anchor
    tamper "DROP TRIGGER audit_no_delete$_on; DELETE FROM audit" "before the anchor's entry" anchor
    tamper "DROP TRIGGER audit_no_delete$_on; DELETE FROM audit WHERE seq = 2" "follows a gap"
}
