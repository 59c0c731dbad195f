"""The cohort schedule that Celery beat runs: statuses by date, and reminders sent once, catching up after a pause."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from enrolment.models import Cohort, CohortSession
from enrolment.selectors import (
    COHORT_STARTS_IN_A_WEEK,
    COHORT_STARTS_TOMORROW,
    OFFER_EXPIRING,
    SESSION_TOMORROW,
    reminders_due,
)
from enrolment.services.cohorts import cohorts_advance_schedule
from enrolment.services.reminders import reminders_send
from tests.enrolment.factories import ApplicationFactory, CohortFactory

pytestmark = pytest.mark.django_db


def test_cohorts_move_through_their_statuses_by_date_and_a_rerun_changes_nothing():
    opening = CohortFactory()
    closed = CohortFactory(closed=True)
    running = CohortFactory(starts_in_days=-10, closed=True)
    finished = CohortFactory(starts_in_days=-200, lasts_days=100, closed=True)
    later = CohortFactory(opens_later=True)
    Cohort.objects.update(status=Cohort.Status.SCHEDULED)

    assert cohorts_advance_schedule() == 4
    assert cohorts_advance_schedule() == 0

    statuses = dict(Cohort.objects.values_list("pk", "status"))
    assert statuses == {
        opening.pk: Cohort.Status.OPEN,
        closed.pk: Cohort.Status.CLOSED,
        running.pk: Cohort.Status.RUNNING,
        finished.pk: Cohort.Status.FINISHED,
        later.pk: Cohort.Status.SCHEDULED,
    }


def test_after_a_pause_the_schedule_catches_up_in_one_run():
    cohort = CohortFactory(opens_in_days=-40, closes_in_days=-20, starts_in_days=-5)
    Cohort.objects.filter(pk=cohort.pk).update(status=Cohort.Status.SCHEDULED)

    cohorts_advance_schedule()

    assert Cohort.objects.get(pk=cohort.pk).status == Cohort.Status.RUNNING


def test_a_cancelled_cohort_stays_cancelled():
    cohort = CohortFactory(starts_in_days=-1)
    Cohort.objects.filter(pk=cohort.pk).update(status=Cohort.Status.CANCELLED)

    cohorts_advance_schedule()

    assert Cohort.objects.get(pk=cohort.pk).status == Cohort.Status.CANCELLED


def test_each_reminder_falls_due_at_its_time():
    now = timezone.now()
    expiring = ApplicationFactory(offered=True, offer_expires_at=now + timedelta(hours=30))
    ApplicationFactory(offered=True, offer_expires_at=now + timedelta(days=5))
    week = ApplicationFactory(accepted=True, cohort=CohortFactory(starts_in_days=6))
    tomorrow = ApplicationFactory(accepted=True, cohort=CohortFactory(starts_in_days=1))
    ApplicationFactory(accepted=True, cohort=CohortFactory(starts_in_days=20))
    in_session = ApplicationFactory(accepted=True, cohort=CohortFactory(starts_in_days=-20))
    start = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=1), time(9, 30)))
    session = CohortSession.objects.create(
        cohort=in_session.cohort, title="Workshop 3", starts_at=start, ends_at=start + timedelta(hours=6), venue="Hall"
    )

    assert sorted(reminders_due()) == sorted(
        [
            (OFFER_EXPIRING, expiring.pk, None),
            (COHORT_STARTS_IN_A_WEEK, week.pk, None),
            (COHORT_STARTS_TOMORROW, tomorrow.pk, None),
            (SESSION_TOMORROW, in_session.pk, session.pk),
        ]
    )


@pytest.mark.usefixtures("tasks_run_in_process")
def test_reminders_run_twice_are_sent_once(django_capture_on_commit_callbacks):
    ApplicationFactory(offered=True, offer_expires_at=timezone.now() + timedelta(hours=20))
    ApplicationFactory(accepted=True, cohort=CohortFactory(starts_in_days=3))

    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send() == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send() == 0

    assert sorted(message.subject.split(":")[0] for message in mail.outbox) == [
        "Your cohort starts in a week",
        "Your offer expires soon",
    ]
