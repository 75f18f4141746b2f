#!/bin/sh
# bench/pagebytes.sh: what each page and list costs each kind of user on a large platform, in
# bytes and time, the first read after a start and the second. The nation (pagecost.sh's
# nation.db: 3,000 inspections, 30,000 units, 150,003 accounts) is served in place; each
# account's sessions are cleared and its first password put back before it logs in, and the
# sysadmin's password hash is put back at the end (first_login changes it).
# Usage: sh bench/pagebytes.sh [BUILD_DIR]   DS=nation (or city, province: a fresh copy)
#   ZG_OLD=path: that binary instead, for A/B runs back to back. Prints one line per page:
#   login, path, status, bytes, first and second read in ms.
set -eu
BUILD=${1:-build}
ZG=${ZG_OLD:-$(cd "$BUILD" && pwd)/zhenggai}
SRC=${BENCH_DIR:-${TMPDIR:-/tmp}/zg-bench-pagecost}
DS=${DS:-nation}
. "$(dirname "$0")/lib.sh"
[ -f "$SRC/$DS.db" ] || { echo "no $SRC/$DS.db (run bench/pagecost.sh first)" >&2; exit 1; }
W=$(mktemp -d "${TMPDIR:-/tmp}/zg-pagebytes.XXXXXX")
DB=$SRC/$DS.db
[ "$DS" = nation ] || { dataset_copy "$SRC" "$DS" "$W/d.db"; DB=$W/d.db; }
SYS=$(sqlite3 "$DB" "SELECT password_hash FROM users WHERE login = 'sysadmin'")
SERVE_PID=
cleanup() {
    [ -n "$SERVE_PID" ] && kill $SERVE_PID 2>/dev/null && wait $SERVE_PID 2>/dev/null
    sqlite3 "$DB" "UPDATE users SET password_hash = '$SYS' WHERE login = 'sysadmin'"
    rm -rf "$W"
}
trap cleanup EXIT
case $DS in county|city) P=;; *) P=d01-;; esac
OBSERVER="/dashboard /measures /units /inspections /api/v1/units /api/v1/units?limit=500"
ADMIN="/admin/users /admin/units /admin/users/new /admin/users/5"
for who in "${P}observer:$OBSERVER" "${P}office${P:+1}:/dashboard /measures /api/v1/units /feedback" \
           "${P}discipline:/clues /api/v1/units" "sysadmin:$ADMIN"; do
    login=${who%%:*}
    sqlite3 "$DB" "DELETE FROM session; UPDATE users SET must_change_password = 1, failed_logins = 0,
        locked_until = NULL, password_hash = '$SYS' WHERE login = '$login'"
    serve_bin "$ZG" "$DB" "$W/out"
    first_login "$SERVE_URL" "$login" Zhenggai@2026 Bench@2026-pagebytes "$W/jar"
    for p in ${who#*:}; do
        a=$(curl -s -o "$W/body" -b "$W/jar" -w '%{http_code} %{size_download} %{time_total}' "$SERVE_URL$p")
        b=$(curl -s -o /dev/null -b "$W/jar" -w '%{time_total}' "$SERVE_URL$p")
        echo "$login $p $a $b" | awk '{ printf "%-14s %-26s %s %10d B  first %8.1f ms  second %7.1f ms\n",
            $1, $2, $3, $4, $5 * 1000, $6 * 1000 }'
    done
    kill $SERVE_PID
    wait $SERVE_PID 2>/dev/null || true
    SERVE_PID=
done
