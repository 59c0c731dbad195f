"""Webhooks on a real Celery worker and Redis, to a real receiver on loopback: an application submitted through the
pages reaches the receiver once, signed; a failing receiver is tried again with the same event id until it answers;
the task run again sends nothing more; a receiver down for a while gets one attempt at a time, never a copy of a
retry that the broker handed out again; a worker killed while posting leaves the task to another, which posts the
same event (the receiver drops it by its id)."""

import json
import re
import time
from itertools import pairwise

import pytest
from django.utils import timezone

from enrolment.models import Status, WebhookDelivery
from enrolment.services.decisions import application_offer
from enrolment.services.webhooks import webhook_endpoint_create
from enrolment.tasks import deliver_webhook
from enrolment.webhooks import WebhookEvent
from tests.conftest import wait_until
from tests.enrolment.factories import ApplicationFactory
from tests.enrolment.webhook_receiver import Receiver, apply_through_the_pages, recent_timestamp, valid_signature
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def celery_worker_env():
    return {
        "WEBHOOK_RETRY_BACKOFF_SECONDS": "1",  # retries after a second or two, not minutes
        # Redis hands out again a message unacknowledged for 4 s (not 15 minutes), checking every second.
        "CELERY_BROKER_TRANSPORT_OPTIONS": json.dumps(
            {"visibility_timeout": 4, "unacked_restore_interval": 1, "unacked_restore_throttle": 1}
        ),
    }


def succeeded_runs(worker) -> int:
    return len(re.findall(r"deliver_webhook\[[^\]]+\] succeeded", worker.log()))


def test_an_application_submitted_on_the_pages_reaches_the_receiver_once_signed_and_a_rerun_sends_nothing(
    celery_worker_process, client, admin, academy, cohort, receiver
):
    endpoint = webhook_endpoint_create(
        admin=admin, academy_id=academy.pk, url=receiver.url, events=[WebhookEvent.APPLICATION_SUBMITTED]
    )

    application = apply_through_the_pages(client, UserFactory(with_profile=True), cohort)

    assert application.status == Status.UNDER_REVIEW
    delivery = wait_until(
        lambda: WebhookDelivery.objects.filter(endpoint=endpoint, delivered_at__isnull=False).first(),
        message="the delivery posted by the worker",
    )
    [(headers, body)] = receiver.received
    assert valid_signature(headers, body, endpoint.secret) and recent_timestamp(headers)
    event = json.loads(body)
    assert headers["X-Portal-Event-Id"] == event["id"] == str(delivery.event_id)
    assert (event["type"], event["data"]["application_id"]) == ("application.submitted", application.pk)
    assert event["data"]["status"] == Status.UNDER_REVIEW
    assert "enrolment.tasks.deliver_webhook" in celery_worker_process.log()

    runs = succeeded_runs(celery_worker_process)
    deliver_webhook.delay(delivery.pk)  # as the broker would hand the task again to a worker
    deliver_webhook.delay(delivery.pk)
    wait_until(lambda: succeeded_runs(celery_worker_process) == runs + 2, message="both re-runs done")

    assert len(receiver.received) == 1
    assert [attempt.status_code for attempt in delivery.attempts.all()] == [200]


def offer_and_wait_for_the_delivery(receiver, admin, cohort) -> WebhookDelivery:
    """An endpoint at `receiver` for decisions; an application to the cohort offered a place (committed, so the
    worker is sent the delivery); returns the delivery once delivered."""
    application = ApplicationFactory(cohort=cohort, under_review=True)
    events = [WebhookEvent.APPLICATION_DECIDED]
    webhook_endpoint_create(admin=admin, academy_id=cohort.academy_id, url=receiver.url, events=events)
    application_offer(application_id=application.pk, admin=admin)
    return wait_until(
        lambda: WebhookDelivery.objects.filter(delivered_at__isnull=False).first(),
        timeout=90,
        message="the delivery posted once the receiver answers 200",
    )


def test_a_receiver_failing_twice_gets_three_attempts_with_the_same_event_id(celery_worker_process, admin, cohort):
    started = timezone.now()

    with Receiver(answers=[500, 503]) as failing:
        delivery = offer_and_wait_for_the_delivery(failing, admin, cohort)

    assert [attempt.status_code for attempt in delivery.attempts.all()] == [500, 503, 200]
    assert [attempt.response_excerpt for attempt in delivery.attempts.all()][0] == "receiver broke"
    assert [headers["X-Portal-Event-Id"] for headers, _ in failing.received] == [str(delivery.event_id)] * 3
    assert len({body for _, body in failing.received}) == 1  # the same event, byte for byte
    assert all(valid_signature(headers, body, delivery.endpoint.secret) for headers, body in failing.received)
    assert delivery.delivered_at > started
    assert "Retry in" in celery_worker_process.log()


def test_a_receiver_down_for_a_while_gets_one_attempt_at_a_time(celery_worker_process, admin, cohort):
    """Waits of 1, 2, 4, 8 s would pass the broker's 4 s visibility timeout, and a copy of the retry would post
    beside it; each wait stays under it, so the attempts come one by one."""
    with Receiver(answers=[503] * 5) as failing:
        delivery = offer_and_wait_for_the_delivery(failing, admin, cohort)
        time.sleep(3)  # longer than any wait: a copy handed out again would have posted by now

    attempts = list(delivery.attempts.order_by("started_at"))
    assert [attempt.status_code for attempt in attempts] == [503] * 5 + [200]
    gaps = [(later.started_at - earlier.started_at).total_seconds() for earlier, later in pairwise(attempts)]
    assert min(gaps) > 0.8, f"two attempts at once: {gaps}"
    assert len(failing.received) == 6


def test_a_worker_killed_while_posting_leaves_the_same_event_to_another(celery_workers, admin, cohort):
    """At least once: the receiver may see the event twice, always with the same id and body, and one attempt
    (the one that finished) is recorded."""
    with Receiver(stall_seconds=30) as stalling:
        first = celery_workers()
        application = ApplicationFactory(cohort=cohort, under_review=True)
        events = [WebhookEvent.APPLICATION_DECIDED]
        webhook_endpoint_create(admin=admin, academy_id=cohort.academy_id, url=stalling.url, events=events)
        application_offer(application_id=application.pk, admin=admin)
        wait_until(lambda: stalling.received, message="the worker in the middle of posting")
        first.process.kill()
        first.process.wait()
        assert not WebhookDelivery.objects.filter(delivered_at__isnull=False).exists()

        second = celery_workers()
        delivery = wait_until(
            lambda: WebhookDelivery.objects.filter(delivered_at__isnull=False).first(),
            timeout=60,
            message="the same task run again by a new worker",
        )

    assert "deliver_webhook" in second.log()
    assert [headers["X-Portal-Event-Id"] for headers, _ in stalling.received] == [str(delivery.event_id)] * 2
    assert len({body for _, body in stalling.received}) == 1
    assert [attempt.status_code for attempt in delivery.attempts.all()] == [200]
