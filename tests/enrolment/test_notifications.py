from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from enrolment.models import Status
from enrolment.tasks import send_application_event_email
from tests.enrolment.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_the_same_notification_task_run_twice_sends_one_email():
    application = ApplicationFactory(under_review=True)
    event = application.move_to(Status.UNSUCCESSFUL, reason="Too few places this year.")

    assert send_application_event_email(event.pk) is True
    assert send_application_event_email(event.pk) is False

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [application.applicant.email]
    assert "Too few places this year." in message.body
    assert message.alternatives[0][1] == "text/html"
    assert "Too few places this year." in message.alternatives[0][0]


@pytest.mark.parametrize(
    ("source", "target", "subject"),
    [
        (Status.UNDER_REVIEW, Status.OFFERED, "You have been offered a place"),
        (Status.UNDER_REVIEW, Status.WAITLISTED, "You are on the waiting list"),
        (Status.OFFERED, Status.ACCEPTED, "Your place is confirmed"),
        (Status.OFFERED, Status.OFFER_EXPIRED, "Your offer has expired"),
        (Status.OFFERED, Status.WITHDRAWN, "You withdrew your application"),
    ],
)
def test_each_change_of_status_has_its_own_email(source, target, subject):
    application = ApplicationFactory(status=source, offer_expires_at=timezone.now() + timedelta(days=7))
    event = application.move_to(target)

    send_application_event_email(event.pk)

    assert mail.outbox[0].subject.startswith(subject)
    assert application.programme.title in mail.outbox[0].subject


def test_an_offer_email_gives_its_deadline_in_uk_time():
    summer_deadline = datetime(2027, 7, 1, 11, 0, tzinfo=UTC)  # noon in London (BST)
    application = ApplicationFactory(under_review=True, offer_expires_at=summer_deadline)
    event = application.move_to(Status.OFFERED)

    send_application_event_email(event.pk)

    assert "Accept or decline it by 1 July 2027, 12:00" in mail.outbox[0].body
