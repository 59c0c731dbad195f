# Throwaway PostgreSQL and Redis, for scripts/test.sh and scripts/bench.sh, which source this file. Both servers
# run on free loopback ports from a temporary directory, and services_stop stops them and removes it.
#
#   source scripts/services.sh
#   apt_install_missing $(packages_missing wrk)   # Debian's packages, only those missing
#   trap services_stop EXIT
#   services_start portal-test     # exports DATABASE_URL, CELERY_BROKER_URL (Redis db 0), REDIS_URL (db 1), PG_CTL
#
# SERVICES_PG_CONF, if set, is appended to postgresql.conf (the benchmark gives PostgreSQL more memory).

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

services_dir="" pg_pid="" redis_pid="" pg_user=""

# Stop a server started by services_start and reap it, so no process (not even a zombie) outlives the run.
_stop_server() {
  local pid=$1 signal=$2
  [ -n "$pid" ] && kill "-$signal" "$pid" 2>/dev/null || return 0
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi  # still there after 10s
  wait "$pid" 2>/dev/null || true
}

# Stops both servers and removes their directory; safe to call when they were never started.
services_stop() {
  _stop_server "$pg_pid" INT  # PostgreSQL's fast shutdown
  # A fault test may have restarted PostgreSQL through $PG_CTL: then the server is another process.
  if [ -n "$services_dir" ] && [ -f "$services_dir/pgdata/postmaster.pid" ]; then
    _stop_server "$(head -n 1 "$services_dir/pgdata/postmaster.pid")" INT
  fi
  _stop_server "$redis_pid" TERM
  [ -z "$services_dir" ] || rm -rf "$services_dir"
  pg_pid="" redis_pid="" services_dir=""
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

# Starts PostgreSQL (database "portal", role "portal", a superuser, so it may create test_* databases) and Redis.
# $1 names the temporary directory (/tmp/$1.XXXXXX).
services_start() {
  local pg_bin pgdata pgrun redis_dir pg_password pg_port redis_port
  pg_bin=$(find_pg_bin)
  [ -n "$pg_bin" ] || die "no PostgreSQL server binaries found (looked in /usr/lib/postgresql/*/bin and PATH)"
  # In /tmp, not $TMPDIR: the PostgreSQL user must reach it, and a socket path must stay under 108 bytes.
  services_dir=$(mktemp -d "/tmp/${1:-portal-services}.XXXXXX")
  chmod 755 "$services_dir"  # the unprivileged PostgreSQL user must be able to reach its directories inside
  pgdata="$services_dir/pgdata" pgrun="$services_dir/pgrun" redis_dir="$services_dir/redis"

  # PostgreSQL refuses to run as root: run it as the postgres system user, creating a user if there is none.
  if [ "$(id -u)" -eq 0 ]; then
    if id postgres >/dev/null 2>&1; then
      pg_user=postgres
    else
      pg_user=portal-test-pg
      id "$pg_user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$pg_user"
    fi
  fi

  log "Starting a throwaway PostgreSQL ($pg_bin) and Redis in $services_dir"
  mkdir -p "$pgdata" "$pgrun" "$redis_dir"
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
${SERVICES_PG_CONF:-}
CONF
  # The servers run in their own sessions (setsid execs in place here: a background job of a script is not a
  # process group leader), so Ctrl-C reaches the caller's command alone and its teardown still has a database.
  ( _as_pg setsid "$pg_bin/postgres" -D "$pgdata" ) >"$pgrun/postgres.log" 2>&1 &
  pg_pid=$!
  for _ in $(seq 300); do
    if "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port" || ! kill -0 "$pg_pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port" || { cat "$pgrun/postgres.log"; die "PostgreSQL did not start"; }
  PGPASSWORD="$pg_password" "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U portal portal \
    || die "could not create the portal database"

  redis_port=$(free_port)
  # No RDB snapshots or AOF: nothing is worth keeping, and nothing should be written outside $services_dir.
  setsid redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no --dir "$redis_dir" \
    --logfile "$redis_dir/redis.log" --daemonize no &
  redis_pid=$!
  for _ in $(seq 100); do _redis_ping "$redis_port" && break; sleep 0.1; done
  _redis_ping "$redis_port" || { cat "$redis_dir/redis.log"; die "Redis did not start"; }

  # The fault tests stop and start this PostgreSQL: "$PG_CTL" stop -m fast, "$PG_CTL" start -w. It runs pg_ctl as
  # the server's user, on its data directory, logging to a file of its own.
  cat >"$services_dir/pg_ctl" <<SCRIPT
#!/usr/bin/env bash
cd "$services_dir"
exec ${pg_user:+setpriv --reuid=$pg_user --regid=$(id -g "$pg_user") --init-groups --} \
  "$pg_bin/pg_ctl" -D "$pgdata" -l "$pgrun/postgres-restarted.log" "\$@"
SCRIPT
  chmod 755 "$services_dir/pg_ctl"
  export PG_CTL="$services_dir/pg_ctl"
  export DATABASE_URL="postgres://portal:$pg_password@127.0.0.1:$pg_port/portal"
  export CELERY_BROKER_URL="redis://127.0.0.1:$redis_port/0"
  export REDIS_URL="redis://127.0.0.1:$redis_port/1"
  echo "PostgreSQL on 127.0.0.1:$pg_port, Redis on 127.0.0.1:$redis_port"
}

_redis_ping() {
  local reply=""
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'PING\r\n' >&3
  read -r -t 2 reply <&3 || true
  exec 3>&-
  [[ $reply == +PONG* ]]
}
