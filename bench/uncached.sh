#!/bin/sh
# bench/uncached.sh: pages as a handler renders them, not as the reply cache keeps them, on a
# platform of many inspections. The province dataset (pagecost.sh's province.db: 100
# inspections) is copied and grown to 3,000 inspections by SQL (29 more rounds of each, without
# measures: the nation's count of inspections in a minute, not the nation's two hours), then
# each page is read by wrk with a query parameter that differs on every request (so no reply is
# kept), as the observer (who sees every inspection) and as an office (its organisation's).
# Usage: sh bench/uncached.sh [BUILD_DIR]   DURATION=5s  ROUNDS=3: fresh copies, each binary
#   once per round; the last lines give each page's median req/s with p50/p99 of that run.
#   ZG_OLD=path: that binary first in each round, for A/B runs back to back.
#   DS=city: instead, the city dataset (one inspection of 10,000 measures) as it is, read as the
#   user of its largest unit (the unit's list, page and counts) and as the office (the plan's
#   edit page, its coverage check, the inspection's reply).
set -eu
BUILD=${1:-build}
ZG=$(cd "$BUILD" && pwd)/zhenggai
SRC=${BENCH_DIR:-${TMPDIR:-/tmp}/zg-bench-pagecost}
DURATION=${DURATION:-5s}
ROUNDS=${ROUNDS:-3}
. "$(dirname "$0")/lib.sh"
command -v wrk >/dev/null 2>&1 || apt-get install -y -qq wrk >/dev/null
mkdir -p "$SRC"
[ -f "$SRC/province.db" ] ||
    "$ZG" --db "$SRC/province.db" demo --scale province --today 2026-11-21 >/dev/null
W=$(mktemp -d "${TMPDIR:-/tmp}/zg-uncached.XXXXXX")
SERVE_PID=
trap '[ -n "$SERVE_PID" ] && kill $SERVE_PID 2>/dev/null; rm -rf "$W"' EXIT
DS=${DS:-many}
if [ "$DS" = city ]; then
    [ -f "$SRC/city.db" ] || "$ZG" --db "$SRC/city.db" demo --scale city --today 2026-11-21 >/dev/null
    sqlite3 "$SRC/city.db" ".backup '$W/many.db'"
    cp -p "$SRC/city.db.audit-key" "$W/many.db.audit-key"
fi
[ "$DS" = city ] || { sqlite3 "$SRC/province.db" ".backup '$W/many.db'"
cp -p "$SRC/province.db.audit-key" "$W/many.db.audit-key"
sqlite3 "$W/many.db" "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 29)
    INSERT INTO inspection (kind, title, superior, group_name, target, onsite_start, onsite_end,
      feedback_on, concentrated_end, report_cycle, report_due_day, warn_days, require_signoff,
      state, contact_phone, contact_email, contact_address, signer, published_on, created_at,
      org_unit_id, plan_state, issued_at, require_onsite, version, revisit_months)
    SELECT kind, title || '（第' || k.i || '轮）', superior, group_name, target, onsite_start,
      onsite_end, feedback_on, concentrated_end, report_cycle, report_due_day, warn_days,
      require_signoff, state, contact_phone, contact_email, contact_address, signer,
      published_on, created_at, org_unit_id, plan_state, issued_at, require_onsite, version,
      revisit_months FROM inspection, k WHERE inspection.id <= 100"; }
echo "$(sqlite3 "$W/many.db" "SELECT count(*) FROM inspection") inspections; load: $(uptime)"
cat >"$W/uniq.lua" <<'LUA'
local n = 0
request = function()
  n = n + 1
  local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. sep .. "nocache=" .. n .. "-" .. math.random(1000000000))
end
LUA
# Each user as login:page,page,…
USERS="d01-observer:/measures,/dashboard,/inspections,/units,/api/v1/inspections
    d01-office1:/measures,/dashboard,/api/v1/units"
if [ "$DS" = city ]; then
    I=$(sqlite3 "$W/many.db" "SELECT min(id) FROM inspection")
    UNIT=$(sqlite3 "$W/many.db" "SELECT lead_unit_id FROM measure GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
    UNIT_LOGIN=$(sqlite3 "$W/many.db" "SELECT min(u.login) FROM users u JOIN user_role r
        ON r.user_id = u.id WHERE r.role = 'unit' AND u.unit_id = $UNIT")
    USERS="$UNIT_LOGIN:/measures?inspection=$I,/api/v1/measures?inspection=$I,/units/$UNIT?inspection=$I,/api/v1/units/$UNIT
        office:/inspections/$I/edit,/api/v1/inspections/$I/coverage,/api/v1/inspections/$I"
fi
for round in $(seq "$ROUNDS"); do
    for zg in ${ZG_OLD:-} "$ZG"; do
        for who in $USERS; do
            login=${who%%:*}
            dataset_copy "$W" many "$W/d.db" "$login"
            serve_bin "$zg" "$W/d.db" "$W/out"
            first_login "$SERVE_URL" "$login" Zhenggai@2026 Bench@2026-uncached "$W/jar"
            sid=$(awk '$6 == "zg_sid" { print $7 }' "$W/jar" | tail -1)
            for p in $(echo "${who#*:}" | tr , ' '); do
                bytes=$(curl -s -o /dev/null -b "$W/jar" -w '%{http_code} %{size_download}' "$SERVE_URL$p")
                WRK_NAME_WIDTH=34 wrk_line "$login $p" 8 "$W/wrk.out" -s "$W/uniq.lua" \
                    -H "Cookie: zg_sid=$sid" "$SERVE_URL$p"
                echo "  $bytes B  $zg"
            done
            kill $SERVE_PID
            wait $SERVE_PID 2>/dev/null || true
            SERVE_PID=
        done
    done
done | tee "$W/all"
echo "medians of $ROUNDS rounds:"
awk '{ key = $1 " " $2 " " $NF; n[key]++; line[key, n[key]] = $4 " " $7 " " $10 }
    END { for (k in n) { m = n[k]; for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++)
              if (line[k, j] + 0 < line[k, i] + 0) { t = line[k, i]; line[k, i] = line[k, j]; line[k, j] = t }
          split(line[k, int((m + 1) / 2)], f, " ")
          printf "%s: %s req/s (p50 %s ms, p99 %s ms)\n", k, f[1], f[2], f[3] } }' "$W/all" | sort
