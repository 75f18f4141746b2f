#!/bin/sh
# harden_pg.sh ZHENGGAI: the parts of tests/cli/harden.sh whose subject is the ledger, not
# SQLite's file, on PostgreSQL (issue 15): the demo password refused outside the demo and a
# common one everywhere; the keyed, anchored audit chain and a tamper test per kind, each on a
# copy of the database (CREATE DATABASE … TEMPLATE, its audit key beside it): rows edited, a role
# or a password hash changed behind the application, the append-only triggers dropped or only
# disabled (PostgreSQL's own way round them), entries edited, cut or emptied, the chain rebuilt
# without the key (in PL/pgSQL), an old copy against a newer anchor, a key open to others; and
# the --as row naming the OS user. harden.sh's other parts stay on SQLite (tests/pg/README).
# Exit 77 (SKIP) only when the PostgreSQL server is not installed.
set -u
ZG=$1
T=${ZG_TMP:-/tmp}/harden-pg-$$
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/../cli/lib/count.sh"
. "$(dirname "$0")/../cli/lib/db.sh"
zg_need_pg
. "$(dirname "$0")/../cli/lib/harden.sh"

# --- 11: the published demo password is refused outside the demo, common ones everywhere ---
DB=$(zg_db "$T" hdemo) || exit 1
expect 0 "$ZG" --db "$DB" demo --scale county --today 2026-11-21
P=$(zg_db "$T" hplain) || exit 1
demo_password_checks "$DB" "$P"

# --- 8: the keyed, anchored audit chain; a tamper test per kind ---
# dbname URI: the database's name.  copy_db FROM NAME: a copy of FROM (with its audit key) as
# the fresh database NAME; prints its URI.
dbname() { echo "$1" | sed 's|^[^:]*://[^/]*/||; s|?.*||'; }
copy_db() {
    _to=$(echo "$ZG_PG_URI" | sed "s|/[^/?]*?|/$2?|")
    psql "$ZG_PG_URI" -X -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $2 WITH (FORCE)" \
        -c "CREATE DATABASE $2 TEMPLATE $(dbname "$1")" >/dev/null 2>&1 ||
        { echo "FAIL: cannot copy $(dbname "$1") to $2" >&2; exit 1; }
    cp "$(zg_files "$1").audit-key" "$(zg_files "$_to").audit-key"
    chmod 600 "$(zg_files "$_to").audit-key"
    echo "$_to"
}
A=$(zg_db "$T" haudit) || exit 1
expect 0 "$ZG" --db "$A" demo --scale county --today 2026-11-21
KEY="$(zg_files "$A").audit-key"
[ "$(stat -c %a "$KEY")" = 600 ] && ok || bad "audit key mode $(stat -c %a "$KEY")"
m=$(sql "$A" "SELECT min(id) FROM measure WHERE state IN ('not_started', 'in_progress') AND lead_unit_id = (SELECT unit_id FROM users WHERE login = 'unit')")
expect 0 "$ZG" --db "$A" measure transition "$m" report --as unit --comment 已开展排查
expect 0 "$ZG" --db "$A" user passwd office01
uid=$(sql "$A" "SELECT id FROM users WHERE login = 'office01'")
OLD=$(copy_db "$A" "zg_hold_$$")
expect 0 "$ZG" --db "$A" measure transition "$m" report --as unit --comment 又有进展
expect 0 "$ZG" --db "$A" audit anchor -o "$T/anchor"
contains "$T/out" "zhenggai audit anchor seq"
expect 0 "$ZG" --db "$A" audit verify --anchor "$T/anchor"
contains "$T/out" "audit log intact"
# tamper "SQL" PATTERN [anchor]: on a fresh copy, the change is found and named.
n=0
tamper() {
    n=$((n + 1))
    TT=$(copy_db "$A" "zg_ht${n}_$$")
    sql "$TT" "$1" >/dev/null || bad "sql failed: $1"
    if [ "${3:-}" = anchor ]; then
        expect 1 "$ZG" --db "$TT" audit verify --anchor "$T/anchor"
    else
        expect 1 "$ZG" --db "$TT" audit verify
    fi
    contains "$T/err" "$2"
}
tamper_cases "$m" "$uid"
# PostgreSQL's own way round a trigger: switched off, not dropped.
tamper "ALTER TABLE audit DISABLE TRIGGER audit_no_delete" "append-only triggers are missing"
# Rebuilt as a plain SHA-256 chain by someone without the key (harden.sh's Python, in PL/pgSQL).
tamper "DROP TRIGGER audit_no_update ON audit;
DO \$\$ DECLARE r record; prev text := repeat('0', 64); d text; s text; f text; h text;
BEGIN
  FOR r IN SELECT seq, at, actor, action, object, detail FROM audit ORDER BY seq LOOP
    d := CASE WHEN r.seq = 2 THEN 'rewritten' ELSE r.detail END;
    s := r.seq || ';';
    FOREACH f IN ARRAY ARRAY[prev, r.at, r.actor, r.action, r.object, d] LOOP
      s := s || octet_length(f) || ':' || f || ';';
    END LOOP;
    h := encode(sha256(convert_to(s, 'UTF8')), 'hex');
    UPDATE audit SET detail = d, prev_hash = prev, hash = h, keyed = 0 WHERE seq = r.seq;
    prev := h;
  END LOOP;
END \$\$;" "is not keyed although the key signs"
# An old copy against a newer anchor; a key open to others.
expect 1 "$ZG" --db "$OLD" audit verify --anchor "$T/anchor"
contains "$T/err" "before the anchor's entry"
K=$(copy_db "$A" "zg_hkey_$$")
chmod 644 "$(zg_files "$K").audit-key"
expect 1 "$ZG" --db "$K" audit verify
contains "$T/err" "is open to other users"
# The original is still whole.
expect 0 "$ZG" --db "$A" audit verify --anchor "$T/anchor"

# --- 14: a --as row names the OS user ---
grep -q "os user $(id -un)" <<EOF2 && ok || bad "--as row lacks the OS user"
$(sql "$A" "SELECT detail FROM audit WHERE action = 'measure.report' ORDER BY seq DESC LIMIT 1")
EOF2

echo "harden_pg: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
