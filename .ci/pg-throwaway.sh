#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster on loopback for tests and benchmarks.
#   .ci/pg-throwaway.sh start   prints DATABASE_URL=...   (PGPORT, PGDATA may be set)
#   .ci/pg-throwaway.sh stop
# PostgreSQL refuses to run as root, so as root the server runs as the postgres user.
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGPORT=${PGPORT:-55432}
PGDATA=${PGDATA:-/tmp/np-pg-throwaway-$PGPORT}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-start}" in
start)
  if [ ! -x "$PGBIN/initdb" ]; then
    echo "PostgreSQL 15 server binaries are missing from $PGBIN (Debian package postgresql-15)." >&2
    exit 1
  fi
  as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$PGDATA"; mkdir -p "$PGDATA"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PGDATA"; fi
  as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
  as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 30 start \
    -o "-p $PGPORT -c listen_addresses=127.0.0.1 -k $PGDATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null
  as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qAt -c 'CREATE DATABASE neighbourhood_pulse_test' >/dev/null
  echo "DATABASE_URL=postgres://postgres@127.0.0.1:$PGPORT/neighbourhood_pulse_test"
  ;;
stop)
  as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PGDATA"
  ;;
*) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
