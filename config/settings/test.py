"""Tests: fast password hashing, e-mail kept in memory, static files without a manifest;
PostgreSQL and Redis come from the environment the test command sets up."""

import os
from urllib.parse import urlsplit


def _redis_database(url: str, database: int) -> str:
    return urlsplit(url)._replace(path=f"/{database}").geturl()


# scripts/test.sh runs the suite in pytest-xdist processes gw0, gw1, ...; pytest-django gives each a database of its
# own, and here each gets Redis databases of its own (2 and 3 for gw0, 4 and 5 for gw1, ...), so one process's
# cache.clear() or purged queue never touches another's. Set in the environment, once, so the Celery workers and
# gunicorn servers a test starts inherit them, and a Redis of a test's own (tests/support/servers.py) is left as given.
_xdist_process = os.environ.get("PYTEST_XDIST_WORKER", "")
if _xdist_process.startswith("gw") and "TEST_REDIS_DATABASES_OF" not in os.environ:
    os.environ["TEST_REDIS_DATABASES_OF"] = _xdist_process
    _first = 2 + 2 * int(_xdist_process.removeprefix("gw"))
    for _name, _database in (("CELERY_BROKER_URL", _first), ("REDIS_URL", _first + 1)):
        if os.environ.get(_name, "").startswith("redis://"):
            os.environ[_name] = _redis_database(os.environ[_name], _database)

from .base import *  # noqa: E402, F403
from .base import DEVDATA_APP, INSTALLED_APPS, STORAGES, env  # noqa: E402

# The tests seed demo and scale data, whatever DEBUG is.
INSTALLED_APPS = list(dict.fromkeys([*INSTALLED_APPS, DEVDATA_APP]))
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A worker test may swap in tests.support.email_backends to make sending fail or stall.
EMAIL_BACKEND = env("TEST_EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
# Tests serve static files from the finders; nothing is collected.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
# A webhook receiver in a test listens on loopback, over plain HTTP (enrolment.services.webhooks).
WEBHOOKS_ALLOW_LOOPBACK = True
