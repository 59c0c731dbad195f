#!/usr/bin/env bash
# Runs the portal on http://127.0.0.1:8000 with its Celery worker and beat, on the embedded defaults
# (SQLite, filesystem broker, e-mail to var/mail) unless DATABASE_URL and CELERY_BROKER_URL say otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh requirements.txt
py=.venv/bin/python
$py manage.py migrate --noinput
$py manage.py collectstatic --noinput --verbosity 0
$py manage.py load_catalogue  # adds what the file has new; keeps what people edited (--check lists it)
$py manage.py seed_demo

.venv/bin/celery -A config worker --beat --loglevel=INFO --concurrency=1 &
worker=$!
trap 'kill "$worker" 2>/dev/null; wait "$worker" 2>/dev/null' EXIT INT TERM
$py manage.py runserver "${PORT:-127.0.0.1:8000}"
