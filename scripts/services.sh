# Throwaway PostgreSQL and Redis, for scripts/test.sh and scripts/bench.sh, which source this file. Both servers
# run on free loopback ports from a temporary directory, and services_stop stops them and removes it.
#
#   source scripts/services.sh
#   apt_install_missing $(packages_missing wrk)   # Debian's packages, only those missing
#   trap services_stop EXIT
#   services_start portal-test     # exports DATABASE_URL, CELERY_BROKER_URL (Redis db 0), REDIS_URL (db 1), PG_CTL
#
# SERVICES_PG_CONF, if set, is appended to postgresql.conf (the benchmark gives PostgreSQL more memory).
# scripts/cluster.sh adds servers in the same directory, stopped by services_stop with the rest:
#   services_dir_make portal-cluster                # when services_start is not called
#   redis_start cache                                # another Redis: sets redis_started_port
#   replica_start "$DATABASE_URL"                    # a streaming replica: exports REPLICA_DATABASE_URL, REPLICA_PG_CTL

log() { printf '\n==> %s\n' "$*"; }
die() { printf '\n%s: ERROR: %s\n' "${0##*/}" "$*" >&2; exit 1; }

# Run a command as root: directly when we are root, else through sudo (a developer's machine).
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Newest PostgreSQL server binaries: PG_BIN if set, else Debian's /usr/lib/postgresql/<version>/bin,
# else whatever initdb is on PATH. Prints nothing when there are none.
find_pg_bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$newest" ] && [ -x "$newest/initdb" ]; then echo "$newest"; return; fi
  if command -v initdb >/dev/null; then dirname "$(readlink -f "$(command -v initdb)")"; fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The Debian packages not installed, one a line: the servers', python3-venv (which setup.sh makes .venv with)
# unless there is a .venv, and those of the commands named, each package named as its command (wrk).
packages_missing() {
  [ -n "$(find_pg_bin)" ] || echo postgresql
  command -v redis-server >/dev/null || echo redis-server
  [ -x .venv/bin/python ] || python3 -c 'import ensurepip' 2>/dev/null || echo python3-venv
  local command
  for command in "$@"; do command -v "$command" >/dev/null || echo "$command"; done
}

# Install the Debian packages named, if any.
apt_install_missing() {
  [ $# -gt 0 ] || return 0
  log "Installing from Debian: $*"
  # Stop the packages starting their own system-wide PostgreSQL and Redis services: ours are throwaway ones,
  # and nothing should be left running afterwards.
  local policy=/usr/sbin/policy-rc.d made_policy="" install_rc=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
    as_root chmod 755 "$policy"
    made_policy=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" || install_rc=$?
  [ -z "$made_policy" ] || as_root rm -f "$policy"
  [ "$install_rc" -eq 0 ] || die "apt-get install $* failed"
}

services_dir="" pg_pid="" pg_user="" replica_pid="" redis_started_port=""
redis_pids=()

# Stop a server started by services_start and reap it, so no process (not even a zombie) outlives the run.
_stop_server() {
  local pid=$1 signal=$2
  [ -n "$pid" ] && kill "-$signal" "$pid" 2>/dev/null || return 0
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi  # still there after 10s
  wait "$pid" 2>/dev/null || true
}

# Stops a PostgreSQL started here, and the one a test may have restarted through its pg_ctl (another process).
_stop_postgres() {
  local pid=$1 data=$2
  _stop_server "$pid" INT  # PostgreSQL's fast shutdown
  if [ -n "$services_dir" ] && [ -f "$data/postmaster.pid" ]; then
    _stop_server "$(head -n 1 "$data/postmaster.pid")" INT
  fi
}

# Stops every server started here and removes their directory; safe to call when they were never started.
services_stop() {
  _stop_postgres "$replica_pid" "$services_dir/replica"
  _stop_postgres "$pg_pid" "$services_dir/pgdata"
  local pid
  for pid in "${redis_pids[@]}"; do _stop_server "$pid" TERM; done
  [ -z "$services_dir" ] || rm -rf "$services_dir"
  pg_pid="" replica_pid="" services_dir="" redis_pids=()
}

# Replace the calling subshell with a PostgreSQL program run as $pg_user: call it as ( _as_pg ... ).
# exec (not runuser, which forks) so that $! after ( _as_pg postgres ... ) & is the server itself.
_as_pg() {
  cd "$services_dir"  # the server user may not be allowed to read the checkout
  if [ -n "$pg_user" ]; then
    exec setpriv --reuid="$pg_user" --regid="$(id -g "$pg_user")" --init-groups -- "$@"
  fi
  exec "$@"
}

# The temporary directory every server here lives in, /tmp/$1.XXXXXX, and the user PostgreSQL runs as.
services_dir_make() {
  # In /tmp, not $TMPDIR: the PostgreSQL user must reach it, and a socket path must stay under 108 bytes.
  services_dir=$(mktemp -d "/tmp/${1:-portal-services}.XXXXXX")
  chmod 755 "$services_dir"  # the unprivileged PostgreSQL user must be able to reach its directories inside
  # PostgreSQL refuses to run as root: run it as the postgres system user, creating a user if there is none.
  if [ "$(id -u)" -eq 0 ]; then
    if id postgres >/dev/null 2>&1; then
      pg_user=postgres
    else
      pg_user=portal-test-pg
      id "$pg_user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$pg_user"
    fi
  fi
}

# Starts PostgreSQL (database "portal", role "portal", a superuser, so it may create test_* databases) and Redis.
# $1 names the temporary directory (/tmp/$1.XXXXXX).
services_start() {
  local pg_bin pgdata pgrun pg_password pg_port
  pg_bin=$(find_pg_bin)
  [ -n "$pg_bin" ] || die "no PostgreSQL server binaries found (looked in /usr/lib/postgresql/*/bin and PATH)"
  services_dir_make "${1:-portal-services}"
  pgdata="$services_dir/pgdata" pgrun="$services_dir/pgrun"

  log "Starting a throwaway PostgreSQL ($pg_bin) and Redis in $services_dir"
  mkdir -p "$pgdata" "$pgrun"
  chmod 700 "$pgdata" "$pgrun"  # pgrun holds the password file
  pg_password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
  printf '%s\n' "$pg_password" >"$pgrun/pwfile"
  [ -z "$pg_user" ] || chown -R "$pg_user" "$pgdata" "$pgrun"
  ( _as_pg "$pg_bin/initdb" -D "$pgdata" -U portal --pwfile="$pgrun/pwfile" --auth-local=trust \
    --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 --no-sync ) >"$pgrun/initdb.log" 2>&1 \
    || { cat "$pgrun/initdb.log"; die "initdb failed"; }
  pg_port=$(free_port)
  cat >>"$pgdata/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $pg_port
unix_socket_directories = '$pgrun'
# Durability is worthless for a database deleted at exit; skipping it makes the runs faster.
fsync = off
synchronous_commit = off
full_page_writes = off
# Parallel queries need large shared memory segments, which a container's small /dev/shm may not hold.
max_parallel_workers_per_gather = 0
# Counts every statement by its shape: the benchmark's queries per request (benchmarks/meter.py).
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.max = 10000
${SERVICES_PG_CONF:-}
CONF
  # The servers run in their own sessions (setsid execs in place here: a background job of a script is not a
  # process group leader), so Ctrl-C reaches the caller's command alone and its teardown still has a database.
  ( _as_pg setsid "$pg_bin/postgres" -D "$pgdata" ) >"$pgrun/postgres.log" 2>&1 &
  pg_pid=$!
  _wait_for_postgres "$pg_bin" "$pg_port" "$pg_pid" "$pgrun/postgres.log"
  PGPASSWORD="$pg_password" "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U portal portal \
    || die "could not create the portal database"

  redis_start redis

  # The fault tests stop and start this PostgreSQL: "$PG_CTL" stop -m fast, "$PG_CTL" start -w.
  export PG_CTL="$services_dir/pg_ctl"
  _write_pg_ctl "$PG_CTL" "$pg_bin" "$pgdata" "$pgrun/postgres-restarted.log"
  export DATABASE_URL="postgres://portal:$pg_password@127.0.0.1:$pg_port/portal"
  export CELERY_BROKER_URL="redis://127.0.0.1:$redis_started_port/0"
  export REDIS_URL="redis://127.0.0.1:$redis_started_port/1"
  echo "PostgreSQL on 127.0.0.1:$pg_port, Redis on 127.0.0.1:$redis_started_port"
}

_wait_for_postgres() {
  local pg_bin=$1 port=$2 pid=$3 log_file=$4
  for _ in $(seq 300); do
    if "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port" || ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port" || { cat "$log_file"; die "PostgreSQL did not start"; }
}

# A script at $1 that runs pg_ctl as the server's user, on data directory $3, logging to $4.
_write_pg_ctl() {
  local script=$1 pg_bin=$2 data=$3 log_file=$4
  cat >"$script" <<SCRIPT
#!/usr/bin/env bash
cd "$services_dir"
exec ${pg_user:+setpriv --reuid=$pg_user --regid=$(id -g "$pg_user") --init-groups --} \
  "$pg_bin/pg_ctl" -D "$data" -l "$log_file" "\$@"
SCRIPT
  chmod 755 "$script"
}

# Starts a Redis in $services_dir/$1, adds its process to redis_pids and sets redis_started_port.
redis_start() {
  local redis_dir="$services_dir/$1" port
  port=$(free_port)
  mkdir -p "$redis_dir"
  # No RDB snapshots or AOF: nothing is worth keeping, and nothing should be written outside $services_dir.
  setsid redis-server --bind 127.0.0.1 --port "$port" --save "" --appendonly no --dir "$redis_dir" \
    --logfile "$redis_dir/redis.log" --daemonize no &
  redis_pids+=("$!")
  for _ in $(seq 100); do _redis_ping "$port" && break; sleep 0.1; done
  _redis_ping "$port" || { cat "$redis_dir/redis.log"; die "Redis did not start"; }
  redis_started_port=$port
}

# Starts a hot standby of the PostgreSQL at URL $1 (a role allowed to replicate: the superuser services_start makes),
# copied with pg_basebackup -R and streaming from it. Exports REPLICA_DATABASE_URL (the same database on the
# replica) and REPLICA_PG_CTL, which stops and starts it as PG_CTL does the primary.
replica_start() {
  local primary_url=$1 pg_bin replica="$services_dir/replica" pgrun="$services_dir/replica-run" port
  pg_bin=$(find_pg_bin)
  mkdir -p "$replica" "$pgrun"
  chmod 700 "$replica" "$pgrun"
  [ -z "$pg_user" ] || chown "$pg_user" "$replica" "$pgrun"
  log "Copying the primary with pg_basebackup for a streaming replica"
  ( _as_pg "$pg_bin/pg_basebackup" -d "$primary_url" -D "$replica" -R -X stream -c fast --no-sync ) \
    >"$pgrun/basebackup.log" 2>&1 || { cat "$pgrun/basebackup.log"; die "pg_basebackup failed"; }
  port=$(free_port)
  # The copy has the primary's postgresql.conf: the later lines win.
  printf "port = %s\nunix_socket_directories = '%s'\nhot_standby = on\n" "$port" "$pgrun" \
    | ( _as_pg tee -a "$replica/postgresql.conf" ) >/dev/null
  ( _as_pg setsid "$pg_bin/postgres" -D "$replica" ) >"$pgrun/postgres.log" 2>&1 &
  replica_pid=$!
  _wait_for_postgres "$pg_bin" "$port" "$replica_pid" "$pgrun/postgres.log"
  export REPLICA_PG_CTL="$services_dir/replica_pg_ctl"
  _write_pg_ctl "$REPLICA_PG_CTL" "$pg_bin" "$replica" "$pgrun/postgres-restarted.log"
  REPLICA_DATABASE_URL=$(python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]);
print(p._replace(netloc=p.netloc.rsplit(":", 1)[0] + ":" + sys.argv[2]).geturl())' "$primary_url" "$port")
  export REPLICA_DATABASE_URL
  echo "Replica on 127.0.0.1:$port"
}

_redis_ping() {
  local reply=""
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'PING\r\n' >&3
  read -r -t 2 reply <&3 || true
  exec 3>&-
  [[ $reply == +PONG* ]]
}
