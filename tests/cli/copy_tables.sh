#!/bin/sh
# copy_tables.sh ZHENGGAI: src/db/copy_tables.c is what tools/gen_copy_tables.py makes from the
# schema of today: a migration that adds a table or a column without running the tool again
# fails here (copy would silently leave it behind). Skips (77) without python3. SQLite only:
# its subject is generated code and SQLite's schema; tests/pg/test_pg_schema.c holds
# PostgreSQL's schema to the same tables and columns, so the list fits both.
set -eu
bin=$1
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
tmp=${ZG_TMP:-/tmp}/copy_tables.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
"$bin" --db "$tmp/schema.db" init >/dev/null
python3 "$ZG_SOURCE_DIR/tools/gen_copy_tables.py" "$tmp/schema.db" >"$tmp/copy_tables.c"
if ! diff -u "$ZG_SOURCE_DIR/src/db/copy_tables.c" "$tmp/copy_tables.c"; then
    echo "FAIL: src/db/copy_tables.c is stale: run tools/gen_copy_tables.py on a new database" >&2
    exit 1
fi
echo "copy_tables.c matches the schema"
