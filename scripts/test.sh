#!/usr/bin/env bash
# The one test command: lint, migration check and the whole pytest suite against a real, throwaway
# PostgreSQL and Redis and Debian's Chromium. Works on a fresh Debian machine (CI runs it as root).
# Usage: scripts/test.sh [pytest args]    e.g. scripts/test.sh tests/portal/test_x.py -k name
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

log() { printf '\n==> %s\n' "$*"; }
die() { printf '\ntest.sh: ERROR: %s\n' "$*" >&2; exit 1; }

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

# ---------------------------------------------------------------------------------------------------
# 1. System packages, only those missing.
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
missing=()
[ -n "$(find_pg_bin)" ] || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
[ -x "$CHROMIUM" ] || missing+=(chromium)
# setup.sh makes the virtualenv with python3 -m venv, which Debian ships separately.
[ -x .venv/bin/python ] || python3 -c 'import ensurepip' 2>/dev/null || missing+=(python3-venv)
if [ ${#missing[@]} -gt 0 ]; then
  log "Installing from Debian: ${missing[*]}"
  # Stop the packages starting their own system-wide PostgreSQL and Redis services: the tests use
  # throwaway ones, and nothing should be left running afterwards.
  policy=/usr/sbin/policy-rc.d
  made_policy=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
    as_root chmod 755 "$policy"
    made_policy=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  install_rc=0
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || install_rc=$?
  [ -z "$made_policy" ] || as_root rm -f "$policy"
  [ "$install_rc" -eq 0 ] || die "apt-get install ${missing[*]} failed"
fi

# ---------------------------------------------------------------------------------------------------
# 2. Python and front-end dependencies (.venv, node_modules, static/vendor).
log "Setting up .venv and front-end packages"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1  # the tests drive Debian's chromium, never a downloaded one
scripts/setup.sh requirements-dev.txt

# ---------------------------------------------------------------------------------------------------
# 3. Throwaway PostgreSQL and Redis in a temporary directory, removed at exit whatever happens.
pg_bin=$(find_pg_bin)
[ -n "$pg_bin" ] || die "no PostgreSQL server binaries found (looked in /usr/lib/postgresql/*/bin and PATH)"
# In /tmp, not $TMPDIR: the PostgreSQL user must reach it, and a socket path must stay under 108 bytes.
tmp=$(mktemp -d /tmp/portal-test.XXXXXX)
chmod 755 "$tmp"  # the unprivileged PostgreSQL user must be able to reach its directories inside
pgdata="$tmp/pgdata" pgrun="$tmp/pgrun" redis_dir="$tmp/redis"
pg_pid="" redis_pid=""

# Stop a server started below and reap it, so no process (not even a zombie) outlives the run.
stop_server() {
  local pid=$1 signal=$2
  [ -n "$pid" ] && kill "-$signal" "$pid" 2>/dev/null || return 0
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi  # still there after 10s
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_server "$pg_pid" INT  # PostgreSQL's fast shutdown
  stop_server "$redis_pid" TERM
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "test.sh: interrupted" >&2; exit 130' INT  # exiting runs the EXIT trap: Ctrl-C and kill clean up too
trap 'echo "test.sh: terminated" >&2; exit 143' TERM

# PostgreSQL refuses to run as root: run it as the postgres system user, creating a user if there is none.
pg_user=""
if [ "$(id -u)" -eq 0 ]; then
  if id postgres >/dev/null 2>&1; then
    pg_user=postgres
  else
    pg_user=portal-test-pg
    id "$pg_user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$pg_user"
  fi
fi
# Replace the calling subshell with a PostgreSQL program run as $pg_user: call it as ( as_pg ... ).
# exec (not runuser, which forks) so that $! after ( as_pg postgres ... ) & is the server itself.
as_pg() {
  cd "$tmp"  # the server user may not be allowed to read the checkout
  if [ -n "$pg_user" ]; then
    exec setpriv --reuid="$pg_user" --regid="$(id -g "$pg_user")" --init-groups -- "$@"
  fi
  exec "$@"
}

log "Starting a throwaway PostgreSQL ($pg_bin) and Redis in $tmp"
mkdir -p "$pgdata" "$pgrun" "$redis_dir"
chmod 700 "$pgdata" "$pgrun"  # pgrun holds the password file
pg_password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
printf '%s\n' "$pg_password" >"$pgrun/pwfile"
[ -z "$pg_user" ] || chown -R "$pg_user" "$pgdata" "$pgrun"
# The bootstrap superuser is the role the tests connect as; as superuser it may create test_* databases.
( as_pg "$pg_bin/initdb" -D "$pgdata" -U portal --pwfile="$pgrun/pwfile" --auth-local=trust \
  --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 --no-sync ) >"$pgrun/initdb.log" 2>&1 \
  || { cat "$pgrun/initdb.log"; die "initdb failed"; }
pg_port=$(free_port)
cat >>"$pgdata/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $pg_port
unix_socket_directories = '$pgrun'
# Durability is worthless for a database deleted at exit; skipping it makes the tests faster.
fsync = off
synchronous_commit = off
full_page_writes = off
# Parallel queries need large shared memory segments, which a container's small /dev/shm may not hold.
max_parallel_workers_per_gather = 0
CONF
# The servers run in their own sessions (setsid execs in place here: a background job of a script is not a
# process group leader), so Ctrl-C reaches pytest alone and its teardown still has a database to talk to.
( as_pg setsid "$pg_bin/postgres" -D "$pgdata" ) >"$pgrun/postgres.log" 2>&1 &
pg_pid=$!
pg_ready() { "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port"; }
for _ in $(seq 300); do
  if pg_ready || ! kill -0 "$pg_pid" 2>/dev/null; then break; fi
  sleep 0.1
done
pg_ready || { cat "$pgrun/postgres.log"; die "PostgreSQL did not start"; }
PGPASSWORD="$pg_password" "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U portal portal \
  || die "could not create the portal database"

redis_port=$(free_port)
# No RDB snapshots or AOF: nothing is worth keeping, and nothing should be written outside $tmp.
setsid redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no --dir "$redis_dir" \
  --logfile "$redis_dir/redis.log" --daemonize no &
redis_pid=$!
redis_ping() {
  local reply=""
  { exec 3<>"/dev/tcp/127.0.0.1/$redis_port"; } 2>/dev/null || return 1
  printf 'PING\r\n' >&3
  read -r -t 2 reply <&3 || true
  exec 3>&-
  [[ $reply == +PONG* ]]
}
for _ in $(seq 100); do redis_ping && break; sleep 0.1; done
redis_ping || { cat "$redis_dir/redis.log"; die "Redis did not start"; }

export DATABASE_URL="postgres://portal:$pg_password@127.0.0.1:$pg_port/portal"
export CELERY_BROKER_URL="redis://127.0.0.1:$redis_port/0"
export REDIS_URL="redis://127.0.0.1:$redis_port/1"
export DJANGO_SETTINGS_MODULE=portal.settings.test
echo "PostgreSQL on 127.0.0.1:$pg_port, Redis on 127.0.0.1:$redis_port, Chromium $CHROMIUM"

# ---------------------------------------------------------------------------------------------------
# 4. The checks. All three run, so one report shows every problem; any failure fails the command.
declare -A result
log "ruff check ."
if .venv/bin/ruff check .; then result[ruff]=ok; else result[ruff]="FAILED"; fi

log "makemigrations --check --dry-run"
if .venv/bin/python manage.py makemigrations --check --dry-run; then
  result[migrations]=ok
else
  result[migrations]="FAILED (a model change has no migration)"
fi

log "pytest $*"
pytest_rc=0
.venv/bin/python -m pytest "$@" || pytest_rc=$?
case $pytest_rc in
  0) result[pytest]=ok ;;
  5) result[pytest]="FAILED (no tests were collected: check the path, -k or -m given)" ;;
  *) result[pytest]="FAILED (exit $pytest_rc)" ;;
esac

status=PASSED
for step in ruff migrations pytest; do [ "${result[$step]}" = ok ] || status=FAILED; done
printf '\ntest.sh: %s in %ss — ruff: %s; migrations: %s; pytest: %s\n' "$status" "$((SECONDS - started))" \
  "${result[ruff]}" "${result[migrations]}" "${result[pytest]}"
[ "$status" = PASSED ]
