"""/healthz tells a monitor whether the database, the broker and beat work: 200 when all do, 503 naming what does
not; /healthz/ready tells a load balancer whether a web process can serve. Anyone may ask, so they give nothing
away."""

import socket
from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.utils import timezone

from portal.health import heartbeat_record
from portal.models import Heartbeat
from portal.tasks import heartbeat

pytestmark = pytest.mark.django_db


def healthz(client, path="/healthz"):
    response = client.get(path)
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"].startswith("max-age=0")
    return response.status_code, response.json()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_all_working_is_200_and_says_when_beat_last_ran(client, settings):
    heartbeat_record()

    status, report = healthz(client)

    assert status == 200
    assert report["status"] == "ok" and report["failing"] == []
    assert report["checks"]["database"] == {"ok": True}
    assert report["checks"]["broker"] == {"ok": True}
    assert report["checks"]["beat"]["ok"] and report["checks"]["beat"]["seconds_ago"] < 5
    assert settings.CELERY_BROKER_URL.startswith("redis://"), "the broker check PINGed the test Redis"


def test_a_broker_that_does_not_answer_is_503_naming_the_broker(client, settings):
    heartbeat_record()
    settings.CELERY_BROKER_URL = f"redis://:secret-password@127.0.0.1:{closed_port()}/0"

    status, report = healthz(client)

    assert status == 503
    assert report["failing"] == ["broker"]
    assert report["checks"]["broker"]["ok"] is False
    assert "secret-password" not in str(report) and "127.0.0.1" not in str(report)


def test_a_database_that_does_not_answer_is_503_naming_the_database(client):
    heartbeat_record()

    with mock.patch.object(connection, "cursor", side_effect=OperationalError("server closed the connection")):
        status, report = healthz(client)

    assert status == 503
    assert report["failing"] == ["database", "beat"]
    assert report["checks"]["database"] == {"ok": False, "error": "OperationalError"}
    assert report["checks"]["beat"] == {"ok": False, "error": "database unavailable"}


def test_beat_that_never_ran_is_503_naming_beat(client):
    status, report = healthz(client)

    assert status == 503
    assert report["failing"] == ["beat"]
    assert report["checks"]["beat"] == {"ok": False, "error": "never ran"}


def test_beat_that_stopped_is_503_once_the_heartbeat_is_late(client, settings):
    heartbeat_record(now=timezone.now() - timedelta(seconds=settings.HEALTHZ_BEAT_MAX_AGE_SECONDS + 1))

    status, report = healthz(client)

    assert status == 503
    assert report["failing"] == ["beat"]
    assert report["checks"]["beat"]["error"] == "late"


def test_the_heartbeat_task_runs_every_minute_and_records_the_time(settings):
    assert settings.CELERY_BEAT_SCHEDULE["heartbeat"] == {"task": "portal.tasks.heartbeat", "schedule": 60}

    heartbeat()
    first = Heartbeat.objects.get().last_run_at
    heartbeat()

    assert Heartbeat.objects.count() == 1
    assert Heartbeat.objects.get().last_run_at >= first


def test_a_load_balancer_keeps_web_processes_in_service_while_the_broker_and_beat_are_down(client, settings):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{closed_port()}/0"

    assert healthz(client)[0] == 503
    status, report = healthz(client, "/healthz/ready")

    assert status == 200
    assert report == {"status": "ok", "checks": {"database": {"ok": True}}}


def test_a_web_process_whose_database_does_not_answer_is_out_of_service(client):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("server closed the connection")):
        status, report = healthz(client, "/healthz/ready")

    assert status == 503
    assert report == {"status": "failing", "checks": {"database": {"ok": False, "error": "OperationalError"}}}
