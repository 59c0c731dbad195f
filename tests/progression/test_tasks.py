"""The beat task asks each completion once per point, 6 and 12 months after it, and e-mails each question once."""

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.db import IntegrityError
from django.utils import timezone

from progression import services
from progression.models import FollowUp
from progression.tasks import ask_follow_ups, send_follow_up_email
from tests.progression.factories import FollowUpFactory, completed_place

pytestmark = pytest.mark.django_db


def _asked(application) -> list[int]:
    return list(FollowUp.objects.filter(application=application).values_list("point", flat=True))


@pytest.mark.usefixtures("tasks_run_in_process")
def test_the_task_run_twice_sends_one_email_per_person_and_point(django_capture_on_commit_callbacks):
    six = completed_place(months_ago=6, days_ago=1, applicant__email="six@example.nhs.test")
    twelve = completed_place(months_ago=12, days_ago=1, applicant__email="twelve@example.nhs.test")

    with django_capture_on_commit_callbacks(execute=True):
        assert ask_follow_ups() == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert ask_follow_ups() == 0

    assert sorted(message.to[0] for message in mail.outbox) == ["six@example.nhs.test", "twelve@example.nhs.test"]
    assert _asked(six) == [6]
    assert _asked(twelve) == [12]
    (message,) = (message for message in mail.outbox if message.to == ["six@example.nhs.test"])
    assert "/follow-up/" in message.body
    assert six.programme.title in message.subject


def test_a_follow_up_is_emailed_once_however_often_its_task_runs():
    follow_up = FollowUpFactory()

    assert send_follow_up_email(follow_up.pk) is True
    assert send_follow_up_email(follow_up.pk) is False

    assert len(mail.outbox) == 1


def test_a_completion_is_asked_once_per_point_even_past_the_task():
    follow_up = FollowUpFactory()

    with pytest.raises(IntegrityError):
        FollowUp.objects.create(
            application=follow_up.application, point=follow_up.point, completed_at=follow_up.completed_at
        )


@pytest.mark.parametrize(
    ("months_ago", "points"),
    [(5, []), (6, [6]), (7, [6]), (9, []), (11, []), (12, [12]), (13, [12]), (15, [])],
)
def test_a_point_is_asked_from_its_month_for_three_months(months_ago, points):
    place = completed_place(months_ago=months_ago, days_ago=1 if months_ago in (6, 12) else 0)

    services.follow_ups_ask_due()

    assert _asked(place) == points


def test_five_months_asks_nothing_and_seven_months_asks_six():
    """The boundaries the brief names, a day either side of nothing: 5 months is not yet due, 7 months is."""
    now = timezone.now()
    five = completed_place(months_ago=5)
    seven = completed_place(months_ago=7)

    services.follow_ups_ask_due(now=now)

    assert _asked(five) == []
    assert _asked(seven) == [6]
    services.follow_ups_ask_due(now=now + relativedelta(months=1, days=1))
    assert _asked(five) == [6]


def test_an_incomplete_place_or_an_erased_person_is_never_asked():
    place = completed_place(months_ago=7)
    place.applicant.is_active = False
    place.applicant.save()
    did_not = completed_place(months_ago=7)
    did_not.status = did_not.Status.DID_NOT_COMPLETE
    did_not.save()

    assert services.follow_ups_ask_due() == 0


def test_an_answered_or_closed_follow_up_is_not_emailed():
    answered = FollowUpFactory(answered_at=timezone.now())
    closed = FollowUpFactory(asked_at=timezone.now() - relativedelta(months=3))

    assert send_follow_up_email(answered.pk) is False
    assert send_follow_up_email(closed.pk) is False
    assert mail.outbox == []
