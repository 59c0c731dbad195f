"""A decision-due date per application under review, the academy's list filtered and sorted by it, and the
reminder to the academy's admins once it has passed: sent once per admin, however often beat runs."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from enrolment.models import Application, Status
from enrolment.services.decision_due import decision_due_date, decision_reminders_send
from enrolment.services.decisions import application_offer
from enrolment.services.transitions import application_transition
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.enrolment.factories import ApplicationFactory, CohortFactory

pytestmark = pytest.mark.django_db
LIST_URL = reverse("enrolment:academy_applications")


@pytest.fixture
def cohort():
    return CohortFactory(capacity=5, academy=AcademyFactory(local_partner=True), starts_in_days=90)


@pytest.fixture
def admin(cohort):
    return AcademyAdminFactory(academy=cohort.academy).user


def overdue(cohort, days: int = 3) -> Application:
    return ApplicationFactory(
        cohort=cohort, under_review=True, decision_due_on=timezone.localdate() - timedelta(days=days)
    )


@override_settings(DECISION_WORKING_DAYS=3)
def test_due_is_working_days_after_review_starts_skipping_weekends_and_bank_holidays(cohort):
    application = ApplicationFactory.build(cohort=cohort)

    # Thursday 24 December 2026: Friday is Christmas Day and Monday 28 December the Boxing Day holiday.
    assert decision_due_date(application, today=date(2026, 12, 24)) == date(2026, 12, 31)


def test_due_is_no_later_than_the_cohorts_last_day_to_join(cohort):
    cohort.joining_closes_on = timezone.localdate() + timedelta(days=2)
    application = ApplicationFactory.build(cohort=cohort)

    assert decision_due_date(application, today=timezone.localdate()) == cohort.joining_closes_on


def test_reaching_the_academy_sets_the_due_date(cohort):
    application = ApplicationFactory(cohort=cohort, status=Status.AWAITING_MANAGER)

    application_transition(application, Status.UNDER_REVIEW)

    application.refresh_from_db()
    assert application.decision_due_on == decision_due_date(application, today=timezone.localdate())
    assert application.decision_due_on > timezone.localdate()


def test_the_list_shows_overdue_decisions_and_filters_and_sorts_by_due_date(client, cohort, admin):
    late, later = overdue(cohort, days=1), overdue(cohort, days=5)
    on_time = ApplicationFactory(
        cohort=cohort, under_review=True, decision_due_on=timezone.localdate() + timedelta(days=4)
    )
    client.force_login(admin)

    assert set(client.get(LIST_URL, {"show": "overdue"}).context["applications"]) == {later, late}
    assert list(client.get(LIST_URL, {"sort": "due"}).context["applications"]) == [later, late, on_time]
    assert client.get(LIST_URL).content.decode().count(">Overdue</strong>") == 2


@pytest.mark.usefixtures("tasks_run_in_process")
def test_the_reminder_goes_to_each_admin_once_however_often_beat_runs(
    cohort, admin, django_capture_on_commit_callbacks
):
    other_admin = AcademyAdminFactory(academy=cohort.academy).user
    application = overdue(cohort)
    ApplicationFactory(cohort=cohort, under_review=True, decision_due_on=timezone.localdate() + timedelta(days=1))
    ApplicationFactory(cohort=cohort, offered=True, decision_due_on=timezone.localdate() - timedelta(days=9))

    with django_capture_on_commit_callbacks(execute=True):
        assert decision_reminders_send() == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert decision_reminders_send() == 0

    assert sorted(message.to[0] for message in mail.outbox) == sorted([admin.email, other_admin.email])
    assert all(application.applicant.full_name in message.subject for message in mail.outbox)
    assert reverse("enrolment:academy_application", args=[application.pk]) in mail.outbox[0].body


@pytest.mark.usefixtures("tasks_run_in_process")
def test_a_decided_application_gets_no_reminder(cohort, admin, django_capture_on_commit_callbacks):
    application = overdue(cohort)
    application_offer(application_id=application.pk, admin=admin)

    with django_capture_on_commit_callbacks(execute=True):
        assert decision_reminders_send() == 0

    assert not [message for message in mail.outbox if "Decision overdue" in message.subject]


@pytest.mark.usefixtures("tasks_run_in_process")
def test_a_regional_application_reminds_the_admins_of_academies_running_the_programme_there(
    cohort, admin, django_capture_on_commit_callbacks
):
    cohort.region = cohort.academy.region
    cohort.save()
    application = ApplicationFactory(
        cohort=None,
        programme=cohort.programme,
        region=cohort.region,
        under_review=True,
        decision_due_on=timezone.localdate() - timedelta(days=1),
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert decision_reminders_send() == 1

    assert [message.to for message in mail.outbox] == [[admin.email]]
    assert application.applicant.full_name in mail.outbox[0].subject


def test_the_beat_schedule_runs_the_reminder(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert "enrolment.tasks.remind_overdue_decisions" in tasks
