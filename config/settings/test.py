"""Tests: fast password hashing, e-mail kept in memory, static files without a manifest;
PostgreSQL and Redis come from the environment the test command sets up."""

from .base import *  # noqa: F403
from .base import DEVDATA_APP, INSTALLED_APPS, STORAGES, env

# The tests seed demo and scale data, whatever DEBUG is.
INSTALLED_APPS = list(dict.fromkeys([*INSTALLED_APPS, DEVDATA_APP]))
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A worker test may swap in tests.support.email_backends to make sending fail or stall.
EMAIL_BACKEND = env("TEST_EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
# Tests serve static files from the finders; nothing is collected.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
