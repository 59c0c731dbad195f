"""Settings shared by every mode.

With no environment variables set the portal runs embedded: SQLite, Celery on
Kombu's filesystem transport, e-mail written to files. Setting DATABASE_URL and
CELERY_BROKER_URL moves it onto PostgreSQL and Redis.
"""

import os
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF

from portal.sso_settings import oidc_providers

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")
# Where the embedded defaults keep their files (SQLite, the broker's folders, e-mails, beat's schedule).
VAR_DIR = Path(env("VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="insecure-local-development-key-not-for-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "portal.apps.PortalConfig",
    "academies.apps.AcademiesConfig",
    "programmes.apps.ProgrammesConfig",
    "enrolment.apps.EnrolmentConfig",
    "coaching.apps.CoachingConfig",
    "improvement.apps.ImprovementConfig",
    "progression.apps.ProgressionConfig",
    "selfassessment.apps.SelfAssessmentConfig",
    "evaluation.apps.EvaluationConfig",
    "reporting.apps.ReportingConfig",
    "api.apps.ApiConfig",
    "portal.apps.PortalAdminConfig",  # django.contrib.admin, on the portal's own site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django.contrib.postgres",
    "django_filters",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
]
# Demo, scale and benchmark data (devdata/) on a developer's machine; the test and benchmark settings install it too.
DEVDATA_APP = "devdata.apps.DevdataConfig"
if DEBUG:
    INSTALLED_APPS.append(DEVDATA_APP)

MIDDLEWARE = [
    # First: every line logged while a request is served carries its id, and its time counts whole in the metrics.
    "portal.request_ids.RequestIdMiddleware",
    "portal.metrics.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
FORM_RENDERER = "portal.forms.NhsukFormRenderer"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "academies.context_processors.roles",
                "enrolment.context_processors.nominating",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# A connection the database dropped (a restart) is replaced at the next request instead of failing it.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Catalogue search's typo tolerance (programmes/search.py): pg_trgm's default of 0.6 misses "secole" for Seacole.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c pg_trgm.word_similarity_threshold=0.5"
# A streaming replica of that database, read by the reports while it is at most REPLICA_MAX_LAG_SECONDS behind (its
# lag measured at most every REPLICA_CHECK_SECONDS in each process), else they read the primary: portal/replica.py.
# Tests share the default database's test database with it (MIRROR), unless this is unset, as it usually is.
if env("REPLICA_DATABASE_URL", default=""):
    _replica = env.db("REPLICA_DATABASE_URL")
    _replica["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}), "connect_timeout": 2, **_replica.get("OPTIONS", {}),
    }
    DATABASES["replica"] = {
        **_replica, "ATOMIC_REQUESTS": False, "CONN_HEALTH_CHECKS": True, "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["portal.replica.ReplicaRouter"]
REPLICA_MAX_LAG_SECONDS = env.float("REPLICA_MAX_LAG_SECONDS", default=10.0)
REPLICA_CHECK_SECONDS = env.float("REPLICA_CHECK_SECONDS", default=5.0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The catalogue's page cache (enrolment/discovery/cache.py). On Redis (CACHE_URL, else REDIS_URL) every web worker
# shares it and the Celery worker's changes reach it; the embedded default keeps it in each process's memory, where a
# change made by the worker shows once the cached page expires (enrolment.discovery.cache.PAGE_SECONDS).
CACHES = {"default": env.cache_url("CACHE_URL", default=env("REDIS_URL", default="locmemcache://"))}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "portal.cache_backends.RedisCache"  # Django's, with one Redis client, not one a call
    # A Redis that is down costs a request at most this long before the page is rendered without the cache.
    CACHES["default"]["OPTIONS"] = {
        "socket_connect_timeout": 0.5,
        "socket_timeout": 0.5,
        **CACHES["default"].get("OPTIONS", {}),
    }

AUTH_USER_MODEL = "portal.User"
AUTH_PASSWORD_VALIDATORS = [
    # Django's default attributes are username, first_name and last_name, which this user model does not have.
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ["email", "full_name"]},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sessions are read from the cache (Redis in production) and written through to the database, so a signed-in
# request costs no session query.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "enrolment:start"  # sends each role where its work is (enrolment.landing)
LOGOUT_REDIRECT_URL = "home"
# django-axes checks for a lockout before any password is tried; the model backend then signs people in.
# portal.sso.OIDCBackend answers only a configured provider's single sign-on callback.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "academies.permissions.RolesBackend",
    "portal.sso.OIDCBackend",
]
# Failed logins are counted per e-mail address and IP address together, so a guesser is stopped without letting
# anyone lock another person out from elsewhere. Behind a proxy, REMOTE_ADDR is the proxy's: the count is then
# in effect per e-mail address.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The login form's field, and the keyword authenticate() gets: axes must read the address from both alike.
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "portal.security.login_username"
AXES_LOCKOUT_CALLABLE = "portal.security.login_locked_out"
AXES_RESET_ON_SUCCESS = True
# Only failures are kept (to count them); a log of every successful login with its IP address is not needed.
AXES_DISABLE_ACCESS_LOG = True
# Single sign-on through OpenID Connect (portal/sso.py, mozilla-django-oidc): one or more providers, each with its
# issuer, client and allowed e-mail domains, from the environment (portal/sso_settings.py says which variables);
# off while none is configured. A provider's endpoints not given are read from its issuer's discovery document.
OIDC_PROVIDERS = oidc_providers(os.environ)
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True  # for the provider's sign-out (id_token_hint)
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT_SECONDS", default=10)
# mozilla-django-oidc reverses this name for a redirect URI; portal.sso_views and portal.sso give each provider's
# own callback (/sso/<provider>/callback/) instead.
OIDC_AUTHENTICATION_CALLBACK_URL = "login"
# How long a provider's discovery document (its endpoints) is kept in the cache.
OIDC_DISCOVERY_CACHE_SECONDS = env.int("OIDC_DISCOVERY_CACHE_SECONDS", default=3600)
# Local accounts (e-mail and password) for staff without NHSmail; off leaves single sign-on only.
LOCAL_ACCOUNTS_ENABLED = env.bool("LOCAL_ACCOUNTS_ENABLED", default=True)
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"

# Security headers. No inline script or style anywhere: the templates load portal.mjs and portal.css as files.
# JSON-LD (<script type="application/ld+json">) is data, which script-src does not govern.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        # The NHS.UK frontend's stylesheet loads the Frutiger typeface from the NHS's own asset server.
        "font-src": [SELF, "https://assets.nhs.uk"],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY_DISABLED = [
    "accelerometer",
    "camera",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "payment",
    "usb",
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "portal.storage.StaticFilesStorage"},
}

globals().update(env.email_url("EMAIL_URL", default="filemail://"))
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Leadership programmes <no-reply@leadership.example.nhs.uk>")

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="filesystem://")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
# Celery closes the database connection after every task unless told to reuse it; reused, a worker keeps it as a web
# worker does (CONN_MAX_AGE, CONN_HEALTH_CHECKS: config/celery.py), instead of opening one for every e-mail.
CELERY_DB_REUSE_MAX = 1000
CELERY_TIMEZONE = TIME_ZONE
# On Redis, a task whose worker died before acknowledging it goes back to the queue after visibility_timeout.
# A publish that finds Redis down fails at once (max_retries 0, and within socket_connect_timeout seconds if the
# host does not answer) instead of retrying for seconds inside a request: the outbox keeps the task for
# drain_outbox. Publishes that pass their own retry policy (beat, task retries) still retry.
# visibility_timeout bounds how late an e-mail is after its worker died; it must exceed the longest retry countdown
# (retry_backoff_max, 600 s), or a retry waiting its turn would be delivered twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 900,
    "max_retries": 0,
    "socket_connect_timeout": 2,
    **env.json("CELERY_BROKER_TRANSPORT_OPTIONS", default={}),
}
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = VAR_DIR / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
    for _folder in ("queue", "processed", "control"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
# A task published this long ago whose outbox row is still there was lost by the broker: drain_outbox publishes it
# again. Not less than visibility_timeout, or a task a worker is still running would go out a second time.
OUTBOX_REDELIVER_SECONDS = env.int("OUTBOX_REDELIVER_SECONDS", default=900)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# Logs are JSON lines (python-json-logger), one object a line with the request id of the request or task that
# wrote it (portal.request_ids), for a log shipper to read without parsing text; LOG_FORMAT=text for reading them
# by eye on a developer's machine. The Celery worker logs through the same handler (not its own root logger).
LOG_FORMAT = env("LOG_FORMAT", default="json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "portal.request_ids.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": LOG_FORMAT},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# How long a service waits for a row another request has locked (portal.locking) before saying "try again".
LOCK_TIMEOUT_MS = env.int("LOCK_TIMEOUT_MS", default=5000)
MANAGER_LINK_DAYS = env.int("MANAGER_LINK_DAYS", default=14)
MANAGER_REMINDER_DAYS = env.int("MANAGER_REMINDER_DAYS", default=5)
# The budget holder's link for an employer-funded place (enrolment.services.funding), and its reminder.
BUDGET_HOLDER_LINK_DAYS = env.int("BUDGET_HOLDER_LINK_DAYS", default=14)
BUDGET_HOLDER_REMINDER_DAYS = env.int("BUDGET_HOLDER_REMINDER_DAYS", default=10)
# A follow-up's link (progression), and the time its person may change their answers, from when it is asked.
FOLLOW_UP_LINK_DAYS = env.int("FOLLOW_UP_LINK_DAYS", default=60)
# Working days an academy has to decide an application under review (enrolment.services.decision_due).
DECISION_WORKING_DAYS = env.int("DECISION_WORKING_DAYS", default=10)
# Free text of applications closed longer than this is emptied by the apply-retention task (portal.privacy).
APPLICATION_RETENTION_DAYS = env.int("APPLICATION_RETENTION_DAYS", default=3 * 365)
# /healthz: each check's timeout, and how long since the heartbeat task last ran before beat counts as down.
HEALTHZ_TIMEOUT_SECONDS = env.float("HEALTHZ_TIMEOUT_SECONDS", default=2.0)
HEALTHZ_BEAT_MAX_AGE_SECONDS = env.int("HEALTHZ_BEAT_MAX_AGE_SECONDS", default=180)
# How often beat runs the heartbeat task (the cluster's tests make it every 2 seconds to count its runs).
HEARTBEAT_SECONDS = env.float("HEARTBEAT_SECONDS", default=60.0)
# A cohort's feedback is open this many days after it ends: its participants are invited and may answer; then it
# closes, and only then are its results shown (evaluation.selectors says why).
FEEDBACK_OPEN_DAYS = env.int("FEEDBACK_OPEN_DAYS", default=60)
# A self-assessment taken up to this many days after a cohort ends counts as its participant's "after"; then the
# cohort's change is worked out once and published, never revised (selfassessment.aggregates says why).
SELF_ASSESSMENT_OPEN_DAYS = env.int("SELF_ASSESSMENT_OPEN_DAYS", default=90)
# The bearer token Prometheus sends for /metrics (portal.metrics); empty turns the route off (404).
METRICS_TOKEN = env("METRICS_TOKEN", default="")

CELERY_BEAT_SCHEDULE = {
    "drain-outbox": {"task": "portal.tasks.drain_outbox", "schedule": 60},
    "expire-offers": {"task": "enrolment.tasks.expire_offers", "schedule": 300},
    "release-allocations": {"task": "enrolment.tasks.release_allocations", "schedule": 3600},
    "remind-line-managers": {"task": "enrolment.tasks.remind_line_managers", "schedule": 3600},
    "remind-budget-holders": {"task": "enrolment.tasks.remind_budget_holders", "schedule": 3600},
    "refresh-reports": {"task": "reporting.tasks.refresh_reports", "schedule": 900},
    "advance-cohort-schedule": {"task": "enrolment.tasks.advance_cohort_schedule", "schedule": 300},
    "send-reminders": {"task": "enrolment.tasks.send_reminders", "schedule": 3600},
    "remind-overdue-decisions": {"task": "enrolment.tasks.remind_overdue_decisions", "schedule": 3600},
    "heartbeat": {"task": "portal.tasks.heartbeat", "schedule": HEARTBEAT_SECONDS},
    "apply-retention": {"task": "portal.tasks.apply_retention", "schedule": 86400},
    "ask-follow-ups": {"task": "progression.tasks.ask_follow_ups", "schedule": 86400},
    "invite-feedback": {"task": "evaluation.tasks.invite_feedback", "schedule": 3600},
    "publish-self-assessment-change": {"task": "selfassessment.tasks.publish_cohort_changes", "schedule": 3600},
}

# The partner API (api/): JSON only, errors as problem details, the schema generated by drf-spectacular. Nothing is
# open unless its view says so: each view names its own authentication and permissions.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.problems.problem_handler",
    # No ?format= renderer override: JSON is the only format, and `format` is the catalogue's facet (a programme's
    # format), which DRF otherwise took for a response format it lacked and answered 404.
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Leadership programmes portal API",
    "DESCRIPTION": "The catalogue for anyone; applications and outcomes for academies' own systems.",
    "VERSION": "1",
    # The academy API's operations say the problems they may answer (api/schema_problems.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums", "api.schema_problems.problem_responses",
    ],
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    # The documentation page (api/docs_views.py) shows the operations by tag, these first, each with its description.
    "TAGS": [
        {"name": "programmes", "description": "The catalogue's programmes, with the catalogue page's filters."},
        {"name": "academies", "description": "The academies that run programmes."},
        {"name": "cohorts", "description": "Upcoming cohorts of programmes, with their places left and sessions."},
        {
            "name": "academy",
            "description": "Your own academy's applications, cohorts and sessions, attendance, outcomes and webhook "
            "deliveries, with an academy API token.",
        },
    ],
    # Choices several components share keep one name (the academy API's cohorts and sessions use them too).
    "ENUM_NAME_OVERRIDES": {
        "CohortStatusEnum": "enrolment.statuses.CohortStatus",
        "SessionKindEnum": "enrolment.models.CohortSession.Kind",
    },
}

# Webhooks may post only to public HTTPS addresses; the test settings alone let http:// and loopback through.
WEBHOOKS_ALLOW_LOOPBACK = False
# Seconds before a failed webhook delivery's first retry, doubled at each next one (enrolment.tasks.deliver_webhook).
WEBHOOK_RETRY_BACKOFF_SECONDS = env.int("WEBHOOK_RETRY_BACKOFF_SECONDS", default=60)
# Requests a minute (or /hour, /day) each academy API token may make before a 429 with Retry-After.
API_TOKEN_RATE = env("API_TOKEN_RATE", default="300/min")
