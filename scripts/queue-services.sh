#!/usr/bin/env bash
# PostgreSQL and Redis for n8n in queue mode, private to one test run: installed from Debian's
# packages when missing, run from a folder of their own on 127.0.0.1, never as system services.
#
#   scripts/queue-services.sh ensure                          installs the packages if needed
#   scripts/queue-services.sh start <dir> [pgPort] [redisPort] starts both, prints one JSON line
#   scripts/queue-services.sh stop <dir>                      stops both (the folder stays)
#
# `ensure` and `start` exit with 3 and one line on stderr when the packages cannot be installed
# (e.g. no network); that is the only case the queue-mode e2e test skips.
# `start` prints {"dir","pgPort","pgPid","redisPort","redisPid","database","user","password","psql"}; both
# pids lead their own process group (pg_ctl and redis' daemonize call setsid), so a caller can end
# them with `kill -- -<pid>` if `stop` never runs.
set -euo pipefail

PG_DATABASE=n8n
PG_USER=n8n
# A throwaway cluster on loopback for tests; the password only proves n8n sends one.
PG_PASSWORD=n8n-queue-e2e

log() { echo "[queue-services] $*" >&2; }

pg_bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

installed() { pg_bin_dir >/dev/null && command -v redis-server >/dev/null && command -v redis-cli >/dev/null; }

ensure_packages() {
  installed && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "PostgreSQL and Redis are not installed and apt-get cannot run here (needs root on Debian)" >&2
    exit 3
  fi
  log "installing postgresql and redis-server from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get install -y -q postgresql redis-server >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q postgresql redis-server >/dev/null 2>&1; }; }; then
    echo "apt-get could not install postgresql and redis-server (offline or no package source?)" >&2
    exit 3
  fi
  installed || { echo "postgresql or redis-server is still missing after apt-get install" >&2; exit 3; }
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{const p=s.address().port;s.close(()=>console.log(p))})'
}

start_services() {
  local dir="$1" pg_port="${2:-}" redis_port="${3:-}"
  ensure_packages
  local bin
  bin=$(pg_bin_dir)
  [ -n "$pg_port" ] || pg_port=$(free_port)
  [ -n "$redis_port" ] || redis_port=$(free_port)

  rm -rf "$dir"
  mkdir -p "$dir/pg" "$dir/redis"
  dir=$(cd "$dir" && pwd)
  # PostgreSQL refuses to run as root: the cluster belongs to the postgres user, who must reach it.
  chown -R postgres:postgres "$dir/pg"
  local parent="$dir"
  while [ "$parent" != / ]; do chmod o+x "$parent" 2>/dev/null || true; parent=$(dirname "$parent"); done

  echo "$PG_PASSWORD" > "$dir/pg/pwfile"
  chown postgres:postgres "$dir/pg/pwfile"
  runuser -u postgres -- "$bin/initdb" -D "$dir/pg/data" -U postgres --pwfile="$dir/pg/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$dir/pg/initdb.log" 2>&1 \
    || { log "initdb failed:"; tail -n 20 "$dir/pg/initdb.log" >&2; exit 1; }
  # Durability settings off: a test database that is thrown away after the run.
  runuser -u postgres -- "$bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/postgres.log" -w -t 60 start -o \
    "-p $pg_port -k $dir/pg -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    >/dev/null || { log "postgres did not start:"; tail -n 20 "$dir/pg/postgres.log" >&2; exit 1; }
  local pg_pid
  pg_pid=$(head -n 1 "$dir/pg/data/postmaster.pid")
  runuser -u postgres -- "$bin/psql" -h "$dir/pg" -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
    -c "CREATE ROLE $PG_USER LOGIN PASSWORD '$PG_PASSWORD'" -c "CREATE DATABASE $PG_DATABASE OWNER $PG_USER" >/dev/null

  redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --daemonize yes \
    --dir "$dir/redis" --pidfile "$dir/redis/redis.pid" --logfile "$dir/redis/redis.log"
  local tries=0
  until redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1; do
    tries=$((tries + 1))
    [ "$tries" -lt 100 ] || { log "redis did not answer:"; tail -n 20 "$dir/redis/redis.log" >&2; exit 1; }
    sleep 0.1
  done
  local redis_pid
  redis_pid=$(cat "$dir/redis/redis.pid")

  printf '{"dir":"%s","pgPort":%s,"pgPid":%s,"redisPort":%s,"redisPid":%s,"database":"%s","user":"%s","password":"%s","psql":"%s"}\n' \
    "$dir" "$pg_port" "$pg_pid" "$redis_port" "$redis_pid" "$PG_DATABASE" "$PG_USER" "$PG_PASSWORD" "$bin/psql"
}

stop_services() {
  local dir="$1" bin
  bin=$(pg_bin_dir || true)
  if [ -f "$dir/pg/data/postmaster.pid" ] && [ -n "$bin" ]; then
    runuser -u postgres -- "$bin/pg_ctl" -D "$dir/pg/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  if [ -f "$dir/redis/redis.pid" ]; then
    kill -TERM "$(cat "$dir/redis/redis.pid")" 2>/dev/null || true
    rm -f "$dir/redis/redis.pid"
  fi
}

case "${1:-}" in
  ensure) ensure_packages ;;
  start) [ -n "${2:-}" ] || { echo "usage: $0 start <dir> [pgPort] [redisPort]" >&2; exit 2; }; start_services "$2" "${3:-}" "${4:-}" ;;
  stop) [ -n "${2:-}" ] || { echo "usage: $0 stop <dir>" >&2; exit 2; }; stop_services "$2" ;;
  *) echo "usage: $0 ensure | start <dir> [pgPort] [redisPort] | stop <dir>" >&2; exit 2 ;;
esac
