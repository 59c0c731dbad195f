"""What /healthz checks, for a monitor: the database, the broker, and that beat's periodic tasks are running; and
what /healthz/ready checks, for a load balancer: whether this web process can serve, which needs its database
alone (a broker outage queues e-mails in the outbox, and a stopped beat delays the schedule, but pages still
work). Each check answers in a few seconds at most, and says what failed without any secret (no
address, password or error text, only the kind of error)."""

from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .models import Heartbeat

BEAT = "beat"


def heartbeat_record(*, now=None) -> Heartbeat:
    """Run by the `heartbeat` task on beat's schedule: proves beat, the broker and a worker are all working."""
    with transaction.atomic():
        beat, _ = Heartbeat.objects.update_or_create(name=BEAT, defaults={"last_run_at": now or timezone.now()})
    return beat


def database_check() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # whatever the failure, the answer is "not healthy"
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True}


def broker_check() -> dict:
    """Connects to the broker the way Celery does, with HEALTHZ_TIMEOUT_SECONDS as every timeout, and PINGs Redis."""
    timeout = settings.HEALTHZ_TIMEOUT_SECONDS
    options = {
        **settings.CELERY_BROKER_TRANSPORT_OPTIONS,
        "max_retries": 0,
        "socket_connect_timeout": timeout,
        "socket_timeout": timeout,
    }
    try:
        with current_app.connection_for_read(
            url=settings.CELERY_BROKER_URL, connect_timeout=timeout, transport_options=options
        ) as broker:
            broker.ensure_connection(max_retries=0)
            client = getattr(broker.default_channel, "client", None)
            if client is not None:  # Redis; the embedded filesystem broker has nothing to ping
                client.ping()
    except Exception as error:  # Kombu's, Redis's or the socket's: whatever it is, the answer is "not healthy"
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True}


def beat_check(*, now=None) -> dict:
    now = now or timezone.now()
    beat = Heartbeat.objects.filter(name=BEAT).first()
    if beat is None:
        return {"ok": False, "error": "never ran"}
    age = now - beat.last_run_at
    answer = {"last_run_at": beat.last_run_at.isoformat(), "seconds_ago": int(age.total_seconds())}
    if age > timedelta(seconds=settings.HEALTHZ_BEAT_MAX_AGE_SECONDS):
        return {"ok": False, "error": "late", **answer}
    return {"ok": True, **answer}


def readiness_report() -> tuple[bool, dict]:
    database = database_check()
    return database["ok"], {"status": "ok" if database["ok"] else "failing", "checks": {"database": database}}


def health_report() -> tuple[bool, dict]:
    """Every check's answer, and whether all passed. The database is checked first: beat's check reads it."""
    database = database_check()
    checks = {
        "database": database,
        "broker": broker_check(),
        "beat": beat_check() if database["ok"] else {"ok": False, "error": "database unavailable"},
    }
    healthy = all(check["ok"] for check in checks.values())
    return healthy, {
        "status": "ok" if healthy else "failing",
        "failing": [name for name, check in checks.items() if not check["ok"]],
        "checks": checks,
    }
