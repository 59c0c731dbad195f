"""Production: DEBUG off, a real SECRET_KEY required, HTTPS-only cookies and headers."""

from .base import *  # noqa: F403
from .base import DATABASES, DEVDATA_APP, INSTALLED_APPS, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
# Demo accounts with a published password and made-up data never reach a live site.
INSTALLED_APPS = [app for app in INSTALLED_APPS if app != DEVDATA_APP]
# Each web worker keeps its database connection from one request to the next, instead of paying for a new one
# (a PostgreSQL process and a password exchange) on every request; CONN_HEALTH_CHECKS replaces a dropped one.
# A conn_max_age in DATABASE_URL wins.
for _database in DATABASES.values():  # the primary, and the replica if there is one
    _database.setdefault("CONN_MAX_AGE", 600)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
