"""The schedule's reliability on a real worker and Redis: reminders once, retries after a mail server failure,
and a task whose worker died part-way runs again with its effect once."""

import json
import re

import pytest

from enrolment.tasks import send_reminders
from portal.models import EmailDelivery
from tests.conftest import wait_until
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.support.email_backends import sent_emails

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def celery_worker_env(request, email_dir):
    backend = getattr(request, "param", "RecordingBackend")
    return {
        "TEST_EMAIL_BACKEND": f"tests.support.email_backends.{backend}",
        "TEST_EMAIL_DIR": str(email_dir),
        # Give a dead worker's task back after 3 s, checking every second, rather than after an hour.
        "CELERY_BROKER_TRANSPORT_OPTIONS": json.dumps(
            {"visibility_timeout": 3, "unacked_restore_interval": 1, "unacked_restore_throttle": 1}
        ),
    }


def test_the_periodic_reminder_run_twice_sends_each_reminder_once(celery_worker_process, email_dir):
    ApplicationFactory(accepted=True, cohort=CohortFactory(starts_in_days=3))

    send_reminders.delay()
    wait_until(lambda: len(sent_emails(email_dir)) == 1, message="the reminder sent")
    send_reminders.delay()
    wait_until(lambda: celery_worker_process.log().count("send_reminders") >= 4, message="the second run done")

    assert len(sent_emails(email_dir)) == 1
    assert EmailDelivery.objects.filter(key__startswith="reminder:", sent_at__isnull=False).count() == 1


@pytest.mark.parametrize("celery_worker_env", ["FailsOnceBackend"], indirect=True)
def test_a_task_that_meets_a_transient_mail_error_retries_and_succeeds(celery_worker_process, email_dir):
    ApplicationFactory(accepted=True, cohort=CohortFactory(starts_in_days=3))

    send_reminders.delay()

    wait_until(lambda: len(sent_emails(email_dir)) == 1, timeout=60, message="the e-mail sent on retry")
    assert (email_dir / "failed-once").exists()
    assert "Retry in" in celery_worker_process.log()
    assert EmailDelivery.objects.get().sent_at is not None


@pytest.mark.parametrize("celery_worker_env", ["StallsOnceBackend"], indirect=True)
def test_a_worker_killed_while_sending_leaves_the_task_to_run_again_and_the_email_goes_once(
    celery_workers, email_dir
):
    ApplicationFactory(accepted=True, cohort=CohortFactory(starts_in_days=3))
    first = celery_workers()
    send_reminders.delay()
    wait_until(lambda: (email_dir / "stalled-once").exists(), message="the worker in the middle of sending")

    first.process.kill()
    first.process.wait()
    assert sent_emails(email_dir) == []
    assert not EmailDelivery.objects.filter(sent_at__isnull=False).exists()
    task_id = re.search(r"send_reminder_email\[([\w-]+)\] received", first.log()).group(1)

    second = celery_workers()
    finished = f"send_reminder_email[{task_id}] succeeded"
    wait_until(lambda: finished in second.log(), timeout=60, message="the same task run again by a new worker")
    assert len(sent_emails(email_dir)) == 1
    assert EmailDelivery.objects.filter(sent_at__isnull=False).count() == 1
