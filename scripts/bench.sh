#!/usr/bin/env bash
# The performance benchmark (README, "Performance"): the scale data set on a throwaway PostgreSQL and Redis,
# gunicorn with production settings on loopback, wrk and a Celery worker; the results go to benchmarks/results.md.
# Works on a fresh Debian machine. Not part of the test command, which runs a small smoke run of it instead.
# Usage: scripts/bench.sh [benchmarks/run.py options]    e.g. scripts/bench.sh --duration 5
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
# shellcheck source=scripts/services.sh
source scripts/services.sh

mapfile -t missing < <(packages_missing wrk)
apt_install_missing "${missing[@]}"
log "Setting up .venv and front-end packages"
scripts/setup.sh requirements.txt

trap services_stop EXIT
trap 'echo "bench.sh: interrupted" >&2; exit 130' INT  # exiting runs the EXIT trap, which stops the servers
trap 'echo "bench.sh: terminated" >&2; exit 143' TERM
# PostgreSQL's default 128 MB of buffers would hold little of a million applications: give it a server's share.
SERVICES_PG_CONF=$'shared_buffers = 1GB\nwork_mem = 32MB\nmaintenance_work_mem = 256MB\neffective_cache_size = 4GB'
services_start portal-bench
log "Benchmark"
.venv/bin/python -m benchmarks.run "$@"
echo "bench.sh: done in $((SECONDS - started))s"
