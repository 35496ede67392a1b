#!/usr/bin/env bash
# scripts/pg-temp.sh — a throwaway PostgreSQL cluster for tests.
#
#   scripts/pg-temp.sh start DIR   initdb in DIR/data, start it on a Unix socket in DIR and on
#                                  127.0.0.1 at a free port (fsync off), print the libpq
#                                  connection string: host=DIR port=N user=postgres dbname=postgres
#   scripts/pg-temp.sh conninfo DIR   print the connection string of a running cluster
#   scripts/pg-temp.sh stop DIR    stop it (the caller removes DIR)
#
# PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres`
# user and DIR is handed to it; DIR's parent must be reachable by that user (/tmp is).
# Authentication is `trust`: the cluster only lives for one test run.
set -euo pipefail

usage() { echo "usage: $0 start|stop|conninfo DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
cmd=$1
dir=$(realpath -m "$2")

pgbin=${PG_BIN:-}
if [ -z "$pgbin" ]; then
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    pgbin=$(pg_config --bindir)
  else
    pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  fi
fi
[ -x "$pgbin/initdb" ] || { echo "pg-temp: initdb not found (is postgresql installed?)" >&2; exit 1; }

# as_pg CMD...: run CMD as the cluster's owner.
if [ "$(id -u)" = 0 ]; then
  owner=postgres
  as_pg() { runuser -u postgres -- "$@"; }
else
  owner=$(id -un)
  as_pg() { "$@"; }
fi

free_port() {
  # Ask the kernel for a free port on loopback; a race with another process is
  # possible, so start() retries with a new port if the server cannot bind.
  if command -v node >/dev/null 2>&1; then
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
  else
    python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'
  fi
}

conninfo() { echo "host=$dir port=$(cat "$dir/port") user=postgres dbname=postgres"; }

case $cmd in
start)
  mkdir -p "$dir"
  chmod 700 "$dir"
  [ "$owner" = "$(id -un)" ] || chown "$owner:" "$dir"
  if ! [ -f "$dir/data/PG_VERSION" ]; then
    as_pg "$pgbin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
      --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  fi
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if as_pg "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o \
        "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null 2>&1; then
      echo "$port" >"$dir/port"
      conninfo
      exit 0
    fi
    echo "pg-temp: start on port $port failed (attempt $attempt)" >&2
  done
  tail -n 20 "$dir/server.log" >&2 || true
  exit 1
  ;;
stop)
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_pg "$pgbin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
      as_pg "$pgbin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  ;;
conninfo)
  [ -f "$dir/port" ] || { echo "pg-temp: no cluster in $dir" >&2; exit 1; }
  conninfo
  ;;
*) usage ;;
esac
