#!/usr/bin/env bash
# Runs the portal on http://127.0.0.1:8000 with its Celery worker and beat, on the embedded defaults
# (SQLite, filesystem broker, e-mail to var/mail) unless DATABASE_URL and CELERY_BROKER_URL say otherwise.
# PORT sets the web server's address (default 127.0.0.1:8000); VAR_DIR where the embedded defaults keep their files.
# Stopping it (Ctrl-C, or a TERM to this script) stops the web server, the worker and beat with it.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh requirements.txt
mkdir -p "${VAR_DIR:-var}"
py=.venv/bin/python
$py manage.py migrate --noinput
$py manage.py collectstatic --noinput --verbosity 0
$py manage.py load_catalogue  # adds what the file has new; keeps what people edited (--check lists it)
$py manage.py seed_demo
# The dashboards' figures, worked out now rather than at beat's first run 15 minutes from now.
$py manage.py refresh_reports

# Each server runs in a process group of its own (job control), so stopping one stops every process it started:
# the worker's pool and beat, runserver's reloader and the server it restarts.
set -m
stop() {
  trap - EXIT INT TERM
  for group in ${worker:+"$worker"} ${server:+"$server"}; do kill -TERM -- "-$group" 2>/dev/null || true; done
  wait
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
.venv/bin/celery -A config worker --beat --loglevel=INFO --concurrency=1 &
worker=$!
$py manage.py runserver "${PORT:-127.0.0.1:8000}" &
server=$!
wait -n "$worker" "$server"  # if either stops by itself, the EXIT trap stops the other
