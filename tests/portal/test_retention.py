"""Closed applications keep their free text for APPLICATION_RETENTION_DAYS, then a periodic task empties it."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from enrolment.models import Application, ApplicationEvent, Status
from enrolment.personal_data import applications_retention_apply
from portal.models import AuditEntry
from portal.tasks import apply_retention
from tests.enrolment.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

FREE_TEXT = {
    "supporting_statement": "My statement",
    "answers": {"1": "My answer"},
    "job_title": "Ward manager",
    "line_manager_email": "boss@example.nhs.test",
    "manager_comment": "Ready for it",
    "decision_reason": "Not this year",
    "budget_holder_name": "Bea Holder",
    "budget_holder_email": "bea.holder@example.nhs.test",
    "bursary_statement": "I cannot pay the fee.",
}


def closed(days_ago: int, status=Status.UNSUCCESSFUL) -> Application:
    """An application that reached `status` (with its reason in the history) `days_ago` days ago."""
    application = ApplicationFactory(status=status, **FREE_TEXT)
    ApplicationEvent.objects.create(
        application=application, from_status=Status.UNDER_REVIEW, to_status=status, reason="Not this year",
        created_at=timezone.now() - timedelta(days=days_ago),
    )
    return application


def text_of(application: Application) -> dict:
    application.refresh_from_db()
    return {name: getattr(application, name) for name in FREE_TEXT}


def test_free_text_of_applications_closed_longer_than_the_retention_is_emptied():
    days = settings.APPLICATION_RETENTION_DAYS
    old, recent = closed(days + 1), closed(days - 1)
    withdrawn_long_ago = closed(days + 400, status=Status.WITHDRAWN)

    assert applications_retention_apply() == 2

    for application in (old, withdrawn_long_ago):
        assert text_of(application) == {name: {} if name == "answers" else "" for name in FREE_TEXT}
        assert not application.events.exclude(reason="").exists()
        assert application.status in (Status.UNSUCCESSFUL, Status.WITHDRAWN), "only the text goes"
    assert text_of(recent) == FREE_TEXT


def test_an_open_application_keeps_its_text_however_old():
    application = ApplicationFactory(under_review=True, **FREE_TEXT)
    ApplicationEvent.objects.create(
        application=application, from_status=Status.DRAFT, to_status=Status.UNDER_REVIEW,
        created_at=timezone.now() - timedelta(days=5000),
    )

    assert applications_retention_apply() == 0
    assert text_of(application) == FREE_TEXT


def test_running_it_again_changes_nothing_and_logs_nothing_more():
    closed(settings.APPLICATION_RETENTION_DAYS + 10)

    assert applications_retention_apply() == 1
    assert applications_retention_apply() == 0
    assert AuditEntry.objects.filter(action=AuditEntry.Action.RETENTION_APPLIED).count() == 1


def test_the_retention_period_is_a_setting(settings):
    settings.APPLICATION_RETENTION_DAYS = 30
    application = closed(31)

    assert applications_retention_apply() == 1
    assert text_of(application)["supporting_statement"] == ""


def test_beat_runs_the_retention_task_daily():
    closed(settings.APPLICATION_RETENTION_DAYS + 1)

    schedule = settings.CELERY_BEAT_SCHEDULE["apply-retention"]
    assert schedule == {"task": "portal.tasks.apply_retention", "schedule": 86400}
    assert apply_retention() == 1
