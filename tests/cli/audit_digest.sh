#!/bin/sh
# CLI test of the audit chain's bounded measure digests (src/db/audit_digest.h) across the
# change: a database whose entries about measures carry the first form's digest (every report
# hashed; made here by rewriting a fresh demo's entries as the binary before the change wrote
# them, the chain rebuilt with the key) still verifies and its tampering is still found; a new
# report on a measure then starts the bounded form, listing every report once, and later entries
# list only what changed; tampering with such a measure is found and named.
# Usage: sh audit_digest.sh PATH_TO_ZHENGGAI
set -u
ZG=$1
command -v python3 >/dev/null 2>&1 && command -v sqlite3 >/dev/null 2>&1 ||
    { echo "SKIP: python3 or sqlite3 missing"; exit 77; }
T=${ZG_TMP:-/tmp}/cli-audit-digest-$$
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/lib/count.sh"
A="$T/a.db"
expect 0 "$ZG" --db "$A" demo --scale county --today 2026-11-21
q() { sqlite3 "$A" "$1"; }
unit_measures="SELECT id FROM measure WHERE state IN ('not_started', 'in_progress')
    AND lead_unit_id = (SELECT unit_id FROM users WHERE login = 'unit')
    AND (SELECT count(*) FROM progress p WHERE p.measure_id = measure.id) >= 2 ORDER BY id"
m=$(q "$unit_measures LIMIT 1")
m2=$(q "$unit_measures LIMIT 1 OFFSET 1")
[ -n "$m" ] && [ -n "$m2" ] && ok || bad "no measures of the unit"

# Reports on both (the demo itself audits no measure): entries of the bounded form, which the
# rewrite turns into the first form, as an old binary wrote them.
expect 0 "$ZG" --db "$A" measure transition "$m" report --as unit --comment 已开展排查
expect 0 "$ZG" --db "$A" measure transition "$m2" report --as unit --comment 已开展排查
[ "$(q "SELECT count(*) FROM audit WHERE digest LIKE '2;%'")" = 2 ] && ok || bad "no bounded digests"
python3 - "$A" <<'PY' || bad "python rewrite failed"
import hashlib, hmac, sqlite3, sys
db = sys.argv[1]
key = bytes.fromhex(open(db + ".audit-key").read()[:64])
c = sqlite3.connect(db)
c.execute("DROP TRIGGER audit_no_update")
def field(s):
    s = "" if s is None else str(s)
    return "%d:%s;" % (len(s.encode()), s)
def full_digest(mid):
    rows = c.execute("SELECT 'measure', state, percent, NULL FROM measure WHERE id = ?", (mid,)).fetchall()
    rows += c.execute("SELECT 'progress', state, percent, body FROM progress WHERE measure_id = ? ORDER BY id", (mid,)).fetchall()
    h = hashlib.sha256()
    for r in rows:
        h.update("".join(field(x) for x in r).encode())
    return h.hexdigest() if rows else "gone"
prev = "0" * 64
for seq, at, actor, action, obj, detail, digest, keyed in c.execute(
        "SELECT seq, at, actor, action, object, detail, digest, keyed FROM audit ORDER BY seq").fetchall():
    if digest and digest.startswith("2;") and obj.startswith("measure:"):
        digest = full_digest(int(obj[8:]))
    b = "%d;" % seq + "".join(field(f) for f in (prev, at, actor, action, obj, detail))
    if keyed:
        h = hmac.new(key, (b + field(digest or "")).encode(), hashlib.sha256).hexdigest()
    else:
        h = hashlib.sha256(b.encode()).hexdigest()
    c.execute("UPDATE audit SET digest = ?, prev_hash = ?, hash = ? WHERE seq = ?", (digest, prev, h, seq))
    prev = h
c.execute("CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END")
c.commit()
PY
[ "$(q "SELECT count(*) FROM audit WHERE digest LIKE '2;%'")" = 0 ] && ok || bad "bounded digests left"
expect 0 "$ZG" --db "$A" audit verify
contains "$T/out" "audit log intact"

# tamper DB "SQL" PATTERN: on a fresh copy of DB, audit verify finds the change and names it.
tamper() {
    cp "$1" "$T/t.db"; cp "$1.audit-key" "$T/t.db.audit-key"; chmod 600 "$T/t.db.audit-key"
    sqlite3 "$T/t.db" "$2" || bad "sql failed: $2"
    expect 1 "$ZG" --db "$T/t.db" audit verify
    contains "$T/err" "$3"
}
tamper "$A" "UPDATE progress SET body = '伪造' WHERE measure_id = $m" "measure:$m was changed outside"

# A report on m: its first bounded entry lists every report of m; the next only the new one.
expect 0 "$ZG" --db "$A" measure transition "$m" report --as unit --comment 继续排查
reports=$(q "SELECT count(*) FROM progress WHERE measure_id = $m")
latest="SELECT digest FROM audit WHERE object = 'measure:$m' ORDER BY seq DESC LIMIT 1"
items=$(q "$latest" | tr ';' '\n' | grep -c ':[ot]:')
[ "$items" = "$reports" ] && ok || bad "the first bounded entry lists $items reports of $reports"
expect 0 "$ZG" --db "$A" measure transition "$m" report --as unit --comment 又有进展
items=$(q "$latest" | tr ';' '\n' | grep -c ':[ot]:')
[ "$items" = 1 ] && ok || bad "the next entry lists $items reports, want 1"
expect 0 "$ZG" --db "$A" audit verify
contains "$T/out" "audit log intact"

old=$(q "SELECT min(id) FROM progress WHERE measure_id = $m")
tamper "$A" "UPDATE progress SET body = '伪造' WHERE id = $old" "progress report $old of measure:$m was changed outside"
tamper "$A" "UPDATE progress SET state = 'returned' WHERE id = $old" "progress report $old of measure:$m was changed outside"
tamper "$A" "UPDATE measure SET percent = 99 WHERE id = $m" "measure:$m was changed outside"
tamper "$A" "INSERT INTO progress(measure_id, body, percent, state, reported_on, created_at)
    VALUES($m, '补录', 10, 'accepted', '2026-11-21', '2026-11-21T00:00:00Z')" "of measure:$m has no audit entry"
tamper "$A" "DELETE FROM evidence WHERE progress_id = $old; DELETE FROM progress WHERE id = $old" "progress report $old of measure:$m was removed outside"
# A measure whose latest entry is still of the first form is checked as before.
tamper "$A" "UPDATE progress SET body = '伪造' WHERE measure_id = $m2" "measure:$m2 was changed outside"

echo "audit_digest: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
