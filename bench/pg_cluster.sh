#!/bin/sh
# pg_cluster.sh start|stop|uri DIR [DBNAME]: the PostgreSQL 15 cluster the benchmarks run on.
#
# start  initdb into DIR/data unless it holds a cluster already (the data is kept between runs:
#        a nation ledger takes long to generate), start postgres on a Unix socket in DIR only
#        (no TCP), and print nothing. Run as root, the server runs as the user "postgres".
#        Tuned for a benchmark, in this cluster only: shared_buffers=2GB, synchronous_commit=off
#        (a commit does not wait for its WAL flush; fsync stays on, so a crash loses the last
#        commits but never corrupts), max_wal_size=8GB (no checkpoint storm during a bulk load).
# stop   stop that server (fast shutdown); the data stays.
# uri    print the URI of database DBNAME (default zhenggai) in that cluster, creating it if
#        missing with the collation the product wants (C, ctype C.UTF-8).
set -eu

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
cmd=${1:-}
dir=${2:-}
name=${3:-zhenggai}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: pg_cluster.sh start|stop|uri DIR [DBNAME]" >&2; exit 2; }
[ ${#dir} -le 90 ] || { echo "pg_cluster: '$dir' is too long for a socket path" >&2; exit 2; }

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
start)
    [ -x "$PG_BIN/initdb" ] || { echo "pg_cluster: no PostgreSQL server in $PG_BIN" >&2; exit 77; }
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        as_owner "$PG_BIN/initdb" -D "$dir/data" -U zhenggai --auth=trust --encoding=UTF8 \
            --lc-collate=C --lc-ctype=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
            { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    # A postmaster.pid left by a server killed with the session is stale: ask pg_ctl.
    if ! as_owner "$PG_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 120 \
            -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c port=5432 \
                -c max_connections=300 -c shared_buffers=2GB -c synchronous_commit=off \
                -c max_wal_size=8GB -c checkpoint_timeout=30min -c maintenance_work_mem=512MB" \
            start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    fi
    ;;
stop)
    [ -f "$dir/data/postmaster.pid" ] && as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
uri)
    if ! as_owner "$PG_BIN/psql" -h "$dir" -p 5432 -U zhenggai -d postgres -Atc \
        "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
        as_owner "$PG_BIN/createdb" -h "$dir" -p 5432 -U zhenggai --template template0 \
            --encoding UTF8 --lc-collate C --lc-ctype C.UTF-8 "$name"
    fi
    echo "postgresql://zhenggai@/$name?host=$dir&port=5432"
    ;;
*)
    echo "usage: pg_cluster.sh start|stop|uri DIR [DBNAME]" >&2
    exit 2
    ;;
esac
