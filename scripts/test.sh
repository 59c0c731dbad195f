#!/usr/bin/env bash
# The one test command: lint, layer contracts, migration check and the whole pytest suite against a real, throwaway
# PostgreSQL and Redis and Debian's Chromium. Works on a fresh Debian machine (CI runs it as root).
# Usage: scripts/test.sh [pytest args]    e.g. scripts/test.sh tests/portal/test_x.py -k name
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

# shellcheck source=scripts/services.sh
source scripts/services.sh

# ---------------------------------------------------------------------------------------------------
# 1. System packages, only those missing.
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
# wrk: the benchmark's smoke test (tests/test_benchmark_smoke.py) drives the server with it.
mapfile -t missing < <(packages_missing wrk)
[ -x "$CHROMIUM" ] || missing+=(chromium)
apt_install_missing "${missing[@]}"

# ---------------------------------------------------------------------------------------------------
# 2. Python and front-end dependencies (.venv, node_modules, static/vendor).
log "Setting up .venv and front-end packages"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1  # the tests drive Debian's chromium, never a downloaded one
scripts/setup.sh requirements-dev.txt

# ---------------------------------------------------------------------------------------------------
# 3. Throwaway PostgreSQL and Redis in a temporary directory, removed at exit whatever happens.
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  services_stop
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "test.sh: interrupted" >&2; exit 130' INT  # exiting runs the EXIT trap: Ctrl-C and kill clean up too
trap 'echo "test.sh: terminated" >&2; exit 143' TERM
# The concurrency tests hold one connection per thread: 100 at once in tests/enrolment/test_allocation_concurrency.py.
export SERVICES_PG_CONF="${SERVICES_PG_CONF:-max_connections = 250}"
services_start portal-test
export DJANGO_SETTINGS_MODULE=config.settings.test
echo "Chromium: $CHROMIUM"

# ---------------------------------------------------------------------------------------------------
# 4. The checks. All of them run, so one report shows every problem; any failure fails the command.
declare -A result
log "ruff check ."
if .venv/bin/ruff check .; then result[ruff]=ok; else result[ruff]="FAILED"; fi

log "lint-imports (the layer contracts: [tool.importlinter] in pyproject.toml, docs/architecture.md)"
if .venv/bin/lint-imports --no-cache; then
  result[layers]=ok
else
  result[layers]="FAILED (an import goes up a layer: see docs/architecture.md)"
fi

# Every package of the project: the layer contracts' root_packages, which tests/test_layers.py keeps complete, so
# a new app is checked without being named here.
mapfile -t packages < <(.venv/bin/python -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["tool"]["importlinter"]["root_packages"], sep="\n")')
log "bandit ${packages[*]} (its settings, and why each '# nosec' is there: [tool.bandit] in pyproject.toml)"
if .venv/bin/bandit -q -r "${packages[@]}" -c pyproject.toml; then
  result[bandit]=ok
else
  result[bandit]="FAILED (see its findings above)"
fi

# pip-audit looks up each package requirements.txt installs in PyPI's vulnerability data. A package it could not
# look up is never taken as safe: the step then says UNAVAILABLE in the summary (and fails the command when
# PIP_AUDIT_REQUIRED=1), because this workplace's PyPI access serves the package index but not the per-release
# JSON that holds the vulnerability data, so here every package comes back "not found".
log "pip-audit -r requirements.txt"
audit_log="$services_dir/pip-audit.log"
audit_rc=0
.venv/bin/pip-audit -r requirements.txt --progress-spinner off >"$audit_log" 2>&1 || audit_rc=$?
cat "$audit_log"
unaudited=$(grep -c "could not be audited" "$audit_log" || true)
if grep -Eq "Found [0-9]+ known vulnerabilit" "$audit_log"; then
  result[pip-audit]="FAILED (known vulnerabilities: upgrade, or explain an ignore in the README)"
elif [ "$audit_rc" -ne 0 ] || [ "$unaudited" -gt 0 ]; then
  why="the vulnerability data could not be read for $unaudited package(s) (exit $audit_rc)"
  if [ "${PIP_AUDIT_REQUIRED:-0}" = 1 ]; then result[pip-audit]="FAILED ($why)"; else result[pip-audit]="UNAVAILABLE ($why)"; fi
else
  result[pip-audit]=ok
fi

log "makemigrations --check --dry-run"
if .venv/bin/python manage.py makemigrations --check --dry-run; then
  result[migrations]=ok
else
  result[migrations]="FAILED (a model change has no migration)"
fi

# The whole suite runs in one pytest-xdist process per core (at most 6: each takes two of Redis's 16 databases,
# config/settings/test.py), then alone the tests marked serial (they stop the shared PostgreSQL) and those marked
# cluster (tests/cluster: scripts/cluster.sh's cluster, started once for them, on a replica of that PostgreSQL).
# Arguments given run as one plain pytest, e.g. a single file; add "-n 2" to spread them too.
pytest_rc=0
if [ $# -eq 0 ]; then
  log "pytest -m 'not serial and not cluster' in parallel, then pytest -m 'serial or cluster'"
  .venv/bin/python -m pytest -n auto --maxprocesses 6 --dist worksteal -m "not serial and not cluster" || pytest_rc=$?
  serial_rc=0
  .venv/bin/python -m pytest -m "serial or cluster" || serial_rc=$?
  [ "$pytest_rc" -ne 0 ] || pytest_rc=$serial_rc
else
  log "pytest $*"
  .venv/bin/python -m pytest "$@" || pytest_rc=$?
fi
case $pytest_rc in
  0) result[pytest]=ok ;;
  5) result[pytest]="FAILED (no tests were collected: check the path, -k or -m given)" ;;
  *) result[pytest]="FAILED (exit $pytest_rc)" ;;
esac

status=PASSED
for step in ruff layers bandit pip-audit migrations pytest; do
  case ${result[$step]} in ok | UNAVAILABLE*) ;; *) status=FAILED ;; esac
done
printf '\ntest.sh: %s in %ss — ruff: %s; layers: %s; bandit: %s; pip-audit: %s; migrations: %s; pytest: %s\n' \
  "$status" "$((SECONDS - started))" "${result[ruff]}" "${result[layers]}" "${result[bandit]}" "${result[pip-audit]}" \
  "${result[migrations]}" "${result[pytest]}"
[ "$status" = PASSED ]
