"""Redis stopped while staff submit applications: every submission is saved and the applicant told so at once;
the e-mails wait in the outbox and go out exactly once when Redis is back. The test stops a Redis of its own,
which the test process's Celery app and the worker use, so the test run's broker is never touched.

A broker that loses its data between publish and run loses no e-mail either: the outbox keeps each row until its
task has run, and publishes again what the broker lost.

A worker killed in the middle of sending is tests/enrolment/test_worker_reliability.py."""

import time

import pytest
import redis

from enrolment.models import Application, Status
from enrolment.services.applications import application_start
from portal.models import EmailDelivery, OutboxMessage
from portal.tasks import drain_outbox
from tests.conftest import wait_until
from tests.enrolment.factories import CohortFactory, submit_through_the_form
from tests.portal.factories import UserFactory
from tests.support.email_backends import sent_emails
from tests.support.servers import RedisServer, celery_broker

pytestmark = pytest.mark.django_db(transaction=True)

APPLICANTS = 3
EMAILS_PER_SUBMISSION = 2  # "Application submitted" to the applicant, and the request to their line manager
REQUEST_TIME_LIMIT = 3  # seconds: a broker outage must not hold a request up


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path / "redis")
    server.start()
    with celery_broker(server.url):
        yield server
    server.stop()


@pytest.fixture
def celery_worker_env(redis_server, email_dir):
    return {
        "CELERY_BROKER_URL": redis_server.url,
        "TEST_EMAIL_BACKEND": "tests.support.email_backends.RecordingBackend",
        "TEST_EMAIL_DIR": str(email_dir),
    }


def test_applications_submitted_while_redis_is_down_are_saved_and_their_emails_go_out_once_it_is_back(
    redis_server, celery_workers, email_dir, client
):
    cohort = CohortFactory()
    drafts = [
        application_start(applicant=UserFactory(with_profile=True), programme=cohort.programme)
        for _ in range(APPLICANTS)
    ]
    redis_server.stop()

    for draft in drafts:
        client.force_login(draft.applicant)
        status, page, seconds = submit_through_the_form(client, draft)
        assert status == 200
        assert "Application submitted" in page
        assert seconds < REQUEST_TIME_LIMIT, f"the submission took {seconds:.1f}s with the broker down"

    assert set(Application.objects.values_list("status", flat=True)) == {Status.AWAITING_MANAGER}
    waiting = OutboxMessage.objects.all()
    assert waiting.count() == APPLICANTS * EMAILS_PER_SUBMISSION
    assert all(message.attempts == 1 and message.last_error for message in waiting)
    assert not EmailDelivery.objects.exists()

    redis_server.start()
    worker = celery_workers()
    drain_outbox.delay()
    expected = APPLICANTS * EMAILS_PER_SUBMISSION
    wait_until(lambda: len(sent_emails(email_dir)) == expected, timeout=60, message=f"{expected} e-mails sent")
    wait_until(lambda: not OutboxMessage.objects.exists(), message="each outbox row removed once its task ran")
    assert EmailDelivery.objects.filter(sent_at__isnull=False).count() == expected

    drain_outbox.delay()
    wait_until(lambda: worker.log().count("portal.tasks.drain_outbox") >= 4, message="the second drain done")
    assert len(sent_emails(email_dir)) == expected
    assert EmailDelivery.objects.count() == expected


def test_a_broker_that_loses_its_data_between_publish_and_run_loses_no_email(
    redis_server, celery_workers, email_dir, client, settings
):
    cohort = CohortFactory()
    drafts = [
        application_start(applicant=UserFactory(with_profile=True), programme=cohort.programme)
        for _ in range(APPLICANTS)
    ]
    for draft in drafts:
        client.force_login(draft.applicant)
        assert submit_through_the_form(client, draft)[0] == 200
    expected = APPLICANTS * EMAILS_PER_SUBMISSION
    assert OutboxMessage.objects.filter(published_at__isnull=False).count() == expected, "published, and kept"

    redis.Redis.from_url(redis_server.url).flushall()  # as a Redis restarted without persistence would be
    assert drain_outbox.apply().get() == 0, "published a moment ago: not yet taken for lost"
    settings.OUTBOX_REDELIVER_SECONDS = 0
    assert drain_outbox.apply().get() == expected
    drain_outbox.apply()  # published twice over: the e-mail's key still holds

    celery_workers()
    wait_until(lambda: len(sent_emails(email_dir)) == expected, timeout=60, message=f"{expected} e-mails sent")
    wait_until(lambda: not OutboxMessage.objects.exists(), message="each outbox row removed once its task ran")
    assert drain_outbox.apply().get() == 0
    time.sleep(1)  # a duplicate, if any, would arrive now
    assert len(sent_emails(email_dir)) == expected
    assert EmailDelivery.objects.filter(sent_at__isnull=False).count() == expected
