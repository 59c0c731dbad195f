#!/usr/bin/env bash
# `make cluster`: the portal as several hosts would run it, all on this machine, on free loopback ports from a
# throwaway directory: HAProxy (Debian's package) in front of two gunicorn nodes (separate processes that share
# nothing in process), a PostgreSQL primary and a streaming replica (pg_basebackup -R) that the reports read
# (portal/replica.py), one Redis for Celery's broker and another for the cache and sessions, two Celery workers and
# one beat. It prints each step, then the address to open; Ctrl-C (or TERM) stops every process and removes the
# directory. A USR1 starts again any node that stopped (the tests kill one).
#
# Environment (all optional):
#   CLUSTER_PORT          HAProxy's port (default 8000)
#   CLUSTER_PRIMARY_URL   an existing PostgreSQL database to be the primary, used as it is (no migrate, no demo data):
#                         the tests give their test database; its role must be allowed to replicate
#   CLUSTER_STATE         once everything answers, the script writes there the addresses and process ids (KEY=value)
#   CLUSTER_NODE_WORKERS, CLUSTER_NODE_THREADS   gunicorn processes and threads per node (default 2 and 4)
#   CLUSTER_WORKER_CONCURRENCY                  processes per Celery worker (default 2)
# and whatever the portal reads (DJANGO_SETTINGS_MODULE, SECRET_KEY, REPLICA_MAX_LAG_SECONDS, ...).
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/services.sh
source scripts/services.sh

step() { printf '[cluster %4ss] %s\n' "$SECONDS" "$*"; }

node_workers=${CLUSTER_NODE_WORKERS:-2} node_threads=${CLUSTER_NODE_THREADS:-4}
declare -A pids=()  # component name -> process id (each leads a session and process group of its own)
declare -A node_ports=()

# Stops the components named, each with its whole process group, all at once: TERM, then KILL after 10 seconds.
stop_components() {
  local name pid running
  for name in "$@"; do [ -z "${pids[$name]:-}" ] || kill -TERM -- "-${pids[$name]}" 2>/dev/null || true; done
  for _ in $(seq 100); do
    for name in "$@"; do
      if [ -n "${pids[$name]:-}" ] && ! kill -0 "${pids[$name]}" 2>/dev/null; then
        wait "${pids[$name]}" 2>/dev/null || true
        unset "pids[$name]"
      fi
    done
    running=""
    for name in "$@"; do [ -z "${pids[$name]:-}" ] || running=1; done
    [ -n "$running" ] || return 0
    sleep 0.1
  done
  for name in "$@"; do
    pid=${pids[$name]:-}
    [ -n "$pid" ] || continue
    kill -KILL -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    unset "pids[$name]"
  done
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM USR1
  step "Stopping"
  stop_components haproxy node-a node-b beat
  stop_components worker-1 worker-2  # after beat and the nodes, which give them work
  [ -z "${CLUSTER_STATE:-}" ] || rm -f "$CLUSTER_STATE"
  services_stop
  step "Stopped"
  exit "$rc"
}

# Runs a command in the background as a session of its own (so stopping it stops all it started), logging to
# $logs/<name>.log, and records its process id.
start_component() {
  local name=$1
  shift
  setsid "$@" >"$logs/$name.log" 2>&1 &
  pids[$name]=$!
}

node_start() {
  local name=$1
  start_component "$name" .venv/bin/gunicorn config.wsgi:application --bind "127.0.0.1:${node_ports[$name]}" \
    --workers "$node_workers" --threads "$node_threads" --worker-class gthread --preload \
    --timeout 60 --graceful-timeout 5 --access-logfile -
}

# Waits for a URL to answer 200, or for the component's process to end (then fails with its log).
wait_for_http() {
  local name=$1 url=$2
  for _ in $(seq 600); do
    curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null && return 0
    kill -0 "${pids[$name]}" 2>/dev/null || { cat "$logs/$name.log"; die "$name stopped"; }
    sleep 0.1
  done
  cat "$logs/$name.log"
  die "$name did not answer $url within a minute"
}

wait_for_log() {
  local name=$1 text=$2
  for _ in $(seq 600); do
    grep -q "$text" "$logs/$name.log" 2>/dev/null && return 0
    kill -0 "${pids[$name]}" 2>/dev/null || { cat "$logs/$name.log"; die "$name stopped"; }
    sleep 0.1
  done
  cat "$logs/$name.log"
  die "$name did not log '$text' within a minute"
}

# On USR1 (not HUP, which nohup and CI runners may have set to be ignored, for good): starts again the nodes that
# stopped, and says where they are.
restart_stopped_nodes() {
  local name
  for name in node-a node-b; do
    if ! kill -0 "${pids[$name]}" 2>/dev/null; then
      wait "${pids[$name]}" 2>/dev/null || true
      step "Starting $name again"
      node_start "$name"
    fi
  done
  for name in node-a node-b; do wait_for_http "$name" "http://127.0.0.1:${node_ports[$name]}/healthz/ready"; done
  write_state
}

write_state() {
  [ -n "${CLUSTER_STATE:-}" ] || return 0
  cat >"$CLUSTER_STATE.new" <<STATE
URL=http://127.0.0.1:$haproxy_port
NODE_A_URL=http://127.0.0.1:${node_ports[node-a]}
NODE_A_PID=${pids[node-a]}
NODE_B_URL=http://127.0.0.1:${node_ports[node-b]}
NODE_B_PID=${pids[node-b]}
WORKER_1_PID=${pids[worker-1]}
WORKER_2_PID=${pids[worker-2]}
BEAT_PID=${pids[beat]}
DATABASE_URL=$DATABASE_URL
REPLICA_DATABASE_URL=$REPLICA_DATABASE_URL
REPLICA_PG_CTL=$REPLICA_PG_CTL
CELERY_BROKER_URL=$CELERY_BROKER_URL
CACHE_URL=$CACHE_URL
LOG_DIR=$logs
STATE
  mv "$CLUSTER_STATE.new" "$CLUSTER_STATE"
}

# ---------------------------------------------------------------------------------------------------
step "Debian's packages, only those missing"
mapfile -t missing < <(packages_missing haproxy)
apt_install_missing "${missing[@]}"
[ -n "${CLUSTER_PRIMARY_URL:-}" ] || scripts/setup.sh requirements.txt

trap cleanup EXIT
trap 'exit 130' INT  # exiting runs the EXIT trap: Ctrl-C and kill stop everything too
trap 'exit 143' TERM

if [ -n "${CLUSTER_PRIMARY_URL:-}" ]; then
  step "PostgreSQL primary: the one given ($(python3 -c 'import sys, urllib.parse as u; print(u.urlsplit(sys.argv[1]).port)' "$CLUSTER_PRIMARY_URL"))"
  services_dir_make portal-cluster
  export DATABASE_URL=$CLUSTER_PRIMARY_URL
  step "Redis for the broker"
  redis_start broker
  export CELERY_BROKER_URL="redis://127.0.0.1:$redis_started_port/0"
else
  step "PostgreSQL primary and the broker's Redis"
  services_start portal-cluster
fi
logs="$services_dir/logs"
mkdir -p "$logs"
step "Redis for the cache and sessions"
redis_start cache
export CACHE_URL="redis://127.0.0.1:$redis_started_port/0" REDIS_URL="redis://127.0.0.1:$redis_started_port/0"
step "PostgreSQL streaming replica"
replica_start "$DATABASE_URL"

if [ -z "${CLUSTER_PRIMARY_URL:-}" ]; then
  step "Migrations, static files, the catalogue, demo data and the dashboards' figures (on the primary)"
  export VAR_DIR="$services_dir/var"
  py=.venv/bin/python
  $py manage.py migrate --noinput --verbosity 0
  $py manage.py collectstatic --noinput --verbosity 0
  $py manage.py load_catalogue
  $py manage.py seed_demo
  $py manage.py refresh_reports
fi

step "Celery: two workers and one beat"
start_component worker-1 .venv/bin/celery -A config worker --hostname "worker-1@%h" --loglevel INFO \
  --concurrency "${CLUSTER_WORKER_CONCURRENCY:-2}"
start_component worker-2 .venv/bin/celery -A config worker --hostname "worker-2@%h" --loglevel INFO \
  --concurrency "${CLUSTER_WORKER_CONCURRENCY:-2}"
start_component beat .venv/bin/celery -A config beat --loglevel INFO --schedule "$services_dir/beat-schedule"

step "Two gunicorn nodes ($node_workers processes of $node_threads threads each)"
node_ports[node-a]=$(free_port)
node_ports[node-b]=$(free_port)
node_start node-a
node_start node-b

haproxy_port=${CLUSTER_PORT:-8000}
step "HAProxy on 127.0.0.1:$haproxy_port"
# Round robin over the nodes, each checked every second through /healthz/ready (its database): a node that fails
# three checks gets no more requests (one refusing connections is out within 2 seconds; a busy one has 5 to answer). A request a node refused (it stopped) is sent to the other node (redispatch);
# one it accepted and then dropped is not sent again, since it may have been done.
cat >"$services_dir/haproxy.cfg" <<CFG
global
  maxconn 4000
defaults
  mode http
  timeout connect 1s
  timeout client 60s
  timeout server 60s
  timeout queue 30s
  retries 3
  option redispatch 1
frontend portal
  bind 127.0.0.1:$haproxy_port
  default_backend nodes
backend nodes
  balance roundrobin
  option httpchk
  http-check send meth GET uri /healthz/ready ver HTTP/1.1 hdr Host 127.0.0.1
  http-check expect status 200
  timeout check 5s
  default-server check inter 1s fastinter 500ms fall 3 rise 1
  server node-a 127.0.0.1:${node_ports[node-a]}
  server node-b 127.0.0.1:${node_ports[node-b]}
CFG
start_component haproxy haproxy -db -f "$services_dir/haproxy.cfg"

for name in node-a node-b; do wait_for_http "$name" "http://127.0.0.1:${node_ports[$name]}/healthz/ready"; done
wait_for_http haproxy "http://127.0.0.1:$haproxy_port/healthz/ready"
for name in worker-1 worker-2; do wait_for_log "$name" "ready\."; done
wait_for_log beat "beat: Starting"
write_state
trap restart_stopped_nodes USR1
step "Ready: http://127.0.0.1:$haproxy_port (logs in $logs). Ctrl-C stops it."

while :; do
  sleep 1 &
  wait $! || true  # a USR1 interrupts the wait; its trap has run
done
