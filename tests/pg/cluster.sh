#!/bin/sh
# cluster.sh start|stop|uri DIR: a throwaway PostgreSQL 15 cluster for the tests.
#
# start  initdb into DIR/data (removed first if a previous run left it), start postgres
#        listening on a Unix socket in DIR only (listen_addresses = '', no TCP port at all),
#        create the database "zhenggai" and print its URI. Run as root, the server runs as the
#        unprivileged user "postgres" (Debian's package creates it), since postgres refuses root.
# stop   stop that server (fast shutdown) and remove DIR/data.
# uri    print the URI the tests connect with: postgresql://zhenggai@/zhenggai?host=DIR&port=5432.
#
# Exit 77 when the server binaries of Debian's postgresql-15 are not installed, so that ctest
# reports the fixture and the tests that need it as skipped, never as passed.
set -eu

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: cluster.sh start|stop|uri DIR" >&2; exit 2; }
# The socket's path must fit in sockaddr_un (107 bytes): DIR/.s.PGSQL.5432.
[ ${#dir} -le 90 ] || { echo "cluster: '$dir' is too long for a socket path" >&2; exit 2; }

uri() { echo "postgresql://zhenggai@/zhenggai?host=$dir&port=5432"; }

# Run a server binary as the unprivileged owner of the cluster.
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# Stop the cluster in DIR (or where DIR links to) and remove its data, and the link's target.
stop_cluster() {
    target=$dir
    [ -L "$dir" ] && target=$(readlink "$dir")
    if [ -f "$target/data/postmaster.pid" ]; then
        as_owner "$PG_BIN/pg_ctl" -D "$target/data" -m fast -w stop >/dev/null 2>&1 ||
            as_owner "$PG_BIN/pg_ctl" -D "$target/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$target/data"
    if [ -L "$dir" ]; then
        rm -rf "$target"
        rm -f "$dir"
    fi
}

case "$cmd" in
uri)
    uri
    ;;
start)
    if [ ! -x "$PG_BIN/initdb" ] || [ ! -x "$PG_BIN/pg_ctl" ]; then
        echo "cluster: no PostgreSQL server in $PG_BIN (scripts/deps.sh installs postgresql-15)" >&2
        exit 77
    fi
    # A cluster left by an interrupted run (in DIR, or where DIR links to): stop it, remove it.
    stop_cluster
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || { echo "cluster: no user 'postgres' to run the server" >&2; exit 1; }
        chown postgres "$dir"
        # The server user must reach DIR through the folders above it. A clone under a private
        # folder (mktemp -d, /root) is closed to it: the cluster then lives in a folder of its
        # own under /tmp, and DIR becomes a link there, so the tests' URI (host=DIR) still holds.
        if ! runuser -u postgres -- test -x "$dir"; then
            real=$(mktemp -d "${TMPDIR:-/tmp}/zg-pg.XXXXXX")
            chmod 0755 "$real"
            chown postgres "$real"
            runuser -u postgres -- test -x "$real" ||
                { echo "cluster: user postgres cannot enter '$dir' nor '$real'" >&2; exit 1; }
            rm -rf "$dir"
            ln -s "$real" "$dir"
        fi
    fi
    server_dir=$(cd "$dir" && pwd -P)
    # Byte-order collation (as SQLite's BINARY) and a UTF-8 ctype, so that pg_trgm treats Chinese
    # characters as word characters (a C ctype would leave Chinese text without trigrams).
    as_owner "$PG_BIN/initdb" -D "$server_dir/data" -U zhenggai --auth=trust --encoding=UTF8 \
        --lc-collate=C --lc-ctype=C.UTF-8 --no-sync >"$server_dir/initdb.log" 2>&1 ||
        { cat "$server_dir/initdb.log" >&2; exit 1; }
    # fsync off: a throwaway cluster, as a RAM disk would be.
    as_owner "$PG_BIN/pg_ctl" -D "$server_dir/data" -l "$server_dir/server.log" -w -t 60 \
        -o "-c listen_addresses='' -c unix_socket_directories='$server_dir' -c port=5432 -c fsync=off -c max_connections=200" \
        start >/dev/null || { cat "$server_dir/server.log" >&2; exit 1; }
    as_owner "$PG_BIN/createdb" -h "$server_dir" -p 5432 -U zhenggai zhenggai
    uri
    ;;
stop)
    stop_cluster
    ;;
*)
    echo "usage: cluster.sh start|stop|uri DIR" >&2
    exit 2
    ;;
esac
