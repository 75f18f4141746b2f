#!/bin/sh
# CLI tests of issue 10 (hardening and operations), one section per item:
#   9  a second serve on the same address fails with a clear error; a second serve on the same
#      database is refused unless --force.
#  11  the demo password is refused outside the demo database.
#   8  a tamper test per kind: rows edited, cut, emptied, rebuilt without the key, triggers
#      dropped, an old copy, measure/progress/roles/password changed behind the application.
#  10  check names a row with an unknown state.
#  14  status and audit verify on a read-only database; a --as row names the OS user.
# On SQLite only: 11, 8 and the --as row of 14 run on PostgreSQL in tests/pg/harden_pg.sh; the
# rest is about SQLite's file (tests/pg/README).
# Usage: sh harden.sh PATH_TO_ZHENGGAI
set -u
ZG=$1
T=${ZG_TMP:-/tmp}/cli-harden-$$
mkdir -p "$T"
PIDS=""
trap 'for p in $PIDS; do kill "$p" 2>/dev/null; done; rm -rf "$T"' EXIT
. "$(dirname "$0")/lib/count.sh"
. "$(dirname "$0")/lib/db.sh"
. "$(dirname "$0")/lib/harden.sh"
DB="$T/h.db"
q() { sqlite3 "$DB" "$1"; }

expect 0 "$ZG" --db "$DB" demo --scale county --today 2026-11-21

# start_serve DB OUT ARGS…: run serve in the background; wait until it prints its address.
start_serve() {
    db=$1; out=$2; shift 2
    "$ZG" --db "$db" serve --quiet "$@" >"$out" 2>"$out.err" &
    PIDS="$PIDS $!"
    LAST=$!
    i=0
    while [ $i -lt 100 ] && ! grep -q listening "$out" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
}

# --- 9: one server per address and per database ---
start_serve "$DB" "$T/s1" --listen 127.0.0.1:0
first=$LAST
port=$(sed -n 's|.*127.0.0.1:\([0-9]*\)/.*|\1|p' "$T/s1")
[ -n "$port" ] && ok || bad "first serve did not start: $(cat "$T/s1.err")"
cp "$DB" "$T/other.db"
expect 1 "$ZG" --db "$T/other.db" serve --quiet --listen "127.0.0.1:$port"
contains "$T/err" "cannot listen on 127.0.0.1:$port: the address is in use"
lines "$T/err" 1
expect 1 "$ZG" --db "$DB" serve --quiet --listen 127.0.0.1:0
contains "$T/err" "another serve is running on"
lines "$T/err" 1
start_serve "$DB" "$T/s2" --listen 127.0.0.1:0 --force
grep -q listening "$T/s2" && ok || bad "serve --force did not start: $(cat "$T/s2.err")"
kill "$LAST"; wait "$LAST" 2>/dev/null
kill -9 "$first"; wait "$first" 2>/dev/null
# The lock goes with the process, even after kill -9.
start_serve "$DB" "$T/s3" --listen 127.0.0.1:0
grep -q listening "$T/s3" && ok || bad "serve after kill -9 did not start: $(cat "$T/s3.err")"
kill "$LAST"; wait "$LAST" 2>/dev/null

# --- 11: the published demo password is refused outside the demo, common ones everywhere ---
demo_password_checks "$DB" "$T/plain.db"

# --- 8: the keyed, anchored audit chain; a tamper test per kind ---
A="$T/a.db"
expect 0 "$ZG" --db "$A" demo --scale county --today 2026-11-21
[ "$(stat -c %a "$A.audit-key")" = 600 ] && ok || bad "audit key mode $(stat -c %a "$A.audit-key")"
m=$(sqlite3 "$A" "SELECT min(id) FROM measure WHERE state IN ('not_started', 'in_progress') AND lead_unit_id = (SELECT unit_id FROM users WHERE login = 'unit')")
expect 0 "$ZG" --db "$A" measure transition "$m" report --as unit --comment 已开展排查
expect 0 "$ZG" --db "$A" user passwd office01
uid=$(sqlite3 "$A" "SELECT id FROM users WHERE login = 'office01'")
cp "$A" "$T/old.db"; cp "$A.audit-key" "$T/old.db.audit-key"
expect 0 "$ZG" --db "$A" measure transition "$m" report --as unit --comment 又有进展
expect 0 "$ZG" --db "$A" audit anchor -o "$T/anchor"
contains "$T/out" "zhenggai audit anchor seq"
expect 0 "$ZG" --db "$A" audit verify --anchor "$T/anchor"
contains "$T/out" "audit log intact"
# tamper "SQL" PATTERN [--anchor]: on a fresh copy, the change is found and named.
tamper() {
    cp "$A" "$T/t.db"; cp "$A.audit-key" "$T/t.db.audit-key"; chmod 600 "$T/t.db.audit-key"
    sqlite3 "$T/t.db" "PRAGMA ignore_check_constraints = 1; $1" || bad "sql failed: $1"
    if [ "${3:-}" = anchor ]; then
        expect 1 "$ZG" --db "$T/t.db" audit verify --anchor "$T/anchor"
    else
        expect 1 "$ZG" --db "$T/t.db" audit verify
    fi
    contains "$T/err" "$2"
}
tamper_cases "$m" "$uid"
# Rebuilt as a plain SHA-256 chain by someone without the key.
if command -v python3 >/dev/null; then
    cp "$A" "$T/t.db"; cp "$A.audit-key" "$T/t.db.audit-key"
    python3 - "$T/t.db" <<'PY' || bad "python rebuild failed"
import hashlib, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("DROP TRIGGER audit_no_update")
prev = "0" * 64
for seq, at, actor, action, obj, detail in c.execute(
        "SELECT seq, at, actor, action, object, detail FROM audit ORDER BY seq").fetchall():
    if seq == 2:
        detail = "rewritten"
    b = "%d;" % seq + "".join("%d:%s;" % (len(f.encode()), f) for f in (prev, at, actor, action, obj, detail))
    h = hashlib.sha256(b.encode()).hexdigest()
    c.execute("UPDATE audit SET detail = ?, prev_hash = ?, hash = ?, keyed = 0 WHERE seq = ?", (detail, prev, h, seq))
    prev = h
c.commit()
PY
    expect 1 "$ZG" --db "$T/t.db" audit verify
    contains "$T/err" "is not keyed although the key signs"
fi
# An old copy against a newer anchor; a key open to others.
expect 1 "$ZG" --db "$T/old.db" audit verify --anchor "$T/anchor"
contains "$T/err" "before the anchor's entry"
cp "$A" "$T/k.db"; cp "$A.audit-key" "$T/k.db.audit-key"; chmod 644 "$T/k.db.audit-key"
expect 1 "$ZG" --db "$T/k.db" audit verify
contains "$T/err" "is open to other users"

# --- 10: check names a bad row ---
cp "$A" "$T/bad.db"; cp "$A.audit-key" "$T/bad.db.audit-key"
sqlite3 "$T/bad.db" "PRAGMA ignore_check_constraints = 1; UPDATE measure SET state = 'bogus' WHERE id = 7"
expect 1 "$ZG" --db "$T/bad.db" check
contains "$T/out" "bad row: table measure, id 7: unknown state 'bogus'"
contains "$T/err" "check found"
expect 0 "$ZG" --db "$A" check
contains "$T/out" "database sound"

# --- 14: status and audit verify on a read-only database; --as names the OS user ---
grep -q "os user $(id -un)" <<EOF2 && ok || bad "--as row lacks the OS user"
$(sqlite3 "$A" "SELECT detail FROM audit WHERE action = 'measure.report' ORDER BY seq DESC LIMIT 1")
EOF2
if [ "$(id -u)" = 0 ] && command -v su >/dev/null && su nobody -s /bin/sh -c true 2>/dev/null; then
    # nobody must reach the binary and the copy: the build folder may sit under a private
    # (0700) folder, as in a clone made in `mktemp -d`, so both go to a folder of their own.
    O=$(mktemp -d); chmod 755 "$O"; cp "$ZG" "$O/zhenggai"
    R="$O/ro"; mkdir -p "$R"; cp "$A" "$A.audit-key" "$R/"; chown -R nobody "$R"
    chmod 444 "$R/a.db"; chmod 555 "$R"
    su nobody -s /bin/sh -c "'$O/zhenggai' --db '$R/a.db' status --json" >"$T/out" 2>"$T/err" && ok || bad "status on a read-only database: $(cat "$T/err")"
    contains "$T/out" '"measures"'
    su nobody -s /bin/sh -c "'$O/zhenggai' --db '$R/a.db' audit verify" >"$T/out" 2>"$T/err" && ok || bad "audit verify on a read-only database: $(cat "$T/err")"
    contains "$T/out" "audit log intact"
    chmod 755 "$R"; rm -rf "$O"
else
    echo "SKIP read-only part: needs root and su"
fi

# --- backup under write load, restore into a new place; a tampered copy is refused ---
B="$T/b.db"
cp "$A" "$B"; cp "$A.audit-key" "$B.audit-key"; chmod 600 "$B.audit-key"
mkdir -p "$B-files/evidence/ab"; printf 'evidence bytes' >"$B-files/evidence/ab/abcdef"
ids=$(sqlite3 "$B" "SELECT id FROM measure WHERE state IN ('not_started', 'in_progress') AND lead_unit_id = (SELECT unit_id FROM users WHERE login = 'unit') LIMIT 30")
( for i in $ids; do "$ZG" --db "$B" measure transition "$i" report --as unit --comment "写入 $i" >/dev/null 2>&1; done ) &
writer=$!
sleep 0.3
expect 0 "$ZG" --db "$B" backup "$T/bk"
contains "$T/out" "backup of"
wait "$writer"
[ -f "$T/bk/MANIFEST" ] && ok || bad "no MANIFEST"
grep -q "zhenggai.db-files/evidence/ab/abcdef" "$T/bk/MANIFEST" && ok || bad "evidence not in the manifest"
expect 0 "$ZG" restore "$T/bk" --check
expect 0 "$ZG" --db "$T/restored.db" restore "$T/bk"
contains "$T/out" "verified and restored"
head=$(sed -n 's/^anchor \([0-9]*\) \([0-9a-f]*\)$/zhenggai audit anchor seq \1 hash \2/p' "$T/bk/MANIFEST")
printf '%s\n' "$head" >"$T/bk-anchor"
expect 0 "$ZG" --db "$T/restored.db" audit verify --anchor "$T/bk-anchor"
"$ZG" --db "$T/bk/zhenggai.db" status --json --as-of 2026-11-21 >"$T/s1.json" 2>/dev/null
"$ZG" --db "$T/restored.db" status --json --as-of 2026-11-21 >"$T/s2.json" 2>/dev/null
cmp -s "$T/s1.json" "$T/s2.json" && [ -s "$T/s1.json" ] && ok || bad "status differs after restore"
cmp -s "$T/restored.db-files/evidence/ab/abcdef" "$B-files/evidence/ab/abcdef" && ok || bad "evidence not restored"
expect 1 "$ZG" --db "$T/restored.db" restore "$T/bk"
contains "$T/err" "exists"
# Tampered copies: an evidence file, the database, the manifest's anchor.
cp -r "$T/bk" "$T/bk1"; printf 'forged' >"$T/bk1/zhenggai.db-files/evidence/ab/abcdef"
expect 1 "$ZG" --db "$T/r1.db" restore "$T/bk1"
contains "$T/err" "does not match its manifest"
[ ! -e "$T/r1.db" ] && ok || bad "a refused restore wrote the database"
cp -r "$T/bk" "$T/bk2"; chmod 644 "$T/bk2/zhenggai.db"
sqlite3 "$T/bk2/zhenggai.db" "DROP TRIGGER audit_no_update; UPDATE audit SET detail = 'x' WHERE seq = 2"
sha=$(sha256sum "$T/bk2/zhenggai.db" | cut -d' ' -f1); size=$(stat -c %s "$T/bk2/zhenggai.db")
sed -i "s|^file [0-9a-f]* [0-9]* zhenggai.db\$|file $sha $size zhenggai.db|" "$T/bk2/MANIFEST"
expect 1 "$ZG" --db "$T/r2.db" restore "$T/bk2"
contains "$T/err" "audit log broken at entry 2"

echo "harden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
