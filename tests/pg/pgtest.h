/*
** pgtest.h: what the PostgreSQL tests share: the URI of a fresh database of their own on the
** throwaway cluster of the ctest fixture (cluster.sh), or a skip when no server is installed.
*/
#ifndef ZG_PGTEST_H
#define ZG_PGTEST_H

/* Where Debian's postgresql-15 puts the server binaries (cluster.sh's default). */
#define PGTEST_BIN "/usr/lib/postgresql/15/bin/postgres"

/*
** Drop and create the database `name` on the cluster of ZG_PG_URI and return a URI for it
** (static storage). Exits 77 (ctest SKIP) when the server binaries are not installed; when
** they are, a missing ZG_PG_URI or a server that does not answer fails the program (exit 1),
** so a test never skips while the server is available.
*/
const char *pgtest_db(const char *name);

#endif
