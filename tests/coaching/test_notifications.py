"""E-mails by Celery: each event is sent once, to the person it concerns, after the change commits."""

import pytest
from django.core import mail

from coaching import services
from coaching.tasks import send_coaching_request_email
from portal.models import EmailDelivery
from tests.coaching.factories import CoachingRequestFactory

pytestmark = pytest.mark.django_db


def test_running_the_task_twice_sends_one_email():
    coaching_request = CoachingRequestFactory(accepted=True)

    assert send_coaching_request_email(coaching_request.pk, "accepted") is True
    assert send_coaching_request_email(coaching_request.pk, "accepted") is False

    assert len(mail.outbox) == 1
    assert EmailDelivery.objects.get(key=f"coaching-request:{coaching_request.pk}:accepted").sent_at is not None


def test_an_unknown_request_or_event_sends_nothing():
    coaching_request = CoachingRequestFactory()

    assert send_coaching_request_email(987654, "made") is False
    assert send_coaching_request_email(coaching_request.pk, "exploded") is False
    assert mail.outbox == []


def test_a_request_emails_the_coach_without_the_mentees_address(
    mentee, coach, django_capture_on_commit_callbacks, tasks_run_in_process
):
    with django_capture_on_commit_callbacks(execute=True):
        services.coaching_request_create(mentee=mentee, coach_id=coach.pk, kind="coaching", message="Hello")

    (message,) = mail.outbox
    assert message.to == [coach.user.email]
    assert message.subject == "Mo Mentee asks you for coaching"
    assert mentee.email not in message.body


def test_accepting_emails_the_mentee_the_coachs_address(
    mentee, coach, django_capture_on_commit_callbacks, tasks_run_in_process
):
    coaching_request = CoachingRequestFactory(mentee=mentee, coach=coach)

    with django_capture_on_commit_callbacks(execute=True):
        services.coaching_request_accept(request_id=coaching_request.pk, coach_user=coach.user)

    (message,) = mail.outbox
    assert message.to == [mentee.email]
    assert "cara.coach@example.nhs.test" in message.body
    assert coaching_request.get_absolute_url() in message.body


def test_declining_emails_the_mentee(mentee, coach, django_capture_on_commit_callbacks, tasks_run_in_process):
    coaching_request = CoachingRequestFactory(mentee=mentee, coach=coach)

    with django_capture_on_commit_callbacks(execute=True):
        services.coaching_request_decline(request_id=coaching_request.pk, coach_user=coach.user)

    (message,) = mail.outbox
    assert (message.to, message.subject) == ([mentee.email], "Your request was declined")
    assert coach.user.email not in message.body


@pytest.mark.parametrize("closer", ["mentee", "coach"])
def test_closing_emails_the_other_side(mentee, coach, closer, django_capture_on_commit_callbacks, tasks_run_in_process):
    coaching_request = CoachingRequestFactory(mentee=mentee, coach=coach, accepted=True)
    by, other = (mentee, coach.user) if closer == "mentee" else (coach.user, mentee)

    with django_capture_on_commit_callbacks(execute=True):
        services.coaching_relationship_close(request_id=coaching_request.pk, user=by)

    (message,) = mail.outbox
    assert message.to == [other.email]
    assert message.subject.startswith(f"{by.full_name} has closed your coaching relationship")


def test_a_refused_change_enqueues_nothing(coach, django_capture_on_commit_callbacks):
    CoachingRequestFactory.create_batch(2, coach=coach, accepted=True)
    waiting = CoachingRequestFactory(coach=coach)

    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(services.CoachingError):
        services.coaching_request_accept(request_id=waiting.pk, coach_user=coach.user)

    assert callbacks == []
