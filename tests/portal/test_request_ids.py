"""portal.request_ids: every log line of a request, and of the tasks it enqueued, carries its id, as JSON."""

import io
import json
import logging
import logging.config
import time

import pytest
from django.conf import settings
from django.urls import reverse

from portal.models import EmailDelivery, OutboxMessage, User
from portal.outbox import outbox_enqueue
from portal.request_ids import HEADER, current_request_id

pytestmark = pytest.mark.django_db

GIVEN = "lb-0a1b2c3d4e5f"
REGISTRATION = {
    "full_name": "Kemi Adeyemi",
    "email": "kemi.adeyemi@example.nhs.test",
    "password1": "a-long-and-unusual-passphrase",
    "password2": "a-long-and-unusual-passphrase",
}


@pytest.fixture
def json_log():
    """What the settings' console handler writes (JSON, with the request id filter), into a buffer."""
    buffer = io.StringIO()
    config = settings.LOGGING
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(logging.config.DictConfigurator(config).configure_formatter(config["formatters"]["json"]))
    handler.addFilter(logging.config.DictConfigurator(config).configure_filter(config["filters"]["request_id"]))
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    root.removeHandler(handler)


def test_the_callers_request_id_is_kept_and_sent_back(client):
    response = client.get("/about/", headers={HEADER: GIVEN})

    assert response[HEADER] == GIVEN


@pytest.mark.parametrize("given", [None, "short", "x" * 65, "bad id\nforged line", "<script>"])
def test_a_missing_or_unusable_request_id_is_replaced_by_a_new_one(client, given):
    response = client.get("/about/", headers={HEADER: given} if given else {})

    assert response[HEADER] != given and len(response[HEADER]) == 32


def test_every_line_logged_during_a_request_is_json_with_its_id(client, json_log):
    client.get("/nowhere/", headers={HEADER: GIVEN})  # Django logs the 404 as a warning

    lines = json_log()
    assert lines and all(line["request_id"] == GIVEN for line in lines), lines
    assert {"time", "level", "logger", "message"} <= set(lines[0])
    logging.getLogger("after").warning("outside")
    assert json_log()[-1]["request_id"] == ""


def test_the_outbox_keeps_the_id_of_the_request_that_enqueued_the_task():
    token = current_request_id.set(GIVEN)
    try:
        message = outbox_enqueue("portal.tasks.heartbeat")
    finally:
        current_request_id.reset(token)

    assert OutboxMessage.objects.get(pk=message.pk).request_id == GIVEN


@pytest.mark.django_db(transaction=True)
def test_the_worker_logs_the_task_a_request_enqueued_with_that_requests_id(client, celery_worker_process):
    response = client.post(reverse("register"), REGISTRATION, headers={HEADER: GIVEN})
    assert response.status_code == 302
    user = User.objects.get(email=REGISTRATION["email"])
    deadline = time.monotonic() + 30
    while not EmailDelivery.objects.filter(key=f"welcome:{user.pk}").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(0.5)  # the task's last line, after its e-mail

    lines = [json.loads(line) for line in celery_worker_process.log().splitlines() if line.startswith("{")]
    ours = [line["message"] for line in lines if line.get("request_id") == GIVEN]
    assert ours[0].startswith("Task outbox-") and ours[0].endswith(" started"), celery_worker_process.log()
    assert f"E-mail welcome:{user.pk} sent" in ours  # the task's own line
    assert ours[-1] == ours[0].replace("started", "ended: SUCCESS")
