"""When a cohort ends, each participant is invited once to give feedback, however often beat runs."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from enrolment.models import Application, Cohort
from evaluation.services import feedback_invitations_send
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.evaluation.factories import EndedCohortFactory, participant_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_run_in_process")]


def run_beat(django_capture_on_commit_callbacks) -> int:
    with django_capture_on_commit_callbacks(execute=True):
        return feedback_invitations_send()


def test_each_participant_gets_one_email_per_cohort_when_the_task_runs_twice(django_capture_on_commit_callbacks):
    cohort = EndedCohortFactory()
    accepted = participant_of(cohort)
    completed = participant_of(cohort, status=Application.Status.COMPLETED)
    ApplicationFactory(cohort=cohort, status=Application.Status.WITHDRAWN)
    ApplicationFactory(cohort=cohort, status=Application.Status.DID_NOT_COMPLETE)
    # The same person in a second ended cohort is asked about that one too.
    second = participant_of(EndedCohortFactory(), applicant=accepted.applicant)

    assert run_beat(django_capture_on_commit_callbacks) == 3
    assert run_beat(django_capture_on_commit_callbacks) == 0

    sent = sorted((message.to[0], message.body) for message in mail.outbox)
    assert [to for to, _ in sent] == sorted(
        [accepted.applicant.email, accepted.applicant.email, completed.applicant.email]
    )
    bodies = "".join(body for _, body in sent)
    assert reverse("evaluation:answer", args=[cohort.pk]) in bodies
    assert reverse("evaluation:answer", args=[second.cohort_id]) in bodies


def test_a_cohort_past_its_end_date_counts_as_ended_before_the_schedule_marks_it(django_capture_on_commit_callbacks):
    cohort = EndedCohortFactory(status=Cohort.Status.RUNNING)
    participant_of(cohort)

    assert run_beat(django_capture_on_commit_callbacks) == 1


def test_running_cancelled_and_long_ended_cohorts_invite_nobody(django_capture_on_commit_callbacks, settings):
    participant_of(CohortFactory(starts_in_days=-5, status=Cohort.Status.RUNNING))
    participant_of(EndedCohortFactory(status=Cohort.Status.CANCELLED))
    long_ago = timezone.localdate() - timedelta(days=settings.FEEDBACK_OPEN_DAYS + 1)
    participant_of(EndedCohortFactory(starts_on=long_ago - timedelta(days=30), ends_on=long_ago))

    assert run_beat(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []
