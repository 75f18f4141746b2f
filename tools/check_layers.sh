#!/bin/sh
# check_layers.sh: includes point downwards only (cli → web → report, import, demo → ledger → db → base;
# cli reaches web only to start the server with `serve` and to print its routes),
# SQL lives in src/db/ only, and only the driver src/db/db.c speaks SQLite's API (the stores speak
# db.h, so that another engine can sit behind it). Prints each violation; exits 1 when there is one.
top=${1:-.}
cd "$top/src" || exit 1
rank() {
    case $1 in
    base) echo 0 ;; db) echo 1 ;; ledger) echo 2 ;; import|report|demo) echo 3 ;; web) echo 4 ;; cli) echo 5 ;;
    *) echo 9 ;;
    esac
}
bad=0
for dir in base db ledger import report demo web cli; do
    r=$(rank $dir)
    for f in $(ls $dir/*.c $dir/*.h 2>/dev/null); do
        for inc in $(sed -n 's/^#include "\([a-z_]*\)\/.*/\1/p' "$f" | sort -u); do
            ri=$(rank "$inc")
            if [ "$ri" -gt "$r" ] || { [ "$ri" -eq "$r" ] && [ "$inc" != "$dir" ]; }; then
                echo "layer violation: src/$f includes $inc/ (a $dir file may include only lower layers)"
                bad=1
            fi
        done
        if [ "$f" != db/db.c ] && grep -n 'sqlite3\|SQLITE_' "$f" >/dev/null; then
            echo "engine API outside the driver (src/db/db.c): src/$f"
            grep -n 'sqlite3\|SQLITE_' "$f" | head -3
            bad=1
        fi
        if [ "$dir" != db ] && grep -n 'DB_SQL(' "$f" >/dev/null; then
            echo "sql outside src/db: src/$f"
            grep -n 'DB_SQL(' "$f" | head -3
            bad=1
        fi
    done
done
[ $bad -eq 0 ] && echo "layers ok"
exit $bad
